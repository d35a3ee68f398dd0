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
from tjce_desktop.services.actor import LOCAL_ADMIN
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


def plain_4_5(raw, plan_id, bounds):
    """The straightforward SQL for 4.5: archives joined to trainees, attempts aggregated."""
    return raw.execute(
        "SELECT x.id, sum(a.passed_any = 1), sum(a.passed_any = 0), sum(a.passed_any IS NULL) "
        "FROM exam x JOIN enrollment e ON e.plan_id = x.plan_id AND e.deleted_at IS NULL "
        "JOIN trainee t ON t.id = e.trainee_id "
        "LEFT JOIN (SELECT enrollment_id, exam_id, max(passed) AS passed_any FROM exam_attempt "
        "           WHERE deleted_at IS NULL GROUP BY enrollment_id, exam_id) a "
        "  ON a.enrollment_id = e.id AND a.exam_id = x.id "
        "WHERE x.plan_id = ? AND t.deleted_at IS NULL AND t.active = 1 AND t.org_path >= ? AND t.org_path < ? "
        "GROUP BY x.id", (plan_id, *bounds)).fetchall()


def plain_4_2(raw, plan_id, bounds):
    """The same rows as 4.2 from one plain query (hours by category, best score per exam)."""
    return raw.execute(
        "SELECT t.org_path, t.username, t.real_name, t.title_level, "
        " (SELECT sum(p.hours) FROM course_progress p JOIN course c ON c.id = p.course_id "
        "  WHERE p.enrollment_id = e.id AND c.category = 'public_required'), "
        " (SELECT sum(p.hours) FROM course_progress p JOIN course c ON c.id = p.course_id "
        "  WHERE p.enrollment_id = e.id AND c.category = 'public_elective'), "
        " (SELECT sum(p.hours) FROM course_progress p JOIN course c ON c.id = p.course_id "
        "  WHERE p.enrollment_id = e.id AND c.category = 'professional'), "
        " e.hours, e.status, e.finished_at, "
        " (SELECT max(a.score) FROM exam_attempt a JOIN exam x ON x.id = a.exam_id "
        "  WHERE a.enrollment_id = e.id AND x.plan_id = e.plan_id) "
        "FROM enrollment e JOIN trainee t ON t.id = e.trainee_id "
        "WHERE e.plan_id = ? AND e.deleted_at IS NULL AND t.deleted_at IS NULL AND t.active = 1 "
        "AND t.org_path >= ? AND t.org_path < ? ORDER BY t.org_path, t.real_name, t.rowid",
        (plan_id, *bounds)).fetchall()


def plain_4_4(raw, plan_id, bounds):
    return raw.execute(
        "SELECT t.org_path, t.username, t.real_name, x.name, count(a.id), max(a.score), max(a.passed) "
        "FROM enrollment e JOIN trainee t ON t.id = e.trainee_id JOIN exam x ON x.plan_id = e.plan_id "
        "LEFT JOIN exam_attempt a ON a.enrollment_id = e.id AND a.exam_id = x.id AND a.deleted_at IS NULL "
        "WHERE e.plan_id = ? AND e.deleted_at IS NULL AND t.deleted_at IS NULL AND t.active = 1 "
        "AND t.org_path >= ? AND t.org_path < ? GROUP BY e.id, x.id ORDER BY t.org_path, t.real_name, t.rowid",
        (plan_id, *bounds)).fetchall()


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
            checked = LOCAL_ADMIN.scope(scope)
            naive = median_time(lambda: (raw.execute(REGISTERED, bounds).fetchall(),
                                         raw.execute(NAIVE_STATUS, bounds).fetchall()), runs=1)
            plan_ids = [row[0] for row in raw.execute("SELECT id FROM training_plan")]
            bare = median_time(lambda: (raw.execute(REGISTERED, bounds).fetchall(),
                                        [raw.execute(OURS_STATUS, (p, s, *bounds)).fetchall()
                                         for p in plan_ids for s in STATUSES]))
            for code, fn in (("4.1", lambda: reports.plan_summary(connection, checked)),
                             ("4.3", lambda: reports.plan_status(connection, checked)),
                             ("4.5", lambda: reports.exam_summary(connection, checked, plan)),
                             ("4.1 by child", lambda: reports.by_child(connection, "4.1", checked, label, plan))):
                ours = median_time(fn)
                print(f"{label:5} {code:12} ours {ours:6.2f} s", end="")
                if code in ("4.1", "4.3"):
                    print(f"   same query bare {bare:5.2f} s ({ours / bare:.2f}x);"
                          f" straightforward join {naive:6.2f} s ({ours / naive:.2f}x)", end="")
                if code == "4.5":
                    plain = median_time(lambda: plain_4_5(raw, plan.id.hex, bounds), runs=1)
                    print(f"   plain SQL {plain:6.2f} s ({ours / plain:.2f}x)", end="")
                print()
            for code, ours_fn, plain_fn in (
                ("4.2", lambda: reports.trainee_detail(connection, checked, plan), plain_4_2),
                ("4.4", lambda: reports.exam_by_trainee(connection, checked, plan), plain_4_4),
            ):
                keys = median_time(lambda: reports.detail_keys(connection, checked, plan) if code == "4.2"
                                   else reports.exam_keys(connection, checked, plan), runs=1)
                ours = median_time(ours_fn, runs=1)
                plain = median_time(lambda: plain_fn(raw, plan.id.hex, bounds), runs=1)
                print(f"{label:5} {code:12} ours {ours:6.2f} s (the page shows after {keys:.2f} s)"
                      f"   plain SQL {plain:6.2f} s ({ours / plain:.2f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
