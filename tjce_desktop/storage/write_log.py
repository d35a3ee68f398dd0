"""Which tables a piece of work wrote: recorded from the statements themselves.

Every INSERT, UPDATE or DELETE that succeeds on a watched engine (the local database) is
noted, by table, in each recording open in the same thread. The unit of work records what it
commits (``UnitOfWork.changes``); the window's write runner records a whole job — several
transactions, raw connections and services that open their own units of work alike — and
tells the views (``gui/task_runner.py``). A statement rolled back afterwards is still
noted: a view reads again for nothing, it never misses a change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy import Engine, event

_WRITE = re.compile(
    r"""^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+["`\[]?(\w+)""",
    re.IGNORECASE)
# The recordings open in this thread (a context variable is per thread: a job's recording
# never sees what another thread writes at the same time).
_open: ContextVar[tuple[set[str], ...]] = ContextVar("tjce_write_log", default=())


def written_table(statement: str) -> str | None:
    """The table a data-changing statement writes; None for anything else."""
    match = _WRITE.match(statement)
    return match.group(1).lower() if match else None


def _note(_connection, _cursor, statement, _parameters, _context, _executemany) -> None:
    recordings = _open.get()
    if recordings:
        table = written_table(statement)
        if table is not None:
            for written in recordings:
                written.add(table)


def watch(engine: Engine) -> None:
    """Note the writes of ``engine`` from now on (once per engine)."""
    if not event.contains(engine, "after_cursor_execute", _note):
        event.listen(engine, "after_cursor_execute", _note)


@contextmanager
def recording(engine: Engine) -> Iterator[set[str]]:
    """The names of the tables written through ``engine`` by this thread inside the block."""
    watch(engine)
    written: set[str] = set()
    token = _open.set((*_open.get(), written))
    try:
        yield written
    finally:
        _open.reset(token)
