"""The five reports against an independent computation in plain Python over the raw rows."""

import uuid
from collections import defaultdict

import pytest

from tjce_desktop.domain.ids import new_id
from tjce_desktop.services import reports
from tjce_desktop.services.actor import LOCAL_ADMIN
from tjce_desktop.services.orgs import find_org
from tjce_desktop.services.trainees import move_trainees, set_left
from tjce_desktop.storage.unit_of_work import UnitOfWork

NOW = "2026-11-29 10:00:00.000000"


@pytest.fixture
def awkward(demo_database):
    """Demo data plus the cases that break naive reports."""
    db = demo_database
    with db.engine.connect() as c:
        moved = c.exec_driver_sql("SELECT t.id FROM trainee t JOIN enrollment e ON e.trainee_id=t.id "
                                  "WHERE t.org_path LIKE '/120000/120101/%' AND t.active=1 LIMIT 1").scalar()
        leaving = c.exec_driver_sql("SELECT t.id FROM trainee t JOIN enrollment e ON e.trainee_id=t.id "
                                    "WHERE t.active=1 AND t.org_path LIKE '/120000/120116/%' LIMIT 1").scalar()
    with UnitOfWork(db) as uow:
        # A trainee with archives moves from 和平区 to 河西区: they count where they are now.
        move_trainees(uow, LOCAL_ADMIN, [uuid.UUID(moved)], find_org(uow.session, "河西区").id)
    with UnitOfWork(db) as uow:
        # A trainee who left, with archives: left out everywhere.
        set_left(uow, LOCAL_ADMIN, [uuid.UUID(leaving)], left=True)
    with db.engine.begin() as c:
        q = lambda sql, *p: c.exec_driver_sql(sql, p)  # noqa: E731
        # A plan nobody enrolled in, with an exam; and an exam nobody sat in a busy plan.
        empty_plan = new_id().hex
        q("INSERT INTO training_plan (id, name, year, starts_on, ends_on, closed, row_version, updated_at) "
          "VALUES (?, '2026年度冷门专题培训', 2026, '2026-01-01', '2026-12-31', 0, 1, ?)", empty_plan, NOW)
        q("INSERT INTO exam (id, plan_id, name, exam_type, max_attempts, pass_score, sort_order, row_version, "
          "updated_at) VALUES (?, ?, '冷门考试', 'online', 3, 60, 0, 1, ?)", new_id().hex, empty_plan, NOW)
        busy_plan = q("SELECT id FROM training_plan WHERE name='2025年度公需课培训计划'").scalar()
        q("INSERT INTO exam (id, plan_id, name, exam_type, max_attempts, pass_score, sort_order, row_version, "
          "updated_at) VALUES (?, ?, '补充测验', 'offline', 2, 60, 5, 1, ?)", new_id().hex, busy_plan, NOW)
        # An org with no trainees.
        heping_id = q("SELECT id FROM org WHERE code='120101'").scalar()
        q("INSERT INTO org (id, parent_id, code, name, kind, path, depth, sort_order, row_version, updated_at) "
          "VALUES (?, ?, '120101999', '和平区空机构', 'unit', '/120000/120101/120101999/', 2, 999, 1, ?)",
          new_id().hex, heping_id, NOW)
    return db


def _raw(db):
    with db.engine.connect() as c:
        q = lambda sql: c.exec_driver_sql(sql).all()  # noqa: E731
        return {
            "trainees": {r.id: r for r in q("SELECT id, org_path, active, deleted_at, real_name FROM trainee")},
            "enrollments": q("SELECT id, trainee_id, plan_id, status, deleted_at FROM enrollment"),
            "plans": q("SELECT id, name FROM training_plan WHERE deleted_at IS NULL"),
            "exams": q("SELECT id, plan_id, name, max_attempts FROM exam WHERE deleted_at IS NULL"),
            "attempts": q("SELECT enrollment_id, exam_id, score, passed FROM exam_attempt WHERE deleted_at IS NULL"),
        }


def _in_scope(trainee, scope):
    return trainee.deleted_at is None and trainee.active == 1 and trainee.org_path.startswith(scope)


def _expected_status(raw, scope):
    counts = defaultdict(lambda: defaultdict(int))
    for e in raw["enrollments"]:
        t = raw["trainees"][e.trainee_id]
        if e.deleted_at is None and _in_scope(t, scope):
            counts[e.plan_id][e.status] += 1
    return counts


@pytest.mark.parametrize("scope", ["/120000/", LOCAL_ADMIN.scope("/120000/120101/"), "/120000/120103/",
                                   "/120000/120101/120101999/"])
