from PySide6.QtWidgets import QDialog

from tjce_desktop.gui.faq_dialog import FaqDialog
from tjce_desktop.services.policy_faq import load_faq


def test_all_18_questions_of_the_manual_and_the_hotlines():
    faq = load_faq()
    assert [e.number for e in faq.entries] == list(range(1, 19))
    assert faq.entries[3].question == "专业技术人员和管理人员继续教育学习每年需要完成多少学时？"
    assert "12天相当于96学时；18天相当于144学时" in faq.entries[3].answer
    assert faq.hotlines["技术咨询热线"] == "4000-666-099" and "12333" in faq.hotlines["政策咨询热线"]


def test_search_needs_every_word():
    faq = load_faq()
    assert {e.number for e in faq.search("验证")} >= {13}
    assert {e.number for e in faq.search("证书 补发")} == {10}
    assert faq.search("不存在的词") == []
    assert len(faq.search("")) == 18


def test_the_dialog_from_the_help_menu(qtbot, main_window, artifacts):
    action = next(a for a in main_window.ui.menu_help.actions() if a.text().startswith("常见政策问题"))
    action.trigger()
    dialog = next(w for w in main_window.findChildren(QDialog) if isinstance(w, FaqDialog) and w.isVisible())
    assert dialog.model.rowCount() == 18
    dialog.ui.search_edit.setText("学时")  # as an input method delivers it (QTest cannot type CJK)
    assert 0 < dialog.model.rowCount() < 18
    assert "学时" in dialog.ui.answer_view.toPlainText()
    dialog.grab().save(str(artifacts / "policy_faq.png"))
    dialog.ui.search_edit.setText("火星")
    assert dialog.model.rowCount() == 0 and "没有包含" in dialog.ui.answer_view.toPlainText()
