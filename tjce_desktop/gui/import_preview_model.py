"""The preview table of an import: every row of the file with its verdict and what is wrong.

Shared by 导入学员 and 导入学习进度: a preview has ``source.header.headers``, ``rows`` (each with
``row_number``, ``verdict``, ``cells``, ``messages``) and ``refused``.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from tjce_desktop.exchange.cells import cell_text
from tjce_desktop.services.trainee_import import Verdict

_COLOURS = {
    Verdict.ERROR: QColor(255, 226, 226),
    Verdict.ADD: QColor(226, 245, 226),
    Verdict.UPDATE: QColor(224, 236, 255),
    Verdict.UNCHANGED: None,
}


REASON_COLUMN = 2


def size_preview_columns(table) -> None:
    """行号 and 结果 narrow, 说明 wide enough for a message (wrapped rows would cost a layout of every
    row), the file's columns by their headers; the whole message is the cell's tooltip."""
    from PySide6.QtWidgets import QHeaderView

    model, header = table.model(), table.horizontalHeader()
    metrics = table.fontMetrics()
    char = metrics.horizontalAdvance("中")
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    header.resizeSection(0, char * 3 + 16)
    header.resizeSection(1, char * 3 + 16)
    header.resizeSection(REASON_COLUMN, max(char * 28, table.viewport().width() // 2))
    for column in range(REASON_COLUMN + 1, model.columnCount()):
        text = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        header.resizeSection(column, min(char * 12, max(char * 5, metrics.horizontalAdvance(text) + 24)))


class PreviewModel(QAbstractTableModel):
    """Every row of the file with its verdict; optionally the refused ones only."""

    def __init__(self, preview, parent=None) -> None:
        super().__init__(parent)
        self._preview = preview
        # 说明 third, before the file's columns: what is wrong is read first, without scrolling.
        self._headers = ["行号", "结果", "说明", *preview.source.header.headers]
        self._rows = preview.rows

    def set_errors_only(self, errors_only: bool) -> None:
        self.beginResetModel()
        self._rows = self._preview.refused if errors_only else self._preview.rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return str(row.row_number)
            if column == 1:
                return row.verdict.label
            if column == REASON_COLUMN:
                return "；".join(row.messages)
            cells = row.cells
            position = column - 3
            return cell_text(cells[position]) if position < len(cells) else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = _COLOURS[row.verdict]
            return QBrush(colour) if colour is not None else None
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None
