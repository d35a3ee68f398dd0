"""证书登记: hours of a year, other learning, title at year end, 登记/验证, certificates, compliance."""

import datetime as dt
import subprocess

import pytest
from openpyxl import load_workbook

from tjce_desktop.domain.enums import CourseCategory, OtherLearningForm, ReissueReason, Role, TitleLevel
from tjce_desktop.domain.id_number import make_id_number
from tjce_desktop.domain.ids import new_id
from tjce_desktop.exchange.certificate_page import Calibration, write_test_page
from tjce_desktop.services import certificates as certs
from tjce_desktop.services.actor import LOCAL_ADMIN, Actor, ScopeError
from tjce_desktop.services.certificate_desk import (
    DeskError,
    OtherLearningEntry,
    add_other_learning,
    change_title,
    delete_other_learning,
    year_card,
)
from tjce_desktop.services.compliance import compliance_overview, export_shortfall
from tjce_desktop.services.orgs import find_org
from tjce_desktop.services.trainees import TraineeForm, add_trainee
from tjce_desktop.services.year_hours import HoursError, year_hours
from tjce_desktop.storage.derived import rebuild_year_hours, refresh_year_hours
from tjce_desktop.storage.models import AuditLog, Certificate, CertificateReissue
from tjce_desktop.storage.unit_of_work import UnitOfWork

NOW = "2026-11-29 10:00:00.000000"
TODAY = dt.date(2026, 11, 29)
HEPING = "/120000/120101/"


@pytest.fixture
def learner(demo_database):
    """A new 和平区 trainee with course hours finished on chosen dates."""
    number = make_id_number("120101", dt.date(1985, 6, 1), 77)
    with UnitOfWork(demo_database) as uow:
        detail = add_trainee(uow, LOCAL_ADMIN, TraineeForm("hours1", "学时测试", number,
                                                           find_org(uow.session, "和平区").id))

    def finish(course_name: str, hours: float, when: str) -> None:
        with demo_database.engine.begin() as c:
            course_id, plan_id = c.exec_driver_sql("SELECT id, plan_id FROM course WHERE name = ?",
                                                   (course_name,)).one()
            enrollment = c.exec_driver_sql("SELECT id FROM enrollment WHERE trainee_id = ? AND plan_id = ?",
                                           (detail.id.hex, plan_id)).scalar()
            if enrollment is None:
                enrollment = new_id().hex
                c.exec_driver_sql(
                    "INSERT INTO enrollment (id, trainee_id, plan_id, status, enrolled_at, hours, stamp_status, "
                    "org_path, trainee_active, row_version, updated_at) VALUES (?, ?, ?, 'in_progress', ?, 0, "
                    "'unstamped', '/120000/120101/', 1, 1, ?)", (enrollment, detail.id.hex, plan_id, NOW, NOW))
            c.exec_driver_sql(
                "INSERT INTO course_progress (id, enrollment_id, course_id, hours, finished_at, row_version, "
                "updated_at) VALUES (?, ?, ?, ?, ?, 1, ?)", (new_id().hex, enrollment, course_id, hours, when, NOW))
        with UnitOfWork(demo_database) as uow:  # what the progress import does after writing
            refresh_year_hours(uow.session, [detail.id])
            uow.commit()

    return demo_database, number, finish, detail.id


def _hours(database, number, year):
    with database.engine.connect() as connection:
        return year_hours(connection, LOCAL_ADMIN, number, year)


def test_exactly_96_hours_meet_the_requirement_and_new_year_counts_where_finished(learner):
    database, number, finish, _ = learner
    # a 2024 course, finished in 2025
    finish("习近平新时代中国特色社会主义思想专题（2024）", 30.0, "2025-01-02 09:00:00.000000")
    finish("人工智能技术应用（2024）", 20.0, "2025-03-01 10:00:00.000000")
    finish("卫生系列前沿进展（2025）", 24.0, "2025-06-01 10:00:00.000000")
    finish("卫生系列实务与规范（2025）", 22.0, "2025-12-31 23:59:00.000000")
    result = _hours(database, number, 2025)
    assert result.hours_by_category == {"公需课·必修": 30.0, "公需课·选修": 20.0, "专业课": 46.0}
    assert result.total == 96.0 and result.required == 96 and result.gap == 0
    # The demo city's rule from 2024 asks 专业课 ≥ 2/3 of the total: enough in total is not enough (#18).
    assert not result.met and result.category_gaps == {"公需课·必修": 0.0, "专业课": 18.0}
    assert _hours(database, number, 2024).total == 0.0  # nothing was finished in 2024


