"""An org as the views show it, and the key range of a subtree: plain values, no database.

Apart from ``orgs.py`` (which queries through the models) so that the window's first screen
can use them before SQLAlchemy is loaded.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from tjce_desktop.domain.enums import OrgKind
from tjce_desktop.services.actor import Scope, require_scope


@dataclass(frozen=True, slots=True)
class OrgNode:
    id: uuid.UUID
    parent_id: uuid.UUID | None
    code: str
    name: str
    kind: str
    path: str
    depth: int
    full_name: str  # "和平区/和平区海河中学/办公室" — the city root is left out

    @property
    def kind_label(self) -> str:
        return OrgKind(self.kind).label


def subtree_bounds(path: str) -> tuple[str, str]:
    """Key range of a subtree: every path that starts with ``path``.

    Paths end in "/", and "0" is the character after "/", so the range is
    ``[path, path[:-1] + "0")``; both SQLite and PostgreSQL use an index for it, which
    they do not for ``LIKE 'path%'``.
    """
    return path, path[:-1] + "0"


def scope_bounds(scope: Scope) -> tuple[str, str]:
    """The key range of a checked scope (``Actor.scope``); a plain string is refused."""
    return subtree_bounds(require_scope(scope))
