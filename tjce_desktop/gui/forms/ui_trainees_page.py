# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'trainees_page.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
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
    QLabel, QSizePolicy, QSpacerItem, QTableView,
    QVBoxLayout, QWidget)

class Ui_TraineesPage(object):
    def setupUi(self, TraineesPage):
        if not TraineesPage.objectName():
            TraineesPage.setObjectName(u"TraineesPage")
        TraineesPage.resize(960, 640)
        self.page_layout = QVBoxLayout(TraineesPage)
        self.page_layout.setObjectName(u"page_layout")
        self.heading_layout = QHBoxLayout()
        self.heading_layout.setObjectName(u"heading_layout")
        self.scope_label = QLabel(TraineesPage)
        self.scope_label.setObjectName(u"scope_label")
        self.scope_label.setTextFormat(Qt.TextFormat.PlainText)

        self.heading_layout.addWidget(self.scope_label)

        self.heading_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.heading_layout.addItem(self.heading_spacer)

        self.count_label = QLabel(TraineesPage)
        self.count_label.setObjectName(u"count_label")

        self.heading_layout.addWidget(self.count_label)


        self.page_layout.addLayout(self.heading_layout)

        self.table = QTableView(TraineesPage)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)

        self.page_layout.addWidget(self.table)


        self.retranslateUi(TraineesPage)

        QMetaObject.connectSlotsByName(TraineesPage)
    # setupUi

    def retranslateUi(self, TraineesPage):
        TraineesPage.setWindowTitle(QCoreApplication.translate("TraineesPage", u"\u5b66\u5458\u7ba1\u7406", None))
        self.scope_label.setText(QCoreApplication.translate("TraineesPage", u"\u5929\u6d25\u5e02", None))
        self.count_label.setText(QCoreApplication.translate("TraineesPage", u"\u6b63\u5728\u7edf\u8ba1\u2026", None))
    # retranslateUi

