"""学员管理 driven like a user: query, add, edit, archive, move, leave, import wizard, export."""

import datetime as dt
import re

import openpyxl
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QMessageBox

from tjce_desktop.domain.id_number import make_id_number
from tjce_desktop.services.trainee_import import Verdict


@pytest.fixture
def window(main_window):
    return main_window


@pytest.fixture
def page(window):
    return window.trainees_page


def _reload(qtbot, page, action):
    with qtbot.waitSignal(page.model.sig_loaded, timeout=10_000):
        action()


def _select_rows(page, rows):
    selection = page.ui.table.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(page.model.index(row, 0),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def _count(database, sql, params=()):
    with database.engine.connect() as connection:
        return connection.exec_driver_sql(sql, params).scalar()


def test_query_panel_filters_in_sql(qtbot, page, demo_database):
    active = _count(demo_database, "SELECT count(*) FROM trainee WHERE active=1")
    assert page.model.total == active  # 在职 by default
    name = _count(demo_database, "SELECT real_name FROM trainee WHERE active=1 LIMIT 1")
    page.ui.real_name_edit.setText(name[-1])
    _reload(qtbot, page, lambda: qtbot.mouseClick(page.ui.query_button, Qt.MouseButton.LeftButton))
    expected = _count(demo_database, "SELECT count(*) FROM trainee WHERE active=1 AND real_name LIKE ?",
                      (f"%{name[-1]}%",))
    assert page.model.total == expected
    assert "符合条件的学员" in page.ui.count_label.text()
    page.ui.status_combo.setCurrentText("离职")
    page.ui.real_name_edit.clear()
    _reload(qtbot, page, page.run_query)
    assert page.model.total == _count(demo_database, "SELECT count(*) FROM trainee WHERE active=0") > 0
    _reload(qtbot, page, lambda: qtbot.mouseClick(page.ui.reset_button, Qt.MouseButton.LeftButton))
    assert page.ui.status_combo.currentText() == "在职"


def test_add_dialog_shows_errors_beside_fields_then_saves(qtbot, page, demo_database):
    page.add_trainee()
    qtbot.waitUntil(lambda: page.last_dialog is not None and page.last_dialog.isVisible(), timeout=5000)
    dialog = page.last_dialog
    ui = dialog.ui
    assert dialog.windowTitle() == "添加学员"
    assert ui.org_combo.currentText() == "天津市"  # the selected org by default
    taken = _count(demo_database, "SELECT username FROM trainee LIMIT 1")
    qtbot.keyClicks(ui.username_edit, taken)
    qtbot.keyClicks(ui.id_number_edit, "110105194912310021")  # wrong check digit
    qtbot.mouseClick(ui.button_box.buttons()[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ui.id_number_error.text() != "", timeout=5000)
    assert "校验位不对" in ui.id_number_error.text()
    assert ui.real_name_error.text() == "必填。"
    assert "已被" in ui.username_error.text()
    assert dialog.isVisible()
    ui.username_edit.setText("gui_new_1")
    ui.real_name_edit.setText("界面新增")
    good = make_id_number("120101", dt.date(1988, 8, 8), 123)
    ui.id_number_edit.setText(good)
    assert ui.derived_value.text() == "男 · 1988-08-08"
    ui.title_combo.setCurrentText("副高级")
    with qtbot.waitSignal(page.model.sig_loaded, timeout=10_000):
        qtbot.mouseClick(ui.button_box.buttons()[0], Qt.MouseButton.LeftButton)
    assert _count(demo_database, "SELECT title_level FROM trainee WHERE username='gui_new_1'") == "senior_deputy"
    # The new trainee is selected and shown, and the status bar says so (#16).
    qtbot.waitUntil(lambda: "界面新增" in getattr(page, "last_status", ""), timeout=10_000)
    assert page.last_status.startswith("已添加学员 界面新增（gui_new_1）")
    assert page.window().statusBar().currentMessage() == page.last_status
    new_rowid = _count(demo_database, "SELECT rowid FROM trainee WHERE username='gui_new_1'")
    assert page.selected_rowids() == [new_rowid]


def test_edit_archive_move_and_leave(qtbot, window, page, demo_database, monkeypatch):
    _reload(qtbot, page, lambda: window.select_org_index(window.org_model.index_for_path("/120000/120101/")))
    _select_rows(page, [0])
    assert page.ui.edit_button.isEnabled() and page.ui.archive_button.isEnabled()
    page.edit_selected()
    qtbot.waitUntil(lambda: page.last_dialog is not None and page.last_dialog.windowTitle().startswith("编辑学员"),
                    timeout=5000)
    dialog = page.last_dialog
    original = dialog.ui.id_number_edit.text()
    dialog.ui.phone_edit.setText("13012345678")
    with qtbot.waitSignal(page.model.sig_loaded, timeout=10_000):
        qtbot.mouseClick(dialog.ui.button_box.buttons()[0], Qt.MouseButton.LeftButton)
    assert _count(demo_database, "SELECT phone FROM trainee WHERE id_number=?", (original,)) == "13012345678"

    with_archive = _count(demo_database, "SELECT t.rowid FROM trainee t JOIN enrollment e ON e.trainee_id=t.id "
                                         "JOIN exam_attempt a ON a.enrollment_id=e.id "
                                         "WHERE t.org_path LIKE '/120000/120101/%' AND t.active=1 LIMIT 1")
    while page.model.canFetchMore():  # scroll to the end
        page.model.fetchMore()
    row = next(r for r in range(page.model.rowCount()) if page.model.rowid_at(r) == with_archive)
    _select_rows(page, [row])
    page.show_archive()
    qtbot.waitUntil(lambda: page.last_dialog is not None and page.last_dialog.windowTitle().startswith("学习档案"),
                    timeout=5000)
    archive = page.last_dialog.view.model()
    first = archive.item(0, 0).text()
    assert archive.rowCount() >= 1 and first.endswith("培训计划") or "计划" in first
    _exams_have_their_own_headers(page.last_dialog, demo_database, with_archive)
    page.last_dialog.close()

    # Move two trainees to 河西区 (the picker and the confirmation answered as a user would).
    _select_rows(page, [0, 1])
    moved = [page.model.rowid_at(0), page.model.rowid_at(1)]
    monkeypatch.setattr("tjce_desktop.gui.org_picker_dialog.OrgPickerDialog.exec", lambda self: 1)
    monkeypatch.setattr("tjce_desktop.gui.org_picker_dialog.OrgPickerDialog.selected_org",
                        lambda self: self.model.index_for_path("/120000/120103/").data(Qt.ItemDataRole.UserRole + 1))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    with qtbot.waitSignal(page.model.sig_loaded, timeout=10_000):
        page.move_selected()
    for rowid in moved:
        assert _count(demo_database, "SELECT org_path FROM trainee WHERE rowid=?", (rowid,)) == "/120000/120103/"

    _select_rows(page, [0])
    leaving = page.model.rowid_at(0)
    with qtbot.waitSignal(page.model.sig_loaded, timeout=10_000):
        page.set_left_selected(True)
    assert _count(demo_database, "SELECT active FROM trainee WHERE rowid=?", (leaving,)) == 0
    assert leaving not in [page.model.rowid_at(r) for r in range(page.model.rowCount())]  # 在职 only


def _write_import_file(path, rows):
    book = openpyxl.Workbook()
    book.active.append(["公司职工名单"])
    book.active.append(["学员姓名", "真实姓名", "身份证号", "手机"])
    for row in rows:
        book.active.append(row)
    book.save(path)


def test_import_wizard_end_to_end_with_error_report(qtbot, window, page, demo_database, tmp_path, artifacts,
                                                      message_boxes):
    _reload(qtbot, page, lambda: window.select_org_index(window.org_model.index_for_path("/120000/120102/")))
    path = tmp_path / "职工.xlsx"
    _write_import_file(path, [
        ["wiz1", "向导一", make_id_number("120102", dt.date(1990, 1, 1), 11), "13800000001"],
        ["wiz2", "向导二", 1.20102199001011E+17, None],
        [None, None, None, None],
        ["wiz3", "向导三", make_id_number("120102", dt.date(1990, 1, 3), 13), "1380000000x"],
    ])
    wizard = page.open_import()
    assert wizard.ui.org_value.text() == "河东区"
    wizard.set_file(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == wizard.MAPPING_PAGE, timeout=10_000)
    assert wizard.mapping() == {0: "username", 1: "real_name", 2: "id_number", 3: "phone"}
    wizard.set_mapping_field(3, None)  # leave the phone column out
    wizard.set_mapping_field(3, "phone")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == wizard.PREVIEW_PAGE, timeout=10_000)
    preview = wizard.preview
    assert [row.verdict for row in preview.rows] == [Verdict.ADD, Verdict.ERROR, Verdict.ERROR]
    assert preview.skipped_empty == 1
    assert "有错误 2" in wizard.ui.counts_label.text()
    wizard.ui.errors_only_check.setChecked(True)
    assert wizard.preview_model.rowCount() == 2
    assert wizard.preview_model.headerData(2, Qt.Orientation.Horizontal) == "说明"  # read without scrolling
    assert "文本" in wizard.preview_model.index(0, 2).data()
    reason_right = wizard.ui.preview_table.columnViewportPosition(2) + wizard.ui.preview_table.columnWidth(2)
    assert wizard.ui.preview_table.columnWidth(2) >= 300 and reason_right <= wizard.ui.preview_table.viewport().width()
    wizard.grab().save(str(artifacts / "import_wizard_preview.png"))
    with qtbot.waitSignal(page.model.sig_loaded, timeout=10_000):
        wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == wizard.RESULT_PAGE, timeout=10_000)
    assert "新增 1 名" in wizard.ui.summary_label.text() and "2 行有错误" in wizard.ui.summary_label.text()
    assert _count(demo_database, "SELECT count(*) FROM trainee WHERE username LIKE 'wiz%'") == 1
    # After the import only 完成 is offered: no going back to rows already imported, no cancelling.
    from PySide6.QtWidgets import QWizard

    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible()
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()
    report = tmp_path / "report.xlsx"
    wizard.save_report(str(report))
    qtbot.waitUntil(report.exists, timeout=10_000)
    qtbot.waitUntil(lambda: str(report) in wizard.ui.report_saved_label.text(), timeout=10_000)
    assert message_boxes[-1][0] == "information" and str(report) in message_boxes[-1][2]  # saving is confirmed
    sheet = openpyxl.load_workbook(report).active
    assert sheet.max_row == 3 and sheet.cell(1, 5).value == "错误说明" and sheet.cell(1, 6).value == "原行号"
    # The file's rows: a title, the header, then data with an empty row in between.
    assert [sheet.cell(2, 6).value, sheet.cell(3, 6).value] == [4, 6]
    # The report holds the refused rows as they were (names, ID numbers): audited like every export.
    qtbot.waitUntil(lambda: _count(demo_database, "SELECT count(*) FROM audit_log WHERE action = "
                                                  "'trainee.import_errors' AND target = 'report.xlsx'") == 1,
                    timeout=10_000)


