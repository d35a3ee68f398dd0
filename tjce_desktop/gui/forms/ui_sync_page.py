# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'sync_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QPushButton, QSizePolicy,
    QSpacerItem, QSplitter, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget)

class Ui_SyncPage(object):
    def setupUi(self, SyncPage):
        if not SyncPage.objectName():
            SyncPage.setObjectName(u"SyncPage")
        self.page_layout = QVBoxLayout(SyncPage)
        self.page_layout.setObjectName(u"page_layout")
        self.sync_top = QHBoxLayout()
        self.sync_top.setObjectName(u"sync_top")
        self.status_label = QLabel(SyncPage)
        self.status_label.setObjectName(u"status_label")
        self.status_label.setWordWrap(True)

        self.sync_top.addWidget(self.status_label)

        self.sync_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.sync_top.addItem(self.sync_spacer)

        self.check_button = QPushButton(SyncPage)
        self.check_button.setObjectName(u"check_button")

        self.sync_top.addWidget(self.check_button)

        self.rebuild_button = QPushButton(SyncPage)
        self.rebuild_button.setObjectName(u"rebuild_button")

        self.sync_top.addWidget(self.rebuild_button)

        self.sync_button = QPushButton(SyncPage)
        self.sync_button.setObjectName(u"sync_button")

        self.sync_top.addWidget(self.sync_button)

        self.sync_top.setStretch(0, 1)

        self.page_layout.addLayout(self.sync_top)

        self.sync_splitter = QSplitter(SyncPage)
        self.sync_splitter.setObjectName(u"sync_splitter")
        self.sync_splitter.setOrientation(Qt.Orientation.Vertical)
        self.conflicts_table = QTableWidget(self.sync_splitter)
        self.conflicts_table.setObjectName(u"conflicts_table")
        self.conflicts_table.setAlternatingRowColors(True)
        self.conflicts_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.conflicts_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.conflicts_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sync_splitter.addWidget(self.conflicts_table)
        self.detail_group = QGroupBox(self.sync_splitter)
        self.detail_group.setObjectName(u"detail_group")
        self.detail_layout = QVBoxLayout(self.detail_group)
        self.detail_layout.setObjectName(u"detail_layout")
        self.detail_label = QLabel(self.detail_group)
        self.detail_label.setObjectName(u"detail_label")
        self.detail_label.setWordWrap(True)

        self.detail_layout.addWidget(self.detail_label)

        self.fields_table = QTableWidget(self.detail_group)
        self.fields_table.setObjectName(u"fields_table")
        self.fields_table.setAlternatingRowColors(True)

        self.detail_layout.addWidget(self.fields_table)

        self.resolve_buttons = QHBoxLayout()
        self.resolve_buttons.setObjectName(u"resolve_buttons")
        self.keep_central_button = QPushButton(self.detail_group)
        self.keep_central_button.setObjectName(u"keep_central_button")

        self.resolve_buttons.addWidget(self.keep_central_button)

        self.keep_mine_button = QPushButton(self.detail_group)
        self.keep_mine_button.setObjectName(u"keep_mine_button")

        self.resolve_buttons.addWidget(self.keep_mine_button)

        self.merge_button = QPushButton(self.detail_group)
        self.merge_button.setObjectName(u"merge_button")

        self.resolve_buttons.addWidget(self.merge_button)

        self.resolve_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.resolve_buttons.addItem(self.resolve_spacer)


        self.detail_layout.addLayout(self.resolve_buttons)

        self.detail_layout.setStretch(1, 1)
        self.sync_splitter.addWidget(self.detail_group)
        self.held_group = QGroupBox(self.sync_splitter)
        self.held_group.setObjectName(u"held_group")
        self.held_layout = QVBoxLayout(self.held_group)
        self.held_layout.setObjectName(u"held_layout")
        self.held_table = QTableWidget(self.held_group)
        self.held_table.setObjectName(u"held_table")
        self.held_table.setAlternatingRowColors(True)
        self.held_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.held_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.held_layout.addWidget(self.held_table)

        self.sync_splitter.addWidget(self.held_group)

        self.page_layout.addWidget(self.sync_splitter)

        self.page_layout.setStretch(1, 1)

        self.retranslateUi(SyncPage)

        self.sync_button.setDefault(True)


        QMetaObject.connectSlotsByName(SyncPage)
    # setupUi

    def retranslateUi(self, SyncPage):
        self.status_label.setText("")
#if QT_CONFIG(tooltip)
        self.check_button.setToolTip(QCoreApplication.translate("SyncPage", u"\u9010\u8868\u6bd4\u8f83\u672c\u673a\u4e0e\u4e2d\u5fc3\u6570\u636e\u5e93\u7684\u884c\u6570\u548c\u6821\u9a8c\u548c\uff0c\u6709\u5dee\u5f02\u65f6\u91cd\u65b0\u4e0b\u8f7d\u5dee\u5f02\u90e8\u5206", None))
#endif // QT_CONFIG(tooltip)
        self.check_button.setText(QCoreApplication.translate("SyncPage", u"\u6838\u5bf9\u6570\u636e", None))
#if QT_CONFIG(tooltip)
        self.rebuild_button.setToolTip(QCoreApplication.translate("SyncPage", u"\u4ece\u4e2d\u5fc3\u6570\u636e\u5e93\u91cd\u65b0\u4e0b\u8f7d\u7ba1\u8f96\u8303\u56f4\u5185\u7684\u5168\u90e8\u6570\u636e\uff1b\u5c1a\u672a\u4e0a\u4f20\u7684\u672c\u673a\u4fee\u6539\u4f1a\u4fdd\u7559\u5e76\u5148\u4e0a\u4f20", None))
#endif // QT_CONFIG(tooltip)
        self.rebuild_button.setText(QCoreApplication.translate("SyncPage", u"\u91cd\u65b0\u4e0b\u8f7d\u5168\u90e8\u6570\u636e\u2026", None))
        self.sync_button.setText(QCoreApplication.translate("SyncPage", u"\u7acb\u5373\u540c\u6b65", None))
        self.detail_group.setTitle(QCoreApplication.translate("SyncPage", u"\u51b2\u7a81\u8be6\u60c5\uff08\u539f\u503c / \u672c\u673a / \u4e2d\u5fc3\uff09", None))
        self.detail_label.setText(QCoreApplication.translate("SyncPage", u"\u9009\u62e9\u4e00\u4e2a\u51b2\u7a81", None))
        self.keep_central_button.setText(QCoreApplication.translate("SyncPage", u"\u4fdd\u7559\u4e2d\u5fc3\u6570\u636e", None))
        self.keep_mine_button.setText(QCoreApplication.translate("SyncPage", u"\u4fdd\u7559\u672c\u673a\u6570\u636e", None))
        self.merge_button.setText(QCoreApplication.translate("SyncPage", u"\u6309\u201c\u5408\u5e76\u7ed3\u679c\u201d\u4fdd\u5b58", None))
        self.held_group.setTitle(QCoreApplication.translate("SyncPage", u"\u6682\u5b58\u7684\u4e2d\u5fc3\u6570\u636e\uff08\u5c1a\u672a\u5b58\u5165\u672c\u673a\uff0c\u6bcf\u6b21\u540c\u6b65\u90fd\u4f1a\u91cd\u8bd5\uff09", None))
        pass
    # retranslateUi

