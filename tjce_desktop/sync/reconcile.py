"""Reconciliation: does this desk hold exactly the central rows of its scope?

Per table, both sides count the rows and sum a hash of ``(id, row_version)``, in 256
buckets by the id's last two hex digits (the random end of a UUIDv7). The central side is
``tjce_reconcile()``: it finds the login's scope from ``tjce_scope()`` and reads exactly the rows
the read policy would show it, starting from the scope's key range. Rows with a change not
pushed yet, and rows held back, are left out on both sides (they are reported on their own).
A difference is repaired bucket by bucket: the ids and versions of a differing bucket are
compared, missing or older rows are fetched again, rows the central database no longer shows
this login are removed.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass

from sqlalchemy import Engine, text

from tjce_desktop.domain.permissions import TABLE_LABELS
from tjce_desktop.domain.task_state import TaskState
from tjce_desktop.storage.database import Database
from tjce_desktop.storage.derived import recompute_required
from tjce_desktop.storage.models import Base
from tjce_desktop.sync.central_schema import TABLE_ORDER
from tjce_desktop.sync.pull import HOURS_TABLES, central_ids, retry_held, store_rows, trainees_of
from tjce_desktop.sync.removal import remove_rows

Buckets = dict[str, tuple[int, int]]  # bucket → (rows, checksum)


@dataclass(frozen=True)
class TableCheck:
    table_name: str
    label: str
    local_rows: int
    central_rows: int
    matches: bool
    differing_buckets: int
    left_out: int  # pending or held rows, not compared


@dataclass(frozen=True)
class CheckReport:
    tables: tuple[TableCheck, ...]
    held: int

    @property
    def clean(self) -> bool:
        return self.held == 0 and all(table.matches for table in self.tables)

    def as_dict(self) -> dict:
        return {"clean": self.clean, "held": self.held, "tables": [asdict(table) for table in self.tables]}


@dataclass(frozen=True)
class RepairReport:
    fetched: int
    removed: int
    dropped_changes: int
    touched: frozenset[str]


def row_hash(id_hex: str, version: int) -> int:
    """The same as the central ``tjce_row_hash``: 40 random bits of the id times the version."""
    return int(id_hex[20:30], 16) * (version % 8388608 + 1)


def _left_out(local, table_name: str) -> set[str]:
    return {r[0] for r in local.exec_driver_sql(
        "SELECT row_id FROM sync_outbox WHERE table_name = ? UNION SELECT row_id FROM sync_held WHERE table_name = ?",
        (table_name, table_name))}


def _local_buckets(local, table_name: str, left_out: set[str]) -> Buckets:
    counts: dict[str, list[int]] = {}
    for id_hex, version in local.exec_driver_sql(f"SELECT id, row_version FROM {table_name}"):
        if id_hex in left_out:
            continue
        bucket = counts.setdefault(id_hex[-2:], [0, 0])
        bucket[0] += 1
        bucket[1] += row_hash(id_hex, version)
    return {key: (value[0], value[1]) for key, value in counts.items()}


def _central_buckets(connection, table_name: str, left_out: set[str]) -> Buckets:
    rows = connection.execute(text("SELECT bucket, n_rows, checksum FROM tjce_reconcile(:t, CAST(:x AS uuid[]))"),
                              {"t": table_name, "x": [uuid.UUID(v) for v in left_out]})
    return {bucket: (int(count), int(checksum)) for bucket, count, checksum in rows}


def _differing(mine: Buckets, theirs: Buckets) -> list[str]:
    return sorted(key for key in set(mine) | set(theirs) if mine.get(key, (0, 0)) != theirs.get(key, (0, 0)))


def _compare(database: Database, central: Engine, state: TaskState) -> dict[str, tuple[Buckets, Buckets, set[str]]]:
    found = {}
    with database.engine.connect() as local, central.connect() as connection:
        for number, table_name in enumerate(TABLE_ORDER):
            state.report(number / len(TABLE_ORDER), f"正在核对{TABLE_LABELS[table_name]}…")
            left_out = _left_out(local, table_name)
            found[table_name] = (_local_buckets(local, table_name, left_out),
                                 _central_buckets(connection, table_name, left_out), left_out)
    return found


def check(database: Database, central: Engine, state: TaskState | None = None) -> CheckReport:
    state = state or TaskState()
    tables = []
    for table_name, (mine, theirs, left_out) in _compare(database, central, state).items():
        differing = _differing(mine, theirs)
        tables.append(TableCheck(table_name, TABLE_LABELS[table_name], sum(v[0] for v in mine.values()),
                                 sum(v[0] for v in theirs.values()), not differing, len(differing), len(left_out)))
    with database.engine.connect() as local:
        held = local.exec_driver_sql("SELECT count(*) FROM sync_held").scalar_one()
    return CheckReport(tuple(tables), held)


def _versions_in(connection_or_local, table_name: str, buckets: list[str], left_out: set[str], *,
                 central: bool) -> dict[str, int]:
    if central:
        rows = connection_or_local.execute(text(
            "SELECT id, row_version FROM tjce_reconcile_rows(:t, CAST(:b AS text[]), CAST(:x AS uuid[]))"),
            {"t": table_name, "b": buckets, "x": [uuid.UUID(v) for v in left_out]})
        return {row_id.hex: version for row_id, version in rows}
    wanted = set(buckets)
    return {id_hex: version for id_hex, version in connection_or_local.exec_driver_sql(
        f"SELECT id, row_version FROM {table_name}") if id_hex[-2:] in wanted and id_hex not in left_out}


def repair(database: Database, central: Engine, state: TaskState | None = None) -> RepairReport:
    """Fetch what differs, remove what central no longer shows; until clean (three rounds at most)."""
    state = state or TaskState()
    fetched = removed = dropped = 0
    touched: set[str] = set()
    for _round in range(3):
        compared = _compare(database, central, state)
        doomed: dict[str, set[str]] = {}
        wanted: dict[str, list[uuid.UUID]] = {}
        with database.engine.connect() as local, central.connect() as connection:
            for table_name, (mine, theirs, left_out) in compared.items():
                differing = _differing(mine, theirs)
                if not differing:
                    continue
                local_versions = _versions_in(local, table_name, differing, left_out, central=False)
                central_versions = _versions_in(connection, table_name, differing, left_out, central=True)
                wanted[table_name] = [uuid.UUID(row_id) for row_id, version in central_versions.items()
                                      if local_versions.get(row_id) != version]
                doomed[table_name] = set(local_versions) - set(central_versions)
        if not wanted and not doomed:
            break
        with database.engine.begin() as local:
            if any(doomed.values()):
                count, lost = remove_rows(local, doomed)
                removed += count
                dropped += lost
            for table_name in TABLE_ORDER:
                if not wanted.get(table_name):
                    continue
                rows = _fetch(central, table_name, wanted[table_name])
                stored, _held = store_rows(local, table_name, rows)
                fetched += len(stored)
                if table_name in HOURS_TABLES:
                    touched |= trainees_of(local, table_name, stored)
                if table_name == "hour_rule" and stored:
                    recompute_required(local)
        stored_now, retried = retry_held(database)  # what was held for a parent fetched just now
        fetched += stored_now
        touched |= retried
    _drop_stale_held(database, central)
    return RepairReport(fetched, removed, dropped, frozenset(touched))


def _fetch(central: Engine, table_name: str, ids: list[uuid.UUID]) -> list[dict]:
    table = Base.metadata.tables[table_name]
    rows: list[dict] = []
    with central.connect() as connection:
        for start in range(0, len(ids), 2000):
            rows.extend(dict(r) for r in connection.execute(
                table.select().where(table.c.id.in_(ids[start:start + 2000]))).mappings())
    return rows


def _drop_stale_held(database: Database, central: Engine) -> None:
    """A held row that the central database no longer shows this login is not this desk's to keep."""
    with database.engine.connect() as local:
        held = local.exec_driver_sql("SELECT table_name, row_id FROM sync_held").all()
    by_table: dict[str, list[uuid.UUID]] = {}
    for table_name, row_id in held:
        by_table.setdefault(table_name, []).append(uuid.UUID(row_id))
    for table_name, ids in by_table.items():
        gone = set(ids) - central_ids(central, table_name, ids)
        if gone:
            with database.engine.begin() as local:
                for row_id in gone:
                    local.exec_driver_sql("DELETE FROM sync_held WHERE table_name = ? AND row_id = ?",
                                          (table_name, row_id.hex))
