"""验证: check the verification code of a printed archive sheet (typed, or scanned by a reader)."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog

from tjce_desktop.gui.forms.ui_verify_dialog import Ui_VerifyDialog
from tjce_desktop.services.sheet_signing import LABELS, Verification, verify_code
from tjce_desktop.storage.database import Database
from tjce_desktop.storage.unit_of_work import UnitOfWork


class VerifyDialog(QDialog):
    def __init__(self, database: Database, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_VerifyDialog()
        self.ui.setupUi(self)
        self.database = database
        self.result: Verification | None = None
        self.ui.verify_button.clicked.connect(self.verify)
        self.ui.button_box.rejected.connect(self.reject)

    def verify(self) -> Verification | None:
        text = self.ui.code_edit.toPlainText()
        if not text.strip():
            self.ui.result_view.setHtml("<p>请输入或扫描验证码。</p>")
            return None
        with UnitOfWork(self.database) as uow:
            self.result = verify_code(uow.session, text)
        colour = "#1b7f3b" if self.result.genuine else "#b00020"
        parts = [f'<p style="color:{colour}; font-size:15pt"><b>{"✔" if self.result.genuine else "✘"} '
                 f"{escape(self.result.message)}</b></p>"]
        if self.result.claim is not None:
            claim = self.result.claim.as_dict()
            rows = "".join(f"<tr><td>{label}</td><td><b>{escape(claim[key] or '—')}</b></td></tr>"
                           for key, label in LABELS.items())
            parts.append(f'<table cellpadding="3">{rows}</table><p>签发密钥：{escape(self.result.key_label)}</p>')
        self.ui.result_view.setHtml("".join(parts))
        return self.result
