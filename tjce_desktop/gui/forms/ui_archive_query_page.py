# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'archive_query_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QGridLayout,
    QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QTableView, QVBoxLayout, QWidget)

class Ui_ArchiveQueryPage(object):
    def setupUi(self, ArchiveQueryPage):
        if not ArchiveQueryPage.objectName():
            ArchiveQueryPage.setObjectName(u"ArchiveQueryPage")
        self.page_layout = QVBoxLayout(ArchiveQueryPage)
        self.page_layout.setObjectName(u"page_layout")
        self.filter_group = QGroupBox(ArchiveQueryPage)
        self.filter_group.setObjectName(u"filter_group")
        self.filter_grid = QGridLayout(self.filter_group)
        self.filter_grid.setObjectName(u"filter_grid")
        self.plan_label = QLabel(self.filter_group)
        self.plan_label.setObjectName(u"plan_label")

        self.filter_grid.addWidget(self.plan_label, 0, 0, 1, 1)

        self.plan_combo = QComboBox(self.filter_group)
        self.plan_combo.setObjectName(u"plan_combo")

        self.filter_grid.addWidget(self.plan_combo, 0, 1, 1, 3)

        self.year_label = QLabel(self.filter_group)
        self.year_label.setObjectName(u"year_label")

        self.filter_grid.addWidget(self.year_label, 0, 4, 1, 1)

        self.year_combo = QComboBox(self.filter_group)
        self.year_combo.setObjectName(u"year_combo")

        self.filter_grid.addWidget(self.year_combo, 0, 5, 1, 1)

        self.status_label = QLabel(self.filter_group)
        self.status_label.setObjectName(u"status_label")

        self.filter_grid.addWidget(self.status_label, 0, 6, 1, 1)

        self.status_combo = QComboBox(self.filter_group)
        self.status_combo.setObjectName(u"status_combo")

        self.filter_grid.addWidget(self.status_combo, 0, 7, 1, 1)

        self.exam_label = QLabel(self.filter_group)
        self.exam_label.setObjectName(u"exam_label")

        self.filter_grid.addWidget(self.exam_label, 1, 0, 1, 1)

        self.exam_combo = QComboBox(self.filter_group)
        self.exam_combo.setObjectName(u"exam_combo")

        self.filter_grid.addWidget(self.exam_combo, 1, 1, 1, 1)

        self.stamp_label = QLabel(self.filter_group)
        self.stamp_label.setObjectName(u"stamp_label")

        self.filter_grid.addWidget(self.stamp_label, 1, 2, 1, 1)

        self.stamp_combo = QComboBox(self.filter_group)
        self.stamp_combo.setObjectName(u"stamp_combo")

        self.filter_grid.addWidget(self.stamp_combo, 1, 3, 1, 1)

        self.title_label = QLabel(self.filter_group)
        self.title_label.setObjectName(u"title_label")

        self.filter_grid.addWidget(self.title_label, 1, 4, 1, 1)

        self.title_combo = QComboBox(self.filter_group)
        self.title_combo.setObjectName(u"title_combo")

        self.filter_grid.addWidget(self.title_combo, 1, 5, 1, 1)

        self.post_label = QLabel(self.filter_group)
        self.post_label.setObjectName(u"post_label")

        self.filter_grid.addWidget(self.post_label, 1, 6, 1, 1)

        self.post_combo = QComboBox(self.filter_group)
        self.post_combo.setObjectName(u"post_combo")

        self.filter_grid.addWidget(self.post_combo, 1, 7, 1, 1)

        self.finished_label = QLabel(self.filter_group)
        self.finished_label.setObjectName(u"finished_label")

        self.filter_grid.addWidget(self.finished_label, 2, 0, 1, 1)

        self.finished_layout = QHBoxLayout()
        self.finished_layout.setObjectName(u"finished_layout")
        self.finished_from_edit = QLineEdit(self.filter_group)
        self.finished_from_edit.setObjectName(u"finished_from_edit")
        self.finished_from_edit.setClearButtonEnabled(True)

        self.finished_layout.addWidget(self.finished_from_edit)

        self.finished_to_label = QLabel(self.filter_group)
        self.finished_to_label.setObjectName(u"finished_to_label")

        self.finished_layout.addWidget(self.finished_to_label)

        self.finished_to_edit = QLineEdit(self.filter_group)
        self.finished_to_edit.setObjectName(u"finished_to_edit")
        self.finished_to_edit.setClearButtonEnabled(True)

        self.finished_layout.addWidget(self.finished_to_edit)


        self.filter_grid.addLayout(self.finished_layout, 2, 1, 1, 1)

        self.hours_label = QLabel(self.filter_group)
        self.hours_label.setObjectName(u"hours_label")

        self.filter_grid.addWidget(self.hours_label, 2, 2, 1, 1)

        self.hours_layout = QHBoxLayout()
        self.hours_layout.setObjectName(u"hours_layout")
        self.hours_min_edit = QLineEdit(self.filter_group)
        self.hours_min_edit.setObjectName(u"hours_min_edit")
        self.hours_min_edit.setClearButtonEnabled(True)

        self.hours_layout.addWidget(self.hours_min_edit)

        self.hours_to_label = QLabel(self.filter_group)
        self.hours_to_label.setObjectName(u"hours_to_label")

        self.hours_layout.addWidget(self.hours_to_label)

        self.hours_max_edit = QLineEdit(self.filter_group)
        self.hours_max_edit.setObjectName(u"hours_max_edit")
        self.hours_max_edit.setClearButtonEnabled(True)

        self.hours_layout.addWidget(self.hours_max_edit)


        self.filter_grid.addLayout(self.hours_layout, 2, 3, 1, 1)

        self.who_label = QLabel(self.filter_group)
        self.who_label.setObjectName(u"who_label")

        self.filter_grid.addWidget(self.who_label, 2, 4, 1, 1)

        self.who_edit = QLineEdit(self.filter_group)
        self.who_edit.setObjectName(u"who_edit")
        self.who_edit.setClearButtonEnabled(True)

        self.filter_grid.addWidget(self.who_edit, 2, 5, 1, 1)

        self.active_label = QLabel(self.filter_group)
        self.active_label.setObjectName(u"active_label")

        self.filter_grid.addWidget(self.active_label, 2, 6, 1, 1)

        self.active_combo = QComboBox(self.filter_group)
        self.active_combo.setObjectName(u"active_combo")

        self.filter_grid.addWidget(self.active_combo, 2, 7, 1, 1)

        self.saved_layout = QHBoxLayout()
        self.saved_layout.setObjectName(u"saved_layout")
        self.saved_label = QLabel(self.filter_group)
        self.saved_label.setObjectName(u"saved_label")

        self.saved_layout.addWidget(self.saved_label)

        self.saved_combo = QComboBox(self.filter_group)
        self.saved_combo.setObjectName(u"saved_combo")
        self.saved_combo.setMinimumSize(QSize(180, 0))

        self.saved_layout.addWidget(self.saved_combo)

        self.save_filter_button = QPushButton(self.filter_group)
        self.save_filter_button.setObjectName(u"save_filter_button")

        self.saved_layout.addWidget(self.save_filter_button)

        self.delete_filter_button = QPushButton(self.filter_group)
        self.delete_filter_button.setObjectName(u"delete_filter_button")

        self.saved_layout.addWidget(self.delete_filter_button)

        self.filter_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.saved_layout.addItem(self.filter_spacer)

        self.reset_button = QPushButton(self.filter_group)
        self.reset_button.setObjectName(u"reset_button")

        self.saved_layout.addWidget(self.reset_button)

        self.query_button = QPushButton(self.filter_group)
        self.query_button.setObjectName(u"query_button")

        self.saved_layout.addWidget(self.query_button)


        self.filter_grid.addLayout(self.saved_layout, 3, 0, 1, 8)


        self.page_layout.addWidget(self.filter_group)

        self.tick_layout = QHBoxLayout()
        self.tick_layout.setObjectName(u"tick_layout")
        self.count_label = QLabel(ArchiveQueryPage)
        self.count_label.setObjectName(u"count_label")

        self.tick_layout.addWidget(self.count_label)

        self.tick_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.tick_layout.addItem(self.tick_spacer)

        self.ticked_label = QLabel(ArchiveQueryPage)
        self.ticked_label.setObjectName(u"ticked_label")

        self.tick_layout.addWidget(self.ticked_label)

        self.tick_selected_button = QPushButton(ArchiveQueryPage)
        self.tick_selected_button.setObjectName(u"tick_selected_button")

        self.tick_layout.addWidget(self.tick_selected_button)

        self.tick_all_button = QPushButton(ArchiveQueryPage)
        self.tick_all_button.setObjectName(u"tick_all_button")

        self.tick_layout.addWidget(self.tick_all_button)

        self.untick_button = QPushButton(ArchiveQueryPage)
        self.untick_button.setObjectName(u"untick_button")

        self.tick_layout.addWidget(self.untick_button)


        self.page_layout.addLayout(self.tick_layout)

        self.table = QTableView(ArchiveQueryPage)
        self.table.setObjectName(u"table")
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

        self.page_layout.addWidget(self.table)

        self.action_layout = QHBoxLayout()
        self.action_layout.setObjectName(u"action_layout")
        self.export_button = QPushButton(ArchiveQueryPage)
        self.export_button.setObjectName(u"export_button")

        self.action_layout.addWidget(self.export_button)

        self.not_enrolled_button = QPushButton(ArchiveQueryPage)
        self.not_enrolled_button.setObjectName(u"not_enrolled_button")

        self.action_layout.addWidget(self.not_enrolled_button)

        self.stamping_list_button = QPushButton(ArchiveQueryPage)
        self.stamping_list_button.setObjectName(u"stamping_list_button")

        self.action_layout.addWidget(self.stamping_list_button)

        self.action_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.action_layout.addItem(self.action_spacer)

        self.stamp_button = QPushButton(ArchiveQueryPage)
        self.stamp_button.setObjectName(u"stamp_button")

        self.action_layout.addWidget(self.stamp_button)

        self.unstamp_button = QPushButton(ArchiveQueryPage)
        self.unstamp_button.setObjectName(u"unstamp_button")

        self.action_layout.addWidget(self.unstamp_button)

        self.print_button = QPushButton(ArchiveQueryPage)
        self.print_button.setObjectName(u"print_button")

        self.action_layout.addWidget(self.print_button)


        self.page_layout.addLayout(self.action_layout)

        self.page_layout.setStretch(2, 1)

        self.retranslateUi(ArchiveQueryPage)

        self.query_button.setDefault(True)


        QMetaObject.connectSlotsByName(ArchiveQueryPage)
    # setupUi

    def retranslateUi(self, ArchiveQueryPage):
        self.filter_group.setTitle(QCoreApplication.translate("ArchiveQueryPage", u"\u67e5\u8be2\u6761\u4ef6", None))
        self.plan_label.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u57f9\u8bad\u8ba1\u5212", None))
        self.year_label.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u5e74\u5ea6", None))
        self.status_label.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u5b66\u4e60\u72b6\u6001", None))
        self.exam_label.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u8003\u8bd5", None))
        self.stamp_label.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u76d6\u7ae0\u72b6\u6001", None))
        self.title_label.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u804c\u79f0", None))
        self.post_label.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u5c97\u4f4d\u7c7b\u522b", None))
        self.finished_label.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u5b8c\u6210\u65e5\u671f", None))
        self.finished_from_edit.setPlaceholderText(QCoreApplication.translate("ArchiveQueryPage", u"YYYY-MM-DD", None))
        self.finished_to_label.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u81f3", None))
        self.finished_to_edit.setPlaceholderText(QCoreApplication.translate("ArchiveQueryPage", u"YYYY-MM-DD", None))
        self.hours_label.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u5b66\u65f6", None))
        self.hours_min_edit.setPlaceholderText(QCoreApplication.translate("ArchiveQueryPage", u"\u4e0d\u9650", None))
        self.hours_to_label.setText(QCoreApplication.translate("ArchiveQueryPage", u"\uff5e", None))
        self.hours_max_edit.setPlaceholderText(QCoreApplication.translate("ArchiveQueryPage", u"\u4e0d\u9650", None))
        self.who_label.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u59d3\u540d/\u8eab\u4efd\u8bc1\u53f7", None))
        self.who_edit.setPlaceholderText(QCoreApplication.translate("ArchiveQueryPage", u"\u59d3\u540d\u7684\u4e00\u90e8\u5206\uff0c\u6216\u8eab\u4efd\u8bc1\u53f7\uff08\u672b\u51e0\u4f4d\uff09", None))
        self.active_label.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u5b66\u5458\u72b6\u6001", None))
        self.saved_label.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u5e38\u7528\u6761\u4ef6", None))
        self.save_filter_button.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u4fdd\u5b58\u6761\u4ef6\u2026", None))
        self.delete_filter_button.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u5220\u9664", None))
        self.reset_button.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u91cd\u7f6e", None))
        self.query_button.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u67e5\u8be2", None))
        self.count_label.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u8bf7\u9009\u62e9\u673a\u6784", None))
        self.ticked_label.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u672a\u52fe\u9009", None))
        self.tick_selected_button.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u52fe\u9009\u6240\u9009\u884c", None))
