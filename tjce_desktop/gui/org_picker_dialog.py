"""Choose an org of the admin's scope (调整组织机构), by the tree or by the search box above it
(name, pinyin or initials: the first match is chosen, Enter takes it)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTreeView, QVBoxLayout

from tjce_desktop.gui.org_search import OrgTreeSearch
from tjce_desktop.gui.org_tree_menu import OrgTreeMenu
from tjce_desktop.gui.org_tree_model import ORG_ROLE, OrgTreeModel
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.services.orgs import OrgNode
from tjce_desktop.storage.database import Database


class OrgPickerDialog(QDialog):
    def __init__(self, database: Database, prompt: str, parent=None, *, runner: TaskRunner | None = None,
                 scope_path: str = "/") -> None:
        super().__init__(parent)
        self.setWindowTitle("选择机构")
        self.resize(460, 560)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt))
        self.model = OrgTreeModel(database.engine, self)
        self.view = QTreeView(self)
        self.view.setModel(self.model)
        self.view.setColumnHidden(1, True)
        self.view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.expand(self.model.first_index())
        self.view.doubleClicked.connect(lambda _index: self.accept())
        self.search: OrgTreeSearch | None = None
        if runner is not None:  # the search reads in the background
            self.search = OrgTreeSearch(self.view, self.model, runner, scope_path, self, select_first=True)
            self.search.returnPressed.disconnect()  # Enter takes the match chosen: the dialog's OK
            layout.addWidget(self.search)
        self.menu = OrgTreeMenu(self.view)
        layout.addWidget(self.view)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def selected_org(self) -> OrgNode | None:
        index = self.view.currentIndex()
        return index.data(ORG_ROLE) if index.isValid() else None

    def select_path(self, path: str) -> None:
        index = self.model.index_for_path(path)
        if index.isValid():
            self.view.setCurrentIndex(index)
