"""A bar chart drawn with QPainter: grouped (rates per plan) or stacked (statuses, exam
outcomes, compliance per org), with a legend, a value axis in round steps and the value of
the bar under the mouse as a tooltip.

Bars run horizontally, so every category (a plan's full name, an org's) is written out in
full to the left of its bars — wrapped onto a second line where it is long — instead of being
cut to "2026年度专…" under a slanted axis. Qt Charts was tried and left aside: its category
axis elides long labels the same way, and the report pages need bars, not a charting library.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

PALETTE = ("#4472C4", "#ED7D31", "#A5A5A5", "#70AD47", "#FFC000")
_LABEL_SHARE = 0.42  # at most this much of the width for the category names


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float, ...]


def nice_axis(maximum: float, *, ticks: int = 5) -> tuple[float, float]:
    """A round step (1, 2 or 5 × 10ⁿ) and the axis end it reaches, for values up to ``maximum``
    in about ``ticks`` steps: 347 → (100, 400), 87 → (20, 100), 0.92 → (0.2, 1.0)."""
    if maximum <= 0:
        return 1.0, 1.0
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next(f * power for f in (1, 2, 5, 10) if f * power >= raw - 1e-12)
    return step, step * math.ceil(maximum / step - 1e-9)


@dataclass(frozen=True)
class _Bar:
    rect: QRectF
    text: str  # what the tooltip says


class BarChart(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 240)
        self.setMouseTracking(True)  # values on hover
        self._categories: list[str] = []
        self._series: list[Series] = []
        self._stacked = False
        self._percent = False
        self._title = ""
        self._bars: list[_Bar] = []

    def set_data(self, title: str, categories: list[str], series: list[Series], *, stacked: bool,
                 percent: bool = False) -> None:
        self._title, self._categories, self._series = title, categories, series
        self._stacked, self._percent = stacked, percent
        self._bars = []
        self.label_boxes: list[QRectF] = []  # where names were written (tests check they never overlap)
        self.update()

    def clear(self) -> None:
        self.set_data("", [], [], stacked=False)

    def _maximum(self) -> float:
        if self._stacked:
            totals = [sum(s.values[i] or 0 for s in self._series) for i in range(len(self._categories))]
        else:
            totals = [v or 0 for s in self._series for v in s.values]
        if self._percent:
            return max(1.0, *totals) if totals else 1.0
        return max([*totals, 1])

    def axis(self) -> tuple[float, float]:
        """(step, end) of the value axis as drawn."""
        if self._percent and self._maximum() <= 1.0:
            return 0.2, 1.0
        return nice_axis(self._maximum())

    def _value_text(self, value: float) -> str:
        return f"{value:.1%}" if self._percent else f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"

    def value_at(self, point: QPointF) -> str | None:
        """The tooltip of the bar at ``point`` (as the last paint laid the bars out)."""
        for bar in self._bars:
            if bar.rect.adjusted(-1, -1, 1, 1).contains(point):
                return bar.text
        return None

    def mouseMoveEvent(self, event) -> None:
        text = self.value_at(event.position())
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        else:
            QToolTip.hideText()
        super().mouseMoveEvent(event)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        self._bars = []
        if not self._categories or not self._series:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "（没有可画的数据）")
            return
        metrics = painter.fontMetrics()
        line = metrics.height()
        text_pen = self.palette().text().color()
        painter.setPen(text_pen)
        painter.drawText(QRectF(0, 4, self.width(), line), Qt.AlignmentFlag.AlignCenter, self._title)
        # Legend, wrapping onto more lines when the series do not fit in one.
        x, y = 8.0, line + 8.0
        for number, series in enumerate(self._series):
            width = 24 + metrics.horizontalAdvance(series.label)
            if x + width > self.width() - 8 and x > 8:
                x, y = 8.0, y + line + 2
            painter.fillRect(QRectF(x, y + (line - 10) / 2, 10, 10), QColor(PALETTE[number % len(PALETTE)]))
            painter.drawText(QRectF(x + 14, y, width, line), Qt.AlignmentFlag.AlignVCenter, series.label)
            x += width
        top = y + line + 10
        # The names on the left, in full where they fit in two lines.
        widest = max(metrics.horizontalAdvance(name) for name in self._categories)
        label_width = min(widest + 12, self.width() * _LABEL_SHARE)
        step, end = self.axis()
        tick_labels = [self._value_text(step * n) if not self._percent else f"{step * n:.0%}"
                       for n in range(round(end / step) + 1)]
        right = metrics.horizontalAdvance(tick_labels[-1]) / 2 + 8
        plot = QRectF(label_width + 8, top, max(10.0, self.width() - label_width - 8 - right),
                      max(10.0, self.height() - top - line - 10))
        # Value axis: a grid line and a label at every round step.
        grid = QPen(QColor("#DDDDDD"))
        for n, label in enumerate(tick_labels):
            gx = plot.left() + plot.width() * (step * n) / end
            painter.setPen(grid)
            painter.drawLine(QPointF(gx, plot.top()), QPointF(gx, plot.bottom()))
            painter.setPen(text_pen)
            painter.drawText(QRectF(gx - 40, plot.bottom() + 4, 80, line), Qt.AlignmentFlag.AlignHCenter, label)
        slot = plot.height() / len(self._categories)
        groups = 1 if self._stacked else len(self._series)
        bar = min(slot * 0.72 / groups, 28)
        wrap = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        # Rows lower than a line of text (27 districts in a short chart): every k-th name, on one
        # line, so that names never overlap; hovering a bar says its name in full.
        every = max(1, math.ceil((line + 2) / slot))
        for index, category in enumerate(self._categories):
            row_top = plot.top() + slot * index
            painter.setPen(text_pen)
            if every > 1:
                if index % every == 0:
                    one_line = QRectF(0, row_top + slot / 2 - line / 2, label_width - 4, line)
                    self.label_boxes.append(one_line)
                    painter.drawText(one_line, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                                     metrics.elidedText(category, Qt.TextElideMode.ElideMiddle, int(label_width - 8)))
            else:
                box = QRectF(0, row_top, label_width, slot)
                name = category if metrics.boundingRect(box.toRect(), int(wrap), category).height() <= slot + 1 \
                    else metrics.elidedText(category, Qt.TextElideMode.ElideMiddle, int(label_width * 2 - 8))
                painter.drawText(box.adjusted(0, 0, -4, 0), int(wrap), name)
                self.label_boxes.append(box)
            base = plot.left()
            first = row_top + (slot - bar * groups) / 2
            for number, series in enumerate(self._series):
                value = series.values[index] or 0
                length = plot.width() * value / end
                y0 = first if self._stacked else first + bar * number
                rect = QRectF(base if self._stacked else plot.left(), y0, length, bar)
                painter.fillRect(rect, QColor(PALETTE[number % len(PALETTE)]))
                self._bars.append(_Bar(QRectF(rect.left(), y0, max(rect.width(), 3), bar),
                                       f"{category}\n{series.label}：{self._value_text(value)}"))
                if self._stacked:
                    base += length
