"""The 继续教育学时证明 for a 职称 application: one A4 page, the trainee, a table of the chosen
years (hours by category, the year's requirement, 达标, 登记 and 验证), and the verification
code with its QR (the whole signed claim, checked offline like an archive sheet's)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tjce_desktop.exchange.archive_pdf import draw_heading, draw_qr
from tjce_desktop.exchange.cjk_font import register_cjk_font
from tjce_desktop.exchange.output_files import check_target, output_file, output_format

_GREY = (0.35, 0.35, 0.35)
_RED = (0.7, 0.0, 0.1)
HEADERS = ("年度", "公需课\n必修", "公需课\n选修", "专业课", "其中\n其他形式", "合计", "年度\n要求", "是否\n达标",
           "证书登记", "登记日期", "验证日期")


def write_proof_pdf(path: Path | str, claim, *, code: str, short_code: str, self_issued: bool,
                    notes: list[str]) -> None:
    """``claim``: a ``ProofClaim`` (its values are printed as signed); ``code`` the QR's full code."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Table, TableStyle

    path = Path(path)
    check_target(path)
    output_format(path, ("pdf",))
    font = register_cjk_font()
    width, height = A4
    left, right = 15 * mm, width - 15 * mm
    with output_file(path) as temporary:
        c = Canvas(str(temporary), pagesize=A4, initialFontName=font, initialFontSize=10, pageCompression=1)
        c.setTitle(f"继续教育学时证明 · {claim.name}")
        c.setAuthor("TJCE Desktop")
        y = draw_heading(c, font, width, height - 22 * mm, "继 续 教 育 学 时 证 明") - 7 * mm
        c.setFont(font, 11)
        c.drawCentredString(width / 2, y, f"（供职称申报使用 · {claim.period}）")
        y -= 10 * mm
        info = Table([["姓名", claim.name, "身份证号", claim.id_number],
                      ["所属机构", claim.org, "现职称", claim.title_level]],
                     colWidths=[22 * mm, 68 * mm, 22 * mm, 68 * mm], rowHeights=8 * mm)
        info.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 10), ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                                  ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F0F0F0")),
                                  ("BACKGROUND", (2, 0), (2, -1), colors.HexColor("#F0F0F0")),
                                  ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        _, info_height = info.wrapOn(c, right - left, 30 * mm)
        info.drawOn(c, left, y - info_height)
        y -= info_height + 8 * mm
        rows = [[y_.year, y_.public_required, y_.public_elective, y_.professional, y_.other, y_.total, y_.required,
                 y_.met, y_.registration, y_.registered_on or "—", y_.verified_on or "—"] for y_ in claim.years]
        table = Table([list(HEADERS), *rows], colWidths=[12 * mm, 16 * mm, 16 * mm, 14 * mm, 16 * mm, 13 * mm, 15 * mm,
                                                         14 * mm, 25 * mm, 19.5 * mm, 19.5 * mm],
                      rowHeights=[10 * mm] + [7.5 * mm] * len(rows))
        style = [("FONT", (0, 0), (-1, -1), font, 8.5), ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                 ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7")), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                 ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        style += [("TEXTCOLOR", (7, n), (7, n), colors.HexColor("#B00020"))
                  for n, year in enumerate(claim.years, 1) if year.met != "达标"]
        table.setStyle(TableStyle(style))
        _, table_height = table.wrapOn(c, right - left, 150 * mm)
        table.drawOn(c, left, y - table_height)
        y -= table_height + 7 * mm
        c.setFont(font, 9)
        short = [f"{year.year} 年度{year.shortfall}" for year in claim.years if year.shortfall]
        lines = ["未达标：" + "；".join(short[n:n + 3]) for n in range(0, len(short), 3)]
        for note in lines + notes:
            c.drawString(left, y, note)
            y -= 5.5 * mm
        base = 30 * mm
        c.setFont(font, 11)
        c.drawRightString(right, base + 30 * mm, f"出具人：{claim.issuer}")
        issued = dt.date.fromisoformat(claim.issued_on)
        c.drawRightString(right, base + 22 * mm, f"{issued.year} 年 {issued.month} 月 {issued.day} 日")
        c.setFont(font, 9)
        c.setFillColorRGB(*_GREY)
        c.drawRightString(right, base + 14 * mm, "（单位盖章）")
        c.setFillColorRGB(0, 0, 0)
        qr_size = 36 * mm
        draw_qr(c, code, left - 2 * mm, base - 6 * mm, qr_size)
        c.setFont(font, 9)
        c.drawString(left + qr_size, base + 22 * mm, "验证码（在 TJCE 的“验证学习档案”中输入，或扫描二维码）：")
        c.setFont(font, 15)
        c.drawString(left + qr_size, base + 14 * mm, short_code)
        c.setFont(font, 8)
        c.setFillColorRGB(*_GREY)
        c.drawString(left + qr_size, base + 8 * mm, "二维码含完整签名，离线也能验证；验证结果应与本页一致。")
        if self_issued:
            c.setFillColorRGB(*_RED)
            c.drawString(left + qr_size, base + 3 * mm, "本证明由本机自签发（单机版，未经市级中心认证）。")
        c.setFillColorRGB(*_GREY)
        c.drawString(left, 12 * mm, f"出具日期：{claim.issued_on}　·　TJCE Desktop")
        c.showPage()
        c.save()
