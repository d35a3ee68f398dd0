"""The trainee table of an org subtree (学员管理, drill-downs): a keyset table
(``keyset_table_model.py``) over ``services/trainee_listing.py``.

Orders an index serves continue with ``fetchMore`` by keyset; the others, and pinyin searches
(their matches come from the name indexes, a few thousand), fetch all keys in the background
load, one sort instead of one per page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from tjce_desktop.domain.task_state import TaskState
from tjce_desktop.gui.keyset_table_model import FirstKeys, Index, KeysetTableModel
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.services import trainee_listing as listing
from tjce_desktop.services.actor import Actor, Scope

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from tjce_desktop.storage.database import Database

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


def _first_keys(connection: Connection, scope_path: Scope, order: listing.SortOrder, filters: listing.TraineeFilter,
                state: TaskState) -> FirstKeys:
    total = listing.count_in_scope(connection, scope_path, filters)
    state.check()
    if order.column in _INDEXED_ORDERS and not filters.searches_pinyin:
        page = listing.fetch_key_page(connection, scope_path, order, None, FIRST_KEY_PAGE, filters)
        return FirstKeys(total, page.rowids, page.last_key, len(page.rowids) < FIRST_KEY_PAGE)
    page = listing.fetch_key_page(connection, scope_path, order, None, max(total, 1), filters)
    return FirstKeys(total, page.rowids, page.last_key, True)


class TraineeTableModel(KeysetTableModel):
    KEY_PAGE = KEY_PAGE
    ROW_PAGE = ROW_PAGE
    CACHED_ROW_PAGES = CACHED_ROW_PAGES
    LOAD_ERROR = "读取学员失败"

    def __init__(self, engine: Engine | Database, runner: TaskRunner, actor: Actor, parent=None) -> None:
        super().__init__(engine, runner, actor, parent)
        self._order = listing.SortOrder()
        self._filters = listing.NO_FILTER
        self.full_id_numbers = False

    # --- loading -----------------------------------------------------------------------------

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

    def _first_keys(self):
        scope, order, filters = self._scope_path, self._order, self._filters
        return lambda connection, state: _first_keys(connection, scope, order, filters, state)

    def _load_label(self) -> str | None:
        return None if self._order.column in _INDEXED_ORDERS or self._filters.searches_pinyin else "正在排序…"

    def _key_page(self, connection: Connection, after: tuple | None, limit: int):
        return listing.fetch_key_page(connection, self._scope_path, self._order, after, limit, self._filters)

    def _value_page(self, connection: Connection, rowids: list[int]) -> dict:
        return listing.fetch_rows(connection, self._scope_path, rowids, full_id_numbers=self.full_id_numbers)

    def _first_values(self):
        scope, full = self._scope_path, self.full_id_numbers
        return lambda connection, rowids: listing.fetch_rows(connection, scope, rowids, full_id_numbers=full)

    def set_full_id_numbers(self, full: bool) -> None:
        """Show ID numbers in full (for roles that may; the page audits it) or masked."""
        self.full_id_numbers = full
        self.refresh_rows()

    def row_values(self, row: int) -> tuple[str, ...] | None:
        record = self._row(row)
        return record.values if record else None

    # --- Qt model API ------------------------------------------------------------------------

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
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole org where the column elides it
            is_org = listing.COLUMNS[index.column()] is listing.TraineeColumn.ORG
            whole = record.values[index.column()] if is_org else None
            return whole if record.active else "；".join(filter(None, [whole, "已离职/调出：学习档案保留"]))
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


# Widths in characters of 中 (digits count half), from the header texts and typical contents, not
# resizeColumnsToContents(), which reads every row of a large model.
_COLUMN_CHARS = {
    listing.TraineeColumn.USERNAME: 6, listing.TraineeColumn.REAL_NAME: 5, listing.TraineeColumn.ID_NUMBER: 10,
    listing.TraineeColumn.ORG: 16, listing.TraineeColumn.TITLE_LEVEL: 4, listing.TraineeColumn.POST_TYPE: 6.5,
    listing.TraineeColumn.HIGH_TECH: 4.5, listing.TraineeColumn.PHONE: 6.5, listing.TraineeColumn.GENDER: 3,
    listing.TraineeColumn.BIRTH_DATE: 6, listing.TraineeColumn.ACTIVE: 3,
}
# What an officer needs first, first (#16): who, the ID number, where, the title; the rest follows.
# Only the view's order: the model's columns (and what depends on their numbers) stay as they are.
SHOWN_ORDER = (listing.TraineeColumn.USERNAME, listing.TraineeColumn.REAL_NAME, listing.TraineeColumn.ID_NUMBER,
               listing.TraineeColumn.ORG, listing.TraineeColumn.TITLE_LEVEL, listing.TraineeColumn.POST_TYPE,
               listing.TraineeColumn.HIGH_TECH, listing.TraineeColumn.PHONE, listing.TraineeColumn.GENDER,
               listing.TraineeColumn.BIRTH_DATE, listing.TraineeColumn.ACTIVE)


def arrange_trainee_columns(table) -> None:
    """The trainee table's columns in ``SHOWN_ORDER`` with widths that fit a 1366-pixel screen
    beside the org tree; 所属机构 elides in the middle (the unit and the department both show)."""
    from PySide6.QtWidgets import QHeaderView

    metrics = table.fontMetrics()
    char = metrics.horizontalAdvance("中")
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for visual, column in enumerate(SHOWN_ORDER):
        logical = listing.COLUMNS.index(column)
        header.moveSection(header.visualIndex(logical), visual)
        text_width = metrics.horizontalAdvance(column.header) + 28  # room for the sort arrow
        header.resizeSection(logical, max(text_width, int(_COLUMN_CHARS[column] * char) + 16))
    table.setWordWrap(False)  # wrapped at "/", an org showed its first line only, cut twice
    table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    vertical = table.verticalHeader()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(metrics.height() + 8)
