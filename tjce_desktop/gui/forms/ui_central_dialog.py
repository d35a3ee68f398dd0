# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'central_dialog.ui'
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
    QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QSizePolicy, QSpinBox, QVBoxLayout,
    QWidget)

class Ui_CentralDialog(object):
    def setupUi(self, CentralDialog):
        if not CentralDialog.objectName():
            CentralDialog.setObjectName(u"CentralDialog")
        CentralDialog.resize(460, 360)
        self.dialog_layout = QVBoxLayout(CentralDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.intro_label = QLabel(CentralDialog)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.intro_label)

        self.central_form = QFormLayout()
        self.central_form.setObjectName(u"central_form")
        self.host_label = QLabel(CentralDialog)
        self.host_label.setObjectName(u"host_label")

        self.central_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.host_label)

        self.host_edit = QLineEdit(CentralDialog)
        self.host_edit.setObjectName(u"host_edit")

        self.central_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.host_edit)

        self.port_label = QLabel(CentralDialog)
        self.port_label.setObjectName(u"port_label")

        self.central_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.port_label)

        self.port_spin = QSpinBox(CentralDialog)
        self.port_spin.setObjectName(u"port_spin")
        self.port_spin.setMinimum(1)
        self.port_spin.setMaximum(65535)
        self.port_spin.setValue(5432)

        self.central_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.port_spin)

        self.database_label = QLabel(CentralDialog)
        self.database_label.setObjectName(u"database_label")

        self.central_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.database_label)

        self.database_edit = QLineEdit(CentralDialog)
        self.database_edit.setObjectName(u"database_edit")

        self.central_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.database_edit)

        self.ca_label = QLabel(CentralDialog)
        self.ca_label.setObjectName(u"ca_label")

        self.central_form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.ca_label)

        self.ca_layout = QHBoxLayout()
        self.ca_layout.setObjectName(u"ca_layout")
        self.ca_edit = QLineEdit(CentralDialog)
        self.ca_edit.setObjectName(u"ca_edit")

        self.ca_layout.addWidget(self.ca_edit)

        self.ca_button = QPushButton(CentralDialog)
        self.ca_button.setObjectName(u"ca_button")

        self.ca_layout.addWidget(self.ca_button)


        self.central_form.setLayout(3, QFormLayout.ItemRole.FieldRole, self.ca_layout)

        self.username_label = QLabel(CentralDialog)
        self.username_label.setObjectName(u"username_label")

        self.central_form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.username_label)

        self.username_edit = QLineEdit(CentralDialog)
        self.username_edit.setObjectName(u"username_edit")

        self.central_form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.username_edit)

        self.password_label = QLabel(CentralDialog)
        self.password_label.setObjectName(u"password_label")

        self.central_form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.password_label)

        self.password_edit = QLineEdit(CentralDialog)
        self.password_edit.setObjectName(u"password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.central_form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.password_edit)

        self.interval_label = QLabel(CentralDialog)
        self.interval_label.setObjectName(u"interval_label")

        self.central_form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.interval_label)

        self.interval_spin = QSpinBox(CentralDialog)
        self.interval_spin.setObjectName(u"interval_spin")
        self.interval_spin.setMinimum(1)
        self.interval_spin.setMaximum(120)
        self.interval_spin.setValue(5)

        self.central_form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.interval_spin)


        self.dialog_layout.addLayout(self.central_form)

        self.message_label = QLabel(CentralDialog)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.message_label)

        self.button_box = QDialogButtonBox(CentralDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialog_layout.addWidget(self.button_box)


        self.retranslateUi(CentralDialog)

        QMetaObject.connectSlotsByName(CentralDialog)
    # setupUi

    def retranslateUi(self, CentralDialog):
        CentralDialog.setWindowTitle(QCoreApplication.translate("CentralDialog", u"\u4e2d\u5fc3\u6570\u636e\u5e93", None))
        self.intro_label.setText(QCoreApplication.translate("CentralDialog", u"\u8fde\u63a5\u4e2d\u5fc3\u6570\u636e\u5e93\u540e\uff0c\u672c\u673a\u7684\u4fee\u6539\u4f1a\u81ea\u52a8\u4e0a\u4f20\uff0c\u5176\u4ed6\u4eba\u7684\u4fee\u6539\u4f1a\u81ea\u52a8\u4e0b\u8f7d\uff1b\u65ad\u7f51\u65f6\u7167\u5e38\u5de5\u4f5c\uff0c\u8054\u7f51\u540e\u7ee7\u7eed\u540c\u6b65\u3002\u5bc6\u7801\u4e0d\u4fdd\u5b58\u5728\u672c\u673a\u3002", None))
        self.host_label.setText(QCoreApplication.translate("CentralDialog", u"\u5730\u5740", None))
        self.host_edit.setPlaceholderText(QCoreApplication.translate("CentralDialog", u"\u5982 10.1.2.3 \u6216 db.example.cn", None))
        self.port_label.setText(QCoreApplication.translate("CentralDialog", u"\u7aef\u53e3", None))
        self.database_label.setText(QCoreApplication.translate("CentralDialog", u"\u6570\u636e\u5e93", None))
        self.database_edit.setText(QCoreApplication.translate("CentralDialog", u"tjce", None))
        self.ca_label.setText(QCoreApplication.translate("CentralDialog", u"CA \u8bc1\u4e66\u6587\u4ef6", None))
        self.ca_edit.setPlaceholderText(QCoreApplication.translate("CentralDialog", u"\u7b7e\u53d1\u4e2d\u5fc3\u6570\u636e\u5e93\u670d\u52a1\u5668\u8bc1\u4e66\u7684 CA\uff08.crt/.pem\uff09", None))
#if QT_CONFIG(tooltip)
        self.ca_edit.setToolTip(QCoreApplication.translate("CentralDialog", u"\u5176\u4ed6\u8ba1\u7b97\u673a\u4e0a\u7684\u4e2d\u5fc3\u6570\u636e\u5e93\u53ea\u901a\u8fc7\u52a0\u5bc6\u8fde\u63a5\uff08TLS\uff09\u8bbf\u95ee\uff0c\u5e76\u7528\u8fd9\u4e2a CA \u8bc1\u4e66\u9a8c\u8bc1\u670d\u52a1\u5668\uff1b\u672a\u9009\u62e9\u65f6\u4f7f\u7528 %APPDATA%\\postgresql\\root.crt\uff08Windows\uff09\u6216 ~/.postgresql/root.crt\u3002", None))
#endif // QT_CONFIG(tooltip)
        self.ca_button.setText(QCoreApplication.translate("CentralDialog", u"\u9009\u62e9\u2026", None))
        self.username_label.setText(QCoreApplication.translate("CentralDialog", u"\u7528\u6237\u540d", None))
        self.password_label.setText(QCoreApplication.translate("CentralDialog", u"\u5bc6\u7801", None))
        self.interval_label.setText(QCoreApplication.translate("CentralDialog", u"\u81ea\u52a8\u540c\u6b65\u95f4\u9694", None))
        self.interval_spin.setSuffix(QCoreApplication.translate("CentralDialog", u" \u5206\u949f", None))
        self.message_label.setText("")
    # retranslateUi