def test_senior_title_or_high_tech_needs_144_and_the_title_at_year_end_counts(learner):
    database, number, finish, trainee_id = learner
    finish("卫生系列前沿进展（2025）", 24.0, "2025-06-01 10:00:00.000000")
    with UnitOfWork(database) as uow:
        change_title(uow.session, LOCAL_ADMIN, trainee_id, TitleLevel.INTERMEDIATE, True, dt.date(2024, 3, 1))
        uow.commit()
    result = _hours(database, number, 2025)
    assert result.required == 144 and not result.met and result.gap == 120.0  # high-tech from 2024
    assert _hours(database, number, 2023).required == 96  # before the change
    with UnitOfWork(database) as uow:  # promoted to 副高 in the middle of 2025, high-tech no more
        change_title(uow.session, LOCAL_ADMIN, trainee_id, TitleLevel.SENIOR_DEPUTY, False, dt.date(2025, 7, 1))
        uow.commit()
    result = _hours(database, number, 2025)
    assert result.required == 144 and result.title_level == "副高级"
    assert any("按年末职称" in note for note in result.notes)  # and says so
    with UnitOfWork(database) as uow:  # back to 中级 without high-tech from 2026: 2026 needs 96, 2025 still 144
        change_title(uow.session, LOCAL_ADMIN, trainee_id, TitleLevel.INTERMEDIATE, False, dt.date(2026, 1, 1))
        uow.commit()
    assert _hours(database, number, 2025).required == 144 and _hours(database, number, 2026).required == 96


def test_other_learning_counts_days_times_eight_and_is_checked(learner):
    database, number, finish, trainee_id = learner
    finish("卫生系列前沿进展（2025）", 24.0, "2025-06-01 10:00:00.000000")
    entry = OtherLearningEntry(OtherLearningForm.TRAINING_COURSE, "医院感染管理培训班", dt.date(2025, 9, 1),
                               dt.date(2025, 9, 9), 9, "结业证书（编号 2025-117）")
    with UnitOfWork(database) as uow:
        record = add_other_learning(uow.session, LOCAL_ADMIN, trainee_id, entry, today=TODAY)
        uow.commit()
        record_id = record.id
    result = _hours(database, number, 2025)
    assert result.hours_by_category["专业课"] == 24 + 72 and result.other_hours == 72 and result.total == 96
    for bad, message in (
        (OtherLearningEntry(OtherLearningForm.SEMINAR, "会议", dt.date(2025, 5, 2), dt.date(2025, 5, 1), 1, "x"),
         "早于"),
        (OtherLearningEntry(OtherLearningForm.SEMINAR, "会议", dt.date(2026, 12, 1), dt.date(2026, 12, 2), 1, "x"),
         "晚于今天"),
        (OtherLearningEntry(OtherLearningForm.SEMINAR, "会议", dt.date(2025, 5, 1), dt.date(2025, 5, 2), 5, "x"),
         "超过"),
        (OtherLearningEntry(OtherLearningForm.SEMINAR, "会议", dt.date(2025, 5, 1), dt.date(2025, 5, 2), 1, " "),
         "证明材料"),
    ):
        with UnitOfWork(database) as uow, pytest.raises(DeskError, match=message):
            add_other_learning(uow.session, LOCAL_ADMIN, trainee_id, bad, today=TODAY)
    with UnitOfWork(database) as uow:
        delete_other_learning(uow.session, LOCAL_ADMIN, record_id)
        uow.commit()
    assert _hours(database, number, 2025).total == 24


