import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from tjce_desktop.domain.pinyin import person_name_keys
from tjce_desktop.gui.main_window import MainWindow
from tjce_desktop.gui.signal_hub import ChangeSet
from tjce_desktop.storage.database import open_database


@pytest.fixture
def window(main_window):
    return main_window


def _select(qtbot, win, path):
    model = win.trainees_page.model
    with qtbot.waitSignal(model.sig_loaded, timeout=10_000):
        win.select_org_index(win.org_model.index_for_path(path))


def _active(database, where="1=1"):
    with database.engine.connect() as connection:
        return connection.exec_driver_sql(f"SELECT count(*) FROM trainee WHERE active=1 AND {where}").scalar()


def test_opens_on_the_city_with_counts_and_local_mode(qtbot, window, demo_database):
    assert window.current_org().name == "天津市"
    active = _active(demo_database)
    assert window.trainees_page.model.total == active  # 在职 by default
    assert window.count_label.text() == f"天津市：共 {active:,} 名在职学员（含下级机构）"
    assert window.ui.org_tree.model().headerData(1, Qt.Orientation.Horizontal) == "在职学员"
    assert str(demo_database.path) in window.database_label.text()
    assert window.ui.pages.tabText(0) == "学员管理"
    # The sync controller comes with the rest, once the first page is painted (gui/preload.py).
    qtbot.waitUntil(lambda: window.mode_label.text() == "本地模式（未配置中心数据库）", timeout=10_000)
    qtbot.waitUntil(lambda: window.org_model.index(0, 1).data() == f"{active:,}", timeout=10_000)


def test_selecting_a_district_scopes_the_table_to_its_subtree(qtbot, window, demo_database):
    _select(qtbot, window, "/120000/120116/")
    expected = _active(demo_database, "org_path LIKE '/120000/120116/%'")
    assert window.trainees_page.model.total == expected > 0
    assert window.count_label.text() == f"滨海新区：共 {expected:,} 名在职学员（含下级机构）"
    table = window.trainees_page.ui.table
    first_org = table.model().index(0, 5).data()
    assert first_org.startswith("滨海新区")
    assert window.trainees_page.ui.scope_label.text() == "学员管理 · 滨海新区"


def test_clicking_a_header_sorts_in_sql(qtbot, window):
    table = window.trainees_page.ui.table
    model = window.trainees_page.model
    with qtbot.waitSignal(model.sig_loaded, timeout=10_000):
        table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # 真实姓名
    names = [model.index(row, 1).data() for row in range(50)]
    # by pinyin, then by the characters (邹燕 zouyan before 邹欣 zouxin), not by code point
    assert names == sorted(names, key=lambda name: (person_name_keys(name).full, name), reverse=True)


def test_geometry_and_last_org_are_remembered(qtbot, window, demo_database):
    _select(qtbot, window, "/120000/120103/")  # 河西区
    window.resize(791, 561)  # within the offscreen screen (800×600), which clamps restored geometry
    window.close()
    again = MainWindow(demo_database)
    qtbot.addWidget(again)
    assert again.current_org().name == "河西区"
    # The height is exact; the width may be nudged by a few pixels of minimum-size hints.
    assert again.size().height() == 561 and abs(again.size().width() - 791) <= 10
    qtbot.waitUntil(lambda: again.trainees_page.model.total is not None, timeout=10_000)
    again.close()


def test_a_change_announced_on_the_hub_reloads_the_table(qtbot, window, demo_database):
    before = window.trainees_page.model.total
    with demo_database.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE trainee SET deleted_at='2026-11-29 10:00:00' WHERE rowid IN "
                                   "(SELECT rowid FROM trainee WHERE active=1 LIMIT 10)")
    with qtbot.waitSignal(window.trainees_page.model.sig_loaded, timeout=10_000):
        window.hub.announce(ChangeSet(tables=frozenset({"trainee"})))
    assert window.trainees_page.model.total == before - 10


def test_screenshot(qtbot, window, artifacts):
    _select(qtbot, window, "/120000/120101/")
    qtbot.wait(100)
    image = window.grab()
    assert image.width() >= 1400 and not image.isNull()
    assert image.save(str(artifacts / "main_window.png"))


def test_self_test_entry_point(demo_db_path):
    result = subprocess.run([sys.executable, "-m", "tjce_desktop", "--db", str(demo_db_path), "--self-test"],
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr
    assert "self-test ok" in result.stdout and "active trainees" in result.stdout
    db = open_database(demo_db_path)
    assert f"{_active(db)} active trainees" in result.stdout
    db.dispose()


def test_self_test_with_demo_on_a_new_database(tmp_path):
    path = tmp_path / "new.sqlite3"
    result = subprocess.run([sys.executable, "-m", "tjce_desktop", "--db", str(path), "--demo", "--demo-trainees",
                             "800", "--self-test"], capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr
    db = open_database(path)
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM trainee").scalar() == 800
    assert f"{_active(db)} active trainees" in result.stdout
    db.dispose()


def test_self_test_reports_a_bad_database(tmp_path):
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("garbage")
    result = subprocess.run([sys.executable, "-m", "tjce_desktop", "--db", str(bad), "--self-test"],
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 2
    assert "不是 TJCE 数据库文件" in result.stderr
    assert bad.read_text() == "garbage"


def test_bad_database_shows_a_message_box(qtbot, tmp_path, message_boxes):
    from tjce_desktop.gui.app import main

    bad = tmp_path / "bad.sqlite3"
    bad.write_text("garbage")
    assert main(["--db", str(bad)]) == 2
    assert message_boxes[0][0] == "critical" and "不是 TJCE 数据库文件" in message_boxes[0][2]
