"""Sync at district scale: the first sync of 滨海新区 (≈125,000 trainees, ≈380,000 archives and
their records) into an empty desk, and an incremental sync with 1,000 changes on each side.

The central database is filled from the 1,000,000-trainee bench database: the org tree, the
plans, 滨海新区 and 河西区 (so that row-level security has rows to leave out), copied with
COPY. The floor of the first sync is ``COPY (SELECT …) TO STDOUT`` of the same rows as the
same login plus ``executemany`` into SQLite with the same schema.

    python bench/bench_sync.py --db bench/out/demo_ours.sqlite3 --pg-bin /usr/lib/postgresql/15/bin
"""

from __future__ import annotations

import argparse
import glob
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg
import sqlalchemy as sa

from tjce_desktop.domain.enums import Role
from tjce_desktop.services import central_admin
from tjce_desktop.storage.database import open_database
from tjce_desktop.storage.models import Base, Trainee
from tjce_desktop.storage.unit_of_work import UnitOfWork
from tjce_desktop.sync.central_schema import TABLE_ORDER
from tjce_desktop.sync.engine import sync

DISTRICTS = ("/120000/120116/", "/120000/120103/")  # 滨海新区 (the desk's), 河西区 (another)
PASSWORD = "Binhai-2026"
_IN = " OR ".join(f"{{col}} LIKE '{path}%'" for path in DISTRICTS)
FILTERS = {
    "org": "1", "admin_user": "0", "training_plan": "1", "course": "1", "exam": "1", "signing_key": "1",
    "certificate_numbering": "1",
    "trainee": _IN.format(col="org_path"),
    "stamp_batch": "org_id IN (SELECT id FROM org WHERE " + _IN.format(col="path") + ")",
    "enrollment": _IN.format(col="org_path"),
    "course_progress": "enrollment_id IN (SELECT id FROM enrollment WHERE " + _IN.format(col="org_path") + ")",
    "exam_attempt": "enrollment_id IN (SELECT id FROM enrollment WHERE " + _IN.format(col="org_path") + ")",
}


def start_server(bindir: str) -> tuple[str, callable]:
    base = Path(tempfile.mkdtemp(prefix="tjce-bench-pg-"))
    prefix = []
    import os

    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    subprocess.run([*prefix, f"{bindir}/initdb", "-D", str(base / "data"), "-U", "tjce_owner", "--auth=trust", "-E",
                    "UTF8", "--no-locale"], check=True, capture_output=True)
    (base / "data" / "pg_hba.conf").write_text("local all all trust\nhost all tjce_owner 127.0.0.1/32 trust\n"
                                               "host all all 127.0.0.1/32 scram-sha-256\n")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    subprocess.run([*prefix, f"{bindir}/pg_ctl", "-D", str(base / "data"), "-o",
                    f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c shared_buffers=256MB", "-l",
                    str(base / "log"), "-w", "start"], check=True, capture_output=True)
    with psycopg.connect(f"host=127.0.0.1 port={port} user=tjce_owner dbname=postgres", autocommit=True) as c:
        c.execute("CREATE DATABASE bench")

    def stop() -> None:
        subprocess.run([*prefix, f"{bindir}/pg_ctl", "-D", str(base / "data"), "-m", "fast", "stop"],
                       capture_output=True)
        shutil.rmtree(base, ignore_errors=True)

    return f"postgresql+psycopg://tjce_owner@127.0.0.1:{port}/bench", stop


def fill(url: str, source: Path) -> dict[str, int]:
    central_admin.init_central(url)  # schema, sync tables, security
    raw = sqlite3.connect(source)
    counts = {}
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as connection:
        connection.execute("SET session_replication_role = replica")  # bulk load: no triggers or FK checks…
        for name in TABLE_ORDER:
            if name not in FILTERS:
                continue
            columns = [c.name for c in Base.metadata.tables[name].c]
            rows = raw.execute(f"SELECT {', '.join(columns)} FROM {name} WHERE {FILTERS[name]}")
            with connection.cursor().copy(f"COPY {name} ({', '.join(columns)}) FROM STDIN") as copy:
                n = 0
                for row in rows:
                    copy.write_row(row)
                    n += 1
            counts[name] = n
        connection.execute("SET session_replication_role = DEFAULT")
        for name in counts:  # …so every row gets its server_seq here, in table order
            connection.execute(f"UPDATE {name} SET server_seq = nextval('sync_seq')")
        connection.commit()
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
    return counts


def floor(url: str, target: Path) -> float:
    """COPY TO STDOUT of the login's rows, executemany into SQLite with the same schema."""
    login = central_admin.login_role_for("binhai")
    dsn = url.replace("postgresql+psycopg://tjce_owner@", f"postgresql://{login}:{PASSWORD}@")
    database = open_database(target)
    database.dispose()
    local = sqlite3.connect(target)
    start = time.perf_counter()
    with psycopg.connect(dsn) as connection:
        for name in TABLE_ORDER:
            columns = [c.name for c in Base.metadata.tables[name].c]
            rows = []
            with connection.cursor().copy(f"COPY (SELECT {', '.join(columns)} FROM {name}) TO STDOUT") as copy:
                for row in copy.rows():
                    rows.append(row)
            local.executemany(f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                              rows)
    local.commit()
    return time.perf_counter() - start


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
        out = Path(tempfile.mkdtemp(prefix="tjce-bench-desk-"))
        floor_seconds = floor(url, out / "floor.sqlite3")
        engine = sa.create_engine(url.replace("tjce_owner@", f"{central_admin.login_role_for('binhai')}:{PASSWORD}@"))
        desk = open_database(out / "desk.sqlite3")
        start = time.perf_counter()
        report = sync(desk, engine, actor="binhai")
        first = time.perf_counter() - start
        print(f"first sync of 滨海新区: {report.pulled:,} rows in {first:.1f} s ({report.pulled / first:,.0f} rows/s); "
              f"floor (COPY TO STDOUT + executemany) {floor_seconds:.1f} s — ours {first / floor_seconds:.2f}x")
        # 1,000 changes on each side, then one sync each way.
        with desk.engine.connect() as c:  # a second desk: a copy of the first, after its first sync
            c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copyfile(out / "desk.sqlite3", out / "other.sqlite3")
        other = open_database(out / "other.sqlite3")
        with desk.engine.connect() as c:
            ids = [row[0] for row in c.exec_driver_sql("SELECT id FROM trainee LIMIT 2000")]
        import uuid

        for database, chosen, field in ((desk, ids[:1000], "phone"), (other, ids[1000:], "email")):
            with UnitOfWork(database, "binhai") as uow:
                for n, trainee_id in enumerate(chosen):
                    setattr(uow.session.get(Trainee, uuid.UUID(trainee_id)), field,
                            f"139{n:08d}" if field == "phone" else f"u{n}@binhai.cn")
                uow.commit()
        sync(other, engine, actor="binhai")  # the other desk's 1,000 reach the central database
        start = time.perf_counter()
        report = sync(desk, engine, actor="binhai")
        incremental = time.perf_counter() - start
        print(f"incremental sync, 1,000 changes each side: pushed {report.pushed:,}, pulled {report.pulled:,} "
              f"in {incremental:.2f} s (goal < 2 s)")
        engine.dispose()
    finally:
        stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