def test_4_1_and_4_3_match_an_independent_count(awkward, scope):
    raw = _raw(awkward)
    registered = sum(1 for t in raw["trainees"].values() if _in_scope(t, scope))
    status = _expected_status(raw, scope)
    with awkward.engine.connect() as c:
        summary = {row[0]: row for row in reports.plan_summary(c, LOCAL_ADMIN.scope(scope)).rows}
        by_status = {row[0]: row for row in reports.plan_status(c, LOCAL_ADMIN.scope(scope)).rows}
    assert set(summary) == {p.name for p in raw["plans"]}  # the empty plan is listed too
    for plan_id, name in raw["plans"]:
        counts = status.get(plan_id, {})
        participated = sum(counts.values())
        completed = counts.get("finished", 0)
        expected_rates = (participated / registered if registered else None,
                          completed / registered if registered else None)
        assert summary[name] == (name, registered, participated, completed, registered - participated,
                                 *expected_rates)
        assert by_status[name] == (name, participated, completed, counts.get("in_progress", 0),
                                   counts.get("not_started", 0))
    if registered == 0:
        assert all(row[5] is None and row[6] is None for row in summary.values())  # "—", not an error
    assert summary["2026年度冷门专题培训"][2:4] == (0, 0)
    with awkward.engine.connect() as c:
        total = reports.plan_status(c, LOCAL_ADMIN.scope(scope)).total
    assert total[0] == "合计（人次）" and total[1:] == tuple(sum(row[i] for row in by_status.values())
                                                         for i in range(1, 5))


def _expected_exams(raw, scope, plan_id):
    attempts = defaultdict(list)
    for a in raw["attempts"]:
        attempts[(a.enrollment_id, a.exam_id)].append(a)
    result = {}
    for exam in (x for x in raw["exams"] if x.plan_id == plan_id):
        passed = failed = absent = 0
        for e in raw["enrollments"]:
            if e.plan_id != plan_id or e.deleted_at is not None or not _in_scope(raw["trainees"][e.trainee_id], scope):
                continue
            mine = attempts.get((e.id, exam.id), [])
            if any(a.passed for a in mine):
                passed += 1
            elif mine:
                failed += 1
            else:
                absent += 1
        result[exam.name] = (passed + failed + absent, passed, failed, absent)
    return result


@pytest.mark.parametrize("plan_name", ["2025年度公需课培训计划", "2026年度冷门专题培训",
                                       "2024年度专业课培训计划（卫生系列）"])
def test_4_5_matches_an_independent_count(awkward, plan_name):
    raw = _raw(awkward)
    plan_id = next(p.id for p in raw["plans"] if p.name == plan_name)
    expected = _expected_exams(raw, LOCAL_ADMIN.scope("/120000/120101/"), plan_id)
    with awkward.engine.connect() as c:
        report = reports.exam_summary(c, LOCAL_ADMIN.scope("/120000/120101/"), reports.find_plan(c, plan_name))
    assert {row[0]: row[2:] for row in report.rows} == expected
    if plan_name.startswith("2025年度公需"):
        assert {row[0]: row[2:] for row in report.rows}["补充测验"][3] == expected["补充测验"][0]  # nobody sat it


def test_by_child_rows_add_up_to_the_total(awkward):
    with awkward.engine.connect() as c:
        plan = reports.find_plan(c, "2025年度公需课培训计划")
        for code in ("4.1", "4.3", "4.5"):
            report = reports.by_child(c, code, LOCAL_ADMIN.scope("/120000/120101/"), "和平区", plan)
            names = [row[0] for row in report.rows]
            assert "和平区空机构" in names  # an org with no trainees has its row of zeros
            empty = next(row for row in report.rows if row[0] == "和平区空机构")
            assert all(value in (0, None) for value in empty[1:])
            for column in range(1, len(report.columns)):
                if report.columns[column].kind == "int":
                    assert sum(row[column] for row in report.rows) == report.total[column], (code, column)
            if code == "4.1":
                whole = reports.plan_summary(c, LOCAL_ADMIN.scope("/120000/120101/"), plan).rows[0]
                assert report.total[1:] == whole[1:]


