# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'plan_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDateEdit, QDialog,
    QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QSpinBox, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_PlanDialog(object):
    def setupUi(self, PlanDialog):
        if not PlanDialog.objectName():
            PlanDialog.setObjectName(u"PlanDialog")
        PlanDialog.resize(760, 640)
        self.dialog_layout = QVBoxLayout(PlanDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.head_layout = QFormLayout()
        self.head_layout.setObjectName(u"head_layout")
        self.name_label = QLabel(PlanDialog)
        self.name_label.setObjectName(u"name_label")

        self.head_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.name_label)

        self.name_edit = QLineEdit(PlanDialog)
        self.name_edit.setObjectName(u"name_edit")

        self.head_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name_edit)

        self.year_label = QLabel(PlanDialog)
        self.year_label.setObjectName(u"year_label")

        self.head_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.year_label)

        self.year_spin = QSpinBox(PlanDialog)
        self.year_spin.setObjectName(u"year_spin")
        self.year_spin.setMinimum(2000)
        self.year_spin.setMaximum(2100)

        self.head_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.year_spin)

        self.period_label = QLabel(PlanDialog)
        self.period_label.setObjectName(u"period_label")

        self.head_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.period_label)

        self.period_layout = QHBoxLayout()
        self.period_layout.setObjectName(u"period_layout")
        self.starts_edit = QDateEdit(PlanDialog)
        self.starts_edit.setObjectName(u"starts_edit")
        self.starts_edit.setCalendarPopup(True)

        self.period_layout.addWidget(self.starts_edit)

        self.period_to = QLabel(PlanDialog)
        self.period_to.setObjectName(u"period_to")

        self.period_layout.addWidget(self.period_to)

        self.ends_edit = QDateEdit(PlanDialog)
        self.ends_edit.setObjectName(u"ends_edit")
        self.ends_edit.setCalendarPopup(True)

        self.period_layout.addWidget(self.ends_edit)

        self.period_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.period_layout.addItem(self.period_spacer)


        self.head_layout.setLayout(2, QFormLayout.ItemRole.FieldRole, self.period_layout)

        self.description_label = QLabel(PlanDialog)
        self.description_label.setObjectName(u"description_label")

        self.head_layout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.description_label)

        self.description_edit = QLineEdit(PlanDialog)
        self.description_edit.setObjectName(u"description_edit")

        self.head_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.description_edit)


        self.dialog_layout.addLayout(self.head_layout)

        self.course_group = QGroupBox(PlanDialog)
        self.course_group.setObjectName(u"course_group")
        self.course_layout = QVBoxLayout(self.course_group)
        self.course_layout.setObjectName(u"course_layout")
        self.course_table = QTableWidget(self.course_group)
        self.course_table.setObjectName(u"course_table")
        self.course_table.setAlternatingRowColors(True)

        self.course_layout.addWidget(self.course_table)

        self.course_buttons = QHBoxLayout()
        self.course_buttons.setObjectName(u"course_buttons")
        self.course_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.course_buttons.addItem(self.course_spacer)

        self.add_course_button = QPushButton(self.course_group)
        self.add_course_button.setObjectName(u"add_course_button")

        self.course_buttons.addWidget(self.add_course_button)

        self.remove_course_button = QPushButton(self.course_group)
        self.remove_course_button.setObjectName(u"remove_course_button")

        self.course_buttons.addWidget(self.remove_course_button)


        self.course_layout.addLayout(self.course_buttons)


        self.dialog_layout.addWidget(self.course_group)

        self.exam_group = QGroupBox(PlanDialog)
        self.exam_group.setObjectName(u"exam_group")
        self.exam_layout = QVBoxLayout(self.exam_group)
        self.exam_layout.setObjectName(u"exam_layout")
        self.exam_table = QTableWidget(self.exam_group)
        self.exam_table.setObjectName(u"exam_table")
        self.exam_table.setAlternatingRowColors(True)

        self.exam_layout.addWidget(self.exam_table)

        self.exam_buttons = QHBoxLayout()
        self.exam_buttons.setObjectName(u"exam_buttons")
        self.exam_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.exam_buttons.addItem(self.exam_spacer)

        self.add_exam_button = QPushButton(self.exam_group)
        self.add_exam_button.setObjectName(u"add_exam_button")

        self.exam_buttons.addWidget(self.add_exam_button)

        self.remove_exam_button = QPushButton(self.exam_group)
        self.remove_exam_button.setObjectName(u"remove_exam_button")

        self.exam_buttons.addWidget(self.remove_exam_button)


        self.exam_layout.addLayout(self.exam_buttons)


        self.dialog_layout.addWidget(self.exam_group)

        self.problems_label = QLabel(PlanDialog)
        self.problems_label.setObjectName(u"problems_label")
        self.problems_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.problems_label)

        self.button_box = QDialogButtonBox(PlanDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.dialog_layout.addWidget(self.button_box)

        self.dialog_layout.setStretch(1, 3)
        self.dialog_layout.setStretch(2, 2)

        self.retranslateUi(PlanDialog)

        QMetaObject.connectSlotsByName(PlanDialog)
    # setupUi

    def retranslateUi(self, PlanDialog):
        PlanDialog.setWindowTitle(QCoreApplication.translate("PlanDialog", u"\u57f9\u8bad\u8ba1\u5212", None))
        self.name_label.setText(QCoreApplication.translate("PlanDialog", u"\u8ba1\u5212\u540d\u79f0", None))
        self.year_label.setText(QCoreApplication.translate("PlanDialog", u"\u5e74\u5ea6", None))
        self.period_label.setText(QCoreApplication.translate("PlanDialog", u"\u8ba1\u5212\u65f6\u95f4", None))
        self.starts_edit.setDisplayFormat(QCoreApplication.translate("PlanDialog", u"yyyy-MM-dd", None))
        self.period_to.setText(QCoreApplication.translate("PlanDialog", u"\u81f3", None))
        self.ends_edit.setDisplayFormat(QCoreApplication.translate("PlanDialog", u"yyyy-MM-dd", None))
        self.description_label.setText(QCoreApplication.translate("PlanDialog", u"\u8bf4\u660e", None))
        self.course_group.setTitle(QCoreApplication.translate("PlanDialog", u"\u8bfe\u7a0b", None))
        self.add_course_button.setText(QCoreApplication.translate("PlanDialog", u"\u6dfb\u52a0", None))
        self.remove_course_button.setText(QCoreApplication.translate("PlanDialog", u"\u5220\u9664\u6240\u9009", None))
        self.exam_group.setTitle(QCoreApplication.translate("PlanDialog", u"\u8003\u8bd5", None))
        self.add_exam_button.setText(QCoreApplication.translate("PlanDialog", u"\u6dfb\u52a0", None))
        self.remove_exam_button.setText(QCoreApplication.translate("PlanDialog", u"\u5220\u9664\u6240\u9009", None))
        self.problems_label.setText("")
        self.problems_label.setStyleSheet(QCoreApplication.translate("PlanDialog", u"color: #b00020;", None))
    # retranslateUi

