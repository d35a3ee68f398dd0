"""The audit log held against anchors outside it: a cut tail, an emptied table and a log
rewritten with fresh hashes are all found, by the backups' signed checkpoints and by the
central database's append-only anchors."""

import json
import os
import sqlite3
import subprocess
import sys

import pytest
import sqlalchemy as sa

from tjce_desktop.services import audit
from tjce_desktop.services.audit_integrity import check, local_anchors
from tjce_desktop.services.backups import take_backup
from tjce_desktop.storage.unit_of_work import UnitOfWork
from tjce_desktop.sync.audit_anchor import central_anchors
from tjce_desktop.sync.binding import bind
from tjce_desktop.sync.engine import sync
from sync_support import desk, login


def _record(database, count, start=0):
    with UnitOfWork(database) as uow:
        for number in range(start, start + count):
            audit.record(uow.session, "admin", "trainee.update", f"学员{number}", {"n": number})
        uow.commit()


def _report(database, extra=()):
    anchors, notes = local_anchors(database)
    with UnitOfWork(database) as uow:
        return check(uow.session, anchors + list(extra), notes)


def _rehash_from(database, seq):
    """What a careful attacker does after editing an entry: recompute every hash after it."""
    with database.engine.begin() as c:
        rows = c.exec_driver_sql("SELECT seq, at, actor, workstation, action, target, detail, outcome, prev_hash "
                                 "FROM audit_log WHERE seq >= ? ORDER BY seq", (seq,)).all()
        prev = c.exec_driver_sql("SELECT hash FROM audit_log WHERE seq = ?", (seq - 1,)).scalar() or audit.GENESIS
        for row in rows:
            at = row.at if isinstance(row.at, str) else row.at.isoformat()
            at = at.replace(" ", "T")
            new = audit._entry_hash(prev, row.seq, at, row.actor, row.workstation, row.action, row.target, row.detail,
                                    row.outcome)
            c.exec_driver_sql("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, new, row.seq))
            prev = new


def test_a_backup_checkpoint_proves_the_log_up_to_it(database):
    _record(database, 5)
    take_backup(database, "admin")
    _record(database, 3, 5)
    report = _report(database)
    assert report.intact and report.proven_seq == 5 and report.last_seq == 8
    assert "第 1–5 条已由备份" in report.summary() and "其后 3 条尚未锚定" in report.summary()


@pytest.mark.parametrize("attack, finding", [
    ("DELETE FROM audit_log WHERE seq > 3", "末尾被截去"),
    ("DELETE FROM audit_log", "被清空"),
])
def test_a_cut_tail_or_an_emptied_log_is_found(database, attack, finding):
    _record(database, 5)
    take_backup(database, "admin")
    with database.engine.begin() as c:
        c.exec_driver_sql(attack)
    with UnitOfWork(database) as uow:
        assert audit.verify_chain(uow.session) == []
    report = _report(database)
    assert not report.intact and any(finding in p for p in report.problems), report.problems


def test_a_rewritten_and_rehashed_log_is_found(database):
    _record(database, 6)
    take_backup(database, "admin")
    with database.engine.begin() as c:
        c.exec_driver_sql("UPDATE audit_log SET detail = '{\"n\": 99}' WHERE seq = 2")
    _rehash_from(database, 2)
    with UnitOfWork(database) as uow:
        assert audit.verify_chain(uow.session) == []  # a consistent chain again…
    report = _report(database)
    assert not report.intact and any("重新计算过哈希" in p for p in report.problems)  # …but not the one anchored


def test_a_forged_checkpoint_is_not_taken(database):
    _record(database, 4)
    backup = take_backup(database, "admin")
    copy = sqlite3.connect(backup.path)
    sealed = json.loads(copy.execute("SELECT value FROM app_meta WHERE key = 'audit_checkpoint'").fetchone()[0])
    body = json.loads(sealed["body"])
    body["seq"] = 1  # claim the log was shorter, so that cutting it looks fine
    sealed["body"] = json.dumps(body, sort_keys=True)
    copy.execute("UPDATE app_meta SET value = ? WHERE key = 'audit_checkpoint'", (json.dumps(sealed),))
    copy.commit()
    copy.close()
    report = _report(database)
    assert report.proven_by is None and any("签名不符" in note for note in report.notes)


def test_audit_verify_on_the_command_line(database, tmp_path):
    _record(database, 5)
    take_backup(database, "admin")
    database.dispose()

    def verify():
        return subprocess.run([sys.executable, "-m", "tjce_desktop.cli.main", "--db", str(database.path), "audit",
                               "verify", "--offline"], capture_output=True, text=True, encoding="utf-8", timeout=120)

    ok = verify()
    assert ok.returncode == 0 and "第 1–5 条已由备份" in ok.stdout
    with sqlite3.connect(database.path) as c:
        c.execute("DELETE FROM audit_log WHERE seq >= 4")
    cut = verify()
    assert cut.returncode == 2 and "末尾被截去" in cut.stdout and "审计日志被改动过" in cut.stderr


@pytest.mark.postgres
def test_the_central_anchor_catches_a_cut_the_desk_hid_everywhere_else(central, tmp_path):
    city = desk(tmp_path, "city")
    bind(city, central, "city")
    _record(city, 6)
    engine = login(central, "city")
    assert not sync(city, engine, actor="city").warnings
    anchored = central_anchors(city, engine)
    assert anchored and anchored[-1].seq == 6
    # A login cannot remove or change anchors, with psql or any statement.
    with engine.begin() as c, pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
        c.exec_driver_sql("DELETE FROM sync_audit_anchor")

    # The attacker cuts the tail, and removes every local trace of the anchor and the backups.
    with city.engine.begin() as c:
        c.exec_driver_sql("DELETE FROM audit_log WHERE seq > 2")
        c.exec_driver_sql("DELETE FROM app_meta WHERE key = 'audit_anchor_central'")
    assert _report(city).intact  # nothing on the desk itself can tell
    report = sync(city, engine, actor="city")
    assert any("锚点不符" in w for w in report.warnings), report.warnings
    with UnitOfWork(city) as uow:
        found = check(uow.session, central_anchors(city, engine))
    assert not found.intact and any("末尾被截去" in p for p in found.problems)

    # On the command line, signed in, with the central database reachable.
    city.dispose()
    out = subprocess.run([sys.executable, "-m", "tjce_desktop.cli.main", "--db", str(city.path), "audit", "verify"],
                         capture_output=True, text=True, encoding="utf-8", timeout=120,
                         env={**os.environ, "TJCE_USER": "city", "TJCE_PASSWORD": "City-Admin-1"})
    assert out.returncode == 2 and "末尾被截去" in out.stdout and "中心数据库" in out.stdout
