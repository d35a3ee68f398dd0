"""Parts of a window built after its first paint: the first screen waits only for what it shows.

``BuiltLater`` is a class attribute whose first read builds the window's rest
(``window.build_rest()``, which stores the parts in the instance); ``FirstPaint`` calls back once
a widget painted with its data ready. The main window uses both (gui/main_window.py).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class BuiltLater:
    """A part of the window built with the rest (``MainWindow.build_rest``): after the first
    paint, or at once when asked for."""

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, window, owner=None):
        if window is None:
            return self
        window.build_rest()
        return window.__dict__[self.name]


class FirstPaint(QObject):
    """Calls ``then`` once, after ``widget`` painted with ``ready()`` true."""

    def __init__(self, widget: QWidget, ready, then) -> None:
        super().__init__(widget)
        self._widget, self._ready, self._then = widget, ready, then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._ready():
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, self, self._then)  # after this paint, not during it
        return False
