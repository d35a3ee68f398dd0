"""The org tree: children fetched lazily per node, trainee counts filled in from the background.

Column 0 is the org name, column 1 the number of 在职 trainees in the org and all its sub-orgs.
``reading_with`` reads the levels through another connection for a while: the window opens
the tree down to the last org through ``storage/plain_sqlite.py`` while SQLAlchemy loads.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from tjce_desktop.gui.page_cache import page_fetch
from tjce_desktop.services.org_nodes import OrgNode

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from tjce_desktop.storage.database import Database

_COLUMNS = ("组织机构", "在职学员")
ORG_ROLE = Qt.ItemDataRole.UserRole + 1  # the OrgNode of an index

_CHILDREN_SQL = """
SELECT o.id, o.parent_id, o.code, o.name, o.kind, o.path, o.depth,
       EXISTS (SELECT 1 FROM org c WHERE c.parent_id = o.id AND c.deleted_at IS NULL) AS has_children
FROM org o
WHERE o.deleted_at IS NULL AND {parent_filter}
ORDER BY o.sort_order, o.name
"""

Index = QModelIndex | QPersistentModelIndex


@dataclass(eq=False)
class _Node:
    org: OrgNode | None  # None for the invisible root
    parent: _Node | None
    has_children: bool
    children: list[_Node] | None = None  # None until fetched
    row: int = 0


class OrgTreeModel(QAbstractItemModel):
    sig_counts_changed = Signal()

    def __init__(self, engine: Engine | Database, parent=None, *, root_path: str = "/") -> None:
        """``engine``: an Engine, or the Database (its engine made when first needed)."""
        super().__init__(parent)
        self._engine = engine
        self._reading_with: Any = None  # a connection lent by reading_with()
        self._root_path = root_path  # the signed-in account's 管辖范围: its org is the top node
        self._root = _Node(org=None, parent=None, has_children=True)
        self._totals: dict[uuid.UUID, int] = {}
        self._marked: set[str] = set()  # paths the search box found: shown in bold

    # --- loading --------------------------------------------------------------------------

    @contextmanager
    def reading_with(self, connection) -> Iterator[None]:
        """Levels fetched inside read through ``connection`` (one with ``exec_driver_sql``)."""
        self._reading_with = connection
        try:
            yield
        finally:
            self._reading_with = None

    def _connection(self):
        lent = self._reading_with
        return nullcontext(lent) if lent is not None else self._engine.connect()

    def _load_children(self, node: _Node) -> list[_Node]:
        if node.org is None and self._root_path == "/":
            sql, params = _CHILDREN_SQL.format(parent_filter="o.parent_id IS NULL"), ()
        elif node.org is None:
            sql, params = _CHILDREN_SQL.format(parent_filter="o.path = ?"), (self._root_path,)
        else:
            sql, params = _CHILDREN_SQL.format(parent_filter="o.parent_id = ?"), (node.org.id.hex,)
        with self._connection() as connection:
            rows = connection.exec_driver_sql(sql, params).all()
        children = []
        for row_number, r in enumerate(rows):
            org_id = uuid.UUID(r.id)
            # Full names leave the city root out: "和平区/某某单位".
            if node.org is not None:
                parent_full = node.org.full_name if node.org.depth > 0 else ""
            else:
                parent_full = self._ancestors_name(r.path)
            full_name = f"{parent_full}/{r.name}" if parent_full else r.name
            org = OrgNode(org_id, uuid.UUID(r.parent_id) if r.parent_id else None, r.code, r.name, r.kind,
                          r.path, r.depth, full_name)
            children.append(_Node(org=org, parent=node, has_children=bool(r.has_children), row=row_number))
        return children

    def _ancestors_name(self, path: str) -> str:
        """"和平区/某某单位" of the orgs above a top node that is not the city (below the city)."""
        codes = path.strip("/").split("/")[1:-1]
        if not codes:
            return ""
        with self._connection() as connection:
            names = dict(connection.exec_driver_sql(
                f"SELECT code, name FROM org WHERE code IN ({', '.join('?' * len(codes))})", tuple(codes)).all())
        return "/".join(names.get(code, code) for code in codes)

    def reload(self) -> None:
        self.beginResetModel()
        self._root = _Node(org=None, parent=None, has_children=True)
        self.endResetModel()

    def set_totals(self, totals: dict[uuid.UUID, int]) -> None:
        """Subtree trainee counts, computed in the background; repaints the count column."""
        self._totals = totals
        self._emit_counts_changed(self._root)
        self.sig_counts_changed.emit()

    def set_marked(self, paths: set[str]) -> None:
        """The orgs a search found, shown in bold (an empty set: none)."""
        self._marked = set(paths)
        self._emit_counts_changed(self._root, column=0)

    def _emit_counts_changed(self, node: _Node, column: int = 1) -> None:
        if not node.children:
            return
        parent_index = self._index_of(node)
        self.dataChanged.emit(
            self.index(0, column, parent_index), self.index(len(node.children) - 1, column, parent_index),
            [Qt.ItemDataRole.DisplayRole if column == 1 else Qt.ItemDataRole.FontRole],
        )
        for child in node.children:
            self._emit_counts_changed(child, column)

    # --- Qt model API -----------------------------------------------------------------------

    def _node(self, index: Index) -> _Node:
        return index.internalPointer() if index.isValid() else self._root

    def _index_of(self, node: _Node, column: int = 0) -> QModelIndex:
        if node.parent is None:
            return QModelIndex()
        return self.createIndex(node.row, column, node)

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        node = self._node(parent)
        if node.children is None or not (0 <= row < len(node.children)) or not (0 <= column < len(_COLUMNS)):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node: _Node = index.internalPointer()
        return self._index_of(node.parent) if node.parent is not None else QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        children = self._node(parent).children
        return len(children) if children is not None else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(_COLUMNS)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:
        if parent.isValid() and parent.column() != 0:
            return False
        node = self._node(parent)
        return node.has_children if node.children is None else bool(node.children)

    def canFetchMore(self, parent: Index) -> bool:
        if parent.isValid() and parent.column() != 0:
            return False
        node = self._node(parent)
        return node.children is None and node.has_children

    def fetchMore(self, parent: Index) -> None:
        node = self._node(parent)
        if node.children is not None:
            return
        with page_fetch():  # one level of the tree: the model's page fetch
            children = self._load_children(node)
        if not children:
            node.children, node.has_children = [], False
            return
        self.beginInsertRows(parent, 0, len(children) - 1)
        node.children = children
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        org = self._node(index).org
        assert org is not None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return org.name
            total = self._totals.get(org.id)
            return "…" if total is None else f"{total:,}"
        if role == Qt.ItemDataRole.FontRole and column == 0 and org.path in self._marked:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            total = self._totals.get(org.id)
            count = "统计中" if total is None else f"{total:,} 名在职学员（含下级机构）"
            return f"{org.full_name}\n机构代码：{org.code}（{org.kind_label}）\n{count}"
        if role == ORG_ROLE:
            return org
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # --- navigation -------------------------------------------------------------------------

    def first_index(self) -> QModelIndex:
        """The first top-level org (the city), fetching the top level if needed."""
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())
        return self.index(0, 0)

    def index_for_path(self, path: str) -> QModelIndex:
        """The index of the org with materialised ``path``, fetching ancestors as needed."""
        node = self._root
        found = QModelIndex()
        while True:
            parent_index = self._index_of(node)
            if self.canFetchMore(parent_index):
                self.fetchMore(parent_index)
            step = next((c for c in node.children or [] if c.org and path.startswith(c.org.path)), None)
            if step is None:
                return found
            found = self._index_of(step)
            if step.org.path == path:
                return found
            node = step
