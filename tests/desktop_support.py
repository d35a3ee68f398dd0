"""Starting the real program on a virtual display (Xvfb, xcb platform), as a person would:
seen through the X server (xdotool, ImageMagick's ``import``), typed into, ended with SIGTERM.
Used by tests/test_desktop_start.py (the venv's program) and tests/test_packaging.py (the bundle's)."""

from __future__ import annotations

import os
import re
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
ARTIFACTS = Path(__file__).parent / "artifacts"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (.ci/install-system-deps installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="module")
def display():
    """A private X server; its number chosen by Xvfb itself (-displayfd), so runs never clash."""
    _tool("xdotool")
    _tool("import")
    read_end, write_end = os.pipe()
    server = subprocess.Popen([_tool("Xvfb"), "-displayfd", str(write_end), "-screen", "0", "1366x768x24",
                               "-nolisten", "tcp"], pass_fds=(write_end,), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    os.close(write_end)
    number = b""
    deadline = time.monotonic() + 30
    while not number.endswith(b"\n"):
        ready, _, _ = select.select([read_end], [], [], max(0.0, deadline - time.monotonic()))
        chunk = os.read(read_end, 16) if ready else b""
        if not chunk:
            server.kill()
            pytest.fail("Xvfb did not start")
        number += chunk
    os.close(read_end)
    yield f":{int(number)}"
    server.terminate()
    server.wait(10)


class Desktop:
    """One run of ``tjce-desktop`` (``program``: the venv's unless given) on the X server, its
    terminal output collected as it comes."""

    def __init__(self, display: str, home: Path, *args: str, env: dict[str, str] | None = None,
                 program: Path | None = None) -> None:
        self.display = display
        environment = {key: value for key, value in os.environ.items()
                       if key not in ("TJCE_USER", "TJCE_PASSWORD", "WAYLAND_DISPLAY")}
        environment.update({
            "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
            # The settings INI, the user data and cache folders of this run only.
            "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
            "XDG_CACHE_HOME": str(home / "cache"),
            **(env or {}),
        })
        self.stderr_path = home / f"stderr-{time.monotonic_ns()}.txt"
        self._stderr = self.stderr_path.open("wb")
        self.process = subprocess.Popen([str(program or BIN / "tjce-desktop"), *args], stdout=subprocess.PIPE,
                                        stderr=self._stderr, env=environment)
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for raw in self.process.stdout:
            self.lines.append(raw.decode("utf-8", "replace").rstrip("\n"))

    def _alive(self) -> None:
        if self.process.poll() is not None:
            pytest.fail(f"tjce-desktop ended ({self.process.returncode}):\n"
                        f"{self.stderr_path.read_text('utf-8', 'replace')}\n" + "\n".join(self.lines))

    def xdotool(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(["xdotool", *args], capture_output=True, text=True, timeout=30, check=check,
                              env={**os.environ, "DISPLAY": self.display})

    def window(self, title: str, timeout: float = 120) -> str:
        """The id of the visible window whose title contains ``title``, once it is mapped."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._alive()
            found = self.xdotool("search", "--onlyvisible", "--name", title, check=False).stdout.split()
            if found:
                return found[-1]
            time.sleep(0.2)
        pytest.fail(f"no window “{title}” within {timeout} s")

    def line(self, pattern: re.Pattern, timeout: float = 60) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.lines:
                if match := pattern.search(line):
                    return match
            time.sleep(0.1)
        pytest.fail(f"no line matching {pattern.pattern!r} in {self.lines}")

    def screenshot(self, name: str, timeout: float = 20) -> Path:
        """The whole screen as the X server shows it, once something is painted on it."""
        from PySide6.QtGui import QImage

        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        deadline = time.monotonic() + timeout
        while True:
            subprocess.run(["import", "-display", self.display, "-window", "root", str(path)], check=True,
                           capture_output=True, timeout=60)
            image = QImage(str(path))
            colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
            if len(colours) > 20 or time.monotonic() > deadline:
                assert len(colours) > 20, f"{name}: nothing painted"
                return path
            time.sleep(0.3)

    def type_into(self, window: str, *, text: str = "", keys: tuple[str, ...] = ()) -> None:
        self.xdotool("windowfocus", "--sync", window)
        if text:
            self.xdotool("type", "--delay", "20", text)
        for key in keys:
            self.xdotool("key", key)

    def terminate(self, timeout: float = 30) -> int:
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout)
        self._reader.join(5)
        self._stderr.close()
        return code
