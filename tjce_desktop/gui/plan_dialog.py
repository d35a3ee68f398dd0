"""新建/编辑培训计划: the plan, its courses and exams, saved as one form through the plans service."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDoubleSpinBox, QHeaderView, QSpinBox, QTableWidget, \
    QTableWidgetItem

from tjce_desktop.domain.errors import UserError
from tjce_desktop.domain.enums import CourseCategory, ExamType
from tjce_desktop.gui.forms.ui_plan_dialog import Ui_PlanDialog
from tjce_desktop.services.plans import CourseForm, ExamForm, PlanForm, create_plan, load_form, update_plan
from tjce_desktop.storage.database import Database
from tjce_desktop.storage.unit_of_work import UnitOfWork

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
    def __init__(self, database: Database, actor, plan_id: uuid.UUID | None = None, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_PlanDialog()
        self.ui.setupUi(self)
        self.database, self.actor, self.plan_id = database, actor, plan_id
        self.saved_plan_id: uuid.UUID | None = None
        ui = self.ui
        for table, headers in ((ui.course_table, ("课程名称", "类别", "学时")),
                               (ui.exam_table, ("考试名称", "考试方式", "可考次数", "合格分数"))):
            table.setColumnCount(len(headers))
            table.setHorizontalHeaderLabels(headers)
            table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            table.verticalHeader().setVisible(False)
        ui.add_course_button.clicked.connect(lambda: self.add_course(CourseForm("", CourseCategory.PUBLIC_REQUIRED, 10)))
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
            with UnitOfWork(database) as uow:
                self.set_form(load_form(uow.session, plan_id))
            self.setWindowTitle("编辑培训计划")

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
                          ExamType(ui.exam_table.cellWidget(r, 1).currentData()), ui.exam_table.cellWidget(r, 2).value(),
                          ui.exam_table.cellWidget(r, 3).value(), key(ui.exam_table.item(r, 0)))
                 for r in range(ui.exam_table.rowCount())]
        return PlanForm(ui.name_edit.text(), ui.year_spin.value(), ui.starts_edit.date().toPython(),
                        ui.ends_edit.date().toPython(), ui.description_edit.text(), courses, exams)

    def save(self) -> None:
        try:
            with UnitOfWork(self.database, self.actor) as uow:
                if self.plan_id is None:
                    plan = create_plan(uow.session, self.actor, self.form())
                else:
                    plan = update_plan(uow.session, self.actor, self.plan_id, self.form())
                uow.commit()
                self.saved_plan_id = plan.id
        except UserError as exc:
            self.ui.problems_label.setText(str(exc))
            return
        self.accept()
