"""Preview a generated PDF (Qt PDF), save a copy, or print it through the system print dialog.

A preview of a private temporary file (``storage.private_temp``) removes the file when the
window closes (or ``release()`` when the next preview replaces it)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QProgressDialog

from tjce_desktop.gui.dialogs import show_error, show_info
from tjce_desktop.gui.forms.ui_pdf_preview_dialog import Ui_PdfPreviewDialog


class PdfPreviewDialog(QDialog):
    def __init__(self, path: Path, parent=None, *, temporary: bool = False,
                 save: Callable[[Path, str], None] | None = None) -> None:
        """``temporary``: the file is removed when the preview closes. ``save(source, target)``
        saves a copy (the audited service for files with personal data; a plain copy without)."""
        super().__init__(parent)
        self.ui = Ui_PdfPreviewDialog()
        self.ui.setupUi(self)
        self.path = Path(path)
        self._temporary = temporary
        self._save = save or (lambda source, target: shutil.copyfile(source, target))
        self.finished.connect(lambda _result: self.release())
        self.document = QPdfDocument(self)
        self.document.load(str(self.path))
        view = self.ui.pdf_view
        view.setDocument(self.document)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.ui.pages_label.setText(f"{self.path.name}：共 {self.document.pageCount():,} 页")
        self.ui.save_button.clicked.connect(lambda: self.save_copy())
        self.ui.print_button.clicked.connect(lambda: self.print_document())
        self.ui.button_box.rejected.connect(self.reject)
        self.setWindowTitle(f"学习档案预览 — {self.document.pageCount():,} 页")

    def save_copy(self, target: str | None = None) -> None:
        if not target:
            target, _ = QFileDialog.getSaveFileName(self, "另存为 PDF", self.path.name, "PDF 文件 (*.pdf)")
        if not target:
            return
        try:
            self._save(self.path, target)
        except OSError as exc:
            show_error(self, "另存为 PDF", f"无法保存到“{target}”：{exc.strerror or exc}")
            return
        except Exception as exc:  # noqa: BLE001 — e.g. the audit entry could not be written
            show_error(self, "另存为 PDF", exc)
            return
        show_info(self, "另存为 PDF", f"已保存：{target}")

    def release(self) -> None:
        """Close the preview's document and, for a temporary file, remove it (once)."""
        if not self._temporary:
            return
        from tjce_desktop.storage import private_temp

        self._temporary = False
        self.document.close()
        private_temp.discard(self.path)
        if self.isVisible():
            self.reject()

    def print_document(self, printer=None) -> int:
        """Print through the system dialog (or onto ``printer``); returns the pages sent."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(self.path.stem)
            dialog = QPrintDialog(printer, self)
            dialog.setWindowTitle("打印学习档案")
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return 0
        painter = QPainter()
        if not painter.begin(printer):
            show_error(self, "打印", "无法开始打印：打印机不可用。")
            return 0
        sent = 0
        pages = self.document.pageCount()
        # Spooling thousands of sheets takes a while: progress, a working cancel, a live window.
        progress = QProgressDialog("正在发送到打印机…", "取消", 0, pages, self)
        progress.setWindowTitle("打印")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(600)
        try:
            for page in range(pages):
                progress.setValue(page)
                QApplication.processEvents()
                if progress.wasCanceled():
                    printer.abort()
                    break
                if page:
                    printer.newPage()
                area = printer.pageLayout().paintRectPixels(printer.resolution())
                size = self.document.pagePointSize(page)
                scale = min(area.width() / size.width(), area.height() / size.height())
                image = self.document.render(page, QSize(int(size.width() * scale), int(size.height() * scale)))
                painter.drawImage(QPointF(0, 0), image)
                sent += 1
        finally:
            painter.end()
            progress.close()
        return sent



