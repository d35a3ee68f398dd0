"""The local database through the standard ``sqlite3`` module, for the window's first screen.

Importing SQLAlchemy, the ORM and the models takes about 0.3 s — more than a bare Qt window
takes to paint. So the window reads its first screen (the org tree down to the last org,
the count and first page of its trainees) through this connection while they load in the
background: the same read functions and the same SQL as every later read, on a connection
set up by the engine's own pragmas. It offers the part of SQLAlchemy's ``Connection`` those
reads use — ``exec_driver_sql(sql, params)`` and of its result ``all()``, ``scalar_one()``
and iteration, rows with attribute access — and the engine's busy error. It cannot write
(``PRAGMA query_only``).
"""

from __future__ import annotations

import sqlite3
from collections import namedtuple
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any

from tjce_desktop.storage.database import DatabaseBusy, _set_sqlite_pragmas, busy_timeout_ms, is_busy


@lru_cache(maxsize=64)
def _row_type(names: tuple[str, ...]) -> Any:
    return namedtuple("Row", names, rename=True)  # count(*) becomes _0


class PlainResult:
    """The rows of one statement, read at once (a page: bounded by the statement's LIMIT)."""

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        rows = cursor.fetchall()
        names = tuple(column[0] for column in cursor.description or ())
        row_type = _row_type(names) if names else None
        self._rows = [row_type(*row) for row in rows] if row_type else []

    def all(self) -> list:
        return list(self._rows)

    def scalar_one(self) -> Any:
        if len(self._rows) != 1:
            raise sqlite3.ProgrammingError(f"expected one row, got {len(self._rows)}")
        return self._rows[0][0]

    def __iter__(self) -> Iterator:
        return iter(self._rows)


class PlainConnection:
    """One sqlite3 connection to the local database, read only, used by one thread at a time:
    ``handed_over`` opens it for another thread to use (a background job: opening it there
    would wait for the busy GUI thread's interpreter lock at each of its pragmas)."""

    def __init__(self, path: Path | str, *, handed_over: bool = False) -> None:
        self._raw = sqlite3.connect(path, timeout=busy_timeout_ms() / 1000, check_same_thread=not handed_over)
        _set_sqlite_pragmas(self._raw, None)
        self._raw.execute("PRAGMA query_only=ON")
        # One pass over a count and a page: SQLite's default 2 MB page cache does. The engine's
        # 64 MB, filled by counting a city, would stay with the process after this one closed.
        self._raw.execute("PRAGMA cache_size=-2000")

    def exec_driver_sql(self, sql: str, parameters: Sequence[Any] = ()) -> PlainResult:
        try:
            return PlainResult(self._raw.execute(sql, tuple(parameters)))
        except sqlite3.OperationalError as exc:
            if is_busy(exc):  # as the engine's handle_error says it
                raise DatabaseBusy() from exc
            raise

    def close(self) -> None:
        self._raw.close()

    def __enter__(self) -> PlainConnection:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
