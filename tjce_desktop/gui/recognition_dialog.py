"""学时认定 at the desk: record an entry for the open year card, approve or reject another
account's entries, and see the city's conversion table.

Everything is read and written in the task runner; the lists read again when a write (here,
on the card, or a sync) touched the entries or the table.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QInputDialog, QTableWidgetItem

from tjce_desktop.domain.errors import UserError
from tjce_desktop.domain.recognition import RecognitionStatus
from tjce_desktop.gui.dialogs import show_error
from tjce_desktop.gui.forms.ui_recognition_dialog import Ui_RecognitionDialog
from tjce_desktop.gui.signal_hub import SignalHub
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.services import recognition as rec
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.certificate_desk import DESK_ROLES

_ID_ROLE = Qt.ItemDataRole.UserRole
THIS_CARD, PENDING_IN_SCOPE = "本学员本年度", "管辖范围内待审核"
ENTRY_HEADERS = ("姓名", "年度", "种类", "内容", "数量", "学时", "计入", "状态", "登记人", "审核人", "说明")
# The kind's code is for `tjce recognise rules --set`, so it goes last, said as such.
RULE_HEADERS = ("类别", "名称", "每单位学时", "年度上限", "计入", "所需证明材料", "状态", "命令行代码")


@dataclass(frozen=True)
class Listing:
    rules: list[rec.RuleRow]
    entries: list[rec.EntryRow]


class RecognitionDialog(QDialog):
    def __init__(self, runner: TaskRunner, hub: SignalHub, actor: Actor, *, trainee_id: uuid.UUID | None,
                 trainee_text: str, year: int, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_RecognitionDialog()
        self.ui.setupUi(self)
        self.runner, self.actor = runner, actor
        self.trainee_id, self.year = trainee_id, year
        self.listing: Listing | None = None
        ui = self.ui
        if trainee_id is not None:
            ui.trainee_label.setText(f"学员：{trainee_text}　　年度：{year}")
        ui.show_combo.addItems([THIS_CARD, PENDING_IN_SCOPE])
        if trainee_id is None:
            ui.show_combo.setCurrentText(PENDING_IN_SCOPE)
        for table, headers in ((ui.entries_table, ENTRY_HEADERS), (ui.rules_table, RULE_HEADERS)):
            table.setColumnCount(len(headers))
            table.setHorizontalHeaderLabels(headers)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.horizontalHeader().setStretchLastSection(True)
        ui.kind_combo.currentIndexChanged.connect(lambda _index: self._show_rule_hint())
        ui.show_combo.currentIndexChanged.connect(lambda _index: self.reload())
        ui.entries_table.itemSelectionChanged.connect(self._update_buttons)
        ui.add_button.clicked.connect(self.add)
        ui.approve_button.clicked.connect(lambda: self.approve())
        ui.reject_button.clicked.connect(lambda: self.reject_entry())
        ui.button_box.button(QDialogButtonBox.StandardButton.Close).clicked.connect(self.close)
        self.watch = hub.watch(self, ("recognised_hours", "recognition_rule", "certificate_registration"),
                               self.reload, stale=True)
        self._update_buttons()

    # --- reading -------------------------------------------------------------------------------

    def reload(self) -> None:
        actor, trainee_id, year = self.actor, self.trainee_id, self.year
        pending_in_scope = self.ui.show_combo.currentText() == PENDING_IN_SCOPE or trainee_id is None

        def job(uow, _state) -> Listing:
            session = uow.session
            if pending_in_scope:
                entries = rec.list_entries(session, actor.scope(actor.scope_path), status=RecognitionStatus.PENDING)
            else:
                entries = rec.list_entries(session, actor.scope(actor.scope_path), trainee_id=trainee_id, year=year)
            return Listing(rec.list_rules(session), entries)

        self.runner.read(job, on_success=self._show, on_failure=self._failed)

    def _show(self, listing: Listing) -> None:
        self.listing = listing
        ui = self.ui
        chosen = ui.kind_combo.currentData()
        ui.kind_combo.blockSignals(True)
        ui.kind_combo.clear()
        for rule in listing.rules:
            if rule.active:
                ui.kind_combo.addItem(f"{rule.group}·{rule.name}", rule.kind)
        if chosen is not None and ui.kind_combo.findData(chosen) >= 0:
            ui.kind_combo.setCurrentIndex(ui.kind_combo.findData(chosen))
        ui.kind_combo.blockSignals(False)
        self._show_rule_hint()
        self._fill(ui.rules_table, [
            (rule.kind, (rule.group, rule.name, f"{rule.hours_per_unit:g} / {rule.unit}",
                         f"{rule.yearly_cap:g}", rule.category, rule.evidence,
                         ("默认" if rule.is_default else "已修改") + ("" if rule.active else "，已停用"), rule.kind))
            for rule in listing.rules])
        self._fill(ui.entries_table, [
            (entry.id.hex, (entry.trainee_name, str(entry.year), entry.kind_name, entry.title,
                            f"{entry.quantity:g} {entry.unit}",
                            f"{entry.hours:g}", entry.category, entry.status_label, entry.recorded_by,
                            entry.decided_by or "", entry.reject_reason or entry.note or ""))
            for entry in listing.entries])
        self._update_buttons()

    @staticmethod
    def _fill(table, rows) -> None:
        table.setRowCount(len(rows))
        for row, (key, values) in enumerate(rows):
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 0:
                    item.setData(_ID_ROLE, key)
                table.setItem(row, column, item)

    def _show_rule_hint(self) -> None:
        kind = self.ui.kind_combo.currentData()
        rule = next((r for r in (self.listing.rules if self.listing else []) if r.kind == kind), None)
        self.ui.rule_hint.setText("" if rule is None else
                                  f"每{rule.unit} {rule.hours_per_unit:g} 学时，计入{rule.category}，每年最多 "
                                  f"{rule.yearly_cap:g} 学时；所需证明材料：{rule.evidence}")
        if rule is not None and not self.ui.evidence_edit.text():
            self.ui.evidence_edit.setPlaceholderText(rule.evidence)

    def selected_entry(self) -> rec.EntryRow | None:
        row = self.ui.entries_table.currentRow()
        if row < 0 or self.listing is None or row >= len(self.listing.entries):
            return None
        return self.listing.entries[row]

    def _update_buttons(self) -> None:
        ui = self.ui
        may = self.actor.role in DESK_ROLES
        ui.add_button.setEnabled(may and self.trainee_id is not None)
        entry = self.selected_entry()
        decidable = bool(may and entry and entry.status == RecognitionStatus.PENDING
                         and entry.recorded_by != self.actor.username)
        ui.approve_button.setEnabled(decidable)
        ui.reject_button.setEnabled(decidable)

    # --- writing -------------------------------------------------------------------------------

    def _write(self, change, done: str) -> None:
        self.runner.write(lambda uow, _state: change(uow), on_success=lambda _result: self._say(done, ok=True),
                          on_failure=self._failed)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self._say(str(exc), ok=False)
        else:
            show_error(self, "学时认定", exc)

    def _say(self, text: str, *, ok: bool) -> None:
        self.ui.message_label.setStyleSheet("color: #1b7f3b;" if ok else "color: #b00020;")
        self.ui.message_label.setText(text)

    def add(self) -> None:
        ui = self.ui
        if self.trainee_id is None or ui.kind_combo.currentData() is None:
            return
        entry = rec.RecognitionEntry(ui.kind_combo.currentData(), ui.quantity_spin.value(), self.year,
                                     ui.evidence_edit.text(), ui.title_edit.text())
        actor, trainee_id = self.actor, self.trainee_id

        def added(row: rec.EntryRow) -> None:
            ui.title_edit.clear()
            ui.evidence_edit.clear()
            self._say(f"已登记 {row.kind_name} {row.hours:g} 学时，待另一账户审核。{row.note or ''}", ok=True)

        self.runner.write(lambda uow, _state: rec.add_entry(uow, actor, trainee_id, entry), on_success=added,
                          on_failure=self._failed)

    def approve(self, entry: rec.EntryRow | None = None) -> None:
        entry = entry or self.selected_entry()
        if entry is None:
            return
        actor = self.actor
        self._write(lambda uow: rec.approve(uow, actor, entry.id),
                    f"已审核通过：{entry.trainee_name} {entry.kind_name}，计入 {entry.year} 年度学时。")

    def reject_entry(self, entry: rec.EntryRow | None = None, reason: str | None = None) -> None:
        entry = entry or self.selected_entry()
        if entry is None:
            return
        if reason is None:
            reason, accepted = QInputDialog.getText(self, "驳回学时认定", "驳回原因（记入审计日志）：")
            if not accepted:
                return
        actor = self.actor
        self._write(lambda uow: rec.reject(uow, actor, entry.id, reason),
                    f"已驳回：{entry.trainee_name} {entry.kind_name}。")
