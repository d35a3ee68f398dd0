"""文件 → 中心数据库: address, port, database, the CA that signed the server's certificate;
the administrator's own credentials; the interval. The login is checked over the network in
the task runner; the dialog stays responsive meanwhile."""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtWidgets import QDialog, QFileDialog

from tjce_desktop.domain.errors import UserError
from tjce_desktop.gui.dialogs import show_error
from tjce_desktop.gui.forms.ui_central_dialog import Ui_CentralDialog
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.sync.binding import bare_url, ca_file_of


class CentralDialog(QDialog):
    def __init__(self, runner: TaskRunner, username: str = "", parent=None, *, actor_name: str | None = None,
                 bound: tuple[str, str, int] | None = None) -> None:
        """``actor_name``: the signed-in account the connect is audited under; ``bound``: the
        desk's binding as the sync controller last read it (the form starts from it)."""
        super().__init__(parent)
        self.ui = Ui_CentralDialog()
        self.ui.setupUi(self)
        self.runner = runner
        self.actor_name = actor_name or username
        self.password: str | None = None
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
        except UserError as exc:
            self._refused(exc)
            return
        actor_name, password, interval = self.actor_name or login, ui.password_edit.text(), ui.interval_spin.value()

        def connected(scope: str) -> None:
            ui.button_box.setEnabled(True)
            self.password = password
            ui.message_label.setStyleSheet("color: #1b7f3b;")
            ui.message_label.setText(f"已连接，管辖范围 {scope}。")
            self.accept()

        def failed(exc: BaseException) -> None:
            ui.button_box.setEnabled(True)
            self._refused(exc)

        ui.button_box.setEnabled(False)
        ui.message_label.setStyleSheet("")
        ui.message_label.setText("正在连接中心数据库…")
        self.runner.write(lambda uow, _state: connect(uow.database, actor_name, url, login, password, interval),
                          on_success=connected, on_failure=failed)

    def _refused(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):  # an internal error: its incident number, in a box
            show_error(self, "中心数据库", exc)
            return
        self.ui.message_label.setStyleSheet("color: #b00020;")  # CentralError, or a busy local database
        self.ui.message_label.setText(str(exc))