def test_register_refused_below_the_requirement_verify_freezes_reopen_is_audited(learner):
    database, number, finish, trainee_id = learner
    finish("卫生系列前沿进展（2025）", 24.0, "2025-06-01 10:00:00.000000")
    clerk = Actor("clerk", scope_path=HEPING, role=Role.REGISTRATION_CLERK)  # at the district: registers and verifies
    with UnitOfWork(database) as uow:
        with pytest.raises(DeskError, match="请先发证"):
            certs.register_year(uow.session, clerk, trainee_id, 2025)
        certificate = certs.issue_certificate(uow.session, clerk, trainee_id, today=TODAY)
        assert certificate.number == "JX1201012026000001"  # the default rule of 和平区
        with pytest.raises(DeskError, match="未达到要求的 96 学时：还差 72"):
            certs.register_year(uow.session, clerk, trainee_id, 2025)
        registration = certs.register_year(uow.session, clerk, trainee_id, 2025, exception_reason="援疆一年，经批准")
        assert registration.exception_reason == "援疆一年，经批准"
        uow.commit()
        registration_id = registration.id
    unit_clerk = Actor("unitclerk", scope_path=find_unit_path(database), role=Role.REGISTRATION_CLERK)
    with UnitOfWork(database) as uow:
        with pytest.raises(ScopeError, match="单位的账户只能登记"):
            certs.verify_registrations(uow.session, unit_clerk, [registration_id])
        assert registration_id in certs.pending_registrations(uow.session, clerk, 2025)
        assert certs.verify_registrations(uow.session, clerk, [registration_id]) == 1
        uow.commit()
    entry = OtherLearningEntry(OtherLearningForm.LECTURE, "讲座", dt.date(2025, 10, 1), dt.date(2025, 10, 1), 1,
                               "听课证明")
    with UnitOfWork(database) as uow:
        with pytest.raises(DeskError, match="已验证"):
            add_other_learning(uow.session, clerk, trainee_id, entry, today=TODAY)
        with pytest.raises(DeskError, match="已于"):
            certs.register_year(uow.session, clerk, trainee_id, 2025, exception_reason="再登记")
        with pytest.raises(DeskError, match="原因"):
            certs.reopen_registration(uow.session, clerk, registration_id, " ")
        certs.reopen_registration(uow.session, clerk, registration_id, "补登一次讲座")
        add_other_learning(uow.session, clerk, trainee_id, entry, today=TODAY)
        uow.commit()
    with UnitOfWork(database) as uow:
        actions = [(e.action, e.outcome) for e in uow.session.query(AuditLog).order_by(AuditLog.seq)]
        assert ("certificate.register", "exception") in actions
        assert [a for a, _ in actions if a.startswith("certificate.")][-4:] == [
            "certificate.register", "certificate.verify", "certificate.reopen", "certificate.other_learning"]
        card = year_card(uow.session, clerk, trainee_id, 2025)
        assert card.registration.verified_at is None and card.total == 32


def find_unit_path(database) -> str:
    with database.engine.connect() as c:
        return c.exec_driver_sql("SELECT path FROM org WHERE kind = 'unit' AND path LIKE ? LIMIT 1",
                                 (HEPING + "%",)).scalar_one()


def test_certificate_numbers_continuation_and_reissue(learner):
    database, number, finish, trainee_id = learner
    with UnitOfWork(database) as uow:
        heping = find_org(uow.session, "和平区")
        with pytest.raises(DeskError, match="占位符"):
            certs.set_numbering(uow.session, LOCAL_ADMIN, heping.id, "HP{bad}")
        certs.set_numbering(uow.session, LOCAL_ADMIN, heping.id, "HP-{year}-{seq:04d}")
        first = certs.issue_certificate(uow.session, LOCAL_ADMIN, trainee_id, today=TODAY)
        assert first.number == "HP-2026-0001"
        with pytest.raises(DeskError, match="已有证书"):
            certs.issue_certificate(uow.session, LOCAL_ADMIN, trainee_id, today=TODAY)
        second = certs.continue_booklet(uow.session, LOCAL_ADMIN, first.id, today=TODAY)
        third = certs.continue_booklet(uow.session, LOCAL_ADMIN, second.id, today=TODAY)
        assert (second.number, third.number, third.booklet_no) == ("HP-2026-0001-2", "HP-2026-0001-3", 3)
        status = dict(uow.session.query(Certificate.id, Certificate.status))  # the services return snapshots
        assert status[first.id] == status[second.id] == "full" and third.predecessor_id == second.id
        certs.reissue_certificate(uow.session, LOCAL_ADMIN, third.id, ReissueReason.LOST, "地铁遗失")
        uow.commit()
        assert uow.session.query(CertificateReissue).one().reason == "lost"
        assert year_card(uow.session, LOCAL_ADMIN, trainee_id, 2025).certificate_number == "HP-2026-0001-3"


def test_unknown_or_bad_numbers_are_clear(demo_database):
    with pytest.raises(HoursError, match="没有身份证号为"):
        _hours(demo_database, make_id_number("120101", dt.date(1970, 1, 1), 999), 2025)
    with pytest.raises(HoursError, match="校验位"):
        _hours(demo_database, "110105194912310021", 2025)


