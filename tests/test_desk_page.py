"""证书登记 and 合规看板 driven like a desk: a scanned ID number to a printed booklet page."""

import subprocess

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt

from tjce_desktop.storage import private_temp

HEPING = "/120000/120101/"


@pytest.fixture
def desk(qtbot, main_window):
    window = main_window
    with qtbot.waitSignal(window.trainees_page.model.sig_loaded, timeout=10_000):
        window.select_org_index(window.org_model.index_for_path(HEPING))
    window.ui.pages.setCurrentWidget(window.desk_page)
    return window


def _short_trainee(database):
    with database.engine.connect() as c:
        return c.exec_driver_sql(
            "SELECT t.id_number, t.real_name FROM trainee t LEFT JOIN trainee_year_hours y ON y.trainee_id = t.id "
            "AND y.year = 2026 WHERE t.org_path LIKE ? AND t.active = 1 AND coalesce(y.total, 0) < 96 "
            "AND t.title_level NOT IN ('senior_full', 'senior_deputy') AND NOT t.high_tech "
            "AND t.id NOT IN (SELECT trainee_id FROM certificate) LIMIT 1",  # the demo issued some booklets
            (HEPING + "%",)).one()


def test_from_a_scanned_id_number_to_a_printed_page(qtbot, desk, message_boxes, tmp_path, artifacts):
    page = desk.desk_page

    def settle() -> None:  # the card is read, and every change written, in the background
        qtbot.waitUntil(lambda: desk.runner.idle, timeout=10_000)

    number, name = _short_trainee(desk.database)
    assert "身份证号" in page.ui.card_view.toPlainText()  # the empty panel says what to do
    page.ui.year_spin.setValue(2026)
    page.ui.id_edit.setFocus()
    qtbot.keyClicks(page.ui.id_edit, number)  # a card reader types the digits…
    qtbot.keyClick(page.ui.id_edit, Qt.Key.Key_Return)  # …and Enter
    settle()
    assert page.card is not None and page.card.name == name
    assert name in page.ui.card_view.toPlainText() and "未发证" in page.ui.card_view.toPlainText()
    assert not page.ui.register_button.isEnabled()  # below the requirement, no certificate
    before = page.card.total

    page.ui.other_title_edit.setText("全市卫生系统继续教育培训班")
    page.ui.evidence_edit.setText("结业证书")
    page.ui.starts_edit.setDate(QDate(2026, 3, 2))
    page.ui.ends_edit.setDate(QDate(2026, 3, 4))
    page.ui.days_spin.setValue(3)
    page.ui.add_other_button.click()
    settle()
    assert page.card.total == before + 24 and page.ui.other_table.rowCount() == 1
    assert not page.ui.delete_other_button.isEnabled()  # nothing chosen to delete
    page.ui.other_table.selectRow(0)
    assert page.ui.delete_other_button.isEnabled()
    page.ui.issue_button.click()
    settle()
    assert page.card.certificate_number.startswith("JX120101")
    if not page.card.met:
        assert not page.ui.register_button.isEnabled()
        page.register(exception="", ask=True)
        assert "必须填写原因" in page.ui.message_label.text()
        page.register(exception="脱产进修，单位证明", ask=True)
    else:
        page.ui.register_button.click()
    settle()
    assert page.card.registration is not None and "待验证" in page.ui.card_view.toPlainText()
    assert page.ui.register_button.text() == "重新登记"  # pressing it again overwrites: said on the button
    page.ui.verify_button.click()
    settle()
    assert "已冻结" in page.ui.card_view.toPlainText() and "学时仍可增加" not in page.ui.card_view.toPlainText()
    assert not page.ui.add_other_button.isEnabled() and page.ui.reopen_button.isEnabled()
    desk.grab().save(str(artifacts / "desk_page.png"))

    page.ui.print_button.click()
    settle()
    assert page.last_pdf is not None and page.last_pdf.exists()
    text = subprocess.run(["pdftotext", str(page.last_pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "2026 年度" in text and page.card.certificate_number in text and f"{page.card.total:g}" in text
    assert page.preview.document.pageCount() == 1
    printed = page.last_pdf
    assert printed.parent.parent == private_temp.process_folder()  # private, not in the shared temp folder
    page.preview.close()
    assert not printed.exists() and not printed.parent.exists()  # gone with the preview

    calibration = page.calibrate()
    calibration.ui.dx_spin.setValue(2.5)
    path = calibration.test_page()
    settle()
    assert path.exists()
    second = calibration.test_page()  # the next test page replaces the first, file and all
    settle()
    assert second.exists() and not path.exists()
    calibration.save()
    assert not second.exists()  # the calibration dialog closed, its preview with it
    from tjce_desktop.gui.calibration_dialog import current_calibration

    assert current_calibration().dx == 2.5

    page.ui.id_edit.setText("120101199001011234")  # a wrong check digit
    page.open_card()
    settle()
    assert "校验" in page.ui.message_label.text() and page.card is None
    assert "身份证号" in page.ui.card_view.toPlainText()  # the hint again, not the last card


def test_compliance_page_table_chart_and_list(qtbot, desk, message_boxes, tmp_path, artifacts):
    window = desk
    window.ui.pages.setCurrentWidget(window.compliance_page)  # the page counts when it is shown
    page = window.compliance_page
    qtbot.waitUntil(lambda: page.report is not None, timeout=10_000)
    page.ui.year_spin.setValue(2025)
    page.run()
    qtbot.waitUntil(lambda: page.report is not None and page.report.year == 2025, timeout=10_000)
    table = page.ui.compliance_table
    assert table.rowCount() == len(page.report.rows) + 1
    assert table.item(table.rowCount() - 1, 0).text() == "合计（和平区）"
    assert "已过" in page.ui.deadline_label.text()
    window.grab().save(str(artifacts / "compliance_page.png"))
    page.export(str(tmp_path / "list.xlsx"))
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=10_000)
    rows = list(openpyxl.load_workbook(tmp_path / "list.xlsx").active.iter_rows(values_only=True))
    assert len(rows) - 2 == page.report.total.short


def test_an_earlier_years_card_says_other_years_and_whose_rule_it_follows(qtbot, desk):
    """2025 has no rule of its own (the demo's rules start 2024 and 2026), and a 2025 card lists 2026 too."""
    page = desk.desk_page
    with desk.database.engine.connect() as c:
        number = c.exec_driver_sql(
            "SELECT t.id_number FROM trainee t JOIN trainee_year_hours y ON y.trainee_id = t.id AND y.year = 2026 "
            "WHERE t.org_path LIKE ? AND t.active = 1 AND y.total > 0 LIMIT 1", (HEPING + "%",)).scalar_one()
    page.ui.year_spin.setValue(2025)
    page.ui.id_edit.setText(number)
    page.open_card()
    qtbot.waitUntil(lambda: desk.runner.idle and page.card is not None, timeout=10_000)
    text = page.ui.card_view.toPlainText()
    assert "其他年度" in text and "以往年度" not in text.split("学时来源")[1]
    assert "学时规定（沿用 2024 年起的规定）：" in text
    page.ui.year_spin.setValue(2026)
    page.open_card()
    qtbot.waitUntil(lambda: desk.runner.idle and page.card.year == 2026, timeout=10_000)
    text = page.ui.card_view.toPlainText()
    assert "学时规定：" in text and "沿用" not in text and "以往年度" in text
