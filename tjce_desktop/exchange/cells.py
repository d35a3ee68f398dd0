"""Cell values as Excel and WPS deliver them, turned into clean text, numbers and dates."""

from __future__ import annotations

import datetime as dt
import re

from tjce_desktop.domain.text import normalise_text

_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01, with Excel's 1900 leap-year bug
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def cell_text(value: object) -> str:
    """Text of a cell: whole numbers without ".0", dates as YYYY-MM-DD, spaces trimmed."""
    if value is None:
        return ""
    if isinstance(value, str):
        return normalise_text(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if abs(value) >= 1e15:
            return f"{value:.5E}"  # as Excel shows a long number it has already rounded
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return normalise_text(value)


def number_lost_digits(value: object) -> bool:
    """A long number stored as a number (an ID number typed into a General cell)."""
    return isinstance(value, float | int) and not isinstance(value, bool) and abs(value) >= 1e15


def cell_date(value: object) -> dt.date | None:
    """A date from a date cell, an Excel serial number or text like 2024-03-05 / 2024年3月5日."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float | int) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # up to 9999-12-31
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise ValueError(f"“{value}”不是日期")
    text = normalise_text(value)
    if re.fullmatch(r"\d+(\.0+)?", text) and 20000 <= float(text) < 80000:
        return _EXCEL_EPOCH + dt.timedelta(days=int(float(text)))  # a serial number typed as text
    match = _DATE_TEXT.match(text) or _COMPACT_DATE.match(text)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    raise ValueError(f"“{text}”不是日期，请写成 2024-03-05 的形式")


def parse_yes_no(value: object) -> bool | None:
    text = cell_text(value)
    if text in ("是", "Y", "y", "YES", "yes", "1", "TRUE", "true", "√", "✓"):
        return True
    if text in ("否", "N", "n", "NO", "no", "0", "FALSE", "false", "", "×"):
        return False
    return None
