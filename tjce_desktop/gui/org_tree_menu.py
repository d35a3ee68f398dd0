"""The right-click menu of an org tree: what the window offers for the org clicked, then the
copies (name, full name, code). The org clicked becomes the current one first."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu, QTreeView

from tjce_desktop.gui.org_tree_model import ORG_ROLE
from tjce_desktop.services.orgs import OrgNode

OrgEntry = tuple[str, Callable[[OrgNode], object]] | None  # (text, what it does with the org); None: a separator


class OrgTreeMenu(QObject):
    def __init__(self, tree: QTreeView, entries: Sequence[OrgEntry] | Callable[[], Sequence[OrgEntry]] = ()) -> None:
        super().__init__(tree)
        self.tree, self._entries = tree, entries
        self.last_menu: QMenu | None = None
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self.show_menu)

    def build_menu(self, org: OrgNode) -> QMenu:
        menu = QMenu(self.tree)
        entries = self._entries() if callable(self._entries) else self._entries
        for entry in entries:
            if entry is None:
                menu.addSeparator()
                continue
            text, act = entry
            menu.addAction(text, lambda act=act: act(org))
        if menu.actions():
            menu.addSeparator()
        clipboard = QGuiApplication.clipboard()
        menu.addAction("复制名称", lambda: clipboard.setText(org.name))
        menu.addAction("复制完整名称", lambda: clipboard.setText(org.full_name))
        menu.addAction("复制机构代码", lambda: clipboard.setText(org.code))
        self.last_menu = menu
        return menu

    def show_menu(self, position: QPoint) -> QMenu | None:
        index = self.tree.indexAt(position)
        if not index.isValid():
            return None
        index = index.siblingAtColumn(0)
        if self.tree.currentIndex().siblingAtColumn(0) != index:
            self.tree.setCurrentIndex(index)
        menu = self.build_menu(index.data(ORG_ROLE))
        menu.popup(self.tree.viewport().mapToGlobal(position))
        return menu
