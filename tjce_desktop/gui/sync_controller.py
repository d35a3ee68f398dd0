"""Background sync: on start, every few minutes and on demand; the status the window shows.

The program works on the local cache at all times; a sync that fails (no network, the server
away) leaves the desk offline until the next attempt. The password of the signed-in
administrator is held in memory only.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.storage.database import Database
from tjce_desktop.sync import engine as sync_engine
from tjce_desktop.sync.binding import binding, engine_for
from tjce_desktop.sync.busy import SyncBusy
from tjce_desktop.sync.pull import held_count

BUSY_RETRY_MS = 60_000  # the central database was busy: try again in a minute, not at the next interval


@dataclass(frozen=True)
class SyncStatus:
    bound: bool
    online: bool | None  # None: not tried yet
    pending: int
    conflicts: int
    held: int  # central rows kept aside: not stored yet, retried on every sync
    last_success: str | None
    message: str  # the last error or warning, Chinese

    def text(self) -> str:
        if not self.bound:
            return "本地模式（未配置中心数据库）"
        state = {None: "尚未同步", True: "在线", False: "离线"}[self.online]
        last = f" · 上次同步 {self.last_success[11:16]}" if self.last_success else ""
        conflicts = f" · 冲突 {self.conflicts}" if self.conflicts else ""
        held = f" · 暂存 {self.held}" if self.held else ""
        return f"中心数据库：{state} · 待上传 {self.pending}{last}{conflicts}{held}"


def _stored_status(database: Database) -> tuple:
    """What the status reads from the database: (binding, pending, conflicts, held, last sync)."""
    return (binding(database), sync_engine.pending_count(database), len(sync_engine.local_conflicts(database)),
            held_count(database), sync_engine.last_success(database))


class SyncController(QObject):
    """The desk's binding is read in the background (``configure``) and kept in ``bound``;
    the status is read in the background on every ``publish``; a sync is a write of the task
    runner, so what it pulled is announced on the hub like any other change."""

    sig_status = Signal(object)  # SyncStatus
    sig_synced = Signal(object)  # SyncReport, after a successful sync
    sig_checked = Signal(object)  # reconcile.CheckReport, after 核对数据

    def __init__(self, database: Database, runner: TaskRunner, parent=None, *, actor_name: str | None = None) -> None:
        """``actor_name``: the signed-in account the syncs are audited under (default: the bound login)."""
        super().__init__(parent)
        self.database, self.runner = database, runner
        self.actor_name = actor_name
        self.password: str | None = None
        self.online: bool | None = None
        self.message = ""
        self.running = False
        self.bound: tuple[str, str, int] | None = None  # (url, login, interval), as last read
        self.configured = False  # the binding has been read at least once
        self._waiting: list = []  # syncs asked for before it was
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.sync_now)
        self.configure()

    def configure(self, password: str | None = None) -> None:
        """Read the binding again (after a connect), with the password to sync with."""
        if password is not None:
            self.password = password
        self.configured = False  # a sync asked for meanwhile waits for the binding read now
        database = self.database

        def configured(bound) -> None:
            self.bound, self.configured = bound, True
            if bound is not None:
                self.timer.start(bound[2] * 60_000)
            else:
                self.timer.stop()
            self.publish()
            waiting, self._waiting = self._waiting, []
            for run in waiting:
                run()

        self.runner.run(lambda _state: binding(database), on_success=configured, error_title="读取中心数据库设置失败")

    def central_sheets(self):
        """What verifying a sheet may ask the central database (used off the GUI thread), or
        None when this desk is not bound or has no password for it."""
        from tjce_desktop.sync.sheet_lookup import CentralSheets

        if self.bound is None or not self.password:
            return None
        url, username, _interval = self.bound
        password = self.password
        return CentralSheets(lambda: engine_for(url, username, password))

    def central_engine_factory(self):
        """None on a desk not bound to a central database; else a function (called off the GUI
        thread) that gives an engine with the signed-in password, or None without one."""
        if self.bound is None:
            return None
        url, username, _interval = self.bound
        password = self.password
        return lambda: engine_for(url, username, password) if password else None

    def status(self) -> SyncStatus:
        """The status now, read here (any thread; the window uses ``publish``)."""
        return self._status(_stored_status(self.database))

    def _status(self, stored: tuple) -> SyncStatus:
        bound, pending, conflicts, held, last = stored
        return SyncStatus(bound is not None, self.online, pending, conflicts, held, last, self.message)

    def publish(self) -> None:
        """Tell the status (read in the background)."""
        database = self.database
        self.runner.run(lambda _state: _stored_status(database),
                        on_success=lambda stored: self.sig_status.emit(self._status(stored)),
                        error_title="读取同步状态失败")

    def sync_now(self, *, label: str | None = None, rebuild: bool = False) -> None:
        """Push and pull (``rebuild``: fetch the whole scope afresh) in the background; audited."""
        from tjce_desktop.services.central_sync import run_sync

        def done(report) -> None:
            self.message = "；".join(report.warnings)
            self.publish()
            self.sig_synced.emit(report)

        self._run(lambda database, engine, username, state: run_sync(
            database, engine, self.actor_name or username, rebuild=rebuild, state=state), done, label)

    def check_now(self) -> None:
        """核对数据: compare with the central database, repair what differs, report the result."""
        from tjce_desktop.services.central_sync import run_check

        def job(database, engine, username, state):
            return run_check(database, engine, self.actor_name or username, repair=True, state=state)

        def done(found) -> None:
            self.message = "" if found.clean else "核对后仍有差异，请查看下方的暂存数据。"
            self.publish()
            self.sig_checked.emit(found)

        self._run(job, done, "正在核对本机与中心数据库…")

    def _run(self, work, on_done, label: str | None) -> None:
        if not self.configured:  # the binding is still being read: run when it is
            self._waiting.append(lambda: self._run(work, on_done, label))
            return
        bound = self.bound
        if bound is None or self.running:
            return
        if not self.password:
            self.message = "请在“文件 → 中心数据库”中输入密码后再同步。"
            self.publish()
            return
        url, username, _interval = bound
        password = self.password
        self.running = True

        def op(uow, state):
            engine = engine_for(url, username, password)
            try:
                return work(uow.database, engine, username, state)
            finally:
                engine.dispose()

        def done(result) -> None:
            self.running, self.online = False, True
            on_done(result)

        def failed(exc: BaseException) -> None:
            from tjce_desktop.sync.central import CentralError, friendly_error

            self.running = False
            busy = isinstance(exc, SyncBusy)
            self.online = True if busy else False  # busy: reachable, just not now
            self.message = str(exc if isinstance(exc, CentralError) else friendly_error(exc))
            if busy:
                QTimer.singleShot(BUSY_RETRY_MS, self.sync_now)
            self.publish()

        def cancelled() -> None:
            self.running = False
            self.publish()

        # A sync writes the local database (pulled rows, the outbox, the audit log): the runner's
        # write path announces what it changed, even when it stopped half-way.
        self.runner.write(op, on_success=done, on_failure=failed, on_cancel=cancelled, label=label)
