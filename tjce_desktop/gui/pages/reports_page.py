"""报表: 4.1, 4.3 and 4.5 for the selected org subtree, by plan or by child org, with
drill-down into the trainees behind every number and export to .xlsx."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QHeaderView, QWidget

from tjce_desktop.gui.bar_chart import Series
from tjce_desktop.gui.dialogs import show_info
from tjce_desktop.gui.drill_down_dialog import DrillDownDialog
from tjce_desktop.gui.forms.ui_reports_page import Ui_ReportsPage
from tjce_desktop.gui.report_table_model import DRILL_ROLE, ReportTableModel
from tjce_desktop.gui.signal_hub import ChangeSet, SignalHub
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.services import reports
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.orgs import OrgNode
from tjce_desktop.storage.database import Database

_ALL_PLANS = "（全部培训计划）"


class ReportsPage(QWidget):
    def __init__(self, database: Database, runner: TaskRunner, hub: SignalHub, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_ReportsPage()
        self.ui.setupUi(self)
        self.database, self.runner, self.actor = database, runner, actor
        self.model = ReportTableModel(parent=self)
        self.ui.table.setModel(self.model)
        self.ui.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.ui.splitter.setStretchFactor(0, 3)
        self.ui.splitter.setStretchFactor(1, 2)
        self._scope: OrgNode | None = None
        self._plans: list[reports.PlanRef] = []
        self._stale = True
        self.last_dialog: QWidget | None = None
        self.ui.run_button.clicked.connect(self.run)
        self.ui.export_button.clicked.connect(self._export)
        self.ui.print_button.clicked.connect(self._print)
        self.ui.report_combo.currentIndexChanged.connect(lambda _i: self._plan_choices())
        self.ui.table.doubleClicked.connect(self.drill_down)
        hub.sig_changed.connect(self._on_data_changed)
        self.runner.run(self._load_plans, on_success=self._plans_loaded, error_title="读取培训计划失败")

    # --- controls -------------------------------------------------------------------------------

    def _load_plans(self, _state) -> list[reports.PlanRef]:
        with self.database.engine.connect() as connection:
            return reports.plans(connection)

    def _plans_loaded(self, plans: list[reports.PlanRef]) -> None:
        self._plans = plans
        self._plan_choices()

    def _plan_choices(self) -> None:
        combo = self.ui.plan_combo
        current = combo.currentText()
        combo.clear()
        if self.code != "4.5":
            combo.addItem(_ALL_PLANS, None)
        for plan in self._plans:
            combo.addItem(plan.name, plan.id.hex)
        index = combo.findText(current)
        combo.setCurrentIndex(index if index >= 0 else 0)

    @property
    def code(self) -> str:
        return self.ui.report_combo.currentText().split()[0]

    @property
    def plan(self) -> reports.PlanRef | None:
        key = self.ui.plan_combo.currentData()
        return next((p for p in self._plans if p.id.hex == key), None)

    def select(self, code: str, plan_name: str | None = None, by_child: bool = False) -> None:
        combo = self.ui.report_combo
        combo.setCurrentIndex(next(i for i in range(combo.count()) if combo.itemText(i).startswith(code)))
        if plan_name:
            self.ui.plan_combo.setCurrentText(plan_name)
        self.ui.by_child_check.setChecked(by_child)

    # --- running --------------------------------------------------------------------------------

    def set_scope(self, org: OrgNode) -> None:
        self._scope = org
        self.ui.scope_label.setText(f"报表 · {org.full_name}")
        self.model.set_report(None)
        self.ui.chart.clear()
        self._stale = True
        if self.isVisible():
            self.run()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale and self._scope is not None and self._plans:
            self.run()

    def _on_data_changed(self, changes: ChangeSet) -> None:
        if changes.touches("trainee") or changes.touches("org"):
            self._stale = True

    def run(self) -> None:
        if self._scope is None:
            return
        code, plan, by_child, scope = self.code, self.plan, self.ui.by_child_check.isChecked(), self._scope
        if (code == "4.5" or by_child) and plan is None:
            self.ui.status_label.setText("请先选择一个培训计划。")
            return
        self._stale = False
        self.ui.status_label.setText("正在统计…")

        def job(_state) -> reports.Report:
            with self.database.engine.connect() as connection:
                if by_child:
                    return reports.by_child(connection, code, scope.path, scope.full_name, plan)
                if code == "4.1":
                    return reports.plan_summary(connection, scope.path, plan)
                if code == "4.3":
                    return reports.plan_status(connection, scope.path, plan)
                return reports.exam_summary(connection, scope.path, plan)

        self.runner.run(job, on_success=self._show, label="正在统计…", error_title="统计失败")

    def _show(self, report: reports.Report) -> None:
        self.model.set_report(report)
        self.ui.status_label.setText(f"{report.code} {report.title}：{len(report.rows):,} 行。")
        keys = [column.key for column in report.columns]
        chosen = reports.CHART_SERIES[report.code]
        series = [Series(report.columns[keys.index(key)].header,
                         tuple(row[keys.index(key)] or 0 for row in report.rows)) for key in chosen]
        self.ui.chart.set_data(report.title, [str(row[0]) for row in report.rows], series,
                               stacked=report.code != "4.1", percent=report.code == "4.1")

    # --- drill-down and export ------------------------------------------------------------------

    def drill_down(self, index) -> DrillDownDialog | None:
        target = index.data(DRILL_ROLE)
        report = self.model.report
        if not target or report is None or self._scope is None:
            return None
        key, measure = target
        scope_path, plan, exam_id, where = self._scope.path, self.plan, "", self._scope.full_name
        if report.filters.get("按下级机构"):
            scope_path = key
            where = self.model.data(self.model.index(index.row(), 0)) if key != report.total_key else where
        elif report.code == "4.5":
            exam_id = key
            where = f"{self._scope.full_name} · {self.model.data(self.model.index(index.row(), 0))}"
        else:
            plan = next((p for p in self._plans if p.id.hex == key), None)
        try:
            filters = reports.drill_down_filter(measure, plan, exam_id)
        except reports.ReportError as exc:
            self.ui.status_label.setText(str(exc))
            return None
        title = f"{reports.DRILL_LABELS[measure]} · {plan.name + ' · ' if plan and filters.plan_id else ''}{where}"
        dialog = DrillDownDialog(self.database, self.runner, self.actor, title=title, scope_path=scope_path,
                                 filters=filters, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, "last_dialog", None))
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def _export(self) -> None:
        report = self.model.report
        if report is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "导出报表", f"{report.code} {report.title}.xlsx",
                                              "Excel 文件 (*.xlsx)")
        if path:
            self.export(path)

    def export(self, path: str) -> None:
        from dataclasses import replace

        from tjce_desktop.exchange.report_xlsx import write_report

        report = self.model.report
        scope = self._scope
        filters = {"组织机构": scope.full_name, **report.filters}
        self.runner.run(lambda _s: write_report(replace(report, filters=filters), path),
                        on_success=lambda _n: show_info(self, "导出报表", f"已导出到：\n{path}"),
                        label="正在导出…", error_title="导出失败")

    def _print(self) -> None:
        report = self.model.report
        if report is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "打印报表（PDF）", f"{report.code} {report.title}.pdf",
                                              "PDF 文件 (*.pdf)")
        if path:
            self.print_pdf(path, open_after=True)

    def print_pdf(self, path: str, *, open_after: bool = False) -> None:
        import datetime as dt
        from dataclasses import replace

        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        from tjce_desktop.exchange.report_pdf import write_report_pdf

        report, scope = self.model.report, self._scope
        filters = {"组织机构": scope.full_name, **report.filters}

        def done(_rows) -> None:
            if open_after:
                QDesktopServices.openUrl(QUrl.fromLocalFile(path))

        self.runner.run(lambda _s: write_report_pdf(replace(report, filters=filters), path, dt.date.today().isoformat()),
                        on_success=done, label="正在生成 PDF…", error_title="打印失败")
