import datetime as dt
import hashlib
import json
import sqlite3

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from tjce_desktop.domain.id_number import make_id_number
from tjce_desktop.storage import migrate
from tjce_desktop.storage.database import BUSY_TIMEOUT_MS, DatabaseError, open_database
from tjce_desktop.storage.models import Org, Outbox, Trainee
from tjce_desktop.storage.unit_of_work import UnitOfWork


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _add_city(uow):
    org = Org(code="120000", name="天津市", kind="city", path="/120000/", depth=0)
    uow.session.add(org)
    uow.session.flush()
    return org


def _trainee(org, number=1):
    birth = dt.date(1985, 3, number)
    return Trainee(
        org_id=org.id, org_path=org.path, username=f"user{number}", real_name="张三",
        id_number=make_id_number("120101", birth, number), gender="male", birth_date=birth,
        title_level="intermediate", post_type="professional",
    )


def test_new_database_is_migrated_with_safe_pragmas(database):
    with database.engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == BUSY_TIMEOUT_MS  # a write waits this long for another's lock
        assert migrate.current_revision(connection) == migrate.head_revision()


def test_folder_is_refused(tmp_path):
    with pytest.raises(DatabaseError, match="是一个文件夹"):
        open_database(tmp_path)


def test_non_sqlite_file_is_refused_and_untouched(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("这不是数据库", encoding="utf-8")
    before = _digest(path)
    with pytest.raises(DatabaseError, match="不是 SQLite 格式"):
        open_database(path)
    assert _digest(path) == before


def test_other_programs_sqlite_is_refused_and_untouched(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (x)")
    before = _digest(path)
    with pytest.raises(DatabaseError, match="其他程序的 SQLite 数据库"):
        open_database(path)
    assert _digest(path) == before
    assert not (tmp_path / "other.db-wal").exists()


def test_newer_schema_is_refused_and_untouched(database):
    path = database.path
    with database.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    before = _digest(path)
    with pytest.raises(DatabaseError, match="更新版本的 TJCE Desktop"):
        open_database(path)
    assert _digest(path) == before


def test_corrupt_database_is_reported_not_recreated(demo_database):
    path = demo_database.path
    with demo_database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    demo_database.dispose()
    data = bytearray(path.read_bytes())
    data[100:4096 * 3] = b"\xff" * (4096 * 3 - 100)  # smash the schema pages, keep the header
    path.write_bytes(bytes(data))
    before = _digest(path)
    with pytest.raises(DatabaseError, match="已损坏"):
        open_database(path)
    assert _digest(path) == before
    assert path.stat().st_size == len(data)


def test_read_only_location_is_refused():
    with pytest.raises(DatabaseError, match="只读|无法在"):
        open_database("/proc/tjce-test.sqlite3")


def test_missing_database_without_create(tmp_path):
    with pytest.raises(DatabaseError, match="不存在"):
        open_database(tmp_path / "missing.sqlite3", create=False)


def test_reopening_keeps_data(database):
    with UnitOfWork(database) as uow:
        _add_city(uow)
        uow.commit()
    path = database.path
    database.dispose()
    again = open_database(path)
    with UnitOfWork(again) as uow:
        assert uow.session.scalar(select(Org.name)) == "天津市"
    again.dispose()


def test_every_change_writes_an_outbox_entry_in_the_same_transaction(database):
    with UnitOfWork(database, actor="clerk1") as uow:
        org = _add_city(uow)
        trainee = _trainee(org)
        uow.session.add(trainee)
        uow.commit()
    with UnitOfWork(database, actor="clerk2") as uow:
        stored = uow.session.get(Trainee, trainee.id)
        stored.phone = "13800000000"
        uow.commit()
    with UnitOfWork(database, actor="clerk2") as uow:
        stored = uow.session.get(Trainee, trainee.id)
        stored.deleted_at = dt.datetime(2026, 11, 29, 10, 0)
        uow.commit()
    with UnitOfWork(database) as uow:
        entries = uow.session.scalars(select(Outbox).order_by(Outbox.seq)).all()
        stored = uow.session.get(Trainee, trainee.id)
    assert [(e.table_name, e.operation, e.base_version) for e in entries] == [
        ("org", "insert", 0), ("trainee", "insert", 0), ("trainee", "update", 1), ("trainee", "delete", 2),
    ]
    inserted = json.loads(entries[1].changes)
    assert inserted["active"] is True and inserted["id_number"] == trainee.id_number
    assert json.loads(entries[2].changes) == {"phone": "13800000000", "__base__": {"phone": trainee.phone}}
    assert stored.row_version == 3 and stored.updated_by == "clerk2"
    assert len({e.mutation_id for e in entries}) == 4


def test_uncommitted_unit_of_work_leaves_nothing(database):
    with UnitOfWork(database) as uow:
        _add_city(uow)
        uow.session.flush()
    with UnitOfWork(database) as uow:
        assert uow.session.scalar(select(Org)) is None
        assert uow.session.scalar(select(Outbox)) is None


def test_failed_write_rolls_back_change_and_outbox(database):
    with UnitOfWork(database) as uow:
        org = _add_city(uow)
        uow.session.add(_trainee(org, 1))
        uow.commit()
    with pytest.raises(IntegrityError), UnitOfWork(database) as uow:
        duplicate = _trainee(org, 2)
        duplicate.username = "user1"  # unique
        uow.session.add(duplicate)
        uow.commit()
    with UnitOfWork(database) as uow:
        assert len(uow.session.scalars(select(Trainee)).all()) == 1
        assert len(uow.session.scalars(select(Outbox)).all()) == 2
