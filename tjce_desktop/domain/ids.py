"""Client-generated primary keys.

UUID version 7: the first 48 bits are a millisecond timestamp, so keys made on one desk
arrive in roughly ascending order and append to B-tree indexes instead of scattering.
"""

from __future__ import annotations

import os
import time
import uuid


def new_id() -> uuid.UUID:
    millis = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (millis & 0xFFFF_FFFF_FFFF) << 80 | rand
    value = value & ~(0xF << 76) | (0x7 << 76)  # version 7
    value = value & ~(0x3 << 62) | (0x2 << 62)  # RFC 4122 variant
    return uuid.UUID(int=value)


def new_ids(count: int) -> list[uuid.UUID]:
    """``count`` version-7 keys, with one read of the random source for all of them."""
    millis = (time.time_ns() // 1_000_000) & 0xFFFF_FFFF_FFFF
    noise = os.urandom(10 * count)
    keys = []
    for n in range(count):
        rand = int.from_bytes(noise[10 * n:10 * n + 10], "big")
        value = millis << 80 | rand
        value = value & ~(0xF << 76) | (0x7 << 76)
        value = value & ~(0x3 << 62) | (0x2 << 62)
        keys.append(uuid.UUID(int=value))
    return keys


def sequential_id(tag: int, counter: int) -> uuid.UUID:
    """Deterministic, ascending keys for seeded demo data: ``tag`` names table and seed."""
    value = (tag & 0xFFFF_FFFF_FFFF) << 80 | (counter & 0xFFFF_FFFF_FFFF_FFFF)
    value = value & ~(0xF << 76) | (0x8 << 76)  # version 8: custom layout
    value = value & ~(0x3 << 62) | (0x2 << 62)
    return uuid.UUID(int=value)
