"""One error contract (#15), tried the way a user meets it: real files, real processes, the
real ``tjce`` command, the real window.

- a ``UserError`` reads as its Chinese message, in the window and on the command line;
- anything else is an internal error: one short line with an incident number, the traceback
  in the log file only — never SQL, statement parameters or ID numbers on screen or stderr;
- a closed pipe (``tjce orgs --json | head -1``) is not an error;
- a database another program is writing: writes wait, then say so in Chinese; reads go on;
  the same file imported twice at once stores every person once and gives the second import
  its per-row verdicts.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import os
import re
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import openpyxl
import pytest

from tjce_desktop.domain.errors import UserError
from tjce_desktop.domain.id_number import make_id_number
from tjce_desktop.services import incidents
from tjce_desktop.services.actor import LOCAL_ADMIN
from tjce_desktop.services.orgs import find_org
from tjce_desktop.services.trainee_import import ImportMode, Verdict, analyse_import, apply_import, open_import
from tjce_desktop.storage.database import BUSY_MESSAGE, open_database
from tjce_desktop.storage.unit_of_work import UnitOfWork

INCIDENT = re.compile(r"事件编号 (\d{8}-\d{6}-[A-Z2-9]{4})")
ADMIN_PASSWORD = "City-Admin-2026"


def tjce(*args, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in ("TJCE_USER", "TJCE_PASSWORD", "TJCE_DEBUG")}
    return subprocess.run([sys.executable, "-m", "tjce_desktop.cli.main", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", timeout=timeout, env={**base, **(env or {})},
                          stdin=subprocess.DEVNULL)


def id_numbers(count: int, start: int = 0) -> list[str]:
    return [make_id_number("120101", dt.date(1985, 1, 1) + dt.timedelta(days=n), n % 1000)
            for n in range(start, start + count)]


def import_file(path: Path, numbers: list[str], prefix: str = "ec") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["学员姓名", "真实姓名", "身份证号", "手机"])
    for n, number in enumerate(numbers):
        sheet.append([f"{prefix}_{n}", f"测试{n:04d}", number, f"1380000{n:04d}"])
    book.save(path)
    return path


def stored(db: Path, numbers: list[str]) -> int:
    with sqlite3.connect(db) as connection:
        marks = ",".join("?" * len(numbers))
        return connection.execute(f"SELECT count(*) FROM trainee WHERE id_number IN ({marks})", numbers).fetchone()[0]


def assert_nothing_leaks(text: str, numbers: list[str]) -> None:
    for leak in ("[SQL", "INSERT", "UPDATE ", "SELECT", "parameters", "Traceback", "IntegrityError",
                 "OperationalError", "sqlite3", "内部错误：", *numbers):
        assert leak not in text, f"{leak!r} shown to the user: {text}"


@pytest.fixture
def with_accounts(demo_db_path) -> Path:
    """The demo database with a city administrator: every command signs in (and so writes)."""
    from tjce_desktop.domain.enums import Role
    from tjce_desktop.services import accounts

    database = open_database(demo_db_path)
    with UnitOfWork(database) as uow:
        accounts.create_account(uow.session, None, username="admin", display_name="市管理员", password=ADMIN_PASSWORD,
                                role=Role.CITY_ADMIN, org_id=find_org(uow.session, "120000").id)
        uow.commit()
    database.dispose()
    return demo_db_path


class WriteLock:
    """Another program writing: a plain sqlite3 connection holding ``BEGIN IMMEDIATE``."""

    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.connection.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        if self.connection is not None:
            self.connection.execute("ROLLBACK")
            self.connection.close()
            self.connection = None


@pytest.fixture
def quick_busy(monkeypatch):
    """Writes give up after 0.4 s here (``TJCE_BUSY_TIMEOUT_MS``), not the program's 10 s;
    set before any connection is opened."""
    monkeypatch.setenv("TJCE_BUSY_TIMEOUT_MS", "400")


# --- every user error is a UserError --------------------------------------------------------------


@pytest.mark.parametrize(("module", "name"), [
    ("tjce_desktop.cli.errors", "CliError"),
    ("tjce_desktop.storage.database", "DatabaseError"),
    ("tjce_desktop.storage.database", "DatabaseBusy"),
    ("tjce_desktop.storage.backup", "BackupError"),
    ("tjce_desktop.services.demo", "DemoError"),
    ("tjce_desktop.services.orgs", "OrgNotFound"),
    ("tjce_desktop.services.trainee_import", "ImportFileError"),
    ("tjce_desktop.exchange.sheet_reader", "SheetReadError"),
    ("tjce_desktop.exchange.xlsx_table", "XlsxWriteError"),
    ("tjce_desktop.services.actor", "ScopeError"),
    ("tjce_desktop.services.reports", "ReportError"),
    ("tjce_desktop.exchange.cjk_font", "FontMissingError"),
    ("tjce_desktop.services.year_hours", "HoursError"),
    ("tjce_desktop.domain.hour_policy", "NoHourRule"),
    ("tjce_desktop.services.plans", "PlanError"),
    ("tjce_desktop.services.stamping", "StampError"),
    ("tjce_desktop.services.accounts", "AccountError"),
    ("tjce_desktop.services.accounts", "SignInError"),
    ("tjce_desktop.services.certificate_desk", "DeskError"),
    ("tjce_desktop.services.sheet_signing", "SigningUnavailable"),
    ("tjce_desktop.storage.key_protection", "KeyProtectionError"),
    ("tjce_desktop.sync.central", "CentralError"),
    ("tjce_desktop.sync.busy", "SyncBusy"),
    ("tjce_desktop.sync.conflicts", "ConflictError"),
    ("tjce_desktop.services.trainees", "TraineeNotFound"),
    ("tjce_desktop.services.trainees", "TraineeValidationError"),
    ("tjce_desktop.domain.id_number", "IdNumberError"),
    ("tjce_desktop.domain.permissions", "WriteRefused"),
    ("tjce_desktop.paths", "ResourceMissing"),
])
def test_every_error_a_user_can_cause_is_a_user_error(module, name):
    cls = getattr(importlib.import_module(module), name)
    assert issubclass(cls, UserError)


def test_user_errors_keep_the_builtin_bases_callers_catch():
    from tjce_desktop.domain.permissions import WriteRefused
    from tjce_desktop.exchange.xlsx_table import XlsxWriteError
    from tjce_desktop.services.actor import ScopeError

    assert issubclass(ScopeError, PermissionError) and issubclass(WriteRefused, PermissionError)
    assert issubclass(XlsxWriteError, OSError)
    assert str(ScopeError("不在管辖范围内。")) == "不在管辖范围内。"


def test_the_log_masks_id_numbers_and_drops_parameters():
    number = "12010119850101123X"
    text = incidents.mask_personal(f"boom {number} 13800001234\n[parameters: ('张三', '{number}')]")
    assert number not in text and "13800001234" not in text and "张三" not in text
    assert "120" in text and "123X" in text  # the ends stay, to tell incidents apart


# --- the command line -----------------------------------------------------------------------------


def _refusing_trigger(db: Path) -> None:
    """Another program changed the database so that every new trainee is refused."""
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TRIGGER refuse_trainees BEFORE INSERT ON trainee "
                           "BEGIN SELECT RAISE(ABORT, 'refused by another program'); END")


def test_an_internal_error_shows_an_incident_number_and_logs_the_traceback(demo_db_path, tmp_path,
                                                                           incident_log_folder):
    numbers = id_numbers(3)
    source = import_file(tmp_path / "名单.xlsx", numbers)
    _refusing_trigger(demo_db_path)
    result = tjce("--db", demo_db_path, "import-trainees", source, "--org", "和平区")
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    log = incident_log_folder / "tjce.log"
    assert lines[0].startswith("错误：程序内部错误（事件编号 ")
    assert f"详细信息已记录在 {log}，请把事件编号告诉技术支持。" in lines[0]
    assert_nothing_leaks(result.stderr, numbers)
    incident = INCIDENT.search(lines[0]).group(1)
    logged = log.read_text(encoding="utf-8")
    assert f"incident {incident} in tjce import-trainees" in logged
    assert "Traceback" in logged and "IntegrityError" in logged and "refused by another program" in logged
    for number in numbers:
        assert number not in logged  # neither the values of the statement nor anything else
    if os.name == "posix":
        assert log.stat().st_mode & 0o777 == 0o600
    assert stored(demo_db_path, numbers) == 0


def test_debug_still_raises_internal_errors(demo_db_path, tmp_path):
    source = import_file(tmp_path / "名单.xlsx", id_numbers(1))
    _refusing_trigger(demo_db_path)
    result = tjce("--db", demo_db_path, "import-trainees", source, "--org", "和平区", env={"TJCE_DEBUG": "1"})
    assert result.returncode == 1
    assert "Traceback" in result.stderr and "IntegrityError" in result.stderr


def test_user_errors_are_printed_as_they_are(demo_db_path, tmp_path):
    result = tjce("--db", demo_db_path, "hours", id_numbers(1)[0], "--year", "1990")
    assert result.returncode == 2
    assert result.stderr.strip().startswith("错误：") and "事件编号" not in result.stderr
    result = tjce("--db", demo_db_path, "compliance", "--year", "1990")
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == "错误：1990 年没有学时规定（最早的规定自 2002 年起）。"


def test_a_closed_pipe_is_not_an_error(demo_db_path):
    """``tjce orgs --json | head -1``, with a pipe smaller than the output (as ``head`` meets
    it with any output larger than the system's pipe buffer)."""
    fcntl = pytest.importorskip("fcntl")
    if not hasattr(fcntl, "F_SETPIPE_SZ"):
        pytest.skip("needs Linux pipes")
    whole = tjce("--db", demo_db_path, "orgs", "--json")
    assert whole.returncode == 0 and len(whole.stdout.encode()) > 8 * 4096  # far more than the pipe holds
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)
    base = {k: v for k, v in os.environ.items() if k not in ("TJCE_USER", "TJCE_PASSWORD", "TJCE_DEBUG")}
    run = subprocess.Popen([sys.executable, "-m", "tjce_desktop.cli.main", "--db", str(demo_db_path), "orgs",
                            "--json"], stdout=write_end, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=base)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as reader:
        first = reader.readline()  # head -1, then it exits
    stderr = run.stderr.read().decode("utf-8")
    run.wait(timeout=300)
    assert first == b"[\n"
    assert stderr == ""
    assert run.returncode == 141  # as any program ended by SIGPIPE


