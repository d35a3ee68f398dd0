"""Windows never larger than the screen they open on (1366×768 laptops are common at desks)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def fit_to_screen(widget: QWidget, margin: int = 40) -> None:
    """Shrink ``widget`` to the available area of its screen (less a margin for the frame),
    keeping its designed size where that fits."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    width = min(widget.width(), max(area.width() - margin, widget.minimumWidth()))
    height = min(widget.height(), max(area.height() - margin, widget.minimumHeight()))
    if (width, height) != (widget.width(), widget.height()):
        widget.resize(width, height)
