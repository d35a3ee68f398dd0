"""Safe storage: online backups, checked restore, quick check, the audit chain, and power cuts."""

import datetime as dt
import hashlib
import json
import random
import sqlite3
import subprocess
import sys
import time

import pytest

from tjce_desktop.services import audit
from tjce_desktop.storage.backup import (
    BackupError,
    backup_database,
    backup_if_due,
    default_backup_folder,
    list_backups,
    quick_check,
    restore_database,
)
from tjce_desktop.storage.unit_of_work import UnitOfWork


def _trainees(path):
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT count(*) FROM trainee").fetchone()[0]


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_backup_and_restore_round_trip(demo_database):
    path = demo_database.path
    backup = backup_database(path)
    assert backup.path.parent == default_backup_folder(path) and backup.size_bytes > 0
    before = _trainees(path)
    with demo_database.engine.begin() as connection:  # a mistake after the backup
        connection.exec_driver_sql("DELETE FROM sync_outbox")
        connection.exec_driver_sql("UPDATE trainee SET deleted_at = '2026-11-29 10:00:00'")
    demo_database.dispose()
    aside = restore_database(path, backup.path)
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM trainee WHERE deleted_at IS NULL").fetchone()[0] == before
    with sqlite3.connect(aside) as connection:  # the state before the restore is kept
        assert connection.execute("SELECT count(*) FROM trainee WHERE deleted_at IS NULL").fetchone()[0] == 0
    assert quick_check(path) == []


def test_only_the_last_backups_are_kept_and_daily_means_daily(database):
    start = dt.datetime(2026, 11, 1, 9, 0)
    for day in range(10):
        backup_database(database.path, keep=3, now=start + dt.timedelta(days=day))
    kept = list_backups(default_backup_folder(database.path))
    assert [b.taken_at.day for b in kept] == [10, 9, 8]
    assert backup_if_due(database.path, now=start + dt.timedelta(days=9, hours=20)) is None
    assert backup_if_due(database.path, now=start + dt.timedelta(days=10, hours=10)) is not None


@pytest.mark.parametrize("kind", ["not_sqlite", "other_program", "corrupt"])
def test_restore_refuses_a_bad_file_and_changes_nothing(demo_database, tmp_path, kind):
    path = demo_database.path
    with demo_database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    demo_database.dispose()
    bad = tmp_path / "bad.sqlite3"
    if kind == "not_sqlite":
        bad.write_text("hello")
    elif kind == "other_program":
        with sqlite3.connect(bad) as connection:
            connection.execute("CREATE TABLE t (x)")
    else:
        good = backup_database(path)
        data = bytearray(good.path.read_bytes())
        data[4096 * 3:4096 * 6] = b"\x00" * (4096 * 3)
        bad.write_bytes(bytes(data))
    before = _digest(path)
    with pytest.raises(BackupError, match="当前数据库没有改动"):
        restore_database(path, bad)
    assert _digest(path) == before


def test_quick_check_reports_damage(demo_database, tmp_path):
    path = demo_database.path
    demo_database.dispose()
    damaged = tmp_path / "damaged.sqlite3"
    data = bytearray(path.read_bytes())
    data[4096 * 20:4096 * 40] = b"\xff" * (4096 * 20)
    damaged.write_bytes(bytes(data))
    assert quick_check(path) == []
    assert quick_check(damaged)


def _entries(database, count):
    with UnitOfWork(database) as uow:
        for n in range(count):
            audit.record(uow.session, "clerk", "trainee.update", f"trainee:{n}", {"n": n})
        uow.commit()


@pytest.mark.parametrize("tamper", ["edit", "delete", "reorder"])
def test_audit_chain_finds_tampering(database, tamper):
    _entries(database, 6)
    with UnitOfWork(database) as uow:
        assert audit.verify_chain(uow.session) == []
    with database.engine.begin() as connection:
        if tamper == "edit":
            connection.exec_driver_sql("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3")
        elif tamper == "delete":
            connection.exec_driver_sql("DELETE FROM audit_log WHERE seq = 4")
        else:
            connection.exec_driver_sql("UPDATE audit_log SET seq = 100 WHERE seq = 2")
            connection.exec_driver_sql("UPDATE audit_log SET seq = 2 WHERE seq = 5")
            connection.exec_driver_sql("UPDATE audit_log SET seq = 5 WHERE seq = 100")
    with UnitOfWork(database) as uow:
        breaks = audit.verify_chain(uow.session)
    assert breaks
    result = subprocess.run([sys.executable, "-m", "tjce_desktop.cli.main", "--db", str(database.path), "audit",
                             "verify", "--json"], capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 2 and json.loads(result.stdout.splitlines()[0])["intact"] is False


WRITER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA journal_mode=WAL"); connection.execute("PRAGMA synchronous=FULL")
n = int(sys.argv[2])
while True:
    connection.execute("BEGIN")
    for k in range(50):
        connection.execute("INSERT INTO ledger (batch, k, filler) VALUES (?, ?, randomblob(200))", (n, k))
    connection.execute("COMMIT")
    print(n, flush=True)  # said only after the commit returned
    n += 1
"""


def test_killing_a_writer_at_200_random_points_loses_no_commit(tmp_path):
    """SIGKILL mid-write, 200 times: integrity holds and every reported commit is there."""
    path = tmp_path / "ledger.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE ledger (batch INTEGER, k INTEGER, filler BLOB)")
    rng = random.Random(11)
    next_batch, committed = 0, []
    for _ in range(200):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(next_batch)], stdout=subprocess.PIPE,
                                  text=True)
        first = writer.stdout.readline()  # it is writing now: kill it somewhere in the next 40 ms
        time.sleep(rng.uniform(0, 0.04))
        writer.kill()
        out, _ = writer.communicate()
        committed += [int(line) for line in (first + out).split()]
        if committed:
            next_batch = max(next_batch, committed[-1] + 1)
        next_batch += 1000  # a batch that may have been half-written is never reused
        with sqlite3.connect(path) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            batches = {row[0]: row[1] for row in connection.execute(
                "SELECT batch, count(*) FROM ledger GROUP BY batch")}
        assert all(batches.get(batch) == 50 for batch in committed)  # every reported commit, whole
        assert all(count == 50 for count in batches.values())  # and no half transaction
    assert len(committed) > 50


def test_window_maintenance_takes_the_daily_backup(qtbot, main_window):
    # The demo was built today, so its first backup is not due yet (services/backups.py); a
    # demo built two days ago is backed up.
    with main_window.database.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE app_meta SET value = ? WHERE key = 'demo_built_at'",
                                   ((dt.datetime.now() - dt.timedelta(days=2)).isoformat(timespec="seconds"),))
    main_window.start_maintenance()
    folder = default_backup_folder(main_window.database.path)
    qtbot.waitUntil(lambda: bool(list_backups(folder)), timeout=20_000)