# --- a busy database ------------------------------------------------------------------------------


def test_reads_go_on_and_writes_say_busy_while_another_program_writes(demo_db_path, tmp_path):
    numbers = id_numbers(5)
    source = import_file(tmp_path / "名单.xlsx", numbers)
    quick = {"TJCE_BUSY_TIMEOUT_MS": "400"}
    lock = WriteLock(demo_db_path)
    try:
        info = tjce("--db", demo_db_path, "info", "--json", env=quick)
        assert info.returncode == 0, info.stderr  # WAL: reading needs no lock
        written = tjce("--db", demo_db_path, "import-trainees", source, "--org", "和平区", env=quick)
    finally:
        lock.release()
    assert written.returncode == 2
    assert written.stderr == f"错误：{BUSY_MESSAGE}\n"
    assert stored(demo_db_path, numbers) == 0  # nothing half-written
    again = tjce("--db", demo_db_path, "import-trainees", source, "--org", "和平区", env=quick)
    assert again.returncode == 0, again.stderr
    assert stored(demo_db_path, numbers) == 5


def test_info_signing_in_while_another_program_writes_says_busy(with_accounts):
    env = {"TJCE_BUSY_TIMEOUT_MS": "400", "TJCE_USER": "admin", "TJCE_PASSWORD": ADMIN_PASSWORD}
    lock = WriteLock(with_accounts)
    try:
        result = tjce("--db", with_accounts, "info", env=env)  # the sign-in is counted and audited: a write
    finally:
        lock.release()
    assert result.returncode == 2
    assert result.stderr == f"错误：{BUSY_MESSAGE}\n"
    assert tjce("--db", with_accounts, "info", env=env).returncode == 0


