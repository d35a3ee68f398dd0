"""添加学员 / 编辑: one form for both; every error is shown beside its field before saving."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCompleter, QDialog, QDialogButtonBox, QLabel, QMessageBox

from tjce_desktop.domain.enums import Gender, PostType, TitleLevel
from tjce_desktop.domain.id_number import IdNumberError, parse_id_number
from tjce_desktop.gui.dialogs import show_error
from tjce_desktop.gui.forms.ui_trainee_dialog import Ui_TraineeDialog
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.orgs import OrgNode
from tjce_desktop.services.trainees import (
    TraineeDetail,
    TraineeForm,
    TraineeValidationError,
    add_trainee,
    update_trainee,
)

_FIELDS = ("username", "real_name", "id_number", "org", "phone", "email", "title_level", "post_type", "high_tech",
           "job_title")


class TraineeDialog(QDialog):
    sig_saved = Signal(object)  # TraineeDetail
    sig_transfer = Signal(str, object)  # 调入 instead: the ID number and the org's key

    def __init__(self, runner: TaskRunner, actor: Actor, orgs: list[OrgNode], *,
                 detail: TraineeDetail | None = None, default_org: OrgNode | None = None, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_TraineeDialog()
        self.ui.setupUi(self)
        self._runner, self._actor, self._detail = runner, actor, detail
        self.ui.button_box.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        self.ui.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.ui.button_box.accepted.connect(self.save)
        self.ui.button_box.rejected.connect(self.reject)
        self.ui.id_number_edit.textChanged.connect(self._show_derived)
        self._fill_orgs(orgs)
        self.clear_errors()
        if detail is None:
            self.setWindowTitle("添加学员")
            if default_org is not None:
                self._select_org(default_org.id)
        else:
            self.setWindowTitle(f"编辑学员 · {detail.real_name}")
            self._load(detail)
        self._as_opened = self.form()  # what 取消 compares with before it discards typed data

    def reject(self) -> None:
        """取消, Esc or closing the window: typed data is not thrown away without asking."""
        if self.ui.button_box.isEnabled() and self.form() != self._as_opened:
            answer = QMessageBox.question(self, self.windowTitle(), "已填写的内容还没有保存，确定要放弃吗？",
                                          QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                                          QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def _fill_orgs(self, orgs: list[OrgNode]) -> None:
        combo = self.ui.org_combo
        for org in orgs:
            combo.addItem(org.full_name, org.id.hex)  # a string: findData cannot match UUID objects
        completer = QCompleter(combo.model(), combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        combo.setCompleter(completer)
        combo.setInsertPolicy(combo.InsertPolicy.NoInsert)
        combo.setCurrentIndex(-1)

    def _select_org(self, org_id: uuid.UUID) -> None:
        index = self.ui.org_combo.findData(org_id.hex)
        self.ui.org_combo.setCurrentIndex(index)

    def _load(self, detail: TraineeDetail) -> None:
        ui = self.ui
        ui.username_edit.setText(detail.username)
        ui.real_name_edit.setText(detail.real_name)
        ui.id_number_edit.setText(detail.id_number)
        self._select_org(detail.org_id)
        ui.phone_edit.setText(detail.phone)
        ui.email_edit.setText(detail.email)
        ui.title_combo.setCurrentText(TitleLevel(detail.title_level).label)
        ui.post_combo.setCurrentText(PostType(detail.post_type).label)
        ui.high_tech_check.setChecked(detail.high_tech)
        ui.job_title_edit.setText(detail.job_title)

    def _show_derived(self, text: str) -> None:
        try:
            parsed = parse_id_number(text)
        except IdNumberError:
            self.ui.derived_value.setText("由身份证号自动得出")
            return
        self.ui.derived_value.setText(f"{Gender(parsed.gender).label} · {parsed.birth_date:%Y-%m-%d}")
        self._error_label("id_number").clear()

    def _error_label(self, field: str) -> QLabel:
        return getattr(self.ui, f"{field}_error")

    def clear_errors(self) -> None:
        for field in _FIELDS:
            self._error_label(field).clear()
        self.ui.form_error.clear()

    def show_errors(self, errors: dict[str, str]) -> None:
        self.clear_errors()
        for field, message in errors.items():
            label = self._error_label(field) if field in _FIELDS else self.ui.form_error
            label.setText(message)
        first = next((f for f in _FIELDS if f in errors), None)
        editors = {"username": self.ui.username_edit, "real_name": self.ui.real_name_edit,
                   "id_number": self.ui.id_number_edit, "org": self.ui.org_combo, "phone": self.ui.phone_edit,
                   "email": self.ui.email_edit}
        if first in editors:
            editors[first].setFocus()

    def form(self) -> TraineeForm:
        ui = self.ui
        combo = ui.org_combo
        chosen = combo.currentIndex() >= 0 and combo.currentText() == combo.itemText(combo.currentIndex())
        org_id = uuid.UUID(combo.currentData()) if chosen else None
        return TraineeForm(
            username=ui.username_edit.text(), real_name=ui.real_name_edit.text(),
            id_number=ui.id_number_edit.text(), org_id=org_id, phone=ui.phone_edit.text(),
            email=ui.email_edit.text(), title_level=ui.title_combo.currentText(),
            post_type=ui.post_combo.currentText(), high_tech=ui.high_tech_check.isChecked(),
            job_title=ui.job_title_edit.text(),
        )

    def save(self) -> None:
        form = self.form()
        if form.org_id is None:
            self.show_errors({"org": "请从列表中选择所属机构。"})
            return
        actor, existing = self._actor, self._detail

        def op(uow, _state) -> TraineeDetail:
            if existing is None:
                return add_trainee(uow, actor, form)
            return update_trainee(uow, actor, existing.id, form)

        self.ui.button_box.setEnabled(False)
        self._runner.write(op, on_success=self._saved, on_failure=self._failed)

    def _saved(self, detail: TraineeDetail) -> None:
        self.ui.button_box.setEnabled(True)
        self.sig_saved.emit(detail)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ui.button_box.setEnabled(True)
        if isinstance(exc, TraineeValidationError):
            self.show_errors(exc.errors)
            form, org = self.form(), self.ui.org_combo.currentText()
            if exc.transferable and form.org_id is not None and QMessageBox.question(
                    self, "调入", f"{exc.errors['id_number']}\n\n现在把此人调入“{org}”吗？") \
                    == QMessageBox.StandardButton.Yes:
                self.sig_transfer.emit(form.id_number, form.org_id)
                self.reject()
        else:
            show_error(self, "保存失败", exc)
