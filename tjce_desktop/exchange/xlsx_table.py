"""The one writer of every table the program exports: a real .xlsx (or, where an export allows
it, a CSV that Excel on Chinese Windows opens as it is).

Each export describes its columns once, with a kind (``Kind``): text, ID numbers, counts,
hours, years, dates … The writer turns every value into what its kind says — numbers and dates
as real numbers and dates with a number format, so users can sum and filter; ID and phone
numbers as text formatted ``@`` — and text always as a string cell, never a formula: a name
like ``=HYPERLINK(...)`` (or one beginning with + - @, a tab or CR) cannot run in the reader's
Excel, and is marked with Excel's quote prefix so that editing the cell keeps it text.
Characters XML cannot carry (NUL and the other C0 controls, lone surrogates) are replaced by
U+FFFD, visibly, instead of crashing the export; text beyond Excel's 32,767 characters a cell
is cut with a marker. Column widths come from the header and a sample of rows (CJK characters
count double); the header row is frozen.

openpyxl's write-only mode streams rows (memory stays flat at 100,000 rows). Every file is
written beside its target and renamed into place (``exchange/output_files.py``).
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from itertools import chain, islice
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from tjce_desktop.exchange.output_files import (  # noqa: F401 — XlsxWriteError, XLSX_OR_CSV: exports import them here
    XLSX_ONLY,
    XLSX_OR_CSV,
    XlsxWriteError,
    check_target,
    output_file,
    output_format,
)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_HEADER_FONT = Font(bold=True)
_TITLE_FONT = Font(bold=True, size=13)
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
# XML 1.0 cannot carry these (openpyxl raises IllegalCharacterError, or the save fails).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_MARKER = "\ufffd"
_ERROR_CODES = frozenset(ERROR_CODES)  # "#N/A" … would be written as Excel's error values
EXCEL_CELL_LIMIT = 32_767
_CUT = "…（超出 Excel 单元格上限，已截断）"
_NUMBER_TEXT = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")
_DATE_TEXT = re.compile(r"(\d{4}-\d{2}-\d{2})([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?")
_SAMPLE = 200  # rows read ahead to size the columns
_MIN_WIDTH, _MAX_WIDTH = 6, 60


class Kind(str, Enum):
    """What a column holds; the values of the report kinds (``services.reports.Column.kind``) match."""

    TEXT = "text"  # a string cell, always
    ID = "id"  # ID and phone numbers: text, formatted "@" (never 1.20101E+17)
    AUTO = "auto"  # as the value comes (a refused row's cells as they were read)
    COUNT = "int"  # counts: whole numbers, #,##0
    SEQ = "seq"  # row numbers, sequence numbers: 0
    NUMBER = "number"  # any number, General
    HOURS = "hours"  # 0.0
    SCORE = "score"  # 0.0
    RATE = "rate"  # 0.0%
    YEAR = "year"  # 2025, a number
    DATE = "date"  # a real date, yyyy-mm-dd
    DATETIME = "datetime"  # a real date and time, yyyy-mm-dd hh:mm:ss


_NUMBER_FORMATS = {
    Kind.TEXT: "@", Kind.ID: "@", Kind.COUNT: "#,##0", Kind.SEQ: "0", Kind.HOURS: "0.0", Kind.SCORE: "0.0",
    Kind.RATE: "0.0%", Kind.YEAR: "0", Kind.DATE: "yyyy-mm-dd", Kind.DATETIME: "yyyy-mm-dd hh:mm:ss",
}
_NUMERIC = {Kind.COUNT, Kind.SEQ, Kind.NUMBER, Kind.HOURS, Kind.SCORE, Kind.RATE, Kind.YEAR}


@dataclass(frozen=True, slots=True)
class TableColumn:
    header: str
    kind: Kind = Kind.TEXT
    width: float | None = None  # None: from the header and a sample of rows


def columns(*specs: tuple[str, Kind] | tuple[str, Kind, int] | str) -> tuple[TableColumn, ...]:
    """``columns(("姓名", Kind.TEXT), ("学时", Kind.HOURS), "备注", ("签字", Kind.TEXT, 12))`` — a plain
    header is text; a third value is the column's width."""
    return tuple(TableColumn(s) if isinstance(s, str) else TableColumn(*s) for s in specs)


# --- values ---------------------------------------------------------------------------------------


