"""What verifying a printed sheet may ask the central database: a short code's signed claim
(``tjce_find_sheet``) and whether a stamp batch was revoked (``tjce_batch_revocation``). Any
desk may ask about any sheet it holds the code of, and checks the signature itself."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from sqlalchemy import Engine, text


class CentralSheets:
    """Opens the central connection on first use (a password prompt only when needed);
    ``close()`` when done."""

    def __init__(self, make_engine: Callable[[], Engine]) -> None:
        self._make_engine = make_engine
        self._engine: Engine | None = None

    def _connect(self):
        if self._engine is None:
            self._engine = self._make_engine()
        return self._engine.connect()

    def find_sheet(self, code: str) -> bytes | None:
        with self._connect() as connection:
            found = connection.execute(text("SELECT tjce_find_sheet(:code)"), {"code": code}).scalar()
        return bytes(found) if found is not None else None

    def batch_revocation(self, batch_id: uuid.UUID) -> tuple[dt.datetime, str] | None:
        with self._connect() as connection:
            row = connection.execute(text("SELECT revoked_at, revoke_reason FROM tjce_batch_revocation(:id)"),
                                     {"id": batch_id}).first()
        return (row.revoked_at, row.revoke_reason or "") if row is not None and row.revoked_at is not None else None

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
