"""Row values between JSON (outbox entries, held rows, conflicts) and column values."""

from __future__ import annotations

import base64
import datetime as dt
import uuid

from tjce_desktop.storage.models import Base
from tjce_desktop.storage.outbox import BASE_KEY, _json_value


def decode(table_name: str, values: dict) -> dict:
    """JSON back into column values (unknown keys and the outbox's base are left out)."""
    table = Base.metadata.tables[table_name]
    out: dict[str, object] = {}
    for key, value in values.items():
        if key == BASE_KEY or key not in table.c:
            continue
        kind = type(table.c[key].type).__name__
        if value is None:
            out[key] = None
        elif kind == "Uuid":
            out[key] = uuid.UUID(str(value))
        elif kind == "DateTime":
            out[key] = dt.datetime.fromisoformat(value)
        elif kind == "Date":
            out[key] = dt.date.fromisoformat(value[:10])
        elif kind == "LargeBinary":
            out[key] = base64.b64decode(value)
        else:
            out[key] = value
    return out


def to_json(values: dict) -> dict:
    return {key: _json_value(value) for key, value in values.items()}
