"""One Session per user action, rolled back unless committed (cosmicpython's pattern).

A service that writes takes the unit of work, commits it and returns its result; what the
commit changed is then in ``uow.changes`` (recorded from the statements, ``write_log.py``).
A caller that composes several services in one transaction of its own (the command line)
may pass its Session instead: the service joins it (``unit_of``) and leaves the commit to
the caller.
"""

from __future__ import annotations

from contextlib import ExitStack
from types import TracebackType
from typing import Any, Protocol

from sqlalchemy.orm import Session

from tjce_desktop.domain.changes import NO_CHANGES, ChangeSet
from tjce_desktop.storage.database import FOLD_WAL_ABOVE_BYTES, Database
from tjce_desktop.storage.engine import TjceSession
from tjce_desktop.storage.write_log import recording


class ActingAs(Protocol):
    """What the unit of work needs of the signed-in account (``services.actor.Actor``)."""

    @property
    def username(self) -> str: ...

    @property
    def role(self) -> Any: ...


class UnitOfWork:
    """``actor``: a name (system work, sign-in bookkeeping) or the signed-in Actor, whose role
    the outbox checks every change against (``domain/permissions.py``)."""

    def __init__(self, database: Database, actor: str | ActingAs = "system") -> None:
        self._database = database
        self._actor = actor
        self.session: TjceSession
        self.changes: ChangeSet = NO_CHANGES  # the tables written by the commits so far
        self._written: set[str] = set()
        self._recording = ExitStack()

    @property
    def database(self) -> Database:
        return self._database

    def __enter__(self) -> UnitOfWork:
        self._written = self._recording.enter_context(recording(self._database.engine))
        self.session = self._database.session_factory()
        if isinstance(self._actor, str):
            self.session.info["actor"] = self._actor
        else:
            self.session.info["actor"] = self._actor.username
            self.session.info["role"] = self._actor.role
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        # close() rolls back whatever was not committed, without expiring loaded objects.
        try:
            self.session.close()
        finally:
            self._recording.close()

    def commit(self) -> None:
        self.session.commit()
        self.changes = self.changes | ChangeSet.of(self._written)
        self._written.clear()
        # A large write (an import of many thousand rows) leaves a WAL as large as itself:
        # fold it into the database now. One stat() when it is small.
        fold = getattr(self._database, "fold_wal", None)
        if fold is not None:
            fold(above_bytes=FOLD_WAL_ABOVE_BYTES)


class JoinedWork(UnitOfWork):
    """A caller's own Session seen as a unit of work: ``commit()`` only flushes, the caller
    commits (or rolls back) the whole transaction itself."""

    def __init__(self, session: Session) -> None:  # noqa: D107 — no database of its own
        self.session = session  # type: ignore[assignment]
        self.changes = NO_CHANGES

    def __enter__(self) -> JoinedWork:
        return self

    def __exit__(self, *_exc) -> None:
        pass

    def commit(self) -> None:
        self.session.flush()


def unit_of(work: UnitOfWork | Session) -> UnitOfWork:
    """The unit of work a service writes in: the caller's, or its Session joined."""
    return work if isinstance(work, UnitOfWork) else JoinedWork(work)
