"""Qt's own texts (保存, 取消, 关闭 on standard buttons, the print and file dialogs) in Chinese."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

# Texts Qt 6 shows that its qtbase_zh_CN does not translate (its catalogue has "Look in:", the
# dialog asks for "&Look in:"), and one it translates oddly (文件大小 is 大小, not 体积).
SUPPLEMENT = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "File"): "文件",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QFileSystemModel", "Size"): "大小",
    ("QFileSystemModel", "%1 bytes"): "%1 字节",
}


class _Supplement(QTranslator):
    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        return SUPPLEMENT.get((context, source))  # None (a null string): ask the next translator

    def isEmpty(self) -> bool:
        return False


def install_chinese_translations(app: QApplication) -> bool:
    """Load qtbase_zh_CN from the Qt that PySide6 ships, and what it lacks; dates and sizes in
    Qt's dialogs as in China (2026/12/5, not "5 12 2026"). False when qtbase_zh_CN is not there."""
    if app.property("tjce_translated"):
        return True
    chinese = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(chinese, "qtbase", "_", folder):
        return False
    app.installTranslator(translator)
    app.installTranslator(_Supplement(app))  # the last installed is asked first
    QLocale.setDefault(chinese)
    app.setProperty("tjce_translated", True)
    return True
