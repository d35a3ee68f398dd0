"""登录, the first administrator, the idle lock, 审计日志 and 账户管理, driven with pytest-qt."""

import subprocess
import sys

import openpyxl
import pytest
from PySide6.QtWidgets import QDialog

from tjce_desktop.domain.enums import Role
from tjce_desktop.gui.actions import ActionId
from tjce_desktop.services import accounts
from tjce_desktop.services.orgs import find_org
from tjce_desktop.storage.database import open_database
from tjce_desktop.storage.unit_of_work import UnitOfWork

ADMIN_PASSWORD, SUPERVISOR_PASSWORD = "City-Admin-1", "Heping-2026"


@pytest.fixture
def with_accounts(demo_database):
    with UnitOfWork(demo_database) as uow:
        admin = accounts.create_account(uow.session, None, username="admin", display_name="市管理员",
                                        password=ADMIN_PASSWORD, role=Role.CITY_ADMIN,
                                        org_id=find_org(uow.session, "120000").id)
        admin_actor = accounts.actor_for(uow.session, admin)
        accounts.create_account(uow.session, admin_actor, username="heping", display_name="和平区培训主管",
                                password=SUPERVISOR_PASSWORD, role=Role.UNIT_SUPERVISOR,
                                org_id=find_org(uow.session, "和平区").id)
        uow.commit()
    return demo_database


def _sign_in(db, username, password):
    with UnitOfWork(db) as uow:
        actor = accounts.sign_in(uow.session, username, password)
        uow.commit()
    return actor


def test_sign_in_dialog_counts_failures_and_locks(qtbot, with_accounts):
    from tjce_desktop.gui.sign_in_dialogs import SignInDialog

    dialog = SignInDialog(with_accounts, "heping")
    qtbot.addWidget(dialog)
    dialog.show()
    for left in (4, 3, 2, 1):
        dialog.ui.password_edit.setText("wrong")
        dialog.sign_in()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
        assert f"再错 {left} 次" in dialog.ui.message_label.text() and dialog.actor is None
        assert dialog.ui.password_edit.text() == ""
    dialog.ui.password_edit.setText("wrong")
    dialog.sign_in()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert "锁定 15 分钟" in dialog.ui.message_label.text()
    dialog.ui.password_edit.setText(SUPERVISOR_PASSWORD)
    dialog.sign_in()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert "已锁定" in dialog.ui.message_label.text() and dialog.result() != QDialog.DialogCode.Accepted
    with UnitOfWork(with_accounts) as uow:
        accounts.unlock(uow.session, accounts.sign_in(uow.session, "admin", ADMIN_PASSWORD), "heping")
        uow.commit()
    dialog.ui.password_edit.setText(SUPERVISOR_PASSWORD)
    dialog.sign_in()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert dialog.actor.username == "heping" and dialog.result() == QDialog.DialogCode.Accepted


def test_the_first_start_of_an_empty_database_creates_the_city_administrator(qtbot, tmp_path, artifacts):
    from tjce_desktop.gui.sign_in_dialogs import FirstAdminDialog

    database = open_database(tmp_path / "new.sqlite3")
    dialog = FirstAdminDialog(database)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.password_edit.setText("short")
    dialog.ui.confirm_edit.setText("short")
    dialog.create()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert "不能少于 10 个字符" in dialog.ui.message_label.text()
    dialog.ui.password_edit.setText("First-Admin-1")
    dialog.ui.confirm_edit.setText("First-Admin-2")
    dialog.create()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert "不一致" in dialog.ui.message_label.text()
    dialog.ui.confirm_edit.setText("First-Admin-1")
    dialog.grab().save(str(artifacts / "first_admin_dialog.png"))
    dialog.create()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.username == "admin"
    actor = _sign_in(database, "admin", "First-Admin-1")
    assert actor.role is Role.CITY_ADMIN and actor.scope_path == "/120000/"
    database.dispose()


def test_a_supervisor_sees_only_their_subtree(qtbot, with_accounts, message_boxes, artifacts):
    from tjce_desktop.gui.main_window import MainWindow

    actor = _sign_in(with_accounts, "heping", SUPERVISOR_PASSWORD)
    window = MainWindow(with_accounts, actor)
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.show()
    qtbot.waitUntil(lambda: window.trainees_page.model.total is not None, timeout=10_000)
    model = window.org_model
    assert model.rowCount() == 1 and model.index(0, 0).data() == "和平区"
    assert window.current_org().path == "/120000/120101/"
    with with_accounts.engine.connect() as c:
        expected = c.exec_driver_sql("SELECT count(*) FROM trainee WHERE org_path LIKE '/120000/120101/%' "
                                     "AND active = 1").scalar()
    assert window.trainees_page.model.total == expected
    tabs = [window.ui.pages.tabText(i) for i in range(window.ui.pages.count())]
    assert "审计日志" not in tabs and window.audit_page is None
    assert window.user_label.text() == "用户：heping（培训主管）"
    assert not window.actions_by_id[ActionId.MANAGE_ACCOUNTS].isEnabled()
    window.grab().save(str(artifacts / "supervisor_window.png"))
    window.close()


