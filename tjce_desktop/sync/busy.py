"""Bounded waits on the central database: a desk never hangs behind another login's lock."""

from __future__ import annotations

from sqlalchemy import Connection, text

from tjce_desktop.sync.central import CentralError

# How long a desk waits for another desk's push (or any lock) before it gives up for now.
LOCK_WAIT_SECONDS = 10.0
BUSY_MESSAGE = "中心数据库繁忙，稍后自动重试。"


class SyncBusy(CentralError):
    """Another desk (or a stuck login) holds the central database longer than a desk waits."""

    def __init__(self) -> None:
        super().__init__(BUSY_MESSAGE)


def is_busy(exc: BaseException) -> bool:
    """A wait gave up (lock_timeout 55P03, statement_timeout 57014), or the server ended the
    session (57P01, or the connection closed under a commit: a shutdown, or the push lock's
    stall breaker on an overloaded desk). Nothing is lost: the outbox is sent again."""
    orig = getattr(exc, "orig", None)
    return (getattr(orig, "sqlstate", None) in ("55P03", "57014", "57P01")
            or "server closed the connection unexpectedly" in str(orig))


def bounded_waits(connection: Connection) -> None:
    """Inside a central transaction: no lock wait longer than a desk is willing to wait."""
    connection.execute(text(f"SET LOCAL lock_timeout = {int(LOCK_WAIT_SECONDS * 1000)}"))
