"""学员管理: the trainees of the selected org and all its sub-orgs, and what can be done to them."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMainWindow, QMenu, QMessageBox, QWidget

from tjce_desktop.domain.enums import Gender, PostType, TitleLevel
from tjce_desktop.gui import page_conveniences, remembered_filters
from tjce_desktop.gui.dialogs import show_info
from tjce_desktop.gui.forms.ui_trainees_page import Ui_TraineesPage
from tjce_desktop.gui.signal_hub import SignalHub
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.gui.trainee_table_model import TraineeTableModel, arrange_trainee_columns
from tjce_desktop.services import trainee_listing as listing
from tjce_desktop.services.actor import TRAINEE_EDITORS, Actor
from tjce_desktop.services.org_nodes import OrgNode
from tjce_desktop.storage.database import Database

# The services, dialogs and export below are imported where used: the window paints this
# page's first screen before SQLAlchemy and the models are loaded (gui/main_window.py).
if TYPE_CHECKING:
    from tjce_desktop.gui.trainee_dialog import TraineeDialog

SHOWN_TABLES = ("trainee", "org")  # what the table shows: read again when a write changed them


class TraineesPage(QWidget):
    sig_count_changed = Signal(object)  # int | None: trainees in the selected scope and query

    def __init__(self, database: Database, runner: TaskRunner, hub: SignalHub, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_TraineesPage()
        self.ui.setupUi(self)
        self.database, self.runner, self.hub, self.actor = database, runner, hub, actor
        self.model = TraineeTableModel(database, runner, actor, self)
        self.ui.table.setModel(self.model)
        self._scope: OrgNode | None = None
        # 全选 (the button, Ctrl+A) means every result of the query, not the rows loaded so far:
        # kept as a flag and resolved in SQL when an action runs; picking rows by hand ends it.
        self._whole_query = False
        self._selecting = False  # our own selection changes, not the user's
        self.last_dialog: QWidget | None = None  # the dialog opened last (tests look at it)
        self.central = lambda: None  # the main window's: the central engine factory of a bound desk
        self._size_columns()
        # Room for the largest count: the selection is never shown cut off.
        label = self.ui.selection_label
        label.setMinimumWidth(label.fontMetrics().horizontalAdvance("已选全部 999,999 名 ·") + 8)
        self.ui.table.horizontalHeader().setSortIndicator(
            listing.COLUMNS.index(listing.TraineeColumn.ORG), Qt.SortOrder.AscendingOrder
        )
        self._build_export_menu()
        self._connect()
        self.tools = page_conveniences.trainees_page(self)
        self._show_filters(remembered_filters.recall("trainees"))  # the last query's, after a restart
        self.model.set_filters(self.filters())  # 在职 by default
        self._update_buttons()

    # --- construction ---------------------------------------------------------------------------

    def _size_columns(self) -> None:
        arrange_trainee_columns(self.ui.table)

    def _build_export_menu(self) -> None:
        menu = QMenu(self)
        self.export_masked_action = QAction("导出（身份证号脱敏）", self)
        self.export_full_action = QAction("导出（含完整身份证号，记入审计日志）", self)
        self.export_full_action.setEnabled(self.actor.may_see_full_id_numbers)
        menu.addActions([self.export_masked_action, self.export_full_action])
        self.ui.export_button.setMenu(menu)

    def _connect(self) -> None:
        ui = self.ui
        self.model.sig_loading.connect(self._on_loading)
        self.model.sig_loaded.connect(self._on_loaded)
        self.watch = self.hub.watch(self, SHOWN_TABLES, self.refresh)
        ui.query_button.clicked.connect(self.run_query)
        ui.reset_button.clicked.connect(self.reset_query)
        for edit in (ui.username_edit, ui.real_name_edit, ui.id_number_edit, ui.phone_edit):
            edit.returnPressed.connect(self.run_query)
        ui.table.selectionModel().selectionChanged.connect(lambda *_: self._on_selection_changed())
        ui.table.installEventFilter(self)
        ui.select_all_button.clicked.connect(self.select_all)
        self.model.rowsInserted.connect(self._on_rows_fetched)
        ui.table.doubleClicked.connect(
            lambda _index: self.edit_selected() if self.actor.role in TRAINEE_EDITORS else self.show_archive())
        ui.add_button.clicked.connect(self.add_trainee)
        ui.transfer_button.clicked.connect(lambda: self.transfer_in())
        ui.edit_button.clicked.connect(self.edit_selected)
        ui.archive_button.clicked.connect(self.show_archive)
        ui.move_button.clicked.connect(self.move_selected)
        ui.leave_button.clicked.connect(lambda: self.set_left_selected(True))
        ui.reinstate_button.clicked.connect(lambda: self.set_left_selected(False))
        ui.template_button.clicked.connect(self.save_template)
        ui.import_button.clicked.connect(self.open_import)
        ui.export_button.clicked.connect(lambda: self.export(full_ids=False))
        self.export_masked_action.triggered.connect(lambda: self.export(full_ids=False))
        self.export_full_action.triggered.connect(lambda: self.export(full_ids=True))

    # --- scope and query ------------------------------------------------------------------------

    @property
    def scope(self) -> OrgNode | None:
        return self._scope

    def set_scope(self, org: OrgNode) -> None:
        self._scope = org
        self.ui.scope_label.setText(f"学员管理 · {org.full_name}")
        self.model.set_scope(org.path)

    def filters(self) -> listing.TraineeFilter:
        ui = self.ui

        def choice(combo, enum_type) -> str:
            text = combo.currentText()
            return "" if text == "全部" else enum_type.from_label(text).value

        yes_no = {"全部": None, "是": True, "否": False}
        status = {"全部": None, "在职": True, "离职": False}
        return listing.TraineeFilter(
            username=ui.username_edit.text(), real_name=ui.real_name_edit.text(),
            id_number=ui.id_number_edit.text(), phone=ui.phone_edit.text(),
            gender=choice(ui.gender_combo, Gender), title_level=choice(ui.title_combo, TitleLevel),
            post_type=choice(ui.post_combo, PostType), high_tech=yes_no[ui.high_tech_combo.currentText()],
            active=status[ui.status_combo.currentText()],
        )

    def run_query(self) -> None:
        filters = self.filters()
        remembered_filters.remember("trainees", self._filter_texts())
        self.model.set_filters(filters)
        self.model.reload()

    def _filter_fields(self) -> dict:
        ui = self.ui
        return {"username": ui.username_edit, "real_name": ui.real_name_edit, "id_number": ui.id_number_edit,
                "phone": ui.phone_edit, "gender": ui.gender_combo, "title_level": ui.title_combo,
                "post_type": ui.post_combo, "high_tech": ui.high_tech_combo, "active": ui.status_combo}

    def _filter_texts(self) -> dict[str, str]:
        """The query panel as typed and chosen (what a restart shows again)."""
        return {name: field.text() if hasattr(field, "text") else field.currentText()
                for name, field in self._filter_fields().items()}

    def _show_filters(self, texts: dict | None) -> None:
        for name, field in self._filter_fields().items():
            value = (texts or {}).get(name)
            if not isinstance(value, str):
                continue
            if hasattr(field, "setText"):
                field.setText(value)
            elif field.findText(value) >= 0:
                field.setCurrentIndex(field.findText(value))

    def reset_query(self) -> None:
        ui = self.ui
        for edit in (ui.username_edit, ui.real_name_edit, ui.id_number_edit, ui.phone_edit):
            edit.clear()
        for combo in (ui.gender_combo, ui.title_combo, ui.post_combo, ui.high_tech_combo, ui.status_combo):
            combo.setCurrentIndex(0)
        self.run_query()

    def refresh(self) -> None:
        self.model.reload()

    def _on_loading(self) -> None:
        self._whole_query = False  # a new query: a new selection
        self.ui.count_label.setText("正在查询…")
        self.sig_count_changed.emit(None)

    def _on_loaded(self, total: int) -> None:
        filters = self.model.filters
        if filters == listing.TraineeFilter(active=True):  # the default view
            text = f"共 {total:,} 名在职学员（含下级机构）"
        elif filters.is_empty():
            text = f"共 {total:,} 名学员（含下级机构，含离职）"
        else:
            text = f"符合条件的学员 {total:,} 名（含下级机构）"
        self.ui.count_label.setText(text)
        self.sig_count_changed.emit(total)
        self._update_buttons()

    # --- selection ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Ctrl+A in the table selects every result of the query (the view's own would select
        # the rows loaded so far only).
        if watched is self.ui.table and event.type() == QEvent.Type.KeyPress and \
                event.matches(QKeySequence.StandardKey.SelectAll):
            self.select_all()
            return True
        return super().eventFilter(watched, event)

    def select_all(self) -> None:
        if not self.model.total:
            return
        self._selecting = True
        try:
            self.ui.table.selectAll()
        finally:
            self._selecting = False
        self._whole_query = True
        self._update_buttons()

    def _on_rows_fetched(self, _parent, first: int, last: int) -> None:
        """Rows fetched while the whole query is selected show as selected too."""
        if not self._whole_query:
            return
        selection = self.ui.table.selectionModel()
        self._selecting = True
        try:
            rows = QItemSelection(self.model.index(first, 0), self.model.index(last, self.model.columnCount() - 1))
            selection.select(rows, QItemSelectionModel.SelectionFlag.Select)
        finally:
            self._selecting = False

    def _on_selection_changed(self) -> None:
        if not self._selecting:
            self._whole_query = False
        self._update_buttons()

    @property
    def whole_query_selected(self) -> bool:
        return self._whole_query

    def selected_count(self) -> int:
        """How many trainees the bulk actions act on: every result when 全选, else the rows picked."""
        if self._whole_query:
            return self.model.total or 0
        return len(self.ui.table.selectionModel().selectedRows())

    def selected_rowids(self) -> list[int]:
        rows = sorted({index.row() for index in self.ui.table.selectionModel().selectedRows()})
        return [self.model.rowid_at(row) for row in rows]

    def selection(self) -> listing.TraineeSelection | None:
        scope = self.model.scope_path
        if scope is None:
            return None
        if self._whole_query:
            return listing.TraineeSelection(scope, self.model.filters)
        return listing.TraineeSelection(scope, self.model.filters, tuple(self.selected_rowids()))

    def _update_buttons(self) -> None:
        count = self.selected_count()
        ui = self.ui
        if self._whole_query:
            ui.selection_label.setText(f"已选全部 {count:,} 名 ·")
        else:
            ui.selection_label.setText(f"已选 {count:,} 名 ·" if count else "未选择 ·")
        may_edit = self.actor.role in TRAINEE_EDITORS  # clerks and auditors read; the services refuse too
        ui.edit_button.setEnabled(may_edit and count == 1)
        ui.archive_button.setEnabled(count == 1)
        for button in (ui.move_button, ui.leave_button, ui.reinstate_button):
            button.setEnabled(may_edit and count > 0)
        ui.select_all_button.setEnabled(bool(self.model.total) and not self._whole_query)
        ui.add_button.setEnabled(may_edit and self._scope is not None)
        ui.transfer_button.setEnabled(may_edit and self._scope is not None)
        ui.import_button.setEnabled(may_edit and self._scope is not None)

    def _selected_words(self, count: int) -> str:
        """The selection as a confirmation names it, with its count."""
        return f"当前查询的全部 {count:,} 名学员" if self._whole_query else f"选中的 {count:,} 名学员"

    def _with_selected_ids(self, then) -> None:
        """Resolve the selected rows to trainee keys in the background, then call ``then(ids)``."""
        from tjce_desktop.services.trainees import trainee_ids_for_rowids

        rowids = self.selected_rowids()
        if rowids:
            self.runner.read(lambda uow, _state: trainee_ids_for_rowids(uow, rowids), on_success=then,
                             error_title="读取学员失败")

    # --- actions --------------------------------------------------------------------------------

    def _open(self, dialog: QWidget) -> None:
        """Show a window-modal dialog that deletes itself when closed."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._forget_dialog)
        self.last_dialog = dialog
        dialog.open()

    def _forget_dialog(self) -> None:
        self.last_dialog = None

    def _with_orgs(self, then) -> None:
        from tjce_desktop.services.orgs import list_orgs

        actor = self.actor

        def job(uow, _state) -> list[OrgNode]:
            return [org for org in list_orgs(uow.session) if actor.may_access(org.path)]

        self.runner.read(job, on_success=then, error_title="读取组织机构失败")

    def add_trainee(self) -> None:
        self._with_orgs(lambda orgs: self._open_trainee_dialog(orgs, None))

    def edit_selected(self) -> None:
        from tjce_desktop.services.orgs import list_orgs
        from tjce_desktop.services.trainees import get_trainee

        def load(ids: list[uuid.UUID]) -> None:
            actor = self.actor

            def job(uow, _state):
                detail = get_trainee(uow, actor, ids[0])
                return [org for org in list_orgs(uow.session) if actor.may_access(org.path)], detail

            self.runner.read(job, on_success=lambda result: self._open_trainee_dialog(*result),
                             error_title="操作失败")

        self._with_selected_ids(load)

    def transfer_in(self, id_number: str | None = None, org: OrgNode | None = None) -> None:
        """调入 a person another unit marked 离职 into ``org`` (the selected org by default)."""
        target = org or self._scope
        if target is None:
            return
        if id_number is None:
            id_number, accepted = QInputDialog.getText(
                self, "调入", f"调入到“{target.full_name}”。\n其他单位已办理离职/调出的人员，学习档案和证书随人转入。\n"
                            "身份证号：")
            if not accepted or not id_number.strip():
                return
        actor, central = self.actor, self.central()

        def op(uow, _state):
            from tjce_desktop.services.trainee_transfer import transfer_in

            return transfer_in(uow, actor, id_number, target.id, central=central)

        def done(result) -> None:
            if result.trainee_id is None:  # claimed centrally: arrives with the next sync
                show_info(self, "调入", f"已在中心数据库办理调入“{result.target_full_name}”："
                                        f"{result.archives:,} 份学习档案随人转入，同步后显示。")
                return
            show_info(self, "调入", f"已把 {result.real_name} 调入“{result.target_full_name}”："
                                    f"{result.archives:,} 份学习档案随人转入。")

        self.runner.write(op, on_success=done, error_title="调入")

    def _open_trainee_dialog(self, orgs, detail) -> TraineeDialog:
        from tjce_desktop.gui.trainee_dialog import TraineeDialog

        dialog = TraineeDialog(self.runner, self.actor, orgs, detail=detail, default_org=self._scope, parent=self)
        dialog.sig_transfer.connect(lambda number, org_id: self.transfer_in(
            number, next((o for o in orgs if o.id == org_id), None)))
        if detail is None:
            dialog.sig_saved.connect(self.show_added)
        self._open(dialog)
        return dialog

    def show_added(self, detail) -> None:
        """A trainee just added: said in the status bar, and selected and scrolled to once the
        table has read again (the write's announcement reloads it) — or said not to be in it."""
        text = f"已添加学员 {detail.real_name}（{detail.username}），所属机构：{detail.org_full_name}。"

        def find(uow, _state) -> int | None:
            return uow.session.connection().exec_driver_sql("SELECT rowid FROM trainee WHERE id = ?",
                                                            (detail.id.hex,)).scalar()

        def select(rowid: int | None) -> None:
            row = self.model.find_row(rowid) if rowid is not None else None
            if row is None:
                self._status(text + "它不在当前的查询结果中（请检查左侧机构和查询条件）。")
                return
            table = self.ui.table
            table.selectRow(row)
            table.scrollTo(self.model.index(row, 0), table.ScrollHint.PositionAtCenter)
            self._status(text)

        def found(rowid: int | None) -> None:
            if self.model.total is None:  # the table is still reading again: select when it has
                def loaded(_total: int) -> None:
                    self.model.sig_loaded.disconnect(loaded)
                    select(rowid)

                self.model.sig_loaded.connect(loaded)
            else:
                select(rowid)

        self.runner.read(find, on_success=found, error_title="读取学员失败")

    def _status(self, text: str) -> None:
        """A message in the window's status bar (the page may stand alone in a test)."""
        self.last_status = text
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 15_000)

    def show_archive(self) -> None:
        from tjce_desktop.services.trainees import get_trainee, trainee_archive

        actor = self.actor

        def load(ids: list[uuid.UUID]) -> None:
            self.runner.read(lambda uow, _state: (get_trainee(uow, actor, ids[0]), trainee_archive(uow, actor, ids[0])),
                             on_success=lambda result: self._open_archive(*result), error_title="操作失败")

        self._with_selected_ids(load)

    def _open_archive(self, detail, entries) -> None:
        from tjce_desktop.gui.archive_dialog import ArchiveDialog

        self._open(ArchiveDialog(detail, entries, self))

    def move_selected(self) -> None:
        from tjce_desktop.gui.org_picker_dialog import OrgPickerDialog
        from tjce_desktop.services.trainees import move_trainees, trainee_ids_for_selection

        selection, count = self.selection(), self.selected_count()
        if selection is None or not count:
            return
        picker = OrgPickerDialog(self.database, f"把{self._selected_words(count)}调整到：", self, runner=self.runner,
                                 scope_path=self.actor.scope_path)
        if self._scope is not None:
            picker.select_path(self._scope.path)
        if picker.exec() != picker.DialogCode.Accepted:
            return
        target = picker.selected_org()
        if target is None:
            return
        answer = QMessageBox.question(self, "调整组织机构",
                                      f"确定把{self._selected_words(count)}调整到“{target.full_name}”吗？")
        if answer != QMessageBox.StandardButton.Yes:
            return
        actor = self.actor

        def done(result) -> None:
            show_info(self, "调整组织机构", f"已把 {result.moved:,} 名学员调整到“{result.target_full_name}”。")

        def op(uow, _state):
            return move_trainees(uow, actor, trainee_ids_for_selection(uow, selection), target.id)

        self.runner.write(op, on_success=done, label="正在调整组织机构…", error_title="调整组织机构失败")

    def set_left_selected(self, left: bool) -> None:
        selection, count = self.selection(), self.selected_count()
        if selection is None or not count:
            return
        what = "标记为离职/调出（学习档案保留）" if left else "恢复为在职"
        if QMessageBox.question(self, "学员状态", f"确定把{self._selected_words(count)}{what}吗？") != \
                QMessageBox.StandardButton.Yes:
            return
        from tjce_desktop.services.trainees import set_left, trainee_ids_for_selection

        actor = self.actor

        def op(uow, _state) -> int:
            return set_left(uow, actor, trainee_ids_for_selection(uow, selection), left)

        def done(changed: int) -> None:
            state = "离职/调出" if left else "在职"
            show_info(self, "学员状态", f"已把 {changed:,} 名学员标记为{state}"
                      + (f"（另 {count - changed:,} 名本来就是{state}）。" if changed < count else "。"))

        self.runner.write(op, on_success=done, label="正在修改学员状态…", error_title="修改状态失败")

    def save_template(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, "保存导入模板", "学员导入模板.xlsx", "Excel 文件 (*.xlsx)")
        if not path:
            return
        actor = self.actor

        def job(uow, _state):
            from tjce_desktop.exchange.trainee_template import write_template  # openpyxl: not at start
            from tjce_desktop.services.orgs import list_orgs

            names = [o.full_name for o in list_orgs(uow.session) if o.depth > 0 and actor.may_access(o.path)]
            write_template(path, names)
            return path

        self.runner.read(job, on_success=lambda p: show_info(self, "下载模板", f"导入模板已保存：\n{p}"),
                         label="正在生成模板…", error_title="保存模板失败")

    def open_import(self):
        from tjce_desktop.gui.import_wizard import ImportWizard  # the Excel stack loads when first needed

        wizard = ImportWizard(self.runner, self.actor, self._scope, write_template=self.save_template, parent=self)
        self._open(wizard)
        return wizard

    def export(self, *, full_ids: bool, path: str | None = None) -> None:
        from tjce_desktop.gui.export_job import export_file

        if self._scope is None:
            return
        actor, scope, filters, order = self.actor, self._scope.path, self.model.filters, self.model.order

        def write(uow, target, state) -> int:
            from tjce_desktop.services.trainee_export import export_trainees

            return export_trainees(uow.database, actor, target, scope_path=scope, filters=filters, order=order,
                                   full_id_numbers=full_ids, state=state)

        export_file(self, self.runner, title="导出", ask_title="导出学员", name=f"学员_{self._scope.name}.xlsx",
                    path=path, csv=True, write=write, told=lambda n, target: f"已导出 {n:,} 名学员到：\n{target}")
