"""登录, the first city administrator of a new database, and 修改密码."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from tjce_desktop.domain.enums import Role
from tjce_desktop.domain.errors import UserError
from tjce_desktop.gui.dialogs import error_text
from tjce_desktop.gui.forms.ui_first_admin_dialog import Ui_FirstAdminDialog
from tjce_desktop.gui.forms.ui_password_dialog import Ui_PasswordDialog
from tjce_desktop.gui.forms.ui_sign_in_dialog import Ui_SignInDialog
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.services import accounts
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.desk_sign_in import DeskSignIn, sign_in_at_desk
from tjce_desktop.services.orgs import ensure_city_root
from tjce_desktop.storage.database import Database
from tjce_desktop.storage.unit_of_work import UnitOfWork


class SignInDialog(QDialog):
    """Accepted once ``actor`` is set; every attempt is committed (lockout, audit log).

    A database bound to a central one signs in there first (the administrator's own login
    role); when the server cannot be reached, the local account signs in offline. The
    attempt runs in the background (``services/desk_sign_in.py``): the dialog keeps painting
    while a server that does not answer is waited for, and ``busy`` says an attempt is on.
    """

    def __init__(self, database: Database, username: str = "", parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_SignInDialog()
        self.ui.setupUi(self)
        self.database = database
        self.runner = TaskRunner(self)
        self.actor: Actor | None = None
        self.password: str | None = None  # for the background sync, in memory only
        self.online: bool | None = None
        self.busy = False
        self.ui.database_label.setText(f"数据库：{database.path}")
        self.ui.username_edit.setText(username)
        self._ok = self.ui.button_box.button(QDialogButtonBox.StandardButton.Ok)
        self._ok.setText("登录")
        self.ui.button_box.accepted.connect(self.sign_in)
        self.ui.button_box.rejected.connect(self.reject)
        (self.ui.password_edit if username else self.ui.username_edit).setFocus()

    def sign_in(self) -> None:
        username, password = self.ui.username_edit.text(), self.ui.password_edit.text()
        if not username.strip() or not password:
            self.ui.message_label.setText("请输入用户名和密码。")
            return
        if self.busy:
            return
        self.busy = True
        self._ok.setEnabled(False)
        self.ui.message_label.setText("正在登录…")
        database = self.database
        self.runner.run(lambda _state: sign_in_at_desk(database, username, password), on_success=self._done,
                        on_failure=self._failed)

    def _done(self, result: DeskSignIn) -> None:
        self.busy = False
        self._ok.setEnabled(True)
        self.online = result.online
        self.ui.message_label.setText(result.message)
        if result.retry_password:
            self.ui.password_edit.clear()
            self.ui.password_edit.setFocus()
        if result.actor is not None:
            self.actor, self.password = result.actor, result.password
            self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self._ok.setEnabled(True)
        self.ui.message_label.setText(error_text(exc))


class FirstAdminDialog(QDialog):
    """The very first start of a new local database: create the city administrator."""

    def __init__(self, database: Database, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_FirstAdminDialog()
        self.ui.setupUi(self)
        self.database = database
        self.username: str | None = None
        self.runner = TaskRunner(self)
        self.busy = False
        self._ok = self.ui.button_box.button(QDialogButtonBox.StandardButton.Ok)
        self._ok.setText("创建")
        self.ui.button_box.accepted.connect(self.create)
        self.ui.button_box.rejected.connect(self.reject)

    def create(self) -> None:
        """Argon2 and the first writes in the background; ``busy`` while they run."""
        ui = self.ui
        password = ui.password_edit.text()
        if password != ui.confirm_edit.text():
            ui.message_label.setText("两次输入的密码不一致。")
            return
        if self.busy:
            return
        self.busy = True
        self._ok.setEnabled(False)
        database, username, name = self.database, ui.username_edit.text(), ui.name_edit.text()

        def job(_state) -> str:
            with UnitOfWork(database, username) as uow:
                root = ensure_city_root(uow.session, username)
                user = accounts.create_account(uow.session, None, username=username, display_name=name,
                                               password=password, role=Role.CITY_ADMIN, org_id=root.id)
                uow.commit()
                return user.username

        self.runner.run(job, on_success=self._created, on_failure=self._failed)

    def _created(self, username: str) -> None:
        self.busy = False
        self._ok.setEnabled(True)
        self.username = username
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self._ok.setEnabled(True)
        self.ui.message_label.setText(str(exc) if isinstance(exc, UserError | PermissionError) else error_text(exc))


class PasswordDialog(QDialog):
    """修改密码 of the signed-in account, checked and saved in the task runner (Argon2 is slow
    on purpose); ``runner``: the window's (a dialog of its own without one)."""

    def __init__(self, database: Database, actor: Actor, parent=None, *, runner=None) -> None:
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
