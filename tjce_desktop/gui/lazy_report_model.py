"""4.2 and 4.4 as a lazy table: the row keys arrive in order from a background job, values
are read per page of keys, as the trainee table does."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from tjce_desktop.gui.page_cache import PageCache
from tjce_desktop.services.reports import Column, format_cell

PAGE = 100
CACHED_PAGES = 40


class LazyReportModel(QAbstractTableModel):
    def __init__(self, columns: tuple[Column, ...], keys: list, fetch: Callable[[list], dict], parent=None) -> None:
        super().__init__(parent)
        self.columns, self._keys, self._fetch = columns, keys, fetch  # fetch(keys) -> {key: row}
        self._pages = PageCache(PAGE, CACHED_PAGES)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def _row(self, row: int) -> tuple | None:
        return self._pages.value(self._keys, row, self._fetch)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._keys)):
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole or (role == Qt.ItemDataRole.ToolTipRole and column.key == "org"):
            line = self._row(index.row())
            return "" if line is None else format_cell(column.kind, line[index.column()])
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind not in ("text", "date"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role in (Qt.ItemDataRole.DisplayRole,
                                                                 Qt.ItemDataRole.ToolTipRole):
            return self.columns[section].header  # the whole header where its column is narrower
        return None
