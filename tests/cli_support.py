"""Run ``tjce`` in the test process: ``main(argv)`` with one call's environment and streams.

A process per command cost each CLI test a Python start and every import (about a second);
in-process calls go through the same ``main`` — parser, error contract and exit status. Each
test file keeps one real subprocess run (the entry point, stdout's encoding, exit codes as
the shell sees them).
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    returncode: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def environment(changes: dict[str, str | None]):
    """``os.environ`` with ``changes`` (None removes a variable) for one call."""
    saved = {name: os.environ.get(name) for name in changes}
    try:
        for name, value in changes.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_tjce(*args, env: dict[str, str | None] | None = None) -> Result:
    """``tjce args…`` in this process, with no terminal on stdin (passwords come from the
    environment, as in a script)."""
    from tjce_desktop.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with environment(env or {}), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        saved_stdin, sys.stdin = sys.stdin, io.StringIO("")
        try:
            code = main([str(arg) for arg in args])
        except SystemExit as exc:  # --help, --version
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        finally:
            sys.stdin = saved_stdin
    return Result(code, out.getvalue(), err.getvalue())


def run_tjce_process(*args, env: dict[str, str] | None = None, timeout: float = 300) -> Result:
    """``python -m tjce_desktop.cli.main args…`` as a real process."""
    result = subprocess.run([sys.executable, "-m", "tjce_desktop.cli.main", *map(str, args)], capture_output=True,
                            text=True, encoding="utf-8", timeout=timeout, env={**os.environ, **(env or {})})
    return Result(result.returncode, result.stdout, result.stderr)
