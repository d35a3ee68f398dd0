"""帮助 → 常见政策问题: the questions on the left, the answer on the right, a search field."""

from __future__ import annotations

import html

from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from tjce_desktop.gui.forms.ui_faq_dialog import Ui_FaqDialog
from tjce_desktop.services.policy_faq import FaqEntry, load_faq


class FaqDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_FaqDialog()
        self.ui.setupUi(self)
        self.faq = load_faq()
        self.setWindowTitle(self.faq.title)
        self.ui.button_box.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        self.ui.button_box.rejected.connect(self.reject)
        self.ui.hotline_label.setText("　".join(f"{k}：{v}" for k, v in self.faq.hotlines.items())
                                      + f"\n来源：{self.faq.source}")
        self.model = QStringListModel(self)
        self.ui.question_list.setModel(self.model)
        self.ui.question_list.selectionModel().currentChanged.connect(
            lambda current, _previous: self._show(current.row()))
        self.ui.search_edit.textChanged.connect(self.search)
        self.ui.splitter.setStretchFactor(0, 2)
        self.ui.splitter.setStretchFactor(1, 3)
        self.shown: list[FaqEntry] = []
        self.search("")

    def search(self, words: str) -> None:
        self.shown = self.faq.search(words)
        self.model.setStringList([f"{e.number}、{e.question}" for e in self.shown])
        if self.shown:
            self.ui.question_list.setCurrentIndex(self.model.index(0))
        else:
            self.ui.answer_view.setHtml(f"<p>没有包含“{html.escape(words)}”的问题。</p>")

    def _show(self, row: int) -> None:
        if not (0 <= row < len(self.shown)):
            return
        entry = self.shown[row]
        paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in entry.answer.splitlines())
        self.ui.answer_view.setHtml(f"<h3>{entry.number}、{html.escape(entry.question)}</h3>{paragraphs}")
