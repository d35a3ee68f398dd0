"""Read the sheets of a spreadsheet as rows of cell values.

``.xlsx``, ``.xlsm``, ``.xls`` and ``.ods`` go through python-calamine (a Rust reader, an
order of magnitude faster than openpyxl); ``.csv`` is decoded as UTF-8 (with or without a
BOM) or, failing that, GB18030 — what Excel and WPS save on Chinese Windows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tjce_desktop.domain.errors import UserError

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
SUPPORTED_SUFFIXES = SPREADSHEET_SUFFIXES | {".csv"}


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
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise SheetReadError(f"不支持“{suffix or '无扩展名'}”文件。请使用 .xlsx、.xls 或 .csv 文件。")
    if suffix == ".csv":
        yield SheetData(path, path.stem, _read_csv(path))
        return
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # noqa: BLE001 — calamine raises several types for a bad file
        raise _unreadable(path, exc) from exc
    if not workbook.sheet_names:
        raise SheetReadError(f"“{path.name}”中没有工作表。")
    for name in workbook.sheet_names:
        try:
            rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception as exc:  # noqa: BLE001
            raise _unreadable(path, exc) from exc
        yield SheetData(path, name, [list(row) for row in rows])


def _unreadable(path: Path, exc: Exception) -> SheetReadError:
    text = str(exc)
    if "password" in text.lower() or "encrypt" in text.lower():
        return SheetReadError(f"“{path.name}”设置了密码保护。请在 Excel 中取消密码后另存，再导入。")
    return SheetReadError(
        f"无法读取“{path.name}”：文件已损坏，或不是真正的 Excel 文件（{text[:120]}）。"
        "请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入。"
    )


def _read_csv(path: Path) -> list[list[object]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SheetReadError(f"无法识别“{path.name}”的文字编码。请另存为 UTF-8 编码的 CSV 或 .xlsx 文件。")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    return [list(row) for row in csv.reader(io.StringIO(text), dialect)]
