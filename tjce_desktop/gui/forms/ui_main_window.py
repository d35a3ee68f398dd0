# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'main_window.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QAction, QBrush, QColor, QConicalGradient,
    QCursor, QFont, QFontDatabase, QGradient,
    QIcon, QImage, QKeySequence, QLinearGradient,
    QPainter, QPalette, QPixmap, QRadialGradient,
    QTransform)
from PySide6.QtWidgets import (QApplication, QDockWidget, QHeaderView, QMainWindow,
    QMenu, QMenuBar, QSizePolicy, QStatusBar,
    QTabWidget, QTreeView, QVBoxLayout, QWidget)

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1280, 800)
        self.pages = QTabWidget(MainWindow)
        self.pages.setObjectName(u"pages")
        self.pages.setDocumentMode(True)
        MainWindow.setCentralWidget(self.pages)
        self.menu_bar = QMenuBar(MainWindow)
        self.menu_bar.setObjectName(u"menu_bar")
        self.menu_file = QMenu(self.menu_bar)
        self.menu_file.setObjectName(u"menu_file")
        self.menu_view = QMenu(self.menu_bar)
        self.menu_view.setObjectName(u"menu_view")
        self.menu_account = QMenu(self.menu_bar)
        self.menu_account.setObjectName(u"menu_account")
        self.menu_training = QMenu(self.menu_bar)
        self.menu_training.setObjectName(u"menu_training")
        self.menu_help = QMenu(self.menu_bar)
        self.menu_help.setObjectName(u"menu_help")
        MainWindow.setMenuBar(self.menu_bar)
        self.status_bar = QStatusBar(MainWindow)
        self.status_bar.setObjectName(u"status_bar")
        MainWindow.setStatusBar(self.status_bar)
        self.org_dock = QDockWidget(MainWindow)
        self.org_dock.setObjectName(u"org_dock")
        self.org_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.org_dock_contents = QWidget()
        self.org_dock_contents.setObjectName(u"org_dock_contents")
        self.org_dock_layout = QVBoxLayout(self.org_dock_contents)
        self.org_dock_layout.setObjectName(u"org_dock_layout")
        self.org_dock_layout.setContentsMargins(4, 4, 4, 4)
        self.org_tree = QTreeView(self.org_dock_contents)
        self.org_tree.setObjectName(u"org_tree")
        self.org_tree.setMinimumSize(QSize(220, 0))
        self.org_tree.setUniformRowHeights(True)
        self.org_tree.setAlternatingRowColors(False)

        self.org_dock_layout.addWidget(self.org_tree)

        self.org_dock.setWidget(self.org_dock_contents)
        MainWindow.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.org_dock)

        self.menu_bar.addAction(self.menu_file.menuAction())
        self.menu_bar.addAction(self.menu_view.menuAction())
        self.menu_bar.addAction(self.menu_training.menuAction())
        self.menu_bar.addAction(self.menu_account.menuAction())
        self.menu_bar.addAction(self.menu_help.menuAction())

        self.retranslateUi(MainWindow)

        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"\u5929\u6d25\u5e02\u4e13\u4e1a\u6280\u672f\u4eba\u5458\u7ee7\u7eed\u6559\u80b2 \u00b7 \u7ba1\u7406\u7aef", None))
        self.menu_file.setTitle(QCoreApplication.translate("MainWindow", u"\u6587\u4ef6(&F)", None))
        self.menu_view.setTitle(QCoreApplication.translate("MainWindow", u"\u89c6\u56fe(&V)", None))
        self.menu_account.setTitle(QCoreApplication.translate("MainWindow", u"\u8d26\u6237(&A)", None))
        self.menu_training.setTitle(QCoreApplication.translate("MainWindow", u"\u57f9\u8bad\u7ba1\u7406(&P)", None))
        self.menu_help.setTitle(QCoreApplication.translate("MainWindow", u"\u5e2e\u52a9(&H)", None))
        self.org_dock.setWindowTitle(QCoreApplication.translate("MainWindow", u"\u7ec4\u7ec7\u67b6\u6784\u6811", None))
    # retranslateUi

