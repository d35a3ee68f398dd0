"""Everyday conveniences (#16 item 8) on real widgets over the demo database: Ctrl+C, the
right-click menus, the column chooser, the shortcuts, the org search and the remembered
query conditions."""

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QAction, QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMessageBox

from tjce_desktop.gui.main_window import MainWindow
from tjce_desktop.gui.org_picker_dialog import OrgPickerDialog
from tjce_desktop.gui.org_tree_model import ORG_ROLE
from tjce_desktop.services import trainee_listing as listing

ARTIFACTS = Path(__file__).parent / "artifacts"
NAME, ID_NUMBER, PHONE = 1, 2, listing.COLUMNS.index(listing.TraineeColumn.PHONE)


def _new_window(qtbot, database):
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window.trainees_page.model.total is not None, timeout=10_000)
    qtbot.waitUntil(lambda: window.runner.idle, timeout=10_000)
    return window


def _select(table, top, left, bottom, right):
    model = table.model()
    table.selectionModel().select(QItemSelection(model.index(top, left), model.index(bottom, right)),
                                  QItemSelectionModel.SelectionFlag.ClearAndSelect)


def test_ctrl_c_copies_cells_as_tab_separated_text_masked(qtbot, main_window):
    page = main_window.trainees_page
    table, model = page.ui.table, page.model
    table.setFocus()
    _select(table, 0, NAME, 2, ID_NUMBER)
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().split("\n")
    assert lines == [f"{model.index(r, NAME).data()}\t{model.index(r, ID_NUMBER).data()}" for r in range(3)]
    assert all("*" in line.split("\t")[1] for line in lines)  # masked on screen, masked in the clipboard

    # whole rows: the header line first, hidden columns left out
    page.tools.set_column_shown(PHONE, False)
    table.selectionModel().select(QItemSelection(model.index(4, 0), model.index(5, 0)),
                                  QItemSelectionModel.SelectionFlag.ClearAndSelect
                                  | QItemSelectionModel.SelectionFlag.Rows)
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    header, *rows = QGuiApplication.clipboard().text().split("\n")
    bar = table.horizontalHeader()  # in the order on screen (the page puts 所属机构 fourth)
    shown = [listing.COLUMNS[c].header for c in map(bar.logicalIndex, range(bar.count()))
             if listing.COLUMNS[c] is not listing.TraineeColumn.PHONE]
    assert header.split("\t") == shown and "所属机构" in shown[:4]
    assert len(rows) == 2 and rows[0].split("\t")[0] == model.index(4, 0).data()
    assert len(rows[0].split("\t")) == len(shown)


def test_the_table_menu_offers_the_page_actions_and_copy(qtbot, main_window, monkeypatch):
    page = main_window.trainees_page
    table = page.ui.table
    row_rect = table.visualRect(page.model.index(3, NAME))
    menu = page.tools.show_menu(row_rect.center())
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert {"编辑", "查看档案", "调整组织机构", "离职/调出", "恢复在职", "添加学员", "复制"} <= {
        t.rstrip("…") for t in texts}, texts
    assert page.selected_rowids() == [page.model.rowid_at(3)]  # the row clicked became the selection
    by_text = {a.text().rstrip("…"): a for a in menu.actions()}
    assert by_text["编辑"].isEnabled() and by_text["复制"].isEnabled()
    assert by_text["离职/调出"].shortcut() == QKeySequence("Delete")
    assert by_text["复制"].shortcut() == QKeySequence(QKeySequence.StandardKey.Copy)
    menu.close()

    # The menu does what the button does: 离职/调出 asks first (answered No here).
    asked = []
    no = QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kw: asked.append(args[2]) or no)
    by_text["离职/调出"].trigger()
    assert asked and "1 名学员" in asked[0]
    # Delete in the table is the same; in a text field it deletes text.
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert len(asked) == 2


def test_the_org_tree_menu(qtbot, main_window):
    tree = main_window.ui.org_tree
    index = main_window.org_model.index_for_path("/120000/120101/")  # 和平区
    main_window.select_org_index(index)
    menu = main_window.org_menu.show_menu(tree.visualRect(index).center())
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[:4] == ["查看学员", "综合查询", "报表", "合规看板"]
    assert {"复制名称", "复制完整名称", "复制机构代码"} <= set(texts)
    main_window.ui.pages.setCurrentWidget(main_window.reports_page)
    next(a for a in menu.actions() if a.text() == "查看学员").trigger()
    assert main_window.ui.pages.currentWidget() is main_window.trainees_page
    next(a for a in menu.actions() if a.text() == "复制机构代码").trigger()
    assert QGuiApplication.clipboard().text() == index.data(ORG_ROLE).code
    menu.close()


