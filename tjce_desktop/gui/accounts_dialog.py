"""账户管理 (city administrators): the accounts of their tree; create, reset a password, unlock."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHeaderView, QInputDialog, QLineEdit, QTableWidgetItem

from tjce_desktop.domain.errors import UserError
from tjce_desktop.domain.enums import Role
from tjce_desktop.gui.forms.ui_accounts_dialog import Ui_AccountsDialog
from tjce_desktop.services import accounts
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.orgs import find_org, list_orgs
from tjce_desktop.storage.database import Database
from tjce_desktop.storage.unit_of_work import UnitOfWork

_HEADERS = ("用户名", "显示名称", "角色", "所属机构", "状态")


class AccountsDialog(QDialog):
    def __init__(self, database: Database, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_AccountsDialog()
        self.ui.setupUi(self)
        self.database, self.actor = database, actor
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
        with UnitOfWork(self.database) as uow:
            self.rows = accounts.list_accounts(uow.session, self.actor)
            names = {org.path: org.full_name for org in list_orgs(uow.session)}
        table = self.ui.accounts_table
        table.setRowCount(len(self.rows))
        for number, row in enumerate(self.rows):
            state = "已停用" if not row.active else (f"已锁定至 {row.locked_until:%H:%M}" if row.locked_until else "正常")
            for column, value in enumerate((row.username, row.display_name, row.role.label,
                                            names.get(row.org_path, row.org_path), state)):
                table.setItem(number, column, QTableWidgetItem(value))

    def _selected(self) -> accounts.AccountInfo | None:
        row = self.ui.accounts_table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _write(self, change) -> bool:
        try:
            with UnitOfWork(self.database, self.actor) as uow:
                change(uow.session)
                uow.commit()
        except UserError as exc:  # AccountError, ScopeError, OrgNotFound, a busy database …
            self.ui.message_label.setText(str(exc))
            return False
        self.ui.message_label.clear()
        self.reload()
        return True

    def create(self) -> None:
        ui = self.ui

        def change(session) -> None:
            org_text = ui.new_org_edit.text().strip()
            org = find_org(session, org_text) if org_text else next(o for o in list_orgs(session) if o.parent_id is None)
            accounts.create_account(session, self.actor, username=ui.new_username_edit.text(),
                                    display_name=ui.new_name_edit.text(), password=ui.new_password_edit.text(),
                                    role=Role(ui.new_role_combo.currentData()), org_id=org.id)

        if self._write(change):
            for edit in (ui.new_username_edit, ui.new_name_edit, ui.new_org_edit, ui.new_password_edit):
                edit.clear()

    def reset_password(self, password: str | None = None) -> None:
        row = self._selected()
        if row is None:
            return
        if password is None:
            password, accepted = QInputDialog.getText(self, "重置密码", f"{row.username} 的新密码：",
                                                      QLineEdit.EchoMode.Password)
            if not accepted:
                return
        self._write(lambda session: accounts.reset_password(session, self.actor, row.username, password))

    def unlock(self) -> None:
        row = self._selected()
        if row is not None:
            self._write(lambda session: accounts.unlock(session, self.actor, row.username))
