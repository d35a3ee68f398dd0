"""报表: 4.1, 4.3 and 4.5 for the selected org subtree, by plan or by child org, with
drill-down into the trainees behind every number and export to .xlsx."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QWidget

from tjce_desktop.domain.enums import LearningStatus
from tjce_desktop.gui import page_conveniences, remembered_filters
from tjce_desktop.gui.bar_chart import Series
from tjce_desktop.gui.drill_down_dialog import DrillDownDialog
from tjce_desktop.gui.export_job import PDF_FILTER, export_file
from tjce_desktop.gui.forms.ui_reports_page import Ui_ReportsPage
from tjce_desktop.gui.lazy_report_model import LazyReportModel
from tjce_desktop.gui.report_table_model import DRILL_ROLE, ReportTableModel
from tjce_desktop.gui.signal_hub import SignalHub
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.services import reports
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.orgs import OrgNode
from tjce_desktop.storage.database import Database

_ALL_PLANS = "（全部培训计划）"
# What the reports count: the report on screen is made again (now if shown, else when shown)
# after a write to any of them — a progress import or a stamp as much as a new trainee.
SHOWN_TABLES = ("trainee", "org", "enrollment", "course_progress", "exam_attempt", "stamp_batch", "training_plan",
                "course", "exam")


_HINTS = {"4.1": "双击人数可查看学员名单；鼠标停在比率上可看公式。", "4.3": "双击人数可查看学员名单。",
          "4.5": "双击人数可查看学员名单。"}

class ReportsPage(QWidget):
    def __init__(self, database: Database, runner: TaskRunner, hub: SignalHub, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_ReportsPage()
        self.ui.setupUi(self)
        self.database, self.runner, self.actor = database, runner, actor
        self.model = ReportTableModel(parent=self)
        self.ui.table.setModel(self.model)
        self.ui.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.ui.table.setWordWrap(False)  # one line a row; long orgs elide in the middle, whole in the tooltip
        self.ui.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.ui.splitter.setStretchFactor(0, 3)
        self.ui.splitter.setStretchFactor(1, 2)
        self._scope: OrgNode | None = None
        self._plans: list[reports.PlanRef] = []
        self._plans_read = False
        self._run_pending = False  # asked for before the plans were read
        self.last_dialog: QWidget | None = None
        self.ui.run_button.clicked.connect(self.run)
        self.ui.export_button.clicked.connect(self._export)
        self.ui.print_button.clicked.connect(self._print)
        self.ui.report_combo.currentIndexChanged.connect(lambda _i: self._report_changed())
        self._report_changed()
        self.ui.table.doubleClicked.connect(self.drill_down)
        self.watch = hub.watch(self, SHOWN_TABLES, self.run, stale=True)
        self.plans_watch = hub.watch(self, ("training_plan",), self.load_plans)
        self.tools = page_conveniences.reports_page(self)
        self._restored_plan = self._restore_choices()
        self.load_plans()

    # --- controls -------------------------------------------------------------------------------

    def load_plans(self) -> None:
        self.runner.read(lambda uow, _state: reports.plans(uow.session.connection()), on_success=self._plans_loaded,
                         error_title="读取培训计划失败")

    def _plans_loaded(self, plans: list[reports.PlanRef]) -> None:
        self._plans = plans
        self._plans_read = True
        self._plan_choices()
        if self._restored_plan:  # the plan of the last report, once the list is there
            found = self.ui.plan_combo.findText(self._restored_plan)
            if found >= 0:
                self.ui.plan_combo.setCurrentIndex(found)
            self._restored_plan = None
        if self._run_pending:
            self._run_pending = False
            self.run()

    def _plan_choices(self) -> None:
        combo = self.ui.plan_combo
        current = combo.currentText()
        combo.clear()
        if self.code in ("4.1", "4.3"):
            combo.addItem(_ALL_PLANS, None)
        for plan in self._plans:
            combo.addItem(plan.name, plan.id.hex)
        index = combo.findText(current)
        combo.setCurrentIndex(index if index >= 0 else 0)

    def _report_changed(self) -> None:
        code = self.code
        self.ui.status_combo.setVisible(code == "4.2")
        self.ui.exam_status_combo.setVisible(code == "4.4")
        self.ui.who_edit.setVisible(code == "4.4")
        self.ui.by_child_check.setEnabled(code in ("4.1", "4.3", "4.5"))
        self.ui.chart.setVisible(code in reports.CHART_SERIES)
        # Say what works: counts drill down in the summaries only, formulas are behind 4.1's rates.
        self.ui.hint_label.setText(_HINTS.get(code, ""))
        self.ui.hint_label.setVisible(code in _HINTS)
        self._plan_choices()

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

    def _remember_choices(self) -> None:
        ui = self.ui
        remembered_filters.remember("reports", {
            "report": self.code, "plan": ui.plan_combo.currentText(), "by_child": ui.by_child_check.isChecked(),
            "status": ui.status_combo.currentText(), "exam_status": ui.exam_status_combo.currentText(),
            "who": ui.who_edit.text()})

    def _restore_choices(self) -> str | None:
        """The last report's choices, after a restart; returns the plan's name (the list comes later)."""
        values = remembered_filters.recall("reports") or {}
        ui = self.ui
        code = values.get("report")
        if isinstance(code, str) and any(ui.report_combo.itemText(i).startswith(code)
                                         for i in range(ui.report_combo.count())):
            self.select(code, by_child=bool(values.get("by_child")))
        for combo, key in ((ui.status_combo, "status"), (ui.exam_status_combo, "exam_status")):
            if isinstance(values.get(key), str) and combo.findText(values[key]) >= 0:
                combo.setCurrentIndex(combo.findText(values[key]))
        if isinstance(values.get("who"), str):
            ui.who_edit.setText(values["who"])
        plan = values.get("plan")
        return plan if isinstance(plan, str) and plan else None

    # --- running --------------------------------------------------------------------------------

    def set_scope(self, org: OrgNode) -> None:
        self._scope = org
        self.ui.scope_label.setText(f"报表 · {org.full_name}")
        self.model.set_report(None)
        self.ui.chart.clear()
        self.watch.invalidate()

    def run(self) -> None:
        if self._scope is None:
            return
        self.watch.stale = False
        if not self._plans_read:  # the plan list is not there yet: _plans_loaded runs it
            self._run_pending = True
            return
        code, plan, scope = self.code, self.plan, self._scope
        by_child = self.ui.by_child_check.isChecked() and code in ("4.1", "4.3", "4.5")
        if (code not in ("4.1", "4.3") or by_child) and plan is None:
            self.ui.status_label.setText("请先选择一个培训计划。")
            return
        self.ui.status_label.setText("正在统计…")
        self._remember_choices()
        actor = self.actor

        def job(uow, _state) -> reports.Report:
            connection = uow.session.connection()
            if by_child:
                return reports.by_child(connection, code, actor.scope(scope.path), scope.full_name, plan)
            if code == "4.1":
                return reports.plan_summary(connection, actor.scope(scope.path), plan)
            if code == "4.3":
                return reports.plan_status(connection, actor.scope(scope.path), plan)
            return reports.exam_summary(connection, actor.scope(scope.path), plan)

        if code in ("4.2", "4.4"):
            self._run_lazy(code, plan, scope)
            return
        self.runner.read(job, on_success=self._show, label="正在统计…", error_title="统计失败")

    def _detail_filters(self) -> tuple[str | None, str | None, str]:
        status = self.ui.status_combo.currentText()
        exam = {v: k for k, v in reports.EXAM_STATUS_LABELS.items()}.get(self.ui.exam_status_combo.currentText())
        status_value = None if status.startswith("全部") else LearningStatus.from_label(status).value
        return status_value, exam, self.ui.who_edit.text()

    def _run_lazy(self, code: str, plan: reports.PlanRef, scope: OrgNode) -> None:
        """4.2/4.4: keys in the background, values per page as the table scrolls."""
        status, exam_status, who = self._detail_filters()
        engine = self.database.engine

        names: dict[str, str] = {}  # read once in the job, not on every page fetch
        actor = self.actor

        def job(uow, _state):
            connection = uow.session.connection()
            names.update(reports.org_names(connection))
            if code == "4.2":
                return reports.detail_columns(connection, plan), reports.detail_keys(
                    connection, actor.scope(scope.path), plan, status)
            return reports.EXAM_TRAINEE_COLUMNS, reports.exam_keys(connection, actor.scope(scope.path), plan,
                                                                   exam_status, who)

        def fetch(keys: list) -> dict:  # a page of values: the table model's page fetch
            with engine.connect() as connection:
                if code == "4.2":
                    return reports.detail_rows(connection, plan, keys, names)
                return reports.exam_rows(connection, keys, names)

        def show(result) -> None:
            columns, keys = result
            self.lazy_model = LazyReportModel(columns, keys, fetch, self)
            self.ui.table.setModel(self.lazy_model)
            self._size_lazy_columns(columns)
            self.ui.chart.clear()
            self.ui.status_label.setText(f"{code} {reports.REPORT_TITLES[code]}：{len(keys):,} 行。")

        self.runner.read(job, on_success=show, label="正在统计…", error_title="统计失败")

    def _size_lazy_columns(self, columns) -> None:
        """4.2 and 4.4 hold a whole scope's archives: widths from the headers and the kind of
        column, not from contents (that would read a thousand rows on the GUI thread)."""
        table = self.ui.table
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = table.fontMetrics()
        char = metrics.horizontalAdvance("中")
        for number, column in enumerate(columns):
            least = {"org": 14 * char, "id_number": 10 * char, "username": 6 * char}.get(column.key, 3 * char)
            header.resizeSection(number, max(least, min(metrics.horizontalAdvance(column.header) + 20, 12 * char)))
        vertical = table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(metrics.height() + 8)

    def _show(self, report: reports.Report) -> None:
        self.ui.table.setModel(self.model)
        header = self.ui.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # a few rows: to contents
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

    def _full_report(self):
        """The report on screen, whole: 4.2/4.4 are read again in full (in the background job)."""
        code, plan, scope = self.code, self.plan, self._scope
        if code not in ("4.2", "4.4"):
            report = self.model.report
            return None if report is None else (lambda: report)
        if plan is None or scope is None:
            return None
        status, exam_status, who = self._detail_filters()
        engine = self.database.engine

        def build() -> reports.Report:
            with engine.connect() as connection:
                if code == "4.2":
                    return reports.trainee_detail(connection, self.actor.scope(scope.path), plan, status)
                return reports.exam_by_trainee(connection, self.actor.scope(scope.path), plan, exam_status, who)

        return build

    def _export(self) -> None:
        if self._full_report() is not None:
            self.export(None)

    def _write(self, file_format: str):
        """What writes the report on screen (whole) through the audited service, in the background."""
        from tjce_desktop.services.report_export import export_report

        build, scope, actor = self._full_report(), self._scope, self.actor
        return lambda uow, path, _state: export_report(uow.database, actor, build(), path, scope_name=scope.full_name,
                                                            scope_path=scope.path, file_format=file_format)

    def export(self, path: str | None) -> None:
        title = f"{self.code} {reports.REPORT_TITLES[self.code]}"
        export_file(self, self.runner, title="导出报表", name=f"{title}.xlsx", path=path,
                    file_filter="Excel 文件 (*.xlsx)",
                    write=self._write("xlsx"), told=lambda _n, target: f"已导出到：\n{target}")

    def _print(self) -> None:
        if self._full_report() is not None:
            self.print_pdf(None, open_after=True)

    def print_pdf(self, path: str | None, *, open_after: bool = False) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        def done(_rows: int, target: str) -> None:
            if open_after:
                QDesktopServices.openUrl(QUrl.fromLocalFile(target))

        title = f"{self.code} {reports.REPORT_TITLES[self.code]}"
        export_file(self, self.runner, title="打印报表（PDF）", name=f"{title}.pdf", path=path, file_filter=PDF_FILTER,
                    write=self._write("pdf"), told=None, on_done=done, label="正在生成 PDF…", error_title="打印失败")
