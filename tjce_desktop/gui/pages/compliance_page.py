"""合规看板: the selected org subtree's year at a glance, per child org, with the deadlines and 催办名单."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtWidgets import QHeaderView, QTableWidgetItem, QWidget

from tjce_desktop.gui import page_conveniences
from tjce_desktop.gui.bar_chart import Series
from tjce_desktop.gui.export_job import export_file
from tjce_desktop.gui.forms.ui_compliance_page import Ui_CompliancePage
from tjce_desktop.gui.signal_hub import SignalHub
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.compliance import (
    ComplianceReport,
    compliance_overview,
    deadline_phrase,
    export_shortfall,
)
from tjce_desktop.services.orgs import OrgNode
from tjce_desktop.storage.database import Database

HEADERS = ("机构", "在职人数", "达标", "未达标", "达标率", "差额学时", "已登记", "已验证")
# What the overview counts: it is read again (now if shown, else when shown) after a write to any.
SHOWN_TABLES = ("trainee", "org", "trainee_year_hours", "certificate_registration", "title_change",
                "other_learning", "course_progress", "enrollment")


def deadline_text(report: ComplianceReport) -> str:
    gaps = "，".join(f"{label}共差 {gap:,.0f} 学时" for label, gap in report.total.category_gaps.items() if gap)
    return (f"{deadline_phrase(report.days_to_register, '登记', report.register_by)}；"
            f"{deadline_phrase(report.days_to_verify, '验证', report.verify_by)}"
            f"<br>学时规定：{escape(report.rule_summary)}（依据：{escape(report.rule_source or '条例')}）"
            f"{'<br>未达标人员中' + gaps if gaps else ''}")


class CompliancePage(QWidget):
    def __init__(self, database: Database, runner: TaskRunner, hub: SignalHub, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_CompliancePage()
        self.ui.setupUi(self)
        self.database, self.runner, self.actor = database, runner, actor
        self._scope: OrgNode | None = None
        self.report: ComplianceReport | None = None
        self.ui.year_spin.setValue(dt.date.today().year)
        table = self.ui.compliance_table
        table.setColumnCount(len(HEADERS))
        table.setHorizontalHeaderLabels(HEADERS)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.ui.refresh_button.clicked.connect(self.run)
        self.ui.export_button.clicked.connect(lambda: self.export())
        self.watch = hub.watch(self, SHOWN_TABLES, self.run, stale=True)
        self.tools = page_conveniences.compliance_page(self)

    def set_scope(self, org: OrgNode) -> None:
        self._scope = org
        self.ui.scope_label.setText(f"合规看板 · {org.full_name}")
        self.watch.invalidate()

    def run(self) -> None:
        if self._scope is None:
            return
        self.watch.stale = False
        scope, name, year, actor = self._scope.path, self._scope.full_name, self.ui.year_spin.value(), self.actor

        def job(uow, _state):
            return compliance_overview(uow.session.connection(), actor.scope(scope), name, year)

        self.ui.deadline_label.setText("正在统计…")
        self.runner.read(job, on_success=self._show, label="正在统计…", error_title="统计失败")

    def _show(self, report: ComplianceReport) -> None:
        self.report = report
        table = self.ui.compliance_table
        rows = [*report.rows, report.total]
        table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            rate = "—" if row.met_rate is None else f"{row.met_rate:.1%}"
            for column, value in enumerate((row.name, f"{row.trainees:,}", f"{row.met:,}", f"{row.short:,}", rate,
                                            f"{row.gap_hours:,.0f}", f"{row.registered:,}", f"{row.verified:,}")):
                table.setItem(number, column, QTableWidgetItem(value))
        self.ui.deadline_label.setText(f"{report.year} 年度：{deadline_text(report)}")
        self.ui.chart.set_data(f"{report.year} 年度各机构学时达标情况", [row.name for row in report.rows],
                               [Series("达标", tuple(row.met for row in report.rows)),
                                Series("未达标", tuple(row.short for row in report.rows))], stacked=True)

    def export(self, path: str | None = None) -> None:
        if self._scope is None:
            return
        year, scope, name, actor = self.ui.year_spin.value(), self._scope.path, self._scope.full_name, self.actor
        export_file(self, self.runner, title="导出催办名单", name=f"催办名单_{self._scope.name}_{year}.xlsx", path=path,
                    file_filter="Excel 文件 (*.xlsx)",
                    write=lambda uow, target, _state: export_shortfall(uow.database, actor, target, scope_path=scope,
                                                                            scope_name=name, year=year),
                    told=lambda n, target: f"已导出 {n:,} 名未达标人员到：\n{target}")