def _brute_force(db, path, year):
    """Every 在职 trainee of the subtree with their year's hours, summed in plain Python, against the
    year's rule as the city set it (its minimum per category too)."""
    from tjce_desktop.domain.enums import TitleLevel
    from tjce_desktop.domain.hour_policy import evaluate
    from tjce_desktop.storage.hour_rules import load_rules

    with db.engine.connect() as c:
        rule = load_rules(c).for_year(year)
        people = c.exec_driver_sql("SELECT id, title_level, high_tech FROM trainee WHERE deleted_at IS NULL "
                                   "AND active = 1 AND org_path LIKE ?", (path + "%",)).all()
        by_category: dict = {}
        for trainee_id, category, value in c.exec_driver_sql(
                "SELECT e.trainee_id, c.category, p.hours FROM course_progress p "
                "JOIN enrollment e ON e.id = p.enrollment_id JOIN course c ON c.id = p.course_id "
                "WHERE p.finished_at >= ? AND p.finished_at < ? AND p.deleted_at IS NULL "
                "UNION ALL SELECT trainee_id, category, hours FROM other_learning WHERE year = ? "
                "AND deleted_at IS NULL "
                "UNION ALL SELECT trainee_id, category, hours FROM recognised_hours "  # 学时认定: approved ones count
                "WHERE status = 'approved' AND year = ? AND deleted_at IS NULL",
                (f"{year}-01-01", f"{year + 1}-01-01", year, year)):
            person_hours = by_category.setdefault(trainee_id, {})
            person_hours[CourseCategory(category)] = person_hours.get(CourseCategory(category), 0.0) + value
    met = short = 0
    gap = 0.0
    for person in people:
        required = rule.required_hours(TitleLevel(person.title_level), bool(person.high_tech))
        hours = by_category.get(person.id, {})
        total = round(sum(hours.values()), 1)
        if evaluate(rule, year, hours, total, required).met:
            met += 1
        else:
            short += 1
            gap += max(0.0, required - total)
    return len(people), met, short, round(gap, 1)


def test_compliance_overview_matches_plain_python_and_the_list_exports(demo_database, tmp_path):
    db = demo_database
    with db.engine.begin() as c:
        rebuild_year_hours(c)
    with db.engine.connect() as c:
        report = compliance_overview(c, LOCAL_ADMIN.scope(HEPING), "和平区", 2025, today=TODAY)
        total = report.total
        assert (total.trainees, total.met, total.short, total.gap_hours) == _brute_force(db, HEPING, 2025)
        assert sum(row.trainees for row in report.rows) == total.trainees
        assert (report.days_to_register, report.days_to_verify) == (-333, -313)  # 2025's deadlines are past
        this_year = compliance_overview(c, LOCAL_ADMIN.scope(HEPING), "和平区", 2026, today=TODAY)
        assert (this_year.days_to_register, this_year.days_to_verify) == (32, 52)
        assert this_year.total.trainees == total.trainees
        city = compliance_overview(c, LOCAL_ADMIN.scope("/120000/"), "天津市", 2025, today=TODAY)
        assert len(city.rows) == 24 and city.total.trainees == _brute_force(db, "/120000/", 2025)[0]
    count = export_shortfall(db, LOCAL_ADMIN, tmp_path / "list.xlsx", scope_path=HEPING, scope_name="和平区",
                             year=2025, today=TODAY)
    assert count == total.short
    with UnitOfWork(db) as uow:
        entry = uow.session.query(AuditLog).filter_by(action="compliance.export").one()
        assert entry.target == "list.xlsx" and f'"rows": {count}' in entry.detail and '"year": 2025' in entry.detail
    rows = list(load_workbook(tmp_path / "list.xlsx", read_only=True).active.iter_rows(values_only=True))
    assert rows[1][0] == "姓名" and len(rows) == count + 2
    assert all((row[11] > 0 or any(row[12:15])) and "*" in row[1] for row in rows[2:])  # short in total or a category
    assert round(sum(row[11] for row in rows[2:]), 1) == total.gap_hours


def test_the_registration_page_lands_where_the_calibration_says(learner, tmp_path, artifacts):
    database, number, finish, trainee_id = learner
    finish("卫生系列前沿进展（2025）", 24.0, "2025-06-01 10:00:00.000000")
    with UnitOfWork(database) as uow:
        certs.issue_certificate(uow.session, LOCAL_ADMIN, trainee_id, today=TODAY)
        registration = certs.register_year(uow.session, LOCAL_ADMIN, trainee_id, 2025, exception_reason="测试")
        for name, calibration in (("plain", Calibration()), ("shifted", Calibration(dx=5, dy=-3))):
            certs.print_registration(uow.session, LOCAL_ADMIN, registration.id, tmp_path / f"{name}.pdf", calibration)
        uow.commit()

    def where(pdf, word):
        box = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        line = next(line for line in box.splitlines() if f">{word}<" in line)
        return float(line.split('xMin="')[1].split('"')[0]), float(line.split('yMin="')[1].split('"')[0])

    x0, y0 = where(tmp_path / "plain.pdf", "24")
    x1, y1 = where(tmp_path / "shifted.pdf", "24")
    assert round((x1 - x0) / 72 * 25.4, 1) == 5.0 and round((y1 - y0) / 72 * 25.4, 1) == -3.0
    text = subprocess.run(["pdftotext", str(tmp_path / "plain.pdf"), "-"], capture_output=True, text=True).stdout
    assert "2025 年度" in text and "JX1201012026000001" in text
    write_test_page(tmp_path / "test.pdf", Calibration(dx=1.5))
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(tmp_path / "test.pdf"), str(artifacts / "booklet_test_page")],
                   check=True)
    with pytest.raises(Exception, match="30 毫米"):
        write_test_page(tmp_path / "bad.pdf", Calibration(dx=40))


