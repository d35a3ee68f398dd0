# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'calibration_dialog.ui'
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
    QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_CalibrationDialog(object):
    def setupUi(self, CalibrationDialog):
        if not CalibrationDialog.objectName():
            CalibrationDialog.setObjectName(u"CalibrationDialog")
        CalibrationDialog.resize(460, 260)
        self.dialog_layout = QVBoxLayout(CalibrationDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.hint_label = QLabel(CalibrationDialog)
        self.hint_label.setObjectName(u"hint_label")
        self.hint_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.hint_label)

        self.calibration_form = QFormLayout()
        self.calibration_form.setObjectName(u"calibration_form")
        self.printer_label = QLabel(CalibrationDialog)
        self.printer_label.setObjectName(u"printer_label")

        self.calibration_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.printer_label)

        self.printer_edit = QLineEdit(CalibrationDialog)
        self.printer_edit.setObjectName(u"printer_edit")

        self.calibration_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.printer_edit)

        self.dx_label = QLabel(CalibrationDialog)
        self.dx_label.setObjectName(u"dx_label")

        self.calibration_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.dx_label)

        self.dx_spin = QDoubleSpinBox(CalibrationDialog)
        self.dx_spin.setObjectName(u"dx_spin")
        self.dx_spin.setDecimals(1)
        self.dx_spin.setMinimum(-30)
        self.dx_spin.setMaximum(30)

        self.calibration_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.dx_spin)

        self.dy_label = QLabel(CalibrationDialog)
        self.dy_label.setObjectName(u"dy_label")

        self.calibration_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.dy_label)

        self.dy_spin = QDoubleSpinBox(CalibrationDialog)
        self.dy_spin.setObjectName(u"dy_spin")
        self.dy_spin.setDecimals(1)
        self.dy_spin.setMinimum(-30)
        self.dy_spin.setMaximum(30)

        self.calibration_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.dy_spin)


        self.dialog_layout.addLayout(self.calibration_form)

        self.calibration_buttons = QHBoxLayout()
        self.calibration_buttons.setObjectName(u"calibration_buttons")
        self.test_page_button = QPushButton(CalibrationDialog)
        self.test_page_button.setObjectName(u"test_page_button")

        self.calibration_buttons.addWidget(self.test_page_button)

        self.calibration_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.calibration_buttons.addItem(self.calibration_spacer)


        self.dialog_layout.addLayout(self.calibration_buttons)

        self.button_box = QDialogButtonBox(CalibrationDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.dialog_layout.addWidget(self.button_box)


        self.retranslateUi(CalibrationDialog)

        QMetaObject.connectSlotsByName(CalibrationDialog)
    # setupUi

    def retranslateUi(self, CalibrationDialog):
        CalibrationDialog.setWindowTitle(QCoreApplication.translate("CalibrationDialog", u"\u8bc1\u4e66\u6253\u5370\u6821\u51c6", None))
        self.hint_label.setText(QCoreApplication.translate("CalibrationDialog", u"\u5148\u5728\u666e\u901a\u7eb8\u4e0a\u6253\u5370\u6d4b\u8bd5\u9875\uff0c\u53e0\u653e\u5728\u8bc1\u4e66\u9875\u4e0a\u5bf9\u7740\u5149\u770b\uff1b\u65b9\u6846\u504f\u53f3\u5c31\u628a X \u8c03\u5c0f\uff0c\u504f\u4e0b\u5c31\u628a Y \u8c03\u5c0f\u3002\u6bcf\u53f0\u6253\u5370\u673a\u5206\u522b\u4fdd\u5b58\u3002", None))
        self.printer_label.setText(QCoreApplication.translate("CalibrationDialog", u"\u6253\u5370\u673a", None))
        self.dx_label.setText(QCoreApplication.translate("CalibrationDialog", u"X \u504f\u79fb", None))
        self.dx_spin.setSuffix(QCoreApplication.translate("CalibrationDialog", u" \u6beb\u7c73", None))
        self.dy_label.setText(QCoreApplication.translate("CalibrationDialog", u"Y \u504f\u79fb", None))
        self.dy_spin.setSuffix(QCoreApplication.translate("CalibrationDialog", u" \u6beb\u7c73", None))
        self.test_page_button.setText(QCoreApplication.translate("CalibrationDialog", u"\u751f\u6210\u6d4b\u8bd5\u9875\u2026", None))
    # retranslateUi

