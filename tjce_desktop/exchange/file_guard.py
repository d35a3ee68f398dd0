"""What a spreadsheet file really is, and whether it may be handed to a reader at all.

A file is judged by its content, never its extension: an .xlsx renamed .csv, a CSV renamed
.xlsx, an .xls (OLE2), an .ods (a zip whose ``mimetype`` says so), an HTML page saved as .xls
(WPS and older systems do this), Word documents, PDFs, password-protected workbooks.

An .xlsx or .ods is a zip, and a zip can lie: a 1.5 MB file whose one shared string expands
to 1.5 GB made the reader grow to 7.8 GB and abort; a 5 KB file with one cell at A1 and one
at XFD1048576 makes it ask for 550 GB at once (the reader's table is dense). So before any
reader sees it: the declared uncompressed size of every part and of all parts together, and
the compression ratio, against limits; then every part is inflated here, in chunks, so a
size that lies is caught too, and the worksheets are scanned for the extent of their cells
(rows × columns). All of it refused with a Chinese message, in bounded memory.
"""

from __future__ import annotations

import codecs
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 256 * MiB  # any spreadsheet file as it is on disk
    text_bytes: int = 128 * MiB  # a CSV or an HTML table
    html_bytes: int = 32 * MiB
    sheet_bytes: int = 300 * MiB  # one worksheet (or an .ods content.xml), uncompressed
    shared_strings_bytes: int = 150 * MiB
    other_part_bytes: int = 50 * MiB  # styles, relationships, anything else
    total_bytes: int = 600 * MiB  # every part together
    ratio: int = 200  # uncompressed ÷ compressed, for parts above ratio_floor
    ratio_floor: int = 10 * MiB
    entries: int = 5000
    cells: int = 30_000_000  # rows × columns of one sheet's used range


LIMITS = Limits()


class FileRefused(ValueError):
    """The file is not read; ``str()`` is the Chinese message (``sheet_reader`` passes it on as
    its ``SheetReadError``)."""


def _size(n: int) -> str:
    if n >= 1024 * MiB:
        return f"{n / (1024 * MiB):.1f} GB"
    if n >= MiB:
        return f"{n / MiB:.1f} MB"
    return f"{n / 1024:.0f} KB"


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".et", ".ett"}
CSV_SUFFIXES = {".csv", ".tsv"}
_RESAVE = "请在 Excel 或 WPS 中打开它，另存为 .xlsx 后再导入。"


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def sniff(path: Path, limits: Limits = LIMITS) -> str:
    """``"xlsx"``, ``"xls"``, ``"ods"``, ``"csv"`` or ``"html"`` — what the content is; anything
    else is refused with what it seems to be."""
    size = path.stat().st_size
    if size == 0:
        raise FileRefused(f"“{path.name}”是空文件。")
    if size > limits.file_bytes:
        raise FileRefused(f"“{path.name}”太大（{_size(size)}，最多 {_size(limits.file_bytes)}）。请分成几个文件导入。")
    with open(path, "rb") as handle:
        head = handle.read(8192)
    if head.startswith(_ZIP):
        return _zip_kind(path)
    if head.startswith(_OLE2):
        return _ole2_kind(path)
    suffix = path.suffix.lower()
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode 文本": UTF-16, tab-separated
        if size > limits.text_bytes:
            raise FileRefused(f"“{path.name}”太大（{_size(size)}，最多 {_size(limits.text_bytes)}）。")
        return "csv"
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    low = text[:4096].lower()
    if low.startswith(b"%pdf"):
        raise FileRefused(f"“{path.name}”是 PDF 文件，不是表格。请使用 Excel、WPS 或 CSV 文件。")
    if low.startswith(b"{\\rtf"):
        raise FileRefused(f"“{path.name}”是 RTF 文档，不是表格。请使用 Excel、WPS 或 CSV 文件。")
    if low.startswith(b"<"):
        if b"<html" in low or b"<table" in low or b"<!doctype html" in low:
            if size > limits.html_bytes:
                raise FileRefused(f"“{path.name}”是网页格式的表格，太大（{_size(size)}）。" + _RESAVE)
            return "html"
        if b"urn:schemas-microsoft-com:office:spreadsheet" in low or b"excel.sheet" in low:
            raise FileRefused(f"“{path.name}”是 Excel 2003 XML 格式的表格，不能直接读取。" + _RESAVE)
        raise FileRefused(f"“{path.name}”是一个 XML 或网页文件，不是表格。" + _RESAVE)
    if b"\x00" in head and not (suffix in CSV_SUFFIXES and _utf8_text(head) and _looks_delimited(head)):
        # A CSV that is UTF-8 text with a NUL inside a cell is read: the row check names the cell.
        what = "已损坏，或不是真正的 Excel 文件" if suffix in SPREADSHEET_SUFFIXES else "不是表格文件"
        raise FileRefused(f"无法读取“{path.name}”：文件{what}。不支持这种文件，" + _RESAVE)
    if size > limits.text_bytes:
        raise FileRefused(f"“{path.name}”太大（{_size(size)}，最多 {_size(limits.text_bytes)}）。请分成几个文件导入。")
    if suffix in CSV_SUFFIXES or _looks_delimited(head):
        return "csv"
    if suffix in SPREADSHEET_SUFFIXES:
        raise FileRefused(f"无法读取“{path.name}”：文件已损坏，或不是真正的 Excel 文件。" + _RESAVE)
    raise FileRefused(f"不支持“{suffix or '无扩展名'}”文件：内容不是表格。请使用 .xlsx、.xls 或 .csv 文件。")


