"""证书打印校准: X/Y offsets per printer (in this workstation's settings) and a test page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog

from tjce_desktop.exchange.certificate_page import Calibration, write_test_page
from tjce_desktop.gui.dialogs import show_error
from tjce_desktop.gui.forms.ui_calibration_dialog import Ui_CalibrationDialog
from tjce_desktop.gui.settings import app_settings
from tjce_desktop.storage import private_temp

_KEY = "certificate_print/{printer}"


def default_printer() -> str:
    from PySide6.QtPrintSupport import QPrinterInfo

    return QPrinterInfo.defaultPrinterName() or "默认打印机"


def current_calibration(printer: str | None = None) -> Calibration:
    values = app_settings().value(_KEY.format(printer=printer or default_printer()), [0.0, 0.0])
    try:
        return Calibration(float(values[0]), float(values[1]))
    except (TypeError, ValueError, IndexError):
        return Calibration()


class CalibrationDialog(QDialog):
    def __init__(self, runner, parent=None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.ui = Ui_CalibrationDialog()
        self.ui.setupUi(self)
        printer = default_printer()
        self.ui.printer_edit.setText(printer)
        self._load(printer)
        self.ui.printer_edit.editingFinished.connect(self._printer_edited)
        self.ui.test_page_button.clicked.connect(lambda: self.test_page())
        self.ui.button_box.accepted.connect(self.save)
        self.ui.button_box.rejected.connect(self.reject)
        self.last_test_page: Path | None = None
        self.preview = None
        self.finished.connect(lambda _result: self.preview is not None and self.preview.release())

    def _printer_edited(self) -> None:
        """Another printer's offsets — only when the name changed (the field also says it is
        finished when it merely loses the focus, e.g. to the test page's preview)."""
        if self.ui.printer_edit.text() != self._printer:
            self._load(self.ui.printer_edit.text())

    def _load(self, printer: str) -> None:
        self._printer = printer
        calibration = current_calibration(printer)
        self.ui.dx_spin.setValue(calibration.dx)
        self.ui.dy_spin.setValue(calibration.dy)

    def calibration(self) -> Calibration:
        return Calibration(self.ui.dx_spin.value(), self.ui.dy_spin.value())

    def save(self) -> None:
        calibration = self.calibration()
        app_settings().setValue(_KEY.format(printer=self.ui.printer_edit.text()), [calibration.dx, calibration.dy])
        self.accept()

    def test_page(self) -> Path:
        """The test page in a private temporary file, written in the background and previewed;
        removed when the preview closes, when the next test page replaces it, or at exit.
        The file's path (``last_test_page`` once it is written)."""
        if self.preview is not None:
            self.preview.release()
            self.preview = None
        path = private_temp.new_file("证书打印校准测试页.pdf")
        calibration = self.calibration()

        def done(_none) -> None:
            from tjce_desktop.gui.pdf_preview_dialog import PdfPreviewDialog

            if self.preview is not None:  # a later test page was asked for meanwhile
                self.preview.release()
            self.last_test_page = path
            self.preview = PdfPreviewDialog(path, self, temporary=True, runner=self._runner)
            self.preview.setWindowTitle("校准测试页")
            self.preview.open()

        self._runner.run(lambda _state: write_test_page(path, calibration), on_success=done,
                         on_failure=lambda exc: (private_temp.discard(path), show_error(self, "打印测试页", exc)),
                         on_cancel=lambda: private_temp.discard(path))
        return path
