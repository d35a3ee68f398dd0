"""Backups as the program takes them: a checked copy carrying a signed checkpoint of its audit log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tjce_desktop.services.actor import Actor
from tjce_desktop.services.audit_integrity import checkpoint_writer
from tjce_desktop.storage.backup import (
    DEFAULT_KEEP,
    BackupInfo,
    backup_database,
    backup_due,
    default_backup_folder,
    list_backups,
)
from tjce_desktop.storage.database import Database
from tjce_desktop.storage.unit_of_work import UnitOfWork


def _annotate(database: Database, actor: Actor | str):
    with UnitOfWork(database, actor) as uow:
        annotate = checkpoint_writer(uow.session, actor if isinstance(actor, str) else actor.username)
        uow.commit()  # the installation's key, made on first use
    return annotate


def take_backup(database: Database, actor: Actor | str, folder: Path | None = None, *, keep: int = DEFAULT_KEEP,
                now: dt.datetime | None = None, progress=None) -> BackupInfo:
    annotate = _annotate(database, actor)
    return backup_database(database.path, folder, keep=keep, now=now, progress=progress, annotate=annotate)


DAILY = dt.timedelta(days=1)


def demo_built_at(database: Database) -> dt.datetime | None:
    """When ``tjce demo`` / ``--demo`` filled this database (local time), if it did."""
    with database.engine.connect() as connection:
        value = connection.exec_driver_sql("SELECT value FROM app_meta WHERE key = 'demo_built_at'").scalar()
    try:
        return dt.datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def backup_if_due(database: Database, actor: Actor | str, *, keep: int = DEFAULT_KEEP,
                  now: dt.datetime | None = None) -> BackupInfo | None:
    """The automatic daily backup.

    A database the demo filled gets its first one a day after the demo, like every later one:
    a copy taken in the same minute as the demo (as large as the database) protects nothing
    the seed cannot make again."""
    now = now or dt.datetime.now()
    if not backup_due(database.path, now=now):
        return None
    built = demo_built_at(database)
    if built is not None and now - built < DAILY and not list_backups(default_backup_folder(database.path)):
        return None
    return take_backup(database, actor, keep=keep, now=now)
