"""Arbitrary cells through the trainee and progress imports (hypothesis).

Any Unicode, numbers, dates, formulas and very long text, written into real .xlsx and .csv
files: every row is stored exactly as the field rules normalise it, or refused with a
message — never an internal error — and what is stored reads back identically, with
python-calamine, from the trainee export in both formats.
"""

import csv
import datetime as dt
import re

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from tjce_desktop.domain.errors import UserError
from tjce_desktop.domain.id_number import make_id_number
from tjce_desktop.exchange.cells import cell_text
from tjce_desktop.services import fields
from tjce_desktop.services.actor import LOCAL_ADMIN
from tjce_desktop.services.orgs import find_org
from tjce_desktop.services.progress_import import analyse_progress, apply_progress, open_progress_import
from tjce_desktop.services.trainee_export import export_trainees
from tjce_desktop.services.trainee_import import ImportMode, Verdict, analyse_import, apply_import, open_import
from tjce_desktop.services.trainee_listing import TraineeFilter
from tjce_desktop.storage.models import Trainee
from tjce_desktop.storage.unit_of_work import UnitOfWork

HEADERS = ("学员姓名", "真实姓名", "身份证号", "所属机构", "手机", "电子邮箱", "职称", "岗位类别", "高新技术", "职务")
FORMULAS = ("=1+1", '=HYPERLINK("http://example.com","点我")', "@SUM(A1)", "+86 138", "-1", "\tTab", "\r回车",
            "=cmd|' /C calc'!A0", "#N/A", "'=quoted")

any_text = st.text(max_size=30)
long_text = st.text(min_size=60, max_size=2000)
cell = st.one_of(any_text, long_text, st.sampled_from(FORMULAS), st.integers(-10**19, 10**19),
                 st.floats(allow_nan=False, allow_infinity=False), st.dates(dt.date(1900, 3, 1), dt.date(2100, 1, 1)),
                 st.none())
serial = iter(range(10**6))


@st.composite
def rows(draw):
    """A row that is mostly plausible, with any of its cells replaced by anything."""
    n = next(serial)
    plausible = [f"fz{n}", f"测试{n % 97}",
                 make_id_number("120101", dt.date(1970, 1, 1) + dt.timedelta(days=n), n % 999),
                 "和平区", "13800000000", "", "中级", "专业技术岗位", "否", "教师"]
    return [draw(cell) if draw(st.integers(0, 7)) == 0 and index != 3 else value
            for index, value in enumerate(plausible)]


def _xlsx_safe(value):
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _write(path, table):
    if path.suffix == ".csv":
        with open(path, "w", newline="", encoding="utf-8-sig") as handle:
            csv.writer(handle).writerows([HEADERS, *([("" if v is None else v) for v in row] for row in table)])
        return
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in table:
        sheet.append([_xlsx_safe(v) for v in row])
    book.save(path)


def _calamine_rows(path):
    if path.suffix == ".csv":
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return list(csv.reader(handle))
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


