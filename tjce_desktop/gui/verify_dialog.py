"""验证: check a printed archive sheet — its short code typed, or its QR scanned by a reader.

The check runs in the background (on a desk bound to a central database it may ask it: a
short code from another desk, a stamp batch of another district), so the window never waits
on the database or the network."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog

from tjce_desktop.gui.forms.ui_verify_dialog import Ui_VerifyDialog
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.services.sheet_signing import CentralSheets, Verification, verify_code


class VerifyDialog(QDialog):
    def __init__(self, runner: TaskRunner, parent=None, *, central: CentralSheets | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_VerifyDialog()
        self.ui.setupUi(self)
        self.runner = runner
        self.central = central
        self.result: Verification | None = None
        self.ui.verify_button.clicked.connect(self.verify)
        self.ui.button_box.rejected.connect(self.reject)

    def verify(self) -> None:
        """In the background (with a central database, asking it when needed: a short code
        from another desk, a stamp batch's revocation); the result shown when it comes."""
        text = self.ui.code_edit.toPlainText()
        if not text.strip():
            self.ui.result_view.setHtml("<p>请输入验证码，或扫描二维码。</p>")
            return
        self.result = None
        self.ui.verify_button.setEnabled(False)
        central = self.central
        self.ui.result_view.setHtml("<p>正在验证（需要时查询中心数据库）…</p>" if central else "<p>正在验证…</p>")

        def job(uow, _state) -> Verification:
            try:
                return verify_code(uow.session, text, central=central)
            finally:
                if central is not None:
                    central.close()

        handle = self.runner.read(job, on_success=self.show_result, error_title="验证失败")
        handle.sig_done.connect(lambda: self.ui.verify_button.setEnabled(True))

    def show_result(self, result: Verification) -> Verification:
        self.result = result
        colour = "#1b7f3b" if result.genuine else "#b00020"
        parts = [f'<p style="color:{colour}; font-size:15pt"><b>{"✔" if result.genuine else "✘"} '
                 f"{escape(result.message)}</b></p>"]
        if result.claim is not None:
            rows = "".join(f"<tr><td>{escape(label)}</td><td><b>{escape(value)}</b></td></tr>"
                           for label, value in result.claim.lines())
            parts.append(f'<table cellpadding="3">{rows}</table><p>签发方：{escape(result.key_label)}</p>')
            if result.genuine:
                parts.append("<p>请逐项核对：上面的内容应与纸面上的完全一致，不一致即为改动过的档案。</p>")
        self.ui.result_view.setHtml("".join(parts))
        return result
