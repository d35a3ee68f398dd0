"""新建/编辑培训计划: the plan, its courses and exams, saved as one form through the plans service."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDoubleSpinBox, QHeaderView, QSpinBox, QTableWidget, QTableWidgetItem

from tjce_desktop.domain.enums import CourseCategory, ExamType
from tjce_desktop.domain.errors import UserError
from tjce_desktop.gui.dialogs import show_error
from tjce_desktop.gui.forms.ui_plan_dialog import Ui_PlanDialog
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.services.plans import CourseForm, ExamForm, PlanForm, create_plan, load_form, update_plan, validate

_ID_ROLE = Qt.ItemDataRole.UserRole


def _combo(enum_type, value) -> QComboBox:
    combo = QComboBox()
    for member in enum_type:
        combo.addItem(member.label, member.value)
    combo.setCurrentIndex(max(0, combo.findData(value.value)))
    return combo


def _number(value: float, maximum: float, decimals: int = 1) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setDecimals(decimals)
    spin.setRange(0, maximum)
    spin.setValue(value)
    return spin


class PlanDialog(QDialog):
    def __init__(self, runner: TaskRunner, actor, plan_id: uuid.UUID | None = None, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_PlanDialog()
        self.ui.setupUi(self)
        self.runner, self.actor, self.plan_id = runner, actor, plan_id
        self.saved_plan_id: uuid.UUID | None = None
        ui = self.ui
        for table, headers in ((ui.course_table, ("课程名称", "类别", "学时")),
                               (ui.exam_table, ("考试名称", "考试方式", "可考次数", "合格分数"))):
            table.setColumnCount(len(headers))
            table.setHorizontalHeaderLabels(headers)
            table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            table.verticalHeader().setVisible(False)
        ui.add_course_button.clicked.connect(
            lambda: self.add_course(CourseForm("", CourseCategory.PUBLIC_REQUIRED, 10)))
        ui.add_exam_button.clicked.connect(lambda: self.add_exam(ExamForm("")))
        ui.remove_course_button.clicked.connect(lambda: self._remove(ui.course_table))
        ui.remove_exam_button.clicked.connect(lambda: self._remove(ui.exam_table))
        ui.button_box.accepted.connect(self.save)
        ui.button_box.rejected.connect(self.reject)
        if plan_id is None:
            year = dt.date.today().year + 1
            self.set_form(PlanForm("", year, dt.date(year, 1, 1), dt.date(year, 12, 31)))
            self.setWindowTitle("新建培训计划")
        else:
            self.setWindowTitle("编辑培训计划")
            ui.button_box.setEnabled(False)  # until the plan is read

            def loaded(form: PlanForm) -> None:
                self.set_form(form)
                ui.button_box.setEnabled(True)

            runner.read(lambda uow, _state: load_form(uow.session, plan_id), on_success=loaded,
                        error_title="读取培训计划失败")

    def set_form(self, form: PlanForm) -> None:
        ui = self.ui
        ui.name_edit.setText(form.name)
        ui.year_spin.setValue(form.year)
        ui.starts_edit.setDate(QDate(form.starts_on.year, form.starts_on.month, form.starts_on.day))
        ui.ends_edit.setDate(QDate(form.ends_on.year, form.ends_on.month, form.ends_on.day))
        ui.description_edit.setText(form.description)
        ui.course_table.setRowCount(0)
        ui.exam_table.setRowCount(0)
        for course in form.courses:
            self.add_course(course)
        for exam in form.exams:
            self.add_exam(exam)

    def add_course(self, course: CourseForm) -> None:
        table = self.ui.course_table
        row = table.rowCount()
        table.insertRow(row)
        name = QTableWidgetItem(course.name)
        name.setData(_ID_ROLE, course.id.hex if course.id else None)
        table.setItem(row, 0, name)
        table.setCellWidget(row, 1, _combo(CourseCategory, course.category))
        table.setCellWidget(row, 2, _number(course.hours, 200))

    def add_exam(self, exam: ExamForm) -> None:
        table = self.ui.exam_table
        row = table.rowCount()
        table.insertRow(row)
        name = QTableWidgetItem(exam.name)
        name.setData(_ID_ROLE, exam.id.hex if exam.id else None)
        table.setItem(row, 0, name)
        table.setCellWidget(row, 1, _combo(ExamType, exam.exam_type))
        attempts = QSpinBox()
        attempts.setRange(1, 10)
        attempts.setValue(exam.max_attempts)
        table.setCellWidget(row, 2, attempts)
        table.setCellWidget(row, 3, _number(exam.pass_score, 100))

    @staticmethod
    def _remove(table: QTableWidget) -> None:
        for row in sorted({index.row() for index in table.selectedIndexes()}, reverse=True):
            table.removeRow(row)

    def form(self) -> PlanForm:
        ui = self.ui

        def key(item) -> uuid.UUID | None:
            value = item.data(_ID_ROLE) if item else None
            return uuid.UUID(hex=value) if value else None

        courses = [CourseForm((ui.course_table.item(r, 0) or QTableWidgetItem("")).text(),
                              CourseCategory(ui.course_table.cellWidget(r, 1).currentData()),
                              ui.course_table.cellWidget(r, 2).value(), key(ui.course_table.item(r, 0)))
                   for r in range(ui.course_table.rowCount())]
        exams = [ExamForm((ui.exam_table.item(r, 0) or QTableWidgetItem("")).text(),
                          ExamType(ui.exam_table.cellWidget(r, 1).currentData()),
                          ui.exam_table.cellWidget(r, 2).value(),
                          ui.exam_table.cellWidget(r, 3).value(), key(ui.exam_table.item(r, 0)))
                 for r in range(ui.exam_table.rowCount())]
        return PlanForm(ui.name_edit.text(), ui.year_spin.value(), ui.starts_edit.date().toPython(),
                        ui.ends_edit.date().toPython(), ui.description_edit.text(), courses, exams)

    def save(self) -> None:
        """Saved in the background; a refusal is shown in the dialog, which stays open."""
        actor, plan_id, form = self.actor, self.plan_id, self.form()
        problems = validate(form)  # the form's own rules at once; the service checks them again
        if problems:
            self.ui.problems_label.setText("\n".join(problems))
            return

        def op(uow, _state):
            return create_plan(uow, actor, form) if plan_id is None else update_plan(uow, actor, plan_id, form)

        def saved(plan) -> None:
            self.ui.button_box.setEnabled(True)
            self.saved_plan_id = plan.id
            self.accept()

        def failed(exc: BaseException) -> None:
            self.ui.button_box.setEnabled(True)
            if isinstance(exc, UserError):
                self.ui.problems_label.setText(str(exc))
            else:
                show_error(self, "保存培训计划", exc)

        self.ui.button_box.setEnabled(False)
        self.runner.write(op, on_success=saved, on_failure=failed)
