"""The program's private temporary folder: nothing personal left in shared temp folders.

Preview PDFs, the central demo database and every library temporary (openpyxl keeps each
exported row in a temporary file until the workbook is saved) go to
``<user cache>/TJCE Desktop/temp/<pid>-<token>/`` (``TJCE_TEMP_DIR`` overrides the base
folder), which only the user can read: folders 0700, files 0600 on POSIX.

Each running process has its own subfolder, holding an exclusive lock on ``.lock`` inside
it for as long as it runs. At exit (``atexit``) the process removes its subfolder; at the
next start (``start``) the subfolders of processes that died without doing so are removed:
those whose lock nobody holds and whose process is gone (or which are older than a minute —
the pid was reused). A live process's subfolder is never touched.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import secrets
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

ENV_VAR = "TJCE_TEMP_DIR"
_LOCK = ".lock"
_NAME = re.compile(r"^(\d+)-[0-9a-f]{8}$")
_STARTUP_GRACE_S = 60.0  # a folder younger than this whose lock is free may be starting up
_POSIX = os.name == "posix"


def base_folder() -> Path:
    """Where the processes' folders are: ``TJCE_TEMP_DIR``, else ``temp`` in the user cache folder."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser().absolute()
    import platformdirs

    return platformdirs.user_cache_path("TJCE Desktop", appauthor=False) / "temp"


def _private_dir(path: Path) -> None:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if _POSIX:
        os.chmod(path, 0o700)  # mkdir's mode is subject to the umask; this folder is ours


def _try_lock(handle: int) -> bool:
    """An exclusive lock on the open file, without waiting; False if another process holds it."""
    try:
        if sys.platform != "win32":
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # pragma: no cover — Windows
            import msvcrt

            os.lseek(handle, 0, os.SEEK_SET)
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform != "win32":
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True  # someone else's process
        return True
    import ctypes  # pragma: no cover — Windows: os.kill(pid, 0) would terminate the process

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() == 5  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


class _ProcessFolder:
    """This process's folder under one base folder, locked while the process runs."""

    def __init__(self, base: Path) -> None:
        _private_dir(base)
        self.path = base / f"{os.getpid()}-{secrets.token_hex(4)}"
        self.path.mkdir(mode=0o700)
        if _POSIX:
            os.chmod(self.path, 0o700)
        self._handle: int | None = os.open(self.path / _LOCK, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        os.write(self._handle, f"{os.getpid()}\n".encode())
        if not _try_lock(self._handle):  # pragma: no cover — a fresh file nobody else knows
            raise OSError(f"无法锁定临时文件夹“{self.path}”。")

    def remove(self) -> None:
        if self._handle is not None:
            os.close(self._handle)  # Windows cannot delete an open file
            self._handle = None
        shutil.rmtree(self.path, ignore_errors=True)


_folders: dict[Path, _ProcessFolder] = {}
_guard = threading.Lock()
_atexit_registered = False


def process_folder() -> Path:
    """This process's private folder (made on first use; removed at exit)."""
    global _atexit_registered
    base = base_folder()
    with _guard:
        folder = _folders.get(base)
        if folder is None or not folder.path.is_dir():
            if folder is not None:
                folder.remove()  # removed from outside: start afresh
            folder = _folders[base] = _ProcessFolder(base)
            if not _atexit_registered:
                atexit.register(remove_own_folders)
                _atexit_registered = True
        return folder.path


def remove_own_folders() -> None:
    """Remove this process's folders (at exit; files still open on Windows are left for the next start)."""
    with _guard:
        for folder in _folders.values():
            folder.remove()
        _folders.clear()


def _stale(folder: Path) -> bool:
    match = _NAME.match(folder.name)
    if match is None or not folder.is_dir():
        return False  # not one of ours: never touched
    pid = int(match.group(1))
    if pid == os.getpid() and any(own.path == folder for own in _folders.values()):
        return False
    lock = folder / _LOCK
    try:
        handle = os.open(lock, os.O_RDWR)
    except FileNotFoundError:
        handle = None  # died before it locked, or being made right now
    except OSError:
        return False
    try:
        if handle is not None and not _try_lock(handle):
            return False  # its process runs
        try:
            age = time.time() - folder.stat().st_mtime
        except OSError:
            return False
        return not pid_alive(pid) or age > _STARTUP_GRACE_S
    finally:
        if handle is not None:
            os.close(handle)  # releases the lock taken just now


def remove_leftovers() -> list[Path]:
    """Remove the folders of processes that died without removing them; returns what was removed."""
    base = base_folder()
    try:
        entries = list(base.iterdir())
    except OSError:
        return []
    removed = []
    for folder in entries:
        if _stale(folder):
            shutil.rmtree(folder, ignore_errors=True)
            if not folder.exists():
                removed.append(folder)
    return removed


def start() -> Path | None:
    """At program start: remove dead processes' leftovers, make this process's folder, and
    send the temporary files of libraries (``tempfile``) there too. None when the folder
    cannot be made (the program still runs; a preview then says why it cannot be written)."""
    remove_leftovers()
    try:
        folder = process_folder()
    except OSError:
        return None
    if tempfile.tempdir is None:
        tempfile.tempdir = str(folder)
    return folder


# --- temporary files and folders -------------------------------------------------------------------


def new_folder() -> Path:
    """A new private folder inside this process's folder; remove it with ``discard``."""
    folder = Path(tempfile.mkdtemp(dir=process_folder()))
    if _POSIX:
        os.chmod(folder, 0o700)
    return folder


def new_file(name: str) -> Path:
    """An empty file (mode 0600) called ``name`` in a new private folder. Writers that replace
    it through ``exchange.output_files.publish`` keep its mode. Remove it with ``discard``.

    ``name`` is often built from an org's or trainee's name (``学习档案_<org>_3份.pdf``), which
    may hold characters no file name can (``/``, ``:``): those are replaced, so the preview and
    its 另存为 proposal work on every system."""
    from tjce_desktop.domain.file_names import safe_file_name

    if not name:
        raise ValueError("an empty file name")
    path = new_folder() / safe_file_name(name)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    return path


def discard(path: Path | str | None) -> None:
    """Remove a file or folder made by ``new_file`` / ``new_folder`` (its private folder too).
    Anything outside this process's folder is left alone."""
    if path is None:
        return
    path = Path(path)
    own = [folder.path for folder in _folders.values()]
    inside = next((root for root in own if root in path.parents), None)
    if inside is None:
        return
    # The folder directly below the process folder holds only this file (or is the folder).
    top = path if path.parent == inside else next(p for p in path.parents if p.parent == inside)
    if top.is_dir():
        shutil.rmtree(top, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            top.unlink()


@contextlib.contextmanager
def temporary_file(name: str) -> Iterator[Path]:
    """``with temporary_file("x.pdf") as path:`` — the file and its folder are gone afterwards."""
    path = new_file(name)
    try:
        yield path
    finally:
        discard(path)


@contextlib.contextmanager
def temporary_folder() -> Iterator[Path]:
    """``with temporary_folder() as folder:`` — removed with everything in it afterwards."""
    folder = new_folder()
    try:
        yield folder
    finally:
        discard(folder)
