"""Shared fixtures: Qt offscreen, real SQLite files, a throwaway PostgreSQL server."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import datetime as dt
import glob
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

from tjce_desktop.services.demo import build_demo
from tjce_desktop.storage.database import Database, open_database

# The program's private temporary folders (previews, the central demo database, library
# temporaries) go to a folder of this test run, never the user's cache; removed at the end.
if "TJCE_TEMP_DIR" not in os.environ:
    import atexit

    os.environ["TJCE_TEMP_DIR"] = tempfile.mkdtemp(prefix="tjce-test-temp-")
    atexit.register(shutil.rmtree, os.environ["TJCE_TEMP_DIR"], True)

ARTIFACTS = Path(__file__).parent / "artifacts"
DEMO_AS_OF = dt.date(2026, 11, 29)
DEMO_TRAINEES = 3000


@pytest.fixture(autouse=True)
def restore_tempdir():
    """A program started in the test process (``cli.main.main``, ``gui.app.main``) sends
    ``tempfile``'s files to its private folder; later tests get the usual temp folder back."""
    saved = tempfile.tempdir
    yield
    tempfile.tempdir = saved


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tjce.sqlite3"


@pytest.fixture
def database(db_path: Path):
    db = open_database(db_path)
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """A small demo database built once; tests get their own copy of the file."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    db = open_database(path)
    build_demo(db, trainees=DEMO_TRAINEES, seed=7, as_of=DEMO_AS_OF, workers=0)
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture
def demo_db_path(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, path)
    return path


@pytest.fixture
def demo_database(demo_db_path: Path):
    db = open_database(demo_db_path)
    yield db
    db.dispose()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# --- Qt ----------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def private_key_folder(tmp_path: Path, monkeypatch) -> Path:
    """Each test's key-protection files (storage/key_protection.py) in its own folder."""
    folder = tmp_path / "keys"
    monkeypatch.setenv("TJCE_KEY_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def incident_log_folder(tmp_path: Path, monkeypatch) -> Path:
    """Internal errors' tracebacks (services/incidents.py) go to each test's own folder."""
    folder = tmp_path / "logs"
    monkeypatch.setenv("TJCE_LOG_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path):
    """Window geometry and last org go to a per-test folder, never the user's settings."""
    try:
        from PySide6.QtCore import QSettings
    except ImportError:  # pragma: no cover
        yield
        return
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


@pytest.fixture(autouse=True)
def chinese_qt_texts(request):
    """Standard buttons read 保存/取消 in tests and screenshots, as in the program."""
    if "qtbot" in request.fixturenames or "qapp" in request.fixturenames:
        from tjce_desktop.gui.translations import install_chinese_translations

        assert install_chinese_translations(request.getfixturevalue("qapp"))
    yield


@pytest.fixture
def message_boxes(monkeypatch) -> list[tuple[str, str, str]]:
    """Message boxes recorded as (kind, title, text) instead of blocking the test."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[tuple[str, str, str]] = []
    for kind in ("critical", "information", "warning", "about"):
        monkeypatch.setattr(
            QMessageBox, kind, staticmethod(lambda parent, title, text, *rest, _k=kind: shown.append((_k, title, text)))
        )
    return shown


@pytest.fixture
def main_window(qtbot, demo_database, message_boxes):
    """The main window on the demo database, shown, with its first trainee page loaded."""
    from tjce_desktop.gui.main_window import MainWindow

    window = MainWindow(demo_database)
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.show()
    qtbot.waitUntil(lambda: window.trainees_page.model.total is not None, timeout=10_000)
    yield window
    window.close()


# --- PostgreSQL ----------------------------------------------------------------------------------


def _postgres_bindir() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    return Path(candidates[-1]) if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL cluster started from the installed binaries in a temp folder.

    initdb refuses to run as root, so as root the cluster runs as the ``postgres`` user.
    In CI (CI=true) a missing server fails the session instead of skipping.
    """
    bindir = _postgres_bindir()
    if bindir is None:
        message = "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    base = Path(tempfile.mkdtemp(prefix="tjce-pg-"))
    data = base / "data"
    prefix: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    subprocess.run(
        [*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "tjce_owner", "--auth=trust", "-E", "UTF8",
         "--no-locale"],
        check=True, capture_output=True,
    )
    from tls_support import make_tls_files

    tls = make_tls_files(base)
    if prefix:
        for path in (tls["cert"], tls["key"]):
            shutil.chown(path, "postgres", "postgres")
    # The owner connects without a password; every other login (the administrators' own
    # roles) must give its SCRAM password, as on a real server. The database tjce_tls takes
    # TLS connections only (the TLS tests).
    (data / "pg_hba.conf").write_text("local all all trust\n"
                                      "hostnossl tjce_tls all 127.0.0.1/32 reject\n"
                                      "host all tjce_owner 127.0.0.1/32 trust\n"
                                      "host all all 127.0.0.1/32 scram-sha-256\n")
    options = (f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off "
               f"-c ssl=on -c ssl_cert_file={tls['cert']} -c ssl_key_file={tls['key']}")
    subprocess.run(
        [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(base / "server.log"), "-w",
         "start"],
        check=True, capture_output=True,
    )
    try:
        yield {"host": "127.0.0.1", "port": port, "user": "tjce_owner", "ca": tls["ca"], "other_ca": tls["other_ca"]}
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server):
    """A fresh, empty database on the throwaway server for one test."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = f"host={pg_server['host']} port={pg_server['port']} user={pg_server['user']} dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield f"postgresql+psycopg://{pg_server['user']}@{pg_server['host']}:{pg_server['port']}/{name}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def reopen(database: Database) -> Database:
    database.dispose()
    return open_database(database.path)


@pytest.fixture
def central(pg_url, demo_template):
    """The demo as a standalone installation joining a new central database, with three admins."""
    from sync_support import make_central

    return make_central(pg_url, demo_template)
