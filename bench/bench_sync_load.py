"""Sync under load: one central PostgreSQL server and N desks working at once.

Each desk is its own SQLite file with its own login role (培训主管 of one district; the desks
are spread over the 16 districts). After a first sync of its district (timed on its own),
every desk edits trainees, adds trainees and syncs in a loop for ``--seconds``. Printed:
pushes per second (outbox entries applied or merged centrally), syncs, p50/p95/max sync time,
how often a sync gave up as busy (``SyncBusy``) and was retried. Then nothing may be lost or
doubled: every desk syncs once more, and once everyone has, syncs again and runs the
reconciliation check, which must be clean with an empty outbox; every trainee a desk added
must be in the central database exactly once. Exit code 1 if not.

The central data is a 2,000-trainee demo (``build_demo``) joined with ``init_central``.
Desks run as threads spread over a few processes (the GIL: one process would measure
itself); each desk talks to the server through a NullPool engine, as the program does.

    python bench/bench_sync_load.py --desks 50 --seconds 60
    python bench/bench_sync_load.py --desks 200 --seconds 60
"""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import multiprocessing as mp
import os
import queue
import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import uuid
from pathlib import Path

import psycopg
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from tjce_desktop.domain.enums import Role
from tjce_desktop.domain.id_number import make_id_number
from tjce_desktop.services import central_admin
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.demo import build_demo
from tjce_desktop.services.trainees import TraineeForm, add_trainee
from tjce_desktop.storage.database import open_database
from tjce_desktop.storage.models import Trainee
from tjce_desktop.storage.unit_of_work import UnitOfWork
from tjce_desktop.sync import reconcile
from tjce_desktop.sync.busy import SyncBusy
from tjce_desktop.sync.engine import pending_count, sync

EDIT_FIELDS = ("phone", "email", "job_title")
MAX_LOOPS = 100_000  # per desk: the loop is bounded by count as well as by time
MAX_ERRORS = 50  # per desk: a desk that keeps failing stops
FINAL_TRIES = 30  # busy retries of the final and the settling sync
PHASE_TIMEOUT = 1800.0  # seconds main waits for a phase of all desks


def password_of(index: int) -> str:
    return f"Desk-{index:03d}-2026x"


def username_of(index: int) -> str:
    return f"desk{index:03d}"


# --- the server --------------------------------------------------------------------------------


