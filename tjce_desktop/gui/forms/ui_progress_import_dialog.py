# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'progress_import_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDialog,
    QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QTableView, QVBoxLayout, QWidget)

class Ui_ProgressImportDialog(object):
    def setupUi(self, ProgressImportDialog):
        if not ProgressImportDialog.objectName():
            ProgressImportDialog.setObjectName(u"ProgressImportDialog")
        ProgressImportDialog.resize(1000, 640)
        self.dialog_layout = QVBoxLayout(ProgressImportDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.hint_label = QLabel(ProgressImportDialog)
        self.hint_label.setObjectName(u"hint_label")
        self.hint_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.hint_label)

        self.file_layout = QHBoxLayout()
        self.file_layout.setObjectName(u"file_layout")
        self.file_label = QLabel(ProgressImportDialog)
        self.file_label.setObjectName(u"file_label")

        self.file_layout.addWidget(self.file_label)

        self.file_edit = QLineEdit(ProgressImportDialog)
        self.file_edit.setObjectName(u"file_edit")
        self.file_edit.setReadOnly(True)

        self.file_layout.addWidget(self.file_edit)

        self.browse_button = QPushButton(ProgressImportDialog)
        self.browse_button.setObjectName(u"browse_button")

        self.file_layout.addWidget(self.browse_button)

        self.template_button = QPushButton(ProgressImportDialog)
        self.template_button.setObjectName(u"template_button")

        self.file_layout.addWidget(self.template_button)


        self.dialog_layout.addLayout(self.file_layout)

        self.summary_layout = QHBoxLayout()
        self.summary_layout.setObjectName(u"summary_layout")
        self.summary_label = QLabel(ProgressImportDialog)
        self.summary_label.setObjectName(u"summary_label")
        self.summary_label.setWordWrap(True)

        self.summary_layout.addWidget(self.summary_label)

        self.errors_only_check = QCheckBox(ProgressImportDialog)
        self.errors_only_check.setObjectName(u"errors_only_check")

        self.summary_layout.addWidget(self.errors_only_check)

        self.summary_layout.setStretch(0, 1)

        self.dialog_layout.addLayout(self.summary_layout)

        self.preview_table = QTableView(ProgressImportDialog)
        self.preview_table.setObjectName(u"preview_table")
        self.preview_table.setAlternatingRowColors(False)

        self.dialog_layout.addWidget(self.preview_table)

        self.action_layout = QHBoxLayout()
        self.action_layout.setObjectName(u"action_layout")
        self.report_button = QPushButton(ProgressImportDialog)
        self.report_button.setObjectName(u"report_button")

        self.action_layout.addWidget(self.report_button)

        self.action_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.action_layout.addItem(self.action_spacer)

        self.import_button = QPushButton(ProgressImportDialog)
        self.import_button.setObjectName(u"import_button")

        self.action_layout.addWidget(self.import_button)


        self.dialog_layout.addLayout(self.action_layout)

        self.button_box = QDialogButtonBox(ProgressImportDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.dialog_layout.addWidget(self.button_box)

        self.dialog_layout.setStretch(3, 1)

        self.retranslateUi(ProgressImportDialog)

        self.import_button.setDefault(True)


        QMetaObject.connectSlotsByName(ProgressImportDialog)
    # setupUi

    def retranslateUi(self, ProgressImportDialog):
        ProgressImportDialog.setWindowTitle(QCoreApplication.translate("ProgressImportDialog", u"\u5bfc\u5165\u5b66\u4e60\u8fdb\u5ea6", None))
        self.hint_label.setText(QCoreApplication.translate("ProgressImportDialog", u"\u4ece Excel \u5bfc\u5165\u8bfe\u7a0b\u5b66\u65f6\u548c\u8003\u8bd5\u6210\u7ee9\uff08\u6bcf\u884c\uff1a\u8eab\u4efd\u8bc1\u53f7\u3001\u57f9\u8bad\u8ba1\u5212\uff0c\u4ee5\u53ca\u8bfe\u7a0b\u548c\u5b66\u65f6\uff0c\u6216\u8003\u8bd5\u548c\u6210\u7ee9\uff09\u3002\u5148\u68c0\u67e5\uff0c\u786e\u8ba4\u65e0\u8bef\u540e\u518d\u5bfc\u5165\uff1b\u6709\u9519\u8bef\u7684\u884c\u4e0d\u4f1a\u5bfc\u5165\uff0c\u53ef\u4fdd\u5b58\u9519\u8bef\u62a5\u544a\u4fee\u6539\u540e\u518d\u5bfc\u5165\u3002", None))
        self.file_label.setText(QCoreApplication.translate("ProgressImportDialog", u"\u6587\u4ef6", None))
        self.browse_button.setText(QCoreApplication.translate("ProgressImportDialog", u"\u9009\u62e9\u6587\u4ef6\u2026", None))
        self.template_button.setText(QCoreApplication.translate("ProgressImportDialog", u"\u4e0b\u8f7d\u6a21\u677f\u2026", None))
        self.summary_label.setText(QCoreApplication.translate("ProgressImportDialog", u"\u8bf7\u9009\u62e9\u6587\u4ef6\u3002", None))
        self.errors_only_check.setText(QCoreApplication.translate("ProgressImportDialog", u"\u53ea\u770b\u6709\u9519\u8bef\u7684\u884c", None))
        self.report_button.setText(QCoreApplication.translate("ProgressImportDialog", u"\u4fdd\u5b58\u9519\u8bef\u62a5\u544a\u2026", None))
        self.import_button.setText(QCoreApplication.translate("ProgressImportDialog", u"\u5bfc\u5165", None))
    # retranslateUi

