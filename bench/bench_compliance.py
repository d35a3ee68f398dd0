"""合规看板 for the whole city (1,000,000 trainees): our overview against plain SQL.

Ours reads the derived hours of the year (``trainee_year_hours``) and the trainee index, per
child org. Two comparisons: the same figures by one straightforward query over the base
tables (every course record of the year joined to its archive and course), and the same
figures by one plain query over the derived table (our data, no per-child split).

    python bench/bench_compliance.py --db bench/out/demo_ours.sqlite3
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from pathlib import Path

from tjce_desktop.services.actor import LOCAL_ADMIN
from tjce_desktop.services.compliance import compliance_overview
from tjce_desktop.storage.database import open_database

YEAR = 2025
BASE_TABLES = f"""
SELECT count(*), sum(coalesce(h.total, 0) >= r.required), sum(max(r.required - coalesce(h.total, 0), 0))
FROM (SELECT t.id, CASE WHEN t.title_level IN ('senior_full', 'senior_deputy') OR t.high_tech THEN 144 ELSE 96 END
      AS required FROM trainee t WHERE t.deleted_at IS NULL AND t.active = 1) r
LEFT JOIN (SELECT e.trainee_id, sum(p.hours) AS total FROM course_progress p JOIN enrollment e ON e.id = p.enrollment_id
           WHERE p.finished_at >= '{YEAR}-01-01' AND p.finished_at < '{YEAR + 1}-01-01' AND p.deleted_at IS NULL
           GROUP BY e.trainee_id) h ON h.trainee_id = r.id
"""
DERIVED = f"""
SELECT count(*), sum(coalesce(y.total, 0) >= coalesce(y.required, CASE WHEN t.title_level IN ('senior_full',
       'senior_deputy') OR t.high_tech THEN 144 ELSE 96 END)),
       sum(max(coalesce(y.required, CASE WHEN t.title_level IN ('senior_full', 'senior_deputy') OR t.high_tech
       THEN 144 ELSE 96 END) - coalesce(y.total, 0), 0))
FROM trainee t LEFT JOIN trainee_year_hours y ON y.trainee_id = t.id AND y.year = {YEAR}
WHERE t.deleted_at IS NULL AND t.active = 1
"""


HOURS_RANGE = ("SELECT count(*), sum(y.total >= y.required), sum(max(y.required - y.total, 0)), sum(y.required) "
               "FROM trainee_year_hours y WHERE y.year = ? AND y.org_path >= ? AND y.org_path < ? AND y.active = 1")
PEOPLE_RANGE = ("SELECT count(*), sum(t.title_level IN ('senior_full', 'senior_deputy') OR t.high_tech) FROM trainee t "
                "WHERE t.deleted_at IS NULL AND t.active = 1 AND t.org_path >= ? AND t.org_path < ?")
REGISTRATIONS = ("SELECT t.org_path, r.verified_at IS NOT NULL FROM certificate_registration r CROSS JOIN trainee t "
                 "ON t.id = r.trainee_id WHERE r.year = ? AND r.deleted_at IS NULL AND t.active = 1 "
                 "AND t.org_path >= ? AND t.org_path < ?")


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=Path(__file__).parent / "out" / "demo_ours.sqlite3")
    args = parser.parse_args()
    (database, migrate_seconds) = timed(lambda: open_database(args.db))  # migrates an older bench database
    print(f"opened (and migrated if needed) in {migrate_seconds:.1f} s")
    raw = sqlite3.connect(args.db)
    with database.engine.connect() as connection:
        compliance_overview(connection, LOCAL_ADMIN.scope("/120000/"), "天津市", YEAR)  # warm the cache
        runs = [timed(lambda: compliance_overview(connection, LOCAL_ADMIN.scope("/120000/"), "天津市", YEAR))
                for _ in range(3)]
    report, ours = min(runs, key=lambda run: run[1])
    derived, t_derived = min((timed(lambda: raw.execute(DERIVED).fetchone()) for _ in range(3)), key=lambda r: r[1])
    base, t_base = timed(lambda: raw.execute(BASE_TABLES).fetchone())
    children = raw.execute("SELECT c.path FROM org c JOIN org p ON p.id = c.parent_id "
                           "WHERE p.path = '/120000/'").fetchall()

    def bare():  # the same range queries we send, per child org, through sqlite3
        for (path,) in children:
            bounds = (path, path[:-1] + "0")
            raw.execute(HOURS_RANGE, (YEAR, *bounds)).fetchone()
            raw.execute(PEOPLE_RANGE, bounds).fetchone()
        raw.execute(REGISTRATIONS, (YEAR, "/120000/", "/1200000")).fetchall()

    _, t_bare = min((timed(bare) for _ in range(3)), key=lambda r: r[1])
    total = report.total
    assert (total.trainees, total.met) == (derived[0], derived[1]) == (base[0], base[1]), (total, derived, base)
    print(f"天津市 {YEAR}: {total.trainees:,} 在职, {total.met:,} met, {total.short:,} short, "
          f"{total.gap_hours:,.0f} hours missing; {len(report.rows)} child orgs")
    print(f"  ours (per child org, with registrations and deadlines) {ours:.2f} s")
    print(f"  the same range queries bare through sqlite3 {t_bare:.2f} s — ours {ours / t_bare:.2f}x")
    print(f"  one plain query over the derived table (city total only) {t_derived:.2f} s — "
          f"ours {ours / t_derived:.2f}x")
    print(f"  one straightforward query over the base tables (city total only) {t_base:.2f} s — "
          f"ours {ours / t_base:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
