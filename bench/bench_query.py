"""综合查询 over the 3,000,000 archives of the 1,000,000-trainee demo.

A plan + district + status query: the count and the first page of rows (keys, then the
displayed values), through our services, against the same SQL run bare with sqlite3; also
the straightforward query a person would write first (archives joined to trainees and
plans, filtered and ordered in one statement), and the whole city with no plan.

    python bench/bench_query.py --db bench/out/demo_ours.sqlite3
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import time
from pathlib import Path

from tjce_desktop.services import archive_query as q
from tjce_desktop.services.actor import LOCAL_ADMIN
from tjce_desktop.services.orgs import list_orgs
from tjce_desktop.storage.database import open_database
from tjce_desktop.storage.unit_of_work import UnitOfWork

PAGE = 100
BARE_COUNT = ("SELECT count(*) FROM enrollment e WHERE e.deleted_at IS NULL AND e.org_path >= ? AND e.org_path < ? "
              "AND e.plan_id = ? AND e.status = ?")
BARE_KEYS = ("SELECT e.org_path, e.trainee_active, e.id, e.rowid FROM enrollment e WHERE e.deleted_at IS NULL "
             "AND e.org_path >= ? AND e.org_path < ? AND e.plan_id = ? AND e.status = ? "
             "ORDER BY e.org_path, e.trainee_active, e.id LIMIT ?")
BARE_ROWS = ("SELECT e.rowid, e.id, t.real_name, t.id_number, t.org_id, t.title_level, t.post_type, p.name, p.year, "
             "e.status, e.hours, e.finished_at, e.stamp_status, e.stamped_at, "
             "(SELECT max(a.passed) FROM exam_attempt a WHERE a.enrollment_id = e.id AND a.deleted_at IS NULL), "
             "(SELECT max(a.score) FROM exam_attempt a WHERE a.enrollment_id = e.id AND a.deleted_at IS NULL), "
             "(SELECT count(*) FROM exam_attempt a WHERE a.enrollment_id = e.id AND a.deleted_at IS NULL) "
             "FROM enrollment e JOIN trainee t ON t.id = e.trainee_id JOIN training_plan p ON p.id = e.plan_id "
             "WHERE e.rowid IN ({})")
NAIVE = ("SELECT t.real_name, t.id_number, p.name, e.status, e.hours FROM enrollment e "
         "JOIN trainee t ON t.id = e.trainee_id JOIN training_plan p ON p.id = e.plan_id "
         "WHERE e.deleted_at IS NULL AND t.org_path >= ? AND t.org_path < ? AND p.id = ? AND e.status = ? "
         "ORDER BY t.org_path, t.real_name LIMIT ?")
NAIVE_COUNT = ("SELECT count(*) FROM enrollment e JOIN trainee t ON t.id = e.trainee_id "
               "WHERE e.deleted_at IS NULL AND t.org_path >= ? AND t.org_path < ? AND e.plan_id = ? AND e.status = ?")


def median_time(fn, runs=5) -> float:
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
    with UnitOfWork(database) as uow:
        names = {org.id.hex: org.full_name for org in list_orgs(uow.session)}
    plan_id = raw.execute("SELECT id FROM training_plan WHERE name = '2025年度公需课培训计划'").fetchone()[0]
    archives = raw.execute("SELECT count(*) FROM enrollment").fetchone()[0]
    print(f"{archives:,} archives")
    with database.engine.connect() as connection:
        for path, label in (("/120000/120116/", "滨海新区"), ("/120000/", "天津市")):
            bounds = (path, path[:-1] + "0")
            scope = LOCAL_ADMIN.scope(path)
            filters = q.ArchiveFilter(plan_id=plan_id, status="finished")

            def ours():
                total = q.count_archives(connection, scope, filters)
                page = q.fetch_key_page(connection, scope, filters, None, PAGE)
                rows = q.fetch_rows(connection, scope, page.rowids, names)
                return total, len(rows)

            def bare():
                total = raw.execute(BARE_COUNT, (*bounds, plan_id, "finished")).fetchone()[0]
                keys = [row[3] for row in raw.execute(BARE_KEYS, (*bounds, plan_id, "finished", PAGE))]
                rows = raw.execute(BARE_ROWS.format(", ".join("?" * len(keys))), keys).fetchall()
                return total, len(rows)

            def naive():
                total = raw.execute(NAIVE_COUNT, (*bounds, plan_id, "finished")).fetchone()[0]
                rows = raw.execute(NAIVE, (*bounds, plan_id, "finished", PAGE)).fetchall()
                return total, len(rows)

            assert ours() == bare(), (ours(), bare())
            total = ours()[0]
            t_ours, t_bare = median_time(ours), median_time(bare)
            t_naive = median_time(naive, runs=1)
            print(f"{label}: plan + status, {total:,} archives — count + first page ours {t_ours * 1000:6.1f} ms, "
                  f"same SQL bare {t_bare * 1000:6.1f} ms ({t_ours / t_bare:.2f}x); straightforward join "
                  f"{t_naive * 1000:8.1f} ms")
        # The whole city with no plan: the count alone, and the first page (ordered by the scope index).
        city = LOCAL_ADMIN.scope("/120000/")
        t_all = median_time(lambda: (q.count_archives(connection, city),
                                     q.fetch_rows(connection, city, q.fetch_key_page(connection, city, q.NO_FILTER,
                                                                               None, PAGE).rowids, names)), runs=3)
        t_name = median_time(lambda: (q.count_archives(connection, city, q.ArchiveFilter(name_or_id="王芳")),
                                      q.fetch_key_page(connection, city, q.ArchiveFilter(name_or_id="王芳"),
                                                       None, PAGE)), runs=3)
        print(f"天津市: every archive, count + first page {t_all * 1000:.0f} ms; "
              f"a name over every archive {t_name * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
