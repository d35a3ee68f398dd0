"""The trainee table of an org subtree: keys in memory, values fetched per page.

- The model holds SQLite rowids only (8 bytes a row in an ``array``); displayed values are
  read by rowid for the pages on screen and kept in a small LRU cache, so scrolling through a
  million rows stays within a few tens of MB.
- A new scope or sort order is loaded by the task runner (count and first key page off the
  GUI thread). Orders an index serves continue with ``fetchMore`` on the GUI thread by keyset;
  the others fetch all keys in that background job, one sort instead of one per page.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from sqlalchemy import Engine

from tjce_desktop.gui.page_cache import PageCache
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.services import trainee_listing as listing
from tjce_desktop.services.actor import Actor, Scope
from tjce_desktop.domain.task_state import TaskState

FIRST_KEY_PAGE = 100  # a screenful: what a new scope must show at once
KEY_PAGE = 1000  # keys per fetchMore
ROW_PAGE = 100  # rows per value fetch
CACHED_ROW_PAGES = 80  # value pages kept: enough for several screens either way
_INDEXED_ORDERS = {
    listing.TraineeColumn.ORG,
    listing.TraineeColumn.USERNAME,
    listing.TraineeColumn.REAL_NAME,
    listing.TraineeColumn.ID_NUMBER,
}
_INACTIVE = QBrush(QColor(140, 140, 140))

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class _Loaded:
    generation: int
    total: int
    rowids: list[int]
    last_key: tuple | None
    complete: bool


def load_scope(engine: Engine, scope_path: Scope, order: listing.SortOrder, filters: listing.TraineeFilter,
               state: TaskState) -> tuple:
    """Background part of a (re)load: the count and the first key page (or all keys)."""
    with engine.connect() as connection:
        total = listing.count_in_scope(connection, scope_path, filters)
        state.check()
        if order.column in _INDEXED_ORDERS:
            page = listing.fetch_key_page(connection, scope_path, order, None, FIRST_KEY_PAGE, filters)
            return total, page.rowids, page.last_key, len(page.rowids) < FIRST_KEY_PAGE
        page = listing.fetch_key_page(connection, scope_path, order, None, max(total, 1), filters)
        return total, page.rowids, page.last_key, True


class TraineeTableModel(QAbstractTableModel):
    sig_loaded = Signal(int)  # total trainees in scope, after each (re)load
    sig_loading = Signal()

    def __init__(self, engine: Engine, runner: TaskRunner, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._runner = runner
        self._actor = actor
        self._scope_path: Scope | None = None
        self._order = listing.SortOrder()
        self._filters = listing.NO_FILTER
        self._rowids = array("q")
        self._last_key: tuple | None = None
        self._complete = True
        self._fetching = False
        self._total: int | None = None
        self._pages = PageCache(ROW_PAGE, CACHED_ROW_PAGES)
        self._generation = 0  # results of superseded loads are dropped
        self.full_id_numbers = False

    # --- loading -----------------------------------------------------------------------------

    @property
    def scope_path(self) -> str | None:
        return self._scope_path

    @property
    def total(self) -> int | None:
        return self._total

    @property
    def order(self) -> listing.SortOrder:
        return self._order

    @property
    def filters(self) -> listing.TraineeFilter:
        return self._filters

    def set_filters(self, filters: listing.TraineeFilter) -> None:
        """Takes effect with the next (re)load."""
        self._filters = filters

    def set_scope(self, scope_path: str) -> None:
        self._scope_path = self._actor.scope(scope_path)
        self.reload()

    def reload(self) -> None:
        if self._scope_path is None:
            return
        self._generation += 1
        generation, scope, order, filters = self._generation, self._scope_path, self._order, self._filters
        self._total = None
        self.sig_loading.emit()

        def job(state: TaskState) -> _Loaded:
            total, rowids, last_key, complete = load_scope(self._engine, scope, order, filters, state)
            return _Loaded(generation, total, rowids, last_key, complete)

        label = None if order.column in _INDEXED_ORDERS else "正在排序…"
        self._runner.run(job, on_success=self._apply_loaded, label=label, error_title="读取学员失败")

    def _apply_loaded(self, loaded: _Loaded) -> None:
        if loaded.generation != self._generation:
            return
        self.beginResetModel()
        self._rowids = array("q", loaded.rowids)
        self._last_key = loaded.last_key
        self._complete = loaded.complete
        self._total = loaded.total
        self._pages.clear()
        self.endResetModel()
        self.sig_loaded.emit(loaded.total)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return (not parent.isValid() and not self._complete and not self._fetching
                and self._scope_path is not None)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        # Views (and qtmodeltester) may call back in from the row-insert signals.
        self._fetching = True
        try:
            # The one SQL on the GUI thread: a key page of an index-ordered scan, a few ms.
            with self._engine.connect() as connection:
                page = listing.fetch_key_page(connection, self._scope_path, self._order, self._last_key, KEY_PAGE,
                                              self._filters)
            if len(page.rowids) < KEY_PAGE:
                self._complete = True
            if not page.rowids:
                return
            first = len(self._rowids)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rowids) - 1)
            self._rowids.extend(page.rowids)
            self._last_key = page.last_key
            self.endInsertRows()
        finally:
            self._fetching = False

    def _row(self, row: int) -> listing.TraineeRow | None:
        def load(keys: list[int]) -> dict[int, listing.TraineeRow]:
            with self._engine.connect() as connection:
                return listing.fetch_rows(connection, self._scope_path, keys, full_id_numbers=self.full_id_numbers)

        return self._pages.value(self._rowids, row, load)

    def set_full_id_numbers(self, full: bool) -> None:
        """Show ID numbers in full (for roles that may; the page audits it) or masked."""
        self.full_id_numbers = full
        self._pages.clear()
        if self._rowids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rowids) - 1, len(listing.COLUMNS) - 1))

    def rowid_at(self, row: int) -> int:
        return self._rowids[row]

    def row_values(self, row: int) -> tuple[str, ...] | None:
        record = self._row(row)
        return record.values if record else None

    # --- Qt model API ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rowids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(listing.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rowids)):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole):
            return None
        record = self._row(index.row())
        if record is None:  # deleted since the keys were read; the next reload drops it
            return None if role != Qt.ItemDataRole.DisplayRole else ""
        if role == Qt.ItemDataRole.ForegroundRole:
            return None if record.active else _INACTIVE
        if role == Qt.ItemDataRole.ToolTipRole:
            return None if record.active else "已离职/调出：学习档案保留"
        return record.values[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(listing.COLUMNS):
                return listing.COLUMNS[section].header
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(listing.COLUMNS)):
            return
        new_order = listing.SortOrder(listing.COLUMNS[column], order == Qt.SortOrder.DescendingOrder)
        if new_order == self._order and self._total is not None:
            return
        self._order = new_order
        self.reload()
