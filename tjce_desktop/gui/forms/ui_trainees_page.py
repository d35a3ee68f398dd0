# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'trainees_page.ui'
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
    QTableView, QToolButton, QVBoxLayout, QWidget)

class Ui_TraineesPage(object):
    def setupUi(self, TraineesPage):
        if not TraineesPage.objectName():
            TraineesPage.setObjectName(u"TraineesPage")
        TraineesPage.resize(1100, 700)
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

        self.selection_label = QLabel(TraineesPage)
        self.selection_label.setObjectName(u"selection_label")

        self.heading_layout.addWidget(self.selection_label)

        self.count_label = QLabel(TraineesPage)
        self.count_label.setObjectName(u"count_label")

        self.heading_layout.addWidget(self.count_label)


        self.page_layout.addLayout(self.heading_layout)

        self.query_box = QGroupBox(TraineesPage)
        self.query_box.setObjectName(u"query_box")
        self.query_layout = QGridLayout(self.query_box)
        self.query_layout.setObjectName(u"query_layout")
        self.username_label = QLabel(self.query_box)
        self.username_label.setObjectName(u"username_label")

        self.query_layout.addWidget(self.username_label, 0, 0, 1, 1)

        self.username_edit = QLineEdit(self.query_box)
        self.username_edit.setObjectName(u"username_edit")
        self.username_edit.setClearButtonEnabled(True)

        self.query_layout.addWidget(self.username_edit, 0, 1, 1, 1)

        self.real_name_label = QLabel(self.query_box)
        self.real_name_label.setObjectName(u"real_name_label")

        self.query_layout.addWidget(self.real_name_label, 0, 2, 1, 1)

        self.real_name_edit = QLineEdit(self.query_box)
        self.real_name_edit.setObjectName(u"real_name_edit")
        self.real_name_edit.setClearButtonEnabled(True)

        self.query_layout.addWidget(self.real_name_edit, 0, 3, 1, 1)

        self.id_number_label = QLabel(self.query_box)
        self.id_number_label.setObjectName(u"id_number_label")

        self.query_layout.addWidget(self.id_number_label, 0, 4, 1, 1)

        self.id_number_edit = QLineEdit(self.query_box)
        self.id_number_edit.setObjectName(u"id_number_edit")
        self.id_number_edit.setClearButtonEnabled(True)

        self.query_layout.addWidget(self.id_number_edit, 0, 5, 1, 1)

        self.phone_label = QLabel(self.query_box)
        self.phone_label.setObjectName(u"phone_label")

        self.query_layout.addWidget(self.phone_label, 0, 6, 1, 1)

        self.phone_edit = QLineEdit(self.query_box)
        self.phone_edit.setObjectName(u"phone_edit")
        self.phone_edit.setClearButtonEnabled(True)

        self.query_layout.addWidget(self.phone_edit, 0, 7, 1, 1)

        self.gender_label = QLabel(self.query_box)
        self.gender_label.setObjectName(u"gender_label")

        self.query_layout.addWidget(self.gender_label, 1, 0, 1, 1)

        self.gender_combo = QComboBox(self.query_box)
        self.gender_combo.addItem("")
        self.gender_combo.addItem("")
        self.gender_combo.addItem("")
        self.gender_combo.setObjectName(u"gender_combo")

        self.query_layout.addWidget(self.gender_combo, 1, 1, 1, 1)

        self.title_label = QLabel(self.query_box)
        self.title_label.setObjectName(u"title_label")

        self.query_layout.addWidget(self.title_label, 1, 2, 1, 1)

        self.title_combo = QComboBox(self.query_box)
        self.title_combo.addItem("")
        self.title_combo.addItem("")
        self.title_combo.addItem("")
        self.title_combo.addItem("")
        self.title_combo.addItem("")
        self.title_combo.addItem("")
        self.title_combo.setObjectName(u"title_combo")

        self.query_layout.addWidget(self.title_combo, 1, 3, 1, 1)

        self.post_label = QLabel(self.query_box)
        self.post_label.setObjectName(u"post_label")

        self.query_layout.addWidget(self.post_label, 1, 4, 1, 1)

        self.post_combo = QComboBox(self.query_box)
        self.post_combo.addItem("")
        self.post_combo.addItem("")
        self.post_combo.addItem("")
        self.post_combo.setObjectName(u"post_combo")

        self.query_layout.addWidget(self.post_combo, 1, 5, 1, 1)

        self.high_tech_label = QLabel(self.query_box)
        self.high_tech_label.setObjectName(u"high_tech_label")

        self.query_layout.addWidget(self.high_tech_label, 1, 6, 1, 1)

        self.high_tech_combo = QComboBox(self.query_box)
        self.high_tech_combo.addItem("")
        self.high_tech_combo.addItem("")
        self.high_tech_combo.addItem("")
        self.high_tech_combo.setObjectName(u"high_tech_combo")

        self.query_layout.addWidget(self.high_tech_combo, 1, 7, 1, 1)

        self.status_label = QLabel(self.query_box)
        self.status_label.setObjectName(u"status_label")

        self.query_layout.addWidget(self.status_label, 2, 0, 1, 1)

        self.status_combo = QComboBox(self.query_box)
        self.status_combo.addItem("")
        self.status_combo.addItem("")
        self.status_combo.addItem("")
        self.status_combo.setObjectName(u"status_combo")

        self.query_layout.addWidget(self.status_combo, 2, 1, 1, 1)

        self.query_buttons_layout = QHBoxLayout()
        self.query_buttons_layout.setObjectName(u"query_buttons_layout")
        self.query_button = QPushButton(self.query_box)
        self.query_button.setObjectName(u"query_button")

        self.query_buttons_layout.addWidget(self.query_button)

        self.reset_button = QPushButton(self.query_box)
        self.reset_button.setObjectName(u"reset_button")

        self.query_buttons_layout.addWidget(self.reset_button)

        self.query_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.query_buttons_layout.addItem(self.query_spacer)


        self.query_layout.addLayout(self.query_buttons_layout, 2, 2, 1, 6)


        self.page_layout.addWidget(self.query_box)

        self.actions_layout = QHBoxLayout()
        self.actions_layout.setObjectName(u"actions_layout")
        self.add_button = QPushButton(TraineesPage)
        self.add_button.setObjectName(u"add_button")

        self.actions_layout.addWidget(self.add_button)

        self.transfer_button = QPushButton(TraineesPage)
        self.transfer_button.setObjectName(u"transfer_button")

        self.actions_layout.addWidget(self.transfer_button)

        self.edit_button = QPushButton(TraineesPage)
        self.edit_button.setObjectName(u"edit_button")

        self.actions_layout.addWidget(self.edit_button)

        self.archive_button = QPushButton(TraineesPage)
        self.archive_button.setObjectName(u"archive_button")

        self.actions_layout.addWidget(self.archive_button)

        self.move_button = QPushButton(TraineesPage)
        self.move_button.setObjectName(u"move_button")

        self.actions_layout.addWidget(self.move_button)

        self.leave_button = QPushButton(TraineesPage)
        self.leave_button.setObjectName(u"leave_button")

        self.actions_layout.addWidget(self.leave_button)

        self.reinstate_button = QPushButton(TraineesPage)
        self.reinstate_button.setObjectName(u"reinstate_button")

        self.actions_layout.addWidget(self.reinstate_button)

        self.select_all_button = QPushButton(TraineesPage)
        self.select_all_button.setObjectName(u"select_all_button")

        self.actions_layout.addWidget(self.select_all_button)

        self.actions_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actions_layout.addItem(self.actions_spacer)

        self.template_button = QPushButton(TraineesPage)
        self.template_button.setObjectName(u"template_button")

        self.actions_layout.addWidget(self.template_button)

        self.import_button = QPushButton(TraineesPage)
        self.import_button.setObjectName(u"import_button")

        self.actions_layout.addWidget(self.import_button)

        self.export_button = QToolButton(TraineesPage)
        self.export_button.setObjectName(u"export_button")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)

        self.actions_layout.addWidget(self.export_button)


        self.page_layout.addLayout(self.actions_layout)

        self.table = QTableView(TraineesPage)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)

        self.page_layout.addWidget(self.table)


        self.retranslateUi(TraineesPage)

        self.query_button.setDefault(True)


        QMetaObject.connectSlotsByName(TraineesPage)
    # setupUi

    def retranslateUi(self, TraineesPage):
        TraineesPage.setWindowTitle(QCoreApplication.translate("TraineesPage", u"\u5b66\u5458\u7ba1\u7406", None))
        self.scope_label.setText(QCoreApplication.translate("TraineesPage", u"\u5929\u6d25\u5e02", None))
        self.selection_label.setText(QCoreApplication.translate("TraineesPage", u"\u672a\u9009\u62e9", None))
