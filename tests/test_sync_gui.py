"""中心数据库, background sync, the status bar and 同步/冲突, driven with pytest-qt against a real server."""

import uuid

import pytest
import sqlalchemy as sa

from sync_support import hold_an_archive
from tjce_desktop.domain.enums import Role
from tjce_desktop.gui.actions import ActionId
from tjce_desktop.services import central_admin
from tjce_desktop.storage.database import open_database
from tjce_desktop.storage.models import Trainee
from tjce_desktop.storage.unit_of_work import UnitOfWork
from tjce_desktop.sync.binding import bind
from tjce_desktop.sync.engine import sync

pytestmark = pytest.mark.postgres
PASSWORD = "Heping-2026"


@pytest.fixture
def central(pg_url, demo_template):
    central_admin.init_central(pg_url, from_local=demo_template)
    central_admin.add_admin(pg_url, username="heping", password=PASSWORD, role=Role.UNIT_SUPERVISOR,
                            org_reference="和平区")
    return pg_url


def _parts(url):
    host, rest = url.split("@", 1)[1].split(":", 1)
    port, name = rest.split("/", 1)
    return host, int(port), name


def test_connect_first_sync_status_and_a_conflict_resolved_by_a_merge(qtbot, central, tmp_path, message_boxes,
                                                                    artifacts):
    from tjce_desktop.gui.main_window import MainWindow

    database = open_database(tmp_path / "desk.sqlite3")
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.show()
    qtbot.waitUntil(lambda: "本地模式" in window.mode_label.text(), timeout=10_000)  # told after the first page
    dialog = window.central_settings()
    host, port, name = _parts(central)
    dialog.ui.host_edit.setText(host)
    dialog.ui.port_spin.setValue(port)
    dialog.ui.database_edit.setText(name)
    dialog.ui.username_edit.setText("heping")
    dialog.ui.password_edit.setText("wrong-one")
    dialog.connect_and_bind()
    qtbot.waitUntil(lambda: window.runner.idle, timeout=30_000)  # the login is checked in the background
    assert "用户名或密码错误" in dialog.ui.message_label.text() and dialog.isVisible()
    dialog.ui.password_edit.setText(PASSWORD)
    dialog.connect_and_bind()
    qtbot.waitUntil(lambda: "在线" in window.mode_label.text(), timeout=60_000)
    assert "待上传 0" in window.mode_label.text()
    qtbot.waitUntil(lambda: window.org_model.rowCount() == 1, timeout=10_000)  # the first sync filled the tree
    assert window.org_model.index(0, 0).data() == "天津市"
    with database.engine.connect() as c:  # the connects (the refused one too) and the sync are audited
        audited = c.exec_driver_sql("SELECT action, outcome, detail FROM audit_log WHERE action IN "
                                    "('central.connect', 'sync.run') ORDER BY seq").all()
    assert [(action, outcome) for action, outcome, _ in audited] == [
        ("central.connect", "failed"), ("central.connect", "ok"), ("sync.run", "ok")]
    assert '"login": "heping"' in audited[1][2] and "wrong-one" not in audited[0][2] + audited[1][2]
    with database.engine.connect() as c:
        assert c.exec_driver_sql("SELECT count(*) FROM trainee").scalar() > 0
        trainee_id = uuid.UUID(c.exec_driver_sql("SELECT id FROM trainee LIMIT 1").scalar())

    # Another desk changes the phone; this one too: a conflict, listed side by side.
    other = open_database(tmp_path / "other.sqlite3")
    engine = sa.create_engine(f"postgresql+psycopg://{central_admin.login_role_for('heping')}:{PASSWORD}@"
                              + central.split("@", 1)[1])
    sync(other, engine, actor="heping")
    for db, phone in ((other, "13911112222"), (database, "13733334444")):
        with UnitOfWork(db, "heping") as uow:
            uow.session.get(Trainee, trainee_id).phone = phone
            uow.commit()
    sync(other, engine, actor="heping")
    assert "待上传 1" in window.sync.status().text()
    window.ui.pages.setCurrentWidget(window.sync_page)
    window.actions_by_id[ActionId.SYNC_NOW].trigger()
    qtbot.waitUntil(lambda: "冲突 1" in window.mode_label.text(), timeout=30_000)
    page = window.sync_page
    qtbot.waitUntil(lambda: window.runner.idle, timeout=10_000)  # the list is read in the background
    assert page.ui.conflicts_table.rowCount() == 1
    page.ui.conflicts_table.selectRow(0)
    fields = page.ui.fields_table
    assert [fields.item(0, c).text() for c in (0, 2, 3, 4)] == ["phone", "13733334444", "13911112222", "13733334444"]
    assert fields.item(0, 1).text()  # the original value, before either change
    window.grab().save(str(artifacts / "sync_page.png"))
    fields.item(0, 4).setText("13955556666")
    assert page.resolve_selected("merge")
    qtbot.waitUntil(lambda: not window.sync.running and "冲突" not in window.mode_label.text(), timeout=30_000)
    sync(other, engine, actor="heping")
    with other.engine.connect() as c:
        assert c.exec_driver_sql("SELECT phone FROM trainee WHERE id = ?", (trainee_id.hex,)).scalar() == "13955556666"
    window.close()
    engine.dispose()


