"""The printable 登记名单 of a batch registration: who was registered, who was not and why.

The same rows as .xlsx (``xlsx_table.write_table``) and as an A4 PDF with the CJK font
embedded, the unit, year, date, clerk and batch at the top, the counts, a signature line,
the header repeated on every page and 第 N 页 at the foot. ID numbers come masked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from tjce_desktop.exchange.cjk_font import register_cjk_font
from tjce_desktop.exchange.output_files import check_target, output_file, output_format
from tjce_desktop.exchange.xlsx_table import Kind, columns, write_table

COLUMNS = columns(("序号", Kind.SEQ), "登记结果", "姓名", ("身份证号", Kind.ID), "所属机构", "证书编号",
                  ("年度学时", Kind.HOURS), ("要求学时", Kind.HOURS), ("说明", Kind.TEXT, 46))
COUNT_LABELS = {"registered": "本次登记", "already": "此前已登记", "refused": "未能登记", "no_certificate": "未发证",
                "short": "未达标"}


@dataclass(frozen=True)
class RegistrationList:
    org: str
    year: int
    registered_on: dt.date
    clerk: str
    batch: str  # the batch's id, hex
    counts: dict[str, int]  # outcome value → count
    rows: list[tuple]  # as COLUMNS

    @property
    def title(self) -> str:
        return f"{self.org} {self.year} 年度继续教育学时登记名单"

    @property
    def heading(self) -> str:
        return f"登记日期：{self.registered_on:%Y-%m-%d}　登记人：{self.clerk}　批次：{self.batch}"

    @property
    def summary(self) -> str:
        return "　".join(f"{label} {self.counts.get(key, 0):,} 人" for key, label in COUNT_LABELS.items())


def write_list_xlsx(path: Path | str, document: RegistrationList) -> int:
    return write_table(path, "登记名单", COLUMNS, document.rows,
                       title_rows=(document.title, document.heading, document.summary))


def write_list_pdf(path: Path | str, document: RegistrationList) -> int:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

    path = Path(path)
    check_target(path)
    output_format(path, ("pdf",))
    font = register_cjk_font()
    title_style = ParagraphStyle("title", fontName=font, fontSize=15, leading=20, alignment=1)
    small = ParagraphStyle("small", fontName=font, fontSize=9, leading=13)
    cell = ParagraphStyle("cell", fontName=font, fontSize=8.5, leading=10.5)
    header = [Paragraph(escape(column.header), cell) for column in COLUMNS]
    body = []
    for row in document.rows:
        number, outcome, name, id_number, org, certificate, total, required, reason = row
        body.append([str(number), Paragraph(escape(outcome), cell), Paragraph(escape(name), cell), id_number,
                     Paragraph(escape(org), cell), Paragraph(escape(certificate or "—"), cell), f"{total:g}",
                     f"{required:g}", Paragraph(escape(reason), cell)])
    page_width = landscape(A4)[0] - 24 * mm
    shares = (0.04, 0.07, 0.08, 0.12, 0.17, 0.15, 0.06, 0.06, 0.25)
    table = LongTable([header, *body], colWidths=[page_width * share for share in shares], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 8.5),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7")),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
        ("ALIGN", (6, 1), (7, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F6F8FA")]),
    ]))

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.drawString(12 * mm, 8 * mm, f"{document.title} · 批次 {document.batch}")
        canvas.drawRightString(landscape(A4)[0] - 12 * mm, 8 * mm, f"第 {doc.page} 页")
        canvas.restoreState()

    story = [Paragraph(escape(document.title), title_style), Spacer(1, 3 * mm),
             Paragraph(escape(document.heading), small), Paragraph(escape(document.summary), small),
             Spacer(1, 4 * mm), table, Spacer(1, 10 * mm),
             Paragraph("登记人（签字）：______________　　审核人（签字）：______________　　单位（盖章）　　"
                       "日期：______年____月____日", small)]
    with output_file(path) as temporary:
        pdf = SimpleDocTemplate(str(temporary), pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                                topMargin=12 * mm, bottomMargin=14 * mm, title=document.title, author="TJCE Desktop",
                                initialFontName=font)
        pdf.build(story, onFirstPage=footer, onLaterPages=footer)
    return len(document.rows)
