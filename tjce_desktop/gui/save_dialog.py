"""Where to save a table: .xlsx, or also .csv for the exports that write it (学员, 学习档案)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

XLSX_FILTER = "Excel 文件 (*.xlsx)"
CSV_FILTER = "CSV 文件（UTF-8，Excel 可直接打开） (*.csv)"


def ask_table_path(parent: QWidget | None, title: str, name: str, *, csv: bool = False) -> str | None:
    """The chosen path; a name typed without an extension gets the chosen type's. ``name``, the
    proposal (often built from an org's name), is first made a valid file name on every system."""
    from tjce_desktop.domain.file_names import safe_file_name

    name = safe_file_name(name)
    filters = f"{XLSX_FILTER};;{CSV_FILTER}" if csv else XLSX_FILTER
    path, chosen = QFileDialog.getSaveFileName(parent, title, name, filters)
    if not path:
        return None
    if not Path(path).suffix:
        path += ".csv" if chosen == CSV_FILTER else ".xlsx"
    return path