def _as_exported(stored: str, suffix: str, header: str) -> str:
    """What the export writes for a stored text. The .xlsx holds it exactly (a formula-looking
    text is a text cell with Excel's quote prefix, invisible to readers). The CSV cannot mark
    text as text, so it writes what Excel needs to keep it so: a leading ' before = + - @ tab
    CR, and a tab after an all-digit ID number (the ID column only: a 职务 of fifteen zeros,
    which this test once drew, is written as it is)."""
    if suffix == ".xlsx":
        return stored
    if stored[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + stored
    return stored + "\t" if header == "身份证号" and stored.isdigit() and len(stored) >= 15 else stored


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(table=st.lists(rows(), min_size=1, max_size=12))
def test_any_cells_are_stored_as_normalised_or_refused(demo_database, tmp_path, suffix, table):
    source = tmp_path / f"fuzz{next(serial)}{suffix}"
    _write(source, table)
    try:
        with UnitOfWork(demo_database) as uow:
            preview = analyse_import(uow, LOCAL_ADMIN, open_import(source), mode=ImportMode.UPSERT,
                                     default_org=find_org(uow.session, "和平区"))
            summary = apply_import(uow, LOCAL_ADMIN, preview)
    except UserError as exc:  # the file as a whole (say, a NUL that makes it no text file): a message
        assert str(exc) and "Traceback" not in str(exc)
        return
    assert summary.added + summary.updated + summary.unchanged + summary.refused <= len(table)
    stored_ids = []
    for row in preview.rows:
        if row.verdict is Verdict.ERROR:
            assert row.messages and all(isinstance(m, str) and m for m in row.messages)
            continue
        with UnitOfWork(demo_database) as uow:
            trainee = (uow.session.get(Trainee, row.trainee_id) if row.trainee_id else
                       uow.session.scalar(select(Trainee).where(Trainee.id_number == row.values["id_number"])))
        assert trainee is not None
        raw = dict(zip(HEADERS, row.cells))
        for attribute, field in (("real_name", fields.TRAINEE_REAL_NAME), ("username", fields.TRAINEE_USERNAME),
                                 ("job_title", fields.TRAINEE_JOB_TITLE), ("email", fields.TRAINEE_EMAIL)):
            header = {"real_name": "真实姓名", "username": "学员姓名", "job_title": "职务",
                      "email": "电子邮箱"}[attribute]
            expected = field.clean(cell_text(raw[header]))
            assert (getattr(trainee, attribute) or "") == expected, attribute
        stored_ids.append(trainee.id_number)
    if not stored_ids:
        return
    # What is stored reads back identically from the export, in both formats.
    for out in (tmp_path / f"out{next(serial)}.xlsx", tmp_path / f"out{next(serial)}.csv"):
        for id_number in stored_ids[:3]:
            export_trainees(demo_database, LOCAL_ADMIN, out, scope_path="/120000/120101/",
                            filters=TraineeFilter(id_number=id_number, active=None), full_id_numbers=True)
            header, *body = _calamine_rows(out)
            assert len(body) == 1, (id_number, body)
            got = dict(zip(header, body[0]))
            with UnitOfWork(demo_database) as uow:
                trainee = uow.session.scalar(select(Trainee).where(Trainee.id_number == id_number))
            for header, stored in (("身份证号", trainee.id_number), ("真实姓名", trainee.real_name),
                                   ("学员姓名", trainee.username), ("职务", trainee.job_title or "")):
                assert ("" if got[header] is None else str(got[header])) == _as_exported(stored, out.suffix,
                                                                                          header), header


PROGRESS_HEADERS = ("身份证号", "姓名", "培训计划", "课程", "学时", "完成日期", "考试", "成绩", "考试日期")


def _plausible_progress(database) -> list[list]:
    """Rows that name real trainees, plans and courses of the demo (so the judge gets past them)."""
    with database.engine.connect() as c:
        rows = c.exec_driver_sql(
            "SELECT t.id_number, t.real_name, p.name, co.name, co.hours FROM enrollment e "
            "JOIN trainee t ON t.id = e.trainee_id JOIN training_plan p ON p.id = e.plan_id "
            "JOIN course co ON co.plan_id = p.id WHERE e.stamp_status = 'unstamped' LIMIT 20").all()
    return [[r[0], r[1], r[2], r[3], r[4], "2026-11-20", "", "", ""] for r in rows]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(data=st.data())
def test_any_cells_in_a_progress_import_are_judged_never_crash(demo_database, tmp_path, data):
    plausible = _plausible_progress(demo_database)
    table = [[data.draw(cell) if data.draw(st.integers(0, 4)) == 0 else value for value in data.draw(
        st.sampled_from(plausible))] for _ in range(data.draw(st.integers(1, 8)))]
    source = tmp_path / f"progress{next(serial)}.xlsx"
    book = openpyxl.Workbook()
    book.active.append(PROGRESS_HEADERS)
    for row in table:
        book.active.append([_xlsx_safe(v) for v in row])
    book.save(source)
    try:
        with UnitOfWork(demo_database, LOCAL_ADMIN) as uow:
            preview = analyse_progress(uow.session, LOCAL_ADMIN, open_progress_import(source))
            apply_progress(uow.session, LOCAL_ADMIN, preview)
            uow.commit()
    except UserError as exc:
        assert str(exc)
        return
    for row in preview.refused:
        assert row.messages and not any(re.search(r"Traceback|Error\b", m) for m in row.messages)


def _rows_of(database, table, tmp_path, name):
    path = tmp_path / name
    _write(path, table)
    with UnitOfWork(database) as uow:
        preview = analyse_import(uow, LOCAL_ADMIN, open_import(path), mode=ImportMode.ADD,
                                 default_org=find_org(uow.session, "和平区"))
        apply_import(uow, LOCAL_ADMIN, preview)
    return preview


def test_what_the_fuzzing_found_stays_fixed(demo_database, tmp_path):
    good = ["fixed1", "王一", make_id_number("120101", dt.date(1981, 2, 3), 11), "和平区", "", "", "中级",
            "专业技术岗位", "否", "教师"]
    # A quoted cell with a quote and a line break is one cell: the sniffer once split the row.
    quoted = ["fixed2", good[1], make_id_number("120101", dt.date(1981, 2, 4), 12), *good[3:8], '"0\n', "教师"]
    preview = _rows_of(demo_database, [good, quoted], tmp_path, "quoted.csv")
    assert len(preview.rows) == 2 and preview.rows[0].verdict is Verdict.ADD
    assert "高新技术" in preview.rows[1].messages[0]
    # A NUL inside a UTF-8 CSV's cell refuses that row, naming the field; the file is still read.
    nul = ["fixed3", "王\x00五", make_id_number("120101", dt.date(1981, 2, 5), 13), *good[3:]]
    fine = ["fixed4", "王四", make_id_number("120101", dt.date(1981, 2, 6), 14), *good[3:]]
    preview = _rows_of(demo_database, [nul, fine], tmp_path, "nul.csv")
    assert preview.rows[0].verdict is Verdict.ERROR and "真实姓名" in preview.rows[0].messages[0]
    assert "控制字符" in preview.rows[0].messages[0] and preview.rows[1].verdict is Verdict.ADD
