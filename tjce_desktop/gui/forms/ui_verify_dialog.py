# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'verify_dialog.ui'
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
    QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
    QSizePolicy, QSpacerItem, QTextBrowser, QVBoxLayout,
    QWidget)

class Ui_VerifyDialog(object):
    def setupUi(self, VerifyDialog):
        if not VerifyDialog.objectName():
            VerifyDialog.setObjectName(u"VerifyDialog")
        VerifyDialog.resize(640, 560)
        self.dialog_layout = QVBoxLayout(VerifyDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.hint_label = QLabel(VerifyDialog)
        self.hint_label.setObjectName(u"hint_label")
        self.hint_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.hint_label)

        self.code_edit = QPlainTextEdit(VerifyDialog)
        self.code_edit.setObjectName(u"code_edit")
        self.code_edit.setMaximumSize(QSize(16777215, 72))

        self.dialog_layout.addWidget(self.code_edit)

        self.verify_buttons = QHBoxLayout()
        self.verify_buttons.setObjectName(u"verify_buttons")
        self.verify_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.verify_buttons.addItem(self.verify_spacer)

        self.verify_button = QPushButton(VerifyDialog)
        self.verify_button.setObjectName(u"verify_button")

        self.verify_buttons.addWidget(self.verify_button)


        self.dialog_layout.addLayout(self.verify_buttons)

        self.result_view = QTextBrowser(VerifyDialog)
        self.result_view.setObjectName(u"result_view")

        self.dialog_layout.addWidget(self.result_view)

        self.button_box = QDialogButtonBox(VerifyDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.dialog_layout.addWidget(self.button_box)

        self.dialog_layout.setStretch(3, 1)

        self.retranslateUi(VerifyDialog)

        self.verify_button.setDefault(True)


        QMetaObject.connectSlotsByName(VerifyDialog)
    # setupUi

    def retranslateUi(self, VerifyDialog):
        VerifyDialog.setWindowTitle(QCoreApplication.translate("VerifyDialog", u"\u9a8c\u8bc1\u5b66\u4e60\u6863\u6848", None))
        self.hint_label.setText(QCoreApplication.translate("VerifyDialog", u"\u8f93\u5165\u5b66\u4e60\u6863\u6848\u4e8c\u7ef4\u7801\u65c1\u7684 16 \u4f4d\u9a8c\u8bc1\u7801\uff08\u5927\u5c0f\u5199\u3001\u7a7a\u683c\u548c\u77ed\u6a2a\u7ebf\u4e0d\u5f71\u54cd\uff09\uff0c\u6216\u7528\u626b\u7801\u67aa\u626b\u63cf\u4e8c\u7ef4\u7801\uff1a", None))
        self.code_edit.setPlaceholderText(QCoreApplication.translate("VerifyDialog", u"\u4f8b\u5982 7KQ2-M9XD-4HTR-B3NW", None))
        self.verify_button.setText(QCoreApplication.translate("VerifyDialog", u"\u9a8c\u8bc1", None))
    # retranslateUi

