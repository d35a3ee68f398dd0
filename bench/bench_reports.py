"""The count reports on the 1,000,000-trainee demo, for the whole city and one district.

For each: our service (SQL + assembling the report) against the same figures from plain
sqlite3 — the straightforward query a person would write first (archives joined to their
trainees), and our own query run bare.

    python bench/bench_reports.py --db bench/out/demo_ours.sqlite3
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import time
from pathlib import Path

from tjce_desktop.services import reports
from tjce_desktop.storage.database import open_database

NAIVE_STATUS = ("SELECT e.plan_id, e.status, count(*) FROM enrollment e JOIN trainee t ON t.id = e.trainee_id "
                "WHERE e.deleted_at IS NULL AND t.deleted_at IS NULL AND t.active = 1 "
                "AND t.org_path >= ? AND t.org_path < ? GROUP BY e.plan_id, e.status")
OURS_STATUS = ("SELECT count(*) FROM enrollment e WHERE e.plan_id = ? AND e.status = ? AND e.deleted_at IS NULL "
               "AND e.trainee_active = 1 AND e.org_path >= ? AND e.org_path < ?")
STATUSES = ("not_started", "in_progress", "finished")
REGISTERED = ("SELECT count(*) FROM trainee t WHERE t.deleted_at IS NULL AND t.active = 1 "
              "AND t.org_path >= ? AND t.org_path < ?")


def median_time(fn, runs=3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=Path(__file__).parent / "out" / "demo_ours.sqlite3")
    args = parser.parse_args()
    database = open_database(args.db)
    raw = sqlite3.connect(args.db)
    with database.engine.connect() as connection:
        plan = reports.find_plan(connection, "2025年度公需课培训计划")
        for scope, label in (("/120000/", "天津市"), ("/120000/120116/", "滨海新区")):
            bounds = (scope, scope[:-1] + "0")
            naive = median_time(lambda: (raw.execute(REGISTERED, bounds).fetchall(),
                                         raw.execute(NAIVE_STATUS, bounds).fetchall()), runs=1)
            plan_ids = [row[0] for row in raw.execute("SELECT id FROM training_plan")]
            bare = median_time(lambda: (raw.execute(REGISTERED, bounds).fetchall(),
                                        [raw.execute(OURS_STATUS, (p, s, *bounds)).fetchall()
                                         for p in plan_ids for s in STATUSES]))
            for code, fn in (("4.1", lambda: reports.plan_summary(connection, scope)),
                             ("4.3", lambda: reports.plan_status(connection, scope)),
                             ("4.5", lambda: reports.exam_summary(connection, scope, plan)),
                             ("4.1 by child", lambda: reports.by_child(connection, "4.1", scope, label, plan))):
                ours = median_time(fn)
                print(f"{label:5} {code:12} ours {ours:6.2f} s", end="")
                if code in ("4.1", "4.3"):
                    print(f"   same query bare {bare:5.2f} s ({ours / bare:.2f}x);"
                          f" straightforward join {naive:6.2f} s ({ours / naive:.2f}x)", end="")
                print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