#if QT_CONFIG(tooltip)
        self.selection_label.setToolTip(QCoreApplication.translate("TraineesPage", u"\u8c03\u6574\u7ec4\u7ec7\u673a\u6784\u3001\u79bb\u804c/\u8c03\u51fa\u3001\u6062\u590d\u5728\u804c\u4f5c\u7528\u4e8e\u8fd9\u91cc\u663e\u793a\u7684\u5168\u90e8\u5b66\u5458", None))
#endif // QT_CONFIG(tooltip)
        self.count_label.setText(QCoreApplication.translate("TraineesPage", u"\u6b63\u5728\u7edf\u8ba1\u2026", None))
        self.query_box.setTitle(QCoreApplication.translate("TraineesPage", u"\u67e5\u8be2\u6761\u4ef6", None))
        self.username_label.setText(QCoreApplication.translate("TraineesPage", u"\u5b66\u5458\u59d3\u540d", None))
        self.username_edit.setPlaceholderText(QCoreApplication.translate("TraineesPage", u"\u767b\u5f55\u540d\u6216\u5176\u5f00\u5934", None))
        self.real_name_label.setText(QCoreApplication.translate("TraineesPage", u"\u771f\u5b9e\u59d3\u540d", None))
        self.real_name_edit.setPlaceholderText(QCoreApplication.translate("TraineesPage", u"\u53ef\u53ea\u5199\u4e00\u90e8\u5206", None))
        self.id_number_label.setText(QCoreApplication.translate("TraineesPage", u"\u8eab\u4efd\u8bc1\u53f7", None))
        self.id_number_edit.setPlaceholderText(QCoreApplication.translate("TraineesPage", u"\u5b8c\u6574\u53f7\u7801\u6216\u672b\u5c3e\u51e0\u4f4d", None))
        self.phone_label.setText(QCoreApplication.translate("TraineesPage", u"\u624b\u673a", None))
        self.phone_edit.setPlaceholderText("")
        self.gender_label.setText(QCoreApplication.translate("TraineesPage", u"\u6027\u522b", None))
        self.gender_combo.setItemText(0, QCoreApplication.translate("TraineesPage", u"\u5168\u90e8", None))
        self.gender_combo.setItemText(1, QCoreApplication.translate("TraineesPage", u"\u7537", None))
        self.gender_combo.setItemText(2, QCoreApplication.translate("TraineesPage", u"\u5973", None))

        self.title_label.setText(QCoreApplication.translate("TraineesPage", u"\u804c\u79f0", None))
        self.title_combo.setItemText(0, QCoreApplication.translate("TraineesPage", u"\u5168\u90e8", None))
        self.title_combo.setItemText(1, QCoreApplication.translate("TraineesPage", u"\u6b63\u9ad8\u7ea7", None))
        self.title_combo.setItemText(2, QCoreApplication.translate("TraineesPage", u"\u526f\u9ad8\u7ea7", None))
        self.title_combo.setItemText(3, QCoreApplication.translate("TraineesPage", u"\u4e2d\u7ea7", None))
        self.title_combo.setItemText(4, QCoreApplication.translate("TraineesPage", u"\u521d\u7ea7", None))
        self.title_combo.setItemText(5, QCoreApplication.translate("TraineesPage", u"\u65e0", None))

        self.post_label.setText(QCoreApplication.translate("TraineesPage", u"\u5c97\u4f4d\u7c7b\u522b", None))
        self.post_combo.setItemText(0, QCoreApplication.translate("TraineesPage", u"\u5168\u90e8", None))
        self.post_combo.setItemText(1, QCoreApplication.translate("TraineesPage", u"\u4e13\u4e1a\u6280\u672f\u5c97\u4f4d", None))
        self.post_combo.setItemText(2, QCoreApplication.translate("TraineesPage", u"\u7ba1\u7406\u5c97\u4f4d", None))

        self.high_tech_label.setText(QCoreApplication.translate("TraineesPage", u"\u9ad8\u65b0\u6280\u672f", None))
        self.high_tech_combo.setItemText(0, QCoreApplication.translate("TraineesPage", u"\u5168\u90e8", None))
        self.high_tech_combo.setItemText(1, QCoreApplication.translate("TraineesPage", u"\u662f", None))
        self.high_tech_combo.setItemText(2, QCoreApplication.translate("TraineesPage", u"\u5426", None))

        self.status_label.setText(QCoreApplication.translate("TraineesPage", u"\u72b6\u6001", None))
        self.status_combo.setItemText(0, QCoreApplication.translate("TraineesPage", u"\u5728\u804c", None))
        self.status_combo.setItemText(1, QCoreApplication.translate("TraineesPage", u"\u79bb\u804c", None))
        self.status_combo.setItemText(2, QCoreApplication.translate("TraineesPage", u"\u5168\u90e8", None))

        self.query_button.setText(QCoreApplication.translate("TraineesPage", u"\u67e5\u8be2", None))
        self.reset_button.setText(QCoreApplication.translate("TraineesPage", u"\u91cd\u7f6e", None))
        self.add_button.setText(QCoreApplication.translate("TraineesPage", u"\u6dfb\u52a0\u5b66\u5458", None))
