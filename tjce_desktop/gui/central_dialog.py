"""文件 → 中心数据库: address, port, database, the CA that signed the server's certificate;
the administrator's own credentials; the interval."""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtWidgets import QDialog, QFileDialog

from tjce_desktop.domain.errors import UserError
from tjce_desktop.gui.forms.ui_central_dialog import Ui_CentralDialog
from tjce_desktop.storage.database import Database
from tjce_desktop.sync.binding import bare_url, binding, ca_file_of


class CentralDialog(QDialog):
    def __init__(self, database: Database, username: str = "", parent=None, *, actor_name: str | None = None) -> None:
        """``actor_name``: the signed-in account the connect is audited under."""
        super().__init__(parent)
        self.ui = Ui_CentralDialog()
        self.ui.setupUi(self)
        self.database = database
        self.actor_name = actor_name or username
        self.password: str | None = None
        bound = binding(database)
        if bound is not None:
            parts = urlsplit(bound[0])
            self.ui.host_edit.setText(parts.hostname or "")
            self.ui.port_spin.setValue(parts.port or 5432)
            self.ui.database_edit.setText(parts.path.lstrip("/"))
            self.ui.ca_edit.setText(ca_file_of(bound[0]))
            self.ui.username_edit.setText(bound[1])
            self.ui.interval_spin.setValue(bound[2])
        elif username:
            self.ui.username_edit.setText(username)
        self.ui.ca_button.clicked.connect(self.choose_ca_file)
        self.ui.button_box.accepted.connect(self.connect_and_bind)
        self.ui.button_box.rejected.connect(self.reject)

    def choose_ca_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择 CA 证书文件", self.ui.ca_edit.text(),
                                              "证书 (*.crt *.pem *.cer);;所有文件 (*)")
        if path:
            self.ui.ca_edit.setText(path)

    def connect_and_bind(self) -> None:
        ui = self.ui
        if not ui.host_edit.text().strip() or not ui.username_edit.text().strip():
            ui.message_label.setText("请填写地址和用户名。")
            return
        from tjce_desktop.services.central_sync import connect

        login = ui.username_edit.text().strip().lower()
        try:
            url = bare_url(ui.host_edit.text(), ui.port_spin.value(), ui.database_edit.text(), ui.ca_edit.text())
            scope = connect(self.database, self.actor_name or login, url, login, ui.password_edit.text(),
                            ui.interval_spin.value())
        except UserError as exc:  # CentralError, or a busy local database
            ui.message_label.setStyleSheet("color: #b00020;")
            ui.message_label.setText(str(exc))
            return
        self.password = ui.password_edit.text()
        ui.message_label.setStyleSheet("color: #1b7f3b;")
        ui.message_label.setText(f"已连接，管辖范围 {scope}。")
        self.accept()
