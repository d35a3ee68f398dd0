"""综合查询, 培训计划 and 验证 driven like a user: filter, tick, export, stamp, print, verify."""

import datetime as dt
import re
import subprocess

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tjce_desktop.domain.enums import Role
from tjce_desktop.services import archive_query as q
from tjce_desktop.services.actor import LOCAL_ADMIN, Actor

HEPING = "/120000/120101/"


@pytest.fixture
def page(qtbot, main_window):
    win = main_window
    win.ui.pages.setCurrentWidget(win.archive_query_page)  # the page queries only while it is shown
    with qtbot.waitSignal(win.archive_query_page.model.sig_loaded, timeout=10_000):
        win.select_org_index(win.org_model.index_for_path(HEPING))
    return win.archive_query_page


def _choose(combo, text):
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def _query(qtbot, page):
    with qtbot.waitSignal(page.model.sig_loaded, timeout=10_000):
        page.ui.query_button.click()


def _actions(database) -> dict[str, list[tuple[str, dict]]]:
    import json

    found: dict[str, list[tuple[str, dict]]] = {}
    with database.engine.connect() as c:
        for action, target, detail in c.exec_driver_sql("SELECT action, target, detail FROM audit_log ORDER BY seq"):
            found.setdefault(action, []).append((target, json.loads(detail) if detail else {}))
    return found


def _count(page, filters):
    with page.database.engine.connect() as c:
        return q.count_archives(c, LOCAL_ADMIN.scope(HEPING), filters)


def test_filters_count_and_a_clear_message_for_bad_input(qtbot, page, message_boxes, qtmodeltester, artifacts):
    _choose(page.ui.plan_combo, "2025年度公需课培训计划")
    _choose(page.ui.status_combo, "已学完")
    _query(qtbot, page)
    plan_id = page.ui.plan_combo.currentData()
    expected = _count(page, q.ArchiveFilter(plan_id=plan_id, status="finished"))
    assert page.model.total == expected > 0
    assert page.ui.count_label.text() == f"共 {expected:,} 份学习档案 · 和平区"
    qtmodeltester.check(page.model)
    status = q.COLUMNS.index("学习状态")
    assert all(page.model.index(r, status).data() == "已学完" for r in range(min(20, page.model.rowCount())))
    page.window().grab().save(str(artifacts / "archive_query.png"))

    page.ui.finished_from_edit.setText("2025-13-01")
    page.ui.hours_min_edit.setText("三十")
    page.ui.query_button.click()
    kind, title, text = message_boxes[-1]
    assert kind == "critical" and "2025-13-01" in text and "三十" in text
    assert page.model.total == expected  # the last result stays

    page.ui.finished_from_edit.setText("2025-06-01")
    page.ui.hours_min_edit.setText("５０")  # full-width digits, as typed with a Chinese IME
    _query(qtbot, page)
    assert page.model.total == _count(page, q.ArchiveFilter(plan_id=plan_id, status="finished",
                                                            finished_from=dt.date(2025, 6, 1),
                                                            hours_min=50))


def test_saved_filter_sets(qtbot, page):
    _choose(page.ui.stamp_combo, "未盖章")
    _choose(page.ui.exam_combo, "未通过")
    page.save_filter("未通过且未盖章")
    page.reset_filters()
    assert page.ui.stamp_combo.currentText() == "全部"
    with qtbot.waitSignal(page.model.sig_loaded, timeout=10_000):
        page.apply_saved("未通过且未盖章")
    assert page.ui.stamp_combo.currentText() == "未盖章" and page.ui.exam_combo.currentText() == "未通过"
    assert page.model.total == _count(page, q.ArchiveFilter(stamp_status="unstamped", exam_outcome="failed"))
    assert page.ui.saved_combo.findText("未通过且未盖章") >= 0


