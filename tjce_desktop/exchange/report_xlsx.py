"""导出 a report: title, the filters used, formatted headers, numbers as numbers, rates as
percentages, a total row, and for the count reports a native Excel bar chart."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from tjce_desktop.exchange.xlsx_table import save_atomically, write_table
from tjce_desktop.services.reports import CHART_SERIES

_FORMATS = {"int": "#,##0", "rate": "0.0%", "hours": "0.0", "score": "0.0"}
_LARGE = 5000  # row-per-trainee reports beyond this are streamed, without chart


def write_report(report, path: Path | str) -> int:
    title = f"{report.code} {report.title}"
    filters = "；".join(f"{k}：{v}" for k, v in report.filters.items()) or "全部"
    if len(report.rows) > _LARGE:
        return write_table(path, report.code, [c.header for c in report.columns], report.rows,
                           widths=[14] * len(report.columns), title_rows=[title, f"筛选条件：{filters}"])
    book = Workbook()
    sheet = book.active
    sheet.title = report.code
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = f"筛选条件：{filters}"
    header_row = 3
    fill = PatternFill("solid", fgColor="DDEBF7")
    for number, column in enumerate(report.columns, start=1):
        cell = sheet.cell(row=header_row, column=number, value=column.header)
        cell.font, cell.fill = Font(bold=True), fill
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(number)].width = 30 if number == 1 else 14
    rows = list(report.rows) + ([report.total] if report.total else [])
    for offset, row in enumerate(rows, start=1):
        for number, (column, value) in enumerate(zip(report.columns, row), start=1):
            cell = sheet.cell(row=header_row + offset, column=number, value=value if value is not None else "—")
            if column.kind in _FORMATS and value is not None:
                cell.number_format = _FORMATS[column.kind]
            if report.total and offset == len(rows):
                cell.font = Font(bold=True)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
    series = CHART_SERIES.get(report.code)
    if series and report.rows:
        chart = BarChart()
        chart.type = "col"
        chart.title = report.title
        chart.grouping = "clustered" if report.code == "4.1" else "stacked"
        if chart.grouping == "stacked":
            chart.overlap = 100
        keys = [c.key for c in report.columns]
        first, last = header_row + 1, header_row + len(report.rows)
        for key in series:
            column = keys.index(key) + 1
            chart.add_data(Reference(sheet, min_col=column, min_row=header_row, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last))
        chart.height, chart.width = 9, max(16, len(report.rows) * 1.2)
        sheet.add_chart(chart, f"A{last + 4}")
    save_atomically(book, path)
    return len(report.rows)
