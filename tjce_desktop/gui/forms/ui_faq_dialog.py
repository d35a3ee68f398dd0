# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'faq_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QLabel, QLineEdit, QListView, QSizePolicy,
    QSplitter, QTextBrowser, QVBoxLayout, QWidget)

class Ui_FaqDialog(object):
    def setupUi(self, FaqDialog):
        if not FaqDialog.objectName():
            FaqDialog.setObjectName(u"FaqDialog")
        FaqDialog.resize(980, 620)
        self.layout = QVBoxLayout(FaqDialog)
        self.layout.setObjectName(u"layout")
        self.search_edit = QLineEdit(FaqDialog)
        self.search_edit.setObjectName(u"search_edit")
        self.search_edit.setClearButtonEnabled(True)

        self.layout.addWidget(self.search_edit)

        self.splitter = QSplitter(FaqDialog)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.question_list = QListView(self.splitter)
        self.question_list.setObjectName(u"question_list")
        self.question_list.setWordWrap(True)
        self.splitter.addWidget(self.question_list)
        self.answer_view = QTextBrowser(self.splitter)
        self.answer_view.setObjectName(u"answer_view")
        self.splitter.addWidget(self.answer_view)

        self.layout.addWidget(self.splitter)

        self.hotline_label = QLabel(FaqDialog)
        self.hotline_label.setObjectName(u"hotline_label")
        self.hotline_label.setWordWrap(True)
        self.hotline_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.layout.addWidget(self.hotline_label)

        self.button_box = QDialogButtonBox(FaqDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.layout.addWidget(self.button_box)

        self.layout.setStretch(1, 1)

        self.retranslateUi(FaqDialog)

        QMetaObject.connectSlotsByName(FaqDialog)
    # setupUi

    def retranslateUi(self, FaqDialog):
        FaqDialog.setWindowTitle(QCoreApplication.translate("FaqDialog", u"\u5e38\u89c1\u653f\u7b56\u95ee\u9898", None))
        self.search_edit.setPlaceholderText(QCoreApplication.translate("FaqDialog", u"\u641c\u7d22\u95ee\u9898\u548c\u89e3\u7b54\uff0c\u4f8b\u5982\uff1a\u5b66\u65f6\u3001\u8bc1\u4e66\u3001\u9a8c\u8bc1", None))
    # retranslateUi

