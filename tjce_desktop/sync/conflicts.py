"""Resolving a sync conflict: keep central's, keep mine, or a merge; a resolution is a new change.

- keep central: the conflict is closed; the local row already holds central's values.
- keep mine / a merge: the chosen values are written to the local row as a new change (its
  base is central's version, pulled since), which the next push applies like any other.
- the same ID number added at two desks: merge into one trainee — what hung off the local
  trainee is moved to central's, and the local duplicate is removed.
"""

from __future__ import annotations

import json
import uuid

from sqlalchemy import Engine, text

from tjce_desktop.domain.errors import UserError
from tjce_desktop.storage.database import Database
from tjce_desktop.storage.models import Base
from tjce_desktop.sync.values import decode

CHOICES = ("central", "mine", "merge")
_TRAINEE_CHILDREN = ("enrollment", "certificate", "certificate_registration", "other_learning", "title_change",
                     "recognised_hours")


class ConflictError(UserError, ValueError):
    """``str()`` is the Chinese message."""


def resolve(database: Database, central: Engine, conflict_id: str, choice: str, *, actor: str,
            values: dict | None = None) -> None:
    if choice not in CHOICES:
        raise ConflictError("处理方式只能是：保留中心数据（central）、保留本机数据（mine）或合并（merge）。")
    with central.connect() as connection:
        conflict = connection.execute(text("SELECT * FROM sync_conflict WHERE id = :id AND resolved_at IS NULL"),
                                      {"id": uuid.UUID(str(conflict_id))}).mappings().first()
    if conflict is None:
        raise ConflictError("找不到该冲突，或它已被处理。")
    table = Base.metadata.tables[conflict["table_name"]]
    row_id = conflict["row_id"]
    if choice == "merge" and conflict["kind"] == "duplicate" and conflict["table_name"] == "trainee":
        central_row = conflict["central"]
        if not central_row:
            raise ConflictError("中心数据库中的同一学员不在您的管辖范围内，无法合并；请联系上级管理员。")
        _merge_duplicate_trainee(database, row_id, uuid.UUID(central_row["id"]))
    elif choice in ("mine", "merge"):
        chosen = decode(conflict["table_name"], values if choice == "merge" and values else conflict["mine"])
        chosen = {key: value for key, value in chosen.items() if key in table.c and key != "id"}
        with database.session_factory() as session:
            session.info["actor"] = actor
            model = next(m.class_ for m in Base.registry.mappers if m.class_.__tablename__ == conflict["table_name"])
            row = session.get(model, row_id)
            if row is None:
                raise ConflictError("本机没有这条记录：请先同步一次再处理。")
            for key, value in chosen.items():
                setattr(row, key, value)
            session.commit()
    with central.begin() as connection:
        closed = connection.execute(text("SELECT tjce_resolve_conflict(:id, :choice)"),
                                    {"choice": choice, "id": conflict["id"]}).scalar()
    if not closed:
        raise ConflictError("中心数据库没有关闭该冲突：它不在您的管辖范围内，或您的角色不能处理冲突。")
    with database.engine.begin() as local:  # the list shown until the next sync
        listed = local.exec_driver_sql("SELECT value FROM app_meta WHERE key = 'sync_conflicts'").scalar()
        if listed:
            kept = [c for c in json.loads(listed) if str(c["id"]) != str(conflict["id"])]
            local.exec_driver_sql("UPDATE app_meta SET value = ? WHERE key = 'sync_conflicts'",
                                  (json.dumps(kept, ensure_ascii=False),))


def _merge_duplicate_trainee(database: Database, mine: uuid.UUID, theirs: uuid.UUID) -> None:
    """One trainee, not two: the local duplicate's archives and records now belong to central's."""
    with database.engine.begin() as local:
        # Central's trainee may not be here yet (the pull skipped it because of the local duplicate).
        for name in _TRAINEE_CHILDREN:
            local.exec_driver_sql(f"UPDATE {name} SET trainee_id = ? WHERE trainee_id = ?", (theirs.hex, mine.hex))
        for seq, changes in local.exec_driver_sql("SELECT seq, changes FROM sync_outbox").all():
            data = json.loads(changes)
            if data.get("trainee_id") == str(mine):
                data["trainee_id"] = str(theirs)
                local.exec_driver_sql("UPDATE sync_outbox SET changes = ? WHERE seq = ?",
                                      (json.dumps(data, ensure_ascii=False, sort_keys=True), seq))
        local.exec_driver_sql("DELETE FROM sync_outbox WHERE row_id = ?", (mine.hex,))
        local.exec_driver_sql("DELETE FROM trainee_year_hours WHERE trainee_id = ?", (mine.hex,))
        local.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        local.exec_driver_sql("DELETE FROM trainee WHERE id = ?", (mine.hex,))
        cursors = local.exec_driver_sql("SELECT value FROM app_meta WHERE key = 'sync_cursors'").scalar()
        if cursors:  # pull the trainee table again from the start: central's trainee comes in
            data = json.loads(cursors)
            data["trainee"] = 0
            data["enrollment"] = 0
            local.exec_driver_sql("UPDATE app_meta SET value = ? WHERE key = 'sync_cursors'", (json.dumps(data),))