def test_a_write_waits_for_a_short_lock_and_then_succeeds(demo_db_path, tmp_path):
    numbers = id_numbers(5)
    source = import_file(tmp_path / "名单.xlsx", numbers)
    lock = WriteLock(demo_db_path)
    releaser = threading.Timer(4.0, lock.release)
    releaser.start()
    started = time.monotonic()
    try:
        result = tjce("--db", demo_db_path, "import-trainees", source, "--org", "和平区",
                      env={"TJCE_BUSY_TIMEOUT_MS": "30000"})
    finally:
        releaser.join()
    assert result.returncode == 0, result.stderr
    assert "新增 5" in result.stdout
    assert time.monotonic() - started >= 4.0  # it waited for the lock
    assert stored(demo_db_path, numbers) == 5


@pytest.mark.parametrize(("mode", "verdict", "message"), [
    (ImportMode.ADD, Verdict.ERROR, "身份证号已存在"),
    (ImportMode.UPSERT, Verdict.UNCHANGED, None),
])
def test_rows_another_process_imported_after_the_preview_get_their_verdict(demo_db_path, tmp_path, mode, verdict,
                                                                          message):
    numbers = id_numbers(20, start=100)
    source = import_file(tmp_path / "名单.xlsx", numbers)
    database = open_database(demo_db_path)
    try:
        with UnitOfWork(database) as uow:
            heping = find_org(uow.session, "和平区")
            preview = analyse_import(uow, LOCAL_ADMIN, open_import(source), mode=mode, default_org=heping)
            assert preview.count(Verdict.ADD) == 20
            other = tjce("--db", demo_db_path, "import-trainees", source, "--org", "和平区")  # meanwhile
            assert other.returncode == 0 and "新增 20" in other.stdout, other.stderr
            summary = apply_import(uow, LOCAL_ADMIN, preview)
    finally:
        database.dispose()
    assert summary.added == 0
    assert summary.preview.count(verdict) == 20
    if message:
        assert summary.refused == 20
        assert all(message in row.messages[0] for row in summary.preview.refused)
    else:
        assert summary.unchanged == 20
    assert stored(demo_db_path, numbers) == 20