def test_the_idle_lock_cannot_be_guessed_open(qtbot, with_accounts):
    """An unattended locked window: five wrong passwords lock the account, as at sign-in."""
    from tjce_desktop.gui.idle_lock import LockDialog

    actor = _sign_in(with_accounts, "heping", SUPERVISOR_PASSWORD)
    lock = LockDialog(with_accounts, actor)
    qtbot.addWidget(lock)
    def unlock() -> None:  # checked in the background
        lock.unlock()
        qtbot.waitUntil(lambda: lock.runner.idle, timeout=10_000)

    for left in (4, 3, 2, 1):
        lock.ui.password_edit.setText(f"guess-{left}")
        unlock()
        assert f"再错 {left} 次" in lock.ui.message_label.text()
    lock.ui.password_edit.setText("guess-0")
    unlock()
    assert "锁定" in lock.ui.message_label.text()
    lock.ui.password_edit.setText(SUPERVISOR_PASSWORD)  # the right one, now too late
    unlock()
    assert "锁定" in lock.ui.message_label.text() and lock.result() != lock.DialogCode.Accepted
    with pytest.raises(accounts.SignInError, match="锁定"):
        _sign_in(with_accounts, "heping", SUPERVISOR_PASSWORD)


def test_idle_lock_keeps_unsaved_input(qtbot, with_accounts, message_boxes, artifacts):
    from tjce_desktop.gui.main_window import MainWindow

    actor = _sign_in(with_accounts, "heping", SUPERVISOR_PASSWORD)
    window = MainWindow(with_accounts, actor)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitUntil(lambda: window.trainees_page.model.total is not None, timeout=10_000)
    window.trainees_page.add_trainee()  # the form opens after the orgs are read in the background
    qtbot.waitUntil(lambda: window.trainees_page.last_dialog is not None, timeout=5_000)
    form = window.trainees_page.last_dialog
    assert form.isVisible()
    form.ui.real_name_edit.setText("未保存的名字")
    window.idle_lock.set_minutes(0.003)  # about 0.2 s
    qtbot.waitUntil(lambda: window.idle_lock.locked, timeout=5_000)
    lock = window.idle_lock.dialog
    assert lock.isVisible() and not form.isVisible()
    window.grab().save(str(artifacts / "idle_locked.png"))
    lock.ui.password_edit.setText("wrong")
    lock.unlock()
    qtbot.waitUntil(lambda: window.runner.idle, timeout=10_000)  # checked in the background
    assert "密码不正确" in lock.ui.message_label.text() and window.idle_lock.locked
    lock.reject()  # Esc does not unlock
    assert window.idle_lock.locked
    lock.ui.password_edit.setText(SUPERVISOR_PASSWORD)
    lock.unlock()
    qtbot.waitUntil(lambda: window.runner.idle, timeout=10_000)
    assert not window.idle_lock.locked
    assert form.isVisible() and form.ui.real_name_edit.text() == "未保存的名字"
    window.idle_lock.set_minutes(15)
    with UnitOfWork(with_accounts) as uow:
        from tjce_desktop.storage.models import AuditLog

        outcomes = [e.outcome for e in uow.session.query(AuditLog).filter_by(action="auth.unlock_screen")]
        assert outcomes == ["failed", "ok"]
    window.set_idle_minutes(5)
    qtbot.waitUntil(lambda: window.runner.idle, timeout=10_000)  # audited in the background
    with UnitOfWork(with_accounts) as uow:
        entry = uow.session.query(AuditLog).filter_by(action="settings.change").one()
        assert '"after": 5' in entry.detail
    form.ui.real_name_edit.clear()  # as opened: closing asks nothing (typed data would be asked about)
    form.close()
    window.close()


