# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'pdf_preview_dialog.ui'
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
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QHBoxLayout, QLabel, QPushButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_PdfPreviewDialog(object):
    def setupUi(self, PdfPreviewDialog):
        if not PdfPreviewDialog.objectName():
            PdfPreviewDialog.setObjectName(u"PdfPreviewDialog")
        PdfPreviewDialog.resize(820, 900)
        self.dialog_layout = QVBoxLayout(PdfPreviewDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.preview_bar = QHBoxLayout()
        self.preview_bar.setObjectName(u"preview_bar")
        self.pages_label = QLabel(PdfPreviewDialog)
        self.pages_label.setObjectName(u"pages_label")

        self.preview_bar.addWidget(self.pages_label)

        self.preview_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.preview_bar.addItem(self.preview_spacer)

        self.save_button = QPushButton(PdfPreviewDialog)
        self.save_button.setObjectName(u"save_button")

        self.preview_bar.addWidget(self.save_button)

        self.print_button = QPushButton(PdfPreviewDialog)
        self.print_button.setObjectName(u"print_button")

        self.preview_bar.addWidget(self.print_button)


        self.dialog_layout.addLayout(self.preview_bar)

        self.pdf_view = QPdfView(PdfPreviewDialog)
        self.pdf_view.setObjectName(u"pdf_view")

        self.dialog_layout.addWidget(self.pdf_view)

        self.button_box = QDialogButtonBox(PdfPreviewDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.dialog_layout.addWidget(self.button_box)

        self.dialog_layout.setStretch(1, 1)

        self.retranslateUi(PdfPreviewDialog)

        self.print_button.setDefault(True)


        QMetaObject.connectSlotsByName(PdfPreviewDialog)
    # setupUi

    def retranslateUi(self, PdfPreviewDialog):
        PdfPreviewDialog.setWindowTitle(QCoreApplication.translate("PdfPreviewDialog", u"\u5b66\u4e60\u6863\u6848\u9884\u89c8", None))
        self.pages_label.setText("")
        self.save_button.setText(QCoreApplication.translate("PdfPreviewDialog", u"\u53e6\u5b58\u4e3a PDF\u2026", None))
        self.print_button.setText(QCoreApplication.translate("PdfPreviewDialog", u"\u6253\u5370\u2026", None))
    # retranslateUi

