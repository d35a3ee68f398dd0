"""审计日志: filter and export the audit log, and check that nothing in it was changed.

The log is read when the page is first shown and again after every write (each is audited),
in the background like the export and the check of the whole chain."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QHeaderView, QTableWidgetItem, QWidget

from tjce_desktop.gui import page_conveniences
from tjce_desktop.gui.dialogs import show_error, show_info
from tjce_desktop.gui.export_job import export_file
from tjce_desktop.gui.forms.ui_audit_page import Ui_AuditPage
from tjce_desktop.gui.signal_hub import SignalHub
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.audit_integrity import check, local_anchors
from tjce_desktop.services.audit_log import (
    HEADERS,
    AuditFilter,
    count_log,
    export_log,
    read_log,
)
from tjce_desktop.services.audit_text import OUTCOME_LABELS
from tjce_desktop.storage.database import Database

SHOWN = 2000  # the newest entries on screen; the export has all of them


class AuditPage(QWidget):
    def __init__(self, database: Database, runner: TaskRunner, hub: SignalHub, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_AuditPage()
        self.ui.setupUi(self)
        self.database, self.runner, self.actor = database, runner, actor
        ui = self.ui
        ui.action_combo.addItem("全部", "")
        for prefix, label in (("auth.", "登录与锁屏"), ("account.", "账户"), ("trainee.", "学员"),
                              ("archive.", "档案、盖章与打印"), ("plan.", "培训计划"), ("progress.", "学习进度"),
                              ("settings.", "设置"), ("certificate.", "证书"), ("audit.", "审计日志")):
            ui.action_combo.addItem(label, prefix)
        ui.outcome_combo.addItem("全部", "")
        for value, label in OUTCOME_LABELS.items():
            ui.outcome_combo.addItem(label, value)
        table = ui.log_table
        table.setColumnCount(len(HEADERS))
        table.setHorizontalHeaderLabels(HEADERS)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        # Read left to right: who did what to what, how it ended, the details; the workstation last.
        for visual, name in enumerate(("序号", "时间", "操作人", "操作", "对象", "结果", "详情", "工作站")):
            header.moveSection(header.visualIndex(HEADERS.index(name)), visual)
        char = table.fontMetrics().horizontalAdvance("中")
        table.setWordWrap(False)
        for name, chars in (("序号", 3.5), ("时间", 11.5), ("操作人", 6), ("操作", 8), ("对象", 11), ("结果", 5),
                            ("工作站", 9)):
            table.setColumnWidth(HEADERS.index(name), int(chars * char) + 12)
        header.setSectionResizeMode(HEADERS.index("详情"), QHeaderView.ResizeMode.Stretch)  # the rest of the width
        ui.query_button.clicked.connect(self.reload)
        ui.text_edit.returnPressed.connect(self.reload)
        ui.export_button.clicked.connect(lambda: self.export())
        ui.verify_button.clicked.connect(self.verify)
        self.tools = page_conveniences.audit_page(self)
        self.loaded = False
        self.watch = hub.watch(self, ("audit_log",), lambda: self.reload(quiet=True), stale=True)

    def filters(self, *, quiet: bool = False) -> AuditFilter | None:
        """The filter panel as a filter; None when a date is not one (said, unless ``quiet``)."""
        ui = self.ui
        days = []
        for edit in (ui.since_edit, ui.until_edit):
            text = edit.text().strip()
            try:
                days.append(dt.date.fromisoformat(text) if text else None)
            except ValueError:
                if not quiet:
                    show_error(self, "审计日志", f"“{text}”不是日期，请按 2026-11-29 的格式填写。")
                return None
        return AuditFilter(actor=ui.actor_edit.text(), action=ui.action_combo.currentData() or "",
                           outcome=ui.outcome_combo.currentData() or "", since=days[0], until=days[1],
                           text=ui.text_edit.text())

    def reload(self, *, quiet: bool = False) -> None:
        """The newest ``SHOWN`` entries under the filter, and how many there are, in the background."""
        filters = self.filters(quiet=quiet)
        if filters is None:
            return
        actor = self.actor

        def job(uow, _state):
            return read_log(uow.session, actor, filters, SHOWN), count_log(uow.session, actor, filters)

        self.runner.read(job, on_success=self._show, error_title="读取审计日志失败")

    def _show(self, result) -> None:
        rows, total = result
        table = self.ui.log_table
        table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            for column, value in enumerate(row.values()):
                item = QTableWidgetItem(str(value))
                if HEADERS[column] in ("详情", "对象"):
                    item.setToolTip(str(value))  # the whole text where the column cuts it
                table.setItem(number, column, item)
        shown = f"（显示最新的 {len(rows):,} 条，导出可得全部）" if total > len(rows) else ""
        self.ui.count_label.setText(f"共 {total:,} 条{shown}")
        self.loaded = True

    def export(self, path: str | None = None) -> None:
        filters = self.filters()
        if filters is None:
            return
        actor = self.actor
        # export_log writes the file and its audit entry through the unit of work it is given.
        export_file(self, self.runner, title="导出审计日志", name="审计日志.xlsx", path=path,
                    file_filter="Excel 文件 (*.xlsx)",
                    write=lambda uow, target, _state: export_log(uow, actor, target, filters),
                    told=lambda count, target: f"已导出 {count:,} 条记录到：\n{target}")

    def verify(self) -> None:
        """The chain against the anchors this desk holds: its backups' signed checkpoints and
        the latest central anchor it saved (the command line also asks the central database)."""
        def job(uow, _state):
            anchors, notes = local_anchors(uow.database)
            return check(uow.session, anchors, notes)

        def checked(report) -> None:
            if not report.intact:
                lines = [f"第 {b.seq} 条：{b.reason}" for b in report.breaks] + report.problems
                show_error(self, "审计日志被改动过", f"{report.summary()}\n" + "\n".join(lines[:20]))
            else:
                show_info(self, "审计日志完好", "\n".join([report.summary(), *report.notes]))

        self.runner.read(job, on_success=checked, label="正在核对审计日志…", error_title="核对审计日志失败")
