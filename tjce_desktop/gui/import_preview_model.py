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


class PreviewModel(QAbstractTableModel):
    """Every row of the file with its verdict; optionally the refused ones only."""

    def __init__(self, preview, parent=None) -> None:
        super().__init__(parent)
        self._preview = preview
        self._headers = ["行号", "结果", *preview.source.header.headers, "说明"]
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
            if column == len(self._headers) - 1:
                return "；".join(row.messages)
            cells = row.cells
            position = column - 2
            return cell_text(cells[position]) if position < len(cells) else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = _COLOURS[row.verdict]
            return QBrush(colour) if colour is not None else None
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None
