"""What every table of the window offers, built once: a right-click menu with the page's
actions and 复制, Ctrl+C as tab-separated text for Excel/WPS, and a column chooser on the
header remembered per table.

Copying reads what the table shows (``DisplayRole``): a masked ID number is copied masked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QHeaderView, QMenu, QMessageBox, QTableView

from tjce_desktop.gui.settings import app_settings

COPY_LIMIT_ROWS = 10_000  # more than this is an export, not a clipboard


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return " ".join(text.replace("\t", " ").splitlines())  # one cell stays one cell in Excel


def selection_text(view: QTableView) -> str | None:
    """The selected cells as tab-separated lines (columns in the order shown, hidden ones left
    out), with the header line when whole rows are selected; the current cell when nothing is.
    None when the selection is larger than ``COPY_LIMIT_ROWS``."""
    model, selection = view.model(), view.selectionModel()
    if model is None or selection is None:
        return ""
    ranges = selection.selection()
    cells: dict[int, set[int]] = {}
    if ranges.isEmpty():
        current = view.currentIndex()
        if not current.isValid():
            return ""
        cells[current.row()] = {current.column()}
    else:
        if sum(r.bottom() - r.top() + 1 for r in ranges) > COPY_LIMIT_ROWS:
            return None
        for selected in ranges:
            for row in range(selected.top(), selected.bottom() + 1):
                cells.setdefault(row, set()).update(range(selected.left(), selected.right() + 1))
    header = view.horizontalHeader()
    shown = [c for c in (header.logicalIndex(v) for v in range(header.count())) if not header.isSectionHidden(c)]
    used = set().union(*cells.values())
    columns = [c for c in shown if c in used]
    rows = sorted(cells)
    whole_rows = not ranges.isEmpty() and all(selection.isRowSelected(row, QModelIndex()) for row in rows)
    lines = []
    if whole_rows:
        columns = shown
        lines.append("\t".join(_cell(model.headerData(c, Qt.Orientation.Horizontal)) for c in columns))
    for row in rows:
        lines.append("\t".join(_cell(model.index(row, c).data()) if c in cells[row] else "" for c in columns))
    return "\n".join(lines)


def copy_selection(view: QTableView) -> bool:
    text = selection_text(view)
    if text is None:
        QMessageBox.information(view, "复制", f"一次最多复制 {COPY_LIMIT_ROWS:,} 行。更多的行请使用“导出”。")
        return False
    if text:
        QGuiApplication.clipboard().setText(text)
    return bool(text)


Entry = QAction | QAbstractButton | None  # None: a separator


def _menu_entry(menu: QMenu, entry: QAction | QAbstractButton) -> None:
    """A button becomes the same action in the menu: its text, shortcut, state and menu."""
    if isinstance(entry, QAction):
        if entry.isVisible():
            menu.addAction(entry)
        return
    if not entry.isVisibleTo(entry.window()):
        return
    text = entry.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    submenu = entry.menu() if hasattr(entry, "menu") else None
    if submenu is not None:
        sub = menu.addMenu(text)
        sub.addActions(submenu.actions())
        sub.setEnabled(entry.isEnabled())
        return
    action = menu.addAction(text, entry.click)
    action.setEnabled(entry.isEnabled())
    shortcut = entry.shortcut() if not entry.shortcut().isEmpty() else entry.property("tjce_shortcut")
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutVisibleInContextMenu(True)


class TableTools(QObject):
    """Installed on a table view: the context menu, Ctrl+C and (with ``key``) the column chooser."""

    def __init__(self, view: QTableView, key: str | None, entries: Sequence[Entry] | Callable[[], Sequence[Entry]] = (),
                 *, default_hidden: Sequence[int] = ()) -> None:
        super().__init__(view)
        self.view, self.key, self._entries = view, key, entries
        self.default_hidden = tuple(default_hidden)
        self.last_menu: QMenu | None = None  # the menu shown last (tests look at it)
        self.copy_action = QAction("复制", view)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_action.setShortcutVisibleInContextMenu(True)
        self.copy_action.setToolTip("把选中的单元格复制为表格文本，可直接粘贴到 Excel/WPS")
        self.copy_action.triggered.connect(lambda: copy_selection(view))
        view.addAction(self.copy_action)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self.show_menu)
        if key is not None:
            header = view.horizontalHeader()
            header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            header.customContextMenuRequested.connect(self.show_header_menu)
            self.apply_columns()
            if view.model() is not None:
                view.model().modelReset.connect(self.apply_columns)

    # --- the context menu ----------------------------------------------------------------------

    def entries(self) -> Sequence[Entry]:
        return self._entries() if callable(self._entries) else self._entries

    def build_menu(self) -> QMenu:
        menu = QMenu(self.view)
        for entry in self.entries():
            if entry is None:
                if menu.actions() and not menu.actions()[-1].isSeparator():
                    menu.addSeparator()
            else:
                _menu_entry(menu, entry)
        if menu.actions() and not menu.actions()[-1].isSeparator():
            menu.addSeparator()
        menu.addAction(self.copy_action)
        selection = self.view.selectionModel()
        self.copy_action.setEnabled(self.view.currentIndex().isValid()
                                    or (selection is not None and selection.hasSelection()))
        self.last_menu = menu
        return menu

    def show_menu(self, position: QPoint) -> QMenu:
        index = self.view.indexAt(position)
        selection = self.view.selectionModel()
        if index.isValid() and selection is not None and not selection.isSelected(index):
            # Right-clicking outside the selection acts on the row clicked, as in Explorer.
            behaviour = self.view.selectionBehavior()
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
            if behaviour == QAbstractItemView.SelectionBehavior.SelectRows:
                flags |= QItemSelectionModel.SelectionFlag.Rows
            selection.setCurrentIndex(index, flags)
        menu = self.build_menu()
        menu.popup(self.view.viewport().mapToGlobal(position))
        return menu

    # --- the column chooser --------------------------------------------------------------------

    def _settings_key(self) -> str:
        return f"tables/{self.key}/hidden_columns"

    def _header_text(self, column: int) -> str:
        model = self.view.model()
        return _cell(model.headerData(column, Qt.Orientation.Horizontal)) if model is not None else str(column)

    def hidden_names(self) -> list[str] | None:
        raw = app_settings().value(self._settings_key())
        if not isinstance(raw, str):
            return None  # never chosen: the defaults
        return [name for name in raw.split("\t") if name]

    def apply_columns(self) -> None:
        model = self.view.model()
        if model is None:
            return
        names = self.hidden_names()
        for column in range(model.columnCount()):
            hidden = column in self.default_hidden if names is None else self._header_text(column) in names
            self.view.setColumnHidden(column, hidden)

    def set_column_shown(self, column: int, shown: bool) -> None:
        header = self.view.horizontalHeader()
        if not shown and header.count() - header.hiddenSectionCount() <= 1:
            return  # the last column stays
        self.view.setColumnHidden(column, not shown)
        if shown and header.sectionSize(column) < 30:
            header.resizeSection(column, header.defaultSectionSize())
        hidden = [self._header_text(c) for c in range(header.count()) if header.isSectionHidden(c)]
        settings = app_settings()
        settings.setValue(self._settings_key(), "\t".join(hidden) or "\t")  # "\t": none hidden, not "never chosen"
        settings.sync()

    def reset_columns(self) -> None:
        settings = app_settings()
        settings.remove(self._settings_key())
        settings.sync()
        self.apply_columns()

    def build_header_menu(self) -> QMenu:
        menu = QMenu(self.view)
        header: QHeaderView = self.view.horizontalHeader()
        title = menu.addAction("显示的列")
        title.setEnabled(False)
        for visual in range(header.count()):
            column = header.logicalIndex(visual)
            action = menu.addAction(self._header_text(column))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda shown, c=column: self.set_column_shown(c, shown))
        menu.addSeparator()
        menu.addAction("恢复默认列", self.reset_columns)
        self.last_menu = menu
        return menu

    def show_header_menu(self, position: QPoint) -> QMenu:
        menu = self.build_header_menu()
        menu.popup(self.view.horizontalHeader().mapToGlobal(position))
        return menu