def test_the_same_file_imported_twice_at_once_stores_everyone_once(demo_db_path, tmp_path):
    numbers = id_numbers(300, start=200)
    source = import_file(tmp_path / "名单.xlsx", numbers)
    base = {k: v for k, v in os.environ.items() if k not in ("TJCE_USER", "TJCE_PASSWORD", "TJCE_DEBUG")}
    command = [sys.executable, "-m", "tjce_desktop.cli.main", "--db", str(demo_db_path), "import-trainees",
               str(source), "--org", "和平区", "--json"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                             env=base, stdin=subprocess.DEVNULL) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    results = []
    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
        assert_nothing_leaks(err, numbers)
        results.append(json.loads(out))
    assert sorted(r["added"] for r in results) == [0, 300]
    second = next(r for r in results if r["added"] == 0)
    assert second["refused"] == 300
    assert all("身份证号已存在" in e["messages"][0] for e in second["errors"])
    assert stored(demo_db_path, numbers) == 300


# --- the window -----------------------------------------------------------------------------------


def _select_first_row(page) -> int:
    from PySide6.QtCore import QItemSelectionModel

    selection = page.ui.table.selectionModel()
    selection.clearSelection()
    selection.select(page.model.index(0, 0),
                     QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    return page.model.rowid_at(0)


def test_window_trainee_deleted_elsewhere_is_told_as_it_is(qtbot, main_window, demo_database, message_boxes):
    page = main_window.trainees_page
    rowid = _select_first_row(page)
    with sqlite3.connect(demo_database.path) as connection:  # another desk's sync removed the trainee
        connection.execute("UPDATE trainee SET deleted_at = '2026-11-29 10:00:00.000000' WHERE rowid = ?", (rowid,))
    page.edit_selected()
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=10_000)
    assert message_boxes == [("critical", "操作失败", "找不到该学员，可能已被删除。")]


