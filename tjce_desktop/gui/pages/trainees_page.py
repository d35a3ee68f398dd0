"""学员管理: the trainees of the selected org and all its sub-orgs, and what can be done to them."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QHeaderView, QMenu, QMessageBox, QWidget

from tjce_desktop.domain.enums import Gender, PostType, TitleLevel
from tjce_desktop.gui.dialogs import show_info
from tjce_desktop.gui.forms.ui_trainees_page import Ui_TraineesPage
from tjce_desktop.gui.signal_hub import SignalHub
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.gui.trainee_table_model import TraineeTableModel
from tjce_desktop.services import trainee_listing as listing
from tjce_desktop.services.actor import TRAINEE_EDITORS, Actor
from tjce_desktop.services.org_nodes import OrgNode
from tjce_desktop.storage.database import Database

# The services, dialogs and export below are imported where used: the window paints this
# page's first screen before SQLAlchemy and the models are loaded (gui/main_window.py).
if TYPE_CHECKING:
    from tjce_desktop.gui.trainee_dialog import TraineeDialog

# Widths from the header texts and typical contents, not resizeColumnsToContents(),
# which reads every row of a large model.
_COLUMN_CHARS = {
    listing.TraineeColumn.USERNAME: 10,
    listing.TraineeColumn.REAL_NAME: 6,
    listing.TraineeColumn.ID_NUMBER: 18,
    listing.TraineeColumn.GENDER: 4,
    listing.TraineeColumn.BIRTH_DATE: 10,
    listing.TraineeColumn.ORG: 16,
    listing.TraineeColumn.TITLE_LEVEL: 6,
    listing.TraineeColumn.POST_TYPE: 8,
    listing.TraineeColumn.HIGH_TECH: 5,
    listing.TraineeColumn.PHONE: 11,
    listing.TraineeColumn.ACTIVE: 4,
}
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
        self.last_dialog: QWidget | None = None  # the dialog opened last (tests look at it)
        self._size_columns()
        self.ui.table.horizontalHeader().setSortIndicator(
            listing.COLUMNS.index(listing.TraineeColumn.ORG), Qt.SortOrder.AscendingOrder
        )
        self._build_export_menu()
        self._connect()
        self.model.set_filters(self.filters())  # 在职 by default
        self._update_buttons()

    # --- construction ---------------------------------------------------------------------------

    def _size_columns(self) -> None:
        table = self.ui.table
        metrics = table.fontMetrics()
        char = metrics.horizontalAdvance("中")
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for number, column in enumerate(listing.COLUMNS):
            text_width = metrics.horizontalAdvance(column.header) + 28  # room for the sort arrow
            header.resizeSection(number, max(text_width, _COLUMN_CHARS[column] * char * 3 // 4 + 12))
        vertical = table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(metrics.height() + 8)

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
        ui.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        ui.table.doubleClicked.connect(
            lambda _index: self.edit_selected() if self.actor.role in TRAINEE_EDITORS else self.show_archive())
        ui.add_button.clicked.connect(self.add_trainee)
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
        self.model.set_filters(self.filters())
        self.model.reload()

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

    def selected_rowids(self) -> list[int]:
        rows = sorted({index.row() for index in self.ui.table.selectionModel().selectedRows()})
        return [self.model.rowid_at(row) for row in rows]

    def _update_buttons(self) -> None:
        count = len(self.ui.table.selectionModel().selectedRows())
        ui = self.ui
        may_edit = self.actor.role in TRAINEE_EDITORS  # clerks and auditors read; the services refuse too
        ui.edit_button.setEnabled(may_edit and count == 1)
        ui.archive_button.setEnabled(count == 1)
        for button in (ui.move_button, ui.leave_button, ui.reinstate_button):
            button.setEnabled(may_edit and count > 0)
        ui.add_button.setEnabled(may_edit and self._scope is not None)
        ui.import_button.setEnabled(may_edit and self._scope is not None)

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

    def _open_trainee_dialog(self, orgs, detail) -> TraineeDialog:
        from tjce_desktop.gui.trainee_dialog import TraineeDialog

        dialog = TraineeDialog(self.runner, self.actor, orgs, detail=detail, default_org=self._scope, parent=self)
        self._open(dialog)
        return dialog

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
        from tjce_desktop.services.trainees import move_trainees

        count = len(self.selected_rowids())
        picker = OrgPickerDialog(self.database, f"把选中的 {count:,} 名学员调整到：", self)
        if self._scope is not None:
            picker.select_path(self._scope.path)
        if picker.exec() != picker.DialogCode.Accepted:
            return
        target = picker.selected_org()
        if target is None:
            return
        answer = QMessageBox.question(self, "调整组织机构", f"确定把 {count:,} 名学员调整到“{target.full_name}”吗？")
        if answer != QMessageBox.StandardButton.Yes:
            return
        actor = self.actor

        def move(ids: list[uuid.UUID]) -> None:
            def done(result) -> None:
                show_info(self, "调整组织机构", f"已把 {result.moved:,} 名学员调整到“{result.target_full_name}”。")

            self.runner.write(lambda uow, _state: move_trainees(uow, actor, ids, target.id), on_success=done,
                              error_title="调整组织机构失败")

        self._with_selected_ids(move)

    def set_left_selected(self, left: bool) -> None:
        count = len(self.selected_rowids())
        what = "标记为离职/调出（学习档案保留）" if left else "恢复为在职"
        if QMessageBox.question(self, "学员状态", f"确定把选中的 {count:,} 名学员{what}吗？") != \
                QMessageBox.StandardButton.Yes:
            return
        from tjce_desktop.services.trainees import set_left

        actor = self.actor

        def apply(ids: list[uuid.UUID]) -> None:
            self.runner.write(lambda uow, _state: set_left(uow, actor, ids, left), error_title="修改状态失败")

        self._with_selected_ids(apply)

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