def test_categories_are_kept_apart(learner):
    database, number, finish, _ = learner
    finish("人工智能技术应用（2024）", 20.0, "2025-03-01 10:00:00.000000")
    result = _hours(database, number, 2025)
    assert result.hours_by_category[CourseCategory.PUBLIC_ELECTIVE.label] == 20.0
    assert result.hours_by_category[CourseCategory.PROFESSIONAL.label] == 0.0


def test_the_booklet_names_the_unit_and_the_clerk_by_name(demo_database, tmp_path):
    """登记单位 is the unit (a department's unit, not 人事处) and 登记人 the clerk's name, not the login (#16)."""
    from tjce_desktop.services.accounts import actor_for, create_account
    from tjce_desktop.storage.models import AdminUser, Org

    db = demo_database
    number = make_id_number("120101", dt.date(1986, 3, 1), 78)
    with UnitOfWork(db) as uow:
        department = uow.session.query(Org).filter_by(name="人事处", kind="department").filter(
            Org.path.startswith("/120000/120101/")).first()
        unit = uow.session.get(Org, department.parent_id)
        unit_name = unit.name
        detail = add_trainee(uow, LOCAL_ADMIN, TraineeForm("booklet1", "登记页", number, department.id))
    with UnitOfWork(db) as uow:
        create_account(uow, LOCAL_ADMIN, username="clerk7", display_name="李文静", password="Clerk-7-pass-word",
                       role=Role.REGISTRATION_CLERK, org_id=find_org(uow.session, "和平区").id)
    with UnitOfWork(db) as uow:
        clerk = actor_for(uow.session, uow.session.query(AdminUser).filter_by(username="clerk7").one())
        certs.issue_certificate(uow.session, clerk, detail.id, today=TODAY)
        registration = certs.register_year(uow.session, clerk, detail.id, 2026, exception_reason="测试")
        certs.print_registration(uow.session, clerk, registration.id, tmp_path / "page.pdf", Calibration())
        uow.commit()
    text = subprocess.run(["pdftotext", str(tmp_path / "page.pdf"), "-"], capture_output=True, text=True).stdout
    assert unit_name in text and "人事处" not in text
    assert "李文静" in text and "clerk7" not in text


def test_past_years_list_every_year_with_hours_and_a_frozen_year_says_so(learner):
    database, number, finish, trainee_id = learner
    finish("卫生系列前沿进展（2024）", 24.0, "2024-06-01 10:00:00.000000")
    finish("卫生系列前沿进展（2025）", 24.0, "2025-06-01 10:00:00.000000")
    with UnitOfWork(database) as uow:
        card = year_card(uow.session, LOCAL_ADMIN, trainee_id, TODAY.year)
        # Finished plans of 2024 and 2025, never registered: listed all the same (it said 无).
        assert [(p.year, p.total, p.registration) for p in card.past_years] == [(2025, 24.0, None), (2024, 24.0, None)]
        certs.issue_certificate(uow.session, LOCAL_ADMIN, trainee_id, today=TODAY)
        registration = certs.register_year(uow.session, LOCAL_ADMIN, trainee_id, TODAY.year, exception_reason="测试")
        certs.verify_registrations(uow.session, LOCAL_ADMIN, [registration.id])
        uow.commit()
        frozen = year_card(uow.session, LOCAL_ADMIN, trainee_id, TODAY.year)
        assert not any("学时仍可增加" in note for note in frozen.notes)
        assert any("已冻结" in note for note in frozen.notes)
        earlier = year_card(uow.session, LOCAL_ADMIN, trainee_id, 2025)
        assert [(p.year, p.registration is not None) for p in earlier.past_years] == [(TODAY.year, True), (2024, False)]
