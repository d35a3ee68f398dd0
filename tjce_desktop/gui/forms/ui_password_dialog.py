# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'password_dialog.ui'
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

class Ui_PasswordDialog(object):
    def setupUi(self, PasswordDialog):
        if not PasswordDialog.objectName():
            PasswordDialog.setObjectName(u"PasswordDialog")
        PasswordDialog.resize(420, 200)
        self.dialog_layout = QVBoxLayout(PasswordDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.old_label = QLabel(PasswordDialog)
        self.old_label.setObjectName(u"old_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.old_label)

        self.old_edit = QLineEdit(PasswordDialog)
        self.old_edit.setObjectName(u"old_edit")
        self.old_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.old_edit)

        self.new_label = QLabel(PasswordDialog)
        self.new_label.setObjectName(u"new_label")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.new_label)

        self.new_edit = QLineEdit(PasswordDialog)
        self.new_edit.setObjectName(u"new_edit")
        self.new_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.new_edit)

        self.confirm_label = QLabel(PasswordDialog)
        self.confirm_label.setObjectName(u"confirm_label")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.confirm_label)

        self.confirm_edit = QLineEdit(PasswordDialog)
        self.confirm_edit.setObjectName(u"confirm_edit")
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.confirm_edit)


        self.dialog_layout.addLayout(self.form_layout)

        self.message_label = QLabel(PasswordDialog)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.message_label)

        self.button_box = QDialogButtonBox(PasswordDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialog_layout.addWidget(self.button_box)


        self.retranslateUi(PasswordDialog)

        QMetaObject.connectSlotsByName(PasswordDialog)
    # setupUi

    def retranslateUi(self, PasswordDialog):
        PasswordDialog.setWindowTitle(QCoreApplication.translate("PasswordDialog", u"\u4fee\u6539\u5bc6\u7801", None))
        self.old_label.setText(QCoreApplication.translate("PasswordDialog", u"\u539f\u5bc6\u7801", None))
        self.old_edit.setPlaceholderText("")
        self.new_label.setText(QCoreApplication.translate("PasswordDialog", u"\u65b0\u5bc6\u7801", None))
        self.new_edit.setPlaceholderText(QCoreApplication.translate("PasswordDialog", u"10\u2013128 \u4e2a\u5b57\u7b26\uff0c\u542b\u5927\u5c0f\u5199\u5b57\u6bcd\u3001\u6570\u5b57\u3001\u7b26\u53f7\u4e2d\u7684\u4e09\u7c7b\uff0c\u4e0d\u80fd\u662f\u5e38\u89c1\u5bc6\u7801", None))
        self.confirm_label.setText(QCoreApplication.translate("PasswordDialog", u"\u518d\u8f93\u5165\u4e00\u6b21", None))
        self.confirm_edit.setPlaceholderText("")
        self.message_label.setText("")
        self.message_label.setStyleSheet(QCoreApplication.translate("PasswordDialog", u"color: #b00020;", None))
    # retranslateUi

