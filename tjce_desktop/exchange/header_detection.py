"""Find the header row of an imported sheet and map its columns to fields by name.

Sheets arrive with a title row above the header ("2024年学员名单"), headers merged across
cells (only the first cell holds the text), stars marking required columns, notes in
brackets and line breaks; the header row is the one in the first rows that names the most
known columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tjce_desktop.exchange.cells import cell_text

_SCAN_ROWS = 20
_NOISE = re.compile(r"[\s*＊:：]|（[^）]*）|\([^)]*\)")


def header_key(value: object) -> str:
    """A header text reduced to what identifies it: no spaces, stars, colons or notes."""
    return _NOISE.sub("", cell_text(value)).lower()


@dataclass(frozen=True)
class HeaderMatch:
    row_index: int  # 0-based index into the sheet's rows
    mapping: dict[int, str]  # column index → field name
    headers: list[str]  # the header row's texts as they are


def detect_header(rows: list[list[object]], aliases: dict[str, tuple[str, ...]]) -> HeaderMatch | None:
    lookup = {header_key(alias): name for name, names in aliases.items() for alias in names}
    best: HeaderMatch | None = None
    for index, row in enumerate(rows[:_SCAN_ROWS]):
        mapping: dict[int, str] = {}
        for column, value in enumerate(row):
            name = lookup.get(header_key(value))
            if name is not None and name not in mapping.values():
                mapping[column] = name
        if len(mapping) >= 2 and (best is None or len(mapping) > len(best.mapping)):
            best = HeaderMatch(index, mapping, [cell_text(value) for value in row])
    return best
