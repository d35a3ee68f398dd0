"""Fill an empty local database with the seeded demo data set (``tjce demo``).

All rows go in with plain ``executemany`` in one transaction: a cancel or a crash leaves the
database empty. While this process inserts one chunk, a worker process generates the next,
so on two cores generation costs little more than the inserts alone.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import multiprocessing.connection
import os
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from sqlalchemy import Connection

from tjce_desktop.domain.errors import UserError
from tjce_desktop.domain.task_state import TaskState
from tjce_desktop.services import demo_generator as gen
from tjce_desktop.services.demo_recognition import add_demo_recognitions
from tjce_desktop.storage.database import Database
from tjce_desktop.storage.derived import rebuild_year_hours

DEFAULT_TRAINEES = 20_000
DEFAULT_SEED = 2026

def die_with_parent() -> None:
    """In each worker: exit as soon as the parent is gone (killed, crashed), never run on alone.

    A killed ``tjce demo`` left its workers generating for many minutes, 115 MB each. Waiting on
    the parent's sentinel works with spawn on Windows and Linux; on Linux the kernel's
    PR_SET_PDEATHSIG also covers a worker busy in C code.
    """
    import threading

    parent = multiprocessing.parent_process()
    if parent is None:
        return
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()

_PARALLEL_FROM_CHUNKS = 6  # below this, starting a worker costs more than it saves
_CHUNKS_IN_FLIGHT = 3  # bounded, so a slow disk cannot make results pile up in memory


class DemoError(UserError):
    """``str()`` is the Chinese message."""


@dataclass(frozen=True, slots=True)
class DemoSummary:
    trainees: int
    orgs: int
    plans: int
    enrollments: int
    course_progress: int
    exam_attempts: int
    stamp_batches: int
    seconds: float


def insert_sql(table: str) -> str:
    columns = gen.COLUMNS[table]
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def iter_chunks(ctx: gen.DemoContext, workers: int) -> Iterator[gen.ChunkRows]:
    """The chunks in order; made in worker processes when that pays off."""
    if workers <= 0 or ctx.chunk_count < _PARALLEL_FROM_CHUNKS:
        for index in range(ctx.chunk_count):
            yield gen.generate_chunk(ctx, index)
        return
    # spawn, not fork: the GUI calls this from a worker thread, and forking a threaded
    # process is unsafe.
    delivered = 0
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                             initializer=die_with_parent) as pool:
        pending: deque[Future[gen.ChunkRows]] = deque()
        next_index = 0
        try:
            while next_index < ctx.chunk_count or pending:
                while next_index < ctx.chunk_count and len(pending) < _CHUNKS_IN_FLIGHT + workers:
                    pending.append(pool.submit(gen.generate_chunk, ctx, next_index))
                    next_index += 1
                chunk = pending.popleft().result()
                delivered += 1
                yield chunk
        except BrokenProcessPool:
            pass  # a worker could not start or died: make the remaining chunks here
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    for index in range(delivered, ctx.chunk_count):
        yield gen.generate_chunk(ctx, index)


# Who holds a booklet already, and who was registered below the rule (an audited exception).
_HOLDS_CERTIFICATE = "CAST(substr(t.username, 3) AS INTEGER) % 5 < 2"
_EXCEPTION = ("CAST(substr(t.username, 3) AS INTEGER) % 7 = 0 AND y.total >= 0.5 * y.required")
_EXCEPTION_REASONS = ("援派新疆一年，经区人力社保局同意", "长期病假，有单位及医院证明", "产假期间，按规定酌情减免")
# The issuing department of a trainee: their district's or bureau's org (the path's second code).
_ISSUER_PATH = "substr(t.org_path, 1, 8 + instr(substr(t.org_path, 9), '/'))"


def _certificates_and_registrations(connection: Connection, ctx: gen.DemoContext) -> None:
    """Two in five trainees hold a booklet; their past years are registered when they met the year's
    rule (a few below it, with a reason); the oldest year is verified, the last one by half the
    districts — verified years are frozen."""
    from tjce_desktop.services.compliance import met_condition_sql
    from tjce_desktop.storage.hour_rules import load_rules

    now = gen._stamp(ctx.as_of, 480)
    first = ctx.as_of.year - 2
    connection.exec_driver_sql(
        "INSERT INTO certificate (id, trainee_id, number, issuing_org_id, issued_on, booklet_no, issue_reason, "
        "status, row_version, updated_at, updated_by) "
        f"SELECT '{gen.hex_id('certificate', 0)[:16]}' || substr(t.id, 17), t.id, "
        f"'JX' || o.code || '{first}' || printf('%06d', row_number() OVER (PARTITION BY o.id ORDER BY t.id)), o.id, "
        f"'{first}-01-10', 1, 'new', 'active', 1, ?, 'demo' FROM trainee t JOIN org o ON o.path = {_ISSUER_PATH} "
        f"WHERE t.active = 1 AND t.deleted_at IS NULL AND {_HOLDS_CERTIFICATE}", (now,))
    rules = load_rules(connection)
    reasons = " ".join(f"WHEN {n} THEN '{reason}'" for n, reason in enumerate(_EXCEPTION_REASONS))
    for offset, year in enumerate((first, first + 1)):
        met = met_condition_sql(rules.for_year(year))
        verified = "1" if offset == 0 else "o.sort_order % 2 = 0"
        connection.exec_driver_sql(
            "INSERT INTO certificate_registration (id, certificate_id, trainee_id, year, hours_public_required, "
            "hours_public_elective, hours_professional, hours_other, required_hours, registered_by, registered_at, "
            "exception_reason, verified_by, verified_at, verifying_org_id, row_version, updated_at, updated_by) "
            f"SELECT '{gen.hex_id('registration', 0)[:14]}{offset:02x}' || substr(t.id, 17), c.id, t.id, ?, "
            "y.public_required, y.public_elective, y.professional, y.other, y.required, 'demo', "
            f"printf('{year}-12-%02d 10:00:00.000000', 5 + CAST(substr(t.username, 3) AS INTEGER) % 20), "
            f"CASE WHEN {met} THEN NULL ELSE CASE CAST(substr(t.username, 3) AS INTEGER) % 3 {reasons} END END, "
            f"CASE WHEN {verified} THEN 'demo' END, "
            f"CASE WHEN {verified} THEN printf('{year + 1}-01-%02d 15:00:00.000000', 8 + o.sort_order % 10) END, "
            f"CASE WHEN {verified} THEN o.id END, 1, ?, 'demo' "
            "FROM certificate c JOIN trainee t ON t.id = c.trainee_id JOIN org o ON o.id = c.issuing_org_id "
            "JOIN trainee_year_hours y ON y.trainee_id = t.id AND y.year = ? "
            f"WHERE ({met}) OR ({_EXCEPTION})", (year, now, year))


def _insert(connection: Connection, table: str, rows: list[tuple]) -> None:
    if rows:
        connection.exec_driver_sql(insert_sql(table), rows)


def build_demo(
    database: Database,
    *,
    trainees: int = DEFAULT_TRAINEES,
    seed: int = DEFAULT_SEED,
    as_of: dt.date | None = None,
    state: TaskState | None = None,
    workers: int | None = None,
) -> DemoSummary:
    if trainees < 1:
        raise DemoError("学员人数必须大于 0。")
    if trainees > 7_000_000:
        raise DemoError("演示数据最多 7,000,000 名学员。")
    state = state or TaskState()
    as_of = as_of or dt.date.today()
    workers = max(1, (os.cpu_count() or 2) - 1) if workers is None else workers
    started = time.perf_counter()
    ctx = gen.build_context(seed, trainees, as_of)
    counts = {"enrollment": 0, "course_progress": 0, "exam_attempt": 0}
    stamp_counts: dict[tuple[int, int], int] = {}
    with database.engine.connect() as connection:
        existing = connection.exec_driver_sql("SELECT count(*) FROM org").scalar_one()
        if existing:
            raise DemoError(
                f"数据库“{database.path}”中已有数据，演示数据只能写入空数据库。请用 --db 指定一个新文件。"
            )
        connection.rollback()  # end the read, so the whole load is one write transaction
        with connection.begin():
            # Batches are written last, with their final archive counts.
            connection.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
            state.report(0.0, "正在生成组织机构和培训计划…")
            for table, rows in gen.reference_rows(ctx).items():
                _insert(connection, table, rows)
            _insert(connection, "hour_rule", gen.hour_rule_rows(ctx))
            done = 0
            for chunk in iter_chunks(ctx, workers):
                state.check()
                for table in ("trainee", "enrollment", "course_progress", "exam_attempt", "other_learning"):
                    _insert(connection, table, getattr(chunk, table))
                for table in counts:
                    counts[table] += len(getattr(chunk, table))
                for key, count in chunk.stamp_counts.items():
                    stamp_counts[key] = stamp_counts.get(key, 0) + count
                done += len(chunk.trainee)
                state.report(0.97 * done / trainees, f"已写入 {done:,} / {trainees:,} 名学员及其学习档案")
            batches = gen.stamp_batch_rows(ctx, stamp_counts)
            _insert(connection, "stamp_batch", batches)
            # demo_built_at (local time, as backups are named): the first automatic backup is due
            # a day after it (services/backups.py) — the demo can be rebuilt from its seed.
            meta = {"demo_seed": str(seed), "demo_trainees": str(trainees), "demo_as_of": as_of.isoformat(),
                    "demo_built_at": dt.datetime.now().isoformat(timespec="seconds")}
            connection.exec_driver_sql(
                "INSERT OR REPLACE INTO app_meta (key, value) VALUES (?, ?)", list(meta.items())
            )
            add_demo_recognitions(connection, seed, as_of, trainees)  # 学时认定: approved, pending, rejected
            state.report(0.975, "正在统计每人每年的学时…")
            rebuild_year_hours(connection)
            state.report(0.977, "正在登记证书…")
            _certificates_and_registrations(connection, ctx)
            state.report(0.98, "正在更新查询统计信息…")
            # Planner statistics, so subtree and name queries pick the right index at once.
            connection.exec_driver_sql("PRAGMA analysis_limit=2000")
            connection.exec_driver_sql("ANALYZE")
    # The WAL now holds everything written (124 MB beside a 117 MB database for 20,000
    # trainees): fold it into the database so the data folder holds the database once.
    database.fold_wal()
    state.report(1.0, "演示数据已生成。")
    return DemoSummary(
        trainees=trainees,
        orgs=len(ctx.orgs),
        plans=len(ctx.plans),
        enrollments=counts["enrollment"],
        course_progress=counts["course_progress"],
        exam_attempts=counts["exam_attempt"],
        stamp_batches=len(batches),
        seconds=time.perf_counter() - started,
    )