def test_sign_in_goes_through_the_central_database_and_falls_back_offline(qtbot, central, tmp_path):
    from tjce_desktop.gui.sign_in_dialogs import SignInDialog

    database = open_database(tmp_path / "desk.sqlite3")
    host, port, name = _parts(central)
    bind(database, f"postgresql://{host}:{port}/{name}", "heping")
    engine = sa.create_engine(f"postgresql+psycopg://{central_admin.login_role_for('heping')}:{PASSWORD}@"
                              + central.split("@", 1)[1])
    sync(database, engine, actor="heping")  # the account reaches the desk for offline sign-in
    engine.dispose()
    dialog = SignInDialog(database, "heping")
    qtbot.addWidget(dialog)
    dialog.ui.password_edit.setText("Wrong-2026")
    dialog.sign_in()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert "中心数据库：用户名或密码错误" in dialog.ui.message_label.text() and dialog.actor is None
    dialog.ui.password_edit.setText(PASSWORD)
    dialog.sign_in()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert dialog.online is True and dialog.actor.scope_path == "/120000/120101/" and dialog.password == PASSWORD
    # The server away (a port nobody listens on): the local account signs in, offline.
    bind(database, f"postgresql://{host}:1/{name}", "heping")
    offline = SignInDialog(database, "heping")
    qtbot.addWidget(offline)
    offline.ui.password_edit.setText(PASSWORD)
    offline.sign_in()
    qtbot.waitUntil(lambda: not offline.busy, timeout=30_000)
    assert offline.online is False and offline.actor is not None and offline.actor.role is Role.UNIT_SUPERVISOR


def test_held_rows_are_shown_and_check_repairs_from_the_sync_page(qtbot, central, tmp_path, message_boxes, artifacts,
                                                                 monkeypatch):
    """A row the desk could not store is listed with its reason and counted in the status bar; 核对数据
    fetches what is missing; 重新下载全部数据 asks first."""
    from tjce_desktop.gui.main_window import MainWindow
    from tjce_desktop.sync.binding import engine_for

    database = open_database(tmp_path / "desk.sqlite3")
    bare = "postgresql://" + central.split("@", 1)[1]
    bind(database, bare, "heping")
    engine = engine_for(bare, "heping", PASSWORD)
    sync(database, engine, actor="heping")
    hold_an_archive(database, central)
    assert sync(database, engine, actor="heping", check=False).held == 1
    engine.dispose()
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.sync.configure(PASSWORD)
    page = window.sync_page
    window.ui.pages.setCurrentWidget(page)
    qtbot.waitUntil(lambda: "暂存 1" in window.mode_label.text() or "暂存 1" in page.ui.status_label.text(),
                    timeout=30_000)
    qtbot.waitUntil(lambda: window.runner.idle, timeout=30_000)  # the lists are read in the background
    assert page.ui.held_group.isVisible() and page.ui.held_table.rowCount() == 1
    assert page.ui.held_table.item(0, 0).text() == "学习档案" and "培训计划" in page.ui.held_table.item(0, 2).text()
    window.grab().save(str(artifacts / "sync_page_held_1366.png"))
    qtbot.waitUntil(lambda: not window.sync.running, timeout=60_000)
    page.ui.check_button.click()
    qtbot.waitUntil(lambda: "核对完成" in page.ui.detail_label.text(), timeout=60_000)
    qtbot.waitUntil(lambda: window.runner.idle, timeout=10_000)  # the lists are read in the background
    assert page.ui.held_table.rowCount() == 0 and not page.ui.held_group.isVisible()
    assert "暂存" not in page.ui.status_label.text()
    from PySide6.QtWidgets import QMessageBox

    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda parent, title, text, *rest: asked.append(title) or QMessageBox.StandardButton.No))
    page.ui.rebuild_button.click()  # answered No: nothing starts
    assert asked == ["重新下载全部数据"] and not window.sync.running
    window.close()


def test_a_refused_change_is_shown_with_its_reason(qtbot, central, tmp_path, artifacts):
    """A change the central database refused (here: a plan closed through an edited outbox)
    is listed as 中心数据库拒绝 with the reason; sending it again is not offered."""
    import json

    from tjce_desktop.gui.main_window import MainWindow
    from tjce_desktop.storage.models import Outbox
    from tjce_desktop.sync.binding import engine_for

    database = open_database(tmp_path / "desk.sqlite3")
    bare = "postgresql://" + central.split("@", 1)[1]
    bind(database, bare, "heping")
    engine = engine_for(bare, "heping", PASSWORD)
    sync(database, engine, actor="heping")
    with database.engine.connect() as local:
        plan, version = local.exec_driver_sql("SELECT id, row_version FROM training_plan LIMIT 1").one()
    with database.session_factory() as session:
        session.add(Outbox(table_name="training_plan", row_id=uuid.UUID(plan), operation="update",
                           base_version=version, changes=json.dumps({"closed": True})))
        session.commit()
    assert sync(database, engine, actor="heping").refused == 1
    engine.dispose()
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    page = window.sync_page
    window.ui.pages.setCurrentWidget(page)
    page.reload()
    qtbot.waitUntil(lambda: window.runner.idle, timeout=10_000)  # read in the background
    assert page.ui.conflicts_table.rowCount() == 1
    assert page.ui.conflicts_table.item(0, 0).text() == "中心数据库拒绝"
    page.ui.conflicts_table.selectRow(0)
    assert "“培训主管”不能修改培训计划" in page.ui.detail_label.text()
    assert not page.ui.keep_mine_button.isEnabled() and not page.ui.merge_button.isEnabled()
    assert page.ui.keep_central_button.isEnabled()
    window.grab().save(str(artifacts / "sync_page_refused_1366.png"))
    window.close()
