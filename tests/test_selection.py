"""Selection over lazy tables means the query (#16): Ctrl+A and 全选结果 select every result, not
the rows loaded so far; the count is on screen; a bulk action confirms with it and acts on all."""

import datetime as dt
import shutil

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QMessageBox

from tjce_desktop.services.demo import build_demo
from tjce_desktop.storage.database import open_database

TRAINEES = 20_000


@pytest.fixture(scope="module")
def big_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.sqlite3"
    database = open_database(path)
    build_demo(database, trainees=TRAINEES, seed=7, as_of=dt.date(2026, 11, 30), workers=0)
    database.dispose()
    return path


@pytest.fixture
def big_database(big_template, tmp_path):
    path = tmp_path / "big.sqlite3"
    shutil.copyfile(big_template, path)
    database = open_database(path)
    yield database
    database.dispose()


@pytest.fixture
def window(qtbot, big_database, message_boxes):
    from tjce_desktop.gui.main_window import MainWindow

    window = MainWindow(big_database)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window.trainees_page.model.total is not None, timeout=20_000)
    yield window
    window.close()


def _count(database, sql, params=()):
    with database.engine.connect() as connection:
        return connection.exec_driver_sql(sql, params).scalar()


def test_ctrl_a_selects_every_result_and_leave_acts_on_all(qtbot, window, big_database, message_boxes,
                                                           monkeypatch, artifacts):
    page = window.trainees_page
    page.ui.status_combo.setCurrentText("全部")
    with qtbot.waitSignal(page.model.sig_loaded, timeout=20_000):
        page.run_query()
    assert page.model.total == TRAINEES
    assert page.model.rowCount() < TRAINEES  # only the first page is loaded
    assert page.ui.selection_label.text() == "未选择 ·"

    page.ui.table.setFocus()
    qtbot.keyClick(page.ui.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert page.whole_query_selected
    assert page.ui.selection_label.text() == "已选全部 20,000 名 ·"
    assert page.ui.leave_button.isEnabled() and page.ui.move_button.isEnabled()
    assert not page.ui.select_all_button.isEnabled()
    # Rows fetched later show as selected too; the count stays that of the query.
    loaded = page.model.rowCount()
    page.model.fetchMore()
    assert page.model.rowCount() > loaded
    assert len(page.ui.table.selectionModel().selectedRows()) == page.model.rowCount()
    assert page.ui.selection_label.text() == "已选全部 20,000 名 ·"
    qtbot.wait(100)  # the layout settles before the picture
    window.grab().save(str(artifacts / "selection_trainees_1366.png"))

    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda parent, title, text, *rest: asked.append(text) or QMessageBox.StandardButton.Yes))
    with qtbot.waitSignal(page.model.sig_loaded, timeout=120_000):
        page.set_left_selected(True)
    qtbot.waitUntil(lambda: page.runner.idle, timeout=60_000)
    assert asked == ["确定把当前查询的全部 20,000 名学员标记为离职/调出（学习档案保留）吗？"]
    assert _count(big_database, "SELECT count(*) FROM trainee WHERE active = 1 AND deleted_at IS NULL") == 0
    assert any("名学员标记为离职/调出" in text for _kind, _title, text in message_boxes)
    # A new query is a new selection.
    assert not page.whole_query_selected and page.ui.selection_label.text() == "未选择 ·"


def test_picking_a_row_after_select_all_means_that_row(qtbot, window, big_database, monkeypatch):
    page = window.trainees_page
    page.select_all()
    total = page.model.total
    assert page.ui.selection_label.text() == f"已选全部 {total:,} 名 ·"
    selection = page.ui.table.selectionModel()
    selection.select(page.model.index(2, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                     | QItemSelectionModel.SelectionFlag.Rows)
    assert not page.whole_query_selected
    assert page.ui.selection_label.text() == "已选 1 名 ·"
    rowid = page.model.rowid_at(2)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    with qtbot.waitSignal(page.model.sig_loaded, timeout=20_000):
        page.set_left_selected(True)
    assert _count(big_database, "SELECT count(*) FROM trainee WHERE active = 1") == total - 1
    assert _count(big_database, "SELECT active FROM trainee WHERE rowid = ?", (rowid,)) == 0


def test_archive_query_ctrl_a_ticks_every_result_and_stamps_with_the_units_seal(qtbot, window, big_database,
                                                                                 monkeypatch, message_boxes,
                                                                                 artifacts):
    """综合查询 on a department: Ctrl+A ticks every archive (not the 100 loaded), the confirmation
    gives the count and the unit whose seal is used, and the stamp covers them all."""
    with big_database.engine.connect() as c:
        path, department, unit = c.exec_driver_sql(
            "SELECT d.path, d.name, u.name FROM org d JOIN org u ON u.id = d.parent_id WHERE d.kind = 'department' "
            "ORDER BY (SELECT count(*) FROM enrollment e WHERE e.org_path = d.path) DESC LIMIT 1").one()
        finished = c.exec_driver_sql("SELECT count(*) FROM enrollment WHERE org_path = ? AND status = 'finished' "
                                     "AND stamp_status = 'unstamped'", (path,)).scalar()
    page = window.archive_query_page
    window.ui.pages.setCurrentWidget(page)
    with qtbot.waitSignal(page.model.sig_loaded, timeout=20_000):
        window.select_org_index(window.org_model.index_for_path(path))
    total = page.model.total
    assert total > 0 and finished > 0
    page.ui.table.setFocus()
    qtbot.keyClick(page.ui.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert page.model.ticked_count() == total
    assert page.ui.ticked_label.text() == f"已勾选 {total:,} 份"
    assert "撤销盖章" in page.ui.ticked_label.toolTip()
    assert page.ui.stamp_button.isEnabled() and page.ui.unstamp_button.isEnabled()
    window.grab().save(str(artifacts / "selection_archive_query_1366.png"))

    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda parent, title, text, *rest: asked.append(text) or QMessageBox.StandardButton.Yes))
    page.stamp()
    qtbot.waitUntil(lambda: bool(message_boxes) and message_boxes[-1][1] == "盖章完成", timeout=60_000)
    assert asked[0].startswith(f"为勾选的 {total:,} 份档案盖章？")
    assert f"『{department}』是部门，没有公章：将以『" in asked[0] and f"/{unit}』的公章盖章。" in asked[0]
    assert message_boxes[-1][2].startswith(f"已盖章 {finished:,} 份（『")
    with big_database.engine.connect() as c:
        left = c.exec_driver_sql("SELECT count(*) FROM enrollment WHERE org_path = ? AND status = 'finished' "
                                 "AND stamp_status = 'unstamped'", (path,)).scalar()
        sealed = c.exec_driver_sql("SELECT DISTINCT o.name FROM enrollment e JOIN stamp_batch b "
                                   "ON b.id = e.stamp_batch_id JOIN org o ON o.id = b.org_id "
                                   "WHERE e.org_path = ? AND b.stamped_by <> 'demo'", (path,)).scalars().all()
    assert left == 0 and sealed == [unit]
