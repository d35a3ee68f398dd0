"""同步/冲突: the sync state, and each conflict side by side — the original, mine, central's —
resolved by keeping one side or by saving an edited merge (a new change that syncs as usual).
Below them the central rows held back (not stored yet, with the reason), and two actions:
核对数据 (reconcile with the central database and repair) and 重新下载全部数据.

The lists are read, and a conflict resolved (two round trips to the central database), in
the task runner; the window never waits on the network."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QMessageBox, QTableWidgetItem, QWidget

from tjce_desktop.domain.permissions import TABLE_LABELS as TABLES
from tjce_desktop.gui import page_conveniences
from tjce_desktop.gui.forms.ui_sync_page import Ui_SyncPage
from tjce_desktop.gui.sync_controller import SyncController, SyncStatus
from tjce_desktop.storage.database import Database
from tjce_desktop.sync.binding import engine_for
from tjce_desktop.sync.conflicts import ConflictError, resolve
from tjce_desktop.sync.engine import local_conflicts
from tjce_desktop.sync.pull import held_rows

KINDS = {"same_field": "同一字段两处修改", "delete_edited": "一处删除、一处修改", "edit_deleted": "修改了已删除的记录",
         "duplicate": "重复（如同一身份证号在两处添加）", "refused": "中心数据库拒绝"}
_MERGE = 4


def _parse(text: str):
    """An edited cell back to a value: numbers and true/false as such, empty as nothing, else text."""
    if not text.strip():
        return None
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return text
    return value if isinstance(value, int | float | bool) else text


def _text(value) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


class SyncPage(QWidget):
    def __init__(self, database: Database, controller: SyncController, actor_name: str, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_SyncPage()
        self.ui.setupUi(self)
        self.database, self.controller, self.actor_name = database, controller, actor_name
        self.runner = controller.runner
        self.conflicts: list[dict] = []
        self._check_note = ""  # the result of the last 核对数据, shown while no conflict is
        table = self.ui.conflicts_table
        table.setColumnCount(5)
        table.setHorizontalHeaderLabels(("类型", "表", "字段", "提出者", "时间"))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        fields = self.ui.fields_table
        fields.setColumnCount(5)
        fields.setHorizontalHeaderLabels(("字段", "原值", "本机", "中心", "合并结果（可编辑）"))
        fields.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        held = self.ui.held_table
        held.setColumnCount(5)
        held.setHorizontalHeaderLabels(("表", "记录", "原因", "尝试次数", "首次出现"))
        held.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        held.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.itemSelectionChanged.connect(self._show_selected)
        self.ui.sync_button.clicked.connect(lambda: controller.sync_now(label="正在同步…"))
        self.ui.check_button.clicked.connect(controller.check_now)
        self.ui.rebuild_button.clicked.connect(self.rebuild)
        controller.sig_checked.connect(self.show_check)
        controller.sig_synced.connect(lambda _report: setattr(self, "_check_note", ""))
        self.ui.keep_central_button.clicked.connect(lambda: self.resolve_selected("central"))
        self.ui.keep_mine_button.clicked.connect(lambda: self.resolve_selected("mine"))
        self.ui.merge_button.clicked.connect(lambda: self.resolve_selected("merge"))
        controller.sig_status.connect(self.show_status)
        self.show_status(SyncStatus(False, None, 0, 0, 0, None, ""))  # until the first status is read
        self.tools = page_conveniences.sync_page(self)

    def show_status(self, status: SyncStatus) -> None:
        extra = f"<br><span style='color:#b00020'>{status.message}</span>" if status.message else ""
        self.ui.status_label.setText(status.text() + extra)
        for button in (self.ui.sync_button, self.ui.check_button, self.ui.rebuild_button):
            button.setEnabled(status.bound)
        self.reload()

    def show_check(self, found) -> None:
        """The result of 核对数据, table by table where they differ."""
        if found.clean:
            self._check_note = "核对完成：本机数据与中心数据库一致（逐表比较行数和校验和）。"
        else:
            differing = "、".join(f"{t.label}（本机 {t.local_rows:,} / 中心 {t.central_rows:,}）"
                                 for t in found.tables if not t.matches)
            held = f"；暂存 {found.held:,} 条" if found.held else ""
            self._check_note = f"核对后仍有差异：{differing or '无'}{held}。"
        if self.selected() is None:
            self.ui.detail_label.setText(self._check_note)

    def rebuild(self) -> None:
        answer = QMessageBox.question(
            self, "重新下载全部数据",
            "从中心数据库重新下载管辖范围内的全部数据？\n尚未上传的本机修改会保留并先上传；数据较多时需要几分钟。")
        if answer == QMessageBox.StandardButton.Yes:
            self.controller.sync_now(label="正在重新下载全部数据…", rebuild=True)

    def reload(self) -> None:
        """The conflicts and the held rows, read in the background."""
        database = self.database
        self.runner.run(lambda _state: (local_conflicts(database), held_rows(database)), on_success=self._show_lists,
                        error_title="读取冲突失败")

    def _show_lists(self, lists) -> None:
        self.conflicts, held = lists
        table = self.ui.conflicts_table
        table.setRowCount(len(self.conflicts))
        for row, conflict in enumerate(self.conflicts):
            for column, value in enumerate((KINDS.get(conflict["kind"], conflict["kind"]),
                                            TABLES.get(conflict["table_name"], conflict["table_name"]),
                                            "、".join(conflict["fields"]), conflict["created_by"],
                                            str(conflict["created_at"])[:16])):
                item = QTableWidgetItem(value)
                if conflict.get("reason"):
                    item.setToolTip(conflict["reason"])
                table.setItem(row, column, item)
        self.ui.held_group.setVisible(bool(held))
        self.ui.held_table.setRowCount(len(held))
        for row, entry in enumerate(held):
            for column, value in enumerate((entry["table_label"], entry["row_id"], entry["reason"],
                                            str(entry["attempts"]), entry["first_seen"])):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.ui.held_table.setItem(row, column, item)
        self._show_selected()

    def selected(self) -> dict | None:
        row = self.ui.conflicts_table.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _show_selected(self) -> None:
        conflict = self.selected()
        fields = self.ui.fields_table
        for button in (self.ui.keep_central_button, self.ui.keep_mine_button, self.ui.merge_button):
            button.setEnabled(conflict is not None)
        if conflict is None:
            fields.setRowCount(0)
            self.ui.detail_label.setText("选择一个冲突。" if self.conflicts
                                         else (self._check_note or "没有未处理的冲突。"))
            return
        duplicate = conflict["kind"] == "duplicate" and conflict["table_name"] == "trainee"
        self.ui.merge_button.setText("合并为同一学员" if duplicate else "按“合并结果”保存")
        label = TABLES.get(conflict["table_name"], conflict["table_name"])
        if conflict["kind"] == "refused":
            # Sending it again would be refused again: the only way out is central's values.
            self.ui.keep_mine_button.setEnabled(False)
            self.ui.merge_button.setEnabled(False)
            self.ui.detail_label.setText(f"中心数据库拒绝了本机对{label}的修改：{conflict.get('reason') or ''}"
                                         "本机已恢复为中心数据库的数据；点“保留中心数据”关闭此项。")
        else:
            kind = KINDS.get(conflict["kind"], conflict["kind"])
            self.ui.detail_label.setText(f"{kind}：{label} {conflict['row_id']}")
        names = conflict["fields"]
        fields.setRowCount(len(names))
        for row, name in enumerate(names):
            original = (conflict.get("original") or {}).get(name)
            mine = conflict["mine"].get(name)
            central = (conflict.get("central") or {}).get(name)
            for column, value in enumerate((name, _text(original), _text(mine), _text(central), _text(mine))):
                item = QTableWidgetItem(value)
                if column != _MERGE:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                fields.setItem(row, column, item)

    def resolve_selected(self, choice: str) -> bool:
        """Resolve the selected conflict in the background; False when it cannot start (no
        conflict selected, or no central database to resolve it with)."""
        conflict = self.selected()
        bound, password = self.controller.bound, self.controller.password
        if conflict is None or bound is None or not password:
            self.ui.detail_label.setText("需要先连接中心数据库（文件 → 中心数据库）。")
            return False
        values = None
        if choice == "merge" and conflict["kind"] != "duplicate":
            values = {self.ui.fields_table.item(row, 0).text(): _parse(self.ui.fields_table.item(row, _MERGE).text())
                      for row in range(self.ui.fields_table.rowCount())}
        actor_name = self.actor_name

        def op(uow, _state) -> None:
            engine = engine_for(bound[0], bound[1], password)
            try:
                resolve(uow.database, engine, conflict["id"], choice, actor=actor_name, values=values)
            finally:
                engine.dispose()

        def resolved(_none) -> None:
            self.conflicts = [c for c in self.conflicts if c["id"] != conflict["id"]]
            self.controller.sync_now()  # the resolution is a change like any other: push it now

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ConflictError):
                self.ui.detail_label.setText(str(exc))
            else:
                from tjce_desktop.gui.dialogs import show_error

                show_error(self, "处理冲突失败", exc)

        self.ui.detail_label.setText("正在处理冲突…")
        self.runner.write(op, on_success=resolved, on_failure=failed)
        return True
