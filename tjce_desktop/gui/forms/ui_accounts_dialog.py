# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'accounts_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QComboBox,
    QDialog, QDialogButtonBox, QGridLayout, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget)

class Ui_AccountsDialog(object):
    def setupUi(self, AccountsDialog):
        if not AccountsDialog.objectName():
            AccountsDialog.setObjectName(u"AccountsDialog")
        AccountsDialog.resize(760, 520)
        self.dialog_layout = QVBoxLayout(AccountsDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.accounts_table = QTableWidget(AccountsDialog)
        self.accounts_table.setObjectName(u"accounts_table")
        self.accounts_table.setAlternatingRowColors(True)
        self.accounts_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.accounts_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.accounts_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.dialog_layout.addWidget(self.accounts_table)

        self.account_buttons = QHBoxLayout()
        self.account_buttons.setObjectName(u"account_buttons")
        self.new_button = QPushButton(AccountsDialog)
        self.new_button.setObjectName(u"new_button")

        self.account_buttons.addWidget(self.new_button)

        self.reset_button = QPushButton(AccountsDialog)
        self.reset_button.setObjectName(u"reset_button")

        self.account_buttons.addWidget(self.reset_button)

        self.unlock_button = QPushButton(AccountsDialog)
        self.unlock_button.setObjectName(u"unlock_button")

        self.account_buttons.addWidget(self.unlock_button)

        self.account_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.account_buttons.addItem(self.account_spacer)


        self.dialog_layout.addLayout(self.account_buttons)

        self.new_layout = QGridLayout()
        self.new_layout.setObjectName(u"new_layout")
        self.new_username_label = QLabel(AccountsDialog)
        self.new_username_label.setObjectName(u"new_username_label")

        self.new_layout.addWidget(self.new_username_label, 0, 0, 1, 1)

        self.new_username_edit = QLineEdit(AccountsDialog)
        self.new_username_edit.setObjectName(u"new_username_edit")

        self.new_layout.addWidget(self.new_username_edit, 0, 1, 1, 1)

        self.new_name_label = QLabel(AccountsDialog)
        self.new_name_label.setObjectName(u"new_name_label")

        self.new_layout.addWidget(self.new_name_label, 0, 2, 1, 1)

        self.new_name_edit = QLineEdit(AccountsDialog)
        self.new_name_edit.setObjectName(u"new_name_edit")

        self.new_layout.addWidget(self.new_name_edit, 0, 3, 1, 1)

        self.new_role_label = QLabel(AccountsDialog)
        self.new_role_label.setObjectName(u"new_role_label")

        self.new_layout.addWidget(self.new_role_label, 1, 0, 1, 1)

        self.new_role_combo = QComboBox(AccountsDialog)
        self.new_role_combo.setObjectName(u"new_role_combo")

        self.new_layout.addWidget(self.new_role_combo, 1, 1, 1, 1)

        self.new_org_label = QLabel(AccountsDialog)
        self.new_org_label.setObjectName(u"new_org_label")

        self.new_layout.addWidget(self.new_org_label, 1, 2, 1, 1)

        self.new_org_edit = QLineEdit(AccountsDialog)
        self.new_org_edit.setObjectName(u"new_org_edit")

        self.new_layout.addWidget(self.new_org_edit, 1, 3, 1, 1)

        self.new_password_label = QLabel(AccountsDialog)
        self.new_password_label.setObjectName(u"new_password_label")

        self.new_layout.addWidget(self.new_password_label, 2, 0, 1, 1)

        self.new_password_edit = QLineEdit(AccountsDialog)
        self.new_password_edit.setObjectName(u"new_password_edit")
        self.new_password_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.new_layout.addWidget(self.new_password_edit, 2, 1, 1, 1)


        self.dialog_layout.addLayout(self.new_layout)

        self.message_label = QLabel(AccountsDialog)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.message_label)

        self.button_box = QDialogButtonBox(AccountsDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.dialog_layout.addWidget(self.button_box)

        self.dialog_layout.setStretch(0, 1)

        self.retranslateUi(AccountsDialog)

        QMetaObject.connectSlotsByName(AccountsDialog)
    # setupUi

    def retranslateUi(self, AccountsDialog):
        AccountsDialog.setWindowTitle(QCoreApplication.translate("AccountsDialog", u"\u8d26\u6237\u7ba1\u7406", None))
        self.new_button.setText(QCoreApplication.translate("AccountsDialog", u"\u65b0\u5efa\u8d26\u6237\u2026", None))
        self.reset_button.setText(QCoreApplication.translate("AccountsDialog", u"\u91cd\u7f6e\u5bc6\u7801\u2026", None))
        self.unlock_button.setText(QCoreApplication.translate("AccountsDialog", u"\u89e3\u9501", None))
        self.new_username_label.setText(QCoreApplication.translate("AccountsDialog", u"\u7528\u6237\u540d", None))
        self.new_name_label.setText(QCoreApplication.translate("AccountsDialog", u"\u663e\u793a\u540d\u79f0", None))
        self.new_role_label.setText(QCoreApplication.translate("AccountsDialog", u"\u89d2\u8272", None))
        self.new_org_label.setText(QCoreApplication.translate("AccountsDialog", u"\u6240\u5c5e\u673a\u6784", None))
        self.new_org_edit.setPlaceholderText(QCoreApplication.translate("AccountsDialog", u"\u673a\u6784\u4ee3\u7801\u6216\u540d\u79f0\u8def\u5f84\uff0c\u5982 \u548c\u5e73\u533a", None))
        self.new_password_label.setText(QCoreApplication.translate("AccountsDialog", u"\u521d\u59cb\u5bc6\u7801", None))
        self.new_password_edit.setPlaceholderText(QCoreApplication.translate("AccountsDialog", u"10\u2013128 \u4e2a\u5b57\u7b26\uff0c\u542b\u5927\u5c0f\u5199\u5b57\u6bcd\u3001\u6570\u5b57\u3001\u7b26\u53f7\u4e2d\u7684\u4e09\u7c7b", None))
        self.message_label.setText("")
        self.message_label.setStyleSheet(QCoreApplication.translate("AccountsDialog", u"color: #b00020;", None))
    # retranslateUi