def test_wizard_refuses_a_bad_file_with_a_message(qtbot, page, tmp_path):
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"not a workbook")
    wizard = page.open_import()
    wizard.set_file(str(bad))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.ui.file_error.text() != "", timeout=10_000)
    assert "无法读取" in wizard.ui.file_error.text()
    assert wizard.currentId() == wizard.FILE_PAGE


def test_export_and_template_from_the_page(qtbot, page, demo_database, tmp_path, message_boxes):
    out = tmp_path / "导出.xlsx"
    page.export(full_ids=False, path=str(out))
    qtbot.waitUntil(lambda: any(kind == "information" for kind, *_ in message_boxes), timeout=10_000)
    rows = list(openpyxl.load_workbook(out).active.iter_rows(min_row=2, values_only=True))
    assert len(rows) == page.model.total
    template = tmp_path / "模板.xlsx"
    page.save_template(str(template))
    qtbot.waitUntil(template.exists, timeout=10_000)
    assert "学员信息" in openpyxl.load_workbook(template).sheetnames


def test_page_screenshot(qtbot, window, page, artifacts):
    _reload(qtbot, page, lambda: window.select_org_index(window.org_model.index_for_path("/120000/120116/")))
    _select_rows(page, [2])
    qtbot.wait(50)
    assert window.grab().save(str(artifacts / "trainees_page.png"))