def test_audit_page_and_accounts_dialog_for_the_city_administrator(qtbot, with_accounts, message_boxes, tmp_path,
                                                                  artifacts):
    from tjce_desktop.gui.main_window import MainWindow

    actor = _sign_in(with_accounts, "admin", ADMIN_PASSWORD)
    window = MainWindow(with_accounts, actor)
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.show()
    qtbot.waitUntil(lambda: window.trainees_page.model.total is not None, timeout=10_000)
    window.ui.pages.setCurrentWidget(window.audit_page)
    page = window.audit_page

    def settle() -> None:  # the log is read, exported and checked in the background
        qtbot.waitUntil(lambda: window.runner.idle, timeout=10_000)

    settle()
    assert page.loaded and page.ui.log_table.rowCount() >= 3
    page.ui.action_combo.setCurrentIndex(page.ui.action_combo.findText("账户"))
    page.reload()
    settle()
    assert {page.ui.log_table.item(r, 4).text() for r in range(page.ui.log_table.rowCount())} == {"创建账户"}
    page.ui.since_edit.setText("昨天")
    page.reload()
    assert message_boxes[-1][0] == "critical" and "昨天" in message_boxes[-1][2]
    page.ui.since_edit.clear()
    window.grab().save(str(artifacts / "audit_page.png"))
    page.export(str(tmp_path / "log.xlsx"))
    settle()
    rows = list(openpyxl.load_workbook(tmp_path / "log.xlsx").active.iter_rows(values_only=True))
    assert rows[0][0] == "序号" and len(rows) >= 3
    page.verify()
    settle()
    assert message_boxes[-1][1] == "审计日志完好"

    dialog = window.manage_accounts()
    dialog.ui.new_username_edit.setText("clerk1")
    dialog.ui.new_role_combo.setCurrentIndex(dialog.ui.new_role_combo.findText("证书登记员"))
    dialog.ui.new_org_edit.setText("火星区")
    dialog.ui.new_password_edit.setText("Clerk-2026x")
    settle()  # the list
    dialog.create()
    settle()
    assert "火星区" in dialog.ui.message_label.text()
    dialog.ui.new_org_edit.setText("和平区")
    dialog.create()
    settle()
    assert dialog.ui.accounts_table.rowCount() == 3 and dialog.ui.message_label.text() == ""
    dialog.ui.accounts_table.selectRow(1)
    dialog.reset_password("Clerk-New-2026")
    settle()
    assert _sign_in(with_accounts, "clerk1", "Clerk-New-2026").role is Role.REGISTRATION_CLERK
    dialog.grab().save(str(artifacts / "accounts_dialog.png"))
    dialog.close()
    window.close()


def test_self_test_signs_in_with_the_environment(with_accounts, tmp_path):
    import os

    path = str(with_accounts.path)
    with_accounts.dispose()
    base = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = lambda env: subprocess.run([sys.executable, "-m", "tjce_desktop", "--db", path, "--self-test"],  # noqa: E731
                                     capture_output=True, text=True, timeout=120, env={**base, **env})
    refused = run({"TJCE_USER": "heping", "TJCE_PASSWORD": "nope"})
    assert refused.returncode == 2 and "用户名或密码错误" in refused.stderr
    ok = run({"TJCE_USER": "heping", "TJCE_PASSWORD": SUPERVISOR_PASSWORD})
    assert ok.returncode == 0, ok.stderr
    assert "scope 和平区" in ok.stdout


def test_full_id_numbers_are_shown_per_role_and_audited(qtbot, with_accounts):
    from tjce_desktop.gui.main_window import MainWindow
    from tjce_desktop.storage.models import AuditLog

    for username, password, allowed in (("heping", SUPERVISOR_PASSWORD, True),):
        actor = _sign_in(with_accounts, username, password)
        window = MainWindow(with_accounts, actor)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.trainees_page.model.total is not None,  # noqa: B023 — waited for here
                        timeout=10_000)
        model = window.trainees_page.model
        column = 2  # 身份证号
        assert "*" in model.index(0, column).data()
        action = window.actions_by_id[ActionId.SHOW_FULL_IDS]
        assert action.isEnabled() is allowed
        action.setChecked(True)
        qtbot.waitUntil(lambda: window.runner.idle, timeout=10_000)  # noqa: B023 — shown once the switch is audited
        assert "*" not in model.index(0, column).data() and len(model.index(0, column).data()) == 18
        action.setChecked(False)
        assert "*" in model.index(0, column).data()
        with UnitOfWork(with_accounts) as uow:
            assert uow.session.query(AuditLog).filter_by(action="trainee.show_full_id", actor=username).count() == 1
        window.close()
    # A clerk may not: the action is off, and the listing masks even when asked for full numbers.
    from tjce_desktop.services import trainee_listing
    from tjce_desktop.services.actor import Actor

    clerk = Actor("clerk", scope_path="/120000/120101/", role=Role.REGISTRATION_CLERK)
    window = MainWindow(with_accounts, clerk)
    qtbot.addWidget(window)
    assert not window.actions_by_id[ActionId.SHOW_FULL_IDS].isEnabled()
    with with_accounts.engine.connect() as c:
        scope = clerk.scope("/120000/120101/")
        page = trainee_listing.fetch_key_page(c, scope, trainee_listing.SortOrder(), None, 3)
        rows = trainee_listing.fetch_rows(c, scope, page.rowids, full_id_numbers=True)
    assert all("*" in row.values[2] for row in rows.values())
    window.close()