#if QT_CONFIG(tooltip)
        self.tick_selected_button.setToolTip(QCoreApplication.translate("ArchiveQueryPage", u"\u52fe\u9009\u8868\u683c\u4e2d\u9009\u4e2d\u7684\u884c\uff08\u53ef\u7528 Shift/Ctrl \u9009\u62e9\u4e00\u6bb5\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.tick_all_button.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u52fe\u9009\u5168\u90e8\u7ed3\u679c", None))
#if QT_CONFIG(tooltip)
        self.tick_all_button.setToolTip(QCoreApplication.translate("ArchiveQueryPage", u"\u52fe\u9009\u67e5\u8be2\u7ed3\u679c\u7684\u5168\u90e8\u6863\u6848\uff0c\u5305\u62ec\u5c1a\u672a\u663e\u793a\u7684", None))
#endif // QT_CONFIG(tooltip)
        self.untick_button.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u53d6\u6d88\u52fe\u9009", None))
        self.export_button.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u5bfc\u51fa\u2026", None))
#if QT_CONFIG(tooltip)
        self.export_button.setToolTip(QCoreApplication.translate("ArchiveQueryPage", u"\u628a\u52fe\u9009\u7684\u6863\u6848\uff08\u672a\u52fe\u9009\u65f6\u4e3a\u5168\u90e8\u7ed3\u679c\uff09\u5bfc\u51fa\u4e3a Excel", None))