def test_the_column_chooser_is_remembered_per_table(qtbot, demo_database, message_boxes):
    window = _new_window(qtbot, demo_database)
    tools = window.trainees_page.tools
    menu = tools.build_header_menu()
    phone = next(a for a in menu.actions() if a.text() == "手机")
    assert phone.isChecked()
    phone.toggle()
    assert window.trainees_page.ui.table.isColumnHidden(PHONE)
    window.close()

    again = _new_window(qtbot, demo_database)  # a restart: the same settings file
    table = again.trainees_page.ui.table
    assert table.isColumnHidden(PHONE)
    assert not again.archive_query_page.ui.table.isColumnHidden(PHONE)  # per table
    again.trainees_page.refresh()  # a reload (model reset) keeps the choice
    qtbot.waitUntil(lambda: again.runner.idle, timeout=10_000)
    assert table.isColumnHidden(PHONE)
    reset = next(a for a in again.trainees_page.tools.build_header_menu().actions() if a.text() == "恢复默认列")
    reset.trigger()
    assert not table.isColumnHidden(PHONE)
    # the last shown column cannot be hidden
    for column in range(table.model().columnCount()):
        again.trainees_page.tools.set_column_shown(column, False)
    assert table.horizontalHeader().count() - table.horizontalHeader().hiddenSectionCount() == 1
    again.close()


def test_the_last_query_conditions_come_back_after_a_restart(qtbot, demo_database, message_boxes):
    window = _new_window(qtbot, demo_database)
    page = window.trainees_page
    page.ui.real_name_edit.setText("zm")
    page.ui.status_combo.setCurrentText("全部")
    page.ui.title_combo.setCurrentText("中级")
    with qtbot.waitSignal(page.model.sig_loaded, timeout=10_000):
        page.run_query()
    asked = page.model.filters
    assert asked.real_name == "zm" and asked.active is None and asked.title_level == "intermediate"

    window.ui.pages.setCurrentWidget(window.archive_query_page)
    query = window.archive_query_page
    qtbot.waitUntil(lambda: query.choices_loaded and window.runner.idle, timeout=10_000)
    query.ui.plan_combo.setCurrentIndex(2)
    plan_id = query.ui.plan_combo.currentData()
    query.ui.stamp_combo.setCurrentText("已盖章")
    query.ui.who_edit.setText("zhang")
    query.run_query()
    qtbot.waitUntil(lambda: window.runner.idle, timeout=10_000)

    window.ui.pages.setCurrentWidget(window.reports_page)
    reports = window.reports_page
    reports.select("4.3")
    qtbot.waitUntil(lambda: reports._plans_read and window.runner.idle, timeout=10_000)
    reports.ui.plan_combo.setCurrentIndex(1)
    plan_name = reports.ui.plan_combo.currentText()
    reports.run()
    qtbot.waitUntil(lambda: window.runner.idle, timeout=10_000)
    window.close()

    again = _new_window(qtbot, demo_database)
    restored = again.trainees_page
    assert restored.ui.real_name_edit.text() == "zm" and restored.ui.status_combo.currentText() == "全部"
    assert restored.model.filters == asked  # the first page after the restart is that query's
    again.ui.pages.setCurrentWidget(again.archive_query_page)
    query = again.archive_query_page
    qtbot.waitUntil(lambda: query.choices_loaded and again.runner.idle, timeout=10_000)
    assert query.ui.plan_combo.currentData() == plan_id
    assert query.ui.stamp_combo.currentText() == "已盖章" and query.ui.who_edit.text() == "zhang"
    again.ui.pages.setCurrentWidget(again.reports_page)
    qtbot.waitUntil(lambda: again.reports_page._plans_read and again.runner.idle, timeout=10_000)
    assert again.reports_page.code == "4.3" and again.reports_page.ui.plan_combo.currentText() == plan_name
    again.close()


def test_the_last_user_name_is_still_remembered(qtbot, database):
    from tjce_desktop.gui.app import _last_username, _remember_username
    from tjce_desktop.gui.sign_in_dialogs import SignInDialog

    _remember_username("hp_officer")
    dialog = SignInDialog(database, _last_username())
    qtbot.addWidget(dialog)
    assert dialog.ui.username_edit.text() == "hp_officer"


def _search(qtbot, box, text):
    with qtbot.waitSignal(box.sig_searched, timeout=10_000):
        box.setText(text)


