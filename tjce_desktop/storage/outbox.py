"""Every change to a synced row writes its outbox entry in the same flush.

Hooked on the Session class the unit of work uses, so no service can forget it. The sync
engine applies pulled rows with ``session.info["sync_apply"] = True`` to skip the outbox.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import uuid

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from tjce_desktop.domain.ids import new_id
from tjce_desktop.domain.permissions import TABLE_LABELS, WriteRefused, refusal
from tjce_desktop.storage.models import Outbox, Synced, utc_now

BOOKKEEPING = frozenset({"row_version", "server_seq", "updated_at", "updated_by"})
BASE_KEY = "__base__"  # in an update's changes: the previous values of the changed fields


def _previous_values(obj: Synced, changed: dict[str, object]) -> dict[str, object]:
    state = inspect(obj)
    previous = {}
    for key in changed:
        history = state.attrs[key].history
        previous[key] = _json_value(history.deleted[0]) if history.deleted else None
    return previous


def _json_value(value: object) -> object:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


def _column_values(obj: Synced, only_changed: bool) -> dict[str, object]:
    state = inspect(obj)
    derived = getattr(obj, "__derived__", ())  # recomputed on each side, never synced
    values: dict[str, object] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in BOOKKEEPING or key == "id" or key in derived:
            continue
        if only_changed and not state.attrs[key].history.has_changes():
            continue
        values[key] = _json_value(getattr(obj, key))
    return values


def _apply_defaults(obj: Synced) -> None:
    """Fill Python-side column defaults now, so the outbox records the values stored."""
    for column in inspect(obj).mapper.columns:
        default = column.default
        if default is None or getattr(obj, column.key) is not None:
            continue
        if default.is_scalar:
            setattr(obj, column.key, default.arg)
        elif default.is_callable:
            setattr(obj, column.key, default.arg(None))


def _before_flush(session: Session, _context, _instances) -> None:
    if session.info.get("sync_apply"):
        return
    actor = session.info.get("actor", "system")
    now = utc_now()
    entries: list[Outbox] = []
    for obj in list(session.new):
        if not isinstance(obj, Synced):
            continue
        if obj.id is None:
            obj.id = new_id()
        _apply_defaults(obj)
        obj.row_version = 1
        obj.updated_at, obj.updated_by = now, actor
        values = _column_values(obj, only_changed=False)
        entries.append(_entry(obj, "insert", 0, values, now))
    for obj in list(session.dirty):
        if not isinstance(obj, Synced) or not session.is_modified(obj):
            continue
        values = _column_values(obj, only_changed=True)
        if not values:
            continue
        # What the changed fields held before: the "original" a conflict shows beside mine and central's.
        values[BASE_KEY] = _previous_values(obj, values)
        base = obj.row_version
        obj.row_version = base + 1
        obj.updated_at, obj.updated_by = now, actor
        operation = "delete" if "deleted_at" in values and obj.deleted_at else "update"
        entries.append(_entry(obj, operation, base, values, now))
    for obj in list(session.deleted):
        if isinstance(obj, Synced):
            entries.append(_entry(obj, "delete", obj.row_version, {}, now))
    for entry in entries:
        check_permission(session, entry.table_name, entry.operation,
                         {key for key in json.loads(entry.changes) if key != BASE_KEY})
    session.add_all(entries)


def check_permission(session: Session, table_name: str, operation: str, fields: set[str]) -> None:
    """The same table the central database judges pushes by: a change the signed-in role
    (``session.info["role"]``, set by UnitOfWork) may not make is refused before it is stored.
    Every writer of outbox entries calls it (the flush hook, bulk inserts)."""
    role = session.info.get("role")
    if role is None:
        return
    reason = refusal(role, table_name, operation, fields, TABLE_LABELS.get(table_name))
    if reason:
        raise WriteRefused(reason)


def _entry(obj: Synced, operation: str, base: int, values: dict, now: dt.datetime) -> Outbox:
    return Outbox(
        table_name=obj.__tablename__,  # type: ignore[attr-defined]  # every Synced model is a table
        row_id=obj.id,
        operation=operation,
        base_version=base,
        changes=json.dumps(values, ensure_ascii=False, sort_keys=True),
        created_at=now,
    )


def install_outbox_hook(session_class: type[Session]) -> None:
    if not event.contains(session_class, "before_flush", _before_flush):
        event.listen(session_class, "before_flush", _before_flush)
