# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'audit_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget)

class Ui_AuditPage(object):
    def setupUi(self, AuditPage):
        if not AuditPage.objectName():
            AuditPage.setObjectName(u"AuditPage")
        self.page_layout = QVBoxLayout(AuditPage)
        self.page_layout.setObjectName(u"page_layout")
        self.filter_layout = QHBoxLayout()
        self.filter_layout.setObjectName(u"filter_layout")
        self.actor_label = QLabel(AuditPage)
        self.actor_label.setObjectName(u"actor_label")

        self.filter_layout.addWidget(self.actor_label)

        self.actor_edit = QLineEdit(AuditPage)
        self.actor_edit.setObjectName(u"actor_edit")
        self.actor_edit.setClearButtonEnabled(True)
        self.actor_edit.setMaximumSize(QSize(120, 16777215))

        self.filter_layout.addWidget(self.actor_edit)

        self.action_label = QLabel(AuditPage)
        self.action_label.setObjectName(u"action_label")

        self.filter_layout.addWidget(self.action_label)

        self.action_combo = QComboBox(AuditPage)
        self.action_combo.setObjectName(u"action_combo")

        self.filter_layout.addWidget(self.action_combo)

        self.outcome_label = QLabel(AuditPage)
        self.outcome_label.setObjectName(u"outcome_label")

        self.filter_layout.addWidget(self.outcome_label)

        self.outcome_combo = QComboBox(AuditPage)
        self.outcome_combo.setObjectName(u"outcome_combo")

        self.filter_layout.addWidget(self.outcome_combo)

        self.since_label = QLabel(AuditPage)
        self.since_label.setObjectName(u"since_label")

        self.filter_layout.addWidget(self.since_label)

        self.since_edit = QLineEdit(AuditPage)
        self.since_edit.setObjectName(u"since_edit")
        self.since_edit.setMaximumSize(QSize(110, 16777215))

        self.filter_layout.addWidget(self.since_edit)

        self.until_label = QLabel(AuditPage)
        self.until_label.setObjectName(u"until_label")

        self.filter_layout.addWidget(self.until_label)

        self.until_edit = QLineEdit(AuditPage)
        self.until_edit.setObjectName(u"until_edit")
        self.until_edit.setMaximumSize(QSize(110, 16777215))

        self.filter_layout.addWidget(self.until_edit)

        self.text_label = QLabel(AuditPage)
        self.text_label.setObjectName(u"text_label")

        self.filter_layout.addWidget(self.text_label)

        self.text_edit = QLineEdit(AuditPage)
        self.text_edit.setObjectName(u"text_edit")
        self.text_edit.setClearButtonEnabled(True)

        self.filter_layout.addWidget(self.text_edit)

        self.query_button = QPushButton(AuditPage)
        self.query_button.setObjectName(u"query_button")

        self.filter_layout.addWidget(self.query_button)


        self.page_layout.addLayout(self.filter_layout)

        self.log_table = QTableWidget(AuditPage)
        self.log_table.setObjectName(u"log_table")
        self.log_table.setAlternatingRowColors(True)
        self.log_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.log_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.page_layout.addWidget(self.log_table)

        self.log_buttons = QHBoxLayout()
        self.log_buttons.setObjectName(u"log_buttons")
        self.count_label = QLabel(AuditPage)
        self.count_label.setObjectName(u"count_label")

        self.log_buttons.addWidget(self.count_label)

        self.log_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.log_buttons.addItem(self.log_spacer)

        self.verify_button = QPushButton(AuditPage)
        self.verify_button.setObjectName(u"verify_button")

        self.log_buttons.addWidget(self.verify_button)

        self.export_button = QPushButton(AuditPage)
        self.export_button.setObjectName(u"export_button")

        self.log_buttons.addWidget(self.export_button)


        self.page_layout.addLayout(self.log_buttons)

        self.page_layout.setStretch(1, 1)

        self.retranslateUi(AuditPage)

        self.query_button.setDefault(True)


        QMetaObject.connectSlotsByName(AuditPage)
    # setupUi

    def retranslateUi(self, AuditPage):
        self.actor_label.setText(QCoreApplication.translate("AuditPage", u"\u64cd\u4f5c\u4eba", None))
        self.action_label.setText(QCoreApplication.translate("AuditPage", u"\u64cd\u4f5c", None))
        self.outcome_label.setText(QCoreApplication.translate("AuditPage", u"\u7ed3\u679c", None))
        self.since_label.setText(QCoreApplication.translate("AuditPage", u"\u65e5\u671f", None))
        self.since_edit.setPlaceholderText(QCoreApplication.translate("AuditPage", u"YYYY-MM-DD", None))
        self.until_label.setText(QCoreApplication.translate("AuditPage", u"\u81f3", None))
        self.until_edit.setPlaceholderText(QCoreApplication.translate("AuditPage", u"YYYY-MM-DD", None))
        self.text_label.setText(QCoreApplication.translate("AuditPage", u"\u5173\u952e\u5b57", None))
        self.query_button.setText(QCoreApplication.translate("AuditPage", u"\u67e5\u8be2", None))
        self.count_label.setText("")
        self.verify_button.setText(QCoreApplication.translate("AuditPage", u"\u68c0\u67e5\u65e5\u5fd7\u5b8c\u6574\u6027", None))
        self.export_button.setText(QCoreApplication.translate("AuditPage", u"\u5bfc\u51fa\u2026", None))
        pass
    # retranslateUi

