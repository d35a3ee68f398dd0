"""The number of a 盖章 batch, for people: ``GZ-2026-7KQ3M-000123``.

- ``GZ`` (盖章), the year of the stamp, the desk's code, and the desk's own sequence within
  that year (from 1). A desk numbers its batches alone, offline too: the desk code (five
  characters of Crockford's base32, no I/L/O/U, from the installation's id — 33 million
  codes) keeps two desks' numbers apart without asking the central database, so the number
  is final the moment the batch is made (no provisional number that changes after a sync).
- Batches made before numbers existed show a number made from the random end of their key:
  ``GZ-2025-3F9A0C1B`` — the same on every desk, since it is computed, never stored.
- The batch's key (a UUID) stays what the database, the sync and the signed sheets use.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import uuid

from tjce_desktop.domain.short_code import ALPHABET

PREFIX = "GZ"
DESK_CODE_LENGTH = 5
_NUMBER = re.compile(r"^GZ-(\d{4})-([0-9A-Z]{5})-(\d{6,})$")
_LEGACY = re.compile(r"^GZ-(\d{4})-([0-9A-F]{8})$")


def desk_code(installation_id: str) -> str:
    """Five base32 characters from the installation's id (stable for the desk's life)."""
    value = int.from_bytes(hashlib.sha256(installation_id.encode("ascii")).digest()[:4], "big")
    return "".join(ALPHABET[(value >> (5 * n)) & 31] for n in reversed(range(DESK_CODE_LENGTH)))


def prefix(year: int, desk: str) -> str:
    return f"{PREFIX}-{year:04d}-{desk}-"


def make(year: int, desk: str, sequence: int) -> str:
    return f"{prefix(year, desk)}{sequence:06d}"


def sequence_of(number: str) -> int | None:
    match = _NUMBER.match(number)
    return int(match.group(3)) if match else None


def shown(number: str | None, batch_id: uuid.UUID | str, stamped_at: dt.datetime | dt.date | str | None) -> str:
    """What a person reads for a batch: its number, or for an old batch one made from its key."""
    if number:
        return number
    key = batch_id.hex if isinstance(batch_id, uuid.UUID) else str(batch_id).replace("-", "")
    year = str(stamped_at)[:4] if stamped_at else "0000"
    return f"{PREFIX}-{year}-{key[-8:].upper()}"  # the random end of the key, not its time


def normalised(text: str) -> str:
    """A number as typed (any case, spaces, full-width dashes) in its printed form."""
    cleaned = "".join(text.split()).upper().replace("－", "-").replace("—", "-").replace("_", "-")
    return cleaned


def looks_like_number(text: str) -> bool:
    cleaned = normalised(text)
    return bool(_NUMBER.match(cleaned) or _LEGACY.match(cleaned))
