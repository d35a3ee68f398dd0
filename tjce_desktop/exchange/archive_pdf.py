"""The A4 学习档案 sheet, drawn straight onto a reportlab canvas (no layout engine: a sheet is a
fixed form, and thousands of them must print quickly).

Each org's seal is drawn once per document into a form XObject and placed on every page
that needs it, so a thousand stamped sheets embed one seal image. Text is only ever set in
the embedded CJK font (a subset), and the file appears only when complete.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from pathlib import Path

from tjce_desktop.exchange.cjk_font import register_cjk_font
from tjce_desktop.exchange.output_files import XlsxWriteError, check_target, output_file, output_format

_RED = (0.80, 0.08, 0.08)
_GREY = (0.35, 0.35, 0.35)
_LINE = (0.55, 0.55, 0.55)


_PIXEL = bytes.maketrans(b"\x00\x01", b"\xff\x00")  # light module → white, dark → black
_QUIET = 4  # modules of white border each side, as the standard asks


def qr_matrix(text: str) -> tuple:
    """The QR matrix of ``text`` (rows of 0/1 bytes), alphanumeric mode for our base32 codes,
    error level M.

    segno with one fixed mask pattern: choosing the "best" of the eight scores each in pure
    Python (another 10 ms a sheet), and any mask is valid and scans; reportlab's own encoder
    takes 4.5 ms where segno takes 2.5 ms.
    """
    import segno

    return segno.make_qr(text, error="m", mask=0, boost_error=False).matrix


def qr_image(text: str):
    """The QR code as a small black-and-white image: a couple of KB a page instead of
    thousands of rectangles."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    matrix = qr_matrix(text)
    count = len(matrix) + 2 * _QUIET
    blank = b"\xff" * count
    side = b"\xff" * _QUIET
    rows = [blank] * _QUIET + [side + bytes(row).translate(_PIXEL) + side for row in matrix] + [blank] * _QUIET
    image = Image.frombytes("L", (count, count), b"".join(rows)).convert("1")
    # Four pixels a module: viewers that smooth upscaled images then blur only the edges.
    return ImageReader(image.resize((count * 4, count * 4), Image.Resampling.NEAREST))


def draw_heading(c, font: str, width: float, y: float, title: str) -> float:
    """The platform's name in grey and the sheet's title under it, centred; the y below them."""
    from reportlab.lib.units import mm

    c.setFont(font, 11)
    c.setFillColorRGB(*_GREY)
    c.drawCentredString(width / 2, y, "天津市专业技术人员继续教育")
    y -= 11 * mm
    c.setFillColorRGB(0, 0, 0)
    c.setFont(font, 20)
    c.drawCentredString(width / 2, y, title)
    return y


def draw_qr(canvas, text: str, x: float, y: float, size: float) -> None:
    """The QR code of ``text``, lower-left corner at (x, y)."""
    canvas.drawImage(qr_image(text), x, y, size, size)


