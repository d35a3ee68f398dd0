# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'desk_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QDateEdit,
    QDoubleSpinBox, QGridLayout, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QSpinBox, QSplitter,
    QTableWidget, QTableWidgetItem, QTextBrowser, QVBoxLayout,
    QWidget)

class Ui_DeskPage(object):
    def setupUi(self, DeskPage):
        if not DeskPage.objectName():
            DeskPage.setObjectName(u"DeskPage")
        self.page_layout = QVBoxLayout(DeskPage)
        self.page_layout.setObjectName(u"page_layout")
        self.lookup_layout = QHBoxLayout()
        self.lookup_layout.setObjectName(u"lookup_layout")
        self.id_label = QLabel(DeskPage)
        self.id_label.setObjectName(u"id_label")

        self.lookup_layout.addWidget(self.id_label)

        self.id_edit = QLineEdit(DeskPage)
        self.id_edit.setObjectName(u"id_edit")
        self.id_edit.setClearButtonEnabled(True)
        self.id_edit.setMinimumSize(QSize(260, 0))

        self.lookup_layout.addWidget(self.id_edit)

        self.year_label = QLabel(DeskPage)
        self.year_label.setObjectName(u"year_label")

        self.lookup_layout.addWidget(self.year_label)

        self.year_spin = QSpinBox(DeskPage)
        self.year_spin.setObjectName(u"year_spin")
        self.year_spin.setMinimum(2002)
        self.year_spin.setMaximum(2100)

        self.lookup_layout.addWidget(self.year_spin)

        self.open_button = QPushButton(DeskPage)
        self.open_button.setObjectName(u"open_button")

        self.lookup_layout.addWidget(self.open_button)

        self.lookup_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.lookup_layout.addItem(self.lookup_spacer)

        self.proof_button = QPushButton(DeskPage)
        self.proof_button.setObjectName(u"proof_button")

        self.lookup_layout.addWidget(self.proof_button)

        self.batch_button = QPushButton(DeskPage)
        self.batch_button.setObjectName(u"batch_button")

        self.lookup_layout.addWidget(self.batch_button)


        self.page_layout.addLayout(self.lookup_layout)

        self.message_label = QLabel(DeskPage)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setWordWrap(True)

        self.page_layout.addWidget(self.message_label)

        self.desk_splitter = QSplitter(DeskPage)
        self.desk_splitter.setObjectName(u"desk_splitter")
        self.desk_splitter.setOrientation(Qt.Orientation.Horizontal)
        self.card_view = QTextBrowser(self.desk_splitter)
        self.card_view.setObjectName(u"card_view")
        self.desk_splitter.addWidget(self.card_view)
        self.other_group = QGroupBox(self.desk_splitter)
        self.other_group.setObjectName(u"other_group")
        self.other_layout = QVBoxLayout(self.other_group)
        self.other_layout.setObjectName(u"other_layout")
        self.other_table = QTableWidget(self.other_group)
        self.other_table.setObjectName(u"other_table")
        self.other_table.setAlternatingRowColors(True)
        self.other_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.other_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.other_layout.addWidget(self.other_table)

        self.other_form = QGridLayout()
        self.other_form.setObjectName(u"other_form")
        self.form_label = QLabel(self.other_group)
        self.form_label.setObjectName(u"form_label")

        self.other_form.addWidget(self.form_label, 0, 0, 1, 1)

        self.form_combo = QComboBox(self.other_group)
        self.form_combo.setObjectName(u"form_combo")

        self.other_form.addWidget(self.form_combo, 0, 1, 1, 1)

        self.category_label = QLabel(self.other_group)
        self.category_label.setObjectName(u"category_label")

        self.other_form.addWidget(self.category_label, 0, 2, 1, 1)

        self.category_combo = QComboBox(self.other_group)
        self.category_combo.setObjectName(u"category_combo")

        self.other_form.addWidget(self.category_combo, 0, 3, 1, 1)

        self.title_label = QLabel(self.other_group)
        self.title_label.setObjectName(u"title_label")

        self.other_form.addWidget(self.title_label, 1, 0, 1, 1)

        self.other_title_edit = QLineEdit(self.other_group)
        self.other_title_edit.setObjectName(u"other_title_edit")

        self.other_form.addWidget(self.other_title_edit, 1, 1, 1, 3)

        self.from_label = QLabel(self.other_group)
        self.from_label.setObjectName(u"from_label")

        self.other_form.addWidget(self.from_label, 2, 0, 1, 1)

        self.starts_edit = QDateEdit(self.other_group)
        self.starts_edit.setObjectName(u"starts_edit")
        self.starts_edit.setCalendarPopup(True)

        self.other_form.addWidget(self.starts_edit, 2, 1, 1, 1)

        self.ends_edit = QDateEdit(self.other_group)
        self.ends_edit.setObjectName(u"ends_edit")
        self.ends_edit.setCalendarPopup(True)

        self.other_form.addWidget(self.ends_edit, 2, 2, 1, 1)

        self.days_spin = QDoubleSpinBox(self.other_group)
        self.days_spin.setObjectName(u"days_spin")
        self.days_spin.setDecimals(1)
        self.days_spin.setMinimum(0)
        self.days_spin.setMaximum(366)

        self.other_form.addWidget(self.days_spin, 2, 3, 1, 1)

        self.evidence_label = QLabel(self.other_group)
        self.evidence_label.setObjectName(u"evidence_label")

        self.other_form.addWidget(self.evidence_label, 3, 0, 1, 1)

        self.evidence_edit = QLineEdit(self.other_group)
        self.evidence_edit.setObjectName(u"evidence_edit")

        self.other_form.addWidget(self.evidence_edit, 3, 1, 1, 3)

        self.other_buttons = QHBoxLayout()
        self.other_buttons.setObjectName(u"other_buttons")
        self.hours_hint = QLabel(self.other_group)
        self.hours_hint.setObjectName(u"hours_hint")

        self.other_buttons.addWidget(self.hours_hint)

        self.other_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.other_buttons.addItem(self.other_spacer)

        self.recognise_button = QPushButton(self.other_group)
        self.recognise_button.setObjectName(u"recognise_button")

        self.other_buttons.addWidget(self.recognise_button)

        self.delete_other_button = QPushButton(self.other_group)
        self.delete_other_button.setObjectName(u"delete_other_button")

        self.other_buttons.addWidget(self.delete_other_button)

        self.add_other_button = QPushButton(self.other_group)
        self.add_other_button.setObjectName(u"add_other_button")

        self.other_buttons.addWidget(self.add_other_button)


        self.other_form.addLayout(self.other_buttons, 4, 0, 1, 4)


        self.other_layout.addLayout(self.other_form)

        self.other_layout.setStretch(0, 1)
        self.desk_splitter.addWidget(self.other_group)

        self.page_layout.addWidget(self.desk_splitter)

        self.desk_buttons = QHBoxLayout()
        self.desk_buttons.setObjectName(u"desk_buttons")
        self.issue_button = QPushButton(DeskPage)
        self.issue_button.setObjectName(u"issue_button")

        self.desk_buttons.addWidget(self.issue_button)

        self.continue_button = QPushButton(DeskPage)
        self.continue_button.setObjectName(u"continue_button")

        self.desk_buttons.addWidget(self.continue_button)

        self.reissue_button = QPushButton(DeskPage)
        self.reissue_button.setObjectName(u"reissue_button")

        self.desk_buttons.addWidget(self.reissue_button)

        self.title_button = QPushButton(DeskPage)
        self.title_button.setObjectName(u"title_button")

        self.desk_buttons.addWidget(self.title_button)

        self.desk_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.desk_buttons.addItem(self.desk_spacer)

        self.register_button = QPushButton(DeskPage)
        self.register_button.setObjectName(u"register_button")

        self.desk_buttons.addWidget(self.register_button)

        self.exception_button = QPushButton(DeskPage)
        self.exception_button.setObjectName(u"exception_button")

        self.desk_buttons.addWidget(self.exception_button)

        self.verify_button = QPushButton(DeskPage)
        self.verify_button.setObjectName(u"verify_button")

        self.desk_buttons.addWidget(self.verify_button)

        self.reopen_button = QPushButton(DeskPage)
        self.reopen_button.setObjectName(u"reopen_button")

        self.desk_buttons.addWidget(self.reopen_button)

        self.print_button = QPushButton(DeskPage)
        self.print_button.setObjectName(u"print_button")

        self.desk_buttons.addWidget(self.print_button)

        self.calibrate_button = QPushButton(DeskPage)
        self.calibrate_button.setObjectName(u"calibrate_button")

        self.desk_buttons.addWidget(self.calibrate_button)


        self.page_layout.addLayout(self.desk_buttons)

        self.page_layout.setStretch(2, 1)

        self.retranslateUi(DeskPage)

        self.open_button.setDefault(True)


        QMetaObject.connectSlotsByName(DeskPage)
    # setupUi

    def retranslateUi(self, DeskPage):
        self.id_label.setText(QCoreApplication.translate("DeskPage", u"\u8eab\u4efd\u8bc1\u53f7", None))
        self.id_edit.setPlaceholderText(QCoreApplication.translate("DeskPage", u"\u8f93\u5165\u6216\u7528\u8eab\u4efd\u8bc1\u9605\u8bfb\u5668\u626b\u63cf\uff0c\u56de\u8f66", None))
        self.year_label.setText(QCoreApplication.translate("DeskPage", u"\u5e74\u5ea6", None))
        self.open_button.setText(QCoreApplication.translate("DeskPage", u"\u67e5\u8be2", None))
