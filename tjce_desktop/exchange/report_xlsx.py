"""导出 a report: title, the filters used, formatted headers, numbers as numbers, rates as
percentages, dates as dates, a total row, and for the count reports a native Excel bar chart.

Written by the one table writer (``xlsx_table.write_table``), so a trainee's name that looks
like a formula is text here as in every other export.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl.chart import BarChart, Reference

from tjce_desktop.domain.reports import CHART_SERIES
from tjce_desktop.exchange.xlsx_table import Kind, TableColumn, write_table

_KINDS = {kind.value: kind for kind in Kind}
_LARGE = 5000  # row-per-trainee reports beyond this have no chart


def _shown(row) -> list:
    return ["—" if value is None else value for value in row]  # "—": nobody registered (a rate)


def write_report(report, path: Path | str) -> int:
    title = f"{report.code} {report.title}"
    filters = "；".join(f"{k}：{v}" for k, v in report.filters.items()) or "全部"
    table = [TableColumn(column.header, _KINDS.get(column.kind, Kind.TEXT)) for column in report.columns]
    series = CHART_SERIES.get(report.code, ())
    keys = [c.key for c in report.columns]

    def chart(sheet, header_row: int, first: int, last: int) -> None:
        chart = BarChart()
        chart.type = "col"
        chart.title = report.title
        chart.grouping = "clustered" if report.code == "4.1" else "stacked"
        if chart.grouping == "stacked":
            chart.overlap = 100
        for key in series:
            column = keys.index(key) + 1
            chart.add_data(Reference(sheet, min_col=column, min_row=header_row, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last))
        chart.height, chart.width = 9, max(16, len(report.rows) * 1.2)
        sheet.add_chart(chart, f"A{last + 4}")

    with_chart = bool(series and report.rows and len(report.rows) <= _LARGE)
    return write_table(path, report.code, table, (_shown(row) for row in report.rows),
                       title_rows=(title, f"筛选条件：{filters}"),
                       footer_rows=[_shown(report.total)] if report.total else (),
                       freeze_columns=1, decorate=chart if with_chart else None)
