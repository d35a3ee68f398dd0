# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'compliance_page.ui'
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
    QSpinBox, QSplitter, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget)

from tjce_desktop.gui.bar_chart import BarChart

class Ui_CompliancePage(object):
    def setupUi(self, CompliancePage):
        if not CompliancePage.objectName():
            CompliancePage.setObjectName(u"CompliancePage")
        self.page_layout = QVBoxLayout(CompliancePage)
        self.page_layout.setObjectName(u"page_layout")
        self.compliance_top = QHBoxLayout()
        self.compliance_top.setObjectName(u"compliance_top")
        self.scope_label = QLabel(CompliancePage)
        self.scope_label.setObjectName(u"scope_label")

        self.compliance_top.addWidget(self.scope_label)

        self.year_label = QLabel(CompliancePage)
        self.year_label.setObjectName(u"year_label")

        self.compliance_top.addWidget(self.year_label)

        self.year_spin = QSpinBox(CompliancePage)
        self.year_spin.setObjectName(u"year_spin")
        self.year_spin.setMinimum(2002)
        self.year_spin.setMaximum(2100)

        self.compliance_top.addWidget(self.year_spin)

        self.refresh_button = QPushButton(CompliancePage)
        self.refresh_button.setObjectName(u"refresh_button")

        self.compliance_top.addWidget(self.refresh_button)

        self.compliance_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.compliance_top.addItem(self.compliance_spacer)

        self.export_button = QPushButton(CompliancePage)
        self.export_button.setObjectName(u"export_button")

        self.compliance_top.addWidget(self.export_button)


        self.page_layout.addLayout(self.compliance_top)

        self.deadline_label = QLabel(CompliancePage)
        self.deadline_label.setObjectName(u"deadline_label")
        self.deadline_label.setWordWrap(True)

        self.page_layout.addWidget(self.deadline_label)

        self.compliance_splitter = QSplitter(CompliancePage)
        self.compliance_splitter.setObjectName(u"compliance_splitter")
        self.compliance_splitter.setOrientation(Qt.Orientation.Vertical)
        self.compliance_table = QTableWidget(self.compliance_splitter)
        self.compliance_table.setObjectName(u"compliance_table")
        self.compliance_table.setAlternatingRowColors(True)
        self.compliance_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.compliance_splitter.addWidget(self.compliance_table)
        self.chart = BarChart(self.compliance_splitter)
        self.chart.setObjectName(u"chart")
        self.compliance_splitter.addWidget(self.chart)

        self.page_layout.addWidget(self.compliance_splitter)

        self.page_layout.setStretch(2, 1)

        self.retranslateUi(CompliancePage)

        self.refresh_button.setDefault(True)


        QMetaObject.connectSlotsByName(CompliancePage)
    # setupUi

    def retranslateUi(self, CompliancePage):
        self.scope_label.setText("")
        self.year_label.setText(QCoreApplication.translate("CompliancePage", u"\u5e74\u5ea6", None))
        self.refresh_button.setText(QCoreApplication.translate("CompliancePage", u"\u7edf\u8ba1", None))
        self.export_button.setText(QCoreApplication.translate("CompliancePage", u"\u5bfc\u51fa\u50ac\u529e\u540d\u5355\u2026", None))
        self.deadline_label.setText("")
        self.deadline_label.setStyleSheet(QCoreApplication.translate("CompliancePage", u"font-size: 11pt;", None))
        pass
    # retranslateUi

