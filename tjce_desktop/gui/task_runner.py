"""The one task runner for background work (Anki's QueryOp/CollectionOp, calibre's jobs).

A job is a plain function ``fn(state: TaskState) -> result``. It runs on a QThreadPool
thread and must not touch widgets; its result, failure or cancellation is delivered on the
GUI thread. A progress dialog appears only when a job outlives ``PROGRESS_DELAY_MS``, and
its cancel button sets the job's cancel flag, which the job honours at its next report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from tjce_desktop.gui.dialogs import show_error
from tjce_desktop.services.incidents import is_user_error, record_incident
from tjce_desktop.domain.task_state import Cancelled, TaskState

PROGRESS_DELAY_MS = 600


class _JobSignals(QObject):
    sig_progress = Signal(float, str)
    sig_succeeded = Signal(object)
    sig_failed = Signal(object)
    sig_cancelled = Signal()


class _Job(QRunnable):
    def __init__(self, fn: Callable[[TaskState], Any], state: TaskState, signals: _JobSignals) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn, self._state, self._signals = fn, state, signals

    def run(self) -> None:
        try:
            result = self._fn(self._state)
        except Cancelled:
            self._signals.sig_cancelled.emit()
        except BaseException as exc:  # noqa: BLE001 — every failure goes back to the GUI thread
            if not is_user_error(exc):  # the traceback to the log file (never stderr), numbered once
                record_incident(exc, "background job")
            self._signals.sig_failed.emit(exc)
        else:
            self._signals.sig_succeeded.emit(result)


class TaskHandle(QObject):
    """One running job: cancel it, or wait for ``sig_done`` (emitted after every outcome)."""

    sig_done = Signal()

    def __init__(self, state: TaskState, parent: QObject) -> None:
        super().__init__(parent)
        self.state = state
        self.finished = False

    def cancel(self) -> None:
        self.state.cancel()


class TaskRunner(QObject):
    def __init__(self, parent_widget: QWidget | None = None, max_threads: int = 2) -> None:
        super().__init__(parent_widget)
        self._parent_widget = parent_widget
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._running: set[TaskHandle] = set()

    def run(
        self,
        fn: Callable[[TaskState], Any],
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
        label: str | None = None,
        error_title: str = "操作失败",
    ) -> TaskHandle:
        """Start ``fn`` in the background. With a ``label``, a progress dialog shows after a delay."""
        signals = _JobSignals()
        handle = TaskHandle(TaskState(signals.sig_progress.emit), self)
        signals.setParent(handle)
        dialog: list[QProgressDialog] = []

        def show_dialog() -> None:
            if handle.finished or label is None:
                return
            progress = QProgressDialog(label, "取消", 0, 1000, self._parent_widget)
            progress.setWindowTitle("请稍候")
            progress.setWindowModality(Qt.WindowModality.WindowModal)
            progress.setMinimumDuration(0)
            progress.setAutoClose(False)
            progress.setAutoReset(False)
            progress.canceled.connect(handle.cancel)
            progress.show()
            dialog.append(progress)

        def on_progress(fraction: float, message: str) -> None:
            if dialog:
                dialog[0].setValue(int(fraction * 1000))
                if message:
                    dialog[0].setLabelText(message)

        def finish() -> None:
            handle.finished = True
            if dialog:
                dialog[0].canceled.disconnect(handle.cancel)
                dialog[0].reset()  # stops its force-show timer, which would show it again
                dialog[0].hide()
                dialog[0].deleteLater()
            self._running.discard(handle)
            handle.sig_done.emit()

        def succeeded(result: Any) -> None:
            finish()
            if on_success is not None:
                on_success(result)

        def failed(exc: BaseException) -> None:
            finish()
            if on_failure is not None:
                on_failure(exc)
            else:
                show_error(self._parent_widget, error_title, exc)

        def cancelled() -> None:
            finish()
            if on_cancel is not None:
                on_cancel()

        signals.sig_progress.connect(on_progress)
        signals.sig_succeeded.connect(succeeded)
        signals.sig_failed.connect(failed)
        signals.sig_cancelled.connect(cancelled)
        self._running.add(handle)
        if label is not None:
            QTimer.singleShot(PROGRESS_DELAY_MS, handle, show_dialog)
        self._pool.start(_Job(fn, handle.state, signals))
        return handle

    def cancel_all_and_wait(self, timeout_ms: int = 10_000) -> bool:
        for handle in list(self._running):
            handle.cancel()
        return self._pool.waitForDone(timeout_ms)
