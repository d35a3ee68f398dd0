# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'reports_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPushButton, QSizePolicy, QSpacerItem, QSplitter,
    QTableView, QVBoxLayout, QWidget)

from tjce_desktop.gui.bar_chart import BarChart

class Ui_ReportsPage(object):
    def setupUi(self, ReportsPage):
        if not ReportsPage.objectName():
            ReportsPage.setObjectName(u"ReportsPage")
        ReportsPage.resize(1000, 640)
        self.page_layout = QVBoxLayout(ReportsPage)
        self.page_layout.setObjectName(u"page_layout")
        self.heading_layout = QHBoxLayout()
        self.heading_layout.setObjectName(u"heading_layout")
        self.scope_label = QLabel(ReportsPage)
        self.scope_label.setObjectName(u"scope_label")

        self.heading_layout.addWidget(self.scope_label)

        self.heading_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.heading_layout.addItem(self.heading_spacer)

        self.hint_label = QLabel(ReportsPage)
        self.hint_label.setObjectName(u"hint_label")

        self.heading_layout.addWidget(self.hint_label)


        self.page_layout.addLayout(self.heading_layout)

        self.controls_layout = QHBoxLayout()
        self.controls_layout.setObjectName(u"controls_layout")
        self.report_label = QLabel(ReportsPage)
        self.report_label.setObjectName(u"report_label")

        self.controls_layout.addWidget(self.report_label)

        self.report_combo = QComboBox(ReportsPage)
        self.report_combo.addItem("")
        self.report_combo.addItem("")
        self.report_combo.addItem("")
        self.report_combo.addItem("")
        self.report_combo.addItem("")
        self.report_combo.setObjectName(u"report_combo")

        self.controls_layout.addWidget(self.report_combo)

        self.plan_label = QLabel(ReportsPage)
        self.plan_label.setObjectName(u"plan_label")

        self.controls_layout.addWidget(self.plan_label)

        self.plan_combo = QComboBox(ReportsPage)
        self.plan_combo.setObjectName(u"plan_combo")
        self.plan_combo.setMinimumSize(QSize(260, 0))

        self.controls_layout.addWidget(self.plan_combo)

        self.by_child_check = QCheckBox(ReportsPage)
        self.by_child_check.setObjectName(u"by_child_check")

        self.controls_layout.addWidget(self.by_child_check)

        self.status_combo = QComboBox(ReportsPage)
        self.status_combo.addItem("")
        self.status_combo.addItem("")
        self.status_combo.addItem("")
        self.status_combo.addItem("")
        self.status_combo.setObjectName(u"status_combo")

        self.controls_layout.addWidget(self.status_combo)

        self.exam_status_combo = QComboBox(ReportsPage)
        self.exam_status_combo.addItem("")
        self.exam_status_combo.addItem("")
        self.exam_status_combo.addItem("")
        self.exam_status_combo.addItem("")
        self.exam_status_combo.setObjectName(u"exam_status_combo")

        self.controls_layout.addWidget(self.exam_status_combo)

        self.who_edit = QLineEdit(ReportsPage)
        self.who_edit.setObjectName(u"who_edit")
        self.who_edit.setClearButtonEnabled(True)

        self.controls_layout.addWidget(self.who_edit)

        self.run_button = QPushButton(ReportsPage)
        self.run_button.setObjectName(u"run_button")

        self.controls_layout.addWidget(self.run_button)

        self.top_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.controls_layout.addItem(self.top_spacer)

        self.print_button = QPushButton(ReportsPage)
        self.print_button.setObjectName(u"print_button")

        self.controls_layout.addWidget(self.print_button)

        self.export_button = QPushButton(ReportsPage)
        self.export_button.setObjectName(u"export_button")

        self.controls_layout.addWidget(self.export_button)


        self.page_layout.addLayout(self.controls_layout)

        self.splitter = QSplitter(ReportsPage)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.table = QTableView(self.splitter)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.splitter.addWidget(self.table)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.verticalHeader().setVisible(False)
        self.chart = BarChart(self.splitter)
        self.chart.setObjectName(u"chart")
        self.splitter.addWidget(self.chart)

        self.page_layout.addWidget(self.splitter)

        self.status_label = QLabel(ReportsPage)
        self.status_label.setObjectName(u"status_label")

        self.page_layout.addWidget(self.status_label)

        self.page_layout.setStretch(2, 1)

        self.retranslateUi(ReportsPage)

        self.run_button.setDefault(True)


        QMetaObject.connectSlotsByName(ReportsPage)
    # setupUi

    def retranslateUi(self, ReportsPage):
        ReportsPage.setWindowTitle(QCoreApplication.translate("ReportsPage", u"\u62a5\u8868", None))
        self.scope_label.setText(QCoreApplication.translate("ReportsPage", u"\u62a5\u8868 \u00b7 \u5929\u6d25\u5e02", None))
        self.hint_label.setText(QCoreApplication.translate("ReportsPage", u"\u53cc\u51fb\u4eba\u6570\u53ef\u67e5\u770b\u5b66\u5458\u540d\u5355\uff1b\u9f20\u6807\u505c\u5728\u6bd4\u7387\u4e0a\u53ef\u770b\u516c\u5f0f\u3002", None))
        self.hint_label.setStyleSheet(QCoreApplication.translate("ReportsPage", u"color: #666;", None))
        self.report_label.setText(QCoreApplication.translate("ReportsPage", u"\u62a5\u8868", None))
        self.report_combo.setItemText(0, QCoreApplication.translate("ReportsPage", u"4.1 \u57f9\u8bad\u8ba1\u5212\u7edf\u8ba1\u603b\u8868", None))
        self.report_combo.setItemText(1, QCoreApplication.translate("ReportsPage", u"4.2 \u57f9\u8bad\u8ba1\u5212\u5b66\u5458\u8be6\u7ec6\u8868", None))
        self.report_combo.setItemText(2, QCoreApplication.translate("ReportsPage", u"4.3 \u6309\u8ba1\u5212\u7edf\u8ba1", None))
        self.report_combo.setItemText(3, QCoreApplication.translate("ReportsPage", u"4.4 \u6309\u4eba\u5458\u7edf\u8ba1\u8003\u8bd5", None))
        self.report_combo.setItemText(4, QCoreApplication.translate("ReportsPage", u"4.5 \u8003\u8bd5\u60c5\u51b5\u7edf\u8ba1", None))

        self.plan_label.setText(QCoreApplication.translate("ReportsPage", u"\u57f9\u8bad\u8ba1\u5212", None))
        self.by_child_check.setText(QCoreApplication.translate("ReportsPage", u"\u6309\u4e0b\u7ea7\u673a\u6784\u5206\u5217", None))
