"""The one task runner for background work (Anki's QueryOp/CollectionOp, calibre's jobs).

A job is a plain function ``fn(state: TaskState) -> result``. It runs on a QThreadPool
thread and must not touch widgets; its result, failure or cancellation is delivered on the
GUI thread. A progress dialog appears only when a job outlives ``PROGRESS_DELAY_MS``, and
its cancel button sets the job's cancel flag, which the job honours at its next report.

Work without the database (a file, a PDF) goes through ``run``, queries through ``read``
(Anki's QueryOp: ``op(uow, state)`` reads through a unit of work), and every write goes
through ``write`` (our CollectionOp): ``op(uow, state)`` gets a unit of work of the window's
database and signed-in account, calls the services (which commit), and the tables the job
wrote are announced on the signal hub before ``on_success`` runs — no page announces a
change by hand, and none can forget one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from tjce_desktop.domain.changes import ChangeSet
from tjce_desktop.domain.task_state import Cancelled, TaskState
from tjce_desktop.gui.dialogs import show_error

if TYPE_CHECKING:  # imported by the jobs that use them: the window paints its first page without SQLAlchemy
    from tjce_desktop.storage.unit_of_work import UnitOfWork

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
            from tjce_desktop.services.incidents import is_user_error, record_incident  # the log only when needed

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
    def __init__(self, parent_widget: QWidget | None = None, max_threads: int = 2, *, database=None, actor=None,
                 hub=None) -> None:
        """``database``, ``actor``: what ``write`` opens its units of work on and as; ``hub``:
        where it announces what a write changed (a SignalHub; none in a bare runner)."""
        super().__init__(parent_widget)
        self._parent_widget = parent_widget
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._running: set[TaskHandle] = set()
        self.database, self.actor, self.hub = database, actor, hub

    @property
    def idle(self) -> bool:
        """No job running (tests wait for it)."""
        return not self._running

    def read(
        self,
        op: Callable[[UnitOfWork, TaskState], Any],
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
        label: str | None = None,
        error_title: str = "读取失败",
    ) -> TaskHandle:
        """Run a query in the background: ``op(uow, state)`` reads through a unit of work of the
        window's database (rolled back, never committed); ``on_success(result)`` on the GUI thread."""
        database, actor = self.database, self.actor
        if database is None:
            raise RuntimeError("TaskRunner.read needs the runner's database")

        def job(state: TaskState):
            from tjce_desktop.storage.unit_of_work import UnitOfWork

            with UnitOfWork(database, actor if actor is not None else "system") as uow:
                return op(uow, state)

        return self.run(job, on_success=on_success, on_failure=on_failure, on_cancel=on_cancel, label=label,
                        error_title=error_title)

    def write(
        self,
        op: Callable[[UnitOfWork, TaskState], Any],
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
        label: str | None = None,
        error_title: str = "保存失败",
    ) -> TaskHandle:
        """Run a write in the background: ``op(uow, state)`` with a unit of work of the window's
        database as the signed-in account. Whatever the job wrote is announced on the hub —
        also when it failed or was cancelled after committing part of its work (a sync) —
        and then ``on_success(result)`` (or the failure, the cancel) runs on the GUI thread."""
        database, actor = self.database, self.actor
        if database is None:
            raise RuntimeError("TaskRunner.write needs the runner's database")
        written: set[str] = set()

        def job(state: TaskState):
            from tjce_desktop.storage.unit_of_work import UnitOfWork
            from tjce_desktop.storage.write_log import recording

            with recording(database.engine) as tables:
                try:
                    with UnitOfWork(database, actor if actor is not None else "system") as uow:
                        return op(uow, state)
                finally:
                    written.update(tables)

        def announce() -> None:
            if written and self.hub is not None:
                self.hub.announce(ChangeSet.of(written))

        return self.run(job, on_success=on_success, on_failure=on_failure, on_cancel=on_cancel, label=label,
                        error_title=error_title, before_outcome=announce)

    def run(
        self,
        fn: Callable[[TaskState], Any],
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
        label: str | None = None,
        error_title: str = "操作失败",
        before_outcome: Callable[[], None] | None = None,
    ) -> TaskHandle:
        """Start ``fn`` in the background. With a ``label``, a progress dialog shows after a delay.
        ``before_outcome`` runs on the GUI thread once the job ended, before whichever of
        ``on_success``, ``on_failure`` or ``on_cancel`` follows (``write`` announces there)."""
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
            if before_outcome is not None:
                before_outcome()

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
