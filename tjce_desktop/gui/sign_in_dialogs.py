"""登录, the first city administrator of a new database, and 修改密码."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from tjce_desktop.domain.enums import Role
from tjce_desktop.domain.errors import UserError
from tjce_desktop.gui.forms.ui_first_admin_dialog import Ui_FirstAdminDialog
from tjce_desktop.gui.forms.ui_password_dialog import Ui_PasswordDialog
from tjce_desktop.gui.forms.ui_sign_in_dialog import Ui_SignInDialog
from tjce_desktop.services import accounts
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.orgs import ensure_city_root
from tjce_desktop.storage.database import Database
from tjce_desktop.storage.unit_of_work import UnitOfWork


class SignInDialog(QDialog):
    """Accepted once ``actor`` is set; every attempt is committed (lockout, audit log).

    A database bound to a central one signs in there first (the administrator's own login
    role); when the server cannot be reached, the local account signs in offline.
    """

    def __init__(self, database: Database, username: str = "", parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_SignInDialog()
        self.ui.setupUi(self)
        self.database = database
        self.actor: Actor | None = None
        self.password: str | None = None  # for the background sync, in memory only
        self.online: bool | None = None
        self.ui.database_label.setText(f"数据库：{database.path}")
        self.ui.username_edit.setText(username)
        self.ui.button_box.button(QDialogButtonBox.StandardButton.Ok).setText("登录")
        self.ui.button_box.accepted.connect(self.sign_in)
        self.ui.button_box.rejected.connect(self.reject)
        (self.ui.password_edit if username else self.ui.username_edit).setFocus()

    def sign_in(self) -> None:
        username, password = self.ui.username_edit.text(), self.ui.password_edit.text()
        if not username.strip() or not password:
            self.ui.message_label.setText("请输入用户名和密码。")
            return
        from tjce_desktop.sync.binding import binding

        bound = binding(self.database)
        try:
            if bound is not None and self._central_sign_in(bound[0], username.strip().lower(), password):
                self.accept()
                return
        except _Refused:
            self.ui.password_edit.clear()
            return
        try:
            with UnitOfWork(self.database, username.strip().lower()) as uow:
                try:
                    self.actor = accounts.sign_in(uow.session, username, password)
                    self.password = password if bound is not None else None
                except accounts.SignInError as exc:
                    self.ui.message_label.setText(str(exc))
                    self.ui.password_edit.clear()
                    self.ui.password_edit.setFocus()
                finally:
                    uow.commit()
        except UserError as exc:  # e.g. another program is writing: nothing was counted, try again
            self.actor = None
            self.ui.message_label.setText(str(exc))
            return
        if self.actor is not None:
            self.accept()


    def _central_sign_in(self, url: str, username: str, password: str) -> bool:
        """True when the central database accepted the login (and the actor is set); False to
        sign in locally (the server is away). A refused password is refused here too.

        The local lockout holds on this path as well: a locally locked account is refused
        before its password goes to the server, a password the server refuses counts towards
        the local lockout, and one it accepts clears the count (``accounts.sign_in_elsewhere``).
        """
        from sqlalchemy import text

        from tjce_desktop.sync.binding import engine_for
        from tjce_desktop.sync.central import CentralError, friendly_error

        with UnitOfWork(self.database, username) as uow:
            try:
                accounts.refuse_if_locked(uow.session, username)
            except accounts.SignInError as exc:
                uow.commit()
                self.ui.message_label.setText(str(exc))
                raise _Refused() from None
        if len(password) > accounts.MAX_LENGTH:  # no password that long exists: wrong, and not sent anywhere
            self._settle(username, accepted=False)
        engine = engine_for(url, username, password, timeout=5)
        try:
            with engine.connect() as connection:
                row = connection.execute(text(
                    "SELECT u.role, o.path FROM admin_user u JOIN org o ON o.id = u.org_id "
                    "WHERE u.username = :name AND u.deleted_at IS NULL"), {"name": username}).first()
        except Exception as exc:  # noqa: BLE001
            error = exc if isinstance(exc, CentralError) else friendly_error(exc)
            if "拒绝登录" in str(error):
                self._settle(username, accepted=False)
            self.ui.message_label.setText("中心数据库暂时连不上，已改为离线登录。")
            self.online = False
            return False
        finally:
            engine.dispose()
        if row is None:
            self.ui.message_label.setText("中心数据库中没有该管理员的账户，请联系市级管理员。")
            raise _Refused()
        self._settle(username, accepted=True)
        from tjce_desktop.domain.enums import Role
        from tjce_desktop.services.accounts import FULL_ID_ROLES

        role = Role(row.role)
        self.actor = Actor(username, scope_path=row.path, may_see_full_id_numbers=role in FULL_ID_ROLES, role=role)
        self.password, self.online = password, True
        return True

    def _settle(self, username: str, *, accepted: bool) -> None:
        """The central database's answer, recorded against the local account (lockout, audit
        log); raises ``_Refused`` with the message shown when the sign-in does not go on."""
        with UnitOfWork(self.database, username) as uow:
            try:
                accounts.sign_in_elsewhere(uow.session, username, accepted, via="central")
            except accounts.SignInError as exc:
                uow.commit()  # the attempt counts and is audited
                self.ui.message_label.setText(f"中心数据库：{exc}")
                raise _Refused() from None
            uow.commit()
        if not accepted:  # not reached: a refusal always raises
            raise _Refused()


class _Refused(Exception):
    """The central database refused the password: no offline fallback."""


class FirstAdminDialog(QDialog):
    """The very first start of a new local database: create the city administrator."""

    def __init__(self, database: Database, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_FirstAdminDialog()
        self.ui.setupUi(self)
        self.database = database
        self.username: str | None = None
        self.ui.button_box.button(QDialogButtonBox.StandardButton.Ok).setText("创建")
        self.ui.button_box.accepted.connect(self.create)
        self.ui.button_box.rejected.connect(self.reject)

    def create(self) -> None:
        ui = self.ui
        password = ui.password_edit.text()
        if password != ui.confirm_edit.text():
            ui.message_label.setText("两次输入的密码不一致。")
            return
        with UnitOfWork(self.database, ui.username_edit.text()) as uow:
            try:
                root = ensure_city_root(uow.session, ui.username_edit.text())
                user = accounts.create_account(uow.session, None, username=ui.username_edit.text(),
                                               display_name=ui.name_edit.text(), password=password,
                                               role=Role.CITY_ADMIN, org_id=root.id)
            except (UserError, PermissionError) as exc:
                ui.message_label.setText(str(exc))
                return
            uow.commit()
            self.username = user.username
        self.accept()


class PasswordDialog(QDialog):
    """修改密码 of the signed-in account, checked and saved in the task runner (Argon2 is slow
    on purpose); ``runner``: the window's (a dialog of its own without one)."""

    def __init__(self, database: Database, actor: Actor, parent=None, *, runner=None) -> None:
        from tjce_desktop.gui.task_runner import TaskRunner

        super().__init__(parent)
        self.ui = Ui_PasswordDialog()
        self.ui.setupUi(self)
        self.database, self.actor = database, actor
        self.runner = runner or TaskRunner(self, database=database, actor=actor)
        self.ui.button_box.accepted.connect(self.change)
        self.ui.button_box.rejected.connect(self.reject)

    def change(self) -> None:
        ui = self.ui
        if ui.new_edit.text() != ui.confirm_edit.text():
            ui.message_label.setText("两次输入的新密码不一致。")
            return
        actor, old, new = self.actor, ui.old_edit.text(), ui.new_edit.text()

        def failed(exc: BaseException) -> None:
            ui.button_box.setEnabled(True)
            if isinstance(exc, UserError):  # a wrong old password (audited), a rule, a busy database
                ui.message_label.setText(str(exc))
            else:
                from tjce_desktop.gui.dialogs import show_error

                show_error(self, "修改密码", exc)

        def changed(_none) -> None:
            ui.button_box.setEnabled(True)
            self.accept()

        ui.button_box.setEnabled(False)
        self.runner.write(lambda uow, _state: accounts.change_password(uow, actor, old, new), on_success=changed,
                          on_failure=failed)
