"""Sign-in that holds (#14): each attack tried the way an attacker would — real SQLite files,
real processes, the real ``tjce`` command — and seen to fail.

- many wrong passwords at once: counted one by one, the fifth locks, the lock holds;
- a password of 90,000 characters: wrong, counted, never hashed;
- ``restore``, ``sync``, ``central connect`` and ``conflicts`` on a locked desk or without
  signing in: refused; a restore by a city administrator keeps every lockout and is audited;
- weak passwords: each refused with the rule it breaks.
"""

from __future__ import annotations

import contextlib
import io
import json
import multiprocessing
import os
import re
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tjce_desktop.domain.enums import Role
from tjce_desktop.services import accounts
from tjce_desktop.services.audit import verify_chain
from tjce_desktop.services.orgs import find_org
from tjce_desktop.storage.backup import backup_database
from tjce_desktop.storage.database import open_database
from tjce_desktop.storage.unit_of_work import UnitOfWork

ADMIN, HEPING, CLERK = "City-Admin-2026", "Heping-2026", "Clerk-2026x"
PASSWORDS = {"admin": ADMIN, "heping": HEPING, "clerk": CLERK}
DEAD_CENTRAL = "postgresql://127.0.0.1:1/tjce"  # nobody listens: anything that reaches it fails
ID_NUMBER = "12010119800101001X"


def tjce(*args, user: str | None = None, password: str | None = None, env: dict | None = None):
    """The real command line, as its own process, with only the credentials given here."""
    base = {k: v for k, v in os.environ.items() if k not in ("TJCE_USER", "TJCE_PASSWORD", "TJCE_NEW_PASSWORD")}
    if user is not None:
        base["TJCE_USER"] = user
    if password is not None:
        base["TJCE_PASSWORD"] = password
    return subprocess.run([sys.executable, "-m", "tjce_desktop.cli.main", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=300, env={**base, **(env or {})}, stdin=subprocess.DEVNULL)


def _create_accounts(path: Path) -> None:
    database = open_database(path)
    with UnitOfWork(database) as uow:
        s = uow.session
        admin = accounts.create_account(s, None, username="admin", display_name="市管理员", password=ADMIN,
                                        role=Role.CITY_ADMIN, org_id=find_org(s, "120000").id)
        actor = accounts.actor_for(s, admin)
        for name, role in (("heping", Role.UNIT_SUPERVISOR), ("clerk", Role.REGISTRATION_CLERK)):
            accounts.create_account(s, actor, username=name, display_name=name, password=PASSWORDS[name], role=role,
                                    org_id=find_org(s, "和平区").id)
        uow.commit()
    database.dispose()


@pytest.fixture
def desk(demo_db_path) -> Path:
    """The demo database with a city administrator, a unit supervisor and a clerk (和平区)."""
    _create_accounts(demo_db_path)
    return demo_db_path


def _lockout(path: Path, username: str) -> tuple[int, str | None]:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT failed_attempts, locked_until FROM admin_user WHERE username = ?",
                                  (username,)).fetchone()


def _audit(path: Path, action: str, target: str | None = None) -> list[tuple]:
    query = "SELECT actor, target, detail, outcome FROM audit_log WHERE action = ?"
    params: tuple = (action,)
    if target is not None:
        query += " AND target = ?"
        params += (target,)
    with sqlite3.connect(path) as connection:
        return [(actor, tgt, json.loads(detail) if detail else None, outcome)
                for actor, tgt, detail, outcome in connection.execute(query + " ORDER BY seq", params)]


def _chain_intact(path: Path) -> bool:
    database = open_database(path, create=False)
    try:
        with UnitOfWork(database) as uow:
            return verify_chain(uow.session) == []
    finally:
        database.dispose()


def _lock(path: Path, username: str) -> None:
    database = open_database(path, create=False)
    try:
        for _ in range(accounts.MAX_FAILED):
            with UnitOfWork(database) as uow:
                with pytest.raises(accounts.SignInError):
                    accounts.sign_in(uow.session, username, "Not-The-Password-1")
                uow.commit()
    finally:
        database.dispose()
    assert _lockout(path, username)[1] is not None