def test_4_2_and_4_4_rows(awkward):
    raw = _raw(awkward)
    with awkward.engine.connect() as c:
        plan = reports.find_plan(c, "2025年度公需课培训计划")
        detail = reports.trainee_detail(c, LOCAL_ADMIN.scope("/120000/120101/"), plan)
        finished = reports.trainee_detail(c, LOCAL_ADMIN.scope("/120000/120101/"), plan, status="finished")
        per_exam = reports.exam_by_trainee(c, LOCAL_ADMIN.scope("/120000/120101/"), plan)
        absent = reports.exam_by_trainee(c, LOCAL_ADMIN.scope("/120000/120101/"), plan, exam_status="absent")
    enrolled = [e for e in raw["enrollments"] if e.plan_id == plan.id.hex and e.deleted_at is None
                and _in_scope(raw["trainees"][e.trainee_id], "/120000/120101/")]
    assert len(detail.rows) == len(enrolled)
    assert len(finished.rows) == sum(1 for e in enrolled if e.status == "finished")
    for row in finished.rows:
        assert "********" in row[3] and len(row[3]) == 18  # the ID number, masked
        assert row[5] + row[6] + row[7] == row[8] == 50.0 and row[9] == "已学完" and row[10]
        assert row[11] >= 60  # each finished archive has a passed exam
    exams = [x for x in raw["exams"] if x.plan_id == plan.id.hex]
    assert len(per_exam.rows) == len(enrolled) * len(exams)
    assert {row[3] for row in absent.rows} >= {"补充测验"}
    assert all(row[4] == "未参考" and row[6] is None for row in absent.rows)
    assert all(0 <= row[5] <= 3 for row in per_exam.rows)
    someone = enrolled[0]
    name = raw["trainees"][someone.trainee_id].real_name
    found = reports.exam_by_trainee(awkward.engine.connect(), LOCAL_ADMIN.scope("/120000/120101/"), plan, who=name)
    assert found.rows and all(name in row[2] for row in found.rows)


def test_plan_lookup_messages(awkward):
    with awkward.engine.connect() as c:
        assert reports.find_plan(c, "冷门").name == "2026年度冷门专题培训"
        with pytest.raises(reports.ReportError, match="多个"):
            reports.find_plan(c, "公需课")
        with pytest.raises(reports.ReportError, match="找不到"):
            reports.find_plan(c, "不存在的计划")


def test_report_cli_json_and_xlsx_with_a_native_chart(demo_db_path, tmp_path):
    import json

    import openpyxl

    from cli_support import run_tjce

    def tjce(*args):
        return run_tjce("--db", demo_db_path, *args)  # in this process; the PDF test runs a real one

    out = tmp_path / "4.1.xlsx"
    result = tjce("report", "4.1", "--org", "和平区", "--plan", "2025年度公需", "--by-child", "--json",
                  "--xlsx", str(out))
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["title"] == "培训计划统计总表" and document["filters"]["按下级机构"] == "和平区"
    assert document["total"]["registered"] == sum(row["registered"] for row in document["rows"])
    sheet = openpyxl.load_workbook(out).active
    assert sheet["A1"].value == "4.1 培训计划统计总表" and "和平区" in sheet["A2"].value
    assert [c.value for c in sheet[3]][:3] == ["组织机构", "注册人数", "参训人数"]
    first_rate = sheet.cell(row=4, column=6)
    assert isinstance(first_rate.value, float) and first_rate.number_format == "0.0%"
    assert isinstance(sheet.cell(row=4, column=2).value, int)
    total_row = 3 + len(document["rows"]) + 1
    total_cell = sheet.cell(row=total_row, column=1)
    assert total_cell.value.startswith("合计") and total_cell.font.bold
    assert len(sheet._charts) == 1  # a native Excel chart
    missing = tjce("report", "4.5")
    assert missing.returncode == 2 and "--plan" in missing.stderr
    wrong = tjce("report", "4.2", "--plan", "2025年度公需", "--by-child")
    assert wrong.returncode == 2 and "4.1、4.3、4.5" in wrong.stderr
    detail = tjce("report", "4.4", "--plan", "2025年度公需", "--exam-status", "未参考", "--json")
    assert all(row["exam_status"] == "未参考" for row in json.loads(detail.stdout)["rows"])


@pytest.mark.parametrize("measure", ["registered", "participated", "completed", "not_started", "in_progress",
                                     "not_participated"])
