"""Live trainees per org path (``org_trainee_count``, migration 0012): scope counts without
reading the scope's trainees.

Triggers keep the table in step with every write to ``trainee`` in the same transaction;
these functions read it — on the engine's connection or the first screen's plain ``sqlite3``
one alike (anything with ``exec_driver_sql``) — rebuild it, and check it against a real count.
The table is local and derived: not a model, never synced.
"""

from __future__ import annotations

from typing import Any

TABLE = "org_trainee_count"
_LIVE_COUNTS = "SELECT org_path, sum(active != 0), count(*) FROM trainee WHERE deleted_at IS NULL GROUP BY org_path"


def stored_count(connection: Any, bounds: tuple[str, str], *, active_only: bool) -> int:
    """Live trainees (only 在职 ones with ``active_only``) under the org paths in ``bounds``."""
    column = "active" if active_only else "total"
    sql = f"SELECT coalesce(sum({column}), 0) FROM {TABLE} WHERE org_path >= ? AND org_path < ?"
    return int(connection.exec_driver_sql(sql, bounds).scalar_one())


def stored_counts_by_path(connection: Any, bounds: tuple[str, str], *, active_only: bool) -> dict[str, int]:
    """Each org path's own live trainees (not its sub-orgs'), for the paths in ``bounds``."""
    column = "active" if active_only else "total"
    sql = f"SELECT org_path, {column} FROM {TABLE} WHERE org_path >= ? AND org_path < ? AND {column} > 0"
    return {path: count for path, count in connection.exec_driver_sql(sql, bounds)}


def rebuild(connection: Any) -> None:
    """Recount from the trainees (one GROUP BY), in the caller's transaction."""
    connection.exec_driver_sql(f"DELETE FROM {TABLE}")
    connection.exec_driver_sql(f"INSERT INTO {TABLE} (org_path, active, total) {_LIVE_COUNTS}")


def differences(connection: Any) -> dict[str, tuple[tuple[int, int], tuple[int, int]]]:
    """Org paths whose stored (在职, all) differ from a real count: path → (stored, counted)."""
    counted = {path: (active, total) for path, active, total in connection.exec_driver_sql(_LIVE_COUNTS)}
    rows = connection.exec_driver_sql(f"SELECT org_path, active, total FROM {TABLE} WHERE total != 0 OR active != 0")
    stored = {path: (active, total) for path, active, total in rows}
    return {path: (stored.get(path, (0, 0)), counted.get(path, (0, 0)))
            for path in counted.keys() | stored.keys() if stored.get(path, (0, 0)) != counted.get(path, (0, 0))}


def city_totals(connection: Any) -> tuple[tuple[int, int], tuple[int, int]]:
    """Stored and counted (在职, all) for the whole database: the cheap check of ``--self-test``."""
    stored = connection.exec_driver_sql(
        f"SELECT coalesce(sum(active), 0), coalesce(sum(total), 0) FROM {TABLE}").all()[0]
    counted = connection.exec_driver_sql(
        "SELECT coalesce(sum(active != 0), 0), count(*) FROM trainee WHERE deleted_at IS NULL").all()[0]
    return (int(stored[0]), int(stored[1])), (int(counted[0]), int(counted[1]))
