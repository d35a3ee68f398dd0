"""打印 a report: a PDF on A4 landscape with the CJK font embedded, the filters, the total row
in bold, the header repeated on every page and 第 N 页 / 共 M 页 at the foot."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from tjce_desktop.domain.reports import format_cell
from tjce_desktop.exchange.cjk_font import register_cjk_font
from tjce_desktop.exchange.output_files import check_target, output_file, output_format


def write_report_pdf(report, path: Path | str, printed_on: str) -> int:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

    path = Path(path)
    check_target(path)
    output_format(path, ("pdf",))  # report --pdf out.xlsx would have written a PDF named .xlsx
    font = register_cjk_font()
    title_style = ParagraphStyle("title", fontName=font, fontSize=16, leading=20)
    small = ParagraphStyle("small", fontName=font, fontSize=9, leading=12, textColor=colors.HexColor("#444444"))
    cell = ParagraphStyle("cell", fontName=font, fontSize=8.5, leading=10.5)
    filters = "；".join(f"{k}：{v}" for k, v in report.filters.items()) or "全部"
    # Paragraph reads markup: a name with "<" or "&" is escaped, never taken for a tag.
    header = [Paragraph(escape(c.header), cell) for c in report.columns]
    lines = report.rows + ([report.total] if report.total else [])
    body = [[Paragraph(escape(format_cell(c.kind, v)), cell) if c.kind == "text" else format_cell(c.kind, v)
             for c, v in zip(report.columns, line)] for line in lines]
    page_width = landscape(A4)[0] - 24 * mm
    first = max(0.28, 1.6 / len(report.columns)) if report.columns else 1
    widths = [page_width * first] + [page_width * (1 - first) / max(1, len(report.columns) - 1)] * (
        len(report.columns) - 1)
    table = LongTable([header, *body], colWidths=widths, repeatRows=1)
    style = [
        ("FONT", (0, 0), (-1, -1), font, 8.5),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7")),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F6F8FA")]),
    ]
    if report.total:
        style.append(("FONT", (0, len(lines)), (-1, len(lines)), font, 9))
        style.append(("BACKGROUND", (0, len(lines)), (-1, len(lines)), colors.HexColor("#EDEDED")))
    for number, column in enumerate(report.columns):
        if column.kind == "text":
            style.append(("ALIGN", (number, 1), (number, -1), "LEFT"))
    table.setStyle(TableStyle(style))

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.drawString(12 * mm, 8 * mm, f"{report.code} {report.title} · 打印于 {printed_on}")
        canvas.drawRightString(landscape(A4)[0] - 12 * mm, 8 * mm, f"第 {doc.page} 页")
        canvas.restoreState()

    story = [Paragraph(f"{report.code} {report.title}", title_style), Spacer(1, 3 * mm),
             Paragraph(escape(f"筛选条件：{filters}"), small), Spacer(1, 4 * mm), table]
    with output_file(path) as temporary:
        # initialFontName: pages start in our font, so no unembedded Helvetica enters the file.
        document = SimpleDocTemplate(str(temporary), pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                                     topMargin=12 * mm, bottomMargin=14 * mm, title=f"{report.code} {report.title}",
                                     author="TJCE Desktop", initialFontName=font)
        document.build(story, onFirstPage=footer, onLaterPages=footer)
    return len(report.rows)
