"""Every sync anchors the desk's audit log in the central database (``tjce_anchor_audit``).

The central side keeps each login's anchors append-only, per desk (its installation id):
logins can only add to their own series, never change, remove or read another's. It answers
with the latest anchor of each desk the login has anchored from, so the desk sees at once:

- a log now shorter than its last anchor, or with another hash at that entry (cut, emptied
  or rewritten since the last sync);
- the login's anchors coming from another desk id while this one has none (a new
  installation — or a database whose identity was reset to escape its anchors), which the
  auditor must be able to see: ``tjce audit verify`` lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, text

from tjce_desktop.storage import trust_store
from tjce_desktop.storage.audit_head import GENESIS, Anchor, head, remember_central_anchor
from tjce_desktop.storage.database import Database

SOURCE = "中心数据库"


@dataclass(frozen=True, slots=True)
class DeskSeries:
    desk: str
    last: Anchor


def _other_desks_note(others: list[DeskSeries]) -> str:
    listed = "；".join(f"工作站标识 {o.desk[:8]}… 锚定到第 {o.last.seq:,} 条（{o.last.at}）" for o in others)
    return (f"本账户的审计日志此前在其他工作站标识下锚定过：{listed}。如果本机不是新装或新换的工作站，"
            "说明本机数据库被替换过，或其标识被改动以避开锚点。")


def anchor(database: Database, central: Engine) -> str | None:
    """Anchor the head (an empty log too); a Chinese warning when the log contradicts this
    desk's previous anchor, or when this login's anchors so far came from other desks."""
    with database.engine.begin() as local:
        desk = trust_store.installation_id(local)
        seq, hash_ = head(local) or (0, GENESIS)
        trust_store.pin_root(local)  # the city's root, once it has arrived (trust on first use)
    with central.begin() as connection:
        rows = connection.execute(text("SELECT a_desk, a_seq, a_hash, a_at FROM tjce_anchor_audit(:desk, :seq, :hash)"),
                                  {"desk": desk, "seq": seq, "hash": hash_}).all()
        at = connection.execute(text("SELECT to_char(now(), 'YYYY-MM-DD HH24:MI:SS')")).scalar_one()
    series = [DeskSeries(row.a_desk, Anchor(int(row.a_seq), row.a_hash, f"{row.a_at:%Y-%m-%d %H:%M}", SOURCE))
              for row in rows]
    mine = next((s.last for s in series if s.desk == desk), None)
    with database.engine.begin() as local:
        remember_central_anchor(local, seq, hash_, at)
        if mine is None:
            others = [s for s in series if s.last.seq > 0]
            return _other_desks_note(others) if others else None
        if mine.seq == 0:
            return None  # an empty log then: anything since follows from it
        local_hash = local.exec_driver_sql("SELECT hash FROM audit_log WHERE seq = ?", (mine.seq,)).scalar()
    if local_hash != mine.hash:
        return (f"本机审计日志与中心数据库 {mine.at} 的锚点不符（第 {mine.seq:,} 条"
                f"{'已不存在' if local_hash is None else '被改写'}）：请运行“检查日志完整性”（tjce audit verify）。")
    return None


def central_anchors(database: Database, central: Engine) -> tuple[list[Anchor], list[str]]:
    """This desk's anchors in the central database, and a note on the login's other desks."""
    with database.engine.begin() as local:
        desk = trust_store.installation_id(local)
    with central.connect() as connection:
        rows = connection.execute(text("SELECT a_desk, a_seq, a_hash, a_at FROM tjce_audit_anchors()")).all()
    mine = [Anchor(int(r.a_seq), r.a_hash, f"{r.a_at:%Y-%m-%d %H:%M:%S}", SOURCE)
            for r in rows if r.a_desk == desk and r.a_seq > 0]
    latest: dict[str, DeskSeries] = {}
    for r in rows:
        if r.a_desk != desk and r.a_seq > 0:
            latest[r.a_desk] = DeskSeries(r.a_desk, Anchor(int(r.a_seq), r.a_hash, f"{r.a_at:%Y-%m-%d %H:%M}", SOURCE))
    return mine, ([_other_desks_note(list(latest.values()))] if latest else [])
