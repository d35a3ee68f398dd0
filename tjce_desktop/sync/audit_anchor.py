"""Every sync anchors the desk's audit log in the central database (``tjce_anchor_audit``).

The central side keeps each desk's anchors append-only (logins can only add one through the
function, never change or remove one), and answers with the desk's highest anchor so far:
a log now shorter than that, or with another hash at that entry, was cut or rewritten since
the last sync — the sync says so at once, and ``tjce audit verify`` shows the details.
"""

from __future__ import annotations

from sqlalchemy import Engine, text

from tjce_desktop.services.audit_integrity import Anchor, head, remember_central_anchor
from tjce_desktop.storage import trust_store
from tjce_desktop.storage.database import Database

SOURCE = "中心数据库"


def anchor(database: Database, central: Engine) -> str | None:
    """Anchor the head; a Chinese warning when the log contradicts the previous anchor."""
    with database.engine.begin() as local:
        desk = trust_store.installation_id(local)
        top = head(local)
        trust_store.pin_root(local)  # the city's root, once it has arrived (trust on first use)
    if top is None:
        return None
    with central.begin() as connection:
        previous = connection.execute(text("SELECT a_seq, a_hash, a_at FROM tjce_anchor_audit(:desk, :seq, :hash)"),
                                      {"desk": desk, "seq": top[0], "hash": top[1]}).first()
        at = connection.execute(text("SELECT to_char(now(), 'YYYY-MM-DD HH24:MI:SS')")).scalar_one()
    with database.engine.begin() as local:
        remember_central_anchor(local, top[0], top[1], at)
        if previous is None:
            return None
        local_hash = local.exec_driver_sql("SELECT hash FROM audit_log WHERE seq = ?", (previous.a_seq,)).scalar()
    if local_hash != previous.a_hash:
        return (f"本机审计日志与中心数据库 {previous.a_at:%Y-%m-%d %H:%M} 的锚点不符（第 {previous.a_seq:,} 条"
                f"{'已不存在' if local_hash is None else '被改写'}）：请运行“检查日志完整性”（tjce audit verify）。")
    return None


def central_anchors(database: Database, central: Engine) -> list[Anchor]:
    with database.engine.begin() as local:
        desk = trust_store.installation_id(local)
    with central.connect() as connection:
        rows = connection.execute(text("SELECT a_seq, a_hash, a_at FROM tjce_audit_anchors(:desk)"),
                                  {"desk": desk}).all()
    return [Anchor(int(row.a_seq), row.a_hash, f"{row.a_at:%Y-%m-%d %H:%M:%S}", SOURCE) for row in rows]
