"""One hub that tells every view what a write changed (Anki's operation hooks).

Only the task runner's ``write`` announces (``gui/task_runner.py``); views listen through a
``StaleWatch``: a view that shows a changed table reads again at once when it is visible,
and when it is next shown otherwise — hidden views do no work on every change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

from tjce_desktop.domain.changes import ChangeSet

__all__ = ["ChangeSet", "SignalHub", "StaleWatch"]


class SignalHub(QObject):
    sig_changed = Signal(object)  # ChangeSet

    def announce(self, changes: ChangeSet) -> None:
        self.sig_changed.emit(changes)

    def watch(self, view: QWidget, tables: Iterable[str], refresh: Callable[[], None], *,
              stale: bool = False) -> StaleWatch:
        """Call ``refresh`` when ``tables`` change: now if ``view`` is visible, else when shown.
        ``stale``: the view has not been read yet (it reads when first shown)."""
        return StaleWatch(view, self, frozenset(tables), refresh, stale=stale)


class StaleWatch(QObject):
    def __init__(self, view: QWidget, hub: SignalHub | None, tables: frozenset[str], refresh: Callable[[], None], *,
                 stale: bool = False) -> None:
        super().__init__(view)
        self._view, self._refresh, self.tables = view, refresh, tables
        self.stale = stale
        view.installEventFilter(self)
        if hub is not None:
            hub.sig_changed.connect(self._on_changed)

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.touches(*self.tables):
            self.invalidate()

    def invalidate(self) -> None:
        """What the view shows is out of date: read again now if visible, else when shown."""
        if self._view.isVisible():
            self.stale = False
            self._refresh()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._view and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self._refresh()
        return False
