"""学员管理: the trainees of the selected org and all its sub-orgs."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QWidget

from tjce_desktop.gui.forms.ui_trainees_page import Ui_TraineesPage
from tjce_desktop.gui.signal_hub import ChangeSet, SignalHub
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.gui.trainee_table_model import TraineeTableModel
from tjce_desktop.services import trainee_listing as listing
from tjce_desktop.services.orgs import OrgNode
from tjce_desktop.storage.database import Database

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


class TraineesPage(QWidget):
    sig_count_changed = Signal(object)  # int | None: trainees in the selected scope

    def __init__(self, database: Database, runner: TaskRunner, hub: SignalHub, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_TraineesPage()
        self.ui.setupUi(self)
        self.model = TraineeTableModel(database.engine, runner, self)
        self.ui.table.setModel(self.model)
        self._scope: OrgNode | None = None
        self._stale = False
        self._size_columns()
        self.ui.table.horizontalHeader().setSortIndicator(
            listing.COLUMNS.index(listing.TraineeColumn.ORG), Qt.SortOrder.AscendingOrder
        )
        self.model.sig_loading.connect(self._on_loading)
        self.model.sig_loaded.connect(self._on_loaded)
        hub.sig_changed.connect(self._on_data_changed)

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

    def set_scope(self, org: OrgNode) -> None:
        self._scope = org
        self.ui.scope_label.setText(f"学员管理 · {org.full_name}")
        self.model.set_scope(org.path)

    def refresh(self) -> None:
        self.model.reload()

    def _on_loading(self) -> None:
        self.ui.count_label.setText("正在读取…")
        self.sig_count_changed.emit(None)

    def _on_loaded(self, total: int) -> None:
        self.ui.count_label.setText(f"共 {total:,} 名学员（含下级机构）")
        self.sig_count_changed.emit(total)

    def _on_data_changed(self, changes: ChangeSet) -> None:
        if not (changes.touches("trainee") or changes.touches("org")):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True  # hidden views refresh when shown, not on every change

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()
