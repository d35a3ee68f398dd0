"""培训管理: plans, 综合查询 against plain Python over the raw rows, stamping, exports."""

import datetime as dt
import uuid

import pytest
from openpyxl import load_workbook

from tjce_desktop.domain.enums import CourseCategory, Role
from tjce_desktop.services import archive_query as q
from tjce_desktop.services.actor import LOCAL_ADMIN, Actor, ScopeError
from tjce_desktop.services.archive_export import export_archives, export_not_enrolled, export_stamping_list
from tjce_desktop.services.audit import verify_chain
from tjce_desktop.services.orgs import find_org
from tjce_desktop.services.plans import (
    CourseForm,
    ExamForm,
    PlanError,
    PlanForm,
    create_plan,
    delete_plan,
    list_plans,
    load_form,
    set_closed,
    update_plan,
)
from tjce_desktop.services.stamping import StampError, revoke_batch, stamp_archives
from tjce_desktop.storage.models import AuditLog, Enrollment, StampBatch
from tjce_desktop.storage.unit_of_work import UnitOfWork

HEPING = "/120000/120101/"
SUPERVISOR = Actor("heping-admin", scope_path=HEPING, role=Role.UNIT_SUPERVISOR)


def _plan_id(db, name="2025年度公需课培训计划") -> str:
    with db.engine.connect() as c:
        return c.exec_driver_sql("SELECT id FROM training_plan WHERE name = ?", (name,)).scalar_one()


def _raw_archives(db):
    with db.engine.connect() as c:
        return c.exec_driver_sql(
            "SELECT e.id, e.rowid, e.plan_id, e.status, e.hours, e.finished_at, e.stamp_status, e.org_path, "
            "e.trainee_active, t.real_name, t.id_number, t.title_level, p.year, "
            "(SELECT max(a.passed) FROM exam_attempt a WHERE a.enrollment_id = e.id) AS passed, "
            "(SELECT count(*) FROM exam_attempt a WHERE a.enrollment_id = e.id) AS attempts "
            "FROM enrollment e JOIN trainee t ON t.id = e.trainee_id JOIN training_plan p ON p.id = e.plan_id "
            "WHERE e.deleted_at IS NULL").all()


def _all_keys(db, scope, filters) -> list[int]:
    keys, after = [], None
    with db.engine.connect() as c:
        while True:
            page = q.fetch_key_page(c, LOCAL_ADMIN.scope(scope), filters, after, 97)
            keys += page.rowids
            if len(page.rowids) < 97:
                return keys
            after = page.last_key


# --- 综合查询 ----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", ["plan_district_status", "year_exam_failed", "dates_hours", "title_name",
                                  "absent_stamped", "id_suffix", "left"])
def test_query_matches_plain_python(demo_database, case):
    db = demo_database
    plan = _plan_id(db)
    raw = _raw_archives(db)
    some = next(r for r in raw if r.org_path.startswith(HEPING))
    cases = {
        "plan_district_status": (HEPING, q.ArchiveFilter(plan_id=plan, status="finished"),
                                 lambda r: r.plan_id == plan and r.status == "finished"),
        "year_exam_failed": ("/", q.ArchiveFilter(year=2025, exam_outcome="failed"),
                             lambda r: r.year == 2025 and r.attempts > 0 and not r.passed),
        "dates_hours": ("/", q.ArchiveFilter(finished_from=dt.date(2025, 3, 1), finished_to=dt.date(2025, 6, 30),
                                             hours_min=30, hours_max=50),
                        lambda r: r.finished_at is not None and "2025-03-01" <= r.finished_at[:10] <= "2025-06-30"
                        and 30 <= r.hours <= 50),
        "title_name": ("/", q.ArchiveFilter(title_level="senior_deputy", name_or_id=some.real_name[:1]),
                       lambda r: r.title_level == "senior_deputy" and some.real_name[:1] in r.real_name),
        "absent_stamped": ("/", q.ArchiveFilter(exam_outcome="absent", stamp_status="unstamped"),
                           lambda r: r.attempts == 0 and r.stamp_status == "unstamped"),
        "id_suffix": ("/", q.ArchiveFilter(name_or_id=" " + some.id_number[-6:].replace("1", "１") + " "),
                      lambda r: r.id_number.endswith(some.id_number[-6:])),
        "left": ("/", q.ArchiveFilter(active=False), lambda r: not r.trainee_active),
    }
    scope, filters, keep = cases[case]
    expected = {r.rowid for r in raw if r.org_path.startswith(scope) and keep(r)}
    assert expected, "the case must select something"
    with db.engine.connect() as c:
        assert q.count_archives(c, LOCAL_ADMIN.scope(scope), filters) == len(expected)
        assert set(q.all_rowids(c, LOCAL_ADMIN.scope(scope), filters)) == expected
    keys = _all_keys(db, scope, filters)
    assert len(keys) == len(set(keys)) == len(expected)  # keyset pages: no gaps, no repeats
    assert set(keys) == expected


