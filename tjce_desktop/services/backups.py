"""Backups as the program takes them: a checked copy carrying a signed checkpoint of its audit log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tjce_desktop.services.actor import Actor
from tjce_desktop.services.audit_integrity import checkpoint_writer
from tjce_desktop.storage.backup import DEFAULT_KEEP, BackupInfo, backup_database, backup_due
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


def backup_if_due(database: Database, actor: Actor | str, *, keep: int = DEFAULT_KEEP,
                  now: dt.datetime | None = None) -> BackupInfo | None:
    """The automatic daily backup."""
    if not backup_due(database.path, now=now):
        return None
    return take_backup(database, actor, keep=keep, now=now)