def _exams_have_their_own_headers(dialog, database, rowid: int) -> None:
    """查看档案 (#16): plans under the plan's headers, each exam attempt under the exam's — a score
    never under 年度, a date never under 学习状态, "剩余 n 次" never under a course category."""
    def headers(model):
        return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]

    plans, exams = dialog.view.model(), dialog.exam_view.model()
    assert headers(plans) == ["培训计划", "年度", "学习状态", "公需课·必修", "公需课·选修", "专业课", "学时 / 计划学时",
                              "完成日期", "盖章状态"]
    assert headers(exams) == ["培训计划", "考试", "次数", "考试日期", "成绩", "结果", "剩余次数"]
    assert all(not plans.hasChildren(plans.index(r, 0)) for r in range(plans.rowCount()))  # no rows under a plan
    expected = _count(database, "SELECT count(*) FROM exam_attempt a JOIN enrollment e ON e.id = a.enrollment_id "
                                "JOIN trainee t ON t.id = e.trainee_id WHERE t.rowid = ? AND a.deleted_at IS NULL",
                      (rowid,))
    assert exams.rowCount() == expected > 0
    plan_names = {plans.item(r, 0).text() for r in range(plans.rowCount())}
    for r in range(exams.rowCount()):
        row = {header: exams.item(r, c).text() for c, header in enumerate(headers(exams))}
        assert row["培训计划"] in plan_names and "考试" in row["考试"]
        assert re.fullmatch(r"第 \d 次（共 \d 次）", row["次数"])
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["考试日期"])
        assert re.fullmatch(r"[\d.]+ 分|缺考", row["成绩"]) and row["结果"] in ("通过", "未通过")
        assert re.fullmatch(r"\d 次", row["剩余次数"])
    for r in range(plans.rowCount()):
        assert re.fullmatch(r"20\d\d", plans.item(r, 1).text())
        assert plans.item(r, 2).text() in ("未学", "学习中", "已学完")


def test_cancel_asks_before_throwing_typed_data_away(qtbot, page, monkeypatch):
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.Cancel]
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda _parent, _title, text, *_rest: asked.append(text) or answer[0]))
    page.add_trainee()
    qtbot.waitUntil(lambda: page.last_dialog is not None and page.last_dialog.isVisible(), timeout=5000)
    dialog = page.last_dialog
    dialog.reject()  # nothing typed: closes at once
    assert not dialog.isVisible() and asked == []

    page.add_trainee()
    qtbot.waitUntil(lambda: page.last_dialog is not None and page.last_dialog.isVisible(), timeout=5000)
    dialog = page.last_dialog
    dialog.ui.real_name_edit.setText("张敏")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and "放弃" in asked[-1]  # kept: the user chose 取消
    answer[0] = QMessageBox.StandardButton.Discard
    dialog.ui.button_box.button(dialog.ui.button_box.StandardButton.Cancel).click()
    assert not dialog.isVisible() and len(asked) == 2
