"""One hub that tells every view what a write changed (Anki's operation hooks)."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class ChangeSet:
    """What a write touched: table names, and the org subtrees whose contents changed."""

    tables: frozenset[str] = field(default_factory=frozenset)
    org_paths: frozenset[str] = field(default_factory=frozenset)

    def touches(self, table: str) -> bool:
        return table in self.tables


class SignalHub(QObject):
    sig_changed = Signal(object)  # ChangeSet

    def announce(self, changes: ChangeSet) -> None:
        self.sig_changed.emit(changes)
