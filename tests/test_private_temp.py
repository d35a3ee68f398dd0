"""The program's private temporary folder: per process, private, gone after exit or at the next start."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tjce_desktop.storage import private_temp

POSIX = os.name == "posix"
# A process of the program that makes its folder and a preview file, says where, and waits.
_HOLDER = (
    "import sys, time\n"
    "from tjce_desktop.storage import private_temp\n"
    "folder = private_temp.start()\n"
    "path = private_temp.new_file('学习档案.pdf')\n"
    "path.write_bytes(b'%PDF personal')\n"
    "import tempfile; print(folder, path, tempfile.gettempdir(), sep='\\n', flush=True)\n"
    "time.sleep(float(sys.argv[1]))\n"
)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def base(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "private"
    monkeypatch.setenv(private_temp.ENV_VAR, str(folder))
    return folder


def _holder(base: Path, seconds: float) -> tuple[subprocess.Popen, list[Path]]:
    process = subprocess.Popen([sys.executable, "-c", _HOLDER, str(seconds)], stdout=subprocess.PIPE, text=True,
                               env={**os.environ, private_temp.ENV_VAR: str(base)})
    lines = [Path(process.stdout.readline().strip()) for _ in range(3)]
    return process, lines


@pytest.mark.skipif(not POSIX, reason="SIGKILL")
def test_a_killed_process_leaves_are_removed_at_the_next_start_a_live_ones_kept(base):
    killed, (killed_folder, killed_file, killed_tmp) = _holder(base, 120)
    live, (live_folder, live_file, _) = _holder(base, 120)
    try:
        assert killed_file.read_bytes() == b"%PDF personal" and killed_file.parent.parent == killed_folder
        assert killed_tmp == killed_folder  # the libraries' temporaries go there too
        assert killed_folder.name.startswith(f"{killed.pid}-")
        killed.send_signal(signal.SIGKILL)  # no atexit: the folder stays behind
        killed.wait(10)
        assert killed_file.exists()
        (base / "not-ours").mkdir()  # anything else in the folder is never touched
        (base / "not-ours" / "x").write_text("x")

        removed = private_temp.remove_leftovers()  # what the next start does

        assert removed == [killed_folder] and not killed_folder.exists()
        assert live_file.read_bytes() == b"%PDF personal"
        assert (base / "not-ours" / "x").exists()
    finally:
        live.kill()
        live.wait(10)


@pytest.mark.skipif(not POSIX, reason="pids")
def test_a_folder_whose_lock_is_free_is_kept_while_its_pid_runs_unless_it_is_old(base):
    """A process between making its folder and locking it; a pid reused after a crash."""
    base.mkdir()
    starting = base / f"{os.getppid()}-0123abcd"  # a live pid, no lock yet
    starting.mkdir()
    assert private_temp.remove_leftovers() == [] and starting.exists()
    old = time.time() - 3600
    os.utime(starting, (old, old))
    assert private_temp.remove_leftovers() == [starting]


def test_a_normal_exit_removes_the_process_folder(base):
    process, (folder, path, _) = _holder(base, 0)
    assert process.wait(30) == 0
    assert not folder.exists() and not path.exists()
    assert list(base.iterdir()) == []


@pytest.mark.skipif(not POSIX, reason="POSIX modes")
def test_folders_and_files_are_private(base):
    from tjce_desktop.exchange.certificate_page import Calibration, write_test_page

    umask = os.umask(0o022)  # the usual: new files would be readable by everyone
    try:
        folder = private_temp.process_folder()
        path = private_temp.new_file("测试页.pdf")
        write_test_page(path, Calibration())  # written beside and moved into place: stays 0600
        assert path.read_bytes().startswith(b"%PDF")
        assert (_mode(base), _mode(folder), _mode(path.parent), _mode(path)) == (0o700, 0o700, 0o700, 0o600)
        assert [p.name for p in path.parent.iterdir()] == ["测试页.pdf"]  # no partial file beside it
        with private_temp.temporary_folder() as scratch:
            assert _mode(scratch) == 0o700 and scratch.parent == folder
        assert not scratch.exists()
        private_temp.discard(path)
        assert not path.parent.exists()
        assert sorted(p.name for p in folder.iterdir()) == [".lock"]
    finally:
        os.umask(umask)
        private_temp.remove_own_folders()


def test_discard_leaves_files_outside_the_private_folder_alone(base, tmp_path):
    outside = tmp_path / "mine.pdf"
    outside.write_text("x")
    private_temp.discard(outside)
    assert outside.exists()


def test_a_failed_export_leaves_no_rows_in_temporary_files(tmp_path, monkeypatch):
    """openpyxl's write-only sheet spools rows to a temporary file; a failure removes it."""
    from tjce_desktop.exchange.xlsx_table import write_table

    spool = tmp_path / "spool"
    spool.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool))

    def rows():
        yield ("张三", "120101199001011234")
        raise RuntimeError("cancelled")

    with pytest.raises(RuntimeError):
        write_table(tmp_path / "out.xlsx", "学员", ("姓名", "身份证号"), rows())
    assert list(spool.iterdir()) == [] and list(tmp_path.glob("*.xlsx")) == []


def test_central_init_demo_leaves_nothing_in_the_temp_folder(base, pg_url, monkeypatch):
    """The demo database is built in the private folder and removed right after it was copied."""
    from tjce_desktop.services import central_admin
    from tjce_desktop.sync import central

    sources: list[Path] = []
    copy_local = central.copy_local

    def watched(path, engine, state):
        sources.append(Path(path))
        assert Path(path).exists()
        return copy_local(path, engine, state)

    monkeypatch.setattr(central, "copy_local", watched)
    counts = central_admin.init_central(pg_url, demo=200, seed=3)
    assert counts["trainee"] == 200
    folder = private_temp.process_folder()
    assert sources[0].parent.parent == folder
    assert sorted(p.name for p in folder.iterdir()) == [".lock"]  # the demo database and its WAL are gone
