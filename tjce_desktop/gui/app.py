"""``tjce-desktop [--db PATH] [--demo [--demo-trainees N]] [--self-test]``."""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import sys
import time
from collections.abc import Sequence

from tjce_desktop import APP_NAME, __version__

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USER_ERROR = 2
SELF_TEST_TIMEOUT_MS = 60_000
LAST_USER_KEY = "sign_in/last_username"  # remembered in the settings INI after each sign-in


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="tjce-desktop", description="天津市专业技术人员继续教育 · 管理端")
    parser.add_argument("--db", metavar="PATH", help="本地数据库文件（默认在用户数据文件夹中）")
    parser.add_argument("--demo", action="store_true", help="数据库为空时先生成演示数据")
    parser.add_argument("--demo-trainees", type=int, default=None, metavar="N", help="演示数据的学员人数")
    parser.add_argument("--self-test", action="store_true", help="打开数据库和主窗口（不显示），读取第一页后退出")
    parser.add_argument("--version", action="version", version=f"tjce-desktop {__version__}")
    return parser.parse_args(argv)


def _console_streams() -> None:
    """A terminal or file that cannot encode Chinese (a legacy code page, PYTHONIOENCODING=ascii)
    gets UTF-8 with anything unencodable replaced, as ``tjce`` does: output never fails."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if stream is not None and hasattr(stream, "reconfigure") and encoding != "utf8":
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except (OSError, ValueError):
                pass


def _tell(text: str) -> None:
    """A line on the terminal the program was started from; nothing when it has none (the
    Windows window program)."""
    if sys.stdout is None:
        return
    try:
        print(text, file=sys.stdout, flush=True)
    except (OSError, ValueError):
        pass


class _Terminated:
    """SIGTERM (a killed session, ``kill``), SIGHUP (the terminal closed) or SIGINT (Ctrl+C):
    close every window as 退出 does — the main window saves its settings and cancels its
    background work — and leave every event loop, nested ones (a dialog) included.

    Python runs a signal handler only when the interpreter gets control, which Qt's event loop
    never gives it while idle; the C handler writes to a socket (``signal.set_wakeup_fd``) that a
    ``QSocketNotifier`` watches, so the handler runs at once.
    """

    def __init__(self, app) -> None:
        import signal
        import socket

        from PySide6.QtCore import QSocketNotifier

        self.received: int | None = None
        self._app = app
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._drain)
        self._previous: dict[int, object] = {}
        for name in ("SIGTERM", "SIGHUP", "SIGINT"):
            number = getattr(signal, name, None)
            if number is not None:
                self._previous[number] = signal.signal(number, self._handle)

    def _drain(self, *_args) -> None:
        try:
            while self._reader.recv(512):
                pass
        except OSError:
            pass

    def _handle(self, number, _frame) -> None:
        from PySide6.QtCore import QTimer

        self.received = number
        QTimer.singleShot(0, self._close)  # from the event loop, not inside whatever Python code ran

    def _close(self) -> None:
        self._app.closeAllWindows()
        self._app.exit(EXIT_OK)

    def restore(self) -> None:
        import signal

        for number, handler in self._previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()


def _last_username() -> str:
    from tjce_desktop.gui.settings import app_settings

    value = app_settings().value(LAST_USER_KEY, "")
    return value if isinstance(value, str) else ""


def _remember_username(username: str) -> None:
    from tjce_desktop.gui.settings import app_settings

    settings = app_settings()
    settings.setValue(LAST_USER_KEY, username)
    settings.sync()


def _wait_for(handle, timeout_ms: int) -> bool:
    """Run the event loop until a background job is done (used before the window exists)."""
    from PySide6.QtCore import QEventLoop, QTimer

    if handle.finished:
        return True
    loop = QEventLoop()
    handle.sig_done.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    return handle.finished


def _fill_demo(database, trainees: int | None) -> bool:
    """Fill an empty database with demo data behind a progress dialog; False if it failed."""
    from tjce_desktop.gui.dialogs import show_error
    from tjce_desktop.gui.task_runner import TaskRunner
    from tjce_desktop.services.demo import DEFAULT_TRAINEES, build_demo

    with database.engine.connect() as connection:
        if connection.exec_driver_sql("SELECT count(*) FROM org").scalar_one():
            return True  # not empty: open it as it is
    runner = TaskRunner()
    outcome: dict[str, object] = {}
    handle = runner.run(
        lambda state: build_demo(database, trainees=trainees or DEFAULT_TRAINEES, state=state),
        on_success=lambda summary: outcome.setdefault("summary", summary),
        on_failure=lambda exc: outcome.setdefault("error", exc),
        on_cancel=lambda: outcome.setdefault("cancelled", True),
        label="正在生成演示数据…",
    )
    if not _wait_for(handle, 24 * 3600 * 1000):  # left early: SIGTERM
        runner.cancel_all_and_wait(60_000)  # one transaction: the database stays empty
        return False
    if "error" in outcome:
        show_error(None, "生成演示数据失败", outcome["error"])  # type: ignore[arg-type]
        return False
    return "summary" in outcome


class _SignInFailed(Exception):
    pass


_CANCELLED = object()
_CENTRAL_PASSWORD: list[str | None] = [None]  # from the sign-in, for the background sync


def _sign_in(database, args):
    """The account the window acts as; None for a database without accounts in a self-test.

    The first start of a new database creates the city administrator (with ``--demo``:
    ``admin``, the password from TJCE_PASSWORD or generated and shown once); then sign in.
    """
    from PySide6.QtWidgets import QDialog, QMessageBox

    from tjce_desktop.gui.sign_in_dialogs import FirstAdminDialog, SignInDialog
    from tjce_desktop.services import accounts
    from tjce_desktop.storage.unit_of_work import UnitOfWork
    from tjce_desktop.sync.binding import binding

    with UnitOfWork(database) as uow:
        has_accounts = accounts.has_accounts(uow.session)
    bound = binding(database) is not None  # accounts come from the central database then
    if args.self_test:
        if not has_accounts:
            return None
        with UnitOfWork(database) as uow:
            try:
                actor = accounts.sign_in(uow.session, os.environ.get("TJCE_USER", ""),
                                         os.environ.get("TJCE_PASSWORD", ""))
            except accounts.SignInError as exc:
                uow.commit()
                raise _SignInFailed(f"{exc}（自检时用 TJCE_USER 和 TJCE_PASSWORD 提供账户）") from None
            uow.commit()
        return actor
    username = ""
    if not has_accounts and args.demo:
        username = "admin"
        given = os.environ.get("TJCE_PASSWORD")
        password = given if given and not accounts.password_problems(given) else accounts.generate_password()
        from tjce_desktop.domain.enums import Role
        from tjce_desktop.services.orgs import ensure_city_root

        with UnitOfWork(database, username) as uow:
            root = ensure_city_root(uow.session, username)
            accounts.create_account(uow.session, None, username=username, display_name="市级管理员",
                                    password=password, role=Role.CITY_ADMIN, org_id=root.id)
            uow.commit()
        if password != given:
            if given:
                _tell(f"TJCE_PASSWORD 不符合密码要求（{accounts.password_problems(given)[0]}），已改用生成的密码。")
            # On the terminal too: a dialog closed too fast must not lock the newcomer out.
            _tell(f"演示账户：用户名 admin，初始密码 {password}（只显示这一次，请记下；登录后可在“账户”菜单中修改）")
            QMessageBox.information(None, "演示账户", f"已创建市级管理员账户：admin\n初始密码：{password}\n\n"
                                                      "请记下此密码（只显示这一次），登录后可在“账户”菜单中修改。")
        else:
            _tell("演示账户：用户名 admin，密码是环境变量 TJCE_PASSWORD 的值")
    elif not has_accounts and not bound:
        first = FirstAdminDialog(database)
        if first.exec() != QDialog.DialogCode.Accepted:
            return _CANCELLED
        username = first.username or ""
    dialog = SignInDialog(database, username or _last_username())
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return _CANCELLED
    _CENTRAL_PASSWORD[0] = dialog.password
    if dialog.actor is not None:
        _remember_username(dialog.actor.username)
    return dialog.actor


def _self_test(window, started: float) -> int:
    """Wait for the first page of the trainee table, then report on stdout."""
    from PySide6.QtCore import QEventLoop, QTimer

    model = window.trainees_page.model
    org = window.current_org()
    if org is None:  # a new, empty database: no org yet, so no table to load
        window.grab()
        print(f"self-test ok: {APP_NAME} {__version__}; database {window.database.path}; "
              f"empty database (no orgs yet); {time.perf_counter() - started:.2f} s")
        return EXIT_OK
    if model.total is None:
        loop = QEventLoop()
        model.sig_loaded.connect(loop.quit)
        QTimer.singleShot(SELF_TEST_TIMEOUT_MS, loop.quit)
        loop.exec()
    if model.total is None:
        print("self-test FAILED: the trainee table did not load", file=sys.stderr)
        return EXIT_FAILED
    rows = model.rowCount()
    if model.total and (rows == 0 or model.row_values(0) is None):
        print("self-test FAILED: the first page is empty", file=sys.stderr)
        return EXIT_FAILED
    window.grab()  # paint once, offscreen
    # The Qt modules loaded only on demand (the PDF preview, printing) are in the bundle too.
    import PySide6.QtPdf  # noqa: F401
    import PySide6.QtPdfWidgets  # noqa: F401
    import PySide6.QtPrintSupport  # noqa: F401

    print(
        f"self-test ok: {APP_NAME} {__version__}; database {window.database.path}; "
        f"scope {org.full_name if org else '-'}: {model.total} active trainees, first page {rows} rows; "
        f"{time.perf_counter() - started:.2f} s"
    )
    return EXIT_OK


_TERMINATED: list[_Terminated | None] = [None]


def main(argv: Sequence[str] | None = None) -> int:
    previous_hook = sys.excepthook
    try:
        return _run(argv)
    finally:
        sys.excepthook = previous_hook  # main() run inside another program (tests) leaves it as it was
        if _TERMINATED[0] is not None:
            _TERMINATED[0].restore()
            _TERMINATED[0] = None


def _terminated() -> bool:
    return _TERMINATED[0] is not None and _TERMINATED[0].received is not None


def _run(argv: Sequence[str] | None) -> int:
    multiprocessing.freeze_support()  # the demo generator's worker process, in the bundle
    started = time.perf_counter()
    _console_streams()
    args = parse_args(argv)
    if args.self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from tjce_desktop.storage import private_temp

    private_temp.start()  # previews and library temporaries stay private; earlier runs' leftovers go

    from PySide6.QtWidgets import QApplication

    from tjce_desktop.domain.errors import UserError
    from tjce_desktop.gui.dialogs import install_excepthook, show_error
    from tjce_desktop.storage.database import DatabaseError, open_database

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("TJCE")
    install_excepthook()  # an uncaught failure is told in a message box, never as a traceback
    try:
        _TERMINATED[0] = _Terminated(app)
    except ValueError:  # not the main thread (a test harness): signals stay as they were
        pass
    from tjce_desktop.gui.translations import install_chinese_translations

    install_chinese_translations(app)
    from PySide6.QtGui import QIcon

    from tjce_desktop.paths import resource_path

    app.setWindowIcon(QIcon(str(resource_path("icons/tjce.png"))))

    def fail(title: str, message: str) -> int:
        if args.self_test:
            print(f"self-test FAILED: {message}", file=sys.stderr)
        else:
            show_error(None, title, message)
        return EXIT_USER_ERROR

    try:
        database = open_database(args.db)
    except DatabaseError as exc:
        return fail("无法打开数据库", str(exc))
    if args.demo and not _fill_demo(database, args.demo_trainees):
        return EXIT_OK if _terminated() else EXIT_FAILED
    if _terminated():
        return EXIT_OK
    try:
        actor = _sign_in(database, args)
    except (_SignInFailed, UserError) as exc:  # e.g. the database is busy
        return fail("无法登录", str(exc))
    if actor is _CANCELLED or _terminated():
        return EXIT_OK

    from tjce_desktop.gui.main_window import MainWindow

    window = MainWindow(database, actor, central_password=_CENTRAL_PASSWORD[0])
    if args.self_test:
        window.remember_on_close = False
        code = _self_test(window, started)
        window.close()
        return code
    window.maintenance_after_first_page = True  # quick check and daily backup
    window.show()
    code = app.exec()
    # Close the database's connections: the last one folds the WAL and removes -wal and -shm,
    # which a process ending with connections open (SIGTERM, 退出) left beside the database.
    database.dispose()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
