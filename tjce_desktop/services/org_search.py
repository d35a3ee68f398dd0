"""Finding orgs of a scope by name or pinyin (the search box over the org tree and the picker).

A city has thousands of orgs: the search reads them all once per query in the background
and matches in Python; the pinyin keys of each name are cached (``domain.pinyin``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from tjce_desktop.domain.pinyin import search_term, word_keys
from tjce_desktop.domain.text import normalise_text
from tjce_desktop.services.orgs import OrgNode, list_orgs

MAX_MATCHES = 200  # a tree opened at more places than this helps nobody


@dataclass(frozen=True, slots=True)
class OrgMatches:
    query: str
    orgs: tuple[OrgNode, ...]  # best first: names starting with the query, then the tree's order
    total: int  # all matches, also those beyond MAX_MATCHES


def search_orgs(session: Session, scope_path: str, query: str, limit: int = MAX_MATCHES) -> OrgMatches:
    """Orgs under ``scope_path`` whose name contains ``query``, or whose pinyin or initials
    contain it (``nanhu``, ``hpq`` for 和平区); code too (``120101``)."""
    text = normalise_text(query).strip()
    if not text:
        return OrgMatches(query, (), 0)
    term = search_term(text)
    first: list[OrgNode] = []
    rest: list[OrgNode] = []
    for org in list_orgs(session):
        if not org.path.startswith(scope_path):
            continue
        if term is not None:
            keys = word_keys(org.name)
            if keys.full.startswith(term) or keys.initials.startswith(term):
                first.append(org)
            elif term in keys.full or term in keys.initials:
                rest.append(org)
        elif org.name.startswith(text) or org.code.startswith(text):
            first.append(org)
        elif text in org.name:
            rest.append(org)
    found = first + rest
    return OrgMatches(query, tuple(found[:limit]), len(found))