def _utf8_text(head: bytes) -> bool:
    """Strict UTF-8 (a character cut at the end of the sample is fine): binary junk is not."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _looks_delimited(head: bytes) -> bool:
    """Text with a comma, semicolon or tab on its first line: a CSV whatever its name."""
    first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0]
    return any(mark in first for mark in (b",", b"\t", b";", "，".encode()))


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = {info.filename.replace("\\", "/").lower(): info for info in archive.infolist()}
            mimetype = names.get("mimetype")
            if mimetype is not None and mimetype.file_size <= 200:
                declared = archive.read(mimetype).strip().decode("ascii", "replace")
                if declared == "application/vnd.oasis.opendocument.spreadsheet":
                    return "ods"
                if declared.startswith("application/vnd.oasis.opendocument"):
                    raise FileRefused(f"“{path.name}”是 OpenDocument 文本或演示文稿，不是表格。")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise FileRefused(f"无法读取“{path.name}”：文件已损坏，或不是真正的 Excel 文件（{type(exc).__name__}）。"
                          + _RESAVE) from None
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        raise FileRefused(f"“{path.name}”是 Excel 二进制工作簿（.xlsb），不能直接读取。" + _RESAVE)
    if "word/document.xml" in names:
        raise FileRefused(f"“{path.name}”是 Word 文档，不是表格。")
    if "ppt/presentation.xml" in names:
        raise FileRefused(f"“{path.name}”是 PowerPoint 演示文稿，不是表格。")
    raise FileRefused(f"“{path.name}”是一个压缩包（zip），不是 Excel 表格。请解压后选择其中的表格文件。")


def _ole2_kind(path: Path) -> str:
    data = path.read_bytes()  # at most limits.file_bytes
    if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
        raise FileRefused(f"“{path.name}”设置了密码保护。请在 Excel 中取消密码后另存，再导入。")
    if _utf16("WordDocument") in data:
        raise FileRefused(f"“{path.name}”是 Word 文档，不是表格。")
    if _utf16("PowerPoint Document") in data:
        raise FileRefused(f"“{path.name}”是 PowerPoint 演示文稿，不是表格。")
    if _utf16("Workbook") in data or _utf16("Book") in data:
        return "xls"
    raise FileRefused(f"无法读取“{path.name}”：这是一个 Office 复合文档，但不是 Excel 表格。" + _RESAVE)


# --- zip parts -----------------------------------------------------------------------------------

_PART_NAMES = {"xl/sharedstrings.xml": "共享字符串（xl/sharedStrings.xml）", "content.xml": "表格内容（content.xml）"}


def _is_sheet(name: str, kind: str) -> bool:
    return (kind == "xlsx" and name.startswith("xl/worksheets/") and name.endswith(".xml")) or (
        kind == "ods" and name == "content.xml")


def _part_limit(name: str, kind: str, limits: Limits) -> int:
    if _is_sheet(name, kind):
        return limits.sheet_bytes
    if name.endswith("sharedstrings.xml"):
        return limits.shared_strings_bytes
    return limits.other_part_bytes


def check_archive(path: Path, kind: str, limits: Limits = LIMITS) -> None:
    """Refuse an .xlsx/.ods whose parts are too large, too compressed, lie about their size,
    or whose sheets span too many cells — before a reader allocates anything."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise FileRefused(f"无法读取“{path.name}”：文件已损坏（{type(exc).__name__}）。" + _RESAVE) from None
    if len(infos) > limits.entries:
        raise FileRefused(f"“{path.name}”包含 {len(infos):,} 个部件，不像正常的表格文件，已拒绝读取。")
    total = 0
    for info in infos:
        name = info.filename.replace("\\", "/").lower()
        label = _PART_NAMES.get(name, f"部件 {info.filename[:80]}")
        if info.flag_bits & 0x1:
            raise FileRefused(f"“{path.name}”设置了密码保护。请在 Excel 中取消密码后另存，再导入。")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise FileRefused(f"“{path.name}”使用了不支持的压缩方式。" + _RESAVE)
        limit = _part_limit(name, kind, limits)
        if info.file_size > limit:
            raise FileRefused(f"“{path.name}”中的{label}解压后有 {_size(info.file_size)}，超过上限 {_size(limit)}，"
                              "可能是恶意构造的文件，已拒绝读取。")
        total += info.file_size
        if total > limits.total_bytes:
            raise FileRefused(f"“{path.name}”解压后超过 {_size(limits.total_bytes)}，已拒绝读取。请分成几个文件导入。")
        if info.file_size > limits.ratio_floor and info.file_size > limits.ratio * max(1, info.compress_size):
            raise FileRefused(f"“{path.name}”中的{label}压缩比异常（{_size(info.compress_size)} 解压后为 "
                              f"{_size(info.file_size)}），可能是恶意构造的文件，已拒绝读取。")
    with open(path, "rb") as raw:
        for info in infos:
            name = info.filename.replace("\\", "/").lower()
            extent = (_XlsxExtent() if kind == "xlsx" else _OdsExtent()) if _is_sheet(name, kind) else None
            _inflate(raw, info, path, extent)
            if isinstance(extent, _XlsxExtent) and extent.bare:
                extent = _XlsxExtent(exact=True)  # cells without positions: walk the sheet cell by cell
                _inflate(raw, info, path, extent)
            for rows, cols in (extent.extents() if extent is not None else ()):
                if rows * cols > limits.cells:
                    raise FileRefused(
                        f"“{path.name}”的工作表范围过大（{rows:,} 行 × {cols:,} 列），读取会耗尽内存，已拒绝。"
                        "请把需要的数据复制到新的工作簿，另存为 .xlsx 后再导入。")


def _inflate(raw, info: zipfile.ZipInfo, path: Path, extent) -> None:
    """Inflate one part in chunks, never beyond its declared size; ``extent`` sees the text."""
    damaged = FileRefused(f"无法读取“{path.name}”：文件已损坏（部件 {info.filename[:80]} 的大小与内容不符）。"
                          + _RESAVE)
    raw.seek(info.header_offset)
    header = raw.read(30)
    if len(header) != 30 or header[:4] != b"PK\x03\x04":
        raise damaged
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    raw.seek(info.header_offset + 30 + name_length + extra_length)
    remaining, produced = info.compress_size, 0
    inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    while remaining > 0:
        chunk = raw.read(min(remaining, MiB))
        if not chunk:
            raise damaged
        remaining -= len(chunk)
        while chunk:
            if inflater is None:
                out, chunk = chunk, b""
            else:
                try:
                    out = inflater.decompress(chunk, MiB)
                except zlib.error:
                    raise damaged from None
                chunk = inflater.unconsumed_tail
            produced += len(out)
            if produced > info.file_size:
                raise damaged
            if extent is not None and out:
                extent.feed(out)
        if inflater is not None and inflater.eof:
            break
    if inflater is not None and not inflater.eof:
        out = inflater.flush()  # at most a few hundred bytes a full output buffer held back
        produced += len(out)
        if extent is not None and out:
            extent.feed(out)
    if produced != info.file_size:
        raise damaged
    if extent is not None:
        extent.close()


def _column_number(letters: bytes) -> int:
    number = 0
    for code in letters:
        number = number * 26 + code - 64
    return number


class _Chunks:
    """Feeds complete tags: each chunk is cut after its last ``>``, the rest waits for the next."""

    def __init__(self) -> None:
        self._carry = b""

    def feed(self, data: bytes) -> None:
        data = self._carry + data
        cut = data.rfind(b">") + 1
        if cut == 0 and len(data) < 4 * MiB:
            self._carry = data
            return
        cut = cut or len(data)
        self._carry = data[cut:]
        self.scan(data[:cut])

    def close(self) -> None:
        if self._carry:
            self.scan(self._carry)
            self._carry = b""

    def scan(self, data: bytes) -> None:
        raise NotImplementedError


_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
# Cells as Excel, WPS, LibreOffice and openpyxl write them: the position first. Any other cell
# (a position elsewhere or none, a namespace prefix) sends the sheet to the exact walk.
_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})(\d{1,7})"')
_PREFIXED_CELL = re.compile(rb"<[A-Za-z_][\w.-]*:c[\s>/]")
_XLSX_TAG = re.compile(rb"<" + _PREFIX + rb"(row|c)(?=[\s/>])([^>]*)>")
_R_ATTR = re.compile(rb"\br=\"([A-Z]*)(\d*)\"")


class _XlsxExtent(_Chunks):
    """The used range of a worksheet: from the cells' own positions (``r="XFD1048576"``), or
    — when cells come without one (some generators) — by walking rows and cells in order."""

    def __init__(self, *, exact: bool = False) -> None:
        super().__init__()
        self.exact, self.bare = exact, False
        self.rows = self.cols = 0
        self._row = self._col = 0

    def scan(self, data: bytes) -> None:
        if self.exact:
            self._walk(data)
            return
        found = _CELL_REF.findall(data)
        cells = data.count(b"<c ") + data.count(b"<c>") + data.count(b"<c/")
        if len(found) != cells or _PREFIXED_CELL.search(data):
            self.bare = True  # counted again cell by cell
        if found:
            letters = {letter for letter, _ in found}
            numbers = {number for _, number in found}
            self.cols = max(self.cols, max(_column_number(letter) for letter in letters))
            self.rows = max(self.rows, max(int(number) for number in numbers))

    def _walk(self, data: bytes) -> None:
        for match in _XLSX_TAG.finditer(data):
            attributes = match[2]
            position = _R_ATTR.search(attributes)
            if match[1] == b"row":
                self._row = int(position[2]) if position and position[2] else self._row + 1
                self._col = 0
                continue
            if position and position[1]:
                self._col = _column_number(position[1])
                if position[2]:
                    self._row = max(self._row, int(position[2]))
            else:
                self._col += 1
            if not attributes.endswith(b"/"):
                self.rows, self.cols = max(self.rows, self._row), max(self.cols, self._col)

    def extents(self) -> list[tuple[int, int]]:
        return [(self.rows, self.cols)]


_ODS_TAG = re.compile(rb"<(/?)" + _PREFIX + rb"(table|table-row|table-cell|covered-table-cell)(?=[\s/>])([^>]*)>")
_ROWS_REPEATED = re.compile(rb"number-rows-repeated=\"(\d+)\"")
_COLUMNS_REPEATED = re.compile(rb"number-columns-repeated=\"(\d+)\"")


class _OdsExtent(_Chunks):
    """The used range of every table in content.xml, repeats counted as the reader expands them."""

    def __init__(self) -> None:
        super().__init__()
        self._tables: list[tuple[int, int]] = []
        self._rows = self._cols = 0  # extent of the current table
        self._row = 0  # rows so far in the current table
        self._row_repeat = 1
        self._col = 0
        self._row_has_content = False

    def scan(self, data: bytes) -> None:
        for match in _ODS_TAG.finditer(data):
            closing, tag, attributes = match[1], match[2], match[3]
            empty = attributes.endswith(b"/")
            if tag == b"table":
                if closing or empty:
                    self._tables.append((self._rows, self._cols))
                self._rows = self._cols = self._row = self._col = 0
            elif tag == b"table-row":
                if closing:
                    self._end_row()
                else:
                    repeat = _ROWS_REPEATED.search(attributes)
                    self._row_repeat = int(repeat[1]) if repeat else 1
                    self._col, self._row_has_content = 0, False
                    if empty:
                        self._end_row()
            elif not closing:
                repeat = _COLUMNS_REPEATED.search(attributes)
                self._col += int(repeat[1]) if repeat else 1
                if not empty or b"value-type" in attributes:
                    self._row_has_content = True
                    self._cols = max(self._cols, self._col)

    def _end_row(self) -> None:
        self._row += self._row_repeat
        if self._row_has_content:
            self._rows = max(self._rows, self._row)
        self._row_repeat, self._row_has_content = 1, False

    def extents(self) -> list[tuple[int, int]]:
        return [*self._tables, (self._rows, self._cols)]