def clean_text(text: str, *, limit: int | None = EXCEL_CELL_LIMIT) -> str:
    """Characters XML cannot carry replaced by U+FFFD; cut at Excel's cell limit with a marker."""
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub(_MARKER, text)
    if limit is not None and len(text) > limit:
        text = text[:limit - len(_CUT)] + _CUT
    return text


def _as_text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    return str(value)


def _naive(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=None) if value.tzinfo is not None else value


def typed_value(kind: Kind, value: object) -> object:
    """``value`` as its column's kind writes it: ``None``, a ``str``, a number, a date or a
    date and time. Text that does not read as the kind (a "—", a note) stays text."""
    if value is None:
        return None
    if kind in (Kind.TEXT, Kind.ID):
        return _as_text(value)
    if isinstance(value, bool):
        return value if kind is Kind.AUTO else _as_text(value)
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if kind is Kind.AUTO:
        if isinstance(value, dt.datetime):
            return _naive(value)
        if isinstance(value, int | float | dt.date | str):
            return value
        return _as_text(value)
    if kind in _NUMERIC:
        if isinstance(value, int | float):
            number = value
        elif isinstance(value, str):
            text = value.strip().replace(",", "")
            if not text:
                return None
            if not _NUMBER_TEXT.fullmatch(text):
                return value
            number = float(text)
            if number.is_integer() and "e" not in text.lower() and abs(number) < 1e15:
                number = int(number)
        else:
            return _as_text(value)
        if kind in (Kind.YEAR, Kind.COUNT, Kind.SEQ) and isinstance(number, float) and number.is_integer():
            number = int(number)
        return number
    if kind is Kind.DATE:
        if isinstance(value, dt.datetime):
            return value.date() if value.time() == dt.time() else _naive(value)
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            match = _DATE_TEXT.fullmatch(value.strip())
            if not value.strip():
                return None
            try:
                return dt.date.fromisoformat(match[1]) if match else value
            except ValueError:
                return value
        return _as_text(value)
    if kind is Kind.DATETIME:
        if isinstance(value, dt.datetime):
            return _naive(value)
        if isinstance(value, dt.date):
            return dt.datetime.combine(value, dt.time())
        if isinstance(value, str):
            text = value.strip()
            if not text:
                return None
            try:
                return _naive(dt.datetime.fromisoformat(text))
            except ValueError:
                return value
        return _as_text(value)
    return _as_text(value)


def display_width(text: str) -> int:
    """Columns a text takes in Excel: CJK and full-width characters count double."""
    longest = 0
    for line in text.split("\n"):
        width = 0
        for char in line:
            if char.isascii():
                width += 1
            else:
                width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        longest = max(longest, width)
    return longest


def _value_width(kind: Kind, value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, str):
        return display_width(value[:200])
    if isinstance(value, dt.datetime):
        return 19
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, bool):
        return 5
    if kind is Kind.RATE:
        return len(f"{value:.1%}")
    if kind is Kind.COUNT:
        return len(f"{value:,}")
    if kind in (Kind.HOURS, Kind.SCORE):
        return len(f"{value:.1f}")
    return len(str(value))


def _widths(table: Sequence[TableColumn], sample: list[list[object]]) -> list[float]:
    out = []
    for number, column in enumerate(table):
        if column.width is not None:
            out.append(column.width)
            continue
        values = max((_value_width(column.kind, row[number]) for row in sample if number < len(row)), default=0)
        header = min(display_width(column.header), 24)  # a long header wraps
        out.append(float(min(_MAX_WIDTH, max(_MIN_WIDTH, header + 2, values + 2))))
    return out


# --- whole workbooks ------------------------------------------------------------------------------


def save_atomically(workbook: Workbook, path: Path | str) -> None:
    """Write beside the target and rename: a failed or cancelled save never leaves half a file."""
    check_target(Path(path))
    output_format(path, XLSX_ONLY)
    with output_file(path) as temporary:
        _save(workbook, temporary)


def _save(workbook: Workbook, path: Path) -> None:
    """``workbook.save(path)``, but the zip is closed even when a write fails: openpyxl leaves
    it to the garbage collector, which writes again to the full disk and prints the error."""
    import zipfile

    from openpyxl.writer.excel import ExcelWriter

    if workbook.write_only and not workbook.worksheets:
        workbook.create_sheet()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()