class ArchivePdfWriter:
    """``with ArchivePdfWriter(path, ...) as writer: writer.add(sheet)`` — one page a sheet."""

    def __init__(self, path: Path | str, *, printed_on: dt.date, seal_images: dict[str, bytes] | None = None) -> None:
        self.path = Path(path)
        check_target(self.path)
        output_format(self.path, ("pdf",))
        self.printed_on = printed_on
        self.seal_images = seal_images if seal_images is not None else {}
        self._font = register_cjk_font()
        self._forms: set[str] = set()
        self.pages = 0

    def __enter__(self) -> ArchivePdfWriter:
        from reportlab import rl_config
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen.canvas import Canvas

        rl_config.useA85 = 0  # binary streams: a fifth smaller than ASCII85

        self._output = output_file(self.path)  # beside the target; one Chinese message on a failed write
        self._temporary = self._output.__enter__()
        self.canvas = Canvas(str(self._temporary), pagesize=A4, initialFontName=self._font, initialFontSize=10,
                             pageCompression=1)
        self.canvas.setTitle("继续教育学习档案")
        self.canvas.setAuthor("TJCE Desktop")
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self._output.__exit__(exc_type, exc, tb)
            return
        try:
            if self.pages == 0:
                raise XlsxWriteError("没有可打印的学习档案。")
            self.canvas.save()
        except BaseException as failure:
            if not self._output.__exit__(type(failure), failure, failure.__traceback__):
                raise
            return
        self._output.__exit__(None, None, None)

    # --- one sheet ---------------------------------------------------------------------------

    def add(self, sheet) -> None:
        from reportlab.lib.units import mm

        c, font = self.canvas, self._font
        width = 210 * mm
        left, right = 20 * mm, width - 20 * mm
        y = draw_heading(c, font, width, 297 * mm - 22 * mm, "学 习 档 案（学时证明）") - 12 * mm

        y = self._grid(y, left, right, [
            ("姓名", sheet.name, "身份证号", sheet.id_number),
            ("所属机构", sheet.org, "职称", sheet.title_level),
            ("培训计划", sheet.plan, "年度", f"{sheet.year} 年"),
            ("计划时间", sheet.period, "学习状态", sheet.status),
        ])
        y -= 7 * mm
        c.setFont(font, 12)
        c.drawString(left, y, "课程与学时")
        y -= 3 * mm
        rows = [(line.category, line.name, f"{line.hours:g}", f"{line.earned:g}", line.finished_on)
                for line in sheet.courses]
        row_height = 6.5 * mm if len(rows) <= 16 else max(3.6 * mm, 104 * mm / len(rows))
        y = self._table(y, left, [28 * mm, 76 * mm, 18 * mm, 20 * mm, 28 * mm],
                        ("类别", "课程名称", "学时", "已获学时", "完成日期"), rows, row_height)
        y -= 6 * mm
        c.setFont(font, 11)
        met = "，已达到计划要求" if sheet.hours >= sheet.required_hours > 0 else ""
        c.drawString(left, y, f"合计：已获 {sheet.hours:g} 学时 / 计划要求 {sheet.required_hours:g} 学时{met}")
        y -= 9 * mm
        if sheet.exams:
            c.setFont(font, 12)
            c.drawString(left, y, "考试")
            y -= 3 * mm
            exam_rows = [(exam.name, "" if exam.best_score is None else f"{exam.best_score:g}",
                          "通过" if exam.passed else ("未参加" if not exam.attempts else "未通过"),
                          f"{exam.attempts}/{exam.max_attempts}") for exam in sheet.exams]
            y = self._table(y, left, [76 * mm, 28 * mm, 28 * mm, 38 * mm], ("考试名称", "最高成绩", "结果", "考试次数"),
                            exam_rows, 6.5 * mm)
            y -= 6 * mm
        c.setFont(font, 11)
        c.drawString(left, y, f"完成日期：{sheet.finished_on or '—'}")
        self._foot(sheet, left, right)
        c.showPage()
        self.pages += 1

    def _fitted(self, x: float, y: float, text: str, width: float, size: float) -> None:
        """Draw ``text`` in ``width``: a smaller size for a long text, never into the next column."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        fitted = size
        while fitted > 6 and stringWidth(text, self._font, fitted) > width:
            fitted -= 0.5
        self.canvas.setFont(self._font, fitted)
        self.canvas.drawString(x, y, text)

    def _grid(self, y: float, left: float, right: float, rows) -> float:
        from reportlab.lib.units import mm

        c = self.canvas
        height = 8 * mm
        columns = [left, left + 22 * mm, left + 106 * mm, left + 128 * mm, right]
        c.setStrokeColorRGB(*_LINE)
        c.setLineWidth(0.6)
        for label, value, label2, value2 in rows:
            c.rect(left, y - height, right - left, height)
            for x in columns[1:-1]:
                c.line(x, y, x, y - height)
            baseline = y - height + 2.7 * mm
            c.setFont(self._font, 10)
            c.setFillColorRGB(*_GREY)
            c.drawString(columns[0] + 2 * mm, baseline, label)
            c.drawString(columns[2] + 2 * mm, baseline, label2)
            c.setFillColorRGB(0, 0, 0)
            self._fitted(columns[1] + 2 * mm, baseline, value, columns[2] - columns[1] - 4 * mm, 10.5)
            self._fitted(columns[3] + 2 * mm, baseline, value2, columns[4] - columns[3] - 4 * mm, 10.5)
            y -= height
        return y

    def _table(self, y: float, left: float, widths, headers, rows, row_height: float) -> float:
        from reportlab.lib.units import mm

        c = self.canvas
        size = min(10, row_height / mm * 1.45)
        c.setStrokeColorRGB(*_LINE)
        c.setLineWidth(0.5)
        c.setFillColorRGB(0.87, 0.92, 0.97)
        c.rect(left, y - 7 * mm, sum(widths), 7 * mm, stroke=1, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.setFont(self._font, 10)
        x = left
        for header, column_width in zip(headers, widths):
            c.drawString(x + 1.5 * mm, y - 5 * mm, header)
            x += column_width
        y -= 7 * mm
        for row in rows:
            c.rect(left, y - row_height, sum(widths), row_height)
            x = left
            for value, column_width in zip(row, widths):
                self._fitted(x + 1.5 * mm, y - row_height + (row_height - size * 0.7) / 2, value,
                             column_width - 3 * mm, size)
                x += column_width
            y -= row_height
        return y

    def _foot(self, sheet, left: float, right: float) -> None:
        from reportlab.lib.units import mm

        c = self.canvas
        base = 26 * mm
        c.setFont(self._font, 8)
        c.setFillColorRGB(*_GREY)
        c.drawString(left, 12 * mm, f"打印日期：{self.printed_on:%Y-%m-%d}　·　TJCE Desktop")
        if sheet.stamped and sheet.batch_number:  # the number a person reads out when asking about the stamp
            c.drawRightString(right, 12 * mm, f"盖章批次：{sheet.batch_number}")
        if not sheet.stamped:
            c.setFont(self._font, 11)
            c.setFillColorRGB(*_RED)
            c.drawRightString(right, base + 20 * mm, "本档案尚未盖章，仅供查阅")
            c.setFillColorRGB(0, 0, 0)
            return
        # The seal over the org name and the date, as a stamp on paper sits.
        c.setFillColorRGB(0, 0, 0)
        c.setFont(self._font, 11)
        c.drawRightString(right, base + 14 * mm, sheet.seal_org)
        stamped = dt.date.fromisoformat(sheet.stamped_on)
        c.drawRightString(right, base + 7 * mm, f"{stamped.year} 年 {stamped.month} 月 {stamped.day} 日")
        c.doForm(self._seal_form(sheet.seal_org_id, sheet.seal_org))
        # Verification: the QR holds the whole signed claim (checked offline); the short code
        # beside it is for typing, and finds the same claim on the desk or the central database.
        qr_size = 34 * mm
        draw_qr(c, sheet.code, left - 2 * mm, base - 4 * mm, qr_size)
        c.setFillColorRGB(0, 0, 0)
        c.setFont(self._font, 9)
        c.drawString(left + qr_size, base + 22 * mm, "验证码（在 TJCE 的“验证学习档案”中输入，或扫描二维码）：")
        c.setFont(self._font, 15)  # the embedded font: a printed PDF uses no font it does not carry
        c.drawString(left + qr_size, base + 14 * mm, sheet.short_code)
        c.setFont(self._font, 8)
        c.setFillColorRGB(*_GREY)
        c.drawString(left + qr_size, base + 8 * mm, "二维码含完整签名，离线也能验证。")
        c.drawString(left + qr_size, base + 4 * mm, "验证结果显示的内容应与本页一致。")
        if sheet.self_issued:
            c.setFillColorRGB(*_RED)
            c.drawString(left + qr_size, base, "本档案由本机自签发（单机版，未经市级中心认证）。")
        c.setFillColorRGB(0, 0, 0)

    def _seal_form(self, org_id: str, org_name: str) -> str:
        """A form XObject per seal, defined the first time it is used in this document."""
        from reportlab.lib.units import mm

        name = f"seal-{org_id}"
        if name in self._forms:
            return name
        c = self.canvas
        right = 190 * mm
        centre_x, centre_y, radius = right - 22 * mm, 26 * mm + 12 * mm, 20 * mm
        c.beginForm(name)
        png = self.seal_images.get(org_id)
        if png:
            from reportlab.lib.utils import ImageReader

            c.drawImage(ImageReader(io.BytesIO(png)), centre_x - radius, centre_y - radius, 2 * radius, 2 * radius,
                        mask="auto", preserveAspectRatio=True, anchor="c")
        else:
            self._drawn_seal(centre_x, centre_y, radius, org_name)
        c.endForm()
        self._forms.add(name)
        return name

    def _drawn_seal(self, cx: float, cy: float, radius: float, org_name: str) -> None:
        """A red round seal: the org's name along the upper arc and a star, for orgs without an image."""
        c = self.canvas
        c.saveState()
        c.setStrokeColorRGB(*_RED)
        c.setFillColorRGB(*_RED)
        c.setLineWidth(radius * 0.06)
        c.circle(cx, cy, radius, stroke=1, fill=0)
        star = c.beginPath()
        for point in range(10):
            r = radius * (0.28 if point % 2 == 0 else 0.11)
            angle = math.pi / 2 + point * math.pi / 5
            x, y = cx + r * math.cos(angle), cy + r * math.sin(angle)
            star.moveTo(x, y) if point == 0 else star.lineTo(x, y)
        star.close()
        c.drawPath(star, stroke=0, fill=1)
        name = org_name.split("/")[-1].strip()[:16] or "公章"
        size = radius * 0.26
        span = min(math.radians(250), math.radians(22) * len(name))
        for index, char in enumerate(name):
            angle = math.pi / 2 + span / 2 - (span * (index + 0.5) / len(name))
            c.saveState()
            c.translate(cx + radius * 0.74 * math.cos(angle), cy + radius * 0.74 * math.sin(angle))
            c.rotate(math.degrees(angle) - 90)
            c.setFont(self._font, size)
            c.drawCentredString(0, -size * 0.35, char)
            c.restoreState()
        c.setFont(self._font, radius * 0.16)
        c.drawCentredString(cx, cy - radius * 0.55, "继续教育专用章")
        c.restoreState()
