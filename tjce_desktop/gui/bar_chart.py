"""A bar chart drawn with QPainter: grouped (rates per plan) or stacked (statuses, exam
outcomes), with a legend and value axis. Small on purpose: the report pages need bars, not
a charting library (Qt Charts would add the 200 MB PySide6-Addons package)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

PALETTE = ("#4472C4", "#ED7D31", "#A5A5A5", "#70AD47", "#FFC000")


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float, ...]


class BarChart(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 240)
        self._categories: list[str] = []
        self._series: list[Series] = []
        self._stacked = False
        self._percent = False
        self._title = ""

    def set_data(self, title: str, categories: list[str], series: list[Series], *, stacked: bool,
                 percent: bool = False) -> None:
        self._title, self._categories, self._series = title, categories, series
        self._stacked, self._percent = stacked, percent
        self.update()

    def clear(self) -> None:
        self.set_data("", [], [], stacked=False)

    def _maximum(self) -> float:
        if self._percent:
            return 1.0
        if self._stacked:
            totals = [sum(s.values[i] for s in self._series) for i in range(len(self._categories))]
        else:
            totals = [v for s in self._series for v in s.values]
        return max([*totals, 1])

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        if not self._categories or not self._series:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "（没有可画的数据）")
            return
        metrics = painter.fontMetrics()
        line = metrics.height()
        left, right, top, bottom = metrics.horizontalAdvance("100%") + 16, 12, line * 2 + 12, line * 3 + 8
        plot = QRectF(left, top, max(10, self.width() - left - right), max(10, self.height() - top - bottom))
        painter.setPen(self.palette().text().color())
        painter.drawText(QRectF(0, 4, self.width(), line), Qt.AlignmentFlag.AlignCenter, self._title)
        # Legend.
        x = left
        for number, series in enumerate(self._series):
            painter.fillRect(QRectF(x, line + 8, 10, 10), QColor(PALETTE[number % len(PALETTE)]))
            painter.drawText(int(x + 14), int(line + 8 + metrics.ascent() - 1), series.label)
            x += 24 + metrics.horizontalAdvance(series.label)
        # Value axis with four grid lines.
        maximum = self._maximum()
        grid = QPen(QColor("#DDDDDD"))
        for step in range(5):
            y = plot.bottom() - plot.height() * step / 4
            painter.setPen(grid)
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            value = maximum * step / 4
            label = f"{value:.0%}" if self._percent else f"{value:,.0f}"
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(0, y - line / 2, left - 6, line), Qt.AlignmentFlag.AlignRight, label)
        # Bars.
        slot = plot.width() / len(self._categories)
        groups = 1 if self._stacked else len(self._series)
        bar = min(slot * 0.7 / groups, 60)  # a lone category gets a bar, not a wall
        margin = (slot - bar * groups) / 2
        for index, category in enumerate(self._categories):
            base = plot.bottom()
            for number, series in enumerate(self._series):
                height = plot.height() * (series.values[index] or 0) / maximum
                x = plot.left() + slot * index + margin + (0 if self._stacked else bar * number)
                rect = QRectF(x, (base - height) if self._stacked else plot.bottom() - height, bar, height)
                painter.fillRect(rect, QColor(PALETTE[number % len(PALETTE)]))
                if self._stacked:
                    base -= height
            painter.setPen(self.palette().text().color())
            text = metrics.elidedText(category, Qt.TextElideMode.ElideRight, int(slot * 2 - 4))
            painter.save()
            painter.translate(plot.left() + slot * (index + 0.5), plot.bottom() + 4)
            if metrics.horizontalAdvance(text) > slot:  # long names slant instead of overlapping
                painter.rotate(30)
                painter.drawText(0, metrics.ascent(), text)
            else:
                painter.drawText(QRectF(-slot / 2, 0, slot, line), Qt.AlignmentFlag.AlignCenter, text)
            painter.restore()
