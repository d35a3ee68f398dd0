"""验证: check a printed archive sheet — its short code typed, or its QR scanned by a reader.

On a desk bound to a central database the check runs in the background (a short code from
another desk, a stamp batch of another district), so the window never waits on the network."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog

from tjce_desktop.gui.forms.ui_verify_dialog import Ui_VerifyDialog
from tjce_desktop.services.sheet_signing import LABELS, CentralSheets, Verification, verify_code
from tjce_desktop.storage.database import Database
from tjce_desktop.storage.unit_of_work import UnitOfWork


class VerifyDialog(QDialog):
    def __init__(self, database: Database, parent=None, *, runner=None, central: CentralSheets | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_VerifyDialog()
        self.ui.setupUi(self)
        self.database = database
        self.runner = runner
        self.central = central
        self.result: Verification | None = None
        self.ui.verify_button.clicked.connect(self.verify)
        self.ui.button_box.rejected.connect(self.reject)

    def verify(self) -> Verification | None:
        """Here and now without a central database; with one, in the background (a short code
        from another desk, a stamp batch's revocation), and the result shown when it comes."""
        text = self.ui.code_edit.toPlainText()
        if not text.strip():
            self.ui.result_view.setHtml("<p>请输入验证码，或扫描二维码。</p>")
            return None
        if self.central is None or self.runner is None:
            with UnitOfWork(self.database) as uow:
                return self.show_result(verify_code(uow.session, text))
        self.result = None
        self.ui.verify_button.setEnabled(False)
        self.ui.result_view.setHtml("<p>正在验证（需要时查询中心数据库）…</p>")
        database, central = self.database, self.central

        def job(_state) -> Verification:
            try:
                with UnitOfWork(database) as uow:
                    return verify_code(uow.session, text, central=central)
            finally:
                central.close()

        handle = self.runner.run(job, on_success=self.show_result, error_title="验证失败")
        handle.sig_done.connect(lambda: self.ui.verify_button.setEnabled(True))
        return None

    def show_result(self, result: Verification) -> Verification:
        self.result = result
        colour = "#1b7f3b" if result.genuine else "#b00020"
        parts = [f'<p style="color:{colour}; font-size:15pt"><b>{"✔" if result.genuine else "✘"} '
                 f"{escape(result.message)}</b></p>"]
        if result.claim is not None:
            claim = result.claim.as_dict()
            rows = "".join(f"<tr><td>{label}</td><td><b>{escape(claim[key] or '—')}</b></td></tr>"
                           for key, label in LABELS.items())
            parts.append(f'<table cellpadding="3">{rows}</table><p>签发方：{escape(result.key_label)}</p>')
            if result.genuine:
                parts.append("<p>请逐项核对：上面的内容应与纸面上的完全一致，不一致即为改动过的档案。</p>")
        self.ui.result_view.setHtml("".join(parts))
        return result
