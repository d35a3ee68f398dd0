# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'trainee_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QGridLayout, QLabel,
    QLineEdit, QSizePolicy, QVBoxLayout, QWidget)

class Ui_TraineeDialog(object):
    def setupUi(self, TraineeDialog):
        if not TraineeDialog.objectName():
            TraineeDialog.setObjectName(u"TraineeDialog")
        TraineeDialog.resize(760, 460)
        self.dialog_layout = QVBoxLayout(TraineeDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.form_layout = QGridLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.username_label = QLabel(TraineeDialog)
        self.username_label.setObjectName(u"username_label")

        self.form_layout.addWidget(self.username_label, 0, 0, 1, 1)

        self.username_edit = QLineEdit(TraineeDialog)
        self.username_edit.setObjectName(u"username_edit")

        self.form_layout.addWidget(self.username_edit, 0, 1, 1, 1)

        self.username_error = QLabel(TraineeDialog)
        self.username_error.setObjectName(u"username_error")
        self.username_error.setWordWrap(True)
        self.username_error.setMinimumSize(QSize(260, 0))

        self.form_layout.addWidget(self.username_error, 0, 2, 1, 1)

        self.real_name_label = QLabel(TraineeDialog)
        self.real_name_label.setObjectName(u"real_name_label")

        self.form_layout.addWidget(self.real_name_label, 1, 0, 1, 1)

        self.real_name_edit = QLineEdit(TraineeDialog)
        self.real_name_edit.setObjectName(u"real_name_edit")

        self.form_layout.addWidget(self.real_name_edit, 1, 1, 1, 1)

        self.real_name_error = QLabel(TraineeDialog)
        self.real_name_error.setObjectName(u"real_name_error")
        self.real_name_error.setWordWrap(True)
        self.real_name_error.setMinimumSize(QSize(260, 0))

        self.form_layout.addWidget(self.real_name_error, 1, 2, 1, 1)

        self.id_number_label = QLabel(TraineeDialog)
        self.id_number_label.setObjectName(u"id_number_label")

        self.form_layout.addWidget(self.id_number_label, 2, 0, 1, 1)

        self.id_number_edit = QLineEdit(TraineeDialog)
        self.id_number_edit.setObjectName(u"id_number_edit")
        self.id_number_edit.setMaxLength(40)

        self.form_layout.addWidget(self.id_number_edit, 2, 1, 1, 1)

        self.id_number_error = QLabel(TraineeDialog)
        self.id_number_error.setObjectName(u"id_number_error")
        self.id_number_error.setWordWrap(True)
        self.id_number_error.setMinimumSize(QSize(260, 0))

        self.form_layout.addWidget(self.id_number_error, 2, 2, 1, 1)

        self.derived_label = QLabel(TraineeDialog)
        self.derived_label.setObjectName(u"derived_label")

        self.form_layout.addWidget(self.derived_label, 3, 0, 1, 1)

        self.derived_value = QLabel(TraineeDialog)
        self.derived_value.setObjectName(u"derived_value")

        self.form_layout.addWidget(self.derived_value, 3, 1, 1, 1)

        self.org_label = QLabel(TraineeDialog)
        self.org_label.setObjectName(u"org_label")

        self.form_layout.addWidget(self.org_label, 4, 0, 1, 1)

        self.org_combo = QComboBox(TraineeDialog)
        self.org_combo.setObjectName(u"org_combo")
        self.org_combo.setEditable(True)

        self.form_layout.addWidget(self.org_combo, 4, 1, 1, 1)

        self.org_error = QLabel(TraineeDialog)
        self.org_error.setObjectName(u"org_error")
        self.org_error.setWordWrap(True)
        self.org_error.setMinimumSize(QSize(260, 0))

        self.form_layout.addWidget(self.org_error, 4, 2, 1, 1)

        self.phone_label = QLabel(TraineeDialog)
        self.phone_label.setObjectName(u"phone_label")

        self.form_layout.addWidget(self.phone_label, 5, 0, 1, 1)

        self.phone_edit = QLineEdit(TraineeDialog)
        self.phone_edit.setObjectName(u"phone_edit")

        self.form_layout.addWidget(self.phone_edit, 5, 1, 1, 1)

        self.phone_error = QLabel(TraineeDialog)
        self.phone_error.setObjectName(u"phone_error")
        self.phone_error.setWordWrap(True)
        self.phone_error.setMinimumSize(QSize(260, 0))

        self.form_layout.addWidget(self.phone_error, 5, 2, 1, 1)

        self.email_label = QLabel(TraineeDialog)
        self.email_label.setObjectName(u"email_label")

        self.form_layout.addWidget(self.email_label, 6, 0, 1, 1)

        self.email_edit = QLineEdit(TraineeDialog)
        self.email_edit.setObjectName(u"email_edit")

        self.form_layout.addWidget(self.email_edit, 6, 1, 1, 1)

        self.email_error = QLabel(TraineeDialog)
        self.email_error.setObjectName(u"email_error")
        self.email_error.setWordWrap(True)
        self.email_error.setMinimumSize(QSize(260, 0))

        self.form_layout.addWidget(self.email_error, 6, 2, 1, 1)

        self.title_level_label = QLabel(TraineeDialog)
        self.title_level_label.setObjectName(u"title_level_label")

        self.form_layout.addWidget(self.title_level_label, 7, 0, 1, 1)

        self.title_combo = QComboBox(TraineeDialog)
        self.title_combo.addItem("")
        self.title_combo.addItem("")
        self.title_combo.addItem("")
        self.title_combo.addItem("")
        self.title_combo.addItem("")
        self.title_combo.setObjectName(u"title_combo")

        self.form_layout.addWidget(self.title_combo, 7, 1, 1, 1)

        self.title_level_error = QLabel(TraineeDialog)
        self.title_level_error.setObjectName(u"title_level_error")
        self.title_level_error.setWordWrap(True)
        self.title_level_error.setMinimumSize(QSize(260, 0))

        self.form_layout.addWidget(self.title_level_error, 7, 2, 1, 1)

        self.post_type_label = QLabel(TraineeDialog)
        self.post_type_label.setObjectName(u"post_type_label")

        self.form_layout.addWidget(self.post_type_label, 8, 0, 1, 1)

        self.post_combo = QComboBox(TraineeDialog)
        self.post_combo.addItem("")
        self.post_combo.addItem("")
        self.post_combo.setObjectName(u"post_combo")

        self.form_layout.addWidget(self.post_combo, 8, 1, 1, 1)

        self.post_type_error = QLabel(TraineeDialog)
        self.post_type_error.setObjectName(u"post_type_error")
        self.post_type_error.setWordWrap(True)
        self.post_type_error.setMinimumSize(QSize(260, 0))

        self.form_layout.addWidget(self.post_type_error, 8, 2, 1, 1)

        self.high_tech_label = QLabel(TraineeDialog)
        self.high_tech_label.setObjectName(u"high_tech_label")

        self.form_layout.addWidget(self.high_tech_label, 9, 0, 1, 1)

        self.high_tech_check = QCheckBox(TraineeDialog)
        self.high_tech_check.setObjectName(u"high_tech_check")

        self.form_layout.addWidget(self.high_tech_check, 9, 1, 1, 1)

        self.high_tech_error = QLabel(TraineeDialog)
        self.high_tech_error.setObjectName(u"high_tech_error")
        self.high_tech_error.setWordWrap(True)
        self.high_tech_error.setMinimumSize(QSize(260, 0))

        self.form_layout.addWidget(self.high_tech_error, 9, 2, 1, 1)

        self.job_title_label = QLabel(TraineeDialog)
        self.job_title_label.setObjectName(u"job_title_label")

        self.form_layout.addWidget(self.job_title_label, 10, 0, 1, 1)

        self.job_title_edit = QLineEdit(TraineeDialog)
        self.job_title_edit.setObjectName(u"job_title_edit")

        self.form_layout.addWidget(self.job_title_edit, 10, 1, 1, 1)

        self.job_title_error = QLabel(TraineeDialog)
        self.job_title_error.setObjectName(u"job_title_error")
        self.job_title_error.setWordWrap(True)
        self.job_title_error.setMinimumSize(QSize(260, 0))

        self.form_layout.addWidget(self.job_title_error, 10, 2, 1, 1)

        self.form_error = QLabel(TraineeDialog)
        self.form_error.setObjectName(u"form_error")
        self.form_error.setWordWrap(True)

        self.form_layout.addWidget(self.form_error, 11, 0, 1, 3)

        self.form_layout.setColumnStretch(1, 1)
        self.form_layout.setColumnStretch(2, 1)

        self.dialog_layout.addLayout(self.form_layout)

        self.button_box = QDialogButtonBox(TraineeDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.dialog_layout.addWidget(self.button_box)


        self.retranslateUi(TraineeDialog)

        QMetaObject.connectSlotsByName(TraineeDialog)
    # setupUi

    def retranslateUi(self, TraineeDialog):
        TraineeDialog.setWindowTitle(QCoreApplication.translate("TraineeDialog", u"\u6dfb\u52a0\u5b66\u5458", None))
        self.username_label.setText(QCoreApplication.translate("TraineeDialog", u"\u5b66\u5458\u59d3\u540d *", None))
        self.username_edit.setPlaceholderText(QCoreApplication.translate("TraineeDialog", u"\u5e73\u53f0\u767b\u5f55\u540d\uff0c\u5168\u5e73\u53f0\u552f\u4e00", None))
        self.username_error.setStyleSheet(QCoreApplication.translate("TraineeDialog", u"color: #c00000;", None))
        self.real_name_label.setText(QCoreApplication.translate("TraineeDialog", u"\u771f\u5b9e\u59d3\u540d *", None))
        self.real_name_error.setStyleSheet(QCoreApplication.translate("TraineeDialog", u"color: #c00000;", None))
        self.id_number_label.setText(QCoreApplication.translate("TraineeDialog", u"\u8eab\u4efd\u8bc1\u53f7 *", None))
        self.id_number_edit.setPlaceholderText(QCoreApplication.translate("TraineeDialog", u"18 \u4f4d\uff0c\u6700\u540e\u4e00\u4f4d\u53ef\u4ee5\u662f X", None))
        self.id_number_error.setStyleSheet(QCoreApplication.translate("TraineeDialog", u"color: #c00000;", None))
        self.derived_label.setText(QCoreApplication.translate("TraineeDialog", u"\u6027\u522b / \u51fa\u751f\u65e5\u671f", None))
        self.derived_value.setText(QCoreApplication.translate("TraineeDialog", u"\u7531\u8eab\u4efd\u8bc1\u53f7\u81ea\u52a8\u5f97\u51fa", None))
        self.org_label.setText(QCoreApplication.translate("TraineeDialog", u"\u6240\u5c5e\u673a\u6784 *", None))
        self.org_error.setStyleSheet(QCoreApplication.translate("TraineeDialog", u"color: #c00000;", None))
        self.phone_label.setText(QCoreApplication.translate("TraineeDialog", u"\u624b\u673a", None))
        self.phone_error.setStyleSheet(QCoreApplication.translate("TraineeDialog", u"color: #c00000;", None))
        self.email_label.setText(QCoreApplication.translate("TraineeDialog", u"\u7535\u5b50\u90ae\u7bb1", None))
        self.email_error.setStyleSheet(QCoreApplication.translate("TraineeDialog", u"color: #c00000;", None))
        self.title_level_label.setText(QCoreApplication.translate("TraineeDialog", u"\u804c\u79f0", None))
        self.title_combo.setItemText(0, QCoreApplication.translate("TraineeDialog", u"\u65e0", None))
        self.title_combo.setItemText(1, QCoreApplication.translate("TraineeDialog", u"\u521d\u7ea7", None))
        self.title_combo.setItemText(2, QCoreApplication.translate("TraineeDialog", u"\u4e2d\u7ea7", None))
        self.title_combo.setItemText(3, QCoreApplication.translate("TraineeDialog", u"\u526f\u9ad8\u7ea7", None))
        self.title_combo.setItemText(4, QCoreApplication.translate("TraineeDialog", u"\u6b63\u9ad8\u7ea7", None))

        self.title_level_error.setStyleSheet(QCoreApplication.translate("TraineeDialog", u"color: #c00000;", None))
        self.post_type_label.setText(QCoreApplication.translate("TraineeDialog", u"\u5c97\u4f4d\u7c7b\u522b", None))
        self.post_combo.setItemText(0, QCoreApplication.translate("TraineeDialog", u"\u4e13\u4e1a\u6280\u672f\u5c97\u4f4d", None))
        self.post_combo.setItemText(1, QCoreApplication.translate("TraineeDialog", u"\u7ba1\u7406\u5c97\u4f4d", None))

        self.post_type_error.setStyleSheet(QCoreApplication.translate("TraineeDialog", u"color: #c00000;", None))
        self.high_tech_label.setText(QCoreApplication.translate("TraineeDialog", u"\u9ad8\u65b0\u6280\u672f", None))
        self.high_tech_check.setText(QCoreApplication.translate("TraineeDialog", u"\u4ece\u4e8b\u9ad8\u65b0\u6280\u672f\u5de5\u4f5c\uff08\u5e74\u5ea6\u5b66\u65f6\u8981\u6c42 144\uff09", None))
        self.high_tech_error.setStyleSheet(QCoreApplication.translate("TraineeDialog", u"color: #c00000;", None))
        self.job_title_label.setText(QCoreApplication.translate("TraineeDialog", u"\u804c\u52a1", None))
        self.job_title_error.setStyleSheet(QCoreApplication.translate("TraineeDialog", u"color: #c00000;", None))
        self.form_error.setStyleSheet(QCoreApplication.translate("TraineeDialog", u"color: #c00000;", None))
    # retranslateUi

