"""How far the audit log is proven: its own hash chain, held against anchors kept elsewhere.

The chain alone shows an edited, deleted or reordered entry, but not a cut tail, an emptied
table or a log rewritten and rehashed from the start. So the chain's head (last sequence
number and hash) is anchored outside the file:

- in the central database on every sync (``sync/audit_anchor.py``; the desk keeps a copy of
  the latest in ``app_meta``), beyond the reach of whoever holds the desk's files;
- as a signed checkpoint inside every backup (``checkpoint_writer``), signed with this
  installation's key.

``check`` compares the log with every anchor: an anchor beyond the last entry is a cut tail
(or an emptied log), an anchor whose entry has another hash is a rewrite; the highest
anchor that matches, with the chain intact up to it, is how far the log is proven.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from tjce_desktop.domain import issuer_chain
from tjce_desktop.services.audit import ChainBreak, verify_chain
from tjce_desktop.storage import trust_store
from tjce_desktop.storage.audit_head import Anchor, central_anchor_cached, head
from tjce_desktop.storage.database import read_only_uri

CHECKPOINT_META = "audit_checkpoint"  # in a backup's own app_meta
_DOMAIN = b"TJCE-AUDIT-CHECKPOINT-1\x00"


@dataclass
class IntegrityReport:
    entries: int
    last_seq: int
    breaks: list[ChainBreak]
    problems: list[str] = field(default_factory=list)  # anchors the log contradicts, in Chinese
    proven_seq: int = 0
    proven_by: Anchor | None = None
    anchors: int = 0
    notes: list[str] = field(default_factory=list)  # what could not be consulted

    @property
    def intact(self) -> bool:
        return not self.breaks and not self.problems

    def summary(self) -> str:
        if not self.intact:
            return f"审计日志被改动过：哈希链 {len(self.breaks)} 处问题，与锚点不符 {len(self.problems)} 处。"
        text = f"审计日志完好：{self.entries:,} 条记录，哈希链连续。"
        if self.proven_by is None:
            return text + "还没有可核对的锚点（同步或备份后才有），末尾是否被截去无法证明。"
        rest = self.last_seq - self.proven_seq
        text += f"第 1–{self.proven_seq:,} 条已由{self.proven_by.source}（{self.proven_by.at}）的锚点证明"
        return text + (f"，其后 {rest:,} 条尚未锚定（下次同步或备份时锚定）。" if rest else "，直到最后一条。")

    def as_dict(self) -> dict:
        return {"entries": self.entries, "last_seq": self.last_seq, "intact": self.intact,
                "breaks": [{"seq": b.seq, "reason": b.reason} for b in self.breaks], "problems": self.problems,
                "proven_seq": self.proven_seq,
                "proven_by": {"source": self.proven_by.source, "at": self.proven_by.at} if self.proven_by else None,
                "anchors": self.anchors, "notes": self.notes, "summary": self.summary()}


def checkpoint_writer(session: Session, actor_name: str):
    """A function that writes a signed checkpoint of a backup copy's own audit head into the
    copy (``storage.backup.backup_database(annotate=…)``). The caller commits the session
    (the installation's key is made on first use)."""
    from tjce_desktop.services.sheet_signing import installation_signer

    signer = installation_signer(session, actor_name)
    desk = trust_store.installation_id(session.connection())

    def annotate(copy: sqlite3.Connection) -> None:
        top = head(copy)
        if top is None:
            return
        body = json.dumps({"desk": desk, "seq": top[0], "hash": top[1], "key_id": signer.key_id,
                           "at": dt.datetime.now().isoformat(timespec="seconds")}, sort_keys=True)
        value = json.dumps({"body": body, "signature": signer.sign(_DOMAIN + body.encode("utf-8")).hex()})
        copy.execute("INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
                     "SET value = excluded.value", (CHECKPOINT_META, value))
        copy.commit()

    return annotate


def backup_anchors(connection: Connection, folder: Path) -> tuple[list[Anchor], list[str]]:
    """The signed checkpoints of this desk's backups in ``folder``; notes on those that fail."""
    from tjce_desktop.storage.backup import list_backups

    desk = trust_store.installation_id(connection)
    # Only keys this installation has held: any login may register a key, so a checkpoint
    # signed with another desk's key and dropped into the backup folder proves nothing.
    keys = {issuer_chain.key_id_of(bytes.fromhex(public)): bytes.fromhex(public)
            for public in trust_store.own_keys(connection)}
    anchors, notes = [], []
    for backup in list_backups(folder):
        try:
            copy = sqlite3.connect(read_only_uri(backup.path), uri=True)
            try:
                row = copy.execute("SELECT value FROM app_meta WHERE key = ?", (CHECKPOINT_META,)).fetchone()
            finally:
                copy.close()
        except sqlite3.Error:
            notes.append(f"备份 {backup.path.name} 无法读取。")
            continue
        if row is None:
            continue  # a backup from before checkpoints
        try:
            sealed = json.loads(row[0])
            body = json.loads(sealed["body"])
            signature = bytes.fromhex(sealed["signature"])
        except (ValueError, KeyError, TypeError):
            notes.append(f"备份 {backup.path.name} 的检查点无法读取。")
            continue
        if body.get("desk") != desk:
            continue  # another installation's backup
        public = keys.get(body.get("key_id"))
        if public is None or not issuer_chain.signature_valid(public, signature,
                                                               _DOMAIN + sealed["body"].encode("utf-8")):
            notes.append(f"备份 {backup.path.name} 的检查点签名不符，未采用。")
            continue
        anchors.append(Anchor(int(body["seq"]), body["hash"], body["at"], f"备份 {backup.path.name}"))
    return anchors, notes


def local_anchors(database) -> tuple[list[Anchor], list[str]]:
    """What this desk can consult without the network: its backups' checkpoints and its copy
    of the latest central anchor (which whoever rewrites the log may also have removed)."""
    from tjce_desktop.storage.backup import default_backup_folder

    with database.engine.begin() as connection:
        anchors, notes = backup_anchors(connection, default_backup_folder(database.path))
        cached = central_anchor_cached(connection)
    return anchors + ([cached] if cached else []), notes


# --- the check ------------------------------------------------------------------------------------


def check(session: Session, anchors: Iterable[Anchor], notes: Iterable[str] = ()) -> IntegrityReport:
    breaks = verify_chain(session)
    rows = session.connection().exec_driver_sql("SELECT seq, hash FROM audit_log")
    hashes: dict[int, str] = {seq: hash_ for seq, hash_ in rows}
    last = max(hashes, default=0)
    report = IntegrityReport(len(hashes), last, breaks, notes=list(notes))
    first_break = min((b.seq for b in breaks), default=None)
    for anchor in sorted({a for a in anchors if a.seq > 0}, key=lambda a: a.seq):  # 0: an empty log then
        report.anchors += 1
        local = hashes.get(anchor.seq)
        if not hashes:
            report.problems.append(f"审计日志被清空：{anchor.source}（{anchor.at}）记录过第 {anchor.seq:,} 条。")
        elif anchor.seq > last:
            report.problems.append(f"日志末尾被截去：{anchor.source}（{anchor.at}）记录过第 {anchor.seq:,} 条，"
                                   f"本机只到第 {last:,} 条。")
        elif local is None:
            report.problems.append(f"第 {anchor.seq:,} 条被删除：{anchor.source}（{anchor.at}）记录过它。")
        elif local != anchor.hash:
            report.problems.append(f"第 {anchor.seq:,} 条与{anchor.source}（{anchor.at}）记录的哈希不符："
                                   "此前的日志被改写并重新计算过哈希。")
        elif (first_break is None or first_break > anchor.seq) and anchor.seq >= report.proven_seq:
            report.proven_seq, report.proven_by = anchor.seq, anchor
    return report
