"""Qt's file dialog speaks Chinese (#16): qtbase_zh_CN lacks "&Look in:", "Files of &type:" and
the type "Folder"; the supplement in gui/translations.py fills them in."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton


def test_the_file_dialog_has_no_english_left(qtbot, tmp_path):
    (tmp_path / "子文件夹").mkdir()
    (tmp_path / "学员.xlsx").write_bytes(b"x")
    dialog = QFileDialog(None, "选择要导入的文件", str(tmp_path), "表格文件 (*.xlsx);;所有文件 (*)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.findChild(QLabel) is not None)
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    texts += [button.text() for button in dialog.findChildren(QPushButton) if button.text()]
    assert texts and not [t for t in texts if re.search(r"[A-Za-z]{2,}", t)], texts
    assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts
    from PySide6.QtWidgets import QTreeView

    view = next(v for v in dialog.findChildren(QTreeView) if v.model() is not None and v.model().columnCount() >= 4)
    headers = [view.model().headerData(c, view.header().orientation()) for c in range(4)]
    assert headers == ["名称", "大小", "类型", "修改日期"]
    qtbot.waitUntil(lambda: view.model().rowCount(view.rootIndex()) >= 1, timeout=5000)
    kinds = {view.model().index(r, 2, view.rootIndex()).data() for r in range(view.model().rowCount(view.rootIndex()))}
    assert "文件夹" in kinds and "Folder" not in kinds
