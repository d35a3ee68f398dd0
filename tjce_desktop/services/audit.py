"""The audit log: one entry per significant act, written in the caller's transaction.

Each entry's hash covers its content and the previous entry's hash, so an edited, deleted
or reordered entry breaks the chain (``verify_chain``).
"""

from __future__ import annotations

import getpass
import hashlib
import json
import platform
from dataclasses import dataclass
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from tjce_desktop.storage.audit_head import GENESIS
from tjce_desktop.storage.database import lock_for_writing
from tjce_desktop.storage.models import AuditLog, utc_now
from tjce_desktop.storage.unit_of_work import UnitOfWork


@cache
def workstation() -> str:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 — no login name on some service accounts
        user = "?"
    return f"{platform.node() or 'unknown'}/{user}"


def _entry_hash(prev_hash: str, seq: int, at: str, actor: str, station: str, action: str, target: str | None,
                detail: str | None, outcome: str) -> str:
    payload = json.dumps([prev_hash, seq, at, actor, station, action, target, detail, outcome], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(session: Session, actor: str, action: str, target: str | None = None, detail: dict | None = None,
           outcome: str = "ok") -> AuditLog:
    # The chain's head is read under the write lock: two writers at once (two exports of the
    # window in the background, or the window and tjce) would otherwise both append after the
    # same entry. A session that has written already holds the lock; this takes it otherwise.
    lock_for_writing(session)
    last = session.execute(select(AuditLog.seq, AuditLog.hash).order_by(AuditLog.seq.desc()).limit(1)).first()
    seq, prev_hash = (last.seq + 1, last.hash) if last else (1, GENESIS)
    at = utc_now()
    detail_text = json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str) if detail is not None else None
    station = workstation()
    entry = AuditLog(
        seq=seq, at=at, actor=actor, workstation=station, action=action, target=target, detail=detail_text,
        outcome=outcome, prev_hash=prev_hash,
        hash=_entry_hash(prev_hash, seq, at.isoformat(), actor, station, action, target, detail_text, outcome),
    )
    session.add(entry)
    session.flush()
    return entry


def record_event(uow: UnitOfWork, actor_name: str, action: str, target: str | None = None,
                 detail: dict | None = None) -> None:
    """An act that changes nothing but the log (full ID numbers shown, a setting of this
    workstation changed), committed on its own."""
    record(uow.session, actor_name, action, target, detail)
    uow.commit()


@dataclass(frozen=True, slots=True)
class ChainBreak:
    seq: int
    reason: str


def verify_chain(session: Session) -> list[ChainBreak]:
    breaks: list[ChainBreak] = []
    prev_hash, expected_seq = GENESIS, 1
    for entry in session.scalars(select(AuditLog).order_by(AuditLog.seq)):
        if entry.seq != expected_seq:
            breaks.append(ChainBreak(entry.seq, f"缺少第 {expected_seq} 条记录"))
        if entry.prev_hash != prev_hash:
            breaks.append(ChainBreak(entry.seq, "与上一条记录的链接不符"))
        recomputed = _entry_hash(entry.prev_hash, entry.seq, entry.at.isoformat(), entry.actor, entry.workstation,
                                 entry.action, entry.target, entry.detail, entry.outcome)
        if recomputed != entry.hash:
            breaks.append(ChainBreak(entry.seq, "记录内容被修改"))
        prev_hash, expected_seq = entry.hash, entry.seq + 1
    return breaks