def test_tick_rows_range_and_all_then_export(qtbot, page, tmp_path):
    model = page.model
    model.setData(model.index(0, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    page.ui.table.selectRow(3)
    page.ui.table.selectionModel().select(model.index(6, 0), page.ui.table.selectionModel().SelectionFlag.Select |
                                          page.ui.table.selectionModel().SelectionFlag.Rows)
    page.ui.tick_selected_button.click()
    assert model.ticked_count() == 3 and page.ui.ticked_label.text() == "已勾选 3 份"
    page.export(str(tmp_path / "ticked.xlsx"))
    qtbot.waitUntil(lambda: (tmp_path / "ticked.xlsx").exists(), timeout=10_000)
    rows = list(openpyxl.load_workbook(tmp_path / "ticked.xlsx", read_only=True).active.iter_rows(values_only=True))
    assert len(rows) == 4
    assert rows[1][0] == model.index(0, 0).data()

    page.ui.tick_all_button.click()  # also the rows not loaded yet
    assert model.ticked_count() == model.total > model.rowCount()
    model.setData(model.index(1, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.ticked_count() == model.total - 1
    page.export(str(tmp_path / "all.xlsx"))
    qtbot.waitUntil(lambda: (tmp_path / "all.xlsx").exists(), timeout=20_000)
    rows = list(openpyxl.load_workbook(tmp_path / "all.xlsx", read_only=True).active.iter_rows(values_only=True))
    assert len(rows) == model.total  # header + all but one


def test_stamp_skips_and_lists_then_unstamp(qtbot, page, message_boxes):
    _choose(page.ui.plan_combo, "2025年度公需课培训计划")
    _query(qtbot, page)
    page.ui.tick_all_button.click()
    expected = _count(page, q.ArchiveFilter(plan_id=page.ui.plan_combo.currentData(), status="finished",
                                            stamp_status="unstamped"))
    page.stamp(confirm=False)
    qtbot.waitUntil(lambda: bool(message_boxes) and message_boxes[-1][1] == "盖章完成", timeout=10_000)
    text = message_boxes[-1][2]
    assert f"已盖章 {expected:,} 份" in text and "跳过" in text and "尚未学完" in text
    assert re.search(r"盖章批次 GZ-\d{4}-[0-9A-Z]{5}-000001", text) and "『和平区』的公章" in text
    assert not re.search(r"[0-9a-f]{32}", text)  # no key in a message people read
    stamp_column = q.COLUMNS.index("盖章状态")
    status = q.COLUMNS.index("学习状态")
    row = next(r for r in range(page.model.rowCount()) if page.model.index(r, status).data() == "已学完")
    assert page.model.index(row, stamp_column).data() == "已盖章"

    page.stamp(confirm=False)  # again: nothing new
    qtbot.waitUntil(lambda: message_boxes[-1][2].startswith("已盖章 0 份"), timeout=10_000)

    # 撤销盖章 follows the ticks like every action of the page, not the highlighted row: tick
    # one stamped archive only; its whole batch is revoked, and the message names the batch.
    page.ui.untick_button.click()
    page.ui.table.setCurrentIndex(page.model.index(0, 0))
    page.model.set_ticked([row], True)
    assert page.ui.unstamp_button.isEnabled()
    page.unstamp(reason="批次盖错")
    qtbot.waitUntil(lambda: message_boxes[-1][1] == "撤销盖章", timeout=10_000)
    assert "恢复为未盖章" in message_boxes[-1][2]
    assert re.search(r"已撤销盖章批次 GZ-\d{4}-[0-9A-Z]{5}-\d{6}", message_boxes[-1][2])
    assert not re.search(r"[0-9a-f]{32}", message_boxes[-1][2])
    assert page.model.index(row, stamp_column).data() == "未盖章"


def test_not_enrolled_export_needs_a_plan(qtbot, page, message_boxes, tmp_path):
    assert not page.ui.not_enrolled_button.isEnabled()
    _choose(page.ui.plan_combo, "2026年度专业课培训计划（卫生系列）")
    assert page.ui.not_enrolled_button.isEnabled()
    page.export_not_enrolled(str(tmp_path / "not.xlsx"))
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=10_000)
    assert (tmp_path / "not.xlsx").exists() and "未参训的在职学员" in message_boxes[-1][2]


def test_print_preview_print_and_verify(qtbot, page, main_window, tmp_path, artifacts, monkeypatch):
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QMessageBox

    _choose(page.ui.stamp_combo, "已盖章")
    _query(qtbot, page)
    for row in range(3):
        page.model.setData(page.model.index(row, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda parent, title, text, *rest: asked.append(text) or QMessageBox.StandardButton.Yes))
    page.print_archives()
    assert asked == ["为勾选的 3 份档案生成学习档案（每份一页 A4），预览后打印或保存？"]
    qtbot.waitUntil(lambda: page.last_dialog is not None and page.last_dialog.isVisible(), timeout=20_000)
    dialog = page.last_dialog
    assert dialog.document.pageCount() == 3
    qtbot.wait(200)
    dialog.grab().save(str(artifacts / "archive_preview.png"))

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    dialog.print_document(printer)  # spooled in the background
    qtbot.waitUntil(lambda: dialog.pages_sent is not None, timeout=20_000)
    assert dialog.pages_sent == 3
    info = subprocess.run(["pdfinfo", str(tmp_path / "printed.pdf")], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+3", info)
    # The preview is logged as a preview of the org's archives (no temporary file), the print as a print.
    qtbot.waitUntil(lambda: "archive.printed" in _actions(main_window.database), timeout=10_000)
    logged = _actions(main_window.database)
    (target, detail), = logged["archive.preview"]
    assert target == "和平区的学习档案" and detail["sheets"] == 3
    assert logged["archive.printed"] == [("和平区的学习档案", {"sheets": 3, "pages": 3})]
    assert "archive.print" not in logged

    code_text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(dialog.path), "-"], capture_output=True,
                               text=True).stdout
    code = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code_text).group(0)
    dialog.close()

    verify = main_window.show_verify_dialog()
    verify.ui.code_edit.setPlainText(code.lower().replace("-", " "))  # as a person types it
    verify.ui.verify_button.click()
    qtbot.waitUntil(lambda: verify.result is not None, timeout=10_000)  # checked in the background
    assert verify.result.genuine
    assert page.model.index(0, 0).data() in verify.ui.result_view.toPlainText()
    verify.grab().save(str(artifacts / "verify_dialog.png"))
    wrong = code[:5] + ("A" if code[5] != "A" else "B") + code[6:]  # one character mistyped
    verify.ui.code_edit.setPlainText(wrong)
    verify.ui.verify_button.click()
    qtbot.waitUntil(lambda: verify.result is not None, timeout=10_000)
    assert not verify.result.genuine and "字符抄错" in verify.ui.result_view.toPlainText()


def test_a_preview_is_private_audited_when_saved_and_gone_when_closed_or_replaced(qtbot, page, tmp_path):
    import json
    import os
    import stat

    from sqlalchemy import select

    from tjce_desktop.services.audit import verify_chain
    from tjce_desktop.storage import private_temp
    from tjce_desktop.storage.models import AuditLog
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    _choose(page.ui.stamp_combo, "未盖章")
    _query(qtbot, page)

    def preview_of(row: int):
        page.model.untick_all()
        page.model.setData(page.model.index(row, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
        before = page.preview
        page.print_archives()
        qtbot.waitUntil(lambda: page.preview is not None and page.preview is not before
                        and page.preview.isVisible(), timeout=20_000)
        return page.preview

    first = preview_of(0)
    path = first.path
    assert path.exists() and path.parent.parent == private_temp.process_folder()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    first.save_copy(str(tmp_path / "档案副本.pdf"))
    qtbot.waitUntil(lambda: page.runner.idle, timeout=10_000)  # saved (and audited) in the background
    assert (tmp_path / "档案副本.pdf").read_bytes() == path.read_bytes()

    second = preview_of(1)  # the next preview replaces the first, and its file
    assert not path.exists() and not path.parent.exists() and not first.isVisible()
    second.reject()  # closed by the user
    assert not second.path.exists() and not second.path.parent.exists()

    with UnitOfWork(page.database) as uow:
        entry = uow.session.scalars(select(AuditLog).where(AuditLog.action == "archive.save_copy")).one()
        assert entry.target == "档案副本.pdf" and json.loads(entry.detail) == {"sheets": 1}
        assert verify_chain(uow.session) == []


def test_plans_page_create_edit_and_guard(qtbot, main_window, message_boxes, artifacts):
    plans = main_window.plans_page
    main_window.ui.pages.setCurrentWidget(plans)  # the plans load when the page is first shown
    qtbot.waitUntil(lambda: plans.ui.plans_table.rowCount() > 0, timeout=10_000)
    before = plans.ui.plans_table.rowCount()
    dialog = plans.edit_plan(None)
    dialog.ui.name_edit.setText("2027年度人工智能专题")
    dialog.ui.year_spin.setValue(2027)
    dialog.ui.save_button = dialog.ui.button_box.button(dialog.ui.button_box.StandardButton.Save)
    dialog.ui.save_button.click()  # no course yet: refused in the dialog, nothing saved
    assert "至少要有一门课程" in dialog.ui.problems_label.text() and dialog.isVisible()
    dialog.ui.add_course_button.click()
    dialog.ui.course_table.item(0, 0).setText("大模型应用")
    dialog.ui.course_table.cellWidget(0, 2).setValue(24)
    dialog.ui.add_exam_button.click()
    dialog.ui.exam_table.item(0, 0).setText("结业考试")
    dialog.grab().save(str(artifacts / "plan_dialog.png"))
    dialog.ui.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)  # saved in the background
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: plans.ui.plans_table.rowCount() == before + 1, timeout=10_000)
    assert plans.ui.plans_table.rowCount() == before + 1
    row = next(r for r in range(plans.ui.plans_table.rowCount())
               if plans.ui.plans_table.item(r, 1).text() == "2027年度人工智能专题")
    assert plans.ui.plans_table.item(row, 4).text() == "24"
    plans.ui.plans_table.selectRow(row)
    assert plans.ui.delete_button.isEnabled()
    busy = next(r for r in range(plans.ui.plans_table.rowCount())
                if plans.ui.plans_table.item(r, 1).text() == "2025年度公需课培训计划")
    # A plan's status follows its dates (a 2025 plan is over in the 2026 demo), 已关闭 when closed.
    assert plans.ui.plans_table.item(busy, 7).text() == "已结束"
    assert plans.ui.plans_table.item(row, 7).text() == "未开始"  # 2027
    today = dt.date.today()
    for r in range(plans.ui.plans_table.rowCount()):  # all of 2026's plans run until 12-31
        year = int(plans.ui.plans_table.item(r, 0).text())
        expected = ("已关闭" if plans.plans[r].closed else "已结束" if year < today.year
                    else "未开始" if year > today.year else "进行中")
        assert plans.ui.plans_table.item(r, 7).text() == expected
    plans.ui.plans_table.selectRow(busy)
    assert not plans.ui.delete_button.isEnabled() and "只能关闭" in plans.ui.delete_button.toolTip()
    plans.ui.close_button.click()
    qtbot.waitUntil(lambda: plans.ui.plans_table.item(busy, 7).text() == "已关闭", timeout=10_000)
    plans.ui.plans_table.selectRow(busy)
    assert plans.current_plan().closed and plans.ui.plans_table.item(busy, 7).text() == "已关闭"
    plans.grab().save(str(artifacts / "plans_page.png"))


def test_plans_are_read_only_for_a_supervisor(qtbot, demo_database):
    from tjce_desktop.gui.pages.plans_page import PlansPage
    from tjce_desktop.gui.signal_hub import SignalHub
    from tjce_desktop.gui.task_runner import TaskRunner

    supervisor = Actor("heping", HEPING, role=Role.UNIT_SUPERVISOR)
    page = PlansPage(demo_database, TaskRunner(database=demo_database, actor=supervisor), SignalHub(), supervisor)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.ui.plans_table.rowCount() > 0, timeout=10_000)
    page.ui.plans_table.selectRow(0)
    assert not page.ui.new_button.isEnabled() and not page.ui.edit_button.isEnabled()
    assert "只有市级管理员" in page.ui.plans_hint.text()
    assert page.edit_plan(page.current_plan()) is None
    assert not any(isinstance(w, QDialog) and w.isVisible() for w in page.findChildren(QDialog))