#if QT_CONFIG(tooltip)
        self.proof_button.setToolTip(QCoreApplication.translate("DeskPage", u"\u4e3a\u5f53\u524d\u5b66\u5458\u51fa\u5177\u6700\u8fd1\u82e5\u5e72\u5e74\u5ea6\u7684\u5b66\u65f6\u8bc1\u660e\uff08\u5e26\u7b7e\u540d\u548c\u9a8c\u8bc1\u7801\uff0c\u4f9b\u804c\u79f0\u7533\u62a5\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.proof_button.setText(QCoreApplication.translate("DeskPage", u"\u5b66\u65f6\u8bc1\u660e\u2026", None))
#if QT_CONFIG(tooltip)
        self.batch_button.setToolTip(QCoreApplication.translate("DeskPage", u"\u4e3a\u5de6\u4fa7\u6240\u9009\u673a\u6784\uff08\u542b\u4e0b\u7ea7\uff09\u5168\u90e8\u8fbe\u5230\u672c\u5e74\u5ea6\u8981\u6c42\u3001\u5c1a\u672a\u767b\u8bb0\u7684\u5728\u804c\u5b66\u5458\u4e00\u6b21\u767b\u8bb0\uff0c\u5e76\u751f\u6210\u767b\u8bb0\u540d\u5355", None))
#endif // QT_CONFIG(tooltip)
        self.batch_button.setText(QCoreApplication.translate("DeskPage", u"\u6279\u91cf\u767b\u8bb0\u2026", None))
        self.message_label.setText("")
        self.message_label.setStyleSheet(QCoreApplication.translate("DeskPage", u"color: #b00020;", None))
        self.other_group.setTitle(QCoreApplication.translate("DeskPage", u"\u672c\u5e74\u5ea6\u5176\u4ed6\u5f62\u5f0f\u7684\u5b66\u4e60", None))
        self.form_label.setText(QCoreApplication.translate("DeskPage", u"\u5f62\u5f0f", None))
        self.category_label.setText(QCoreApplication.translate("DeskPage", u"\u8ba1\u5165", None))
        self.title_label.setText(QCoreApplication.translate("DeskPage", u"\u5185\u5bb9", None))
        self.other_title_edit.setPlaceholderText(QCoreApplication.translate("DeskPage", u"\u57f9\u8bad\u73ed\u540d\u79f0\u3001\u8bba\u6587\u9898\u76ee\u7b49", None))
        self.from_label.setText(QCoreApplication.translate("DeskPage", u"\u8d77\u6b62\u65e5\u671f", None))
        self.starts_edit.setDisplayFormat(QCoreApplication.translate("DeskPage", u"yyyy-MM-dd", None))
        self.ends_edit.setDisplayFormat(QCoreApplication.translate("DeskPage", u"yyyy-MM-dd", None))
        self.days_spin.setSuffix(QCoreApplication.translate("DeskPage", u" \u5929", None))
        self.evidence_label.setText(QCoreApplication.translate("DeskPage", u"\u8bc1\u660e\u6750\u6599", None))
        self.evidence_edit.setPlaceholderText(QCoreApplication.translate("DeskPage", u"\u67e5\u9a8c\u7684\u8bc1\u4e66\u3001\u7ed3\u4e1a\u8bc1\u660e\u3001\u81ea\u5b66\u8ba1\u5212\u4e0e\u8003\u6838\u7ed3\u679c", None))
        self.hours_hint.setText(QCoreApplication.translate("DeskPage", u"\u5b66\u65f6 = \u5929\u6570 \u00d7 8", None))
        self.recognise_button.setText(QCoreApplication.translate("DeskPage", u"\u5b66\u65f6\u8ba4\u5b9a\u2026", None))
        self.delete_other_button.setText(QCoreApplication.translate("DeskPage", u"\u5220\u9664\u6240\u9009", None))
        self.add_other_button.setText(QCoreApplication.translate("DeskPage", u"\u767b\u8bb0\u5176\u4ed6\u5b66\u4e60", None))
        self.issue_button.setText(QCoreApplication.translate("DeskPage", u"\u53d1\u8bc1", None))
        self.continue_button.setText(QCoreApplication.translate("DeskPage", u"\u7eed\u672c", None))
        self.reissue_button.setText(QCoreApplication.translate("DeskPage", u"\u8865\u53d1\u2026", None))
        self.title_button.setText(QCoreApplication.translate("DeskPage", u"\u804c\u79f0\u53d8\u52a8\u2026", None))
        self.register_button.setText(QCoreApplication.translate("DeskPage", u"\u767b\u8bb0", None))
        self.exception_button.setText(QCoreApplication.translate("DeskPage", u"\u4f8b\u5916\u767b\u8bb0\u2026", None))
        self.verify_button.setText(QCoreApplication.translate("DeskPage", u"\u9a8c\u8bc1", None))
        self.reopen_button.setText(QCoreApplication.translate("DeskPage", u"\u91cd\u65b0\u5f00\u653e\u2026", None))
        self.print_button.setText(QCoreApplication.translate("DeskPage", u"\u6253\u5370\u767b\u8bb0\u9875\u2026", None))
        self.calibrate_button.setText(QCoreApplication.translate("DeskPage", u"\u6253\u5370\u6821\u51c6\u2026", None))
        pass
    # retranslateUi

