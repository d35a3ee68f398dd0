# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'sign_in_dialog.ui'
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
    QFormLayout, QLabel, QLineEdit, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_SignInDialog(object):
    def setupUi(self, SignInDialog):
        if not SignInDialog.objectName():
            SignInDialog.setObjectName(u"SignInDialog")
        SignInDialog.resize(420, 240)
        self.dialog_layout = QVBoxLayout(SignInDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.title_label = QLabel(SignInDialog)
        self.title_label.setObjectName(u"title_label")

        self.dialog_layout.addWidget(self.title_label)

        self.database_label = QLabel(SignInDialog)
        self.database_label.setObjectName(u"database_label")
        self.database_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.database_label)

        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.username_label = QLabel(SignInDialog)
        self.username_label.setObjectName(u"username_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.username_label)

        self.username_edit = QLineEdit(SignInDialog)
        self.username_edit.setObjectName(u"username_edit")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.username_edit)

        self.password_label = QLabel(SignInDialog)
        self.password_label.setObjectName(u"password_label")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.password_label)

        self.password_edit = QLineEdit(SignInDialog)
        self.password_edit.setObjectName(u"password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.password_edit)


        self.dialog_layout.addLayout(self.form_layout)

        self.message_label = QLabel(SignInDialog)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.message_label)

        self.button_box = QDialogButtonBox(SignInDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialog_layout.addWidget(self.button_box)


        self.retranslateUi(SignInDialog)

        QMetaObject.connectSlotsByName(SignInDialog)
    # setupUi

    def retranslateUi(self, SignInDialog):
        SignInDialog.setWindowTitle(QCoreApplication.translate("SignInDialog", u"\u767b\u5f55", None))
        self.title_label.setText(QCoreApplication.translate("SignInDialog", u"\u5929\u6d25\u5e02\u4e13\u4e1a\u6280\u672f\u4eba\u5458\u7ee7\u7eed\u6559\u80b2 \u00b7 \u7ba1\u7406\u7aef", None))
        self.title_label.setStyleSheet(QCoreApplication.translate("SignInDialog", u"font-size: 15pt; font-weight: bold;", None))
        self.database_label.setText("")
        self.database_label.setStyleSheet(QCoreApplication.translate("SignInDialog", u"color: #555;", None))
        self.username_label.setText(QCoreApplication.translate("SignInDialog", u"\u7528\u6237\u540d", None))
        self.password_label.setText(QCoreApplication.translate("SignInDialog", u"\u5bc6\u7801", None))
        self.password_edit.setPlaceholderText("")
        self.message_label.setText("")
        self.message_label.setStyleSheet(QCoreApplication.translate("SignInDialog", u"color: #b00020;", None))
    # retranslateUi

