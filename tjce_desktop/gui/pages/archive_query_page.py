"""综合查询: learning archives of the selected org subtree under any filters; tick, export, stamp, print."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHeaderView, QInputDialog, QMessageBox, QWidget

from tjce_desktop.domain.enums import LearningStatus, PostType, StampStatus, TitleLevel
from tjce_desktop.gui import page_conveniences, remembered_filters
from tjce_desktop.gui.archive_table_model import ArchiveTableModel
from tjce_desktop.gui.dialogs import show_error, show_info
from tjce_desktop.gui.export_job import export_file
from tjce_desktop.gui.forms.ui_archive_query_page import Ui_ArchiveQueryPage
from tjce_desktop.gui.settings import app_settings
from tjce_desktop.gui.signal_hub import SignalHub
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.services import archive_query as query
from tjce_desktop.services.actor import TRAINEE_EDITORS, Actor
from tjce_desktop.services.orgs import OrgNode, list_orgs
from tjce_desktop.services.plans import list_plans
from tjce_desktop.storage import private_temp
from tjce_desktop.storage.database import Database

_SAVED_KEY = "archive_query/saved_filters"
# What the rows show (read again in place: keys and ticks stay) and what the filter lists offer.
ROW_TABLES = ("enrollment", "trainee", "org", "stamp_batch", "course_progress", "exam_attempt", "training_plan")
CHOICE_TABLES = ("training_plan", "org")
# Widths in characters of 中 (digits are half of one): the first eight fit a 1366-pixel screen
# beside the org tree; 所属机构 and 培训计划 elide in the middle, keeping both ends.
_COLUMN_CHARS = {"姓名": 6, "身份证号": 10, "所属机构": 13, "学习状态": 5, "学时": 3.5, "完成日期": 6.5, "考试": 7.5,
                 "盖章状态": 5, "培训计划": 15, "年度": 4, "职称": 4, "岗位类别": 6.5, "盖章日期": 6.5,
                 "盖章批次": 14}  # GZ-2026-7KQ3M-000123 whole
# Every action of the page (导出, 盖章, 撤销盖章, 打印) acts on the ticked archives; the
# highlighted row is only where the eye is. Said beside the count and in every confirmation.
_TICKS_HINT = "导出、盖章、撤销盖章、打印都作用于勾选的档案（未勾选时导出全部结果）；Ctrl+A 勾选全部结果"


class ArchiveQueryPage(QWidget):
    def __init__(self, database: Database, runner: TaskRunner, hub: SignalHub, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_ArchiveQueryPage()
        self.ui.setupUi(self)
        self.database, self.runner, self.hub, self.actor = database, runner, hub, actor
        self.model = ArchiveTableModel(database.engine, runner, actor, self)
        self.ui.table.setModel(self.model)
        self._scope: OrgNode | None = None
        self.plans: list = []
        self.choices_loaded = False  # the plan and year lists: read in the background
        self._query_pending = False  # asked for before the lists arrived
        self.last_dialog: QWidget | None = None  # the dialog opened last (tests look at it)
        self.preview = None  # the open PdfPreviewDialog of printed archives
        self._fill_static_choices()
        self._size_columns()
        self._connect()
        self._load_saved_names()
        self._update_buttons()
        # A new subtree is queried when the page is showing, else when it is next shown
        # (every archive of a district is not counted for a page nobody looks at).
        self.query_watch = hub.watch(self, (), self.run_query)
        self.rows_watch = hub.watch(self, ROW_TABLES, self.model.refresh_rows)
        # The filter lists are read when the page is first shown (not at start), and again after
        # a write to the plans or the orgs.
        self.choices_watch = hub.watch(self, CHOICE_TABLES, self.load_choices, stale=True)
        self.tools = page_conveniences.archive_query_page(self)
        # The last query's conditions, back after a restart (the plan once the plan list is read).
        self._restored = self._recall_filters()
        if self._restored is not None:
            self.set_filters(self._restored)

    # --- construction ------------------------------------------------------------------------

    def load_choices(self) -> None:
        """The plans and org names for the filter, in the background; a query asked for
        before they arrive runs when they do."""
        def job(uow, _state):
            return (list_plans(uow.session, count_archives=False),
                    {org.id.hex: org.full_name for org in list_orgs(uow.session)})

        self.runner.read(job, on_success=self._fill_choices, error_title="读取培训计划失败")

    def _fill_choices(self, loaded) -> None:
        ui = self.ui
        self.plans, self.model.org_names = loaded
        chosen_plan, chosen_year = ui.plan_combo.currentData(), ui.year_combo.currentData()
        for combo in (ui.plan_combo, ui.year_combo):
            combo.blockSignals(True)
        ui.plan_combo.clear()
        ui.plan_combo.addItem("全部培训计划", "")
        for plan in self.plans:
            ui.plan_combo.addItem(plan.name + ("（已关闭）" if plan.closed else ""), plan.id.hex)
        ui.year_combo.clear()
        ui.year_combo.addItem("全部", None)
        for year in sorted({plan.year for plan in self.plans}, reverse=True):
            ui.year_combo.addItem(f"{year} 年", year)
        if self._restored is not None:  # first read: the plan and year of the last query
            chosen_plan, chosen_year, self._restored = self._restored.plan_id, self._restored.year, None
        ui.plan_combo.setCurrentIndex(max(0, ui.plan_combo.findData(chosen_plan or "")))
        ui.year_combo.setCurrentIndex(max(0, ui.year_combo.findData(chosen_year)))
        for combo in (ui.plan_combo, ui.year_combo):
            combo.blockSignals(False)
        self.choices_loaded = True
        self.model.refresh_rows()  # org names may have changed
        self._update_buttons()
        if self._query_pending:
            self._query_pending = False
            self.run_query()

    def _fill_static_choices(self) -> None:
        ui = self.ui
        for combo, choices in (
            (ui.status_combo, [(m.label, m.value) for m in LearningStatus]),
            (ui.exam_combo, [(label, value) for value, label in query.EXAM_OUTCOMES.items()]),
            (ui.stamp_combo, [(m.label, m.value) for m in (StampStatus.UNSTAMPED, StampStatus.STAMPED)]),
            (ui.title_combo, [(m.label, m.value) for m in TitleLevel]),
            (ui.post_combo, [(m.label, m.value) for m in PostType]),
            (ui.active_combo, [("在职", True), ("离职", False)]),
        ):
            combo.clear()
            combo.addItem("全部", None)
            for label, value in choices:
                combo.addItem(label, value)

    def _size_columns(self) -> None:
        char = self.ui.table.fontMetrics().horizontalAdvance("中")
        header = self.ui.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._sizing = True
        for column, name in enumerate(query.COLUMNS):
            header.resizeSection(column, int(char * _COLUMN_CHARS[name]) + 16)
        self._sizing = False
        self._widths_touched = False  # until the user drags a column, a wider window widens the long ones
        header.sectionResized.connect(self._on_section_resized)
        self.ui.table.setWordWrap(False)  # wrapped at "/", an org showed its first line only, cut twice
        self.ui.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.ui.table.verticalHeader().setDefaultSectionSize(self.ui.table.fontMetrics().height() + 8)

    def _on_section_resized(self, *_args) -> None:
        if not self._sizing:
            self._widths_touched = True

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self._widen_long_columns)  # once the layout has sized the table

    def _widen_long_columns(self) -> None:
        """On a wide screen 所属机构 and 培训计划 take the spare width (up to their whole text)
        instead of eliding beside empty space."""
        if self._widths_touched:
            return
        table, header = self.ui.table, self.ui.table.horizontalHeader()
        char = table.fontMetrics().horizontalAdvance("中")
        spare = table.viewport().width() - header.length()
        self._sizing = True
        for name, most in (("所属机构", 26), ("培训计划", 19)):
            column = query.COLUMNS.index(name)
            least = int(char * _COLUMN_CHARS[name]) + 16
            width = header.sectionSize(column)
            target = max(least, min(int(char * most) + 16, width + spare))
            spare -= target - width
            header.resizeSection(column, target)
        self._sizing = False

    def _connect(self) -> None:
        ui = self.ui
        ui.query_button.clicked.connect(self.run_query)
        ui.reset_button.clicked.connect(self.reset_filters)
        ui.who_edit.returnPressed.connect(self.run_query)
        ui.plan_combo.currentIndexChanged.connect(lambda _index: self._update_buttons())
        ui.tick_selected_button.clicked.connect(self.tick_selected)
        ui.tick_all_button.clicked.connect(self.model.tick_all)
        ui.untick_button.clicked.connect(self.model.untick_all)
        ui.save_filter_button.clicked.connect(lambda: self.save_filter())
        ui.delete_filter_button.clicked.connect(self.delete_saved_filter)
        ui.saved_combo.activated.connect(lambda _index: self.apply_saved(ui.saved_combo.currentText()))
        ui.export_button.clicked.connect(lambda: self.export())
        ui.not_enrolled_button.clicked.connect(lambda: self.export_not_enrolled())
        ui.stamping_list_button.clicked.connect(lambda: self.export_stamping_list())
        ui.stamp_button.clicked.connect(lambda: self.stamp())
        ui.unstamp_button.clicked.connect(lambda: self.unstamp())
        ui.print_button.clicked.connect(lambda: self.print_archives())
        self.model.sig_loaded.connect(self._on_loaded)
        self.model.sig_ticks_changed.connect(self._on_ticks)
        self.ui.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.ui.table.installEventFilter(self)
        label = self.ui.ticked_label
        label.setToolTip(_TICKS_HINT)
        # What the actions act on is never cut off: room for the largest count.
        label.setMinimumWidth(label.fontMetrics().horizontalAdvance("已勾选 999,999 份") + 8)
        count = self.ui.count_label
        count.setMinimumWidth(count.fontMetrics().horizontalAdvance("共 9,999,999 份学习档案 · 某某区") + 8)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Ctrl+A ticks every result of the query (as 勾选全部结果), not the rows loaded so far.
        if watched is self.ui.table and event.type() == QEvent.Type.KeyPress and \
                event.matches(QKeySequence.StandardKey.SelectAll):
            if self.model.total:
                self.model.tick_all()
            return True
        return super().eventFilter(watched, event)

    # --- the query ---------------------------------------------------------------------------

    def set_scope(self, org: OrgNode) -> None:
        """A new subtree: queried now if the page is showing, else when it is next shown."""
        self._scope = org
        self.query_watch.invalidate()

    def filters(self) -> query.ArchiveFilter | None:
        """The filter panel as a filter; None (after saying why) when a field is not valid."""
        ui = self.ui
        problems: list[str] = []

        def date(edit, label) -> dt.date | None:
            text = edit.text().strip().replace("/", "-").replace(".", "-")
            if not text:
                return None
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                problems.append(f"{label}“{text}”不是日期，请按 2025-06-30 的格式填写。")
                return None

        def number(edit, label) -> float | None:
            text = edit.text().strip().translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
            if not text:
                return None
            try:
                return float(text)
            except ValueError:
                problems.append(f"{label}“{text}”不是数字。")
                return None

        filters = query.ArchiveFilter(
            plan_id=ui.plan_combo.currentData() or "", year=ui.year_combo.currentData(),
            status=ui.status_combo.currentData() or "", exam_outcome=ui.exam_combo.currentData() or "",
            stamp_status=ui.stamp_combo.currentData() or "", title_level=ui.title_combo.currentData() or "",
            post_type=ui.post_combo.currentData() or "", active=ui.active_combo.currentData(),
            finished_from=date(ui.finished_from_edit, "完成日期（起）"),
            finished_to=date(ui.finished_to_edit, "完成日期（止）"),
            hours_min=number(ui.hours_min_edit, "学时下限"), hours_max=number(ui.hours_max_edit, "学时上限"),
            name_or_id=ui.who_edit.text(),
        )
        if filters.finished_from and filters.finished_to and filters.finished_from > filters.finished_to:
            problems.append("完成日期的起始日期晚于截止日期。")
        if problems:
            show_error(self, "查询条件有误", "\n".join(problems))
            return None
        return filters

    def set_filters(self, filters: query.ArchiveFilter) -> None:
        ui = self.ui
        for combo, value in ((ui.plan_combo, filters.plan_id or ""), (ui.year_combo, filters.year),
                             (ui.status_combo, filters.status or None), (ui.exam_combo, filters.exam_outcome or None),
                             (ui.stamp_combo, filters.stamp_status or None),
                             (ui.title_combo, filters.title_level or None), (ui.post_combo, filters.post_type or None),
                             (ui.active_combo, filters.active)):
            found = combo.findData(value)
            combo.setCurrentIndex(max(0, found))
        ui.finished_from_edit.setText(filters.finished_from.isoformat() if filters.finished_from else "")
        ui.finished_to_edit.setText(filters.finished_to.isoformat() if filters.finished_to else "")
        ui.hours_min_edit.setText("" if filters.hours_min is None else f"{filters.hours_min:g}")
        ui.hours_max_edit.setText("" if filters.hours_max is None else f"{filters.hours_max:g}")
        ui.who_edit.setText(filters.name_or_id)

    @staticmethod
    def _recall_filters() -> query.ArchiveFilter | None:
        values = remembered_filters.recall("archive_query")
        try:
            return query.ArchiveFilter.from_dict(values) if values else None
        except (TypeError, ValueError):
            return None  # written by another version

    def reset_filters(self) -> None:
        self.set_filters(query.NO_FILTER)
        self.run_query()

    def run_query(self) -> None:
        if self._scope is None:
            return
        self.query_watch.stale = False
        if not self.choices_loaded:  # the plan filter is not there yet: _fill_choices runs the query
            self._query_pending = True
            self.ui.count_label.setText("正在查询…")
            return
        filters = self.filters()
        if filters is None:
            return
        self.ui.count_label.setText("正在查询…")
        remembered_filters.remember("archive_query", filters.to_dict())
        self.model.load(self._scope.path, filters)

    def _on_loaded(self, total: int) -> None:
        scope = self._scope.full_name if self._scope else ""
        # The count first (the scope's full name can be long; it is in the tree and the tooltip).
        self.ui.count_label.setText(f"共 {total:,} 份学习档案 · {scope.split('/')[-1]}")
        self.ui.count_label.setToolTip(f"{scope}：共 {total:,} 份学习档案")
        self._update_buttons()

    def _on_ticks(self, count: int) -> None:
        self.ui.ticked_label.setText(f"已勾选 {count:,} 份" if count else "未勾选")
        self._update_buttons()

    def tick_selected(self) -> None:
        rows = sorted({index.row() for index in self.ui.table.selectionModel().selectedRows()})
        if rows:
            self.model.set_ticked(rows, True)

    def _update_buttons(self) -> None:
        ui = self.ui
        has_rows = bool(self.model.total)
        ticked = self.model.ticked_count() > 0
        for button in (ui.export_button, ui.stamping_list_button, ui.tick_all_button):
            button.setEnabled(has_rows)
        may_stamp = self.actor.role in TRAINEE_EDITORS
        ui.stamp_button.setEnabled(may_stamp and ticked)
        ui.print_button.setEnabled(ticked)
        ui.untick_button.setEnabled(ticked)
        ui.tick_selected_button.setEnabled(ui.table.selectionModel().hasSelection())
        ui.unstamp_button.setEnabled(may_stamp and ticked)
        ui.not_enrolled_button.setEnabled(bool(ui.plan_combo.currentData()))

    # --- saved filter sets --------------------------------------------------------------------

    def _saved(self) -> dict[str, dict]:
        raw = app_settings().value(_SAVED_KEY, "{}")
        try:
            saved = json.loads(raw) if isinstance(raw, str) else {}
        except json.JSONDecodeError:
            saved = {}
        return saved if isinstance(saved, dict) else {}

    def _load_saved_names(self) -> None:
        combo = self.ui.saved_combo
        combo.clear()
        combo.addItem("")
        combo.addItems(sorted(self._saved()))
        self.ui.delete_filter_button.setEnabled(combo.count() > 1)

    def save_filter(self, name: str | None = None) -> None:
        filters = self.filters()
        if filters is None:
            return
        if name is None:
            name, accepted = QInputDialog.getText(self, "保存查询条件", "给这组条件起个名字：")
            if not accepted:
                return
        name = " ".join(name.split())
        if not name:
            show_error(self, "保存查询条件", "名字不能为空。")
            return
        saved = self._saved()
        saved[name] = filters.to_dict()
        app_settings().setValue(_SAVED_KEY, json.dumps(saved, ensure_ascii=False))
        self._load_saved_names()
        self.ui.saved_combo.setCurrentText(name)

    def apply_saved(self, name: str) -> None:
        data = self._saved().get(name)
        if data is None:
            return
        self.set_filters(query.ArchiveFilter.from_dict(data))
        self.run_query()

    def delete_saved_filter(self) -> None:
        name = self.ui.saved_combo.currentText()
        saved = self._saved()
        if saved.pop(name, None) is not None:
            app_settings().setValue(_SAVED_KEY, json.dumps(saved, ensure_ascii=False))
            self._load_saved_names()

    # --- exports -----------------------------------------------------------------------------

    def _export(self, path: str | None, *, title: str, ask_title: str, name: str, csv: bool, what, told) -> None:
        """One archive export of the scope and filters on screen (the ticked rows, if any)."""
        if self._scope is None:
            return
        resolve = self.model.ticked_resolver() if self.model.ticked_count() else lambda: None
        actor, scope, filters = self.actor, self._scope.path, self.model.filters
        ticked = self.model.ticked_count()  # what is exported, said in the save dialog's title
        ask_title += f"（勾选的 {ticked:,} 份）" if ticked else f"（全部 {self.model.total or 0:,} 份结果）"

        def write(uow, target, state) -> int:
            from tjce_desktop.services import archive_export

            return getattr(archive_export, what)(uow.database, actor, target, scope_path=scope, filters=filters,
                                                 rowids=resolve(), state=state)

        export_file(self, self.runner, title=title, ask_title=ask_title, name=f"{name}_{self._scope.name}.xlsx",
                    path=path, csv=csv, write=write, told=told)

    def export(self, path: str | None = None) -> None:
        self._export(path, title="导出", ask_title="导出学习档案", name="学习档案", csv=True, what="export_archives",
                     told=lambda n, target: f"已导出 {n:,} 份学习档案到：\n{target}")

    def export_stamping_list(self, path: str | None = None) -> None:
        self._export(path, title="离线盖章名单", ask_title="离线盖章名单", name="离线盖章名单", csv=False,
                     what="export_stamping_list", told=lambda n, target: f"已导出 {n:,} 份已学完的档案到：\n{target}")

    def export_not_enrolled(self, path: str | None = None) -> None:
        plan_id = self.ui.plan_combo.currentData()
        if self._scope is None or not plan_id:
            show_error(self, "导出未参训人员", "请先在“培训计划”中选择一个计划。")
            return
        actor, scope = self.actor, self._scope.path

        def write(uow, target, state) -> int:
            from tjce_desktop.services.archive_export import export_not_enrolled

            return export_not_enrolled(uow.database, actor, target, scope_path=scope, plan_id=plan_id, state=state)

        export_file(self, self.runner, title="导出未参训人员", name=f"未参训人员_{self._scope.name}.xlsx", path=path,
                    csv=True, write=write, told=lambda n, target: f"已导出 {n:,} 名未参训的在职学员到：\n{target}")

    # --- 盖章 ----------------------------------------------------------------------------------

    def stamp(self, confirm: bool = True) -> None:
        """Stamp the ticked archives. The seal is looked up first (a 部门 stamps with its unit's
        seal; an org with no sealed unit above it is refused), and the confirmation names it."""
        if self._scope is None or not self.model.ticked_count():
            return
        count = self.model.ticked_count()
        actor, chosen = self.actor, self._scope.id

        def ask(seal) -> None:
            if confirm and QMessageBox.question(
                    self, "盖章", f"为勾选的 {count:,} 份档案盖章？\n{seal.confirmation()}\n"
                                  "未学完或已盖章的档案会跳过，并在完成后列出。") != QMessageBox.StandardButton.Yes:
                return
            self._stamp(seal)

        from tjce_desktop.services.stamping import seal_for

        self.runner.read(lambda uow, _state: seal_for(uow.session, actor, chosen), on_success=ask,
                         error_title="盖章")

    def _stamp(self, seal) -> None:
        resolve = self.model.ticked_resolver()
        actor, scope = self.actor, self.model.scope_path

        def op(uow, state):
            from tjce_desktop.services.stamping import stamp_archives

            archive_ids = query.enrollment_ids(uow.session.connection(), scope, resolve())
            return stamp_archives(uow, actor, archive_ids, seal_org_id=seal.org_id, state=state)

        self.runner.write(op, on_success=self._stamped, label="正在盖章…", error_title="盖章失败")

    def _stamped(self, outcome) -> None:
        reasons: dict[str, list[str]] = {}
        for skipped in outcome.skipped:
            reasons.setdefault(skipped.reason, []).append(skipped.name)
        lines = [f"已盖章 {outcome.stamped:,} 份。"]
        if outcome.batch_number:
            lines[0] = (f"已盖章 {outcome.stamped:,} 份（『{outcome.seal_name}』的公章），"
                        f"盖章批次 {outcome.batch_number}。")
        for reason, names in reasons.items():
            shown = "、".join(names[:10]) + (f" 等 {len(names):,} 人" if len(names) > 10 else "")
            lines.append(f"跳过 {len(names):,} 份（{reason}）：{shown}")
        show_info(self, "盖章完成", "\n".join(lines))

    def unstamp(self, reason: str | None = None) -> None:
        """Revoke the stamp batches of the ticked archives (like every action here, it follows
        the ticks): the batches are found in the background, then listed with what revoking
        them means, the reason asked for (unless given), and the batches revoked together."""
        if not self.model.ticked_count():
            return
        resolve, scope, count = self.model.ticked_resolver(), self.model.scope_path, self.model.ticked_count()

        def job(uow, _state):
            from tjce_desktop.services.stamping import batches_of_archives

            archive_ids = query.enrollment_ids(uow.session.connection(), scope, resolve())
            return [b for b in batches_of_archives(uow.session, archive_ids) if not b.revoked]

        def found(batches) -> None:
            if not batches:
                show_error(self, "撤销盖章", f"勾选的 {count:,} 份档案都没有盖章。")
                return
            self._revoke(batches, count, reason)

        self.runner.read(job, on_success=found, label="正在查找盖章批次…", error_title="撤销盖章失败")

    def _revoke(self, batches, ticked: int, reason: str | None) -> None:
        archives = sum(batch.archive_count for batch in batches)
        listed = "\n".join(f"  {b.number}（{str(b.stamped_at)[:10]}，『{b.org_name}』公章，{b.archive_count:,} 份）"
                           for b in batches[:8]) + (f"\n  … 共 {len(batches):,} 个批次" if len(batches) > 8 else "")
        if reason is None:
            reason, accepted = QInputDialog.getText(
                self, "撤销盖章", f"勾选的 {ticked:,} 份档案属于 {len(batches):,} 个盖章批次：\n{listed}\n"
                              f"撤销以整批为单位：这些批次的全部 {archives:,} 份档案都将恢复为未盖章。\n"
                              "撤销原因（必填，记入审计日志）：")
            if not accepted:
                return
        actor, ids = self.actor, [batch.id for batch in batches]
        numbers = "、".join(batch.number for batch in batches[:3]) + (" 等" if len(batches) > 3 else "")

        def op(uow, _state) -> int:
            from tjce_desktop.services.stamping import revoke_batches

            return revoke_batches(uow, actor, ids, reason)

        self.runner.write(op, on_success=lambda count: show_info(
            self, "撤销盖章", f"已撤销盖章批次 {numbers}：{count:,} 份档案恢复为未盖章。"), error_title="撤销盖章失败")

    # --- 打印 ----------------------------------------------------------------------------------

    def print_archives(self, confirm: bool = True) -> None:
        """The ticked archives' sheets into a private temporary PDF, previewed; the file is
        removed when the preview closes, when the next one replaces it, or at exit. More than
        one sheet is confirmed with the count (the ticks may be every result of the query)."""
        count = self.model.ticked_count()
        if not count:
            return
        if confirm and count > 1 and QMessageBox.question(
                self, "预览/打印档案", f"为勾选的 {count:,} 份档案生成学习档案（每份一页 A4），预览后打印或保存？") \
                != QMessageBox.StandardButton.Yes:
            return
        self.close_preview()
        resolve = self.model.ticked_resolver()
        path = private_temp.new_file(
            f"学习档案_{self._scope.name if self._scope else ''}_{self.model.ticked_count()}份.pdf")
        actor, scope = self.actor, self.model.scope_path
        shown = f"{self._scope.full_name if self._scope else ''}的学习档案"

        def op(uow, state):  # the print is audited: a write
            from tjce_desktop.services.archive_sheets import print_archives

            archive_ids = query.enrollment_ids(uow.session.connection(), scope, resolve())
            uow.session.rollback()  # the read ends here; print_archives writes in its own transaction
            return print_archives(uow.database, actor, archive_ids, path, state=state, action="archive.preview",
                                  target=shown)

        def done(count: int) -> None:
            from tjce_desktop.gui.pdf_preview_dialog import PdfPreviewDialog

            database = self.database

            def save(source: Path, target: str) -> None:  # in the background: a file and its audit entry
                from tjce_desktop.services.exports import save_copy

                save_copy(database, actor, "archive.save_copy", source, target, {"sheets": count})

            def printed(uow, pages: int) -> None:  # sent to the printer: that is the print
                from tjce_desktop.services import audit

                audit.record_event(uow, actor.username, "archive.printed", shown, {"sheets": count, "pages": pages})

            dialog = PdfPreviewDialog(path, self, temporary=True, save=save, printed=printed, runner=self.runner)
            self.last_dialog = self.preview = dialog
            dialog.open()

        def failed(exc: BaseException) -> None:
            private_temp.discard(path)
            show_error(self, "生成学习档案失败", exc)

        self.runner.write(op, on_success=done, on_failure=failed, on_cancel=lambda: private_temp.discard(path),
                          label="正在生成学习档案…", error_title="生成学习档案失败")

    def close_preview(self) -> None:
        """Close the last preview; its temporary file goes with it."""
        if self.preview is not None:
            self.preview.release()
            self.preview = None
