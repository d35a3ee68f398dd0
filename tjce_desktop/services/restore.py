"""恢复数据库: a restore that neither unlocks anyone nor goes unrecorded.

A backup is an older copy of every table, ``admin_user`` included: restored as it is, it
would bring back the failed-attempt counts and lockouts of its day. So the lockout state of
every account of the current database is carried into the restored one, and the restore is
recorded in the restored database's audit log (the entry chains onto the backup's log).
Who may restore is checked before (``tjce restore`` signs in against the current database).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from tjce_desktop.domain.enums import Role
from tjce_desktop.services import audit
from tjce_desktop.services.accounts import has_accounts
from tjce_desktop.services.actor import Actor
from tjce_desktop.storage.backup import BackupError, check_backup_file, restore_database
from tjce_desktop.storage.database import Database, lock_for_writing, open_database, read_only_uri
from tjce_desktop.storage.models import AdminUser
from tjce_desktop.storage.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class Lockout:
    username: str
    failed_attempts: int
    locked_until: dt.datetime | None


@dataclass(frozen=True, slots=True)
class RestoreResult:
    aside: Path
    lockouts_kept: int  # accounts whose failed attempts or lock were carried over


def lockout_state(database: Database) -> dict[uuid.UUID, Lockout]:
    """Every account's failed attempts and lock, deleted ones too."""
    with UnitOfWork(database) as uow:
        return {user.id: Lockout(user.username, user.failed_attempts or 0, user.locked_until)
                for user in uow.session.scalars(select(AdminUser))}


def _backup_has_accounts(backup: Path) -> bool:
    connection = sqlite3.connect(read_only_uri(backup), uri=True)
    try:
        return bool(connection.execute("SELECT count(*) FROM admin_user WHERE deleted_at IS NULL").fetchone()[0])
    except sqlite3.DatabaseError:  # from before accounts existed
        return False
    finally:
        connection.close()


def restore(current: Database | None, database_path: Path, backup: Path, actor: Actor, *,
            remark: str | None = None) -> RestoreResult:
    """Replace the database at ``database_path`` with ``backup``, keeping the current lockouts.

    ``current``: the database being replaced, opened (None when there is none, or it cannot
    be read: then there is nothing to carry over); ``actor`` signed in against it, as a
    市级管理员 when it has accounts. ``current`` is disposed of before its file is replaced.
    ``remark`` goes into the audit entry (why the current database could not be checked).
    """
    check_backup_file(backup)
    kept: dict[uuid.UUID, Lockout] = {}
    if current is not None:
        with UnitOfWork(current) as uow:
            accounts_now = has_accounts(uow.session)
        if accounts_now:
            actor.require_role(Role.CITY_ADMIN, doing="恢复数据库")
            if not _backup_has_accounts(backup):
                raise BackupError(f"备份“{backup.name}”中没有账户：恢复后任何人都不用登录即可使用数据库，"
                                  "因此不能恢复到已启用账户的数据库。当前数据库没有改动。")
        kept = lockout_state(current)
        current.dispose()
    aside = restore_database(database_path, backup)
    restored = open_database(database_path)
    try:
        with UnitOfWork(restored, actor) as uow:
            session = uow.session
            session.info["sync_apply"] = True  # this desk's own safety state: not a change to push
            lock_for_writing(session)
            carried = 0
            by_name = {state.username: state for state in kept.values()}
            for user in session.scalars(select(AdminUser)):
                state = kept.get(user.id) or by_name.get(user.username)
                if state is None:
                    continue
                if (user.failed_attempts or 0, user.locked_until) != (state.failed_attempts, state.locked_until):
                    user.failed_attempts, user.locked_until = state.failed_attempts, state.locked_until
                if state.failed_attempts or state.locked_until is not None:
                    carried += 1
            session.flush()
            session.info["sync_apply"] = False
            detail = {"backup": str(backup), "aside": str(aside), "lockouts_kept": carried}
            audit.record(session, actor.username, "database.restore", backup.name,
                         {**detail, "remark": remark} if remark else detail)
            uow.commit()
    finally:
        restored.dispose()
    return RestoreResult(aside, carried)
