"""Tidy disk use (#19): no WAL as large as the database left behind after the demo or a large
import, backups that are one file each, and no backup of a demo taken in the same minute."""

import datetime as dt
import os
from pathlib import Path

import openpyxl

from tjce_desktop.domain.id_number import make_id_number
from tjce_desktop.services import backups
from tjce_desktop.services.actor import LOCAL_ADMIN
from tjce_desktop.services.demo import build_demo
from tjce_desktop.services.orgs import find_org
from tjce_desktop.services.trainee_import import ImportMode, analyse_import, apply_import, open_import
from tjce_desktop.storage import database as database_module
from tjce_desktop.storage.backup import check_backup_file, default_backup_folder, list_backups
from tjce_desktop.storage.database import open_database
from tjce_desktop.storage.unit_of_work import UnitOfWork


def _wal(path: Path) -> int:
    wal = Path(f"{path}-wal")
    return wal.stat().st_size if wal.exists() else 0


def test_the_demo_leaves_no_wal_behind(tmp_path):
    db = open_database(tmp_path / "demo.sqlite3")
    build_demo(db, trainees=3000, seed=5, workers=0)
    # Before the fold the WAL held every page written (about the database's size).
    assert _wal(db.path) == 0
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_size_limit").scalar() == database_module.WAL_SIZE_LIMIT_BYTES
    db.dispose()


def test_a_large_import_folds_the_wal(demo_database, tmp_path, monkeypatch):
    """A commit that leaves a WAL above FOLD_WAL_ABOVE_BYTES folds it (lowered here, so a few
    thousand rows count as large)."""
    import tjce_desktop.storage.unit_of_work as uow_module

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["学员姓名", "真实姓名", "身份证号", "手机"])
    for n in range(4000):
        sheet.append([f"wal{n}", f"导入{n}",
                      make_id_number("120101", dt.date(1970, 1, 1) + dt.timedelta(days=n), n % 1000),
                      f"139{n:08d}"])
    path = tmp_path / "导入 文件夹" / "学员 名单.xlsx"
    path.parent.mkdir()
    book.save(path)
    database = demo_database
    monkeypatch.setattr(uow_module, "FOLD_WAL_ABOVE_BYTES", 256 * 1024)
    with UnitOfWork(database) as uow:
        preview = analyse_import(uow, LOCAL_ADMIN, open_import(path), mode=ImportMode.ADD,
                                 default_org=find_org(uow.session, "和平区"))
        summary = apply_import(uow, LOCAL_ADMIN, preview)
    assert summary.added == 4000
    assert _wal(database.path) == 0
    # Small commits leave the WAL alone (one stat() each).
    monkeypatch.setattr(uow_module, "FOLD_WAL_ABOVE_BYTES", 1 << 40)
    with UnitOfWork(database) as uow:
        uow.session.connection().exec_driver_sql("INSERT INTO app_meta (key, value) VALUES ('wal test', 'x')")
        uow.commit()
    assert _wal(database.path) > 0


WRITE = "INSERT OR REPLACE INTO app_meta (key, value) VALUES ('wal test', hex(randomblob(20000)))"


def test_fold_waits_for_no_reader(demo_database):
    """A reader holding a snapshot: the fold gives up at once instead of blocking the user."""
    import time

    with demo_database.engine.begin() as connection:
        connection.exec_driver_sql(WRITE)
    reader = demo_database.engine.connect()
    reader.exec_driver_sql("BEGIN")
    reader.exec_driver_sql("SELECT count(*) FROM trainee").scalar()
    with demo_database.engine.begin() as connection:  # newer than the reader's snapshot
        connection.exec_driver_sql(WRITE)
    started = time.perf_counter()
    assert _wal(demo_database.path) > 0
    assert demo_database.fold_wal() is False
    assert time.perf_counter() - started < 2
    reader.rollback()
    reader.close()
    assert demo_database.fold_wal() is True
    assert _wal(demo_database.path) == 0


def test_no_backup_of_a_fresh_demo_then_daily(tmp_path):
    db = open_database(tmp_path / "demo.sqlite3")
    build_demo(db, trainees=300, seed=5, workers=0)
    built = backups.demo_built_at(db)
    assert built is not None and abs((dt.datetime.now() - built).total_seconds()) < 120
    assert backups.backup_if_due(db, "system", now=built + dt.timedelta(minutes=1)) is None
    assert backups.backup_if_due(db, "system", now=built + dt.timedelta(hours=23)) is None
    first = backups.backup_if_due(db, "system", now=built + dt.timedelta(days=1, minutes=1))
    assert first is not None
    # One file: opening it read-only (a check, a restore) leaves no -wal/-shm beside it.
    check_backup_file(first.path)
    assert sorted(p.name for p in default_backup_folder(db.path).iterdir()) == [first.path.name]
    assert backups.backup_if_due(db, "system", now=built + dt.timedelta(days=1, hours=5)) is None
    assert backups.backup_if_due(db, "system", now=built + dt.timedelta(days=2, hours=2)) is not None
    assert len(list_backups(default_backup_folder(db.path))) == 2
    db.dispose()


def test_a_database_without_a_demo_is_backed_up_at_once(database):
    assert backups.demo_built_at(database) is None
    assert backups.backup_if_due(database, "system") is not None
    assert os.listdir(default_backup_folder(database.path))
