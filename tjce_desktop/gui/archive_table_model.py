"""The 综合查询 result table: archive rowids by keyset, display rows per page, and ticks.

Ticks are kept as rowids; "勾选全部结果" is a mode (all results minus those unticked since),
so ticking three million archives costs nothing until an action asks for them in SQL.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from sqlalchemy import Engine

from tjce_desktop.gui.page_cache import PageCache
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.services import archive_query as query
from tjce_desktop.services.actor import Actor, Scope
from tjce_desktop.domain.task_state import TaskState

FIRST_PAGE = 100
KEY_PAGE = 1000
ROW_PAGE = 100
CACHED_ROW_PAGES = 60
_STAMPED = QBrush(QColor(176, 0, 32))

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class _Loaded:
    generation: int
    total: int
    rowids: list[int]
    last_key: tuple | None


class ArchiveTableModel(QAbstractTableModel):
    sig_loaded = Signal(int)
    sig_ticks_changed = Signal(int)  # how many archives are ticked

    def __init__(self, engine: Engine, runner: TaskRunner, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self._engine, self._runner, self._actor = engine, runner, actor
        self._scope_path: Scope | None = None
        self._filters = query.NO_FILTER
        self._rowids = array("q")
        self._last_key: tuple | None = None
        self._complete = True
        self._fetching = False
        self._total: int | None = None
        self._pages = PageCache(ROW_PAGE, CACHED_ROW_PAGES)
        self._generation = 0
        self._ticked: set[int] = set()
        self._all_ticked = False
        self._unticked: set[int] = set()
        self.org_names: dict[str, str] = {}

    # --- loading -----------------------------------------------------------------------------

    @property
    def total(self) -> int | None:
        return self._total

    @property
    def scope_path(self) -> Scope | None:
        return self._scope_path

    @property
    def filters(self) -> query.ArchiveFilter:
        return self._filters

    def load(self, scope_path: str, filters: query.ArchiveFilter) -> None:
        self._scope_path, self._filters = self._actor.scope(scope_path), filters
        self.reload()

    def reload(self) -> None:
        if self._scope_path is None:
            return
        self._generation += 1
        generation, scope, filters, engine = self._generation, self._scope_path, self._filters, self._engine
        self._total = None

        def job(state: TaskState) -> _Loaded:
            with engine.connect() as connection:
                total = query.count_archives(connection, scope, filters)
                state.check()
                page = query.fetch_key_page(connection, scope, filters, None, FIRST_PAGE)
            return _Loaded(generation, total, page.rowids, page.last_key)

        self._runner.run(job, on_success=self._apply, error_title="查询学习档案失败")

    def _apply(self, loaded: _Loaded) -> None:
        if loaded.generation != self._generation:
            return
        self.beginResetModel()
        self._rowids = array("q", loaded.rowids)
        self._last_key = loaded.last_key
        self._complete = len(loaded.rowids) < FIRST_PAGE
        self._total = loaded.total
        self._pages.clear()
        self._ticked.clear()
        self._unticked.clear()
        self._all_ticked = False
        self.endResetModel()
        self.sig_loaded.emit(loaded.total)
        self.sig_ticks_changed.emit(0)

    def refresh_rows(self) -> None:
        """Values changed (a stamp): read the visible rows again, keep keys and ticks."""
        self._pages.clear()
        if self._rowids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rowids) - 1, len(query.COLUMNS) - 1))

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and not self._complete and not self._fetching and self._scope_path is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        try:
            with self._engine.connect() as connection:
                page = query.fetch_key_page(connection, self._scope_path, self._filters, self._last_key, KEY_PAGE)
            self._complete = len(page.rowids) < KEY_PAGE
            if not page.rowids:
                return
            first = len(self._rowids)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rowids) - 1)
            self._rowids.extend(page.rowids)
            self._last_key = page.last_key
            self.endInsertRows()
        finally:
            self._fetching = False

    def row(self, row: int) -> query.ArchiveRow | None:
        def load(keys: list[int]) -> dict[int, query.ArchiveRow]:
            with self._engine.connect() as connection:
                return query.fetch_rows(connection, self._scope_path, keys, self.org_names)

        return self._pages.value(self._rowids, row, load)

    # --- ticks -------------------------------------------------------------------------------

    def is_ticked(self, rowid: int) -> bool:
        return rowid not in self._unticked if self._all_ticked else rowid in self._ticked

    def ticked_count(self) -> int:
        if self._all_ticked:
            return (self._total or 0) - len(self._unticked)
        return len(self._ticked)

    def set_ticked(self, rows: list[int], ticked: bool) -> None:
        for row in rows:
            rowid = self._rowids[row]
            if self._all_ticked:
                (self._unticked.discard if ticked else self._unticked.add)(rowid)
            else:
                (self._ticked.add if ticked else self._ticked.discard)(rowid)
        for row in rows:
            index = self.index(row, 0)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.sig_ticks_changed.emit(self.ticked_count())

    def tick_all(self) -> None:
        self._all_ticked, self._unticked, self._ticked = True, set(), set()
        self._emit_all_ticks()

    def untick_all(self) -> None:
        self._all_ticked, self._unticked, self._ticked = False, set(), set()
        self._emit_all_ticks()

    def _emit_all_ticks(self) -> None:
        if self._rowids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rowids) - 1, 0),
                                  [Qt.ItemDataRole.CheckStateRole])
        self.sig_ticks_changed.emit(self.ticked_count())

    def ticked_resolver(self) -> Callable[[], list[int]]:
        """A snapshot of the ticks, resolved to rowids in table order by the returned function —
        which may run SQL over every result, so call it in the background job."""
        engine, scope, filters = self._engine, self._scope_path, self._filters
        if self._all_ticked:
            unticked = frozenset(self._unticked)

            def every_result() -> list[int]:
                with engine.connect() as connection:
                    rowids = query.all_rowids(connection, scope, filters)
                return [rowid for rowid in rowids if rowid not in unticked]

            return every_result
        order = {rowid: n for n, rowid in enumerate(self._rowids)}
        ticked = sorted(self._ticked, key=lambda rowid: order.get(rowid, len(order)))
        return lambda: ticked

    # --- Qt model API ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rowids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(query.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rowids):
            return None
        if role == Qt.ItemDataRole.CheckStateRole:
            if index.column() != 0:
                return None
            ticked = self.is_ticked(self._rowids[index.row()])
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole):
            return None
        record = self.row(index.row())
        if record is None:
            return "" if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.ForegroundRole:
            stamp_column = query.COLUMNS.index("盖章状态")
            return _STAMPED if index.column() == stamp_column and record.stamp_status == "stamped" else None
        return record.values[index.column()]

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0 or not index.isValid():
            return False
        ticked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        self.set_ticked([index.row()], ticked)
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return query.COLUMNS[section] if 0 <= section < len(query.COLUMNS) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else flags

    def rowid_at(self, row: int) -> int:
        return self._rowids[row]
