"""The 综合查询 result table: a keyset table (``keyset_table_model.py``) of archive rowids,
display rows per page, and ticks.

Ticks are kept as rowids; "勾选全部结果" is a mode (all results minus those unticked since),
so ticking three million archives costs nothing until an action asks for them in SQL.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from sqlalchemy import Connection, Engine

from tjce_desktop.gui.keyset_table_model import FirstKeys, Index, KeysetTableModel
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.services import archive_query as query
from tjce_desktop.services.actor import Actor

FIRST_PAGE = 100
KEY_PAGE = 1000
ROW_PAGE = 100
CACHED_ROW_PAGES = 60
_STAMPED = QBrush(QColor(176, 0, 32))
_LONG = ("所属机构", "培训计划")


class ArchiveTableModel(KeysetTableModel):
    sig_ticks_changed = Signal(int)  # how many archives are ticked

    KEY_PAGE = KEY_PAGE
    ROW_PAGE = ROW_PAGE
    CACHED_ROW_PAGES = CACHED_ROW_PAGES
    LOAD_ERROR = "查询学习档案失败"

    def __init__(self, engine: Engine, runner: TaskRunner, actor: Actor, parent=None) -> None:
        super().__init__(engine, runner, actor, parent)
        self._filters = query.NO_FILTER
        self._ticked: set[int] = set()
        self._all_ticked = False
        self._unticked: set[int] = set()
        self.org_names: dict[str, str] = {}

    # --- loading -----------------------------------------------------------------------------

    @property
    def filters(self) -> query.ArchiveFilter:
        return self._filters

    def load(self, scope_path: str, filters: query.ArchiveFilter) -> None:
        self._scope_path, self._filters = self._actor.scope(scope_path), filters
        self.reload()

    def _first_keys(self):
        scope, filters = self._scope_path, self._filters

        def first(connection: Connection, state) -> FirstKeys:
            total = query.count_archives(connection, scope, filters)
            state.check()
            page = query.fetch_key_page(connection, scope, filters, None, FIRST_PAGE)
            return FirstKeys(total, page.rowids, page.last_key, len(page.rowids) < FIRST_PAGE)

        return first

    def _loaded(self) -> None:
        self._ticked.clear()
        self._unticked.clear()
        self._all_ticked = False

    def _apply(self, loaded) -> None:
        current = loaded.generation == self._generation
        super()._apply(loaded)
        if current:
            self.sig_ticks_changed.emit(0)

    def _key_page(self, connection: Connection, after: tuple | None, limit: int):
        return query.fetch_key_page(connection, self._scope_path, self._filters, after, limit)

    def _value_page(self, connection: Connection, rowids: list[int]) -> dict:
        return query.fetch_rows(connection, self._scope_path, rowids, self.org_names)

    def row(self, row: int) -> query.ArchiveRow | None:
        return self._row(row)

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
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole):
            return None
        record = self.row(index.row())
        if record is None:
            return "" if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text where 所属机构 or 培训计划 elides it
            return record.values[index.column()] if query.COLUMNS[index.column()] in _LONG else None
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
