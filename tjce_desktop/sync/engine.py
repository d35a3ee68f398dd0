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

import base64
import datetime as dt
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from tjce_desktop.domain.ids import new_id
from tjce_desktop.services.task_state import TaskState
from tjce_desktop.storage.database import Database
from tjce_desktop.storage.models import AppMeta, Base, Outbox, utc_now
from tjce_desktop.storage.outbox import BASE_KEY
from tjce_desktop.sync.central_schema import TABLE_ORDER

PUSH_BATCH = 500
PULL_PAGE = 2000
_LOCK = 73_450_123  # pg_advisory_xact_lock key: one push at a time
_CURSORS = "sync_cursors"
_INSTALLATION = "installation_id"
_CONFLICTS = "sync_conflicts"
_LAST_SYNC = "sync_last_success"
# Children removed with a trainee that left the scope, children first.
_TRAINEE_TREE = (
    ("course_progress", "enrollment_id IN (SELECT id FROM enrollment WHERE trainee_id = ?)"),
    ("exam_attempt", "enrollment_id IN (SELECT id FROM enrollment WHERE trainee_id = ?)"),
    ("certificate_reissue", "certificate_id IN (SELECT id FROM certificate WHERE trainee_id = ?)"),
    ("certificate_registration", "trainee_id = ?"),
    ("certificate", "trainee_id = ?"),
    ("other_learning", "trainee_id = ?"),
    ("title_change", "trainee_id = ?"),
    ("trainee_year_hours", "trainee_id = ?"),
    ("enrollment", "trainee_id = ?"),
    ("trainee", "id = ?"),
)

Fault = Callable[[str], None]  # tests raise inside it at a named step


@dataclass
class SyncReport:
    pushed: int = 0
    merged: int = 0
    conflicts: int = 0
    waiting: int = 0  # left in the outbox: a parent is not central yet
    pulled: int = 0
    removed: int = 0  # rows that left the scope
    skipped: int = 0  # pulled rows that could not be stored (a local duplicate awaiting its resolution)
    clock_skew_seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"pushed": self.pushed, "merged": self.merged, "conflicts": self.conflicts, "waiting": self.waiting,
                "pulled": self.pulled, "removed": self.removed, "skipped": self.skipped, "clock_skew_seconds": round(self.clock_skew_seconds, 1),
                "warnings": self.warnings}


def _no_fault(_step: str) -> None:
    return None


# --- values --------------------------------------------------------------------------------------


def decode(table_name: str, values: dict) -> dict:
    """Outbox JSON back into column values."""
    table = Base.metadata.tables[table_name]
    out = {}
    for key, value in values.items():
        if key == BASE_KEY or key not in table.c:
            continue
        kind = type(table.c[key].type).__name__
        if value is None:
            out[key] = None
        elif kind == "Uuid":
            out[key] = uuid.UUID(str(value))
        elif kind == "DateTime":
            out[key] = dt.datetime.fromisoformat(value)
        elif kind == "Date":
            out[key] = dt.date.fromisoformat(value[:10])
        elif kind == "LargeBinary":
            out[key] = base64.b64decode(value)
        else:
            out[key] = value
    return out


def _json(values: dict) -> dict:
    from tjce_desktop.storage.outbox import _json_value

    return {key: _json_value(value) for key, value in values.items()}


# --- local bookkeeping ---------------------------------------------------------------------------


def _meta(connection: Connection, key: str, default=None):
    value = connection.execute(select(AppMeta.value).where(AppMeta.key == key)).scalar()
    return json.loads(value) if value is not None else default


def _set_meta(connection: Connection, key: str, value) -> None:
    connection.exec_driver_sql("INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
                               "SET value = excluded.value", (key, json.dumps(value, ensure_ascii=False, default=str)))


def installation_id(database: Database) -> str:
    with database.engine.begin() as connection:
        value = _meta(connection, _INSTALLATION)
        if value is None:
            value = new_id().hex
            _set_meta(connection, _INSTALLATION, value)
        return value


def pending_count(database: Database) -> int:
    with database.engine.connect() as connection:
        return connection.exec_driver_sql("SELECT count(*) FROM sync_outbox").scalar_one()


def local_conflicts(database: Database) -> list[dict]:
    with database.engine.connect() as connection:
        return _meta(connection, _CONFLICTS, [])


def last_success(database: Database) -> str | None:
    with database.engine.connect() as connection:
        return _meta(connection, _LAST_SYNC)


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
         "mine": json.dumps(_json(mine), ensure_ascii=False),
         "central": json.dumps(_json(central_row), ensure_ascii=False) if central_row is not None else None,
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
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK})
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


# --- pull ----------------------------------------------------------------------------------------


def _local_value(value):
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _upsert_sql(table_name: str) -> tuple[str, list[str]]:
    columns = [c.name for c in Base.metadata.tables[table_name].c]
    updates = ", ".join(f"{name} = excluded.{name}" for name in columns if name != "id")
    return (f"INSERT INTO {table_name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
            f"ON CONFLICT(id) DO UPDATE SET {updates}", columns)


def _store_page(local: Connection, table_name: str, rows: list[dict], report: SyncReport, fault: Fault) -> None:
    """The page in one executemany; if a row cannot be stored, row by row to keep the others."""
    sql, columns = _upsert_sql(table_name)
    values = [tuple(_local_value(row.get(name)) for name in columns) for row in rows]
    fault("mid_pull_page")
    try:
        with local.begin_nested():
            local.exec_driver_sql(sql, values)
        report.pulled += len(values)
        return
    except IntegrityError:
        pass
    for value in values:
        try:
            with local.begin_nested():
                local.exec_driver_sql(sql, value)
            report.pulled += 1
        except IntegrityError:
            report.skipped += 1  # a local duplicate (a conflict being resolved): taken up by the resolution


