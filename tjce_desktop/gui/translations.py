"""Qt's own texts (保存, 取消, 关闭 on standard buttons, the print dialog) in Chinese."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication


def install_chinese_translations(app: QApplication) -> bool:
    """Load qtbase_zh_CN from the Qt that PySide6 ships; False when it is not there."""
    if app.property("tjce_translated"):
        return True
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder):
        return False
    app.installTranslator(translator)
    app.setProperty("tjce_translated", True)
    return True
