"""打印: a year's registration onto the page of the paper 《继续教育证书》.

The PDF has the booklet page's size and only the entries (the boxes are printed in the
booklet). Printers feed paper a little differently, so every position moves by a per-printer
calibration (X/Y in mm); the test page draws the boxes and a millimetre ruler to find it.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tjce_desktop.exchange.cjk_font import register_cjk_font
from tjce_desktop.exchange.output_files import XlsxWriteError, check_target, output_file

PAGE_MM = (130.0, 184.0)  # the year page of the booklet, width × height
# Where each entry goes: (x, y) of the text's left baseline in mm from the page's top-left, and its box width.
FIELDS: dict[str, tuple[float, float, float]] = {
    "year": (28.0, 34.0, 30.0),
    "public_required": (48.0, 56.0, 24.0),
    "public_elective": (48.0, 68.0, 24.0),
    "professional": (48.0, 80.0, 24.0),
    "other": (48.0, 92.0, 24.0),
    "total": (48.0, 104.0, 24.0),
    "required": (100.0, 104.0, 20.0),
    "unit": (28.0, 124.0, 92.0),
    "registered_by": (28.0, 136.0, 40.0),
    "registered_on": (84.0, 136.0, 36.0),
    "basis": (28.0, 141.0, 92.0),
    "sources": (28.0, 146.0, 92.0),  # the first of up to SOURCE_LINES lines, SOURCE_STEP mm apart
    "certificate": (28.0, 168.0, 92.0),
}
LABELS = {"year": "年度", "public_required": "公需课·必修", "public_elective": "公需课·选修", "professional": "专业课",
          "other": "其中其他形式学习", "total": "合计学时", "required": "应修学时", "unit": "登记单位",
          "registered_by": "登记人", "registered_on": "登记日期", "basis": "备注（依据的学时规定）",
          "sources": "学时来源", "certificate": "证书编号"}
SOURCE_LINES, SOURCE_STEP = 4, 4.5


@dataclass(frozen=True, slots=True)
class Calibration:
    """Shift of everything on the page for one printer, in mm (right and down are positive)."""

    dx: float = 0.0
    dy: float = 0.0

    def checked(self) -> Calibration:
        if abs(self.dx) > 30 or abs(self.dy) > 30:
            raise XlsxWriteError("校准偏移不能超过 ±30 毫米，请检查输入。")
        return self


@dataclass(frozen=True, slots=True)
class RegistrationEntry:
    year: int
    public_required: float
    public_elective: float
    professional: float
    other: float
    total: float
    required: float
    unit: str
    registered_by: str
    registered_on: dt.date
    certificate: str
    basis: str = ""  # the year's rule it was registered under, and 例外登记 when below it
    sources: tuple[str, ...] = ()  # where the counted hours came from (plans, 学时认定 entries), one per line

    def source_lines(self) -> list[str]:
        """At most SOURCE_LINES lines; what does not fit is counted on the last one."""
        if len(self.sources) <= SOURCE_LINES:
            return list(self.sources)
        shown = list(self.sources[:SOURCE_LINES - 1])
        return [*shown, f"另有 {len(self.sources) - len(shown)} 项来源，见年度学时卡"]

    def texts(self) -> dict[str, str]:
        return {"year": f"{self.year} 年度", "public_required": f"{self.public_required:g}",
                "public_elective": f"{self.public_elective:g}", "professional": f"{self.professional:g}",
                "other": f"{self.other:g}", "total": f"{self.total:g}", "required": f"{self.required:g}",
                "unit": self.unit, "registered_by": self.registered_by,
                "registered_on": f"{self.registered_on:%Y 年 %m 月 %d 日}", "basis": self.basis,
                "certificate": self.certificate}


@contextmanager
def _canvas(path: Path):
    """``with _canvas(path) as (canvas, font):`` — drawn beside the target and moved into place
    when the block ends; on any failure the partial file is removed."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    check_target(path)
    font = register_cjk_font()
    with output_file(path) as temporary:
        canvas = Canvas(str(temporary), pagesize=(PAGE_MM[0] * mm, PAGE_MM[1] * mm), initialFontName=font)
        yield canvas, font
        canvas.save()


def _at(name: str, calibration: Calibration) -> tuple[float, float, float]:
    from reportlab.lib.units import mm

    x, y, width = FIELDS[name]
    return (x + calibration.dx) * mm, (PAGE_MM[1] - y - calibration.dy) * mm, width * mm


def write_registration_page(path: Path | str, entries: list[RegistrationEntry], calibration: Calibration) -> int:
    """One booklet page per entry, text only, shifted by the printer's calibration."""
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    path, calibration = Path(path), calibration.checked()
    with _canvas(path) as (canvas, font):
        for entry in entries:
            lines = [(*_at(name, calibration), text, 10.5) for name, text in entry.texts().items()]
            x, y, width = _at("sources", calibration)
            lines += [(x, y - number * SOURCE_STEP * mm, width, text, 8.0)
                      for number, text in enumerate(entry.source_lines())]
            for x, y, width, text, size in lines:
                if not text:
                    continue
                while size > 5 and stringWidth(text, font, size) > width:
                    size -= 0.5
                canvas.setFont(font, size)
                canvas.drawString(x, y, text)
            canvas.showPage()
    return len(entries)


def write_test_page(path: Path | str, calibration: Calibration) -> None:
    """The boxes as the booklet has them, a millimetre ruler along two edges, and the current
    calibration: print it on plain paper, lay it on a booklet page against the light, and
    adjust X/Y until the boxes match."""
    from reportlab.lib.units import mm

    path, calibration = Path(path), calibration.checked()
    with _canvas(path) as (canvas, font):
        width, height = PAGE_MM
        canvas.setLineWidth(0.3)
        for step in range(0, int(width) + 1, 5):  # ruler along the top, every 5 mm, numbered every 10
            length = 4 if step % 10 == 0 else 2
            canvas.line(step * mm, height * mm, step * mm, (height - length) * mm)
            if step % 10 == 0 and step:
                canvas.setFont(font, 5)
                canvas.drawCentredString(step * mm, (height - 7) * mm, str(step))
        for step in range(0, int(height) + 1, 5):  # and down the left side
            length = 4 if step % 10 == 0 else 2
            canvas.line(0, (height - step) * mm, length * mm, (height - step) * mm)
            if step % 10 == 0 and step:
                canvas.setFont(font, 5)
                canvas.drawString(5 * mm, (height - step - 1) * mm, str(step))
        for name, label in LABELS.items():
            x, y, box = _at(name, calibration)
            canvas.setStrokeColorRGB(0.1, 0.3, 0.8)
            canvas.rect(x - 1 * mm, y - 2 * mm, box + 2 * mm, 7 * mm)
            canvas.setFont(font, 7)
            canvas.setFillColorRGB(0.1, 0.3, 0.8)
            canvas.drawString(x, y, label)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.setFont(font, 8)
        canvas.drawString(20 * mm, 10 * mm, f"证书登记页打印校准测试页　当前偏移：X {calibration.dx:+.1f} 毫米，"
                                            f"Y {calibration.dy:+.1f} 毫米")
        canvas.showPage()
