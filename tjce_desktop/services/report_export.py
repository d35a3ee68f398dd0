"""导出 and 打印 of the five reports (4.1–4.5): one function for the window and the command line,
which writes the file and audits it (``report.export`` for .xlsx, ``report.print`` for the PDF)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from tjce_desktop.services import exports
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.reports import Report
from tjce_desktop.storage.database import Database

FORMATS = ("xlsx", "pdf")


def with_scope(report: Report, scope_name: str) -> Report:
    """The report with its org first among the filters, as the files show it."""
    return replace(report, filters={"组织机构": scope_name, **report.filters})


def export_report(database: Database, actor: Actor, report: Report, path: Path | str, *, scope_name: str,
                  scope_path: str, file_format: str = "xlsx", printed_on: dt.date | None = None) -> int:
    """``report`` (built for ``actor``'s scope) to ``.xlsx`` or an A4 PDF; returns its rows."""
    if file_format not in FORMATS:
        raise ValueError(f"unknown report format {file_format!r}")
    actor.require_access(scope_path)
    shown = with_scope(report, scope_name)
    if file_format == "xlsx":
        from tjce_desktop.exchange.report_xlsx import write_report

        def write() -> int:
            return write_report(shown, path)
    else:
        from tjce_desktop.exchange.report_pdf import write_report_pdf

        def write() -> int:
            return write_report_pdf(shown, path, (printed_on or dt.date.today()).isoformat())

    action = "report.export" if file_format == "xlsx" else "report.print"
    return exports.audited_write(database, actor, action, path, write,
                                 {"report": f"{report.code} {report.title}", "format": file_format,
                                  "scope": scope_path, "filters": shown.filters})
