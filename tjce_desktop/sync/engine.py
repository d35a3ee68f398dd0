"""Push, then pull (DESIGN.md, Sync).

Push: the outbox in order, in batches, each mutation in a savepoint of one central
transaction under an advisory lock (sequence values commit in order). A mutation id already
in ``sync_applied`` is skipped, so a replayed batch changes nothing. Same base version:
applied. Otherwise the fields other desks changed since that version (``sync_change_log``)
decide: none of mine — merged; one of mine, or an edit against a delete — a conflict
record, never an overwrite. A row whose parent is not central yet (its insert conflicted)
stays in the outbox. The outbox entries are removed locally only after the central commit;
a crash in between re-sends them, and the mutation ids make that harmless.

Pull: per table, rows above the table's cursor (row-level security limits them to the
login's scope), a page at a time; each page and its cursor commit together. A row with a
pending local change is not overwritten. Trainees that left the scope are removed with
everything hanging off them.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from tjce_desktop.domain.ids import new_id
from tjce_desktop.domain.task_state import TaskState
from tjce_desktop.storage.database import Database
from tjce_desktop.storage.models import Base, Outbox, utc_now
from tjce_desktop.storage.outbox import BASE_KEY
from tjce_desktop.sync.busy import SyncBusy, bounded_waits, is_lock_timeout
from tjce_desktop.sync.local_state import CONFLICTS, CURSORS, INSTALLATION, LAST_SYNC, get_meta, set_meta
from tjce_desktop.sync.pull import held_count, pull_tables
from tjce_desktop.sync.removal import remove_rows
from tjce_desktop.sync.values import decode, to_json

PUSH_BATCH = 500
PUSH_LOCK = 73_450_123  # one push at a time, so change numbers commit in order
Fault = Callable[[str], None]  # tests raise inside it at a named step


@dataclass
class SyncReport:
    pushed: int = 0
    merged: int = 0
    conflicts: int = 0
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
        return {"pushed": self.pushed, "merged": self.merged, "conflicts": self.conflicts, "waiting": self.waiting,
                "pulled": self.pulled, "removed": self.removed, "newly_held": self.newly_held, "held": self.held,
                "dropped_changes": self.dropped_changes, "check_clean": self.check_clean, "repaired": self.repaired,
                "clock_skew_seconds": round(self.clock_skew_seconds, 1), "warnings": self.warnings}


def _no_fault(_step: str) -> None:
    return None


# --- local bookkeeping ---------------------------------------------------------------------------


def installation_id(database: Database) -> str:
    with database.engine.begin() as connection:
        value = get_meta(connection, INSTALLATION)
        if value is None:
            value = new_id().hex
            set_meta(connection, INSTALLATION, value)
        return value


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


def _central_row(central: Connection, table_name: str, row_id: uuid.UUID) -> dict | None:
    table = Base.metadata.tables[table_name]
    row = central.execute(select(table).where(table.c.id == row_id).with_for_update()).mappings().first()
    return dict(row) if row is not None else None


def _others_changed(central: Connection, row_id: uuid.UUID, base_version: int, client: str) -> set[str]:
    rows = central.execute(text("SELECT fields FROM sync_change_log WHERE row_id = :row AND row_version > :base "
                                "AND client_id <> :client"), {"row": row_id, "base": base_version, "client": client})
    return {name for (fields,) in rows for name in fields}


def _log_change(central: Connection, table_name: str, row_id: uuid.UUID, fields: list[str], client: str) -> None:
    table = Base.metadata.tables[table_name]
    stored = central.execute(select(table.c.server_seq, table.c.row_version).where(table.c.id == row_id)).one()
    central.execute(text("INSERT INTO sync_change_log (server_seq, table_name, row_id, row_version, client_id, fields) "
                         "VALUES (:seq, :table, :row, :version, :client, :fields)"),
                    {"seq": stored.server_seq, "table": table_name, "row": row_id, "version": stored.row_version,
                     "client": client, "fields": fields})


def _scope_of_row(central: Connection, table_name: str, values: dict, row: dict | None) -> str:
    """Where a conflict belongs: the trainee's (or org's) path when it can be told, else the root."""
    source = row or values
    for key in ("org_path", "path"):
        if source.get(key):
            return source[key]
    if source.get("trainee_id"):
        path = central.execute(text("SELECT org_path FROM trainee WHERE id = :id"), {"id": source["trainee_id"]}).scalar()
        if path:
            return path
    return central.execute(text("SELECT tjce_scope()")).scalar() or "/"


def _conflict(central: Connection, entry: Outbox, kind: str, fields: list[str], mine: dict, central_row: dict | None,
              original: dict | None, client: str, values: dict) -> None:
    central.execute(
        text("INSERT INTO sync_conflict (id, table_name, row_id, kind, fields, mine, central, original, base_version, "
             "client_id, scope_path) VALUES (:id, :table, :row, :kind, :fields, CAST(:mine AS jsonb), "
             "CAST(:central AS jsonb), CAST(:original AS jsonb), :base, :client, :scope)"),
        {"id": new_id(), "table": entry.table_name, "row": entry.row_id, "kind": kind, "fields": fields,
         "mine": json.dumps(to_json(mine), ensure_ascii=False),
         "central": json.dumps(to_json(central_row), ensure_ascii=False) if central_row is not None else None,
         "original": json.dumps(original, ensure_ascii=False) if original is not None else None,
         "base": entry.base_version, "client": client,
         "scope": _scope_of_row(central, entry.table_name, values, central_row)})


def _apply(central: Connection, entry: Outbox, client: str, actor: str) -> str:
    """One mutation: applied | merged | conflict | waiting (in its own savepoint)."""
    table = Base.metadata.tables[entry.table_name]
    raw = json.loads(entry.changes)
    original = raw.get(BASE_KEY)
    values = decode(entry.table_name, raw)
    now = utc_now()
    if entry.operation == "insert":
        try:
            with central.begin_nested():
                central.execute(table.insert().values(id=entry.row_id, row_version=1, updated_at=now, updated_by=actor,
                                                      **values))
        except DBAPIError as exc:
            message = str(exc.orig)
            if "foreign key" in message:
                return "waiting"
            if not isinstance(exc, IntegrityError):
                _conflict(central, entry, "refused", sorted(values), values, None, None, client, values)
                return "conflict"  # outside the login's scope: row-level security said no
            clash = _clashing_row(central, entry.table_name, values)
            _conflict(central, entry, "duplicate", sorted(values), values, clash, None, client, values)
            return "conflict"
        _log_change(central, entry.table_name, entry.row_id, sorted(values), client)
        return "applied"
    row = _central_row(central, entry.table_name, entry.row_id)
    if row is None:
        return "waiting"  # its insert has not reached the central database yet
    mine = set(values)
    deleting = entry.operation == "delete"
    if row["row_version"] != entry.base_version:
        theirs = _others_changed(central, entry.row_id, entry.base_version, client)
        if row.get("deleted_at") is not None and not deleting:
            _conflict(central, entry, "edit_deleted", sorted(mine), values, row, original, client, values)
            return "conflict"
        if deleting and theirs:
            _conflict(central, entry, "delete_edited", sorted(theirs), values, row, original, client, values)
            return "conflict"
        clash = sorted(mine & theirs)
        if clash:
            # The fields nobody else touched are merged; only the clashing ones wait for a person.
            rest = {key: value for key, value in values.items() if key not in clash}
            if rest and _update(central, entry, row, rest, actor, client) != "applied":
                return "conflict"
            _conflict(central, entry, "same_field", clash, {k: values[k] for k in clash}, row, original, client, values)
            return "conflict"
        outcome = "merged"
    else:
        outcome = "applied"
    return outcome if _update(central, entry, row, values, actor, client, original) == "applied" else "conflict"


def _update(central: Connection, entry: Outbox, row: dict, values: dict, actor: str, client: str,
            original: dict | None = None) -> str:
    """Write ``values`` over the central row (one version more) and log which fields changed."""
    table = Base.metadata.tables[entry.table_name]
    try:
        with central.begin_nested():
            central.execute(table.update().where(table.c.id == entry.row_id).values(
                row_version=row["row_version"] + 1, updated_at=utc_now(), updated_by=actor, **values))
    except DBAPIError as exc:
        kind = "duplicate" if isinstance(exc, IntegrityError) else "refused"
        clash = _clashing_row(central, entry.table_name, values) if kind == "duplicate" else None
        _conflict(central, entry, kind, sorted(values), values, clash or row, original, client, values)
        return "conflict"
    _log_change(central, entry.table_name, entry.row_id, sorted(values), client)
    return "applied"


def _clashing_row(central: Connection, table_name: str, values: dict) -> dict | None:
    """The central row holding one of the unique values (the same ID number added at two desks)."""
    table = Base.metadata.tables[table_name]
    for constraint in table.constraints:
        columns = [c.name for c in getattr(constraint, "columns", [])]
        if constraint.__class__.__name__ != "UniqueConstraint" and not (
                len(columns) == 1 and table.c[columns[0]].unique):
            continue
        if columns and all(name in values for name in columns) and columns != ["id"]:
            row = central.execute(select(table).where(*(table.c[name] == values[name] for name in columns))).mappings().first()
            if row is not None:
                return dict(row)
    for column in table.c:
        if column.unique and column.name in values:
            row = central.execute(select(table).where(column == values[column.name])).mappings().first()
            if row is not None:
                return dict(row)
    return None


def push(database: Database, central: Engine, *, client: str, actor: str, report: SyncReport, state: TaskState,
         fault: Fault = _no_fault) -> None:
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
        acked: list[int] = []
        with central.begin() as connection:
            bounded_waits(connection)
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PUSH_LOCK})
            done = set(connection.execute(text("SELECT mutation_id FROM sync_applied WHERE mutation_id = ANY(:ids)"),
                                          {"ids": [e.mutation_id for e in entries]}).scalars())
            waiting_rows: set = set()
            for entry in entries:
                if entry.mutation_id in done:
                    acked.append(entry.seq)
                    continue
                if entry.row_id in waiting_rows:
                    outcome = "waiting"  # keep a row's changes in order
                else:
                    outcome = _apply(connection, entry, client, actor)
                if outcome == "waiting":
                    waiting_rows.add(entry.row_id)
                    report.waiting += 1
                    continue
                connection.execute(text("INSERT INTO sync_applied (mutation_id, outcome) VALUES (:id, :outcome)"),
                                   {"id": entry.mutation_id, "outcome": outcome})
                acked.append(entry.seq)
                report.pushed += outcome in ("applied", "merged")
                report.merged += outcome == "merged"
                report.conflicts += outcome == "conflict"
            fault("after_central_commit_pending")
        fault("after_central_commit")
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
            "SELECT id, table_name, row_id, kind, fields, mine, central, original, created_by, created_at "
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
            central_now = connection.execute(text("SELECT now() AT TIME ZONE 'UTC'")).scalar()
        report.clock_skew_seconds = (utc_now() - central_now).total_seconds()
        if abs(report.clock_skew_seconds) > 300:
            report.warnings.append(f"本机时钟与中心数据库相差 {abs(report.clock_skew_seconds) / 60:.0f} 分钟，请校准时间"
                                   "（同步顺序由中心数据库决定，不受影响）。")
        push(database, central, client=client, actor=actor, report=report, state=state, fault=fault)
        touched = pull_tables(database, central, state=state, fault=fault, report=report)
        _remove_exits(database, central, report)
        if check:
            touched |= _reconcile(database, central, report, state)
        _refresh_hours(database, touched)
        _save_conflicts(database, central)
    except OperationalError as exc:
        if is_lock_timeout(exc):
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