def start_server(bindir: str, max_connections: int) -> tuple[str, callable]:
    """A throwaway cluster (as ``postgres`` when root): trust for the owner, SCRAM for the desks."""
    base = Path(tempfile.mkdtemp(prefix="tjce-bench-load-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    data = base / "data"

    def stop() -> None:
        done = subprocess.run([*prefix, f"{bindir}/pg_ctl", "-D", str(data), "-m", "fast", "-t", "60", "stop"],
                              capture_output=True)
        if done.returncode != 0 and (data / "postmaster.pid").exists():
            subprocess.run([*prefix, f"{bindir}/pg_ctl", "-D", str(data), "-m", "immediate", "stop"],
                           capture_output=True)
        shutil.rmtree(base, ignore_errors=True)

    try:
        subprocess.run([*prefix, f"{bindir}/initdb", "-D", str(data), "-U", "tjce_owner", "--auth=trust", "-E",
                        "UTF8", "--no-locale"], check=True, capture_output=True)
        (data / "pg_hba.conf").write_text("local all all trust\nhost all tjce_owner 127.0.0.1/32 trust\n"
                                          "host all all 127.0.0.1/32 scram-sha-256\n")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        subprocess.run([*prefix, f"{bindir}/pg_ctl", "-D", str(data), "-o",
                        f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c max_connections={max_connections} "
                        "-c shared_buffers=256MB", "-l", str(base / "log"), "-w", "start"],
                       check=True, capture_output=True)
        with psycopg.connect(f"host=127.0.0.1 port={port} user=tjce_owner dbname=postgres", autocommit=True) as c:
            c.execute("CREATE DATABASE bench")
    except BaseException:
        stop()
        raise
    return f"postgresql+psycopg://tjce_owner@127.0.0.1:{port}/bench", stop


def districts_of(source: Path) -> list[tuple[str, str, str]]:
    """(name, path, region code) of the depth-1 children of 天津市."""
    with sqlite3.connect(source) as raw:
        rows = raw.execute("SELECT name, path, code FROM org WHERE depth = 1 AND kind = 'district' "
                           "AND deleted_at IS NULL ORDER BY sort_order, path").fetchall()
    return [(name, path, code[:6]) for name, path, code in rows]


# --- one desk ------------------------------------------------------------------------------------


class Desk:
    """One desk's whole run, in its own thread; every phase reports to main through ``out``."""

    def __init__(self, spec: dict, config: dict, out, go, settle, deadline) -> None:
        self.spec, self.config, self.out = spec, config, out
        self.go, self.settle, self.deadline = go, settle, deadline
        self.index = spec["index"]
        self.user = username_of(self.index)
        self.rng = random.Random(config["seed"] * 1000 + self.index)
        self.result = {"index": self.index, "district": spec["district"], "first_sync": None, "first_pulled": 0,
                       "sync_times": [], "pushed": 0, "merged": 0, "conflicts": 0, "waiting": 0, "busy": 0,
                       "edits": 0, "adds": 0, "added": [], "errors": [], "error_count": 0, "final_ok": False,
                       "clean": None, "pending": None, "check": None, "held": None, "loop_end": None}
        self.database = None
        self.engine = None
        self.counter = 0

    # reporting ----------------------------------------------------------------------------------

    def _error(self, where: str, exc: BaseException) -> None:
        self.result["error_count"] += 1
        if len(self.result["errors"]) < 5:
            self.result["errors"].append(f"[desk {self.index} {self.user} {self.spec['district']}, {where}] "
                                         + "".join(traceback.format_exception(exc)))

    # phases ---------------------------------------------------------------------------------------

    def run(self) -> None:
        ready = False
        try:
            ready = self._setup()
        except BaseException as exc:  # noqa: BLE001 — reported, the run goes on without this desk
            self._error("setup/first sync", exc)
        self.out.put(("ready", self.index, ready))
        try:
            if ready and self.go.wait(PHASE_TIMEOUT):
                self._loop()
                self.result["final_ok"] = self._sync_retrying("final sync")
        except BaseException as exc:  # noqa: BLE001
            self._error("loop", exc)
        self.out.put(("final", self.index, self.result["final_ok"]))
        try:
            if ready and self.settle.wait(PHASE_TIMEOUT):
                if self._sync_retrying("settling sync"):
                    found = reconcile.check(self.database, self.engine)
                    self.result["clean"] = found.clean
                    self.result["held"] = found.held
                    self.result["check"] = [(t.table_name, t.local_rows, t.central_rows, t.differing_buckets,
                                             t.left_out) for t in found.tables if not t.matches]
                    self.result["pending"] = pending_count(self.database)
        except BaseException as exc:  # noqa: BLE001
            self._error("check", exc)
        finally:
            if self.engine is not None:
                self.engine.dispose()
            if self.database is not None:
                self.database.dispose()
        self.out.put(("result", self.index, self.result))

    def _setup(self) -> bool:
        path = Path(self.config["folder"]) / f"{self.user}.sqlite3"
        shutil.copyfile(self.config["template"], path)  # empty and migrated: no Alembic run per desk
        central_admin.add_admin(self.config["owner_url"], username=self.user, password=password_of(self.index),
                                role=Role.UNIT_SUPERVISOR, org_reference=self.spec["district"])
        host = self.config["owner_url"].split("@", 1)[1]
        role = central_admin.login_role_for(self.user)
        self.engine = sa.create_engine(f"postgresql+psycopg://{role}:{password_of(self.index)}@{host}",
                                       poolclass=NullPool)
        self.database = open_database(path)
        start = time.perf_counter()
        for _attempt in range(FINAL_TRIES):
            try:
                report = sync(self.database, self.engine, actor=self.user)
                break
            except SyncBusy:
                self.result["busy_first"] = self.result.get("busy_first", 0) + 1
                time.sleep(self.rng.uniform(0.1, 1.0))
        else:
            raise RuntimeError(f"first sync busy {FINAL_TRIES} times")
        self.result["first_sync"] = time.perf_counter() - start
        self.result["first_pulled"] = report.pulled
        with self.database.engine.connect() as c:
            self.trainees = [uuid.UUID(r[0]) for r in c.exec_driver_sql(
                "SELECT id FROM trainee WHERE deleted_at IS NULL ORDER BY id")]
            district_path = self.spec["path"]
            self.orgs = [uuid.UUID(r[0]) for r in c.exec_driver_sql(
                "SELECT id FROM org WHERE path LIKE ? AND deleted_at IS NULL", (district_path + "%",))]
        self.actor = Actor(self.user, scope_path=self.spec["path"], role=Role.UNIT_SUPERVISOR)
        return bool(self.trainees and self.orgs)

    def _edit(self) -> None:
        with UnitOfWork(self.database, self.user) as uow:
            for _ in range(self.rng.randint(1, self.config["edits"])):
                row = uow.session.get(Trainee, self.rng.choice(self.trainees))
                if row is None or row.deleted_at is not None:
                    continue
                field = self.rng.choice(EDIT_FIELDS)
                self.counter += 1
                if field == "phone":
                    row.phone = f"13{self.index:03d}{self.counter:06d}"
                elif field == "email":
                    row.email = f"d{self.index}n{self.counter}@load.cn"
                else:
                    row.job_title = f"职务{self.index}-{self.counter}"
                self.result["edits"] += 1
            uow.commit()

    def _add(self) -> None:
        n = len(self.result["added"])
        # Born before 1962: the demo's ID numbers start there, so no clash with them; the
        # sequence is the desk's number, so none between desks either.
        birth = dt.date(1930, 1, 1) + dt.timedelta(days=n)
        form = TraineeForm(f"ld{self.index:03d}x{n:05d}", "压测", make_id_number(self.spec["region"], birth,
                                                                                 self.index % 1000),
                           self.rng.choice(self.orgs))
        with UnitOfWork(self.database, self.user) as uow:
            detail = add_trainee(uow, self.actor, form)
        self.result["added"].append(detail.id.hex)
        self.result["adds"] += 1
        self.trainees.append(detail.id)

    def _loop(self) -> None:
        deadline = self.deadline.value
        think = self.config["think"]
        for _ in range(MAX_LOOPS):
            if time.time() >= deadline or self.result["error_count"] >= MAX_ERRORS:
                break
            try:
                self._edit()
                if self.rng.random() < self.config["add_share"] and len(self.result["added"]) < 9000:
                    self._add()
            except Exception as exc:  # noqa: BLE001 — the desk's own work failed: report it
                self._error("edit/add", exc)
            start = time.perf_counter()
            try:
                report = sync(self.database, self.engine, actor=self.user)
            except SyncBusy:
                self.result["busy"] += 1
                time.sleep(self.rng.uniform(0.05, 0.5))
                continue
            except Exception as exc:  # noqa: BLE001
                self._error("sync in the loop", exc)
                time.sleep(0.5)
                continue
            self.result["sync_times"].append(time.perf_counter() - start)
            for name in ("pushed", "merged", "conflicts", "waiting"):
                self.result[name] += getattr(report, name)
            if think:
                time.sleep(self.rng.uniform(0, 2 * think))
        self.result["loop_end"] = time.time()

    def _sync_retrying(self, where: str) -> bool:
        for _ in range(FINAL_TRIES):
            try:
                sync(self.database, self.engine, actor=self.user)
                return True
            except SyncBusy:
                self.result["busy_final"] = self.result.get("busy_final", 0) + 1
                time.sleep(self.rng.uniform(0.2, 2.0))
            except Exception as exc:  # noqa: BLE001
                self._error(where, exc)
                time.sleep(0.5)
        return False


def worker(specs: list[dict], config: dict, out, go, settle, deadline) -> None:
    threads = []
    for spec in specs:
        desk = Desk(spec, config, out, go, settle, deadline)
        thread = threading.Thread(target=desk.run, name=f"desk{spec['index']}", daemon=True)
        thread.start()
        threads.append(thread)
    limit = time.monotonic() + 3 * PHASE_TIMEOUT + config["seconds"]
    for thread in threads:
        thread.join(max(0.0, limit - time.monotonic()))


# --- main ----------------------------------------------------------------------------------------


def collect(out, kind: str, expected: int, results: dict, timeout: float) -> dict:
    """Messages of one kind from every desk (others kept in ``results`` by kind)."""
    limit = time.monotonic() + timeout
    while len(results.setdefault(kind, {})) < expected:
        try:
            message = out.get(timeout=max(0.1, min(5.0, limit - time.monotonic())))
        except queue.Empty:
            if time.monotonic() >= limit:
                raise TimeoutError(f"{kind}: {len(results[kind])} of {expected} desks after {timeout:.0f} s") from None
            continue
        results.setdefault(message[0], {})[message[1]] = message[2]
    return results[kind]


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def _exit_on_sigterm() -> None:
    """A killed bench (timeout, Ctrl+C in a pipeline) still runs its finally: the server stops."""
    import signal

    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(143))


def main() -> int:
    _exit_on_sigterm()
    parser = argparse.ArgumentParser()
    parser.add_argument("--desks", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--trainees", type=int, default=2_000,
                        help="size of the central demo (the check after each sync reads every table of the scope)")
    parser.add_argument("--procs", type=int, default=4, help="processes the desks' threads are spread over")
    parser.add_argument("--edits", type=int, default=5, help="at most this many trainees edited per round")
    parser.add_argument("--add-share", type=float, default=0.3, help="share of rounds that add a trainee")
    parser.add_argument("--think", type=float, default=0.0, help="mean pause after each sync, seconds")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pg-bin", default=(sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                                                    key=lambda p: int(Path(p).parent.name)) or [""])[-1])
    args = parser.parse_args()
    if args.desks < 1 or args.procs < 1 or args.seconds <= 0:
        parser.error("--desks, --procs and --seconds must be positive")
    folder = Path(tempfile.mkdtemp(prefix="tjce-bench-load-"))
    url, stop = start_server(args.pg_bin, max(400, 2 * args.desks + 50))
    processes: list[mp.Process] = []
    try:
        started = time.perf_counter()
        source = folder / "central_source.sqlite3"
        database = open_database(source)
        build_demo(database, trainees=args.trainees, seed=args.seed, workers=0)
        with database.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        database.dispose()
        counts = central_admin.init_central(url, from_local=source)
        template = folder / "template.sqlite3"
        empty = open_database(template)
        with empty.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        empty.dispose()
        districts = districts_of(source)
        print(f"central filled in {time.perf_counter() - started:.0f} s: " +
              ", ".join(f"{k} {v:,}" for k, v in counts.items() if v) + f"; {len(districts)} districts")
        if len(districts) != 16:
            print(f"warning: expected 16 districts, found {len(districts)}")

        specs = [{"index": i, "district": districts[i % len(districts)][0], "path": districts[i % len(districts)][1],
                  "region": districts[i % len(districts)][2]} for i in range(args.desks)]
        config = {"owner_url": url, "folder": str(folder), "template": str(template), "seed": args.seed,
                  "seconds": args.seconds, "edits": max(1, args.edits), "add_share": args.add_share,
                  "think": args.think}
        ctx = mp.get_context("spawn")
        out, go, settle, deadline = ctx.Queue(), ctx.Event(), ctx.Event(), ctx.Value("d", 0.0)
        procs = min(args.procs, args.desks)
        for p in range(procs):
            process = ctx.Process(target=worker, args=(specs[p::procs], config, out, go, settle, deadline),
                                  daemon=True)
            process.start()
            processes.append(process)
        messages: dict = {}

        start = time.perf_counter()
        ready = collect(out, "ready", args.desks, messages, PHASE_TIMEOUT)
        first_phase = time.perf_counter() - start
        deadline.value = time.time() + args.seconds
        loop_start = time.time()
        go.set()
        finals = collect(out, "final", args.desks, messages, args.seconds + PHASE_TIMEOUT)
        settle.set()
        results = collect(out, "result", args.desks, messages, PHASE_TIMEOUT)
        for process in processes:
            process.join(60)

        # --- figures --------------------------------------------------------------------------
        desks = [results[i] for i in range(args.desks)]
        firsts = [d["first_sync"] for d in desks if d["first_sync"] is not None]
        times = [t for d in desks for t in d["sync_times"]]
        loop_ends = [d["loop_end"] for d in desks if d["loop_end"]]
        loop_seconds = (max(loop_ends) - loop_start) if loop_ends else args.seconds
        pushed = sum(d["pushed"] for d in desks)
        total = lambda key: sum(d.get(key, 0) for d in desks)  # noqa: E731
        print(f"{args.desks} desks over {len(districts)} districts, {procs} processes, {args.seconds:.0f} s of work")
        if firsts:
            print(f"first sync (each desk its district, all at once): p50 {percentile(firsts, 0.5):.2f} s, "
                  f"max {max(firsts):.2f} s, {statistics.mean(d['first_pulled'] for d in desks):,.0f} rows each "
                  f"on average; all desks ready in {first_phase:.0f} s")
        print(f"pushes: {pushed:,} outbox entries applied or merged in {loop_seconds:.1f} s = "
              f"{pushed / loop_seconds:,.1f} pushes/s (merged {total('merged'):,}, conflicts {total('conflicts'):,}, "
              f"left waiting {total('waiting'):,}); {total('edits'):,} edits, {total('adds'):,} trainees added")
        print(f"syncs: {len(times):,} ({len(times) / loop_seconds:.1f}/s); "
              f"sync time p50 {percentile(times, 0.5):.2f} s, p95 {percentile(times, 0.95):.2f} s, "
              f"max {max(times) if times else float('nan'):.2f} s")
        print(f"busy retries (SyncBusy): {total('busy'):,} in the loop, {total('busy_first'):,} in the first syncs, "
              f"{total('busy_final'):,} in the final syncs")
        errors = [e for d in desks for e in d["errors"]]
        error_count = total("error_count")
        print(f"errors: {error_count:,}")
        shown: set[str] = set()
        for text in errors:
            key = text.split("] ", 1)[-1].strip().splitlines()[-1]
            if key in shown:
                continue
            shown.add(key)
            print(text.rstrip())
            if len(shown) >= 5:
                break

        # --- nothing lost, nothing doubled ---------------------------------------------------
        failed = []
        for d in desks:
            if not ready.get(d["index"]):
                failed.append(f"desk {d['index']}: not ready (first sync failed)")
            elif not finals.get(d["index"]):
                failed.append(f"desk {d['index']}: final sync failed")
            elif d["clean"] is not True or d["pending"] != 0:
                failed.append(f"desk {d['index']} ({d['district']}): check clean={d['clean']} held={d['held']} "
                              f"pending={d['pending']} differing={d['check']}")
        added = {row_id: d["index"] for d in desks for row_id in d["added"]}
        owner = sa.create_engine(url, poolclass=NullPool)
        with owner.connect() as connection:
            found = dict(connection.execute(sa.text(
                "SELECT id, count(*) FROM trainee WHERE id = ANY(:ids) GROUP BY id"),
                {"ids": [uuid.UUID(k) for k in added]}).all())
            doubled_names = connection.execute(sa.text(
                "SELECT username, count(*) FROM trainee WHERE username LIKE 'ld%' GROUP BY username "
                "HAVING count(*) > 1")).all()
            deleted = connection.execute(sa.text(
                "SELECT count(*) FROM trainee WHERE id = ANY(:ids) AND deleted_at IS NOT NULL"),
                {"ids": [uuid.UUID(k) for k in added]}).scalar_one()
        owner.dispose()
        found = {row_id.hex: n for row_id, n in found.items()}
        lost = [k for k in added if k not in found]
        doubled = [k for k, n in found.items() if n != 1]
        clean_desks = sum(1 for d in desks if d["clean"] is True and d["pending"] == 0)
        print(f"check after the final syncs: {clean_desks} of {args.desks} desks clean with an empty outbox")
        print(f"added trainees: {len(added):,}, central exactly once {sum(1 for n in found.values() if n == 1):,}, "
              f"lost {len(lost):,}, duplicated {len(doubled) + len(doubled_names):,}, deleted {deleted:,}")
        for line in failed[:20]:
            print("  " + line)
        for row_id in lost[:10]:
            print(f"  lost: trainee {row_id} added at desk {added[row_id]}")
        ok = not failed and not lost and not doubled and not doubled_names and not deleted
        print("OK: nothing lost, nothing duplicated" if ok else "FAILED: see above")
        return 0 if ok else 1
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
                process.join(10)
        stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
