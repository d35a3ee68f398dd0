"""The audit log held against anchors outside it: a cut tail, an emptied table and a log
rewritten with fresh hashes are all found, by the backups' signed checkpoints and by the
central database's append-only anchors."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
import sqlalchemy as sa

from sync_support import desk, login
from tjce_desktop.services import audit
from tjce_desktop.services.audit_integrity import check, local_anchors
from tjce_desktop.services.backups import take_backup
from tjce_desktop.storage.unit_of_work import UnitOfWork
from tjce_desktop.sync.audit_anchor import central_anchors
from tjce_desktop.sync.binding import bind
from tjce_desktop.sync.engine import sync


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
    anchored, others = central_anchors(city, engine)
    assert anchored and anchored[-1].seq == 6 and not others
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
        found = check(uow.session, central_anchors(city, engine)[0])
    assert not found.intact and any("末尾被截去" in p for p in found.problems)

    # On the command line, signed in, with the central database reachable.
    city.dispose()
    out = subprocess.run([sys.executable, "-m", "tjce_desktop.cli.main", "--db", str(city.path), "audit", "verify"],
                         capture_output=True, text=True, encoding="utf-8", timeout=120,
                         env={**os.environ, "TJCE_USER": "city", "TJCE_PASSWORD": "City-Admin-1"})
    assert out.returncode == 2 and "末尾被截去" in out.stdout and "中心数据库" in out.stdout


@pytest.mark.postgres
def test_another_login_cannot_poison_or_read_a_desks_anchors(central, tmp_path):
    heping = desk(tmp_path, "heping")
    bind(heping, central, "heping")
    _record(heping, 5)
    sync(heping, login(central, "heping"), actor="heping")
    with heping.engine.connect() as c:
        victim = json.loads(c.exec_driver_sql("SELECT value FROM app_meta WHERE key = 'installation_id'").scalar())
    hexi = login(central, "hexi")
    with hexi.begin() as c:  # the desk id is known (say, from a copied backup): anchors of hexi's own
        seen = c.exec_driver_sql(f"SELECT * FROM tjce_anchor_audit('{victim}', 1000000000000, repeat('0', 64))").all()
        c.exec_driver_sql(f"SELECT * FROM tjce_anchor_audit('{victim}', 2, repeat('f', 64))").all()
    assert seen == []  # nothing of heping's series is shown to another login
    report = sync(heping, login(central, "heping"), actor="heping")
    assert not report.warnings
    with UnitOfWork(heping) as uow:
        found = check(uow.session, central_anchors(heping, login(central, "heping"))[0])
    assert found.intact and found.proven_seq >= 5


@pytest.mark.postgres
def test_a_desk_that_resets_its_identity_is_shown_to_the_auditor(central, tmp_path):
    city = desk(tmp_path, "city")
    bind(city, central, "city")
    _record(city, 6)
    engine = login(central, "city")
    sync(city, engine, actor="city")
    with city.engine.begin() as c:  # cut the log and take a new identity, to start a clean series
        c.exec_driver_sql("DELETE FROM audit_log WHERE seq > 2")
        c.exec_driver_sql("DELETE FROM app_meta WHERE key IN ('installation_id', 'audit_anchor_central')")
    report = sync(city, engine, actor="city")
    assert any("其他工作站标识" in w and "第 6 条" in w for w in report.warnings), report.warnings
    city.dispose()
    out = subprocess.run([sys.executable, "-m", "tjce_desktop.cli.main", "--db", str(city.path), "audit", "verify"],
                         capture_output=True, text=True, encoding="utf-8", timeout=120,
                         env={**os.environ, "TJCE_USER": "city", "TJCE_PASSWORD": "City-Admin-1"})
    assert "其他工作站标识" in out.stdout and "第 6 条" in out.stdout


def test_a_checkpoint_signed_by_another_desks_key_is_not_taken(database, tmp_path):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from tjce_desktop.services.sheet_signing import SheetSigner, installation_signer

    _record(database, 4)
    take_backup(database, "admin")
    other = SheetSigner(Ed25519PrivateKey.generate())
    with UnitOfWork(database) as uow:  # another desk's key, registered here by sync
        from tjce_desktop.storage.models import SigningKey

        uow.session.add(SigningKey(key_id=other.key_id, public_key=other.public_key, label="别的工作站"))
        desk_id = installation_signer(uow.session, "admin") and json.loads(uow.session.connection().exec_driver_sql(
            "SELECT value FROM app_meta WHERE key = 'installation_id'").scalar())
        uow.commit()
    body = json.dumps({"desk": desk_id, "seq": 999999, "hash": "0" * 64, "key_id": other.key_id,
                       "at": "2026-12-01T01:01:01"}, sort_keys=True)
    from tjce_desktop.services import audit_integrity

    fake = database.path.parent / "backups" / "tjce-backup-20261201-010101.sqlite3"
    shutil.copyfile(next((database.path.parent / "backups").glob("*.sqlite3")), fake)
    with sqlite3.connect(fake) as copy:
        copy.execute("UPDATE app_meta SET value = ? WHERE key = 'audit_checkpoint'", (json.dumps(
            {"body": body, "signature": other.sign(audit_integrity._DOMAIN + body.encode()).hex()}),))
    report = _report(database)
    assert report.intact and any("签名不符" in note for note in report.notes)
