"""登录, the first city administrator of a new database, and 修改密码."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from tjce_desktop.domain.enums import Role
from tjce_desktop.gui.forms.ui_first_admin_dialog import Ui_FirstAdminDialog
from tjce_desktop.gui.forms.ui_password_dialog import Ui_PasswordDialog
from tjce_desktop.gui.forms.ui_sign_in_dialog import Ui_SignInDialog
from tjce_desktop.services import accounts
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.orgs import ensure_city_root
from tjce_desktop.storage.database import Database
from tjce_desktop.storage.unit_of_work import UnitOfWork


class SignInDialog(QDialog):
    """Accepted once ``actor`` is set; every attempt is committed (lockout, audit log)."""

    def __init__(self, database: Database, username: str = "", parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_SignInDialog()
        self.ui.setupUi(self)
        self.database = database
        self.actor: Actor | None = None
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
        with UnitOfWork(self.database, username.strip().lower()) as uow:
            try:
                self.actor = accounts.sign_in(uow.session, username, password)
            except accounts.SignInError as exc:
                self.ui.message_label.setText(str(exc))
                self.ui.password_edit.clear()
                self.ui.password_edit.setFocus()
            finally:
                uow.commit()
        if self.actor is not None:
            self.accept()


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
            except (accounts.AccountError, PermissionError) as exc:
                ui.message_label.setText(str(exc))
                return
            uow.commit()
            self.username = user.username
        self.accept()


class PasswordDialog(QDialog):
    """修改密码 of the signed-in account."""

    def __init__(self, database: Database, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_PasswordDialog()
        self.ui.setupUi(self)
        self.database, self.actor = database, actor
        self.ui.button_box.accepted.connect(self.change)
        self.ui.button_box.rejected.connect(self.reject)

    def change(self) -> None:
        ui = self.ui
        if ui.new_edit.text() != ui.confirm_edit.text():
            ui.message_label.setText("两次输入的新密码不一致。")
            return
        with UnitOfWork(self.database, self.actor.username) as uow:
            try:
                accounts.change_password(uow.session, self.actor, ui.old_edit.text(), ui.new_edit.text())
            except accounts.AccountError as exc:
                uow.commit()  # a wrong old password is audited
                ui.message_label.setText(str(exc))
                return
            uow.commit()
        self.accept()