def test_the_org_tree_search_finds_by_pinyin_and_initials(qtbot, main_window):
    box, tree, model = main_window.org_search, main_window.ui.org_tree, main_window.org_model
    _search(qtbot, box, "hpq")  # 和平区 by its initials
    names = [QModelIndexName(i) for i in box.matches]
    assert names[0] == "和平区"
    city = model.first_index()
    districts = [model.index(r, 0, city) for r in range(model.rowCount(city))]
    shown = [i.data() for i in districts if not tree.isRowHidden(i.row(), city)]
    assert shown == ["和平区"]  # the other districts are filtered out
    assert model.data(model.index_for_path("/120000/120101/"), Qt.ItemDataRole.FontRole).bold()
    assert main_window.current_org().name == "天津市"  # typing does not change the pages' scope
    with qtbot.waitSignal(main_window.trainees_page.model.sig_loaded, timeout=10_000):
        qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter goes to the match
    assert main_window.current_org().name == "和平区"

    _search(qtbot, box, "heping")  # full pinyin, inside longer names too
    assert all("和平" in QModelIndexName(i) for i in box.matches) and len(box.matches) > 1
    _search(qtbot, box, "和平区")
    assert QModelIndexName(box.matches[0]) == "和平区"
    _search(qtbot, box, "qqqq")
    assert box.result.total == 0 and "没有" in box.toolTip()
    assert all(not tree.isRowHidden(i.row(), city) for i in districts)  # no match: nothing hidden
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == ""
    qtbot.waitUntil(lambda: box.result is not None and box.result.query == "", timeout=5_000)
    assert not isinstance(model.data(model.index_for_path("/120000/120101/"), Qt.ItemDataRole.FontRole), QFont)


def QModelIndexName(index) -> str:  # noqa: N802 — reads like the Qt call it wraps
    return index.data(ORG_ROLE).name


def test_the_org_picker_searches_and_chooses_the_first_match(qtbot, demo_database, message_boxes):
    from tjce_desktop.gui.signal_hub import SignalHub
    from tjce_desktop.gui.task_runner import TaskRunner
    from tjce_desktop.services.actor import LOCAL_ADMIN

    runner = TaskRunner(None, database=demo_database, actor=LOCAL_ADMIN, hub=SignalHub())
    picker = OrgPickerDialog(demo_database, "调整到：", runner=runner)
    qtbot.addWidget(picker)
    picker.show()
    _search(qtbot, picker.search, "hxq")  # 河西区
    assert picker.selected_org().name == "河西区"
    picker.grab().save(str(ARTIFACTS / "conveniences_org_picker.png"))


def test_shortcuts_are_said_and_never_clash(qtbot, main_window):
    window = main_window
    window_keys = [a.shortcut().toString() for a in window.findChildren(QAction)
                   if not a.shortcut().isEmpty() and a.parent() is window]
    assert len(window_keys) == len(set(window_keys))
    for number in range(window.ui.pages.count()):
        page = window.ui.pages.widget(number)
        page_keys = [a.shortcut().toString() for a in page.findChildren(QAction) if not a.shortcut().isEmpty()
                     and a.shortcutContext() == Qt.ShortcutContext.WindowShortcut]
        assert len(page_keys) == len(set(page_keys)), window.ui.pages.tabText(number)
        assert not set(page_keys) & set(window_keys), window.ui.pages.tabText(number)
    assert "Ctrl+N" in window.trainees_page.ui.add_button.toolTip()

    # Only the page on screen answers: Ctrl+F on 综合查询 goes to its name field, on 学员管理 to its own.
    window.activateWindow()
    window.ui.pages.setCurrentWidget(window.archive_query_page)
    qtbot.keyClick(window.ui.org_tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.archive_query_page.ui.who_edit.hasFocus()
    window.ui.pages.setCurrentWidget(window.trainees_page)
    qtbot.keyClick(window.ui.org_tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.trainees_page.ui.real_name_edit.hasFocus()
    qtbot.keyClick(window.ui.org_tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert window.org_search.hasFocus()
    qtbot.keyClick(window.ui.org_tree, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # 添加学员
    qtbot.waitUntil(lambda: window.trainees_page.last_dialog is not None, timeout=5_000)
    window.trainees_page.last_dialog.close()


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_screenshots_of_the_conveniences(qtbot, main_window, artifacts, size):
    window = main_window
    window.resize(*size)
    _search(qtbot, window.org_search, "hp")
    table = window.trainees_page.ui.table
    table.selectRow(2)
    window.grab().save(str(artifacts / f"conveniences_search_{size[0]}.png"))
    menu = window.trainees_page.tools.show_menu(table.visualRect(window.trainees_page.model.index(2, 1)).center())
    menu.grab().save(str(artifacts / "conveniences_table_menu.png"))
    menu.close()
    header = window.trainees_page.tools.show_header_menu(QPoint(40, 5))
    header.grab().save(str(artifacts / "conveniences_column_chooser.png"))
    header.close()
