"""`tjce demo --trainees N` against plain sqlite3.executemany inserting the same rows.

The floor gets every advantage: the rows are generated before its clock runs (per chunk,
outside the timed part), into the same schema, with the same pragmas, in one transaction.
Our number is the whole CLI command, start to exit, generation included.

    python bench/bench_demo.py --trainees 1000000
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tjce_desktop.services import demo_generator as gen
from tjce_desktop.services.demo import insert_sql
from tjce_desktop.storage.database import open_database

AS_OF = dt.date(2026, 11, 29)
SEED = 2026


def run_ours(path: Path, trainees: int) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tjce_desktop.cli.main", "--db", str(path), "demo", "--trainees",
                    str(trainees), "--seed", str(SEED), "--as-of", AS_OF.isoformat(), "--quiet"], check=True)
    return time.perf_counter() - started


def run_floor(path: Path, trainees: int) -> tuple[float, float]:
    open_database(path).dispose()  # the same schema, made by the migrations
    ctx = gen.build_context(SEED, trainees, AS_OF)
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "cache_size=-65536"):
        connection.execute(f"PRAGMA {pragma}")
    insert_seconds = generate_seconds = 0.0
    started = time.perf_counter()
    connection.execute("BEGIN")
    connection.execute("PRAGMA defer_foreign_keys=ON")
    for table, rows in gen.reference_rows(ctx).items():
        connection.executemany(insert_sql(table), rows)
    stamp_counts: dict = {}
    insert_seconds += time.perf_counter() - started
    for index in range(ctx.chunk_count):
        t0 = time.perf_counter()
        chunk = gen.generate_chunk(ctx, index)
        t1 = time.perf_counter()
        generate_seconds += t1 - t0
        for table in ("trainee", "enrollment", "course_progress", "exam_attempt"):
            connection.executemany(insert_sql(table), getattr(chunk, table))
        for key, count in chunk.stamp_counts.items():
            stamp_counts[key] = stamp_counts.get(key, 0) + count
        insert_seconds += time.perf_counter() - t1
    t0 = time.perf_counter()
    connection.executemany(insert_sql("stamp_batch"), gen.stamp_batch_rows(ctx, stamp_counts))
    connection.execute("COMMIT")
    connection.close()
    insert_seconds += time.perf_counter() - t0
    return insert_seconds, generate_seconds


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trainees", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    ours_path, floor_path = args.out / "demo_ours.sqlite3", args.out / "demo_floor.sqlite3"
    for path in (ours_path, floor_path):
        for leftover in path.parent.glob(path.name + "*"):
            leftover.unlink()
    floor, generation = run_floor(floor_path, args.trainees)
    ours = run_ours(ours_path, args.trainees)
    print(f"trainees: {args.trainees:,}")
    print(f"floor  sqlite3.executemany of the same rows, one transaction: {floor:8.1f} s")
    print(f"       (generating those rows, not counted in the floor):     {generation:8.1f} s")
    print(f"ours   tjce demo, whole command:                              {ours:8.1f} s")
    print(f"ratio  ours / floor: {ours / floor:.2f}x   (goal: within 1.5x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
