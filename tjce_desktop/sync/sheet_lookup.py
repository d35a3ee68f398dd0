"""A printed sheet's short code, looked up on the central database (``tjce_find_sheet``):
any desk may find any sheet whose code it was given, and checks its signature itself."""

from __future__ import annotations

from sqlalchemy import Engine, text


def find_sheet(central: Engine, code: str) -> bytes | None:
    with central.connect() as connection:
        found = connection.execute(text("SELECT tjce_find_sheet(:code)"), {"code": code}).scalar()
    return bytes(found) if found is not None else None
