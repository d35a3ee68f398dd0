# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'first_admin_dialog.ui'
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

class Ui_FirstAdminDialog(object):
    def setupUi(self, FirstAdminDialog):
        if not FirstAdminDialog.objectName():
            FirstAdminDialog.setObjectName(u"FirstAdminDialog")
        FirstAdminDialog.resize(460, 300)
        self.dialog_layout = QVBoxLayout(FirstAdminDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.intro_label = QLabel(FirstAdminDialog)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.intro_label)

        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.username_label = QLabel(FirstAdminDialog)
        self.username_label.setObjectName(u"username_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.username_label)

        self.username_edit = QLineEdit(FirstAdminDialog)
        self.username_edit.setObjectName(u"username_edit")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.username_edit)

        self.name_label = QLabel(FirstAdminDialog)
        self.name_label.setObjectName(u"name_label")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.name_label)

        self.name_edit = QLineEdit(FirstAdminDialog)
        self.name_edit.setObjectName(u"name_edit")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.name_edit)

        self.password_label = QLabel(FirstAdminDialog)
        self.password_label.setObjectName(u"password_label")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.password_label)

        self.password_edit = QLineEdit(FirstAdminDialog)
        self.password_edit.setObjectName(u"password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.password_edit)

        self.confirm_label = QLabel(FirstAdminDialog)
        self.confirm_label.setObjectName(u"confirm_label")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.confirm_label)

        self.confirm_edit = QLineEdit(FirstAdminDialog)
        self.confirm_edit.setObjectName(u"confirm_edit")
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.form_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.confirm_edit)


        self.dialog_layout.addLayout(self.form_layout)

        self.message_label = QLabel(FirstAdminDialog)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.message_label)

        self.button_box = QDialogButtonBox(FirstAdminDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialog_layout.addWidget(self.button_box)


        self.retranslateUi(FirstAdminDialog)

        QMetaObject.connectSlotsByName(FirstAdminDialog)
    # setupUi

    def retranslateUi(self, FirstAdminDialog):
        FirstAdminDialog.setWindowTitle(QCoreApplication.translate("FirstAdminDialog", u"\u521b\u5efa\u5e02\u7ea7\u7ba1\u7406\u5458", None))
        self.intro_label.setText(QCoreApplication.translate("FirstAdminDialog", u"\u8fd9\u662f\u4e00\u4e2a\u65b0\u7684\u672c\u5730\u6570\u636e\u5e93\uff0c\u8fd8\u6ca1\u6709\u4efb\u4f55\u8d26\u6237\u3002\u8bf7\u521b\u5efa\u7b2c\u4e00\u4e2a\u5e02\u7ea7\u7ba1\u7406\u5458\u8d26\u6237\uff1b\u4e4b\u540e\u7528\u5b83\u767b\u5f55\uff0c\u518d\u4e3a\u5404\u5355\u4f4d\u7684\u57f9\u8bad\u4e3b\u7ba1\u3001\u8bc1\u4e66\u767b\u8bb0\u5458\u548c\u5ba1\u8ba1\u5458\u521b\u5efa\u8d26\u6237\u3002", None))
        self.username_label.setText(QCoreApplication.translate("FirstAdminDialog", u"\u7528\u6237\u540d", None))
        self.username_edit.setText(QCoreApplication.translate("FirstAdminDialog", u"admin", None))
        self.name_label.setText(QCoreApplication.translate("FirstAdminDialog", u"\u663e\u793a\u540d\u79f0", None))
        self.name_edit.setText(QCoreApplication.translate("FirstAdminDialog", u"\u5e02\u7ea7\u7ba1\u7406\u5458", None))
        self.password_label.setText(QCoreApplication.translate("FirstAdminDialog", u"\u5bc6\u7801", None))
        self.password_edit.setPlaceholderText(QCoreApplication.translate("FirstAdminDialog", u"10\u2013128 \u4e2a\u5b57\u7b26\uff0c\u542b\u5927\u5c0f\u5199\u5b57\u6bcd\u3001\u6570\u5b57\u3001\u7b26\u53f7\u4e2d\u7684\u4e09\u7c7b\uff0c\u4e0d\u80fd\u662f\u5e38\u89c1\u5bc6\u7801", None))
        self.confirm_label.setText(QCoreApplication.translate("FirstAdminDialog", u"\u518d\u8f93\u5165\u4e00\u6b21", None))
        self.confirm_edit.setPlaceholderText("")
        self.message_label.setText("")
        self.message_label.setStyleSheet(QCoreApplication.translate("FirstAdminDialog", u"color: #b00020;", None))
    # retranslateUi

