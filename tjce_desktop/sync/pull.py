"""Pull: central rows into the local cache, a page at a time, never losing one.

Rows come per table in ``server_seq`` order, so a parent updated after its children (an org
whose seal image changed, a plan edited after archives exist) comes after them. A page is
therefore stored so that order inside it cannot matter: foreign keys are checked at commit
(``PRAGMA defer_foreign_keys``), and before that every row's references are looked up — in
the cache or in the page itself. A row that still cannot be stored (its parent is not here,
or it clashes with a local row) goes to ``sync_held`` with its reason, in the same
transaction that moves the cursor; every later sync tries it again. Nothing is dropped.

Pulled values are stored exactly as the central database holds them — not cleaned again
(``domain/text.py``): a row the central accepted is the central's, and a value changed here
would differ from it at every reconciliation. Text arrives checked by the desk that wrote it,
and PostgreSQL itself refuses NUL and invalid UTF-8, so nothing here chokes on it.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.exc import IntegrityError

from tjce_desktop.domain.permissions import TABLE_LABELS
from tjce_desktop.domain.task_state import TaskState
from tjce_desktop.storage.database import Database
from tjce_desktop.storage.derived import recompute_required
from tjce_desktop.storage.models import Base, fill_derived_columns, utc_now
from tjce_desktop.storage.outbox import _json_value
from tjce_desktop.sync.busy import bounded_waits
from tjce_desktop.sync.central_schema import TABLE_ORDER
from tjce_desktop.sync.local_state import CURSORS, get_meta, set_meta
from tjce_desktop.sync.values import decode

PULL_PAGE = 2000
_CHUNK = 500
HOURS_TABLES = ("trainee", "enrollment", "course_progress", "other_learning", "title_change", "recognised_hours")


def local_value(value):
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


def _first_column(local: Connection, sql: str, ids: set[str]) -> set[str]:
    """``sql`` with ``{}`` for a list of placeholders, run over the ids in chunks; the first column."""
    found: set[str] = set()
    ordered = sorted(ids)
    for start in range(0, len(ordered), _CHUNK):
        chunk = ordered[start:start + _CHUNK]
        found.update(r[0] for r in local.exec_driver_sql(sql.format(", ".join("?" * len(chunk))), tuple(chunk)))
    return found


def _existing(local: Connection, table_name: str, ids: set[str]) -> set[str]:
    return _first_column(local, f"SELECT id FROM {table_name} WHERE id IN ({{}})", ids)


def _missing_parents(local: Connection, table_name: str, rows: list[dict]) -> dict[str, str]:
    """Row id → the reason it cannot be stored: a reference that is neither local nor in the page."""
    table = Base.metadata.tables[table_name]
    references = [(fk.parent.name, fk.column.table.name) for fk in table.foreign_keys]
    problems: dict[str, str] = {}
    found: dict[tuple[str, str], set[str]] = {}
    for column, parent in references:
        wanted = {local_value(row[column]) for row in rows if row.get(column) is not None}
        found[(column, parent)] = _existing(local, parent, wanted) if wanted else set()
    # A row of the page may be the parent of another (the org tree): repeat until no row
    # relies on one that is itself refused.
    while True:
        in_page = {local_value(row["id"]) for row in rows if local_value(row["id"]) not in problems}
        before = len(problems)
        for row in rows:
            row_id = local_value(row["id"])
            if row_id in problems:
                continue
            for column, parent in references:
                value = row.get(column)
                if value is None:
                    continue
                value = local_value(value)
                if value in found[(column, parent)] or (parent == table_name and value in in_page):
                    continue
                problems[row_id] = (f"缺少它引用的{TABLE_LABELS.get(parent, parent)}（{uuid.UUID(value)}）："
                                    "该记录尚未下载，或不在本账户的管辖范围内")
                break
        if len(problems) == before:
            return problems


def _hold(local: Connection, table_name: str, row: dict, reason: str) -> None:
    data = json.dumps({key: _json_value(value) for key, value in row.items()}, ensure_ascii=False)
    local.exec_driver_sql(
        "INSERT INTO sync_held (table_name, row_id, server_seq, data, reason, attempts, first_seen) "
        "VALUES (?, ?, ?, ?, ?, 1, ?) ON CONFLICT(table_name, row_id) DO UPDATE SET "
        "server_seq = max(server_seq, excluded.server_seq), "
        "data = CASE WHEN excluded.server_seq >= server_seq THEN excluded.data ELSE data END, "
        "reason = excluded.reason, attempts = attempts + 1",
        (table_name, local_value(row["id"]), row["server_seq"], data, reason, local_value(utc_now())))


def _duplicate_reason(exc: IntegrityError) -> str:
    message = str(exc.orig)
    columns = message.split(":", 1)[1].strip() if "UNIQUE" in message and ":" in message else message
    return (f"与本机已有的另一条记录重复（{columns}）：多半是尚未处理的同步冲突，"
            "处理后会自动存入")


def store_rows(local: Connection, table_name: str, rows: list[dict]) -> tuple[list[dict], int]:
    """Store what can be stored; hold the rest with its reason. (stored rows, held count).

    The caller's transaction commits the page, its held rows and the cursor together.
    """
    if not rows:
        return [], 0
    local.exec_driver_sql("PRAGMA defer_foreign_keys = ON")  # order inside the page cannot matter
    problems = _missing_parents(local, table_name, rows)
    storable = [row for row in rows if local_value(row["id"]) not in problems]
    for row in rows:
        if local_value(row["id"]) in problems:
            _hold(local, table_name, row, problems[local_value(row["id"])])
    sql, columns = _upsert_sql(table_name)
    # Derived local columns (a trainee's pinyin keys) are computed here, not taken from the central.
    values = [tuple(local_value(local_row.get(name)) for name in columns)
              for local_row in (fill_derived_columns(table_name, dict(row)) for row in storable)]
    stored = storable
    try:
        if values:
            with local.begin_nested():
                local.exec_driver_sql(sql, values)
    except IntegrityError:
        stored = []
        for row, value in zip(storable, values, strict=True):
            try:
                with local.begin_nested():
                    local.exec_driver_sql(sql, value)
                stored.append(row)
            except IntegrityError as exc:
                _hold(local, table_name, row, _duplicate_reason(exc))
    _forget_held(local, table_name, [local_value(row["id"]) for row in stored])
    return stored, len(rows) - len(stored)


def _forget_held(local: Connection, table_name: str, ids: list[str]) -> None:
    """A newer version was stored: an older one held is obsolete."""
    if not ids or not local.exec_driver_sql("SELECT 1 FROM sync_held WHERE table_name = ? LIMIT 1",
                                            (table_name,)).first():
        return
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        local.exec_driver_sql(f"DELETE FROM sync_held WHERE table_name = ? AND row_id IN "
                              f"({', '.join('?' * len(chunk))})", (table_name, *chunk))


def pending_rows(local: Connection, table_name: str) -> set[str]:
    return {r[0] for r in local.exec_driver_sql("SELECT DISTINCT row_id FROM sync_outbox WHERE table_name = ?",
                                                (table_name,))}


def trainees_of(local: Connection, table_name: str, rows: list[dict]) -> set[str]:
    """Trainees whose hours of a year may have changed with these rows."""
    if table_name == "trainee":
        return {row["id"].hex for row in rows}
    if table_name != "course_progress":
        return {row["trainee_id"].hex for row in rows}
    enrollments = {row["enrollment_id"].hex for row in rows}
    return _first_column(local, "SELECT DISTINCT trainee_id FROM enrollment WHERE id IN ({})", enrollments)


def store_page(local: Connection, table_name: str, rows: list[dict]) -> tuple[list[dict], int]:
    """A pulled page: rows with a pending local change are not overwritten (the push decides)."""
    pending = pending_rows(local, table_name)
    return store_rows(local, table_name, [row for row in rows if row["id"].hex not in pending])


def retry_held(database: Database) -> tuple[int, set[str]]:
    """Every held row once more, parents first. (stored now, trainees touched)."""
    stored_total = 0
    touched: set[str] = set()
    with database.engine.begin() as local:
        held = local.exec_driver_sql("SELECT table_name, data FROM sync_held").all()
        if not held:
            return 0, touched
        by_table: dict[str, list[dict]] = {}
        for table_name, data in held:
            by_table.setdefault(table_name, []).append(decode(table_name, json.loads(data)))
        for table_name in TABLE_ORDER:
            rows = sorted(by_table.get(table_name, []), key=lambda row: row["server_seq"])
            if not rows:
                continue
            newer = _newer_locally(local, table_name, rows)
            if newer:
                _forget_held(local, table_name, sorted(newer))
            rows = [row for row in rows if row["id"].hex not in newer]
            stored, _held = store_page(local, table_name, rows)
            stored_total += len(stored)
            if table_name in HOURS_TABLES:
                touched |= trainees_of(local, table_name, stored)
    return stored_total, touched


def _newer_locally(local: Connection, table_name: str, rows: list[dict]) -> set[str]:
    """Held rows whose id the cache already holds at the same or a later central version."""
    ids = [row["id"].hex for row in rows]
    seqs: dict[str, int] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        seqs.update(local.exec_driver_sql(f"SELECT id, server_seq FROM {table_name} WHERE server_seq IS NOT NULL "
                                          f"AND id IN ({', '.join('?' * len(chunk))})", tuple(chunk)).all())
    return {row["id"].hex for row in rows if row["id"].hex in seqs and seqs[row["id"].hex] >= row["server_seq"]}


def held_count(database: Database) -> int:
    with database.engine.connect() as local:
        return local.exec_driver_sql("SELECT count(*) FROM sync_held").scalar_one()


def held_rows(database: Database) -> list[dict]:
    """For the 同步/冲突 page and ``tjce sync --check``: what is held and why."""
    with database.engine.connect() as local:
        rows = local.exec_driver_sql("SELECT table_name, row_id, server_seq, reason, attempts, first_seen "
                                     "FROM sync_held ORDER BY first_seen, table_name").all()
    return [{"table_name": r[0], "table_label": TABLE_LABELS.get(r[0], r[0]), "row_id": str(uuid.UUID(r[1])),
             "server_seq": r[2], "reason": r[3], "attempts": r[4], "first_seen": str(r[5])[:19]} for r in rows]


def pull_tables(database: Database, central: Engine, *, state: TaskState, fault, report) -> set[str]:
    """Every synced table above its cursor. Returns the trainees whose learning changed."""
    touched: set[str] = set()
    with database.engine.connect() as local:
        cursors: dict[str, int] = get_meta(local, CURSORS, {})
    for number, table_name in enumerate(TABLE_ORDER):
        table = Base.metadata.tables[table_name]
        while True:
            state.report(number / len(TABLE_ORDER), f"正在下载{TABLE_LABELS.get(table_name, table_name)}…")
            with central.connect() as connection:
                bounded_waits(connection)
                rows = [dict(r) for r in connection.execute(
                    select(table).where(table.c.server_seq > cursors.get(table_name, 0))
                    .order_by(table.c.server_seq).limit(PULL_PAGE)).mappings()]
            if not rows:
                break
            with database.engine.begin() as local:
                fault("mid_pull_page")
                stored, held = store_page(local, table_name, rows)
                report.pulled += len(stored)
                report.newly_held += held
                if table_name in HOURS_TABLES:
                    touched |= trainees_of(local, table_name, stored)
                if table_name == "hour_rule" and stored:
                    recompute_required(local)  # the city changed a year's rule: its requirements follow
                cursors[table_name] = rows[-1]["server_seq"]
                set_meta(local, CURSORS, cursors)
            if len(rows) < PULL_PAGE:
                break
    stored_now, retried = retry_held(database)
    report.pulled += stored_now
    return touched | retried


def clear_cursors(database: Database) -> None:
    with database.engine.begin() as local:
        set_meta(local, CURSORS, {})


def central_ids(central: Engine, table_name: str, ids: list[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these ids the login can see centrally (row-level security decides)."""
    found: set[uuid.UUID] = set()
    with central.connect() as connection:
        for start in range(0, len(ids), 5000):
            found.update(connection.execute(text(f"SELECT id FROM {table_name} WHERE id = ANY(:ids)"),
                                            {"ids": ids[start:start + 5000]}).scalars())
    return found
