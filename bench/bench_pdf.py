"""Printed 学习档案: 1,000 stamped sheets, pages per second, against reportlab drawing the same
page content directly.

Ours is the whole ``print_archives`` call: reading the archives, signing each claim with
Ed25519, drawing and writing the file. The floor gets the sheets' content ready-made (read
and signed before its clock starts) and draws it the way reportlab's documentation shows:
strings and rectangles on a canvas, the QR code through reportlab's ``QrCodeWidget`` and the
seal through ``drawImage``.

    python bench/bench_pdf.py --db bench/out/demo_ours.sqlite3
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

from tjce_desktop.exchange.archive_pdf import qr_image
from tjce_desktop.exchange.cjk_font import register_cjk_font
from tjce_desktop.services.actor import LOCAL_ADMIN
from tjce_desktop.services.archive_sheets import load_sheets, print_archives
from tjce_desktop.services.orgs import list_orgs
from tjce_desktop.services.sheet_signing import printing_signer
from tjce_desktop.storage.database import open_database
from tjce_desktop.storage.unit_of_work import UnitOfWork

OUT = Path(__file__).parent / "out"


def floor(sheets, path: Path, qr_images=None, widget=False) -> None:
    """``qr_images`` made before the clock: the QR is only placed (the placing floor); empty:
    encoded on the page like everything else; ``widget``: reportlab's QrCodeWidget."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    font = register_cjk_font()
    c = Canvas(str(path), pagesize=A4, initialFontName=font)
    for s in sheets:
        c.setFont(font, 11)
        c.drawCentredString(105 * mm, 275 * mm, "天津市专业技术人员继续教育")
        c.setFont(font, 20)
        c.drawCentredString(105 * mm, 264 * mm, "学 习 档 案（学时证明）")
        c.setFont(font, 10.5)
        y = 252 * mm
        for left, right in (("姓名", s.name), ("身份证号", s.id_number), ("所属机构", s.org),
                            ("职称", s.title_level), ("培训计划", s.plan), ("年度", str(s.year)),
                            ("计划时间", s.period), ("学习状态", s.status)):
            c.rect(20 * mm, y - 8 * mm, 170 * mm, 8 * mm)
            c.drawString(22 * mm, y - 5 * mm, left)
            c.drawString(44 * mm, y - 5 * mm, right)
            y -= 4 * mm
        y = 200 * mm
        for line in s.courses:
            c.rect(20 * mm, y - 6.5 * mm, 170 * mm, 6.5 * mm)
            for x, text in ((22, line.category), (50, line.name), (126, f"{line.hours:g}"), (144, f"{line.earned:g}"),
                            (164, line.finished_on)):
                c.drawString(x * mm, y - 4.5 * mm, text)
            y -= 6.5 * mm
        c.drawString(20 * mm, y - 6 * mm, f"合计：已获 {s.hours:g} 学时 / 计划要求 {s.required_hours:g} 学时")
        y -= 15 * mm
        for exam in s.exams:
            c.rect(20 * mm, y - 6.5 * mm, 170 * mm, 6.5 * mm)
            c.drawString(22 * mm, y - 4.5 * mm, exam.name)
            c.drawString(98 * mm, y - 4.5 * mm, "" if exam.best_score is None else f"{exam.best_score:g}")
            y -= 6.5 * mm
        c.drawString(20 * mm, y - 6 * mm, f"完成日期：{s.finished_on}")
        c.drawRightString(190 * mm, 40 * mm, s.seal_org)
        c.drawRightString(190 * mm, 33 * mm, s.stamped_on)
        c.setStrokeColorRGB(0.8, 0.1, 0.1)
        c.circle(168 * mm, 38 * mm, 20 * mm)
        c.setStrokeColorRGB(0, 0, 0)
        if widget:
            widget_ = QrCodeWidget(s.code, barLevel="M")
            x0, y0, x1, y1 = widget_.getBounds()
            drawing = Drawing(34 * mm, 34 * mm, transform=[34 * mm / (x1 - x0), 0, 0, 34 * mm / (y1 - y0), 0, 0])
            drawing.add(widget_)
            renderPDF.draw(drawing, c, 18 * mm, 22 * mm)
        else:
            image = qr_images[s.code] if qr_images else qr_image(s.code)
            c.drawImage(image, 18 * mm, 22 * mm, 34 * mm, 34 * mm)
        c.setFont(font, 9)
        c.drawString(54 * mm, 48 * mm, "验证码（在 TJCE“验证”中输入，或扫描二维码）：")
        c.setFont(font, 15)
        c.drawString(54 * mm, 40 * mm, s.short_code)
        c.showPage()
    c.save()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=OUT / "demo_ours.sqlite3")
    parser.add_argument("--sheets", type=int, default=1000)
    args = parser.parse_args()
    database = open_database(args.db)
    with database.engine.connect() as connection:
        ids = [row[0] for row in connection.exec_driver_sql(
            "SELECT id FROM enrollment WHERE stamp_status = 'stamped' AND org_path >= '/120000/120116/' "
            "AND org_path < '/120000/1201160' LIMIT ?", (args.sheets,))]
    print_archives(database, LOCAL_ADMIN, ids[:5], OUT / "warm.pdf")  # the signing key exists from here on
    start = time.perf_counter()
    count = print_archives(database, LOCAL_ADMIN, ids, OUT / "sheets_ours.pdf", printed_on=dt.date(2026, 11, 29))
    ours = time.perf_counter() - start
    with UnitOfWork(database) as uow:
        orgs = list_orgs(uow.session)
        names, paths = {org.id.hex: org.full_name for org in orgs}, {org.id.hex: org.path for org in orgs}
        signer = printing_signer(uow.session, "bench")
        sheets = [s for start in range(0, len(ids), 500)
                  for s in load_sheets(uow.session, LOCAL_ADMIN, ids[start:start + 500], names, signer,
                                       org_paths=paths)]
    images = {s.code: qr_image(s.code) for s in sheets}
    start = time.perf_counter()
    floor(sheets, OUT / "sheets_floor.pdf", images)
    placing = time.perf_counter() - start
    start = time.perf_counter()
    floor(sheets, OUT / "sheets_direct.pdf", {})
    raw = time.perf_counter() - start
    start = time.perf_counter()
    floor(sheets[:100], OUT / "sheets_widget.pdf", widget=True)
    widget = (time.perf_counter() - start) * len(sheets) / 100
    size_ours = (OUT / "sheets_ours.pdf").stat().st_size / count
    size_floor = (OUT / "sheets_floor.pdf").stat().st_size / count
    print(f"{count:,} sheets: ours {ours:.2f} s ({count / ours:.0f} pages/s, {size_ours / 1024:.1f} KB a sheet)")
    print(f"  reportlab drawing the same content (read and signed before its clock, QR encoded on the page): "
          f"{raw:.2f} s ({count / raw:.0f} pages/s, {size_floor / 1024:.1f} KB a sheet) — ours {ours / raw:.2f}x")
    print(f"  reportlab only placing it (QR images made before the clock too): {placing:.2f} s "
          f"({count / placing:.0f} pages/s) — ours {ours / placing:.2f}x")
    print(f"  reportlab with its QrCodeWidget (as documented), from 100 sheets: {widget:.1f} s for {count:,} "
          f"({count / widget:.0f} pages/s) — ours {ours / widget:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