# --- the table ----------------------------------------------------------------------------------


def _table(headers: Sequence[TableColumn | str], widths: Sequence[float] | None,
           text_columns: Iterable[int]) -> tuple[TableColumn, ...]:
    """Columns as given, or plain headers (values as they come; ``text_columns`` as ID text)."""
    text_columns = set(text_columns)
    out = []
    for number, column in enumerate(headers):
        if isinstance(column, str):
            column = TableColumn(column, Kind.ID if number in text_columns else Kind.AUTO)
        if widths is not None and number < len(widths) and column.width is None:
            column = TableColumn(column.header, column.kind, widths[number])
        out.append(column)
    return tuple(out)


def write_table(
    path: Path | str,
    sheet_title: str,
    headers: Sequence[TableColumn | str],
    rows: Iterable[Sequence[object]],
    *,
    widths: Sequence[float] | None = None,
    text_columns: Iterable[int] = (),
    title_rows: Sequence[str] = (),
    footer_rows: Sequence[Sequence[object]] = (),
    on_row: Callable[[int], None] | None = None,
    formats: Sequence[str] = XLSX_ONLY,
    freeze_columns: int = 0,
    decorate: Callable[[object, int, int, int], None] | None = None,
) -> int:
    """Write and return the number of data rows. The file appears only when complete.

    ``headers``: ``TableColumn``s (or plain header texts). ``footer_rows`` (a total) are bold
    after the data. ``formats``: what this export may write; a ``.csv`` target writes CSV when
    allowed and is refused otherwise. ``decorate(sheet, header_row, first_row, last_row)`` adds
    to the .xlsx sheet (a chart) once the rows are written."""
    path = Path(path)
    check_target(path)  # a folder, a missing folder … before what the name asks for
    kind = output_format(path, formats)
    table = _table(headers, widths, text_columns)
    kinds = [column.kind for column in table]

    def typed_rows() -> Iterator[list[object]]:
        for row in rows:
            yield [typed_value(kinds[n] if n < len(kinds) else Kind.AUTO, value) for n, value in enumerate(row)]

    with output_file(path) as temporary:
        if kind == "csv":
            return _write_csv(temporary, table, typed_rows(), on_row)
        return _write_xlsx(temporary, sheet_title, table, typed_rows(), title_rows,
                           [[typed_value(kinds[n] if n < len(kinds) else Kind.AUTO, v) for n, v in enumerate(row)]
                            for row in footer_rows],
                           on_row, freeze_columns, decorate)


class _Styles:
    """One style array per kind (plain and bold), shared by the cells that use it."""

    def __init__(self, sheet):
        self.sheet = sheet
        self._cache: dict[tuple, object] = {}

    def get(self, kind: Kind, value: object, bold: bool = False):
        if isinstance(value, str):
            number_format = "@" if kind is Kind.ID else None
            quote = value.startswith(_FORMULA_STARTS)
        elif isinstance(value, dt.datetime):
            number_format, quote = ("yyyy-mm-dd" if kind is Kind.DATE and value.time() == dt.time()
                                    else "yyyy-mm-dd hh:mm:ss"), False
        elif isinstance(value, dt.date):
            number_format, quote = "yyyy-mm-dd", False
        elif isinstance(value, bool) or kind is Kind.AUTO:
            number_format, quote = None, False
        else:
            number_format, quote = _NUMBER_FORMATS.get(kind), False
        key = (number_format, quote, bold)
        style = self._cache.get(key)
        if style is None:
            cell = WriteOnlyCell(self.sheet)
            cell.number_format = number_format or "General"
            if quote:
                cell.quotePrefix = True
            if bold:
                cell.font = _BOLD
            style = self._cache[key] = cell._style
        return style


