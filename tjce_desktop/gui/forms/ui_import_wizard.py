# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'import_wizard.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPushButton, QRadioButton, QSizePolicy, QSpacerItem,
    QTableView, QTableWidget, QTableWidgetItem, QVBoxLayout,
    QWidget, QWizard, QWizardPage)

class Ui_ImportWizard(object):
    def setupUi(self, ImportWizard):
        if not ImportWizard.objectName():
            ImportWizard.setObjectName(u"ImportWizard")
        ImportWizard.resize(980, 640)
        ImportWizard.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.file_page = QWizardPage()
        self.file_page.setObjectName(u"file_page")
        self.file_layout = QVBoxLayout(self.file_page)
        self.file_layout.setObjectName(u"file_layout")
        self.file_row = QHBoxLayout()
        self.file_row.setObjectName(u"file_row")
        self.file_label = QLabel(self.file_page)
        self.file_label.setObjectName(u"file_label")

        self.file_row.addWidget(self.file_label)

        self.file_edit = QLineEdit(self.file_page)
        self.file_edit.setObjectName(u"file_edit")

        self.file_row.addWidget(self.file_edit)

        self.browse_button = QPushButton(self.file_page)
        self.browse_button.setObjectName(u"browse_button")

        self.file_row.addWidget(self.browse_button)

        self.template_button = QPushButton(self.file_page)
        self.template_button.setObjectName(u"template_button")

        self.file_row.addWidget(self.template_button)


        self.file_layout.addLayout(self.file_row)

        self.mode_box = QGroupBox(self.file_page)
        self.mode_box.setObjectName(u"mode_box")
        self.mode_layout = QVBoxLayout(self.mode_box)
        self.mode_layout.setObjectName(u"mode_layout")
        self.add_radio = QRadioButton(self.mode_box)
        self.add_radio.setObjectName(u"add_radio")
        self.add_radio.setChecked(True)

        self.mode_layout.addWidget(self.add_radio)

        self.upsert_radio = QRadioButton(self.mode_box)
        self.upsert_radio.setObjectName(u"upsert_radio")

        self.mode_layout.addWidget(self.upsert_radio)


        self.file_layout.addWidget(self.mode_box)

        self.org_row = QHBoxLayout()
        self.org_row.setObjectName(u"org_row")
        self.org_label = QLabel(self.file_page)
        self.org_label.setObjectName(u"org_label")

        self.org_row.addWidget(self.org_label)

        self.org_value = QLabel(self.file_page)
        self.org_value.setObjectName(u"org_value")

        self.org_row.addWidget(self.org_value)

        self.org_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.org_row.addItem(self.org_spacer)


        self.file_layout.addLayout(self.org_row)

        self.file_error = QLabel(self.file_page)
        self.file_error.setObjectName(u"file_error")
        self.file_error.setWordWrap(True)

        self.file_layout.addWidget(self.file_error)

        self.file_vspacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.file_layout.addItem(self.file_vspacer)

        ImportWizard.addPage(self.file_page)
        self.mapping_page = QWizardPage()
        self.mapping_page.setObjectName(u"mapping_page")
        self.mapping_layout = QVBoxLayout(self.mapping_page)
        self.mapping_layout.setObjectName(u"mapping_layout")
        self.sheet_label = QLabel(self.mapping_page)
        self.sheet_label.setObjectName(u"sheet_label")

        self.mapping_layout.addWidget(self.sheet_label)

        self.mapping_table = QTableWidget(self.mapping_page)
        if (self.mapping_table.columnCount() < 3):
            self.mapping_table.setColumnCount(3)
        __qtablewidgetitem = QTableWidgetItem()
        self.mapping_table.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.mapping_table.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.mapping_table.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        self.mapping_table.setObjectName(u"mapping_table")
        self.mapping_table.setColumnCount(3)
        self.mapping_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.mapping_table.horizontalHeader().setStretchLastSection(True)
        self.mapping_table.verticalHeader().setVisible(False)

        self.mapping_layout.addWidget(self.mapping_table)

        self.mapping_error = QLabel(self.mapping_page)
        self.mapping_error.setObjectName(u"mapping_error")
        self.mapping_error.setWordWrap(True)

        self.mapping_layout.addWidget(self.mapping_error)

        ImportWizard.addPage(self.mapping_page)
        self.preview_page = QWizardPage()
        self.preview_page.setObjectName(u"preview_page")
        self.preview_layout = QVBoxLayout(self.preview_page)
        self.preview_layout.setObjectName(u"preview_layout")
        self.preview_row = QHBoxLayout()
        self.preview_row.setObjectName(u"preview_row")
        self.counts_label = QLabel(self.preview_page)
        self.counts_label.setObjectName(u"counts_label")

        self.preview_row.addWidget(self.counts_label)

        self.preview_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.preview_row.addItem(self.preview_spacer)

        self.errors_only_check = QCheckBox(self.preview_page)
        self.errors_only_check.setObjectName(u"errors_only_check")

        self.preview_row.addWidget(self.errors_only_check)

        self.preview_report_button = QPushButton(self.preview_page)
        self.preview_report_button.setObjectName(u"preview_report_button")

        self.preview_row.addWidget(self.preview_report_button)


        self.preview_layout.addLayout(self.preview_row)

        self.preview_table = QTableView(self.preview_page)
        self.preview_table.setObjectName(u"preview_table")
        self.preview_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_table.setAlternatingRowColors(True)
        self.preview_table.setWordWrap(False)
        self.preview_table.horizontalHeader().setStretchLastSection(False)
        self.preview_table.verticalHeader().setVisible(False)

        self.preview_layout.addWidget(self.preview_table)

        ImportWizard.addPage(self.preview_page)
        self.result_page = QWizardPage()
        self.result_page.setObjectName(u"result_page")
        self.result_layout = QVBoxLayout(self.result_page)
        self.result_layout.setObjectName(u"result_layout")
        self.summary_label = QLabel(self.result_page)
        self.summary_label.setObjectName(u"summary_label")
        self.summary_label.setWordWrap(True)

        self.result_layout.addWidget(self.summary_label)

        self.result_row = QHBoxLayout()
        self.result_row.setObjectName(u"result_row")
        self.report_button = QPushButton(self.result_page)
        self.report_button.setObjectName(u"report_button")

        self.result_row.addWidget(self.report_button)

        self.result_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.result_row.addItem(self.result_spacer)


        self.result_layout.addLayout(self.result_row)

        self.report_saved_label = QLabel(self.result_page)
        self.report_saved_label.setObjectName(u"report_saved_label")
        self.report_saved_label.setWordWrap(True)
        self.report_saved_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.result_layout.addWidget(self.report_saved_label)

        self.result_vspacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.result_layout.addItem(self.result_vspacer)

        ImportWizard.addPage(self.result_page)

        self.retranslateUi(ImportWizard)

        QMetaObject.connectSlotsByName(ImportWizard)
    # setupUi

    def retranslateUi(self, ImportWizard):
        ImportWizard.setWindowTitle(QCoreApplication.translate("ImportWizard", u"\u5bfc\u5165\u5b66\u5458", None))
        self.file_page.setTitle(QCoreApplication.translate("ImportWizard", u"\u9009\u62e9\u6587\u4ef6", None))
        self.file_page.setSubTitle(QCoreApplication.translate("ImportWizard", u"\u652f\u6301 .xlsx\u3001.xls \u548c .csv\uff08UTF-8 \u6216 GBK\uff09\u6587\u4ef6\u3002\u8fd8\u6ca1\u6709\u6587\u4ef6\u65f6\uff0c\u8bf7\u5148\u4e0b\u8f7d\u5bfc\u5165\u6a21\u677f\u3002", None))
        self.file_label.setText(QCoreApplication.translate("ImportWizard", u"\u6587\u4ef6", None))
        self.file_edit.setPlaceholderText(QCoreApplication.translate("ImportWizard", u"\u9009\u62e9\u8981\u5bfc\u5165\u7684\u6587\u4ef6", None))
        self.browse_button.setText(QCoreApplication.translate("ImportWizard", u"\u6d4f\u89c8\u2026", None))
        self.template_button.setText(QCoreApplication.translate("ImportWizard", u"\u4e0b\u8f7d\u6a21\u677f", None))
        self.mode_box.setTitle(QCoreApplication.translate("ImportWizard", u"\u5bfc\u5165\u65b9\u5f0f", None))
        self.add_radio.setText(QCoreApplication.translate("ImportWizard", u"\u4ec5\u65b0\u589e\uff1a\u6587\u4ef6\u4e2d\u5df2\u5b58\u5728\u7684\u5b66\u5458\uff08\u6309\u8eab\u4efd\u8bc1\u53f7\uff09\u4e0d\u5bfc\u5165", None))
        self.upsert_radio.setText(QCoreApplication.translate("ImportWizard", u"\u65b0\u589e\u5e76\u66f4\u65b0\uff1a\u5df2\u5b58\u5728\u4e14\u5c5e\u4e8e\u540c\u4e00\u673a\u6784\u7684\u5b66\u5458\uff0c\u7528\u6587\u4ef6\u4e2d\u7684\u4fe1\u606f\u66f4\u65b0", None))
        self.org_label.setText(QCoreApplication.translate("ImportWizard", u"\u6587\u4ef6\u4e2d\u6ca1\u6709\u201c\u6240\u5c5e\u673a\u6784\u201d\u65f6\u5bfc\u5165\u5230", None))
        self.org_value.setText(QCoreApplication.translate("ImportWizard", u"\uff08\u5f53\u524d\u9009\u4e2d\u7684\u673a\u6784\uff09", None))
        self.org_value.setStyleSheet(QCoreApplication.translate("ImportWizard", u"font-weight: bold;", None))
        self.file_error.setStyleSheet(QCoreApplication.translate("ImportWizard", u"color: #c00000;", None))
        self.mapping_page.setTitle(QCoreApplication.translate("ImportWizard", u"\u6838\u5bf9\u5217\u5bf9\u5e94\u5173\u7cfb", None))
        self.mapping_page.setSubTitle(QCoreApplication.translate("ImportWizard", u"\u7a0b\u5e8f\u5df2\u6309\u5217\u540d\u81ea\u52a8\u5bf9\u5e94\u3002\u5982\u6709\u4e0d\u5bf9\uff0c\u8bf7\u5728\u201c\u5bfc\u5165\u4e3a\u201d\u4e00\u5217\u4e2d\u4fee\u6539\uff1b\u4e0d\u9700\u8981\u5bfc\u5165\u7684\u5217\u9009\u201c\uff08\u4e0d\u5bfc\u5165\uff09\u201d\u3002", None))
        self.sheet_label.setText("")
        ___qtablewidgetitem = self.mapping_table.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("ImportWizard", u"\u6587\u4ef6\u4e2d\u7684\u5217", None))
        ___qtablewidgetitem1 = self.mapping_table.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("ImportWizard", u"\u793a\u4f8b\u503c", None))
        ___qtablewidgetitem2 = self.mapping_table.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("ImportWizard", u"\u5bfc\u5165\u4e3a", None))
        self.mapping_error.setStyleSheet(QCoreApplication.translate("ImportWizard", u"color: #c00000;", None))
        self.preview_page.setTitle(QCoreApplication.translate("ImportWizard", u"\u9884\u89c8", None))
        self.preview_page.setSubTitle(QCoreApplication.translate("ImportWizard", u"\u6bcf\u4e00\u884c\u7684\u68c0\u67e5\u7ed3\u679c\u5982\u4e0b\u3002\u6709\u9519\u8bef\u7684\u884c\u4e0d\u4f1a\u5bfc\u5165\uff1b\u5bfc\u5165\u540e\u53ef\u4fdd\u5b58\u9519\u8bef\u62a5\u544a\uff0c\u4fee\u6539\u540e\u518d\u6b21\u5bfc\u5165\u3002", None))
        self.counts_label.setText("")
        self.errors_only_check.setText(QCoreApplication.translate("ImportWizard", u"\u53ea\u770b\u6709\u9519\u8bef\u7684\u884c", None))
        self.preview_report_button.setText(QCoreApplication.translate("ImportWizard", u"\u4fdd\u5b58\u9519\u8bef\u62a5\u544a\u2026", None))
        self.result_page.setTitle(QCoreApplication.translate("ImportWizard", u"\u5bfc\u5165\u5b8c\u6210", None))
        self.result_page.setSubTitle("")
        self.summary_label.setText("")
        self.summary_label.setStyleSheet(QCoreApplication.translate("ImportWizard", u"font-size: 14px;", None))
        self.report_button.setText(QCoreApplication.translate("ImportWizard", u"\u4fdd\u5b58\u9519\u8bef\u62a5\u544a\u2026", None))
        self.report_saved_label.setText("")
    # retranslateUi

