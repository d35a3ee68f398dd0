"""学时规定 (培训管理 menu): the yearly study-hour rules — every account reads them, a 市级管理员 edits.

The list and every save run in the task runner; a save that touches years with registrations
asks first (``services.hour_rules.ConfirmationNeeded``) and is written again with the answer.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHeaderView, QMessageBox, QTableWidgetItem

from tjce_desktop.domain.enums import CourseCategory, Role
from tjce_desktop.domain.hour_policy import CATEGORIES, HourRule, share_text
from tjce_desktop.gui.dialogs import show_error, show_info
from tjce_desktop.gui.forms.ui_hour_rules_dialog import Ui_HourRulesDialog
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.services import hour_rules
from tjce_desktop.services.actor import Actor

_HEADERS = ("起始年度", "适用年度", "总学时（一般 / 高级）", "类别最低要求", "已登记", "依据")


def _minimum_text(rule: HourRule, category: CourseCategory) -> str:
    minimum = rule.minimums.get(category)
    if minimum is None:
        return ""
    return share_text(minimum.share) if minimum.share is not None else f"{minimum.hours:g}"


class HourRulesDialog(QDialog):
    def __init__(self, runner: TaskRunner, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_HourRulesDialog()
        self.ui.setupUi(self)
        self.runner, self.actor = runner, actor
        self.entries: list[hour_rules.RuleEntry] = []
        self.editable = actor.role is Role.CITY_ADMIN
        self._edits = {CourseCategory.PUBLIC_REQUIRED: self.ui.public_required_edit,
                       CourseCategory.PUBLIC_ELECTIVE: self.ui.public_elective_edit,
                       CourseCategory.PROFESSIONAL: self.ui.professional_edit}
        table = self.ui.rules_table
        table.setColumnCount(len(_HEADERS))
        table.setHorizontalHeaderLabels(_HEADERS)
        table.verticalHeader().setVisible(False)
        # The category minimums are the rule's point: they get their whole text; the basis (a long
        # title, in its tooltip too) takes what is left.
        table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 70), (1, 85), (2, 135), (3, 235), (4, 60)):
            table.setColumnWidth(column, width)
        table.itemSelectionChanged.connect(self._on_selected)
        self.ui.rules_splitter.setSizes([780, 420])
        self.ui.save_button.clicked.connect(lambda: self.save())
        self.ui.new_button.clicked.connect(self._on_new)
        self.ui.button_box.rejected.connect(self.reject)
        for widget in (self.ui.year_spin, self.ui.standard_spin, self.ui.senior_spin, *self._edits.values(),
                       self.ui.courses_edit, self.ui.register_by_edit, self.ui.verify_by_edit,
                       self.ui.document_number_edit, self.ui.document_title_edit):
            widget.setEnabled(self.editable)
        self.ui.save_button.setVisible(self.editable)
        self.ui.new_button.setVisible(self.editable)
        if not self.editable:
            self.ui.status_label.setText("只有市级管理员可以修改学时规定；此处仅供查看。")
        self.reload()

    def reload(self, select_year: int | None = None) -> None:
        self.runner.read(lambda uow, _state: hour_rules.list_rules(uow.session),
                         on_success=lambda entries: self._show(entries, select_year), error_title="读取学时规定失败")

    def _show(self, entries: list[hour_rules.RuleEntry], select_year: int | None) -> None:
        self.entries = entries
        table = self.ui.rules_table
        table.setRowCount(len(entries))
        chosen = len(entries) - 1
        for number, entry in enumerate(entries):
            rule = entry.rule
            span = f"{entry.years[0]}–{entry.years[-1]}" if len(entry.years) else "—"
            minimums = "；".join(f"{c.label}{m.label}" for c, m in rule.minimums.items()) or "不限"
            values = ("条例" if rule.built_in else str(rule.first_year), span,
                      f"{rule.standard_hours:g} / {rule.senior_hours:g}", minimums, f"{entry.registrations:,}",
                      rule.source)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                table.setItem(number, column, item)
            if select_year is not None and rule.first_year == select_year and not rule.built_in:
                chosen = number
        if entries:
            table.selectRow(chosen)

    def _on_selected(self) -> None:
        rows = self.ui.rules_table.selectionModel().selectedRows()
        if not rows:
            return
        self.fill(self.entries[rows[0].row()].rule)

    def fill(self, rule: HourRule) -> None:
        ui = self.ui
        ui.year_spin.setValue(rule.first_year)
        ui.standard_spin.setValue(rule.standard_hours)
        ui.senior_spin.setValue(rule.senior_hours)
        for category in CATEGORIES:
            self._edits[category].setText(_minimum_text(rule, category))
        ui.courses_edit.setPlainText("\n".join(rule.required_courses))
        ui.register_by_edit.setText("%02d-%02d" % rule.register_by)
        ui.verify_by_edit.setText("%02d-%02d" % rule.verify_by)
        ui.document_number_edit.setText(rule.document_number)
        ui.document_title_edit.setText(rule.document_title)

    def _on_new(self) -> None:
        """A new year's rule, starting from the latest one's values."""
        latest = max((e.rule.first_year for e in self.entries if not e.rule.built_in), default=2023)
        self.ui.rules_table.clearSelection()
        self.ui.year_spin.setValue(min(latest + 1, hour_rules.latest_rule_year()))
        self.ui.document_number_edit.clear()
        self.ui.document_title_edit.clear()
        self.ui.year_spin.setFocus()

    def form(self) -> hour_rules.RuleForm:
        ui = self.ui
        return hour_rules.RuleForm(
            ui.year_spin.value(), ui.standard_spin.value(), ui.senior_spin.value(),
            {category: edit.text() for category, edit in self._edits.items()},
            [line for line in ui.courses_edit.toPlainText().splitlines() if line.strip()],
            ui.document_number_edit.text(), ui.document_title_edit.text(), ui.register_by_edit.text(),
            ui.verify_by_edit.text())

    def save(self, confirm: bool = False) -> None:
        if not self.editable:
            return
        form, actor = self.form(), self.actor

        def failed(exc: BaseException) -> None:
            if isinstance(exc, hour_rules.ConfirmationNeeded):
                answer = QMessageBox.question(
                    self, "修改学时规定",
                    f"{exc.years[0]}–{exc.years[-1]} 年度已有 {exc.registrations:,} 条证书登记是按原规定登记的。\n"
                    "修改后，这些年度的达标情况按新规定重新计算，已登记的年度卡片将注明“登记后学时规定已变更”。\n\n"
                    "确定修改吗？")
                if answer == QMessageBox.StandardButton.Yes:
                    self.save(confirm=True)
                return
            show_error(self, "保存学时规定失败", exc)

        def saved(change: hour_rules.RuleChange) -> None:
            if not change.changes:
                self.ui.status_label.setText(f"{form.first_year} 年起的学时规定没有变化。")
                return
            span = f"{change.years[0]}–{change.years[-1]}" if len(change.years) else str(form.first_year)
            self.ui.status_label.setText(f"已保存自 {form.first_year} 年起的学时规定（适用于 {span} 年度），"
                                         f"重新计算了 {change.requirements_updated:,} 条年度学时要求。")
            if change.registrations:
                show_info(self, "学时规定已修改", f"{span} 年度已有 {change.registrations:,} 条证书登记，"
                                                  "其年度卡片将注明“登记后学时规定已变更”。")
            self.reload(select_year=form.first_year)

        self.runner.write(lambda uow, _state: hour_rules.set_rule(uow, actor, form, confirm=confirm),
                          on_success=saved, on_failure=failed, label="正在保存学时规定…")