#if QT_CONFIG(tooltip)
        self.by_child_check.setToolTip(QCoreApplication.translate("ReportsPage", u"\u6bcf\u4e2a\u76f4\u5c5e\u4e0b\u7ea7\u673a\u6784\u4e00\u884c\uff0c\u53e6\u6709\u672c\u7ea7\u548c\u5408\u8ba1\uff08\u9700\u9009\u62e9\u57f9\u8bad\u8ba1\u5212\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.status_combo.setItemText(0, QCoreApplication.translate("ReportsPage", u"\u5168\u90e8\u5b66\u4e60\u72b6\u6001", None))
        self.status_combo.setItemText(1, QCoreApplication.translate("ReportsPage", u"\u672a\u5b66", None))
        self.status_combo.setItemText(2, QCoreApplication.translate("ReportsPage", u"\u5b66\u4e60\u4e2d", None))
        self.status_combo.setItemText(3, QCoreApplication.translate("ReportsPage", u"\u5df2\u5b66\u5b8c", None))

#if QT_CONFIG(tooltip)
        self.status_combo.setToolTip(QCoreApplication.translate("ReportsPage", u"4.2\uff1a\u6309\u5b66\u4e60\u72b6\u6001\u7b5b\u9009", None))
#endif // QT_CONFIG(tooltip)
        self.exam_status_combo.setItemText(0, QCoreApplication.translate("ReportsPage", u"\u5168\u90e8\u8003\u8bd5\u72b6\u6001", None))
        self.exam_status_combo.setItemText(1, QCoreApplication.translate("ReportsPage", u"\u5df2\u901a\u8fc7", None))
        self.exam_status_combo.setItemText(2, QCoreApplication.translate("ReportsPage", u"\u672a\u901a\u8fc7", None))
        self.exam_status_combo.setItemText(3, QCoreApplication.translate("ReportsPage", u"\u672a\u53c2\u8003", None))

#if QT_CONFIG(tooltip)
        self.exam_status_combo.setToolTip(QCoreApplication.translate("ReportsPage", u"4.4\uff1a\u6309\u8003\u8bd5\u72b6\u6001\u7b5b\u9009", None))
#endif // QT_CONFIG(tooltip)
        self.who_edit.setPlaceholderText(QCoreApplication.translate("ReportsPage", u"\u59d3\u540d\u6216\u8eab\u4efd\u8bc1\u53f7", None))
        self.run_button.setText(QCoreApplication.translate("ReportsPage", u"\u67e5\u8be2", None))
        self.print_button.setText(QCoreApplication.translate("ReportsPage", u"\u6253\u5370\u2026", None))
#if QT_CONFIG(tooltip)
        self.print_button.setToolTip(QCoreApplication.translate("ReportsPage", u"\u4fdd\u5b58\u4e3a PDF\uff08A4 \u6a2a\u5411\uff0c\u5185\u5d4c\u4e2d\u6587\u5b57\u4f53\uff0c\u5e26\u9875\u7801\uff09\u5e76\u6253\u5f00", None))
#endif // QT_CONFIG(tooltip)
        self.export_button.setText(QCoreApplication.translate("ReportsPage", u"\u5bfc\u51fa\u2026", None))
#if QT_CONFIG(tooltip)
        self.export_button.setToolTip(QCoreApplication.translate("ReportsPage", u"\u5bfc\u51fa\u4e3a .xlsx\uff08\u542b\u6807\u9898\u3001\u7b5b\u9009\u6761\u4ef6\u3001\u5408\u8ba1\u884c\u548c\u56fe\u8868\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.status_label.setText("")
    # retranslateUi

