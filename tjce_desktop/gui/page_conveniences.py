"""Each page's everyday conveniences in one place: its right-click menu, Ctrl+C and column
chooser (``table_tools``), and its keyboard shortcuts (``shortcuts``). A page calls its
function once at the end of its construction; the key of a table names its remembered columns.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from tjce_desktop.gui.shortcuts import button_shortcut, focus_shortcut
from tjce_desktop.gui.table_tools import TableTools


def trainees_page(page) -> TableTools:
    ui = page.ui
    button_shortcut(page, ui.add_button, "Ctrl+N")
    button_shortcut(page, ui.edit_button, "F2")
    button_shortcut(page, ui.import_button, "Ctrl+I")
    button_shortcut(page, ui.export_button, "Ctrl+E")
    button_shortcut(page, ui.leave_button, "Delete", on=ui.table)  # in the table only, not in a text field
    focus_shortcut(page, ui.real_name_edit)
    ui.real_name_edit.setPlaceholderText("姓名或拼音，如 zm")
    ui.real_name_edit.setToolTip("姓名的一部分，或拼音、拼音首字母的开头：zhang 或 zm 都能找到张敏")
    return TableTools(ui.table, "trainees", [
        ui.edit_button, ui.archive_button, None, ui.move_button, ui.leave_button, ui.reinstate_button, None,
        ui.add_button, ui.export_button])


def archive_query_page(page) -> TableTools:
    ui = page.ui
    focus_shortcut(page, ui.who_edit)
    button_shortcut(page, ui.export_button, "Ctrl+E")
    button_shortcut(page, ui.print_button, "Ctrl+P")
    return TableTools(ui.table, "archive_query", [
        ui.tick_selected_button, ui.untick_button, None, ui.print_button, ui.stamp_button, ui.unstamp_button, None,
        ui.export_button, ui.stamping_list_button])


def reports_page(page) -> TableTools:
    ui = page.ui
    button_shortcut(page, ui.run_button, "Ctrl+Return")
    button_shortcut(page, ui.export_button, "Ctrl+E")
    button_shortcut(page, ui.print_button, "Ctrl+P")
    # The table shows one report's columns, then another's: no column chooser here.
    return TableTools(ui.table, None, [ui.run_button, ui.export_button, ui.print_button])


def plans_page(page) -> TableTools:
    ui = page.ui
    button_shortcut(page, ui.new_button, "Ctrl+N")
    button_shortcut(page, ui.edit_button, "F2")
    button_shortcut(page, ui.delete_button, "Delete", on=ui.plans_table)  # asks first
    return TableTools(ui.plans_table, None, [ui.edit_button, ui.close_button, ui.delete_button, None, ui.new_button])


def audit_page(page) -> TableTools:
    ui = page.ui
    focus_shortcut(page, ui.text_edit)
    button_shortcut(page, ui.export_button, "Ctrl+E")
    return TableTools(ui.log_table, None, [ui.query_button, ui.verify_button, ui.export_button])


def compliance_page(page) -> TableTools:
    ui = page.ui
    button_shortcut(page, ui.export_button, "Ctrl+E")
    return TableTools(ui.compliance_table, None, [ui.refresh_button, ui.export_button])


def sync_page(page) -> list[TableTools]:
    ui = page.ui
    return [TableTools(ui.conflicts_table, None, [ui.keep_central_button, ui.keep_mine_button, ui.merge_button]),
            TableTools(ui.held_table, None, [ui.sync_button])]


def desk_page(page) -> TableTools:
    ui = page.ui
    focus_shortcut(page, ui.id_edit)  # the ID number, as a card reader types it
    button_shortcut(page, ui.print_button, "Ctrl+P")
    return TableTools(ui.other_table, None, [ui.add_other_button, ui.delete_other_button])


def copy_only(view) -> TableTools:
    """A table of a dialog (a preview, the accounts): 复制 and Ctrl+C."""
    return TableTools(view, None)


def drill_down(dialog: QWidget) -> TableTools:
    button_shortcut(dialog, dialog.export_button, "Ctrl+E")
    return TableTools(dialog.table, "drill_down", [dialog.export_button])
