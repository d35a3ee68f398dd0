"""报表 driven like a user: a report for the selected org, by child org, drill-down, export."""

import openpyxl
import pytest
from PySide6.QtCore import Qt

from tjce_desktop.gui.report_table_model import DRILL_ROLE, ReportTableModel
from tjce_desktop.services.actor import LOCAL_ADMIN


@pytest.fixture
def window(qtbot, main_window):
    win = main_window
    with qtbot.waitSignal(win.trainees_page.model.sig_loaded, timeout=10_000):
        win.select_org_index(win.org_model.index_for_path("/120000/120101/"))  # 和平区
    win.ui.pages.setCurrentWidget(win.reports_page)
    page = win.reports_page
    qtbot.waitUntil(lambda: page.model.report is not None, timeout=10_000)
    return win


H = Qt.Orientation.Horizontal


def _column(model, header):
    return next(c for c in range(model.columnCount()) if model.headerData(c, H) == header)


def test_report_for_the_selected_org_with_formulas(qtbot, window, qtmodeltester):
    page = window.reports_page
    model = page.model
    qtmodeltester.check(model)
    assert page.ui.scope_label.text() == "报表 · 和平区"
    assert model.rowCount() == 9  # every plan
    rate = _column(model, "参训率")
    assert model.headerData(rate, H, Qt.ItemDataRole.ToolTipRole) == "参训率 = 参训人数 ÷ 注册人数"
    assert model.index(0, rate).data().endswith("%")


def test_by_child_drill_down_lists_exactly_the_trainees_behind_a_number(qtbot, window, tmp_path, artifacts):
    page = window.reports_page
    page.select("4.1", "2025年度公需课培训计划", by_child=True)
    with qtbot.waitSignal(page.model.modelReset, timeout=10_000):
        page.run()
    model = page.model
    assert model.index(model.rowCount() - 1, 0).data() == "合计（和平区）"
    column = _column(model, "未参训人数")
    row = next(r for r in range(model.rowCount() - 1) if model.index(r, column).data() != "0")
    expected = int(model.index(row, column).data().replace(",", ""))
    assert model.index(row, column).data(DRILL_ROLE)[1] == "not_participated"
    dialog = page.drill_down(model.index(row, column))
    qtbot.waitUntil(lambda: dialog.model.total is not None, timeout=10_000)
    assert dialog.model.total == expected
    assert dialog.windowTitle().startswith("未参训学员 · 2025年度公需课培训计划")
    window.grab().save(str(artifacts / "reports_by_child.png"))
    assert page.ui.chart._percent and len(page.ui.chart._categories) == model.rowCount() - 1
    out = tmp_path / "未参训.xlsx"
    dialog.export(str(out))
    qtbot.waitUntil(out.exists, timeout=10_000)
    assert openpyxl.load_workbook(out).active.max_row == expected + 1


def test_4_5_and_export_with_chart(qtbot, window, tmp_path, artifacts):
    page = window.reports_page
    page.select("4.5", "2025年度公需课培训计划")
    with qtbot.waitSignal(page.model.modelReset, timeout=10_000):
        page.run()
    assert page.model.headerData(0, H) == "考试名称" and page.model.rowCount() >= 1
    chart = page.ui.chart
    assert chart._stacked and [series.label for series in chart._series] == ["通过人数", "未通过人数", "未参考人数"]
    window.grab().save(str(artifacts / "reports_page.png"))
    out = tmp_path / "4.5.xlsx"
    page.export(str(out))
    qtbot.waitUntil(out.exists, timeout=10_000)
    sheet = openpyxl.load_workbook(out).active
    assert sheet["A1"].value == "4.5 考试情况统计" and "和平区" in sheet["A2"].value and len(sheet._charts) == 1


def test_a_plan_is_needed_for_4_5(qtbot, window):
    page = window.reports_page
    page.select("4.1", by_child=True)
    page.ui.plan_combo.setCurrentIndex(0)  # （全部培训计划）
    page.run()
    assert page.ui.status_label.text() == "请先选择一个培训计划。"


def test_empty_model_is_sound(qtmodeltester):
    qtmodeltester.check(ReportTableModel())


def test_4_2_and_4_4_are_lazy_tables_matching_the_service(qtbot, window, demo_database, tmp_path, qtmodeltester):
    from tjce_desktop.services import reports

    page = window.reports_page
    page.select("4.2", "2025年度公需课培训计划")
    page.ui.status_combo.setCurrentText("已学完")
    page.run()
    qtbot.waitUntil(lambda: getattr(page, "lazy_model", None) is not None, timeout=10_000)
    lazy = page.lazy_model
    qtmodeltester.check(lazy)
    with demo_database.engine.connect() as c:
        plan = reports.find_plan(c, "2025年度公需课培训计划")
        expected = reports.trainee_detail(c, LOCAL_ADMIN.scope("/120000/120101/"), plan, "finished")
    assert lazy.rowCount() == len(expected.rows) > 0
    assert [lazy.index(0, column).data() for column in range(3)] == [str(v) for v in expected.rows[0][:3]]
    assert not page.ui.chart.isVisible()
    assert not page.ui.hint_label.isVisible()  # no 双击人数 where nothing drills down
    assert lazy.headerData(3, Qt.Orientation.Horizontal) == "身份证号" and "********" in lazy.index(0, 3).data()
    out = tmp_path / "4.2.xlsx"
    page.export(str(out))
    qtbot.waitUntil(out.exists, timeout=10_000)
    assert openpyxl.load_workbook(out).active.max_row == len(expected.rows) + 3  # title, filters, header

    page.lazy_model = None
    page.select("4.4", "2025年度公需课培训计划")
    page.ui.exam_status_combo.setCurrentText("未参考")
    page.run()
    qtbot.waitUntil(lambda: page.lazy_model is not None, timeout=10_000)
    with demo_database.engine.connect() as c:
        expected = reports.exam_by_trainee(c, LOCAL_ADMIN.scope("/120000/120101/"), plan, "absent")
    assert page.lazy_model.rowCount() == len(expected.rows)
    assert {page.lazy_model.index(r, 4).data() for r in range(page.lazy_model.rowCount())} <= {"未参考"}
