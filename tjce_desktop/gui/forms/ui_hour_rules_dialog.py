# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'hour_rules_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog,
    QDialogButtonBox, QDoubleSpinBox, QFormLayout, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem,
    QSpinBox, QSplitter, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget)

class Ui_HourRulesDialog(object):
    def setupUi(self, HourRulesDialog):
        if not HourRulesDialog.objectName():
            HourRulesDialog.setObjectName(u"HourRulesDialog")
        HourRulesDialog.resize(1200, 600)
        self.dialog_layout = QVBoxLayout(HourRulesDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.intro_label = QLabel(HourRulesDialog)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.intro_label)

        self.rules_splitter = QSplitter(HourRulesDialog)
        self.rules_splitter.setObjectName(u"rules_splitter")
        self.rules_splitter.setOrientation(Qt.Orientation.Horizontal)
        self.rules_table = QTableWidget(self.rules_splitter)
        self.rules_table.setObjectName(u"rules_table")
        self.rules_table.setAlternatingRowColors(True)
        self.rules_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rules_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rules_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rules_splitter.addWidget(self.rules_table)
        self.rule_group = QGroupBox(self.rules_splitter)
        self.rule_group.setObjectName(u"rule_group")
        self.rule_form = QFormLayout(self.rule_group)
        self.rule_form.setObjectName(u"rule_form")
        self.year_label = QLabel(self.rule_group)
        self.year_label.setObjectName(u"year_label")

        self.rule_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.year_label)

        self.year_spin = QSpinBox(self.rule_group)
        self.year_spin.setObjectName(u"year_spin")
        self.year_spin.setMinimum(2002)
        self.year_spin.setMaximum(2100)

        self.rule_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.year_spin)

        self.standard_label = QLabel(self.rule_group)
        self.standard_label.setObjectName(u"standard_label")

        self.rule_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.standard_label)

        self.standard_spin = QDoubleSpinBox(self.rule_group)
        self.standard_spin.setObjectName(u"standard_spin")
        self.standard_spin.setDecimals(1)
        self.standard_spin.setMaximum(1000.000000000000000)
        self.standard_spin.setValue(96.000000000000000)

        self.rule_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.standard_spin)

        self.senior_label = QLabel(self.rule_group)
        self.senior_label.setObjectName(u"senior_label")

        self.rule_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.senior_label)

        self.senior_spin = QDoubleSpinBox(self.rule_group)
        self.senior_spin.setObjectName(u"senior_spin")
        self.senior_spin.setDecimals(1)
        self.senior_spin.setMaximum(1000.000000000000000)
        self.senior_spin.setValue(144.000000000000000)

        self.rule_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.senior_spin)

        self.public_required_label = QLabel(self.rule_group)
        self.public_required_label.setObjectName(u"public_required_label")

        self.rule_form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.public_required_label)

        self.public_required_edit = QLineEdit(self.rule_group)
        self.public_required_edit.setObjectName(u"public_required_edit")

        self.rule_form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.public_required_edit)

        self.public_elective_label = QLabel(self.rule_group)
        self.public_elective_label.setObjectName(u"public_elective_label")

        self.rule_form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.public_elective_label)

        self.public_elective_edit = QLineEdit(self.rule_group)
        self.public_elective_edit.setObjectName(u"public_elective_edit")

        self.rule_form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.public_elective_edit)

        self.professional_label = QLabel(self.rule_group)
        self.professional_label.setObjectName(u"professional_label")

        self.rule_form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.professional_label)

        self.professional_edit = QLineEdit(self.rule_group)
        self.professional_edit.setObjectName(u"professional_edit")

        self.rule_form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.professional_edit)

        self.courses_label = QLabel(self.rule_group)
        self.courses_label.setObjectName(u"courses_label")

        self.rule_form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.courses_label)

        self.courses_edit = QPlainTextEdit(self.rule_group)
        self.courses_edit.setObjectName(u"courses_edit")
        self.courses_edit.setMaximumSize(QSize(16777215, 80))

        self.rule_form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.courses_edit)

        self.register_by_label = QLabel(self.rule_group)
        self.register_by_label.setObjectName(u"register_by_label")

        self.rule_form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.register_by_label)

        self.register_by_edit = QLineEdit(self.rule_group)
        self.register_by_edit.setObjectName(u"register_by_edit")

        self.rule_form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.register_by_edit)

        self.verify_by_label = QLabel(self.rule_group)
        self.verify_by_label.setObjectName(u"verify_by_label")

        self.rule_form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.verify_by_label)

        self.verify_by_edit = QLineEdit(self.rule_group)
        self.verify_by_edit.setObjectName(u"verify_by_edit")

        self.rule_form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.verify_by_edit)

        self.document_number_label = QLabel(self.rule_group)
        self.document_number_label.setObjectName(u"document_number_label")

        self.rule_form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.document_number_label)

        self.document_number_edit = QLineEdit(self.rule_group)
        self.document_number_edit.setObjectName(u"document_number_edit")

        self.rule_form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.document_number_edit)

        self.document_title_label = QLabel(self.rule_group)
        self.document_title_label.setObjectName(u"document_title_label")

        self.rule_form.setWidget(10, QFormLayout.ItemRole.LabelRole, self.document_title_label)

        self.document_title_edit = QLineEdit(self.rule_group)
        self.document_title_edit.setObjectName(u"document_title_edit")

        self.rule_form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.document_title_edit)

        self.status_label = QLabel(self.rule_group)
        self.status_label.setObjectName(u"status_label")
        self.status_label.setWordWrap(True)

        self.rule_form.setWidget(11, QFormLayout.ItemRole.FieldRole, self.status_label)

        self.rules_splitter.addWidget(self.rule_group)

        self.dialog_layout.addWidget(self.rules_splitter)

        self.dialog_buttons = QHBoxLayout()
        self.dialog_buttons.setObjectName(u"dialog_buttons")
        self.new_button = QPushButton(HourRulesDialog)
        self.new_button.setObjectName(u"new_button")

        self.dialog_buttons.addWidget(self.new_button)

        self.save_button = QPushButton(HourRulesDialog)
        self.save_button.setObjectName(u"save_button")

        self.dialog_buttons.addWidget(self.save_button)

        self.buttons_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.dialog_buttons.addItem(self.buttons_spacer)

        self.button_box = QDialogButtonBox(HourRulesDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.dialog_buttons.addWidget(self.button_box)


        self.dialog_layout.addLayout(self.dialog_buttons)

        self.dialog_layout.setStretch(1, 1)
#if QT_CONFIG(shortcut)
        self.year_label.setBuddy(self.year_spin)
        self.standard_label.setBuddy(self.standard_spin)
        self.senior_label.setBuddy(self.senior_spin)
        self.public_required_label.setBuddy(self.public_required_edit)
        self.public_elective_label.setBuddy(self.public_elective_edit)
        self.professional_label.setBuddy(self.professional_edit)
        self.courses_label.setBuddy(self.courses_edit)
        self.register_by_label.setBuddy(self.register_by_edit)
        self.verify_by_label.setBuddy(self.verify_by_edit)
        self.document_number_label.setBuddy(self.document_number_edit)
        self.document_title_label.setBuddy(self.document_title_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(HourRulesDialog)

        QMetaObject.connectSlotsByName(HourRulesDialog)
    # setupUi

    def retranslateUi(self, HourRulesDialog):
        HourRulesDialog.setWindowTitle(QCoreApplication.translate("HourRulesDialog", u"\u5b66\u65f6\u89c4\u5b9a", None))
        self.intro_label.setText(QCoreApplication.translate("HourRulesDialog", u"\u5404\u5e74\u5ea6\u7684\u5b66\u65f6\u89c4\u5b9a\u7531\u5e02\u4eba\u529b\u793e\u4fdd\u5c40\u6bcf\u5e74\u53d1\u6587\u786e\u5b9a\uff1b\u4e00\u6761\u89c4\u5b9a\u81ea\u8d77\u59cb\u5e74\u5ea6\u8d77\u9002\u7528\uff0c\u76f4\u81f3\u4e0b\u4e00\u6761\u89c4\u5b9a\u3002\u672a\u53e6\u884c\u89c4\u5b9a\u7684\u5e74\u5ea6\u6309\u300a\u6761\u4f8b\u300b\uff1a\u4e00\u822c\u4eba\u5458 96 \u5b66\u65f6\uff0c\u6b63\u526f\u9ad8\u7ea7\u548c\u9ad8\u65b0\u6280\u672f\u4eba\u5458 144 \u5b66\u65f6\u3002", None))
        self.rule_group.setTitle(QCoreApplication.translate("HourRulesDialog", u"\u89c4\u5b9a\u5185\u5bb9", None))
        self.year_label.setText(QCoreApplication.translate("HourRulesDialog", u"\u8d77\u59cb\u5e74\u5ea6", None))
        self.standard_label.setText(QCoreApplication.translate("HourRulesDialog", u"\u4e00\u822c\u4eba\u5458\u603b\u5b66\u65f6", None))
        self.senior_label.setText(QCoreApplication.translate("HourRulesDialog", u"\u6b63\u526f\u9ad8\u7ea7\u3001\u9ad8\u65b0\u6280\u672f\u4eba\u5458", None))
        self.public_required_label.setText(QCoreApplication.translate("HourRulesDialog", u"\u516c\u9700\u8bfe\u00b7\u5fc5\u4fee\u6700\u4f4e", None))
        self.public_required_edit.setPlaceholderText(QCoreApplication.translate("HourRulesDialog", u"\u4e0d\u9650\uff1b\u5b66\u65f6\u5982 24\uff0c\u6216\u6bd4\u4f8b\u5982 1/4\u300125%", None))
        self.public_elective_label.setText(QCoreApplication.translate("HourRulesDialog", u"\u516c\u9700\u8bfe\u00b7\u9009\u4fee\u6700\u4f4e", None))
        self.public_elective_edit.setPlaceholderText(QCoreApplication.translate("HourRulesDialog", u"\u4e0d\u9650", None))
        self.professional_label.setText(QCoreApplication.translate("HourRulesDialog", u"\u4e13\u4e1a\u8bfe\u6700\u4f4e", None))
        self.professional_edit.setPlaceholderText(QCoreApplication.translate("HourRulesDialog", u"\u4e0d\u9650\uff1b\u5982 2/3\uff08\u4eba\u793e\u90e8\u4ee4\u7b2c25\u53f7\uff1a\u4e00\u822c\u4e0d\u5c11\u4e8e\u603b\u5b66\u65f6\u7684\u4e09\u5206\u4e4b\u4e8c\uff09", None))
        self.courses_label.setText(QCoreApplication.translate("HourRulesDialog", u"\u5fc5\u4fee\u7684\u516c\u9700\u8bfe", None))
        self.courses_edit.setPlaceholderText(QCoreApplication.translate("HourRulesDialog", u"\u6bcf\u884c\u4e00\u95e8\u8bfe\u7a0b\u540d\u79f0", None))
        self.register_by_label.setText(QCoreApplication.translate("HourRulesDialog", u"\u767b\u8bb0\u622a\u6b62\uff08\u6708-\u65e5\uff09", None))
        self.register_by_edit.setText(QCoreApplication.translate("HourRulesDialog", u"12-31", None))
        self.verify_by_label.setText(QCoreApplication.translate("HourRulesDialog", u"\u9a8c\u8bc1\u622a\u6b62\uff08\u6b21\u5e74\uff0c\u6708-\u65e5\uff09", None))
        self.verify_by_edit.setText(QCoreApplication.translate("HourRulesDialog", u"01-20", None))
        self.document_number_label.setText(QCoreApplication.translate("HourRulesDialog", u"\u4f9d\u636e\u6587\u4ef6\u6587\u53f7", None))
        self.document_number_edit.setPlaceholderText(QCoreApplication.translate("HourRulesDialog", u"\u5982 \u6d25\u4eba\u793e\u529e\u53d1\u30142025\u30153\u53f7", None))
        self.document_title_label.setText(QCoreApplication.translate("HourRulesDialog", u"\u4f9d\u636e\u6587\u4ef6\u6807\u9898", None))
        self.status_label.setText("")
        self.new_button.setText(QCoreApplication.translate("HourRulesDialog", u"\u65b0\u7684\u5e74\u5ea6\u89c4\u5b9a", None))
        self.save_button.setText(QCoreApplication.translate("HourRulesDialog", u"\u4fdd\u5b58\u89c4\u5b9a", None))
    # retranslateUi

