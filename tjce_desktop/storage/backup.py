"""Backups with SQLite's online backup API, a checked restore, and the start-up quick check.

A backup is a consistent copy taken while the program runs (other connections keep
working), checked with ``integrity_check`` before it counts. Restore checks the file first
and keeps the current database aside, so a restore can itself be undone.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from tjce_desktop.storage.database import SQLITE_HEADER, DatabaseError, read_only_uri
from tjce_desktop.storage.schema_version import KNOWN_REVISIONS

BACKUP_PREFIX = "tjce-backup-"
DEFAULT_KEEP = 7
_PAGES_PER_STEP = 4096


class BackupError(DatabaseError):
    """``str()`` is the Chinese message."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    size_bytes: int


def default_backup_folder(database_path: Path) -> Path:
    return database_path.parent / "backups"


def list_backups(folder: Path) -> list[BackupInfo]:
    """Newest first."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"{BACKUP_PREFIX}*.sqlite3"):
        try:
            taken = dt.datetime.strptime(path.stem.removeprefix(BACKUP_PREFIX), "%Y%m%d-%H%M%S")
        except ValueError:
            continue
        found.append(BackupInfo(path, taken, path.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def _integrity_problems(connection: sqlite3.Connection, quick: bool) -> list[str]:
    rows = connection.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()
    problems = [row[0] for row in rows]
    return [] if problems == ["ok"] else problems


def backup_database(database_path: Path, folder: Path | None = None, *, keep: int = DEFAULT_KEEP,
                    now: dt.datetime | None = None, progress=None, annotate=None) -> BackupInfo:
    """Copy the database to ``folder`` (default: backups/ beside it), check it, keep the last ``keep``.

    ``annotate(copy)`` may write into the copy before it is checked (the signed audit checkpoint)."""
    folder = folder or default_backup_folder(database_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"无法创建备份文件夹“{folder}”：{exc.strerror or exc}。") from exc
    now = now or dt.datetime.now()
    target = folder / f"{BACKUP_PREFIX}{now:%Y%m%d-%H%M%S}.sqlite3"
    partial = target.with_suffix(".partial")
    source = sqlite3.connect(read_only_uri(database_path), uri=True)
    copy = sqlite3.connect(partial)
    try:
        def step(_status, remaining, total):
            if progress is not None and total:
                progress(1 - remaining / total)

        source.backup(copy, pages=_PAGES_PER_STEP, progress=step)
        if annotate is not None:
            annotate(copy)
        problems = _integrity_problems(copy, quick=False)
        if problems:
            raise BackupError(f"备份文件检查未通过（{problems[0]}）。请先运行 tjce restore 恢复上一个正常的备份。")
        # The copy is in WAL mode like its source; a backup is one file, so that opening it
        # read-only later (a check, a restore) leaves no -wal and -shm beside it.
        copy.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as exc:
        raise BackupError(f"备份失败：{exc}。") from exc
    finally:
        copy.close()
        source.close()
    os.replace(partial, target)
    for old in list_backups(folder)[keep:]:
        old.path.unlink(missing_ok=True)
    return BackupInfo(target, now.replace(microsecond=0), target.stat().st_size)


def backup_due(database_path: Path, *, every: dt.timedelta = dt.timedelta(days=1),
               now: dt.datetime | None = None) -> bool:
    newest = next(iter(list_backups(default_backup_folder(database_path))), None)
    return newest is None or (now or dt.datetime.now()) - newest.taken_at >= every


def backup_if_due(database_path: Path, *, keep: int = DEFAULT_KEEP, every: dt.timedelta = dt.timedelta(days=1),
                  now: dt.datetime | None = None, annotate=None) -> BackupInfo | None:
    """The automatic daily backup: taken when the newest one is older than ``every``."""
    now = now or dt.datetime.now()
    if not backup_due(database_path, every=every, now=now):
        return None
    return backup_database(database_path, keep=keep, now=now, annotate=annotate)


def check_backup_file(path: Path) -> None:
    """A file is a usable backup: SQLite, this program's schema, and intact."""
    if not path.is_file():
        raise BackupError(f"备份文件“{path}”不存在。")
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise BackupError(f"“{path.name}”不是 TJCE 数据库备份（不是 SQLite 文件）。当前数据库没有改动。")
    connection = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        problems = _integrity_problems(connection, quick=False)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"“{path.name}”不是 TJCE 数据库备份，或已损坏（{exc}）。当前数据库没有改动。") from exc
    finally:
        connection.close()
    if revision is None or revision[0] not in KNOWN_REVISIONS:
        raise BackupError(f"“{path.name}”来自不认识的程序版本，不能恢复。当前数据库没有改动。")
    if problems:
        raise BackupError(f"备份“{path.name}”已损坏（{problems[0]}），不能恢复。当前数据库没有改动。")


def restore_database(database_path: Path, backup: Path, *, now: dt.datetime | None = None) -> Path:
    """Replace the database with ``backup``; returns where the current database was kept."""
    check_backup_file(backup)
    now = now or dt.datetime.now()
    aside = database_path.with_name(f"{database_path.name}.before-restore-{now:%Y%m%d-%H%M%S}")
    if database_path.exists():
        # Fold the WAL into the file first, so the copy kept aside is complete on its own.
        connection = sqlite3.connect(database_path)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
        shutil.copy2(database_path, aside)
    for suffix in ("-wal", "-shm"):
        Path(f"{database_path}{suffix}").unlink(missing_ok=True)
    partial = database_path.with_name(database_path.name + ".restoring")
    shutil.copy2(backup, partial)
    os.replace(partial, database_path)
    return aside


def quick_check(database_path: Path) -> list[str]:
    """``PRAGMA quick_check`` on the database (read-only); empty when all is well."""
    connection = sqlite3.connect(read_only_uri(database_path), uri=True)
    try:
        return _integrity_problems(connection, quick=True)
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        connection.close()
