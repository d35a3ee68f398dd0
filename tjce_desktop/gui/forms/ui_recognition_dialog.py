# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'recognition_dialog.ui'
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
    QDialog, QDialogButtonBox, QDoubleSpinBox, QGridLayout,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPushButton, QSizePolicy, QSpacerItem, QTabWidget,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_RecognitionDialog(object):
    def setupUi(self, RecognitionDialog):
        if not RecognitionDialog.objectName():
            RecognitionDialog.setObjectName(u"RecognitionDialog")
        RecognitionDialog.resize(980, 620)
        self.dialog_layout = QVBoxLayout(RecognitionDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.message_label = QLabel(RecognitionDialog)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.message_label)

        self.tabs = QTabWidget(RecognitionDialog)
        self.tabs.setObjectName(u"tabs")
        self.entries_tab = QWidget()
        self.entries_tab.setObjectName(u"entries_tab")
        self.entries_layout = QVBoxLayout(self.entries_tab)
        self.entries_layout.setObjectName(u"entries_layout")
        self.trainee_label = QLabel(self.entries_tab)
        self.trainee_label.setObjectName(u"trainee_label")

        self.entries_layout.addWidget(self.trainee_label)

        self.entry_form = QGridLayout()
        self.entry_form.setObjectName(u"entry_form")
        self.kind_label = QLabel(self.entries_tab)
        self.kind_label.setObjectName(u"kind_label")

        self.entry_form.addWidget(self.kind_label, 0, 0, 1, 1)

        self.kind_combo = QComboBox(self.entries_tab)
        self.kind_combo.setObjectName(u"kind_combo")

        self.entry_form.addWidget(self.kind_combo, 0, 1, 1, 1)

        self.quantity_label = QLabel(self.entries_tab)
        self.quantity_label.setObjectName(u"quantity_label")

        self.entry_form.addWidget(self.quantity_label, 0, 2, 1, 1)

        self.quantity_spin = QDoubleSpinBox(self.entries_tab)
        self.quantity_spin.setObjectName(u"quantity_spin")
        self.quantity_spin.setDecimals(1)
        self.quantity_spin.setMinimum(0.500000000000000)
        self.quantity_spin.setMaximum(1000.000000000000000)
        self.quantity_spin.setValue(1.000000000000000)

        self.entry_form.addWidget(self.quantity_spin, 0, 3, 1, 1)

        self.title_label = QLabel(self.entries_tab)
        self.title_label.setObjectName(u"title_label")

        self.entry_form.addWidget(self.title_label, 1, 0, 1, 1)

        self.title_edit = QLineEdit(self.entries_tab)
        self.title_edit.setObjectName(u"title_edit")

        self.entry_form.addWidget(self.title_edit, 1, 1, 1, 3)

        self.evidence_label = QLabel(self.entries_tab)
        self.evidence_label.setObjectName(u"evidence_label")

        self.entry_form.addWidget(self.evidence_label, 2, 0, 1, 1)

        self.evidence_edit = QLineEdit(self.entries_tab)
        self.evidence_edit.setObjectName(u"evidence_edit")

        self.entry_form.addWidget(self.evidence_edit, 2, 1, 1, 3)

        self.rule_hint = QLabel(self.entries_tab)
        self.rule_hint.setObjectName(u"rule_hint")
        self.rule_hint.setWordWrap(True)

        self.entry_form.addWidget(self.rule_hint, 3, 0, 1, 3)

        self.add_button = QPushButton(self.entries_tab)
        self.add_button.setObjectName(u"add_button")

        self.entry_form.addWidget(self.add_button, 3, 3, 1, 1)


        self.entries_layout.addLayout(self.entry_form)

        self.filter_layout = QHBoxLayout()
        self.filter_layout.setObjectName(u"filter_layout")
        self.show_label = QLabel(self.entries_tab)
        self.show_label.setObjectName(u"show_label")

        self.filter_layout.addWidget(self.show_label)

        self.show_combo = QComboBox(self.entries_tab)
        self.show_combo.setObjectName(u"show_combo")

        self.filter_layout.addWidget(self.show_combo)

        self.filter_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filter_layout.addItem(self.filter_spacer)


        self.entries_layout.addLayout(self.filter_layout)

        self.entries_table = QTableWidget(self.entries_tab)
        self.entries_table.setObjectName(u"entries_table")
        self.entries_table.setAlternatingRowColors(True)
        self.entries_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.entries_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.entries_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.entries_layout.addWidget(self.entries_table)

        self.decision_layout = QHBoxLayout()
        self.decision_layout.setObjectName(u"decision_layout")
        self.four_eyes_hint = QLabel(self.entries_tab)
        self.four_eyes_hint.setObjectName(u"four_eyes_hint")

        self.decision_layout.addWidget(self.four_eyes_hint)

        self.decision_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.decision_layout.addItem(self.decision_spacer)

        self.reject_button = QPushButton(self.entries_tab)
        self.reject_button.setObjectName(u"reject_button")

        self.decision_layout.addWidget(self.reject_button)

        self.approve_button = QPushButton(self.entries_tab)
        self.approve_button.setObjectName(u"approve_button")

        self.decision_layout.addWidget(self.approve_button)


        self.entries_layout.addLayout(self.decision_layout)

        self.entries_layout.setStretch(3, 1)
        self.tabs.addTab(self.entries_tab, "")
        self.rules_tab = QWidget()
        self.rules_tab.setObjectName(u"rules_tab")
        self.rules_layout = QVBoxLayout(self.rules_tab)
        self.rules_layout.setObjectName(u"rules_layout")
        self.rules_table = QTableWidget(self.rules_tab)
        self.rules_table.setObjectName(u"rules_table")
        self.rules_table.setAlternatingRowColors(True)
        self.rules_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.rules_layout.addWidget(self.rules_table)

        self.rules_hint = QLabel(self.rules_tab)
        self.rules_hint.setObjectName(u"rules_hint")
        self.rules_hint.setWordWrap(True)

        self.rules_layout.addWidget(self.rules_hint)

        self.rules_layout.setStretch(0, 1)
        self.tabs.addTab(self.rules_tab, "")

        self.dialog_layout.addWidget(self.tabs)

        self.button_box = QDialogButtonBox(RecognitionDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.dialog_layout.addWidget(self.button_box)

        self.dialog_layout.setStretch(1, 1)

        self.retranslateUi(RecognitionDialog)

        QMetaObject.connectSlotsByName(RecognitionDialog)
    # setupUi

    def retranslateUi(self, RecognitionDialog):
        RecognitionDialog.setWindowTitle(QCoreApplication.translate("RecognitionDialog", u"\u5b66\u65f6\u8ba4\u5b9a", None))
        self.message_label.setText("")
        self.trainee_label.setText(QCoreApplication.translate("RecognitionDialog", u"\u8bf7\u5148\u5728\u201c\u8bc1\u4e66\u767b\u8bb0\u201d\u9875\u6253\u5f00\u4e00\u540d\u5b66\u5458\u7684\u5e74\u5ea6\u5b66\u65f6\u5361\u3002", None))
        self.kind_label.setText(QCoreApplication.translate("RecognitionDialog", u"\u8ba4\u5b9a\u79cd\u7c7b", None))
        self.quantity_label.setText(QCoreApplication.translate("RecognitionDialog", u"\u6570\u91cf", None))
        self.title_label.setText(QCoreApplication.translate("RecognitionDialog", u"\u5185\u5bb9", None))
        self.title_edit.setPlaceholderText(QCoreApplication.translate("RecognitionDialog", u"\u8bba\u6587\u9898\u76ee\u3001\u8bfe\u7a0b\u540d\u79f0\u3001\u4e13\u5229\u540d\u79f0\u3001\u8bfe\u9898\u540d\u79f0\u2026\u2026", None))
        self.evidence_label.setText(QCoreApplication.translate("RecognitionDialog", u"\u8bc1\u660e\u6750\u6599", None))
        self.evidence_edit.setPlaceholderText(QCoreApplication.translate("RecognitionDialog", u"\u5df2\u67e5\u9a8c\u7684\u8bc1\u660e\u6750\u6599", None))
        self.rule_hint.setText("")
        self.add_button.setText(QCoreApplication.translate("RecognitionDialog", u"\u767b\u8bb0\uff08\u5f85\u5ba1\u6838\uff09", None))
        self.show_label.setText(QCoreApplication.translate("RecognitionDialog", u"\u663e\u793a", None))
        self.four_eyes_hint.setText(QCoreApplication.translate("RecognitionDialog", u"\u8ba4\u5b9a\u987b\u7531\u767b\u8bb0\u4eba\u4ee5\u5916\u7684\u53e6\u4e00\u8d26\u6237\u5ba1\u6838\u901a\u8fc7\u540e\u624d\u8ba1\u5165\u5b66\u65f6\u3002", None))
        self.reject_button.setText(QCoreApplication.translate("RecognitionDialog", u"\u9a73\u56de\u2026", None))
        self.approve_button.setText(QCoreApplication.translate("RecognitionDialog", u"\u5ba1\u6838\u901a\u8fc7", None))
        self.tabs.setTabText(self.tabs.indexOf(self.entries_tab), QCoreApplication.translate("RecognitionDialog", u"\u767b\u8bb0\u4e0e\u5ba1\u6838", None))
        self.rules_hint.setText(QCoreApplication.translate("RecognitionDialog", u"\u6298\u7b97\u6807\u51c6\u7531\u5e02\u7ea7\u7ba1\u7406\u5458\u5236\u5b9a\u5e76\u540c\u6b65\u5230\u5404\u767b\u8bb0\u70b9\uff1b\u5e02\u7ea7\u7ba1\u7406\u5458\u53ef\u7528\u547d\u4ee4 tjce recognise rules --set \u547d\u4ee4\u884c\u4ee3\u7801 \u4fee\u6539\uff08\u89c1\u6700\u540e\u4e00\u5217\uff09\u3002", None))
        self.tabs.setTabText(self.tabs.indexOf(self.rules_tab), QCoreApplication.translate("RecognitionDialog", u"\u6298\u7b97\u6807\u51c6", None))
    # retranslateUi