# --- 1. failed attempts are counted atomically ------------------------------------------------------------


def _guess_in_a_process(path: str, password: str, barrier, results) -> None:
    """One attacker process: everything imported, then all of them sign in at the same moment."""
    os.environ["TJCE_PASSWORD"] = password
    import tjce_desktop.cli.credentials  # noqa: F401 — imported before the start line, not after
    import tjce_desktop.services.accounts  # noqa: F401
    import tjce_desktop.services.database_info  # noqa: F401
    from tjce_desktop.cli.main import main

    errors = io.StringIO()
    barrier.wait(timeout=120)
    with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
        code = main(["--db", path, "--user", "heping", "info"])
    results.put((code, errors.getvalue().strip()))


def test_twelve_wrong_passwords_at_once_lock_at_the_fifth_and_each_is_counted(desk):
    context = multiprocessing.get_context("spawn")
    attackers = 12
    barrier, results = context.Barrier(attackers), context.Queue()
    processes = [context.Process(target=_guess_in_a_process, args=(str(desk), f"Guess-{n:02d}-2026", barrier, results))
                 for n in range(attackers)]
    for process in processes:
        process.start()
    answers = [results.get(timeout=240) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    assert all(code == 2 for code, _ in answers), answers
    messages = [message for _, message in answers]
    left = sorted(int(n) for message in messages for n in re.findall(r"再错 (\d) 次", message))
    assert left == [1, 2, 3, 4], messages  # every count said once: no two attempts read the same count
    assert sum("已连续输错 5 次" in message for message in messages) == 1
    assert sum("账户已锁定" in message for message in messages) == attackers - 5
    failed, locked_until = _lockout(desk, "heping")
    assert locked_until is not None and failed == 0
    outcomes = Counter(outcome for *_, outcome in _audit(desk, "auth.sign_in", "heping"))
    assert outcomes == {"failed": 4, "locked": attackers - 4}  # every attempt is in the log
    assert _chain_intact(desk)
    # Locked means locked: the right password does not open it.
    right = tjce("--db", str(desk), "--user", "heping", "info", password=HEPING)
    assert right.returncode == 2 and "账户已锁定" in right.stderr
    assert _audit(desk, "auth.sign_in", "heping")[-1][3] == "locked"


def test_a_90000_character_password_is_wrong_counted_and_never_hashed(desk, monkeypatch, capsys):
    class NoLongHashing:
        def __init__(self, real):
            self.real = real

        def verify(self, stored, password):
            assert len(password) <= accounts.MAX_LENGTH, "a megabyte-sized password reached Argon2"
            return self.real.verify(stored, password)

        def hash(self, password):
            assert len(password) <= accounts.MAX_LENGTH, "a megabyte-sized password reached Argon2"
            return self.real.hash(password)

        def __getattr__(self, name):
            return getattr(self.real, name)

    monkeypatch.setattr(accounts, "HASHER", NoLongHashing(accounts.HASHER))
    huge = "Aa1!" * 22_500
    from tjce_desktop.cli.main import main

    monkeypatch.setenv("TJCE_PASSWORD", huge)
    assert main(["--db", str(desk), "--user", "heping", "info"]) == 2
    assert "再错 4 次" in capsys.readouterr().err
    assert _lockout(desk, "heping")[0] == 1
    database = open_database(desk, create=False)
    with UnitOfWork(database) as uow:
        actor = accounts.sign_in(uow.session, "heping", HEPING)
        with pytest.raises(accounts.SignInError, match="再错"):  # unlocking the idle lock: counted, refused
            accounts.check_password(uow.session, actor, huge)
        with pytest.raises(accounts.AccountError, match="原密码不正确"):
            accounts.change_password(uow.session, actor, huge, "Heping-2027")
        with pytest.raises(accounts.AccountError, match="不能超过 128 个字符"):
            accounts.change_password(uow.session, actor, HEPING, huge)
        uow.commit()
    database.dispose()
    assert accounts.password_problems(huge) == ["密码不能超过 128 个字符。"]


# --- 2. every command that reads or changes data signs in --------------------------------------------


def test_restore_needs_a_city_administrator_and_never_unlocks_anyone(desk, tmp_path):
    path = str(desk)
    old = backup_database(desk, tmp_path / "backups").path  # before anyone was locked
    _lock(desk, "heping")
    heping_locked = _lockout(desk, "heping")

    def unchanged() -> bool:
        return _lockout(desk, "heping") == heping_locked and \
            not list(desk.parent.glob(f"{desk.name}.before-restore-*"))

    anonymous = tjce("--db", path, "restore", str(old))
    assert anonymous.returncode == 2 and "TJCE_USER" in anonymous.stderr and unchanged()
    locked = tjce("--db", path, "--user", "heping", "restore", str(old), password=HEPING)
    assert locked.returncode == 2 and "账户已锁定" in locked.stderr and unchanged()
    clerk = tjce("--db", path, "--user", "clerk", "restore", str(old), password=CLERK)
    assert clerk.returncode == 2 and "不能恢复数据库" in clerk.stderr and unchanged()
    database = open_database(desk, create=False)
    with UnitOfWork(database) as uow:  # two wrong guesses at the clerk's password
        for _ in range(2):
            with pytest.raises(accounts.SignInError):
                accounts.sign_in(uow.session, "clerk", "Not-The-Password-1")
        uow.commit()
    database.dispose()

    restored = tjce("--db", path, "--user", "admin", "restore", str(old), password=ADMIN)
    assert restored.returncode == 0, restored.stderr
    # The backup knew nothing of these: the restored database keeps them.
    assert _lockout(desk, "heping") == heping_locked and _lockout(desk, "clerk") == (2, None)
    still = tjce("--db", path, "--user", "heping", "info", password=HEPING)
    assert still.returncode == 2 and "账户已锁定" in still.stderr
    [(actor, target, detail, outcome)] = _audit(desk, "database.restore")
    aside = Path(detail["aside"])
    assert (actor, target, outcome) == ("admin", old.name, "ok") and aside.exists()
    assert detail["lockouts_kept"] == 2 and detail["backup"] == str(old)
    assert _chain_intact(desk)


def test_restore_of_a_backup_without_accounts_is_refused(demo_db_path, tmp_path):
    empty = backup_database(demo_db_path, tmp_path / "backups").path  # no accounts yet: nobody signs in
    _create_accounts(demo_db_path)
    refused = tjce("--db", str(demo_db_path), "--user", "admin", "restore", str(empty), password=ADMIN)
    assert refused.returncode == 2 and "没有账户" in refused.stderr
    assert _audit(demo_db_path, "database.restore") == []
    assert _lockout(demo_db_path, "admin") == (0, None)


@pytest.fixture
def locked_bound_desk(desk):
    """A desk bound to a central database, with a change waiting to be pushed, and heping locked."""
    from tjce_desktop.storage.models import Trainee
    from tjce_desktop.sync.binding import bind
    from tjce_desktop.sync.engine import pending_count
    from tjce_desktop.sync.local_state import CONFLICTS, set_meta

    database = open_database(desk, create=False)
    bind(database, DEAD_CENTRAL, "heping")
    with UnitOfWork(database, "heping") as uow:
        trainee = uow.session.query(Trainee).filter(Trainee.org_path.startswith("/120000/120101/")).first()
        trainee.phone = "13800000000"
        uow.commit()
    with database.engine.begin() as connection:
        set_meta(connection, CONFLICTS, [{
            "id": "7c7e0c49-8d3e-4a4b-9a52-5d2f2b4f0c11", "table_name": "trainee", "row_id": str(trainee.id),
            "kind": "duplicate", "fields": ["id_number", "real_name"],
            "mine": {"id_number": ID_NUMBER, "real_name": "张三"},
            "central": {"id_number": ID_NUMBER, "real_name": "张三"}, "original": {"id_number": ID_NUMBER},
            "created_by": "hexi", "created_at": "2026-11-29T09:00:00", "reason": f"身份证号 {ID_NUMBER} 重复",
            "mutation_id": None}])
    assert pending_count(database) > 0
    database.dispose()
    _lock(desk, "heping")
    return desk


def _pending(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT count(*) FROM sync_outbox").fetchone()[0]


@pytest.mark.parametrize("command", [["sync"], ["sync", "--check"], ["sync", "--rebuild"], ["conflicts"],
                                     ["conflicts", "--json"],
                                     ["conflicts", "--resolve", "7c7e0c49-8d3e-4a4b-9a52-5d2f2b4f0c11",
                                      "--keep", "mine"],
                                     ["central", "connect", "--url", "postgresql://127.0.0.1:1/other",
                                      "--username", "heping"]])
def test_a_locked_desk_neither_syncs_nor_rebinds_nor_shows_its_conflicts(locked_bound_desk, command):
    from tjce_desktop.sync.binding import binding

    path = str(locked_bound_desk)
    waiting = _pending(locked_bound_desk)
    # The right password of the locked account, with or without naming it (the desk's login is the default).
    for user in ("heping", None):
        result = tjce("--db", path, *command, user=user, password=HEPING)
        assert result.returncode == 2 and "账户已锁定" in result.stderr, result.stderr
        assert ID_NUMBER not in result.stdout and "张三" not in result.stdout
    database = open_database(locked_bound_desk, create=False)
    assert binding(database)[0] == DEAD_CENTRAL
    database.dispose()
    assert _pending(locked_bound_desk) == waiting  # nothing was pushed, nothing resolved
    assert _audit(locked_bound_desk, "sync.run") == [] and _audit(locked_bound_desk, "central.connect") == []
    assert _audit(locked_bound_desk, "auth.sign_in", "heping")[-1][3] == "locked"


def test_conflicts_need_a_password_and_mask_id_numbers_for_those_who_may_not_see_them(locked_bound_desk):
    path = str(locked_bound_desk)
    no_password = tjce("--db", path, "conflicts", "--json", user="clerk")
    assert no_password.returncode == 2 and "TJCE_PASSWORD" in no_password.stderr and ID_NUMBER not in no_password.stdout
    for as_json in (True, False):
        extra = ["--json"] if as_json else []
        clerk = tjce("--db", path, "conflicts", *extra, user="clerk", password=CLERK)
        assert clerk.returncode == 0, clerk.stderr
        assert ID_NUMBER not in clerk.stdout and "120101********001X" in clerk.stdout
        admin = tjce("--db", path, "conflicts", *extra, user="admin", password=ADMIN)
        assert admin.returncode == 0 and ID_NUMBER in admin.stdout
    [row] = json.loads(tjce("--db", path, "conflicts", "--json", user="clerk", password=CLERK).stdout)
    assert {row["mine"]["id_number"], row["central"]["id_number"], row["original"]["id_number"]} == \
        {"120101********001X"} and ID_NUMBER not in row["reason"]


def test_failed_syncs_and_connects_are_audited_without_credentials(locked_bound_desk):
    path = str(locked_bound_desk)
    failed = tjce("--db", path, "sync", user="admin", password=ADMIN)
    assert failed.returncode == 2 and failed.stderr.startswith("错误：")
    [(actor, target, detail, outcome)] = _audit(locked_bound_desk, "sync.run")
    assert (actor, target, outcome, detail["mode"]) == ("admin", "heping", "failed", "sync") and detail["error"]
    check = tjce("--db", path, "sync", "--check", user="admin", password=ADMIN)
    assert check.returncode == 2 and _audit(locked_bound_desk, "sync.run")[-1][2]["mode"] == "check"
    connect = tjce("--db", path, "central", "connect", "--url", "postgresql://heping:S3cret-pw@127.0.0.1:1/other",
                   "--username", "heping", user="admin", password=ADMIN)
    assert connect.returncode == 2
    [(actor, target, detail, outcome)] = _audit(locked_bound_desk, "central.connect")
    assert (actor, outcome, detail["login"]) == ("admin", "failed", "heping")
    assert "S3cret-pw" not in json.dumps(detail) + target and detail["url"].startswith("postgresql://127.0.0.1:1/other")
    assert _chain_intact(locked_bound_desk)


# --- 3. the password policy ---------------------------------------------------------------------------


@pytest.mark.parametrize(("password", "rule"), [
    ("Short-1a", "不能少于 10 个字符"),
    ("Aa1!" * 40, "不能超过 128 个字符"),
    ("Password1", "常见密码"),
    ("Password1!", "常见密码"),
    ("P@ssw0rd123", "常见密码"),
    ("Passw0rd!2026", "常见密码"),
    ("Welcome1!!", "常见密码"),
    ("Woaini1314!", "常见密码"),
    ("Qq123456789", "常见密码"),
    ("!Iloveyou520", "常见密码"),
    ("        A1", "不能主要由空格组成"),
    ("   Abc-12x   ", "首尾的空格不算数"),
    ("aaaaaaaaaaA1", "同一个字符重复组成"),
    ("Ab1!Ab1!Ab1!", "同一小段字符反复组成"),
    ("Aa1Aa1Aa1Aa1", "同一小段字符反复组成"),
    ("AAAAaaaa1111", "至少要有 4 个不同的字符"),
    ("Qwertyuiop1!", "连续序列"),
    ("Zxcvbnm-98765", "连续序列"),
    ("Abcdefghij9!", "连续序列"),
    ("alllowercase1", "三类"),
])
def test_weak_passwords_are_refused_saying_which_rule(password, rule):
    problems = accounts.password_problems(password)
    assert any(rule in problem for problem in problems), problems


@pytest.mark.parametrize("password", ["Heping-2026", "Clerk-2026x", "City-Admin-2026", "Tjce-Demo-2026",
                                      "correct Horse 9 battery", "Hai-He-Qiao-7", "Zh3ng!Gu0-Tj"])
def test_reasonable_passwords_are_accepted(password):
    assert accounts.password_problems(password) == []


def test_generated_passwords_pass_and_the_list_ships_with_the_program():
    from tjce_desktop.paths import resource_path
    from tjce_desktop.services.password_policy import common_passwords

    assert all(not accounts.password_problems(accounts.generate_password()) for _ in range(20))
    listed = common_passwords()
    assert len(listed) > 3000 and {"password", "123456", "woaini1314", "qq123456", "1qaz2wsx", "p@ssw0rd"} <= listed
    path = resource_path("security/common_passwords.txt")
    assert path.is_relative_to(Path(__file__).parents[1] / "resources")  # resources/ is package data, all of it
    pyproject = (Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert '"tjce_desktop.resources" = ["*", "**/*"]' in pyproject


def test_the_password_forms_say_which_rule_failed(qtbot, tmp_path, desk):
    from tjce_desktop.gui.sign_in_dialogs import FirstAdminDialog, PasswordDialog

    first = FirstAdminDialog(open_database(tmp_path / "new.sqlite3"))
    qtbot.addWidget(first)
    assert "10–128" in first.ui.password_edit.placeholderText()
    for password, rule in (("Password1!", "常见密码"), ("        A1", "空格"), ("Aa1!" * 40, "128")):
        first.ui.password_edit.setText(password)
        first.ui.confirm_edit.setText(password)
        first.create()
        qtbot.waitUntil(lambda: not first.busy, timeout=30_000)
        assert rule in first.ui.message_label.text() and first.username is None
    database = open_database(desk, create=False)
    with UnitOfWork(database) as uow:
        actor = accounts.sign_in(uow.session, "heping", HEPING)
        uow.commit()
    dialog = PasswordDialog(database, actor)
    qtbot.addWidget(dialog)
    dialog.ui.old_edit.setText(HEPING)
    for password, rule in (("P@ssw0rd123", "常见密码"), ("aaaaaaaaaaA1", "同一个字符")):
        dialog.ui.new_edit.setText(password)
        dialog.ui.confirm_edit.setText(password)
        dialog.change()
        qtbot.waitUntil(lambda: dialog.runner.idle, timeout=10_000)  # checked in the background
        assert rule in dialog.ui.message_label.text() and dialog.result() != dialog.DialogCode.Accepted
    database.dispose()


# --- the central database: the window's sign-in, connects and syncs (PostgreSQL) -------------------------


@pytest.mark.postgres
def test_the_windows_central_sign_in_counts_towards_the_local_lockout(qtbot, central, tmp_path):
    from sync_support import PASSWORDS as CENTRAL_PASSWORDS
    from sync_support import login
    from tjce_desktop.gui.sign_in_dialogs import SignInDialog
    from tjce_desktop.sync.binding import bind
    from tjce_desktop.sync.engine import sync

    database = open_database(tmp_path / "desk.sqlite3")
    bind(database, "postgresql://" + central.split("@", 1)[1], "heping")
    engine = login(central, "heping")
    sync(database, engine, actor="heping")  # the account reaches the desk
    engine.dispose()
    dialog = SignInDialog(database, "heping")
    qtbot.addWidget(dialog)
    for left in (4, 3, 2, 1):
        dialog.ui.password_edit.setText("Wrong-Guess-2026")
        dialog.sign_in()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
        text = dialog.ui.message_label.text()
        assert text.startswith("中心数据库：") and f"再错 {left} 次" in text and dialog.actor is None
    dialog.ui.password_edit.setText("Wrong-Guess-2026")
    dialog.sign_in()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert "锁定 15 分钟" in dialog.ui.message_label.text()
    # The central database would accept this password: the local lock refuses it first.
    dialog.ui.password_edit.setText(CENTRAL_PASSWORDS["heping"])
    dialog.sign_in()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert "账户已锁定" in dialog.ui.message_label.text() and dialog.actor is None
    database.dispose()
    assert _lockout(tmp_path / "desk.sqlite3", "heping")[1] is not None
    entries = _audit(tmp_path / "desk.sqlite3", "auth.sign_in", "heping")
    assert [outcome for *_, outcome in entries] == ["failed"] * 4 + ["locked", "locked"]
    assert all(detail.get("via") == "central" for _, _, detail, outcome in entries[:5])


@pytest.mark.postgres
def test_connects_and_syncs_are_audited_and_sign_in_once_the_desk_has_accounts(central, tmp_path):
    from sync_support import PASSWORDS as CENTRAL_PASSWORDS

    password = CENTRAL_PASSWORDS["heping"]
    bare = "postgresql://" + central.split("@", 1)[1]
    db = tmp_path / "desk.sqlite3"
    connected = tjce("--db", str(db), "central", "connect", "--url", bare, "--username", "heping", password=password)
    assert connected.returncode == 0, connected.stderr
    first = tjce("--db", str(db), "sync", "--json", password=password)  # no accounts yet: the first sync brings them
    assert first.returncode == 0, first.stderr
    [(actor, target, detail, outcome)] = _audit(db, "central.connect")
    assert outcome == "ok" and detail["login"] == "heping" and detail["scope"] == "/120000/120101/"
    assert password not in json.dumps(detail) and detail["url"].startswith("postgresql://127.0.0.1:")
    # Now the desk has the account: a wrong password stops the sync before the network and counts.
    wrong = tjce("--db", str(db), "sync", password="Wrong-Guess-2026")
    assert wrong.returncode == 2 and "再错 4 次" in wrong.stderr
    again = json.loads(tjce("--db", str(db), "sync", "--json", password=password).stdout)
    runs = _audit(db, "sync.run")
    assert [(actor, target, outcome) for actor, target, _, outcome in runs] == [("local-admin", "heping", "ok"),
                                                                                  ("heping", "heping", "ok")]
    assert runs[0][2]["pulled"] == json.loads(first.stdout)["pulled"] > 0 and runs[1][2]["pushed"] == again["pushed"]
    assert _lockout(db, "heping") == (0, None)  # the right password cleared the count
    assert _chain_intact(db)