_HOURS_TABLES = ("trainee", "enrollment", "course_progress", "other_learning", "title_change")


def _trainees_of(local: Connection, table_name: str, rows: list[dict]) -> set[str]:
    """Trainees whose hours of a year may have changed with these rows."""
    if table_name == "trainee":
        return {row["id"].hex for row in rows}
    if table_name != "course_progress":
        return {row["trainee_id"].hex for row in rows}
    enrollments = sorted({row["enrollment_id"].hex for row in rows})
    found: set[str] = set()
    for start in range(0, len(enrollments), 500):
        chunk = enrollments[start:start + 500]
        found.update(r[0] for r in local.exec_driver_sql(
            f"SELECT DISTINCT trainee_id FROM enrollment WHERE id IN ({', '.join('?' * len(chunk))})", tuple(chunk)))
    return found


def pull(database: Database, central: Engine, *, report: SyncReport, state: TaskState,
         fault: Fault = _no_fault) -> set[str]:
    """Returns the trainees whose learning changed (their hours of each year are recomputed)."""
    touched: set[str] = set()
    with database.engine.connect() as local:
        cursors: dict[str, int] = _meta(local, _CURSORS, {})
    for number, table_name in enumerate(TABLE_ORDER):
        table = Base.metadata.tables[table_name]
        while True:
            state.report(number / len(TABLE_ORDER), f"正在下载 {table_name}…")
            with central.connect() as connection:
                rows = [dict(r) for r in connection.execute(
                    select(table).where(table.c.server_seq > cursors.get(table_name, 0))
                    .order_by(table.c.server_seq).limit(PULL_PAGE)).mappings()]
            if not rows:
                break
            with database.engine.begin() as local:
                pending = {r[0] for r in local.exec_driver_sql(
                    "SELECT DISTINCT row_id FROM sync_outbox WHERE table_name = ?", (table_name,))}
                # A local change waits to be pushed: never overwritten.
                storable = [row for row in rows if row["id"].hex not in pending]
                _store_page(local, table_name, storable, report, fault)
                if table_name in _HOURS_TABLES:
                    touched.update(_trainees_of(local, table_name, storable))
                cursors[table_name] = rows[-1]["server_seq"]
                _set_meta(local, _CURSORS, cursors)
            if len(rows) < PULL_PAGE:
                break
    report.removed += _remove_exits(database, central, cursors)
    return touched


def _remove_exits(database: Database, central: Engine, cursors: dict[str, int]) -> int:
    with central.connect() as connection:
        exits = connection.execute(text("SELECT server_seq, row_id FROM sync_scope_exit WHERE server_seq > :after "
                                        "ORDER BY server_seq"), {"after": cursors.get("__exits__", 0)}).all()
        gone = [row_id for _seq, row_id in exits if connection.execute(
            text("SELECT 1 FROM trainee WHERE id = :id"), {"id": row_id}).first() is None]
    if not exits:
        return 0
    removed = 0
    with database.engine.begin() as local:
        for trainee_id in gone:
            for table_name, where in _TRAINEE_TREE:
                removed += local.exec_driver_sql(f"DELETE FROM {table_name} WHERE {where}", (trainee_id.hex,)).rowcount
            local.exec_driver_sql("DELETE FROM sync_outbox WHERE row_id = ?", (trainee_id.hex,))
        cursors["__exits__"] = exits[-1][0]
        _set_meta(local, _CURSORS, cursors)
    return removed


# --- the whole exchange --------------------------------------------------------------------------


def sync(database: Database, central: Engine, *, actor: str, state: TaskState | None = None,
         fault: Fault = _no_fault) -> SyncReport:
    """Push, then pull; then the local derived data of the trainees that changed, and the conflicts."""
    from tjce_desktop.storage.derived import refresh_year_hours

    state = state or TaskState()
    report = SyncReport()
    client = installation_id(database)
    with central.connect() as connection:
        central_now = connection.execute(text("SELECT now() AT TIME ZONE 'UTC'")).scalar()
    report.clock_skew_seconds = (utc_now() - central_now).total_seconds()
    if abs(report.clock_skew_seconds) > 300:
        report.warnings.append(f"本机时钟与中心数据库相差 {abs(report.clock_skew_seconds) / 60:.0f} 分钟，请校准时间"
                               "（同步顺序由中心数据库决定，不受影响）。")
    push(database, central, client=client, actor=actor, report=report, state=state, fault=fault)
    touched = pull(database, central, report=report, state=state, fault=fault)
    if report.skipped:
        report.warnings.append(f"有 {report.skipped} 条中心数据暂时无法存入本机（与本机未解决的冲突重复），处理冲突后会再次下载。")
    if touched:
        with database.session_factory() as session:
            session.info["sync_apply"] = True
            if len(touched) > 5000:
                from tjce_desktop.storage.derived import rebuild_year_hours

                rebuild_year_hours(session.connection())
            else:
                refresh_year_hours(session, sorted(touched))
            session.commit()
    with central.connect() as connection:
        conflicts = [dict(r) for r in connection.execute(text(
            "SELECT id, table_name, row_id, kind, fields, mine, central, original, created_by, created_at "
            "FROM sync_conflict WHERE resolved_at IS NULL ORDER BY created_at")).mappings()]
    with database.engine.begin() as local:
        _set_meta(local, _CONFLICTS, [{k: (str(v) if isinstance(v, uuid.UUID | dt.datetime) else v)
                                       for k, v in c.items()} for c in conflicts])
        _set_meta(local, _LAST_SYNC, utc_now().isoformat(timespec="seconds"))
    return report
