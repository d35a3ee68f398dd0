"""Every export is audited through the same service, from the command line and the window alike:
the action, the file's name, what and how many rows, the filters; the hash chain still holds."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest

from tjce_desktop.services.audit import verify_chain
from tjce_desktop.services.audit_text import ACTION_LABELS
from tjce_desktop.storage.database import open_database
from tjce_desktop.storage.models import AuditLog
from tjce_desktop.storage.unit_of_work import UnitOfWork

HEPING = "/120000/120101/"
PLAN = "2025年度公需课培训计划"


def _entries(database) -> dict[str, list[tuple[str, dict]]]:
    """action → [(target, detail)], and the chain checked."""
    with UnitOfWork(database) as uow:
        assert verify_chain(uow.session) == []
        found: dict[str, list[tuple[str, dict]]] = {}
        for entry in uow.session.query(AuditLog).order_by(AuditLog.seq):
            found.setdefault(entry.action, []).append((entry.target, json.loads(entry.detail or "null")))
    return found


def _bad_trainee_file(path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["学员姓名", "真实姓名", "身份证号", "职称"])
    book.active.append(["bad1", "", "120101199001011234", "中级"])
    book.save(path)


def _bad_progress_file(path) -> None:
    from tjce_desktop.services.progress_import import write_progress_template

    write_progress_template(path)
    book = openpyxl.load_workbook(path)
    book.active.append(["120101199001011234", "无此人", PLAN, "无此课程", 2, "2026-03-05"])
    book.save(path)


def test_every_command_line_export_is_audited(demo_db_path, tmp_path, capsys):
    from tjce_desktop.cli.main import main

    def tjce(*args) -> None:
        code = main(["--db", str(demo_db_path), *args])
        assert code == 0, capsys.readouterr().err

    _bad_trainee_file(tmp_path / "学员.xlsx")
    _bad_progress_file(tmp_path / "进度.xlsx")
    tjce("report", "4.1", "--org", "和平区", "--xlsx", str(tmp_path / "r41.xlsx"), "--pdf", str(tmp_path / "r41.pdf"))
    tjce("report", "4.2", "--org", "和平区", "--plan", PLAN, "--status", "已学完", "--xlsx", str(tmp_path / "r42.xlsx"))
    tjce("query", "--org", "和平区", "--plan", PLAN, "--xlsx", str(tmp_path / "q.xlsx"))
    tjce("compliance", "--org", "和平区", "--year", "2026", "--xlsx", str(tmp_path / "c.xlsx"))
    tjce("export-trainees", str(tmp_path / "t.xlsx"), "--org", "和平区", "--full-id")
    tjce("import-trainees", str(tmp_path / "学员.xlsx"), "--org", "和平区", "--errors", str(tmp_path / "e.xlsx"))
    tjce("import-progress", str(tmp_path / "进度.xlsx"), "--check", "--errors", str(tmp_path / "pe.xlsx"))

    database = open_database(demo_db_path, create=False)
    try:
        found = _entries(database)
    finally:
        database.dispose()
    xlsx, pdf = found["report.export"], found["report.print"]
    assert [target for target, _ in xlsx] == ["r41.xlsx", "r42.xlsx"] and pdf[0][0] == "r41.pdf"
    assert xlsx[0][1]["report"] == "4.1 培训计划统计总表" and xlsx[0][1]["filters"]["组织机构"] == "和平区"
    assert xlsx[1][1]["filters"]["学习状态"] == "已学完" and xlsx[1][1]["scope"] == HEPING
    rows_42 = openpyxl.load_workbook(tmp_path / "r42.xlsx").active.max_row
    assert xlsx[1][1]["rows"] > 0 and rows_42 >= xlsx[1][1]["rows"]
    assert pdf[0][1]["format"] == "pdf" and pdf[0][1]["rows"] == xlsx[0][1]["rows"]
    (target, detail), = found["archive.export"]
    assert target == "q.xlsx" and detail["rows"] > 0 and detail["filters"]["plan_id"] and detail["ticked"] is None
    (target, detail), = found["compliance.export"]
    assert target == "c.xlsx" and detail["year"] == 2026 and detail["scope"] == HEPING
    assert detail["rows"] == openpyxl.load_workbook(tmp_path / "c.xlsx").active.max_row - 2
    (target, detail), = found["trainee.export"]
    assert target == "t.xlsx" and detail["full_id_numbers"] is True and detail["rows"] > 0
    (target, detail), = found["trainee.import_errors"]
    assert target == "e.xlsx" and detail == {"rows": 1, "source": "学员.xlsx", "mode": "add"}
    (target, detail), = found["progress.import_errors"]
    assert target == "pe.xlsx" and detail == {"rows": 1, "source": "进度.xlsx"}
    assert all(action in ACTION_LABELS for action in found)  # every kind reads in Chinese on the page


@pytest.fixture
def window(qtbot, main_window):
    with qtbot.waitSignal(main_window.trainees_page.model.sig_loaded, timeout=10_000):
        main_window.select_org_index(main_window.org_model.index_for_path(HEPING))
    return main_window


def _wait_for(qtbot, database, action: str, count: int = 1) -> list[tuple[str, dict]]:
    qtbot.waitUntil(lambda: len(_entries(database).get(action, [])) >= count, timeout=20_000)
    return _entries(database)[action]


def test_every_export_of_the_window_is_audited(qtbot, window, tmp_path, message_boxes):
    database = window.database
    reports = window.reports_page
    window.ui.pages.setCurrentWidget(reports)
    qtbot.waitUntil(lambda: reports.model.report is not None, timeout=10_000)
    reports.export(str(tmp_path / "报表.xlsx"))
    (target, detail), = _wait_for(qtbot, database, "report.export")
    assert target == "报表.xlsx" and detail["report"].startswith("4.1") and detail["filters"]["组织机构"] == "和平区"
    reports.print_pdf(str(tmp_path / "报表.pdf"))
    (target, detail), = _wait_for(qtbot, database, "report.print")
    assert target == "报表.pdf" and detail["format"] == "pdf"

    compliance = window.compliance_page
    compliance.ui.year_spin.setValue(2026)
    compliance.export(str(tmp_path / "催办.xlsx"))
    (target, detail), = _wait_for(qtbot, database, "compliance.export")
    assert target == "催办.xlsx" and detail["year"] == 2026 and detail["scope"] == HEPING

    window.trainees_page.export(full_ids=False, path=str(tmp_path / "学员.xlsx"))
    (target, detail), = _wait_for(qtbot, database, "trainee.export")
    assert target == "学员.xlsx" and detail["full_id_numbers"] is False and detail["rows"] > 0

    archives = window.archive_query_page
    window.ui.pages.setCurrentWidget(archives)
    qtbot.waitUntil(lambda: archives.model.total is not None, timeout=10_000)
    archives.export(str(tmp_path / "档案.xlsx"))
    (target, detail), = _wait_for(qtbot, database, "archive.export")
    assert target == "档案.xlsx" and detail["rows"] == archives.model.total
    archives.export_stamping_list(str(tmp_path / "盖章名单.xlsx"))
    (target, _detail), = _wait_for(qtbot, database, "archive.export_stamping_list")
    assert target == "盖章名单.xlsx"

    audit_page = window.audit_page
    audit_page.export(str(tmp_path / "审计日志.xlsx"))
    (target, detail), = _wait_for(qtbot, database, "audit.export")
    assert target == "审计日志.xlsx" and detail["rows"] >= 6
    _entries(database)  # and the chain holds


def test_an_export_whose_audit_entry_cannot_be_written_is_removed(demo_database, tmp_path, monkeypatch):
    from tjce_desktop.services import audit
    from tjce_desktop.services.actor import LOCAL_ADMIN
    from tjce_desktop.services.compliance import export_shortfall

    def refuse(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(audit, "record", refuse)
    out = tmp_path / "催办.xlsx"
    with pytest.raises(RuntimeError):
        export_shortfall(demo_database, LOCAL_ADMIN, out, scope_path=HEPING, scope_name="和平区", year=2026,
                         today=dt.date(2026, 11, 29))
    assert not out.exists()
