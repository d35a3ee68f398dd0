"""The org tree: listing, lookup by code or name path, trainee counts per subtree."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from tjce_desktop.domain.enums import OrgKind
from tjce_desktop.domain.errors import UserError
from tjce_desktop.services.actor import Scope
from tjce_desktop.services.org_nodes import OrgNode as OrgNode
from tjce_desktop.services.org_nodes import scope_bounds as scope_bounds
from tjce_desktop.services.org_nodes import subtree_bounds as subtree_bounds
from tjce_desktop.storage.models import Org
from tjce_desktop.storage.org_counts import stored_counts_by_path


class OrgNotFound(UserError, LookupError):
    """``str()`` is the Chinese message."""


def list_orgs(session: Session) -> list[OrgNode]:
    """All live orgs, parents before children, siblings in their sort order."""
    rows = session.execute(
        select(Org.id, Org.parent_id, Org.code, Org.name, Org.kind, Org.path, Org.depth, Org.sort_order)
        .where(Org.deleted_at.is_(None))
        .order_by(Org.depth, Org.sort_order, Org.name)
    ).all()
    names: dict[uuid.UUID, str] = {}
    nodes: dict[uuid.UUID, OrgNode] = {}
    children: dict[uuid.UUID | None, list[uuid.UUID]] = {}
    for row in rows:
        parent_name = names.get(row.parent_id, "") if row.parent_id else ""
        full_name = f"{parent_name}/{row.name}" if parent_name else (row.name if row.depth > 0 else "")
        names[row.id] = full_name
        nodes[row.id] = OrgNode(row.id, row.parent_id, row.code, row.name, row.kind, row.path, row.depth,
                                full_name or row.name)
        children.setdefault(row.parent_id, []).append(row.id)
    ordered: list[OrgNode] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        node = nodes[stack.pop()]
        ordered.append(node)
        stack.extend(reversed(children.get(node.id, [])))
    return ordered


def find_org(session: Session, reference: str) -> OrgNode:
    """An org by its code or by its full name path (``和平区/某某单位``)."""
    reference = reference.strip().strip("/")
    for node in list_orgs(session):
        if reference in (node.code, node.full_name):
            return node
    raise OrgNotFound(f"找不到组织机构“{reference}”。请用 tjce orgs 查看机构代码和名称路径。")


def full_name_of(session: Session, org_id: uuid.UUID) -> str:
    """"和平区/某某单位/办公室": the names along the org's path, the city root left out."""
    path = session.scalar(select(Org.path).where(Org.id == org_id))
    if path is None:
        return ""
    codes = path.strip("/").split("/")
    names = dict(session.execute(select(Org.code, Org.name).where(Org.code.in_(codes))).all())
    parts = [names.get(code, code) for code in codes[1:]] or [names.get(codes[0], codes[0])]
    return "/".join(parts)


def direct_trainee_counts(session: Session, scope: Scope, *, active_only: bool = False) -> dict[uuid.UUID, int]:
    """Each org's own live trainees (在职 only with ``active_only``), from the stored per-org
    counts (storage/org_counts.py): the tree's totals without reading a million trainees."""
    connection = session.connection()
    by_path = stored_counts_by_path(connection, scope_bounds(scope), active_only=active_only)
    if not by_path:
        return {}
    low, high = scope_bounds(scope)
    orgs = session.execute(select(Org.id, Org.path).where(Org.deleted_at.is_(None), Org.path >= low,
                                                          Org.path < high)).all()
    return {org_id: by_path[path] for org_id, path in orgs if path in by_path}


def subtree_totals(orgs: list[OrgNode], direct: dict[uuid.UUID, int]) -> dict[uuid.UUID, int]:
    """Each org's own trainees plus those of all its sub-orgs."""
    totals = {node.id: direct.get(node.id, 0) for node in orgs}
    for node in sorted(orgs, key=lambda n: n.depth, reverse=True):
        if node.parent_id is not None and node.parent_id in totals:
            totals[node.parent_id] += totals[node.id]
    return totals


def actor_org(session: Session, actor) -> Org | None:
    """The org an account belongs to: the one at its scope path (the city root for "/")."""
    where = Org.parent_id.is_(None) if actor.scope_path == "/" else Org.path == actor.scope_path
    return session.scalar(select(Org).where(where, Org.deleted_at.is_(None)).order_by(Org.sort_order).limit(1))


def ensure_city_root(session: Session, actor_name: str) -> OrgNode:
    """The root of the tree (天津市), created in a new, empty database so that its first
    account has an org; the rest of the tree comes from the central database or the demo."""
    from tjce_desktop.domain.regions import CITY_CODE, CITY_NAME

    roots = [org for org in list_orgs(session) if org.parent_id is None]
    if roots:
        return roots[0]
    session.add(Org(code=CITY_CODE, name=CITY_NAME, kind=OrgKind.CITY.value, path=f"/{CITY_CODE}/", depth=0,
                    sort_order=0, updated_by=actor_name))
    session.flush()
    return next(org for org in list_orgs(session) if org.parent_id is None)
