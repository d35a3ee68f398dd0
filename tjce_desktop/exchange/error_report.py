"""错误报告: the refused rows as they were, plus what is wrong and how to fix it.

The report keeps the file's own header texts, so after correcting it the user imports the
report itself as it is; the extra columns 错误说明 and 原行号 are ignored on import. 原行号 is
the row's number in the file that was imported, the number the messages use ("与第 6 行重复").
"""

from __future__ import annotations

from pathlib import Path

from tjce_desktop.exchange.cells import cell_text
from tjce_desktop.exchange.xlsx_table import Kind, TableColumn, write_table

ERROR_COLUMN = "错误说明"
ROW_COLUMN = "原行号"


def write_error_report(path: Path | str, headers: list[str], rows: list[tuple[tuple, tuple[str, ...], int]],
                       text_columns: set[int]) -> int:
    """``rows``: (cells as read, messages, the row's number in the file). ``text_columns``:
    columns kept as text (ID numbers)."""
    width = len(headers)

    def lines():
        for cells, messages, row_number in rows:
            values = list(cells) + [None] * (width - len(cells))
            out = []
            for column, value in enumerate(values[:width]):
                if column in text_columns:
                    # As text (a lost-digit number shown as Excel showed it), so the user retypes into a text cell.
                    out.append(cell_text(value))
                else:
                    out.append(value)
            out.append("；".join(messages))
            out.append(row_number)
            yield out

    # The file's own cells as they were (numbers, dates, text); ID numbers as text.
    table = [TableColumn(cell_text(header), Kind.ID if column in text_columns else Kind.AUTO)
             for column, header in enumerate(headers)]
    return write_table(path, "错误报告", [*table, TableColumn(ERROR_COLUMN, Kind.TEXT, 80),
                                                 TableColumn(ROW_COLUMN, Kind.SEQ)], lines())
