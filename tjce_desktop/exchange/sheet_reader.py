"""Read the sheets of a spreadsheet as rows of cell values.

What a file is comes from its content, not its name (``file_guard.sniff``): ``.xlsx``/``.xlsm``,
``.xls`` and ``.ods`` go through python-calamine (a Rust reader, an order of magnitude faster
than openpyxl) once ``file_guard.check_archive`` has found nothing hostile in them; CSV (also
tab-separated, also Excel's UTF-16 "Unicode 文本") is decoded as UTF-8 (with or without a BOM)
or, failing that, GB18030 — what Excel and WPS save on Chinese Windows; an HTML table saved
as .xls by WPS or an older system is read as the table it is.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from tjce_desktop.domain.errors import UserError
from tjce_desktop.exchange.file_guard import FileRefused, check_archive, sniff

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
SUPPORTED_SUFFIXES = SPREADSHEET_SUFFIXES | {".csv"}
_CALAMINE_SUFFIX = {"xlsx": {".xlsx", ".xlsm"}, "xls": {".xls"}, "ods": {".ods"}}


class SheetReadError(UserError, ValueError):
    """The file itself cannot be used; ``str()`` is the Chinese message."""


@dataclass(frozen=True)
class SheetData:
    path: Path
    sheet_name: str
    rows: list[list[object]]


def iter_sheets(path: Path | str) -> Iterator[SheetData]:
    """The sheets of the file in order, each read only when asked for."""
    path = Path(path)
    if not path.exists():
        raise SheetReadError(f"文件“{path}”不存在。")
    if path.is_dir():
        raise SheetReadError(f"“{path}”是一个文件夹，请选择 Excel 文件。")
    try:
        kind = sniff(path)
        if kind in ("xlsx", "ods"):
            check_archive(path, kind)
    except FileRefused as exc:
        raise SheetReadError(str(exc)) from None
    except OSError as exc:
        raise SheetReadError(f"无法打开“{path.name}”：{exc.strerror or exc}。") from None
    if kind == "csv":
        yield SheetData(path, path.stem, _read_csv(path))
        return
    if kind == "html":
        yield from _read_html(path)
        return
    if path.suffix.lower() in _CALAMINE_SUFFIX[kind]:
        yield from _read_calamine(path, path)
        return
    # python-calamine picks its reader by the name first: give it a copy named as what it is.
    from tjce_desktop.storage import private_temp

    with private_temp.temporary_file("import." + ("xlsx" if kind == "xlsx" else kind)) as copy:
        shutil.copyfile(path, copy)
        yield from _read_calamine(path, copy)


def _read_calamine(path: Path, source: Path) -> Iterator[SheetData]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(source))
    except Exception as exc:  # noqa: BLE001 — calamine raises several types for a bad file
        raise _unreadable(path, exc) from None
    if not workbook.sheet_names:
        raise SheetReadError(f"“{path.name}”中没有工作表。")
    for name in workbook.sheet_names:
        try:
            rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception as exc:  # noqa: BLE001
            raise _unreadable(path, exc) from None
        yield SheetData(path, name, [list(row) for row in rows])


def _unreadable(path: Path, exc: Exception) -> SheetReadError:
    text = str(exc)
    if "password" in text.lower() or "encrypt" in text.lower():
        return SheetReadError(f"“{path.name}”设置了密码保护。请在 Excel 中取消密码后另存，再导入。")
    return SheetReadError(
        f"无法读取“{path.name}”：文件已损坏，或不是真正的 Excel 文件（{text[:120]}）。"
        "请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入。"
    )


def _decode(path: Path, data: bytes, encodings=("utf-8-sig", "gb18030")) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SheetReadError(f"无法识别“{path.name}”的文字编码。请另存为 UTF-8 编码的 CSV 或 .xlsx 文件。")


def _read_csv(path: Path) -> list[list[object]]:
    text = _decode(path, path.read_bytes())
    # Only the delimiter is guessed: the sniffer also guesses the quoting, and a cell with a
    # quote and a line break ("0⏎) made it turn off doubled quotes and split the row in two.
    # Excel and WPS always double quotes inside quoted cells.
    try:
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",\t;").delimiter
    except csv.Error:
        delimiter = ","
    try:
        return [list(row) for row in csv.reader(io.StringIO(text), csv.excel, delimiter=delimiter)]
    except csv.Error as exc:
        raise SheetReadError(f"无法读取“{path.name}”：CSV 格式有误（{exc}）。") from None


# --- an HTML table saved as .xls ----------------------------------------------------------------

_CHARSET = re.compile(rb"charset\s*=\s*[\"']?([A-Za-z0-9_-]+)")


class _Tables(HTMLParser):
    """The rows of every <table>: cell texts, <br> as a line break, spaces collapsed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._depth = 0
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._depth += 1
            if self._depth == 1:
                self.tables.append([])
        elif self._depth == 1 and tag == "tr":
            self._end_row()
            self._row = []
        elif self._depth == 1 and tag in ("td", "th"):
            self._end_cell()
            if self._row is None:
                self._row = []
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag):
        if tag == "table" and self._depth:
            if self._depth == 1:
                self._end_row()
            self._depth -= 1
        elif self._depth == 1 and tag == "tr":
            self._end_row()
        elif self._depth == 1 and tag in ("td", "th"):
            self._end_cell()

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def _end_cell(self):
        if self._cell is not None and self._row is not None:
            lines = "".join(self._cell).split("\n")
            self._row.append("\n".join(" ".join(line.split()) for line in lines).strip())
        self._cell = None

    def _end_row(self):
        self._end_cell()
        if self._row is not None and self.tables:
            self.tables[-1].append(self._row)
        self._row = None


def _read_html(path: Path) -> Iterator[SheetData]:
    data = path.read_bytes()
    declared = _CHARSET.search(data[:4096])
    encodings: tuple[str, ...] = ("utf-8-sig", "gb18030")
    if declared:
        name = declared[1].decode("ascii").lower()
        name = "gb18030" if name in ("gb2312", "gbk", "gb18030") else name
        encodings = (name, *encodings)
    try:
        text = _decode(path, data, encodings)
    except LookupError:
        text = _decode(path, data)
    parser = _Tables()
    parser.feed(text)
    parser.close()
    tables = [rows for rows in parser.tables if rows]
    if not tables:
        raise SheetReadError(f"“{path.name}”是网页格式的文件，但其中没有表格。"
                             "请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入。")
    for number, rows in enumerate(tables, start=1):
        width = max(len(row) for row in rows)
        yield SheetData(path, f"表格{number}", [[*row, *[""] * (width - len(row))] for row in rows])
