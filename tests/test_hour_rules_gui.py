"""学时规定 in the window (#18): the city administrator edits, confirms a change over registrations;
other accounts only read."""

from PySide6.QtWidgets import QMessageBox

from tjce_desktop.domain.enums import Role
from tjce_desktop.gui.hour_rules_dialog import HourRulesDialog
from tjce_desktop.services.actor import Actor


def test_the_city_edits_a_rule_and_confirms_a_change_over_registrations(qtbot, main_window, message_boxes,
                                                                         monkeypatch, artifacts):
    window = main_window
    actions = [a.text() for a in window.ui.menu_training.actions()]
    assert "学时规定(&H)…" in actions
    dialog = window.show_hour_rules()
    qtbot.waitUntil(lambda: window.runner.idle and dialog.ui.rules_table.rowCount() == 3, timeout=10_000)
    table = dialog.ui.rules_table
    assert [table.item(row, 0).text() for row in range(3)] == ["条例", "2024", "2026"]
    assert table.item(1, 1).text() == "2024–2025" and "专业课≥ 2/3" in table.item(1, 3).text()
    table.selectRow(1)
    assert dialog.ui.professional_edit.text() == "2/3" and dialog.ui.standard_spin.value() == 96
    dialog.show()  # at its own size: the category minimums are read whole, not cut to "公…"
    qtbot.waitExposed(dialog)
    minimums = table.item(1, 3).text()
    assert table.columnWidth(3) >= table.fontMetrics().horizontalAdvance(minimums) + 8, minimums
    assert table.columnViewportPosition(3) + table.columnWidth(3) <= table.viewport().width()
    dialog.grab().save(str(artifacts / "hour_rules_dialog.png"))
    for width, height in ((1366, 768), (1920, 1080)):  # a dialog as large as the screens it meets
        dialog.resize(width, height)
        dialog.grab().save(str(artifacts / f"hour_rules_dialog_{width}.png"))

    dialog.ui.professional_edit.setText("300%")  # refused, in Chinese, nothing stored
    dialog.save()
    qtbot.waitUntil(lambda: window.runner.idle, timeout=10_000)
    assert message_boxes and message_boxes[-1][0] == "critical" and "超过了 100%" in message_boxes[-1][2]

    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda parent, title, text, *rest: asked.append(text) or QMessageBox.StandardButton.No))
    dialog.ui.professional_edit.setText("1/2")
    dialog.save()
    qtbot.waitUntil(lambda: window.runner.idle and bool(asked), timeout=10_000)
    assert "条证书登记是按原规定登记的" in asked[0]
    with window.database.engine.connect() as c:  # declined: unchanged
        assert c.exec_driver_sql("SELECT professional_min_share FROM hour_rule WHERE first_year = 2024").scalar() \
            > 0.6
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda parent, title, text, *rest: asked.append(text) or QMessageBox.StandardButton.Yes))
    dialog.save()
    qtbot.waitUntil(lambda: window.runner.idle and "已保存" in dialog.ui.status_label.text(), timeout=10_000)
    with window.database.engine.connect() as c:
        assert c.exec_driver_sql("SELECT professional_min_share FROM hour_rule WHERE first_year = 2024").scalar() \
            == 0.5
        assert c.exec_driver_sql("SELECT count(*) FROM audit_log WHERE action = 'hour_rule.set'").scalar() == 1
    qtbot.waitUntil(lambda: "1/2" in dialog.ui.rules_table.item(1, 3).text(), timeout=10_000)
    dialog.close()


def test_other_accounts_only_read_the_rules(qtbot, main_window):
    unit = Actor("heping", scope_path="/120000/120101/", role=Role.UNIT_SUPERVISOR)
    dialog = HourRulesDialog(main_window.runner, unit, main_window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: main_window.runner.idle and dialog.ui.rules_table.rowCount() == 3, timeout=10_000)
    assert dialog.ui.save_button.isHidden() and not dialog.ui.professional_edit.isEnabled()
    assert "只有市级管理员" in dialog.ui.status_label.text()
