"""学时认定 in the window: from the year card, record, approve another account's entry, see the source."""

import uuid

import pytest

from tjce_desktop.gui.recognition_dialog import PENDING_IN_SCOPE, THIS_CARD
from tjce_desktop.services.demo_recognition import RECORDER


@pytest.fixture
def desk(qtbot, main_window):
    main_window.ui.pages.setCurrentWidget(main_window.desk_page)
    return main_window


def _pending_demo_entry(database):
    """A trainee of the demo with an entry another account recorded, waiting for approval."""
    with database.engine.connect() as c:
        return c.exec_driver_sql(
            "SELECT t.id_number, r.id, r.hours, r.year FROM recognised_hours r JOIN trainee t ON t.id = r.trainee_id "
            "WHERE r.status = 'pending' AND r.recorded_by = ? ORDER BY r.id LIMIT 1", (RECORDER,)).one()


def test_a_second_account_approves_and_the_card_shows_the_source(qtbot, desk, artifacts):
    page = desk.desk_page

    def settle() -> None:
        qtbot.waitUntil(lambda: desk.runner.idle, timeout=10_000)

    number, entry_id, hours, year = _pending_demo_entry(desk.database)
    page.ui.year_spin.setValue(year)
    page.ui.id_edit.setText(number)
    page.open_card()
    settle()
    before = page.card.total
    assert "学时来源" in page.ui.card_view.toPlainText() and "待审核" in page.ui.card_view.toPlainText()

    dialog = page.open_recognition()
    qtbot.addWidget(dialog)
    settle()
    assert dialog.ui.show_combo.currentText() == THIS_CARD
    assert dialog.ui.rules_table.rowCount() == 16 and dialog.ui.kind_combo.count() == 16
    # The table reads in Chinese; the English code (for the command line) is the last column, said so.
    rules = dialog.ui.rules_table
    last = rules.columnCount() - 1
    assert rules.horizontalHeaderItem(last).text() == "命令行代码"
    assert all(not rules.item(r, c).text().isascii() for r in range(rules.rowCount()) for c in (0, 1))
    entries = dialog.ui.entries_table
    titles = [entries.item(r, 3).text() for r in range(entries.rowCount())]
    assert [e.title for e in dialog.listing.entries] == titles and entries.horizontalHeaderItem(3).text() == "内容"
    row = next(r for r, e in enumerate(dialog.listing.entries) if e.id == uuid.UUID(hex=entry_id))
    dialog.ui.entries_table.selectRow(row)
    assert dialog.ui.approve_button.isEnabled()  # recorded by another account
    dialog.ui.approve_button.click()
    settle()
    assert "已审核通过" in dialog.ui.message_label.text()
    assert page.card.total == round(before + hours, 1)
    assert "已认定" in page.ui.card_view.toPlainText()

    # Record one here: counted only after approval, and not by the one who recorded it.
    # A kind the demo never records, so this year's cap is not reached already.
    dialog.ui.kind_combo.setCurrentIndex(dialog.ui.kind_combo.findData("project_municipal"))
    assert "每项 32 学时" in dialog.ui.rule_hint.text()
    dialog.ui.title_edit.setText("一种检测装置")
    dialog.ui.evidence_edit.setText("专利证书复印件")
    dialog.ui.add_button.click()
    settle()
    assert "待另一账户审核" in dialog.ui.message_label.text()
    assert page.card.total == round(before + hours, 1)
    mine = next(e for e in dialog.listing.entries if e.title == "一种检测装置")
    dialog.ui.entries_table.selectRow(dialog.listing.entries.index(mine))
    assert not dialog.ui.approve_button.isEnabled()
    dialog.approve(mine)  # forced past the disabled button: the service refuses, in Chinese
    settle()
    assert "不能审核自己登记的认定" in dialog.ui.message_label.text()
    dialog.ui.show_combo.setCurrentText(PENDING_IN_SCOPE)
    settle()
    assert all(e.status == "pending" for e in dialog.listing.entries) and mine in dialog.listing.entries
    for size in ((1366, 768), (1920, 1080)):
        desk.resize(*size)
        dialog.resize(min(980, size[0] - 80), min(620, size[1] - 80))
        dialog.grab().save(str(artifacts / f"recognition_dialog_{size[0]}.png"))
        desk.grab().save(str(artifacts / f"recognition_card_{size[0]}.png"))
