"""Binding a desk to the central database and syncing with it, as the command line and the
window both do it: each connect ("central.connect") and each sync ("sync.run": pushed and
pulled counts, or what went wrong) is in the local audit log under the signed-in account.

The audit entry is written in its own local transaction after the work (a sync is many
transactions, and one that failed has nothing to add it to), under the write lock so that
its place in the hash chain is read after everything committed before it.
"""

from __future__ import annotations

import re

from sqlalchemy import Engine

from tjce_desktop.domain.id_number import mask_id_number
from tjce_desktop.domain.task_state import TaskState
from tjce_desktop.services import audit
from tjce_desktop.services.actor import Actor
from tjce_desktop.storage.database import Database, lock_for_writing
from tjce_desktop.storage.unit_of_work import UnitOfWork
from tjce_desktop.sync import engine as sync_engine
from tjce_desktop.sync.binding import bind, binding, check_login, strip_credentials

MODES = ("sync", "rebuild", "check")


def _record(database: Database, actor_name: str, action: str, target: str | None, detail: dict,
            outcome: str = "ok") -> None:
    with UnitOfWork(database, actor_name) as uow:
        lock_for_writing(uow.session)
        audit.record(uow.session, actor_name, action, target, detail, outcome=outcome)
        uow.commit()


def _error_text(exc: BaseException) -> str:
    from tjce_desktop.sync.central import CentralError, friendly_error

    return str(exc if isinstance(exc, CentralError) else friendly_error(exc)) or type(exc).__name__


def connect(database: Database, actor_name: str, url: str, username: str, password: str,
            interval_minutes: int = 5) -> str:
    """Check the login once, bind this desk to it; the login's scope path. Audited either way
    (the address without credentials, and the login); the password is never stored."""
    address = strip_credentials(url)
    detail = {"url": address, "login": username}
    try:
        scope = check_login(url, username, password)
    except Exception as exc:
        _record(database, actor_name, "central.connect", address, {**detail, "error": _error_text(exc)},
                outcome="failed")
        raise
    bind(database, url, username, interval_minutes)
    _record(database, actor_name, "central.connect", address, {**detail, "scope": scope})
    return scope


def run_sync(database: Database, central: Engine, actor_name: str, *, rebuild: bool = False,
             state: TaskState | None = None) -> sync_engine.SyncReport:
    """A sync (``rebuild``: the whole scope fetched afresh) with the central login this desk is
    bound to; audited with its figures, or with the error that stopped it (then raised again)."""
    login = _login(database)
    mode = "rebuild" if rebuild else "sync"
    try:
        work = sync_engine.rebuild if rebuild else sync_engine.sync
        report = work(database, central, actor=login, state=state)
    except Exception as exc:
        _record(database, actor_name, "sync.run", login, {"mode": mode, "error": _error_text(exc)}, outcome="failed")
        raise
    _record(database, actor_name, "sync.run", login,
            {"mode": mode, "pushed": report.pushed, "pulled": report.pulled, "conflicts": report.conflicts,
             "refused": report.refused, "removed": report.removed, "check_clean": report.check_clean})
    return report


def run_check(database: Database, central: Engine, actor_name: str, *, repair: bool = False,
              state: TaskState | None = None):
    """核对数据: the comparison with the central database (``repair``: then fetch what differs and
    compare again); audited as a sync of mode "check"."""
    from tjce_desktop.sync import reconcile

    login = _login(database)
    try:
        found = reconcile.check(database, central, state)
        repaired = 0
        if repair and not found.clean:
            fixed = reconcile.repair(database, central, state)
            repaired = fixed.fetched + fixed.removed
            found = reconcile.check(database, central, state)
    except Exception as exc:
        _record(database, actor_name, "sync.run", login, {"mode": "check", "error": _error_text(exc)},
                outcome="failed")
        raise
    _record(database, actor_name, "sync.run", login, {"mode": "check", "clean": found.clean, "repaired": repaired})
    return found


def _login(database: Database) -> str:
    bound = binding(database)
    return bound[1] if bound else "?"


_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")


def masked_conflicts(conflicts: list[dict], actor: Actor) -> list[dict]:
    """The conflicts as ``actor`` may read them: ID numbers masked unless the role may see them
    (the trainee's field on every side, and any ID number in the reason)."""
    if actor.may_see_full_id_numbers:
        return conflicts
    shown = []
    for conflict in conflicts:
        copy = dict(conflict)
        for side in ("mine", "central", "original"):
            values = copy.get(side)
            if isinstance(values, dict) and isinstance(values.get("id_number"), str):
                copy[side] = {**values, "id_number": mask_id_number(values["id_number"])}
        if isinstance(copy.get("reason"), str):
            copy["reason"] = _ID_NUMBER.sub(lambda m: mask_id_number(m.group(0)), copy["reason"])
        shown.append(copy)
    return shown
