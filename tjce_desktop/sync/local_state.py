"""What a desk remembers about its sync, in ``app_meta``: cursors, the last success, conflicts."""

from __future__ import annotations

import json

from sqlalchemy import Connection, select

from tjce_desktop.storage.models import AppMeta

CURSORS = "sync_cursors"
CONFLICTS = "sync_conflicts"
LAST_SYNC = "sync_last_success"
LAST_CHECK = "sync_last_check"


def get_meta(connection: Connection, key: str, default=None):
    value = connection.execute(select(AppMeta.value).where(AppMeta.key == key)).scalar()
    return json.loads(value) if value is not None else default


def set_meta(connection: Connection, key: str, value) -> None:
    connection.exec_driver_sql("INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
                               "SET value = excluded.value", (key, json.dumps(value, ensure_ascii=False, default=str)))
