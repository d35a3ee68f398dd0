"""The audit log's head as stored, and the anchors of it that this desk keeps.

The log itself (each entry hashing the one before) is written by ``services/audit.py`` and
held against its anchors by ``services/audit_integrity.py``; the sync engine anchors the head
centrally on every sync (``sync/audit_anchor.py``). What all three need sits here, below them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Connection

from tjce_desktop.storage import trust_store

GENESIS = "0" * 64  # the "previous hash" of the first entry
CENTRAL_ANCHOR_META = "audit_anchor_central"  # the latest anchor the central database took


@dataclass(frozen=True, slots=True)
class Anchor:
    seq: int
    hash: str
    at: str  # when it was taken, as text
    source: str  # Chinese: where it is kept ("中心数据库", "备份 tjce-backup-….sqlite3")


def head(connection) -> tuple[int, str] | None:
    """The last entry's sequence number and hash (a SQLAlchemy or a sqlite3 connection)."""
    sql = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
    if isinstance(connection, Connection):
        row = connection.exec_driver_sql(sql).first()
    else:
        row = connection.execute(sql).fetchone()
    return (int(row[0]), row[1]) if row else None


def central_anchor_cached(connection: Connection) -> Anchor | None:
    value = trust_store.get(connection, CENTRAL_ANCHOR_META)
    if not value:
        return None
    data = json.loads(value)
    return Anchor(int(data["seq"]), data["hash"], data["at"], "中心数据库（本机保存的最近一次）")


def remember_central_anchor(connection: Connection, seq: int, hash_: str, at: str) -> None:
    trust_store.put(connection, CENTRAL_ANCHOR_META, json.dumps({"seq": seq, "hash": hash_, "at": at}))
