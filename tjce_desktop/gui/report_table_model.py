"""A report as a table: numbers formatted, rates as percentages ("—" without registered
trainees), the formula as a tooltip, the total row in bold."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from tjce_desktop.services.reports import Report, format_cell

DRILL_ROLE = Qt.ItemDataRole.UserRole + 2  # (row key, column key) of a count cell



class ReportTableModel(QAbstractTableModel):
    def __init__(self, report: Report | None = None, parent=None) -> None:
        super().__init__(parent)
        self._report = report

    @property
    def report(self) -> Report | None:
        return self._report

    def set_report(self, report: Report | None) -> None:
        self.beginResetModel()
        self._report = report
        self.endResetModel()

    def _lines(self) -> list[tuple]:
        if self._report is None:
            return []
        return self._report.rows + ([self._report.total] if self._report.total else [])

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lines())

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self._report is None else len(self._report.columns)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._report is None:
            return None
        column = self._report.columns[index.column()]
        line = self._lines()[index.row()]
        is_total = self._report.total is not None and index.row() == len(self._report.rows)
        if role == Qt.ItemDataRole.DisplayRole:
            return format_cell(column.kind, line[index.column()])
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind != "text":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip or None
        if role == Qt.ItemDataRole.FontRole and is_total:
            font = QFont()
            font.setBold(True)
            return font
        if role == DRILL_ROLE and column.kind == "int":
            key = self._report.total_key if is_total else (
                self._report.row_keys[index.row()] if index.row() < len(self._report.row_keys) else "")
            return (key, column.key) if key else None
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if self._report is None or orientation != Qt.Orientation.Horizontal:
            return None
        column = self._report.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip or None
        return None
