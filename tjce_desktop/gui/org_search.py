"""A search box over an org tree (the main window's and the picker's): by name, code, pinyin or
initials (``hpq`` → 和平区), the tree narrowed to the matches and their ancestors, opened to
them, the matches in bold.

The search itself runs in the task runner (``services/org_search.py``, thousands of orgs);
the GUI thread only opens the matches' ancestors — one page fetch per level not yet loaded.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QTreeView

from tjce_desktop.gui.org_tree_model import ORG_ROLE, OrgTreeModel
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.services.org_search import OrgMatches, search_orgs

SEARCH_AFTER_MS = 250  # typing pauses this long before a search starts
OPENED_MATCHES = 60  # the tree is opened at the first matches only; all are counted
_HELP = "输入机构名称的一部分、拼音或拼音首字母；回车转到下一个匹配的机构，Esc 清除"


class OrgTreeSearch(QLineEdit):
    """``select_first``: the first match becomes the tree's current org at once (the picker);
    otherwise Enter goes to the next match (the main window, where the current org scopes
    every page and must not change while typing)."""

    sig_searched = Signal(object)  # OrgMatches, once shown

    def __init__(self, tree: QTreeView, model: OrgTreeModel, runner: TaskRunner, scope_path: str = "/",
                 parent=None, *, select_first: bool = False) -> None:
        super().__init__(parent)
        self.tree, self.model, self.runner, self.scope_path = tree, model, runner, scope_path
        self.select_first = select_first
        self.matches: list[QPersistentModelIndex] = []
        self.result: OrgMatches | None = None
        self._next = 0
        self.setPlaceholderText("搜索机构：名称、拼音或首字母（如 hpq）")
        self.setClearButtonEnabled(True)
        self.setToolTip(_HELP)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_AFTER_MS)
        self._timer.timeout.connect(self.search)
        self.textChanged.connect(lambda _text: self._timer.start())
        self.returnPressed.connect(self.go_to_next)
        model.modelReset.connect(self._after_reset)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        if event.key() == Qt.Key.Key_Down and self.matches:
            self.tree.setFocus()
            return
        super().keyPressEvent(event)

    def search(self) -> None:
        self._timer.stop()
        text, scope = self.text().strip(), self.scope_path
        if not text:
            self.show_matches(OrgMatches("", (), 0))
            return
        self.runner.read(lambda uow, _state: search_orgs(uow.session, scope, text), on_success=self.show_matches,
                         error_title="搜索机构失败")

    def show_matches(self, result: OrgMatches) -> None:
        if result.query.strip() != self.text().strip():
            return  # typed on since: the newer search shows
        self.result = result
        indexes = [self.model.index_for_path(org.path) for org in result.orgs[:OPENED_MATCHES]]
        self.matches = [QPersistentModelIndex(i) for i in indexes if i.isValid()]
        self._next = 0
        self.model.set_marked({org.path for org in result.orgs[:OPENED_MATCHES]})
        # no match: the whole tree stays, the box says so
        self._filter_rows({org.path for org in result.orgs[:OPENED_MATCHES]} if result.orgs else None)
        for index in self.matches:
            parent = index.parent()
            while parent.isValid():
                self.tree.expand(parent)
                parent = parent.parent()
        if self.matches:
            self.tree.scrollTo(QModelIndex(self.matches[0]))
            if self.select_first:
                self.tree.setCurrentIndex(QModelIndex(self.matches[0]))
                self._next = 1
        self._say(result)
        self.sig_searched.emit(result)

    def _say(self, result: OrgMatches) -> None:
        if not result.query:
            self.setStatusTip("")
        elif not result.total:
            self.setStatusTip(f"没有名称或拼音含“{result.query}”的机构")
        else:
            more = f"（显示前 {OPENED_MATCHES} 个）" if result.total > OPENED_MATCHES else ""
            self.setStatusTip(f"找到 {result.total:,} 个机构{more}；回车转到下一个")
        self.setToolTip(self.statusTip() or _HELP)

    def go_to_next(self) -> None:
        """Enter: the next match becomes the current org (from the first again after the last)."""
        if self._timer.isActive():
            self.search()  # typed and pressed Enter at once: the result arrives, then Enter again
            return
        live = [QModelIndex(i) for i in self.matches if i.isValid()]
        if not live:
            return
        index = live[self._next % len(live)]
        self._next = (self._next + 1) % len(live)
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)

    def _filter_rows(self, paths: set[str] | None) -> None:
        """Hide what is neither a match, an ancestor of one nor inside one (None: show all)."""
        def visit(parent: QModelIndex) -> None:
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, 0, parent)
                org = index.data(ORG_ROLE)
                shown = paths is None or any(p.startswith(org.path) or org.path.startswith(p) for p in paths)
                self.tree.setRowHidden(row, parent, not shown)
                if shown:
                    visit(index)

        visit(QModelIndex())

    def _after_reset(self) -> None:
        self.matches, self.result = [], None
        if self.text():
            self._timer.start()
