"""Push, then pull (DESIGN.md, Sync).

Push: the outbox in order, in batches; each batch is one call of the central database's
``tjce_push`` (``central_judge.py``), which judges every mutation by the permission table,
skips mutation ids already applied (a replayed batch changes nothing), applies, merges or
records a conflict, and says so per mutation. A row whose parent is not central yet stays in
the outbox. The outbox entries are removed locally only after the central commit; a crash in
between re-sends them, and the mutation ids make that harmless.

Pull: per table, rows above the table's cursor (row-level security limits them to the
login's scope), a page at a time; each page and its cursor commit together. A row with a
pending local change is not overwritten. Trainees that left the scope are removed with
everything hanging off them. Then a reconciliation compares counts and checksums, and the
audit log's head is anchored centrally (``audit_anchor.py``).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine, select, text
from sqlalchemy.exc import OperationalError

from tjce_desktop.domain.task_state import TaskState
from tjce_desktop.storage import trust_store
from tjce_desktop.storage.database import Database
from tjce_desktop.storage.models import Outbox, utc_now
from tjce_desktop.storage.outbox import BASE_KEY
from tjce_desktop.sync.audit_anchor import anchor as anchor_audit
from tjce_desktop.sync.busy import SyncBusy, bounded_waits, is_busy
from tjce_desktop.sync.local_state import (
    CONFLICTS,
    CURSORS,
    LAST_SYNC,
    get_meta,
    set_meta,
)
from tjce_desktop.sync.pull import held_count, pull_tables
from tjce_desktop.sync.removal import remove_rows

PUSH_BATCH = 500
Fault = Callable[[str], None]  # tests raise inside it at a named step


@dataclass
class SyncReport:
    pushed: int = 0
    merged: int = 0
    conflicts: int = 0
    refused: int = 0  # judged on the central database: not this login's to change (reason in the conflicts)
    waiting: int = 0  # left in the outbox: a parent is not central yet
    pulled: int = 0
    removed: int = 0  # rows that left the scope
    newly_held: int = 0  # pulled rows this sync could not store yet (kept in sync_held)
    held: int = 0  # rows held after this sync, all told
    dropped_changes: int = 0  # local changes to rows that left the scope
    check_clean: bool | None = None  # the reconciliation after the sync (None: not run)
    repaired: int = 0  # rows fetched again or removed by that reconciliation
    clock_skew_seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"pushed": self.pushed, "merged": self.merged, "conflicts": self.conflicts,
                "refused": self.refused, "waiting": self.waiting,
                "pulled": self.pulled, "removed": self.removed, "newly_held": self.newly_held, "held": self.held,
                "dropped_changes": self.dropped_changes, "check_clean": self.check_clean, "repaired": self.repaired,
                "clock_skew_seconds": round(self.clock_skew_seconds, 1), "warnings": self.warnings}


def _no_fault(_step: str) -> None:
    return None


# --- local bookkeeping ---------------------------------------------------------------------------


def installation_id(database: Database) -> str:
    with database.engine.begin() as connection:
        return trust_store.installation_id(connection)


def pending_count(database: Database) -> int:
    with database.engine.connect() as connection:
        return connection.exec_driver_sql("SELECT count(*) FROM sync_outbox").scalar_one()


def local_conflicts(database: Database) -> list[dict]:
    with database.engine.connect() as connection:
        return get_meta(connection, CONFLICTS, [])


def last_success(database: Database) -> str | None:
    with database.engine.connect() as connection:
        return get_meta(connection, LAST_SYNC)


# --- push ----------------------------------------------------------------------------------------


def _mutation(entry: Outbox) -> dict:
    raw = json.loads(entry.changes)
    original = raw.pop(BASE_KEY, None)
    return {"seq": entry.seq, "mutation_id": str(entry.mutation_id), "table": entry.table_name,
            "row_id": str(entry.row_id), "operation": entry.operation, "base_version": entry.base_version,
            "values": raw, "original": original}


def push(database: Database, central: Engine, *, client: str, report: SyncReport, state: TaskState,
         fault: Fault = _no_fault) -> None:
    """The outbox in batches through ``tjce_push``: the central database judges and applies
    (and writes the login's own account name as ``updated_by``)."""
    after = 0
    while True:
        state.check()
        with database.session_factory() as session:
            entries = list(session.scalars(select(Outbox).where(Outbox.seq > after).order_by(Outbox.seq)
                                           .limit(PUSH_BATCH)))
            session.expunge_all()
        if not entries:
            return
        fault("before_push")
        with central.begin() as connection:
            bounded_waits(connection)
            batch = json.dumps([_mutation(entry) for entry in entries], ensure_ascii=False)
            outcomes = connection.execute(text("SELECT tjce_push(CAST(:batch AS jsonb), :client)"),
                                          {"batch": batch, "client": client}).scalar_one()
            fault("after_central_commit_pending")
        fault("after_central_commit")
        acked = [item["seq"] for item in outcomes if item["outcome"] != "waiting"]
        for item in outcomes:
            outcome = item["outcome"]
            report.pushed += outcome in ("applied", "merged")
            report.merged += outcome == "merged"
            report.conflicts += outcome == "conflict"
            report.refused += outcome == "refused"
            report.waiting += outcome == "waiting"
        with database.engine.begin() as local:
            for start in range(0, len(acked), 500):
                chunk = acked[start:start + 500]
                local.exec_driver_sql(f"DELETE FROM sync_outbox WHERE seq IN ({', '.join('?' * len(chunk))})",
                                      tuple(chunk))
        after = entries[-1].seq
        if len(entries) < PUSH_BATCH:
            return


# --- pull and what follows it -------------------------------------------------------------------


def _remove_exits(database: Database, central: Engine, report: SyncReport) -> None:
    """Trainees moved out of this login's subtree leave the cache, with everything of theirs."""
    with database.engine.connect() as local:
        cursors: dict[str, int] = get_meta(local, CURSORS, {})
    with central.connect() as connection:
        exits = connection.execute(text("SELECT server_seq, row_id FROM sync_scope_exit WHERE server_seq > :after "
                                        "ORDER BY server_seq"), {"after": cursors.get("__exits__", 0)}).all()
        gone = [row_id for _seq, row_id in exits if connection.execute(
            text("SELECT 1 FROM trainee WHERE id = :id"), {"id": row_id}).first() is None]
    if not exits:
        return
    with database.engine.begin() as local:
        removed, dropped = remove_rows(local, {"trainee": {row_id.hex for row_id in gone}})
        cursors = get_meta(local, CURSORS, {})
        cursors["__exits__"] = exits[-1][0]
        set_meta(local, CURSORS, cursors)
    report.removed += removed
    report.dropped_changes += dropped


def _refresh_hours(database: Database, touched: set[str]) -> None:
    from tjce_desktop.storage.derived import rebuild_year_hours, refresh_year_hours

    if not touched:
        return
    with database.session_factory() as session:
        session.info["sync_apply"] = True
        if len(touched) > 5000:
            rebuild_year_hours(session.connection())
        else:
            refresh_year_hours(session, sorted(touched))
        session.commit()


def _reconcile(database: Database, central: Engine, report: SyncReport, state: TaskState) -> set[str]:
    from tjce_desktop.sync import reconcile

    found = reconcile.check(database, central, state)
    if all(table.matches for table in found.tables):
        report.check_clean = found.held == 0
        return set()
    repaired = reconcile.repair(database, central, state)
    report.repaired = repaired.fetched + repaired.removed
    report.dropped_changes += repaired.dropped_changes
    report.check_clean = reconcile.check(database, central, state).clean
    if report.repaired:
        report.warnings.append(f"核对发现本机与中心数据库有差异，已重新下载 {repaired.fetched:,} 条、"
                               f"移除 {repaired.removed:,} 条。")
    return set(repaired.touched)


def _save_conflicts(database: Database, central: Engine) -> None:
    with central.connect() as connection:
        conflicts = [dict(r) for r in connection.execute(text(
            "SELECT id, table_name, row_id, kind, fields, mine, central, original, created_by, created_at, reason, "
            "mutation_id "
            "FROM sync_conflict WHERE resolved_at IS NULL ORDER BY created_at")).mappings()]
    with database.engine.begin() as local:
        set_meta(local, CONFLICTS, [{k: (str(v) if isinstance(v, uuid.UUID | dt.datetime) else v)
                                     for k, v in c.items()} for c in conflicts])
        set_meta(local, LAST_SYNC, utc_now().isoformat(timespec="seconds"))


# --- the whole exchange --------------------------------------------------------------------------


def sync(database: Database, central: Engine, *, actor: str, state: TaskState | None = None,
         fault: Fault = _no_fault, check: bool = True) -> SyncReport:
    """Push, pull, remove what left the scope, reconcile; then the hours of the trainees that changed."""
    state = state or TaskState()
    report = SyncReport()
    client = installation_id(database)
    try:
        with central.connect() as connection:
            central_now = connection.execute(text("SELECT now() AT TIME ZONE 'UTC'")).scalar_one()
        report.clock_skew_seconds = (utc_now() - central_now).total_seconds()
        if abs(report.clock_skew_seconds) > 300:
            report.warnings.append(f"本机时钟与中心数据库相差 {abs(report.clock_skew_seconds) / 60:.0f} 分钟，"
                                   "请校准时间（同步顺序由中心数据库决定，不受影响）。")
        push(database, central, client=client, report=report, state=state, fault=fault)
        touched = pull_tables(database, central, state=state, fault=fault, report=report)
        _remove_exits(database, central, report)
        if check:
            touched |= _reconcile(database, central, report, state)
        _refresh_hours(database, touched)
        _save_conflicts(database, central)
        mismatch = anchor_audit(database, central)
        if mismatch:
            report.warnings.append(mismatch)
    except OperationalError as exc:
        if is_busy(exc):
            raise SyncBusy() from exc
        raise
    report.held = held_count(database)
    if report.held:
        report.warnings.append(f"有 {report.held:,} 条中心数据暂时无法存入本机（原因见“同步/冲突”页），"
                               "每次同步都会重试，不会丢失。")
    if report.dropped_changes:
        report.warnings.append(f"有 {report.dropped_changes:,} 条本机修改属于已移出管辖范围的记录，无法再上传。")
    return report


def rebuild(database: Database, central: Engine, *, actor: str, state: TaskState | None = None) -> SyncReport:
    """Fetch the whole scope afresh (changes not pushed yet are kept and pushed first)."""
    from tjce_desktop.sync.pull import clear_cursors

    clear_cursors(database)
    return sync(database, central, actor=actor, state=state)
