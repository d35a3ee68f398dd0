# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'lock_dialog.ui'
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
from PySide6.QtWidgets import (QApplication, QDialog, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_LockDialog(object):
    def setupUi(self, LockDialog):
        if not LockDialog.objectName():
            LockDialog.setObjectName(u"LockDialog")
        LockDialog.resize(400, 180)
        self.dialog_layout = QVBoxLayout(LockDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.lock_label = QLabel(LockDialog)
        self.lock_label.setObjectName(u"lock_label")
        self.lock_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.lock_label)

        self.password_edit = QLineEdit(LockDialog)
        self.password_edit.setObjectName(u"password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.dialog_layout.addWidget(self.password_edit)

        self.message_label = QLabel(LockDialog)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.message_label)

        self.lock_buttons = QHBoxLayout()
        self.lock_buttons.setObjectName(u"lock_buttons")
        self.switch_button = QPushButton(LockDialog)
        self.switch_button.setObjectName(u"switch_button")

        self.lock_buttons.addWidget(self.switch_button)

        self.lock_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.lock_buttons.addItem(self.lock_spacer)

        self.unlock_button = QPushButton(LockDialog)
        self.unlock_button.setObjectName(u"unlock_button")

        self.lock_buttons.addWidget(self.unlock_button)


        self.dialog_layout.addLayout(self.lock_buttons)


        self.retranslateUi(LockDialog)

        self.unlock_button.setDefault(True)


        QMetaObject.connectSlotsByName(LockDialog)
    # setupUi

    def retranslateUi(self, LockDialog):
        LockDialog.setWindowTitle(QCoreApplication.translate("LockDialog", u"\u5df2\u9501\u5b9a", None))
        self.lock_label.setText("")
        self.lock_label.setStyleSheet(QCoreApplication.translate("LockDialog", u"font-size: 12pt;", None))
        self.password_edit.setPlaceholderText(QCoreApplication.translate("LockDialog", u"\u5bc6\u7801", None))
        self.message_label.setText("")
        self.message_label.setStyleSheet(QCoreApplication.translate("LockDialog", u"color: #b00020;", None))
        self.switch_button.setText(QCoreApplication.translate("LockDialog", u"\u9000\u51fa\u7a0b\u5e8f", None))
        self.unlock_button.setText(QCoreApplication.translate("LockDialog", u"\u89e3\u9501", None))
    # retranslateUi

