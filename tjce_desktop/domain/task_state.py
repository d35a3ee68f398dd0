"""The contract of every long job: report progress, notice a cancel (calibre's and Orange's).

Work functions take a ``TaskState`` and stay free of Qt, so they run the same from the GUI's
task runner, from the CLI and from tests.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

ProgressCallback = Callable[[float, str], None]


class Cancelled(Exception):
    """Raised inside a job when the user asked it to stop; the job's transaction rolls back."""


class TaskState:
    def __init__(self, on_progress: ProgressCallback | None = None) -> None:
        self._on_progress = on_progress
        self._cancel = threading.Event()

    def report(self, fraction: float, message: str = "") -> None:
        """Report progress (0–1) and stop here if a cancel was asked for."""
        self.check()
        if self._on_progress is not None:
            self._on_progress(max(0.0, min(1.0, fraction)), message)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()
