"""Removing rows from the cache that are no longer this desk's (left the scope, gone centrally).

Everything that hangs off a removed row goes with it (found through the foreign keys, so a
new table joins by itself); their outbox entries and held copies too, counted, because a
change that cannot reach the central database any more must not look as if it were waiting.
"""

from __future__ import annotations

from sqlalchemy import Connection

from tjce_desktop.storage.models import Base

_CHUNK = 500


def _children() -> dict[str, list[tuple[str, str, bool]]]:
    """Parent table → (child table, referring column, child has an id)."""
    found: dict[str, list[tuple[str, str, bool]]] = {}
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            found.setdefault(fk.column.table.name, []).append((table.name, fk.parent.name, "id" in table.c))
    return found


def _in(column: str, ids: list[str]) -> str:
    return f"{column} IN ({', '.join('?' * len(ids))})"


def remove_rows(local: Connection, doomed: dict[str, set[str]]) -> tuple[int, int]:
    """Delete these rows (hex ids by table) and their descendants. (rows removed, pending changes dropped)."""
    children = _children()
    todo = {name: set(ids) for name, ids in doomed.items() if ids}
    queue = list(todo)
    while queue:
        parent = queue.pop()
        ids = sorted(todo[parent])
        for child, column, has_id in children.get(parent, []):
            if not has_id:
                continue
            for start in range(0, len(ids), _CHUNK):
                chunk = ids[start:start + _CHUNK]
                found = {r[0] for r in local.exec_driver_sql(f"SELECT id FROM {child} WHERE {_in(column, chunk)}",
                                                             tuple(chunk))}
                new = found - todo.setdefault(child, set())
                if new:
                    todo[child] |= new
                    queue.append(child)
    local.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    removed = dropped = 0
    for name, doomed_ids in todo.items():
        ordered = sorted(doomed_ids)
        for start in range(0, len(ordered), _CHUNK):
            chunk = ordered[start:start + _CHUNK]
            for child, column, has_id in children.get(name, []):
                if not has_id:  # derived rows (hours of a year)
                    local.exec_driver_sql(f"DELETE FROM {child} WHERE {_in(column, chunk)}", tuple(chunk))
            removed += local.exec_driver_sql(f"DELETE FROM {name} WHERE {_in('id', chunk)}", tuple(chunk)).rowcount
            dropped += local.exec_driver_sql(f"DELETE FROM sync_outbox WHERE {_in('row_id', chunk)}",
                                             tuple(chunk)).rowcount
            local.exec_driver_sql(f"DELETE FROM sync_held WHERE table_name = ? AND {_in('row_id', chunk)}",
                                  (name, *chunk))
    return removed, dropped
