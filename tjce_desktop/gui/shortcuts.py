"""Keyboard shortcuts of a page's buttons, said in their tooltips and in the right-click menus.

Each is an action of the page with a window-wide shortcut: Qt fires only the actions of
widgets on screen, so two pages may both use Ctrl+E, and a button that is greyed out does
nothing. What the main window's menus already use (F5, F1, Ctrl+T, Ctrl+L, Ctrl+Q,
Ctrl+Shift+F/S/V) is not taken here; tests/test_conveniences.py checks there is no clash.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QWidget


def _said(keys: str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def button_shortcut(page: QWidget, button: QAbstractButton, keys: str, *,
                    on: QWidget | None = None) -> QAction:
    """``keys`` clicks ``button`` when it is enabled and shown. ``on``: only while the focus is
    in that widget (Delete on a table, not in a text field)."""
    owner = on or page
    action = QAction(button.text(), owner)
    action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut if on is not None
                              else Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda: button.isEnabled() and button.isVisible() and button.click())
    action.setObjectName(f"shortcut_{button.objectName()}")
    owner.addAction(action)
    button.setProperty("tjce_shortcut", keys)
    tip = button.toolTip() or button.text().replace("&", "")
    button.setToolTip(f"{tip}（{_said(keys)}）")
    return action


def focus_shortcut(page: QWidget, edit: QLineEdit, keys: str = "Ctrl+F") -> QAction:
    """``keys`` puts the cursor in ``edit`` (the page's search field), its text selected."""
    action = QAction("查找", page)
    action.setShortcut(QKeySequence(keys))
    action.triggered.connect(lambda: (edit.setFocus(Qt.FocusReason.ShortcutFocusReason), edit.selectAll()))
    action.setObjectName(f"shortcut_focus_{edit.objectName()}")
    page.addAction(action)
    edit.setToolTip(f"{edit.toolTip() or edit.placeholderText() or '查找'}（{_said(keys)}）")
    return action