def test_the_page_queries_when_shown_not_on_every_tree_click(qtbot, main_window):
    page = main_window.archive_query_page
    main_window.select_org_index(main_window.org_model.index_for_path(HEPING))
    assert page.model.total is None  # not shown yet: nothing counted
    with qtbot.waitSignal(page.model.sig_loaded, timeout=10_000):
        main_window.ui.pages.setCurrentWidget(page)
    assert page.ui.count_label.text().endswith("份学习档案 · 和平区")


def test_set_a_seal_image_for_the_selected_org(qtbot, main_window, message_boxes, tmp_path):
    from PIL import Image

    main_window.select_org_index(main_window.org_model.index_for_path(HEPING))
    png = tmp_path / "seal.png"
    Image.new("RGBA", (120, 120), (200, 0, 0, 128)).save(png)
    main_window.choose_seal_image(str(png))
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=10_000)  # stored in the background
    assert message_boxes[-1][1] == "设置公章图片" and "和平区" in message_boxes[-1][2]
    with main_window.database.engine.connect() as c:
        stored = c.exec_driver_sql("SELECT seal_image FROM org WHERE path = ?", (HEPING,)).scalar_one()
    assert stored == png.read_bytes()
    (tmp_path / "fake.png").write_bytes(b"not a png")
    main_window.choose_seal_image(str(tmp_path / "fake.png"))
    qtbot.waitUntil(lambda: len(message_boxes) == 2, timeout=10_000)
    assert message_boxes[-1][0] == "critical" and "PNG" in message_boxes[-1][2]