def _cell(sheet, styles: _Styles, kind: Kind, value: object, bold: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, an error value or anything but text
    cell._style = styles.get(kind, value, bold)
    return cell


# Number kinds whose numbers need a format (the others read right as General).
_FORMATTED = {Kind.COUNT, Kind.HOURS, Kind.SCORE, Kind.RATE}


def _row(sheet, styles: _Styles, kinds: Sequence[Kind], row: Sequence[object], bold: bool = False) -> list:
    """The values of one row as the sheet takes them: plain values where openpyxl writes them
    right by itself (most text and numbers: a cell object each costs twice the time), a styled
    text cell for ID numbers and anything Excel could take for a formula or an error value,
    and formatted cells for dates and the formatted number kinds."""
    out: list[object] = []
    for number, value in enumerate(row):
        kind = kinds[number] if number < len(kinds) else Kind.AUTO
        if value is None:
            out.append(None)
        elif isinstance(value, str):
            value = clean_text(value)
            if bold or kind is Kind.ID or value.startswith(_FORMULA_STARTS) or value in _ERROR_CODES:
                out.append(_cell(sheet, styles, kind, value, bold))
            else:
                out.append(value)
        elif bold or isinstance(value, dt.date) or kind in _FORMATTED:
            out.append(_cell(sheet, styles, kind, value, bold))
        else:
            out.append(value)
    return out


def _write_xlsx(temporary: Path, sheet_title: str, table: Sequence[TableColumn], rows: Iterator[list[object]],
                title_rows: Sequence[str], footer_rows: list[list[object]], on_row, freeze_columns: int,
                decorate) -> int:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(clean_text(sheet_title)[:31] or "Sheet1")
    sample = list(islice(rows, _SAMPLE))
    for number, width in enumerate(_widths(table, sample), start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    header_row = len(title_rows) + 1
    sheet.freeze_panes = f"{get_column_letter(freeze_columns + 1)}{header_row + 1}"
    styles = _Styles(sheet)
    kinds = [column.kind for column in table]
    try:
        for number, text in enumerate(title_rows):
            cell = WriteOnlyCell(sheet, value=clean_text(text))
            cell.data_type = "s"
            cell.font = _TITLE_FONT if number == 0 else Font()
            sheet.append([cell])
        header_cells = []
        for column in table:
            cell = WriteOnlyCell(sheet, value=clean_text(column.header))
            cell.data_type = "s"
            cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGN
            header_cells.append(cell)
        sheet.append(header_cells)
        count = 0
        for row in chain(sample, rows):
            sheet.append(_row(sheet, styles, kinds, row))
            count += 1
            if on_row is not None and count % 1000 == 0:
                on_row(count)
        for row in footer_rows:
            sheet.append(_row(sheet, styles, kinds, row, bold=True))
        if decorate is not None:
            decorate(sheet, header_row, header_row + 1, header_row + count)
        _save(workbook, temporary)
    except BaseException:
        _discard_rows(sheet)
        raise
    return count


def _csv_text(kind: Kind, value: object) -> str:
    """A cell of the CSV: what Excel opens as it was meant (text stays text, never a formula)."""
    if value is None:
        return ""
    if isinstance(value, str):
        text = clean_text(value, limit=None)
        if kind is Kind.ID and text.isdigit() and text.isascii():
            return text + "\t"  # Excel opens a long digit string as text, not 1.20101E+17
        if text.startswith(_FORMULA_STARTS):
            return "'" + text  # as Excel's own quote prefix: shown as text, never run
        return text
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if kind is Kind.RATE:
            return f"{value:.1%}"
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def _write_csv(temporary: Path, table: Sequence[TableColumn], rows: Iterator[list[object]], on_row) -> int:
    """UTF-8 with a BOM (Excel on Chinese Windows reads it as UTF-8, not GBK), CRLF lines."""
    kinds = [column.kind for column in table]
    count = 0
    with open(temporary, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow([_csv_text(Kind.TEXT, column.header) for column in table])
        for row in rows:
            writer.writerow([_csv_text(kinds[n] if n < len(kinds) else Kind.AUTO, value)
                             for n, value in enumerate(row)])
            count += 1
            if on_row is not None and count % 1000 == 0:
                on_row(count)
    return count


def _discard_rows(sheet) -> None:
    """openpyxl's write-only sheet keeps the rows written so far in a temporary file until the
    workbook is saved; a failed or cancelled export removes it at once."""
    writer = getattr(sheet, "_writer", None)
    if writer is None or not isinstance(writer.out, str):  # a path, not an in-memory buffer
        return
    try:
        if getattr(sheet, "_rows", None) is not None:
            sheet._rows.close()  # ends the rows' element, so the stream closes cleanly
        writer.close()
    except Exception:  # noqa: BLE001 — the file goes in any case
        pass
    try:
        writer.cleanup()
    except (OSError, ValueError):
        pass