#if QT_CONFIG(tooltip)
        self.add_button.setToolTip(QCoreApplication.translate("TraineesPage", u"\u6dfb\u52a0\u5355\u4e2a\u5b66\u5458\uff08\u5b66\u5458\u59d3\u540d\u3001\u771f\u5b9e\u59d3\u540d\u3001\u8eab\u4efd\u8bc1\u53f7\u5fc5\u586b\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.transfer_button.setText(QCoreApplication.translate("TraineesPage", u"\u8c03\u5165\u2026", None))
#if QT_CONFIG(tooltip)
        self.transfer_button.setToolTip(QCoreApplication.translate("TraineesPage", u"\u628a\u5176\u4ed6\u5355\u4f4d\u5df2\u529e\u7406\u79bb\u804c/\u8c03\u51fa\u7684\u4eba\u5458\u8c03\u5165\u6240\u9009\u673a\u6784\uff08\u6309\u8eab\u4efd\u8bc1\u53f7\uff1b\u5b66\u4e60\u6863\u6848\u548c\u8bc1\u4e66\u968f\u4eba\u8f6c\u5165\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.edit_button.setText(QCoreApplication.translate("TraineesPage", u"\u7f16\u8f91", None))
#if QT_CONFIG(tooltip)
        self.edit_button.setToolTip(QCoreApplication.translate("TraineesPage", u"\u67e5\u770b\u6216\u4fee\u6539\u9009\u4e2d\u5b66\u5458\u7684\u4fe1\u606f", None))
#endif // QT_CONFIG(tooltip)
        self.archive_button.setText(QCoreApplication.translate("TraineesPage", u"\u67e5\u770b\u6863\u6848", None))
#if QT_CONFIG(tooltip)
        self.archive_button.setToolTip(QCoreApplication.translate("TraineesPage", u"\u67e5\u770b\u9009\u4e2d\u5b66\u5458\u7684\u5b66\u4e60\u6863\u6848", None))
#endif // QT_CONFIG(tooltip)
        self.move_button.setText(QCoreApplication.translate("TraineesPage", u"\u8c03\u6574\u7ec4\u7ec7\u673a\u6784", None))
#if QT_CONFIG(tooltip)
        self.move_button.setToolTip(QCoreApplication.translate("TraineesPage", u"\u628a\u9009\u4e2d\u7684\u5b66\u5458\u8c03\u6574\u5230\u7ba1\u8f96\u8303\u56f4\u5185\u7684\u53e6\u4e00\u4e2a\u673a\u6784", None))
#endif // QT_CONFIG(tooltip)
        self.leave_button.setText(QCoreApplication.translate("TraineesPage", u"\u79bb\u804c/\u8c03\u51fa", None))
#if QT_CONFIG(tooltip)
        self.leave_button.setToolTip(QCoreApplication.translate("TraineesPage", u"\u6807\u8bb0\u9009\u4e2d\u7684\u5b66\u5458\u4e3a\u79bb\u804c\u6216\u8c03\u51fa\uff1b\u5b66\u4e60\u6863\u6848\u4fdd\u7559", None))
#endif // QT_CONFIG(tooltip)
        self.reinstate_button.setText(QCoreApplication.translate("TraineesPage", u"\u6062\u590d\u5728\u804c", None))
#if QT_CONFIG(tooltip)
        self.reinstate_button.setToolTip(QCoreApplication.translate("TraineesPage", u"\u628a\u9009\u4e2d\u7684\u79bb\u804c\u5b66\u5458\u6062\u590d\u4e3a\u5728\u804c", None))
#endif // QT_CONFIG(tooltip)
        self.select_all_button.setText(QCoreApplication.translate("TraineesPage", u"\u5168\u9009\u7ed3\u679c", None))
#if QT_CONFIG(tooltip)
        self.select_all_button.setToolTip(QCoreApplication.translate("TraineesPage", u"\u9009\u4e2d\u5f53\u524d\u67e5\u8be2\u7684\u5168\u90e8\u7ed3\u679c\uff08\u542b\u672a\u52a0\u8f7d\u5230\u8868\u683c\u7684\u884c\uff09\uff0cCtrl+A \u540c", None))
#endif // QT_CONFIG(tooltip)
        self.template_button.setText(QCoreApplication.translate("TraineesPage", u"\u4e0b\u8f7d\u6a21\u677f", None))
#if QT_CONFIG(tooltip)
        self.template_button.setToolTip(QCoreApplication.translate("TraineesPage", u"\u4e0b\u8f7d\u5b66\u5458\u5bfc\u5165\u6a21\u677f\uff08.xlsx\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.import_button.setText(QCoreApplication.translate("TraineesPage", u"\u5bfc\u5165\u5b66\u5458", None))
#if QT_CONFIG(tooltip)
        self.import_button.setToolTip(QCoreApplication.translate("TraineesPage", u"\u4ece Excel \u6216 CSV \u6587\u4ef6\u6279\u91cf\u5bfc\u5165\u5b66\u5458", None))
#endif // QT_CONFIG(tooltip)
        self.export_button.setText(QCoreApplication.translate("TraineesPage", u"\u5bfc\u51fa", None))
#if QT_CONFIG(tooltip)
        self.export_button.setToolTip(QCoreApplication.translate("TraineesPage", u"\u628a\u5f53\u524d\u67e5\u8be2\u7ed3\u679c\u5bfc\u51fa\u4e3a .xlsx", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