def test_filter_round_trips_through_saved_json():
    filters = q.ArchiveFilter(plan_id="ab" * 16, year=2025, finished_from=dt.date(2025, 1, 2), hours_min=0.0,
                              active=False, name_or_id="王")
    assert q.ArchiveFilter.from_dict(filters.to_dict()) == filters
    assert q.ArchiveFilter.from_dict({"unknown": 1}) == q.NO_FILTER
    assert filters.describe("计划甲")["培训计划"] == "计划甲"
    assert filters.describe()["学员状态"] == "离职"


def test_rows_mask_id_numbers_and_show_exam_result(demo_database):
    db = demo_database
    with db.engine.connect() as c:
        page = q.fetch_key_page(c, LOCAL_ADMIN.scope(HEPING), q.ArchiveFilter(exam_outcome="passed"), None, 5)
        rows = q.fetch_rows(c, LOCAL_ADMIN.scope(HEPING), page.rowids, {})
    assert len(rows) == 5
    for row in rows.values():
        assert "*" in row.values[1]
        assert row.values[q.COLUMNS.index("考试")].startswith("通过")


# --- 导出 ----------------------------------------------------------------------------------------


def test_export_ticked_rows_and_all_results(demo_database, tmp_path):
    db = demo_database
    filters = q.ArchiveFilter(plan_id=_plan_id(db), status="finished")
    with db.engine.connect() as c:
        total = q.count_archives(c, LOCAL_ADMIN.scope(HEPING), filters)
        ticked = q.fetch_key_page(c, LOCAL_ADMIN.scope(HEPING), filters, None, 7).rowids
    assert export_archives(db, LOCAL_ADMIN, tmp_path / "ticked.xlsx", scope_path=HEPING, rowids=ticked) == 7
    assert export_archives(db, LOCAL_ADMIN, tmp_path / "all.xlsx", scope_path=HEPING, filters=filters) == total
    sheet = load_workbook(tmp_path / "all.xlsx", read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == q.COLUMNS and len(rows) == total + 1
    status = q.COLUMNS.index("学习状态")
    assert all(r[status] == "已学完" and "*" in r[1] for r in rows[1:])
    with UnitOfWork(db) as uow:
        assert uow.session.query(AuditLog).filter_by(action="archive.export").count() == 2


def test_stamping_list_has_finished_archives_and_blank_stamp_columns(demo_database, tmp_path):
    db = demo_database
    with db.engine.connect() as c:
        finished = q.count_archives(c, LOCAL_ADMIN.scope(HEPING), q.ArchiveFilter(status="finished"))
    count = export_stamping_list(db, LOCAL_ADMIN, tmp_path / "list.xlsx", scope_path=HEPING)
    assert count == finished
    rows = list(load_workbook(tmp_path / "list.xlsx", read_only=True).active.iter_rows(values_only=True))
    assert rows[1][0] == "序号" and rows[1][-3:] == ("盖章单位", "盖章日期", "经办人签字")
    assert [r[0] for r in rows[2:]] == list(range(1, count + 1))
    assert all(r[-3:] == (None, None, None) for r in rows[2:])


def test_not_enrolled_is_exactly_scope_minus_enrolled(demo_database, tmp_path):
    db = demo_database
    plan = _plan_id(db, "2026年度专业课培训计划（卫生系列）")
    with db.engine.connect() as c:
        active = {r[0] for r in c.exec_driver_sql(
            "SELECT username FROM trainee WHERE org_path >= ? AND org_path < ? AND active = 1 "
            "AND deleted_at IS NULL", (HEPING, HEPING[:-1] + "0"))}
        enrolled = {r[0] for r in c.exec_driver_sql(
            "SELECT t.username FROM enrollment e JOIN trainee t ON t.id = e.trainee_id WHERE e.plan_id = ?",
            (plan,))}
    count = export_not_enrolled(db, LOCAL_ADMIN, tmp_path / "not.xlsx", scope_path=HEPING, plan_id=plan)
    rows = list(load_workbook(tmp_path / "not.xlsx", read_only=True).active.iter_rows(values_only=True))
    exported = {r[0] for r in rows[1:]}
    assert exported == active - enrolled and count == len(exported) > 0


# --- 盖章 ----------------------------------------------------------------------------------------


def _ids(db, scope, filters) -> list[str]:
    with db.engine.connect() as c:
        return q.enrollment_ids(c, LOCAL_ADMIN.scope(scope), q.all_rowids(c, LOCAL_ADMIN.scope(scope), filters))


def test_stamp_is_idempotent_and_lists_what_it_skipped(demo_database):
    db = demo_database
    plan = _plan_id(db)
    selection = _ids(db, HEPING, q.ArchiveFilter(plan_id=plan))
    with db.engine.connect() as c:
        expected = c.exec_driver_sql(
            "SELECT count(*) FROM enrollment WHERE plan_id = ? AND org_path >= ? AND org_path < ? "
            "AND status = 'finished' AND stamp_status = 'unstamped'", (plan, HEPING, HEPING[:-1] + "0")).scalar()
    assert expected > 0
    with UnitOfWork(db, "heping-admin") as uow:
        first = stamp_archives(uow.session, SUPERVISOR, selection)
        uow.commit()
    assert first.stamped == expected and first.batch_id is not None
    assert {s.reason for s in first.skipped} <= {"已盖章", "尚未学完"}
    assert len(first.skipped) == len(selection) - expected
    with UnitOfWork(db, "heping-admin") as uow:
        again = stamp_archives(uow.session, SUPERVISOR, selection + selection[:3])
        uow.commit()
        assert again.stamped == 0 and again.batch_id is None
        batches = uow.session.query(StampBatch).count()
        batch = uow.session.get(StampBatch, first.batch_id)
        assert batch.archive_count == expected and batch.stamped_by == "heping-admin"
        assert uow.session.query(Enrollment).filter_by(stamp_batch_id=first.batch_id).count() == expected
    with UnitOfWork(db, "heping-admin") as uow:
        assert uow.session.query(StampBatch).count() == batches  # no empty batch was made


def test_revoke_needs_a_reason_and_is_audited(demo_database):
    db = demo_database
    selection = _ids(db, HEPING, q.ArchiveFilter(status="finished", stamp_status="unstamped"))[:20]
    with UnitOfWork(db, "heping-admin") as uow:
        batch_id = stamp_archives(uow.session, SUPERVISOR, selection).batch_id
        uow.commit()
    with UnitOfWork(db, "heping-admin") as uow:
        with pytest.raises(StampError, match="原因"):
            revoke_batch(uow.session, SUPERVISOR, batch_id, "  ")
        assert revoke_batch(uow.session, SUPERVISOR, batch_id, "盖错了单位") == 20
        uow.commit()
    with UnitOfWork(db) as uow:
        assert uow.session.query(Enrollment).filter_by(stamp_batch_id=batch_id).count() == 0
        with pytest.raises(StampError, match="已于"):
            revoke_batch(uow.session, SUPERVISOR, batch_id, "再撤一次")
        actions = [e.action for e in uow.session.query(AuditLog).order_by(AuditLog.seq)]
        assert actions[-2:] == ["archive.stamp", "archive.unstamp"]
        assert verify_chain(uow.session) == []
    # Stamped again after the revoke: one new stamp each.
    with UnitOfWork(db, "heping-admin") as uow:
        assert stamp_archives(uow.session, SUPERVISOR, selection).stamped == 20


def test_a_supervisor_cannot_stamp_or_revoke_a_siblings_archives(demo_database):
    db = demo_database
    hexi = _ids(db, "/120000/120103/", q.ArchiveFilter(status="finished"))[:5]
    with UnitOfWork(db) as uow:
        with pytest.raises(ScopeError):
            stamp_archives(uow.session, SUPERVISOR, hexi)
        with pytest.raises(ScopeError):
            stamp_archives(uow.session, SUPERVISOR, [], seal_org_id=find_org(uow.session, "河西区").id)
        hexi_batch = stamp_archives(uow.session, LOCAL_ADMIN, hexi, seal_org_id=find_org(uow.session, "河西区").id)
        assert hexi_batch.stamped > 0
        with pytest.raises(ScopeError):
            revoke_batch(uow.session, SUPERVISOR, hexi_batch.batch_id, "不是我的")
        auditor = Actor("auditor", scope_path=HEPING, role=Role.AUDITOR)
        with pytest.raises(ScopeError, match="审计员"):
            stamp_archives(uow.session, auditor, _ids(db, HEPING, q.ArchiveFilter(status="finished"))[:1])


# --- 培训计划 ------------------------------------------------------------------------------------


def _form(name="2027年度新技术专题") -> PlanForm:
    return PlanForm(name, 2027, dt.date(2027, 1, 1), dt.date(2027, 12, 31), "专题",
                    [CourseForm("人工智能应用", CourseCategory.PROFESSIONAL, 24),
                     CourseForm("数据安全", CourseCategory.PUBLIC_ELECTIVE, 12)],
                    [ExamForm("结业考试", max_attempts=2, pass_score=70)])


def test_plan_lifecycle(demo_database):
    db = demo_database
    with UnitOfWork(db) as uow:
        plan = create_plan(uow.session, LOCAL_ADMIN, _form())
        uow.commit()
        plan_id = plan.id
    with UnitOfWork(db) as uow:
        form = load_form(uow.session, plan_id)
        assert [c.name for c in form.courses] == ["人工智能应用", "数据安全"]
        form.courses[1].hours = 16
        form.courses.append(CourseForm("伦理", CourseCategory.PUBLIC_REQUIRED, 8))
        update_plan(uow.session, LOCAL_ADMIN, plan_id, form)
        uow.commit()
    with UnitOfWork(db) as uow:
        summary = next(p for p in list_plans(uow.session) if p.id == plan_id)
        assert (summary.course_count, summary.total_hours, summary.exam_count) == (3, 48, 1)
        delete_plan(uow.session, LOCAL_ADMIN, plan_id)  # no archives: may be deleted
        uow.commit()
    with UnitOfWork(db) as uow:
        assert all(p.id != plan_id for p in list_plans(uow.session))


def test_a_plan_with_archives_can_only_be_closed(demo_database):
    db = demo_database
    plan_id = uuid.UUID(hex=_plan_id(db))
    with UnitOfWork(db) as uow:
        with pytest.raises(PlanError, match="只能关闭"):
            delete_plan(uow.session, LOCAL_ADMIN, plan_id)
        form = load_form(uow.session, plan_id)
        form.courses.pop()
        with pytest.raises(PlanError, match="已有学习记录"):
            update_plan(uow.session, LOCAL_ADMIN, plan_id, form)
    with UnitOfWork(db) as uow:
        set_closed(uow.session, LOCAL_ADMIN, plan_id, True)
        uow.commit()
        assert next(p for p in list_plans(uow.session) if p.id == plan_id).closed


def test_plan_form_problems_are_listed_in_chinese(demo_database):
    bad = PlanForm(" ", 1999, dt.date(2027, 2, 1), dt.date(2027, 1, 1), "",
                   [CourseForm("甲", CourseCategory.PROFESSIONAL, 0), CourseForm("甲", CourseCategory.PROFESSIONAL, 5)],
                   [ExamForm("考", max_attempts=0, pass_score=120)])
    with UnitOfWork(demo_database) as uow:
        with pytest.raises(PlanError) as error:
            create_plan(uow.session, LOCAL_ADMIN, bad)
        for part in ("计划名称", "2000", "结束日期", "重复", "学时", "考试次数", "合格分数"):
            assert part in str(error.value)
        with pytest.raises(PlanError, match="已有名为"):
            create_plan(uow.session, LOCAL_ADMIN, _form("2025年度公需课培训计划"))


def test_only_the_city_administrator_edits_plans(demo_database):
    with UnitOfWork(demo_database) as uow:
        with pytest.raises(ScopeError, match="培训主管"):
            create_plan(uow.session, SUPERVISOR, _form())
        assert list_plans(uow.session)  # reading is for everyone
