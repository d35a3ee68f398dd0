"""A killed ``tjce demo`` leaves no worker process running (they generated on alone for minutes)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        if f"\nPPid:\t{pid}\n" in status:
            found.add(int(entry.name))
    return found


def _is_worker(pid: int) -> bool:
    try:
        return b"spawn_main" in (Path("/proc") / str(pid) / "cmdline").read_bytes()
    except OSError:  # it ended meanwhile
        return False


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "status").read_text().split("\nState:\t", 1)[1][0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.parametrize("after_workers_seconds", [0.0, 3.0])
def test_killing_demo_kills_its_workers(tmp_path, after_workers_seconds):
    demo = subprocess.Popen([sys.executable, "-m", "tjce_desktop.cli.main", "--db", str(tmp_path / "d.sqlite3"),
                             "demo", "--trainees", "200000", "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not workers:
            workers = {pid for pid in _children(demo.pid) if _is_worker(pid)}
            time.sleep(0.2)
        assert workers, "the demo started no worker process"
        time.sleep(after_workers_seconds)
        workers |= _children(demo.pid)
        demo.send_signal(signal.SIGKILL)
        demo.wait(10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
            time.sleep(0.1)
        assert not [pid for pid in workers if _alive(pid)]
    finally:
        if demo.poll() is None:
            demo.kill()
        for pid in workers:  # only our own survivors, never a process that reused a pid
            if not (_alive(pid) and _is_worker(pid)):
                continue
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
