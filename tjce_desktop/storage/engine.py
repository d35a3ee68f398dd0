"""The SQLAlchemy engine and sessions of the local database (made by ``Database`` on first use).

Apart from ``database.py`` because importing SQLAlchemy, the ORM and the models takes about
0.3 s: opening a database and reading the window's first screen need none of it.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from tjce_desktop.storage.database import DatabaseBusy, _set_sqlite_pragmas, is_busy
from tjce_desktop.storage.outbox import install_outbox_hook


class TjceSession(Session):
    """The session class of this program; the outbox hook listens on it alone."""


install_outbox_hook(TjceSession)


def _busy_to_user_error(context) -> None:
    """Every statement and commit of the engine: a lock not granted in time becomes DatabaseBusy
    (the one place this is mapped; the session rolls back as for any failed statement)."""
    if is_busy(context.original_exception):
        raise DatabaseBusy() from context.original_exception


def local_engine(path: Path) -> Engine:
    # hide_parameters: a failed statement's message never carries the values (names, ID numbers).
    # URL.create, not a "sqlite:///…" string: a folder name with ?, # or %xx is not parsed as a URL.
    engine = create_engine(URL.create("sqlite", database=str(path)), hide_parameters=True)
    event.listen(engine, "connect", _set_sqlite_pragmas)
    event.listen(engine, "handle_error", _busy_to_user_error)
    return engine


def session_factory(engine: Engine) -> sessionmaker[TjceSession]:
    return sessionmaker(engine, class_=TjceSession, expire_on_commit=False)