def test_window_report_error_is_told_as_it_is(qtbot, main_window, message_boxes, monkeypatch):
    from tjce_desktop.services import reports

    def refuse(*_args, **_kwargs):
        raise reports.ReportError("找不到培训计划“2099年度计划”。")

    monkeypatch.setattr(reports, "plan_summary", refuse)
    page = main_window.reports_page
    main_window.ui.pages.setCurrentWidget(page)
    page.run()  # 4.1 of the selected org
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=10_000)
    assert set(message_boxes) == {("critical", "统计失败", "找不到培训计划“2099年度计划”。")}


def test_window_account_error_is_told_as_it_is(qtbot, main_window, demo_database, message_boxes):
    from tjce_desktop.services import accounts

    def job(_state):
        with UnitOfWork(demo_database, LOCAL_ADMIN) as uow:
            accounts.unlock(uow.session, LOCAL_ADMIN, "nobody")

    with qtbot.waitSignal(main_window.runner.run(job, error_title="解锁账户").sig_done, timeout=10_000):
        pass
    assert message_boxes == [("critical", "解锁账户", "没有用户名为“nobody”的账户。")]


def test_window_internal_error_shows_only_an_incident_number(qtbot, main_window, message_boxes,
                                                             incident_log_folder):
    number = "12010119850101123X"

    def job(_state):
        raise KeyError(f"trainee {number}")

    with qtbot.waitSignal(main_window.runner.run(job, error_title="导出失败").sig_done, timeout=10_000):
        pass
    [(kind, title, text)] = message_boxes
    assert (kind, title) == ("critical", "导出失败")
    assert text.startswith("程序内部错误（事件编号 ") and str(incident_log_folder / "tjce.log") in text
    assert_nothing_leaks(text, [number])
    assert "KeyError" not in text
    logged = (incident_log_folder / "tjce.log").read_text(encoding="utf-8")
    assert INCIDENT.search(text).group(1) in logged
    assert logged.count(INCIDENT.search(text).group(1)) == 1  # logged once, by the job, numbered once
    assert "KeyError" in logged and number not in logged and "120***********123X" in logged


def test_window_write_while_another_program_writes_says_busy(quick_busy, qtbot, main_window, demo_database,
                                                            message_boxes, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    page = main_window.trainees_page
    rowid = _select_first_row(page)
    lock = WriteLock(demo_database.path)
    try:
        page.set_left_selected(True)
        qtbot.waitUntil(lambda: bool(message_boxes), timeout=10_000)
    finally:
        lock.release()
    assert message_boxes == [("critical", "修改状态失败", BUSY_MESSAGE)]
    with sqlite3.connect(demo_database.path) as connection:
        assert connection.execute("SELECT active FROM trainee WHERE rowid = ?", (rowid,)).fetchone() == (1,)


def test_window_sign_in_while_another_program_writes_says_busy(quick_busy, qtbot, with_accounts):
    from tjce_desktop.gui.sign_in_dialogs import SignInDialog

    database = open_database(with_accounts)
    try:
        dialog = SignInDialog(database, "admin")
        qtbot.addWidget(dialog)
        dialog.ui.password_edit.setText(ADMIN_PASSWORD)
        lock = WriteLock(with_accounts)
        try:
            dialog.sign_in()
            qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
        finally:
            lock.release()
        assert dialog.ui.message_label.text() == BUSY_MESSAGE
        assert dialog.actor is None and dialog.result() == 0
        dialog.sign_in()  # the other program is done: the same password signs in
        qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
        assert dialog.actor is not None and dialog.actor.username == "admin"
    finally:
        database.dispose()
