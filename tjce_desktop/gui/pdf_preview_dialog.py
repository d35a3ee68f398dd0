"""Preview a generated PDF (Qt PDF), save a copy, or print it through the system print dialog.

A preview of a private temporary file (``storage.private_temp``) removes the file when the
window closes (or ``release()`` when the next preview replaces it). Saving a copy and
spooling the pages to the printer run in the task runner (progress, a working cancel), not
in a loop of ``processEvents()`` on the GUI thread."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QFileDialog

from tjce_desktop.domain.errors import UserError
from tjce_desktop.domain.task_state import Cancelled, TaskState
from tjce_desktop.gui.dialogs import show_error, show_info
from tjce_desktop.gui.forms.ui_pdf_preview_dialog import Ui_PdfPreviewDialog
from tjce_desktop.gui.screen_fit import fit_to_screen
from tjce_desktop.gui.task_runner import TaskRunner


def _spool(path: Path, printer, state: TaskState) -> int:
    """Every page of the PDF at ``path`` onto ``printer`` (a background job: QPainter may paint
    on a QPrinter outside the GUI thread); the pages sent. A cancel aborts the print job."""
    document = QPdfDocument()
    document.load(str(path))
    painter = QPainter()
    if not painter.begin(printer):
        document.close()
        raise UserError("无法开始打印：打印机不可用。")
    sent, pages = 0, document.pageCount()
    try:
        for page in range(pages):
            if state.cancelled:
                printer.abort()
                raise Cancelled()
            state.report(page / max(1, pages), f"正在发送到打印机：第 {page + 1:,} / {pages:,} 页…")
            if page:
                printer.newPage()
            area = printer.pageLayout().paintRectPixels(printer.resolution())
            size = document.pagePointSize(page)
            scale = min(area.width() / size.width(), area.height() / size.height())
            image = document.render(page, QSize(int(size.width() * scale), int(size.height() * scale)))
            painter.drawImage(QPointF(0, 0), image)
            sent += 1
    finally:
        painter.end()
        document.close()
    return sent


class PdfPreviewDialog(QDialog):
    def __init__(self, path: Path, parent=None, *, runner: TaskRunner, temporary: bool = False,
                 save: Callable[[Path, str], None] | None = None,
                 printed: Callable[[object, int], None] | None = None) -> None:
        """``temporary``: the file is removed when the preview closes. ``save(source, target)``
        saves a copy in the background (the audited service for files with personal data; a
        plain copy without). ``printed(uow, pages)`` records a finished print (a write)."""
        super().__init__(parent)
        self.ui = Ui_PdfPreviewDialog()
        self.ui.setupUi(self)
        fit_to_screen(self)  # designed 820×900: taller than a 768-pixel screen
        self.path = Path(path)
        self._runner = runner
        self.pages_sent: int | None = None  # by the last print, when it is done
        self._temporary = temporary
        self._save = save or (lambda source, target: shutil.copyfile(source, target))
        self._printed = printed
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
        source, save, chosen = self.path, self._save, target

        def failed(exc: BaseException) -> None:
            if isinstance(exc, OSError):
                show_error(self, "另存为 PDF", f"无法保存到“{chosen}”：{exc.strerror or exc}")
            else:  # e.g. the audit entry could not be written
                show_error(self, "另存为 PDF", exc)

        self._runner.write(lambda _uow, _state: save(source, chosen), on_failure=failed,
                           on_success=lambda _none: show_info(self, "另存为 PDF", f"已保存：{chosen}"))

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

    def print_document(self, printer=None) -> None:
        """Print through the system dialog (or onto ``printer``) in the background; the pages
        sent are in ``pages_sent`` when it is done."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(self.path.stem)
            dialog = QPrintDialog(printer, self)
            dialog.setWindowTitle("打印学习档案")
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
        self.pages_sent = None
        path = self.path

        def done(sent: int) -> None:
            self.pages_sent = sent
            record = self._printed
            if record is not None and sent:
                self._runner.write(lambda uow, _state: record(uow, sent), error_title="打印")

        # Spooling thousands of sheets takes a while: progress, a working cancel, a live window.
        self._printing = printer  # kept alive until the job is done
        self._runner.run(lambda state: _spool(path, printer, state), on_success=done, label="正在发送到打印机…",
                         error_title="打印")