#endif // QT_CONFIG(tooltip)
        self.not_enrolled_button.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u5bfc\u51fa\u672a\u53c2\u8bad\u4eba\u5458\u2026", None))
#if QT_CONFIG(tooltip)
        self.not_enrolled_button.setToolTip(QCoreApplication.translate("ArchiveQueryPage", u"\u672c\u673a\u6784\u8303\u56f4\u5185\u672a\u53c2\u52a0\u6240\u9009\u57f9\u8bad\u8ba1\u5212\u7684\u5728\u804c\u5b66\u5458", None))
#endif // QT_CONFIG(tooltip)
        self.stamping_list_button.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u79bb\u7ebf\u76d6\u7ae0\u540d\u5355\u2026", None))
#if QT_CONFIG(tooltip)
        self.stamping_list_button.setToolTip(QCoreApplication.translate("ArchiveQueryPage", u"\u5bfc\u51fa\u52fe\u9009\u7684\u5df2\u5b66\u5b8c\u6863\u6848\uff0c\u4f9b\u624b\u5de5\u76d6\u7ae0", None))
#endif // QT_CONFIG(tooltip)
        self.stamp_button.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u76d6\u7ae0\u2026", None))
#if QT_CONFIG(tooltip)
        self.stamp_button.setToolTip(QCoreApplication.translate("ArchiveQueryPage", u"\u4e3a\u52fe\u9009\u7684\u5df2\u5b66\u5b8c\u6863\u6848\u6279\u91cf\u76d6\u7ae0\uff1b\u672a\u5b66\u5b8c\u6216\u5df2\u76d6\u7ae0\u7684\u8df3\u8fc7\u5e76\u5217\u51fa", None))
#endif // QT_CONFIG(tooltip)
        self.unstamp_button.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u64a4\u9500\u76d6\u7ae0\u2026", None))
#if QT_CONFIG(tooltip)
        self.unstamp_button.setToolTip(QCoreApplication.translate("ArchiveQueryPage", u"\u64a4\u9500\u5f53\u524d\u884c\u6240\u5728\u7684\u76d6\u7ae0\u6279\u6b21\uff08\u987b\u586b\u5199\u539f\u56e0\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.print_button.setText(QCoreApplication.translate("ArchiveQueryPage", u"\u9884\u89c8/\u6253\u5370\u6863\u6848\u2026", None))
#if QT_CONFIG(tooltip)
        self.print_button.setToolTip(QCoreApplication.translate("ArchiveQueryPage", u"\u52fe\u9009\u7684\u6863\u6848\uff0c\u6bcf\u4eba\u4e00\u9875 A4 \u5b66\u4e60\u6863\u6848", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi

