"""Write one table to a real .xlsx: bold frozen header, column widths, text columns, no formulas.

openpyxl's write-only mode streams rows (memory stays flat at 100,000 rows). Any text that
Excel would take for a formula (starting with = + - @) is written as a string cell, so a
name like "=HYPERLINK(...)" in the data can never run in the reader's Excel.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from tjce_desktop.domain.errors import UserError

_FORMULA_STARTS = ("=", "+", "-", "@")
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)


class XlsxWriteError(UserError, OSError):
    """The file cannot be written; ``str()`` is the Chinese message."""


def write_table(
    path: Path | str,
    sheet_title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    widths: Sequence[float] | None = None,
    text_columns: Iterable[int] = (),
    title_rows: Sequence[str] = (),
    on_row=None,
) -> int:
    """Write and return the number of data rows. The file appears only when complete."""
    path = Path(path)
    if path.is_dir():
        raise XlsxWriteError(f"“{path}”是一个文件夹，请指定要保存的文件名。")
    if not path.parent.exists():
        raise XlsxWriteError(f"文件夹“{path.parent}”不存在。")
    text_columns = set(text_columns)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title)
    header_row = len(title_rows) + 1
    sheet.freeze_panes = f"A{header_row + 1}"
    for number, width in enumerate(widths or [], start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    for text in title_rows:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = _HEADER_FONT
        sheet.append([cell])
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGN
        header_cells.append(cell)
    sheet.append(header_cells)
    count = 0
    try:
        for row in rows:
            out: list[object] = []
            for column, value in enumerate(row):
                if isinstance(value, str) and (column in text_columns or value.startswith(_FORMULA_STARTS)):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.data_type = "s"
                    if column in text_columns:
                        cell.number_format = "@"
                    out.append(cell)
                else:
                    out.append(value)
            sheet.append(out)
            count += 1
            if on_row is not None and count % 1000 == 0:
                on_row(count)
        save_atomically(workbook, path)
    except BaseException:
        _discard_rows(sheet)
        raise
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


def _process_umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


# Read once at import, on one thread: setting the umask to read it, while export threads
# create files, would give their files the wrong modes for that moment.
_UMASK = _process_umask()


def publish(temporary: Path | str, path: Path) -> None:
    """Move a finished temporary file into place with the permissions a new file would get
    (``mkstemp`` makes it readable by its owner only), or those of the file it replaces (a
    private temporary file stays private)."""
    try:
        mode = os.stat(path).st_mode & 0o777
    except OSError:
        mode = 0o666 & ~_UMASK
    os.chmod(temporary, mode)
    os.replace(temporary, path)


def save_atomically(workbook: Workbook, path: Path | str) -> None:
    """Write beside the target and rename: a failed or cancelled save never leaves half a file."""
    path = Path(path)
    if path.is_dir():
        raise XlsxWriteError(f"“{path}”是一个文件夹，请指定要保存的文件名。")
    if not path.parent.exists():
        raise XlsxWriteError(f"文件夹“{path.parent}”不存在。")
    handle, temporary = tempfile.mkstemp(suffix=".xlsx", dir=path.parent)
    os.close(handle)
    try:
        workbook.save(temporary)
        publish(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise XlsxWriteError(f"无法保存“{path}”：{exc.strerror or exc}。文件是否正在 Excel 中打开？") from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
