"""An idle sync against a central database holding the whole city (1,000,000 trainees).

Every sync ends with a reconciliation: per table, both sides count the scope's rows and sum a
hash of ``(id, row_version)``. This measures what that costs a 滨海新区 desk (≈125,000 trainees)
when the central database holds all sixteen districts, with nothing to push or pull:

- ours: ``sync()`` with nothing changed, end to end (push, pull, scope exits, reconciliation);
  and its two halves alone, the central figures (``tjce_reconcile`` as the login) and the
  desk's figures (``reconcile._local_buckets``);
- floors: the same central figures as the owner's plain ``GROUP BY`` over the scope's rows
  (same joins, literal bounds, no function), and ``sqlite3`` reading every ``(id, row_version)``
  of the desk (no hashing);
- before: the central figures as the read policy finds them (every row of the city tested),
  which is what the reconciliation did until it started from the scope's key range.

The central database is filled from the bench database with COPY (server_seq numbered in
table order as the rows go in). Needs ``bench_demo.py --trainees 1000000`` first.

    python bench/bench_sync_city.py --db bench/out/demo_ours.sqlite3
"""

from __future__ import annotations

import argparse
import glob
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

import psycopg
import sqlalchemy as sa

from bench_sync import PASSWORD, start_server
from tjce_desktop.domain.enums import Role
from tjce_desktop.services import central_admin
from tjce_desktop.services.orgs import subtree_bounds
from tjce_desktop.storage.database import open_database
from tjce_desktop.storage.models import Base
from tjce_desktop.sync import reconcile
from tjce_desktop.sync.central_schema import TABLE_ORDER, scope_rows_sql
from tjce_desktop.sync.engine import sync

BINHAI = "/120000/120116/"


def fill(url: str, source: Path) -> dict[str, int]:
    central_admin.init_central(url)
    raw = sqlite3.connect(source)
    counts, seq = {}, 0
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as connection:
        connection.execute("SET session_replication_role = replica")  # bulk load: no triggers or FK checks
        for name in TABLE_ORDER:
            columns = [c.name for c in Base.metadata.tables[name].c]
            at = columns.index("server_seq")
            n = 0
            with connection.cursor().copy(f"COPY {name} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in raw.execute(f"SELECT {', '.join(columns)} FROM {name}"):
                    seq += 1
                    copy.write_row(row[:at] + (seq,) + row[at + 1:])
                    n += 1
            counts[name] = n
        connection.execute("SET session_replication_role = DEFAULT")
        connection.execute(f"SELECT setval('sync_seq', {seq + 1})")
        connection.commit()
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
    return counts


def _timed(work, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=Path(__file__).parent / "out" / "demo_ours.sqlite3")
    parser.add_argument("--pg-bin", default=(glob.glob("/usr/lib/postgresql/*/bin") or [""])[0])
    args = parser.parse_args()
    url, stop = start_server(args.pg_bin)
    try:
        started = time.perf_counter()
        counts = fill(url, args.db)
        print(f"central filled in {time.perf_counter() - started:.0f} s: " +
              ", ".join(f"{k} {v:,}" for k, v in counts.items() if v))
        central_admin.add_admin(url, username="binhai", password=PASSWORD, role=Role.UNIT_SUPERVISOR,
                                org_reference="滨海新区")
        login_url = url.replace("tjce_owner@", f"{central_admin.login_role_for('binhai')}:{PASSWORD}@")
        engine = sa.create_engine(login_url)
        owner = sa.create_engine(url)
        desk_path = Path(tempfile.mkdtemp(prefix="tjce-bench-desk-")) / "desk.sqlite3"
        desk = open_database(desk_path)
        start = time.perf_counter()
        report = sync(desk, engine, actor="binhai")
        print(f"first sync of 滨海新区: {report.pulled:,} rows in {time.perf_counter() - start:.1f} s, "
              f"check clean: {report.check_clean}")

        idle = _timed(lambda: sync(desk, engine, actor="binhai"))

        def central_figures(connection_engine, sql_of):
            with connection_engine.connect() as connection:
                for name in TABLE_ORDER:
                    connection.execute(sa.text(sql_of(name))).all()

        ours_central = _timed(lambda: central_figures(
            engine, lambda name: f"SELECT * FROM tjce_reconcile('{name}', '{{}}')"))
        lo, hi = subtree_bounds(BINHAI)
        floor_central = _timed(lambda: central_figures(owner, lambda name: (
            "SELECT right(s.id::text, 2), count(*), sum(tjce_row_hash(s.id, s.row_version))::numeric FROM ("
            + scope_rows_sql(name).replace("scope_lo", f"'{lo}'").replace("scope_hi", f"'{hi}'")
                                  .replace("login_scope", f"'{lo}'") + ") s GROUP BY 1")))
        by_policy = _timed(lambda: central_figures(engine, lambda name: (
            f"SELECT right(id::text, 2), count(*), sum(tjce_row_hash(id, row_version))::numeric "
            f"FROM {name} GROUP BY 1")), repeat=1)

        def desk_figures():
            with desk.engine.connect() as local:
                for name in TABLE_ORDER:
                    reconcile._local_buckets(local, name, set())

        def desk_floor():
            local = sqlite3.connect(desk_path)
            for name in TABLE_ORDER:
                for _row in local.execute(f"SELECT id, row_version FROM {name}"):
                    pass
            local.close()

        ours_desk, floor_desk = _timed(desk_figures), _timed(desk_floor)
        with desk.engine.connect() as local:
            scope_rows = sum(local.exec_driver_sql(f"SELECT count(*) FROM {name}").scalar() for name in TABLE_ORDER)
        print(f"idle sync of 滨海新区 ({scope_rows:,} rows in its scope, city {sum(counts.values()):,}): "
              f"{idle:.2f} s (median of 3)")
        print(f"  central figures: ours {ours_central:.2f} s, owner's plain GROUP BY {floor_central:.2f} s "
              f"— ours {ours_central / floor_central:.2f}x; through the read policy (before) {by_policy:.2f} s")
        print(f"  desk figures: ours {ours_desk:.2f} s, sqlite3 reading the same (id, row_version) "
              f"{floor_desk:.2f} s — ours {ours_desk / floor_desk:.2f}x")
        engine.dispose()
        owner.dispose()
    finally:
        stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