def test_drill_down_lists_exactly_the_trainees_behind_a_count(awkward, measure):
    from tjce_desktop.services.trainee_listing import count_in_scope

    with awkward.engine.connect() as c:
        plan = reports.find_plan(c, "2025年度公需课培训计划")
        summary = dict(zip([col.key for col in reports.SUMMARY_COLUMNS],
                           reports.plan_summary(c, LOCAL_ADMIN.scope("/120000/120101/"), plan).rows[0]))
        status = dict(zip([col.key for col in reports.STATUS_COLUMNS],
                          reports.plan_status(c, LOCAL_ADMIN.scope("/120000/120101/"), plan).rows[0]))
        expected = {**summary, **status, "not_participated": summary["registered"] - summary["participated"]}
        listed = count_in_scope(c, LOCAL_ADMIN.scope("/120000/120101/"), reports.drill_down_filter(measure, plan))
    assert listed == expected[measure]


def test_drill_down_into_exam_outcomes(awkward):
    from tjce_desktop.services.trainee_listing import count_in_scope

    with awkward.engine.connect() as c:
        plan = reports.find_plan(c, "2025年度公需课培训计划")
        exam_id = c.exec_driver_sql("SELECT id FROM exam WHERE plan_id=? AND name='2025年度公需课考试'",
                                    (plan.id.hex,)).scalar()
        heping = LOCAL_ADMIN.scope("/120000/120101/")
        row = next(r for r in reports.exam_summary(c, heping, plan).rows if r[0] == "2025年度公需课考试")
        for position, measure in ((3, "passed"), (4, "failed"), (5, "absent")):
            listed = count_in_scope(c, heping, reports.drill_down_filter(measure, plan, exam_id))
            assert listed == row[position], measure
        with pytest.raises(reports.ReportError, match="选择考试"):
            reports.drill_down_filter("passed", plan)


def test_report_pdf_embeds_its_font_and_reads_back(demo_db_path, tmp_path, artifacts):
    import shutil
    import subprocess
    import sys

    if shutil.which("pdffonts") is None:
        pytest.skip("poppler-utils not installed (.ci/install-system-deps installs it)")
    out = tmp_path / "4.1.pdf"
    result = subprocess.run([sys.executable, "-m", "tjce_desktop.cli.main", "--db", str(demo_db_path), "report",
                             "4.1", "--plan", "2025年度公需", "--by-child", "--pdf", str(out)],
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts)  # every font embedded, none left to the viewer
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert "841.89 x 595.276" in info  # A4 landscape
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    text = text.replace(" ", "")  # pdftotext drops the spaces between CJK characters anyway
    assert "4.1培训计划统计总表" in text and "合计（天津市）" in text and "第1页" in text and "%" in text
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(out), str(artifacts / "report_4_1")],
                   check=True)
    # A long report runs over pages, with the header and page number on each.
    long = tmp_path / "4.2.pdf"
    from cli_support import run_tjce

    assert run_tjce("--db", demo_db_path, "report", "4.2", "--plan", "2025年度公需", "--pdf", long).returncode == 0
    pages = int(next(line for line in subprocess.run(["pdfinfo", str(long)], capture_output=True, text=True).stdout
                     .splitlines() if line.startswith("Pages:")).split()[1])
    text = subprocess.run(["pdftotext", str(long), "-"], capture_output=True, text=True).stdout.replace(" ", "")
    assert pages > 1 and f"第{pages}页" in text and text.count("真实姓名") == pages


def test_missing_cjk_font_is_a_clear_error(monkeypatch):
    from tjce_desktop.exchange import cjk_font

    cjk_font.register_cjk_font.cache_clear()
    monkeypatch.setattr(cjk_font, "_candidates", lambda: [])
    try:
        with pytest.raises(cjk_font.FontMissingError, match="fonts-wqy-microhei"):
            cjk_font.register_cjk_font()
    finally:
        cjk_font.register_cjk_font.cache_clear()


def test_lazy_pages_and_whole_report_agree(awkward):
    """The page (keys, then values per page) and the CLI/export (one query) give the same rows."""
    with awkward.engine.connect() as c:
        plan = reports.find_plan(c, "2025年度公需课培训计划")
        for status in (None, "in_progress"):
            keys = reports.detail_keys(c, LOCAL_ADMIN.scope("/120000/120101/"), plan, status)
            paged = reports.detail_rows(c, plan, keys)
            whole = reports.trainee_detail(c, LOCAL_ADMIN.scope("/120000/120101/"), plan, status).rows
            assert [paged[k] for k in keys] == whole
        for exam_status in (None, "absent", "passed"):
            keys = reports.exam_keys(c, LOCAL_ADMIN.scope("/120000/120101/"), plan, exam_status)
            paged = reports.exam_rows(c, keys)
            whole = reports.exam_by_trainee(c, LOCAL_ADMIN.scope("/120000/120101/"), plan, exam_status).rows
            assert [paged[k] for k in keys] == whole
