# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'plans_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QPushButton, QSizePolicy, QSpacerItem,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_PlansPage(object):
    def setupUi(self, PlansPage):
        if not PlansPage.objectName():
            PlansPage.setObjectName(u"PlansPage")
        self.page_layout = QVBoxLayout(PlansPage)
        self.page_layout.setObjectName(u"page_layout")
        self.plan_buttons = QHBoxLayout()
        self.plan_buttons.setObjectName(u"plan_buttons")
        self.plans_hint = QLabel(PlansPage)
        self.plans_hint.setObjectName(u"plans_hint")

        self.plan_buttons.addWidget(self.plans_hint)

        self.plans_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.plan_buttons.addItem(self.plans_spacer)

        self.new_button = QPushButton(PlansPage)
        self.new_button.setObjectName(u"new_button")

        self.plan_buttons.addWidget(self.new_button)

        self.edit_button = QPushButton(PlansPage)
        self.edit_button.setObjectName(u"edit_button")

        self.plan_buttons.addWidget(self.edit_button)

        self.close_button = QPushButton(PlansPage)
        self.close_button.setObjectName(u"close_button")

        self.plan_buttons.addWidget(self.close_button)

        self.delete_button = QPushButton(PlansPage)
        self.delete_button.setObjectName(u"delete_button")

        self.plan_buttons.addWidget(self.delete_button)


        self.page_layout.addLayout(self.plan_buttons)

        self.plans_table = QTableWidget(PlansPage)
        self.plans_table.setObjectName(u"plans_table")
        self.plans_table.setAlternatingRowColors(True)
        self.plans_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.plans_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.plans_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.page_layout.addWidget(self.plans_table)

        self.page_layout.setStretch(1, 1)

        self.retranslateUi(PlansPage)

        QMetaObject.connectSlotsByName(PlansPage)
    # setupUi

    def retranslateUi(self, PlansPage):
        self.plans_hint.setText("")
        self.new_button.setText(QCoreApplication.translate("PlansPage", u"\u65b0\u5efa\u8ba1\u5212\u2026", None))
        self.edit_button.setText(QCoreApplication.translate("PlansPage", u"\u7f16\u8f91\u2026", None))
        self.close_button.setText(QCoreApplication.translate("PlansPage", u"\u5173\u95ed\u8ba1\u5212", None))
        self.delete_button.setText(QCoreApplication.translate("PlansPage", u"\u5220\u9664", None))
        pass
    # retranslateUi

