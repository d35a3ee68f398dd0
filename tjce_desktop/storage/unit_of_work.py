"""One Session per user action, rolled back unless committed (cosmicpython's pattern)."""

from __future__ import annotations

from types import TracebackType

from tjce_desktop.storage.database import Database, TjceSession


class UnitOfWork:
    """``actor``: a name (system work, sign-in bookkeeping) or the signed-in Actor, whose role
    the outbox checks every change against (``domain/permissions.py``)."""

    def __init__(self, database: Database, actor: object = "system") -> None:
        self._database = database
        self._actor = actor
        self.session: TjceSession

    def __enter__(self) -> UnitOfWork:
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
        self.session.close()

    def commit(self) -> None:
        self.session.commit()
