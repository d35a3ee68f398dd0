"""What a write changed (Anki's OpChanges): the tables it wrote, told to every view.

A ``ChangeSet`` is not written by hand: the unit of work and the window's write runner
record the tables each statement of the write actually changed (``storage/write_log.py``),
so a view cannot miss a change because somebody forgot to list a table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ChangeSet:
    tables: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, tables: Iterable[str]) -> ChangeSet:
        return cls(frozenset(tables))

    def touches(self, *tables: str) -> bool:
        """True when any of ``tables`` was written."""
        return not self.tables.isdisjoint(tables)

    def __or__(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(self.tables | other.tables)

    def __bool__(self) -> bool:
        return bool(self.tables)


NO_CHANGES = ChangeSet()
