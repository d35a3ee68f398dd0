"""账户管理 (city administrators): the accounts of their tree; create, reset a password, unlock.

The list is read, and every change written, in the task runner (a password is hashed with
Argon2: a tenth of a second on purpose)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHeaderView, QInputDialog, QLineEdit, QTableWidgetItem

from tjce_desktop.domain.enums import Role
from tjce_desktop.domain.errors import UserError
from tjce_desktop.gui import page_conveniences
from tjce_desktop.gui.dialogs import show_error
from tjce_desktop.gui.forms.ui_accounts_dialog import Ui_AccountsDialog
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.services import accounts
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.orgs import find_org, list_orgs

_HEADERS = ("用户名", "显示名称", "角色", "所属机构", "状态")


class AccountsDialog(QDialog):
    def __init__(self, runner: TaskRunner, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_AccountsDialog()
        self.ui.setupUi(self)
        self.table_tools = page_conveniences.copy_only(self.ui.accounts_table)
        self.runner, self.actor = runner, actor
        self.rows: list[accounts.AccountInfo] = []
        table = self.ui.accounts_table
        table.setColumnCount(len(_HEADERS))
        table.setHorizontalHeaderLabels(_HEADERS)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for role in Role:
            self.ui.new_role_combo.addItem(role.label, role.value)
        self.ui.new_button.clicked.connect(self.create)
        self.ui.reset_button.clicked.connect(lambda: self.reset_password())
        self.ui.unlock_button.clicked.connect(self.unlock)
        self.ui.button_box.rejected.connect(self.reject)
        self.reload()

    def reload(self) -> None:
        actor = self.actor

        def job(uow, _state):
            return (accounts.list_accounts(uow.session, actor),
                    {org.path: org.full_name for org in list_orgs(uow.session)})

        self.runner.read(job, on_success=self._show, error_title="读取账户失败")

    def _show(self, loaded) -> None:
        self.rows, names = loaded
        table = self.ui.accounts_table
        table.setRowCount(len(self.rows))
        for number, row in enumerate(self.rows):
            state = ("已停用" if not row.active
                     else f"已锁定至 {row.locked_until:%H:%M}" if row.locked_until else "正常")
            for column, value in enumerate((row.username, row.display_name, row.role.label,
                                            names.get(row.org_path, row.org_path), state)):
                table.setItem(number, column, QTableWidgetItem(value))

    def _selected(self) -> accounts.AccountInfo | None:
        row = self.ui.accounts_table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _write(self, change, then=None) -> None:
        """``change(uow)`` (a service that commits) in the background; then the list again."""
        def done(_result) -> None:
            self.ui.message_label.clear()
            self.reload()
            if then is not None:
                then()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, UserError):  # AccountError, ScopeError, OrgNotFound, a busy database …
                self.ui.message_label.setText(str(exc))
            else:
                show_error(self, "账户管理", exc)

        self.runner.write(lambda uow, _state: change(uow), on_success=done, on_failure=failed)

    def create(self) -> None:
        ui = self.ui
        actor, org_text = self.actor, ui.new_org_edit.text().strip()
        username, display_name = ui.new_username_edit.text(), ui.new_name_edit.text()
        password = ui.new_password_edit.text()
        role = Role(ui.new_role_combo.currentData())

        def change(uow) -> None:
            session = uow.session
            org = (find_org(session, org_text) if org_text
                   else next(o for o in list_orgs(session) if o.parent_id is None))
            accounts.create_account(uow, actor, username=username, display_name=display_name, password=password,
                                    role=role, org_id=org.id)

        def created() -> None:
            for edit in (ui.new_username_edit, ui.new_name_edit, ui.new_org_edit, ui.new_password_edit):
                edit.clear()

        self._write(change, created)

    def reset_password(self, password: str | None = None) -> None:
        row = self._selected()
        if row is None:
            return
        if password is None:
            password, accepted = QInputDialog.getText(self, "重置密码", f"{row.username} 的新密码：",
                                                      QLineEdit.EchoMode.Password)
            if not accepted:
                return
        actor = self.actor
        self._write(lambda uow: accounts.reset_password(uow, actor, row.username, password))

    def unlock(self) -> None:
        row = self._selected()
        if row is not None:
            actor = self.actor
            self._write(lambda uow: accounts.unlock(uow, actor, row.username))
