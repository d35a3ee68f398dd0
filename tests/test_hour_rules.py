"""学时规定 as data (#18): the city's yearly rules, what they decide, who may change them, and how."""

import datetime as dt
import json
import subprocess

import pytest

from cli_support import run_tjce
from tjce_desktop.domain.enums import CourseCategory, Role
from tjce_desktop.domain.errors import UserError
from tjce_desktop.domain.hour_policy import (
    BUILT_IN_RULE,
    CATEGORIES,
    CategoryMinimum,
    HourRule,
    HourRules,
    evaluate,
    parse_minimum,
)
from tjce_desktop.domain.id_number import make_id_number
from tjce_desktop.domain.ids import new_id
from tjce_desktop.domain.permissions import WriteRefused
from tjce_desktop.exchange.certificate_page import Calibration
from tjce_desktop.services import certificates as certs
from tjce_desktop.services import hour_rules
from tjce_desktop.services.actor import LOCAL_ADMIN, Actor, ScopeError
from tjce_desktop.services.certificate_desk import DeskError, year_card
from tjce_desktop.services.compliance import compliance_overview, shortfall_rows
from tjce_desktop.services.hour_rules import ConfirmationNeeded, RuleError, RuleForm
from tjce_desktop.services.orgs import find_org
from tjce_desktop.services.trainees import TraineeForm, add_trainee
from tjce_desktop.services.year_verdict import year_verdict
from tjce_desktop.storage import models as m
from tjce_desktop.storage.derived import refresh_year_hours
from tjce_desktop.storage.hour_rules import load_rules
from tjce_desktop.storage.models import AuditLog
from tjce_desktop.storage.unit_of_work import UnitOfWork

NOW = "2026-11-29 10:00:00.000000"
TODAY = dt.date(2026, 11, 29)
HEPING = "/120000/120101/"
CITY = Actor("city", scope_path="/", role=Role.CITY_ADMIN)
PR, PE, PRO = CourseCategory.PUBLIC_REQUIRED, CourseCategory.PUBLIC_ELECTIVE, CourseCategory.PROFESSIONAL


def form(year, professional="", standard=96, senior=144, **more) -> RuleForm:
    return RuleForm(year, standard, senior, {PRO: professional, PR: more.pop("public_required", ""),
                                             PE: more.pop("public_elective", "")},
                    more.pop("courses", []), more.pop("number", "津人社办发〔2025〕1号"),
                    more.pop("title", "关于做好专业技术人员继续教育工作的通知"), **more)


def set_rule(database, year, actor=CITY, confirm=False, **kwargs):
    with UnitOfWork(database, actor) as uow:
        return hour_rules.set_rule(uow, actor, form(year, **kwargs), today=TODAY, confirm=confirm)


@pytest.fixture
def learner(demo_database):
    """A new 和平区 trainee with course hours finished on chosen dates."""
    number = make_id_number("120101", dt.date(1985, 6, 1), 78)
    with UnitOfWork(demo_database) as uow:
        detail = add_trainee(uow, LOCAL_ADMIN, TraineeForm("rules1", "规定测试", number,
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
        with UnitOfWork(demo_database) as uow:
            refresh_year_hours(uow.session, [detail.id])
            uow.commit()

    # 2025: 96 hours in total — 30 必修, 20 选修, 46 专业课
    finish("习近平新时代中国特色社会主义思想专题（2024）", 30.0, "2025-01-02 09:00:00.000000")
    finish("人工智能技术应用（2024）", 20.0, "2025-03-01 10:00:00.000000")
    finish("卫生系列前沿进展（2025）", 24.0, "2025-06-01 10:00:00.000000")
    finish("卫生系列实务与规范（2025）", 22.0, "2025-12-31 23:59:00.000000")
    return demo_database, number, detail.id


def _clear_city_rules(database):
    """The demo's own city rules and registrations gone (as if never set), so a test starts from the 条例."""
    with database.engine.begin() as c:
        c.exec_driver_sql("DELETE FROM hour_rule")
        c.exec_driver_sql("DELETE FROM certificate_registration")
        from tjce_desktop.storage.derived import recompute_required

        recompute_required(c)


# --- the domain ----------------------------------------------------------------------------------


def test_a_rule_applies_from_its_first_year_until_the_next_and_the_statute_before():
    rules = HourRules((HourRule(2024, 96, 144), HourRule(2026, 100, 150)))
    assert rules.for_year(2023) is BUILT_IN_RULE and rules.for_year(2023).standard_hours == 96
    assert rules.for_year(2025).first_year == 2024 and rules.for_year(2030).standard_hours == 100
    assert rules.years_of(2024, last_year=2027) == range(2024, 2026)
    assert rules.years_of(2026, last_year=2027) == range(2026, 2028)
    with pytest.raises(UserError, match="没有学时规定"):
        rules.for_year(1999)


def test_enough_in_total_but_short_of_the_professional_share_is_not_met():
    rule = HourRule(2025, 96, 144, {PRO: CategoryMinimum(share=2 / 3)})
    hours = {PR: 30.0, PE: 20.0, PRO: 46.0}
    verdict = evaluate(rule, 2025, hours, 96.0, 96.0)
    assert verdict.total_gap == 0 and not verdict.met
    assert verdict.category_gaps == {PRO: 18.0}  # 2/3 of 96 = 64
    assert "专业课差 18（最低 64）" in verdict.shortfall_text()
    senior = evaluate(rule, 2025, {PR: 0, PE: 0, PRO: 96.0}, 96.0, 144.0)  # 2/3 of 144 = 96: met by category
    assert senior.category_gaps == {PRO: 0.0} and senior.total_gap == 48 and not senior.met
    assert evaluate(rule, 2025, {PR: 0, PE: 0, PRO: 64.0}, 96.0, 96.0).met  # exactly the minimum


def test_minimums_are_hours_or_shares_and_bad_rules_are_refused_in_chinese():
    assert parse_minimum("32") == CategoryMinimum(hours=32)
    assert parse_minimum("2/3").share == pytest.approx(2 / 3) and parse_minimum("60%").share == pytest.approx(0.6)
    assert parse_minimum("") is None and parse_minimum("0") is None
    with pytest.raises(UserError, match="不是学时数或比例"):
        parse_minimum("很多")
    for bad, message in (
        (form(2025, professional="120"), "超过了一般人员的总学时"),
        (form(2025, professional="150%"), "超过了 100%"),
        (form(2025, professional="2/3", public_required="1/2"), "比例合计 117%"),
        (form(1999), "年度应在 2002 到 2027 之间"),
        (form(2030), "年度应在 2002 到 2027 之间"),
        (form(2025, standard=0), "总学时应大于 0"),
        (form(2025, senior=90), "不能少于一般人员的"),
        (form(2025, register_by="13-01"), "不是有效的月-日"),
        (form(2025, number="", title=""), "请填写规定所依据的文件"),
    ):
        with pytest.raises(RuleError, match=message):
            hour_rules.rule_from_form(bad, today=TODAY)


# --- what the rule decides -----------------------------------------------------------------------


def test_the_year_card_registration_and_the_lists_read_the_years_rule(learner, tmp_path):
    database, number, trainee_id = learner
    _clear_city_rules(database)
    with UnitOfWork(database) as uow:
        assert year_card(uow.session, LOCAL_ADMIN, trainee_id, 2025).met  # the 条例: 96 in total is enough
    set_rule(database, 2025, professional="2/3", courses=["习近平新时代中国特色社会主义思想专题"])
    with UnitOfWork(database) as uow:
        card = year_card(uow.session, LOCAL_ADMIN, trainee_id, 2025)
        assert card.total == 96 and not card.met and card.category_gaps == {"专业课": 18.0}
        assert card.category_minimums == {"专业课": 64.0} and card.rule.required_courses == (
            "习近平新时代中国特色社会主义思想专题",)
        verdict = year_verdict(uow.session, trainee_id, 2025)  # the one answer everyone asks
        assert not verdict.met and verdict.category_gaps == {PRO: 18.0}
        assert year_verdict(uow.session, trainee_id, 2024).rule is BUILT_IN_RULE
        certs.issue_certificate(uow.session, LOCAL_ADMIN, trainee_id, today=TODAY)
        with pytest.raises(DeskError, match=r"专业课差 18（最低 64）.*例外原因"):
            certs.register_year(uow.session, LOCAL_ADMIN, trainee_id, 2025)
        registration = certs.register_year(uow.session, LOCAL_ADMIN, trainee_id, 2025,
                                           exception_reason="专业课由单位内训补足，经区人社局同意")
        uow.commit()
        assert registration.exception_reason
        entry = uow.session.query(AuditLog).filter_by(action="certificate.register").one()
        assert entry.outcome == "exception" and "专业课差 18" in entry.detail
        card = year_card(uow.session, LOCAL_ADMIN, trainee_id, 2025)
        assert any(note.startswith("例外登记：") for note in card.notes)
        certs.print_registration(uow.session, LOCAL_ADMIN, registration.id, tmp_path / "page.pdf", Calibration())
    page = subprocess.run(["pdftotext", str(tmp_path / "page.pdf"), "-"], capture_output=True, text=True).stdout
    assert "津人社办发〔2025〕1号" in page and "专业课≥ 2/3" in page and "例外登记" in page  # the booklet page says so
    with database.engine.connect() as c:
        listed = [row for row in shortfall_rows(c, LOCAL_ADMIN.scope(HEPING), 2025, {}) if row[0] == "规定测试"]
        assert len(listed) == 1 and listed[0][11] == 0 and listed[0][14] == 18.0  # no total gap; 专业课 18
        report = compliance_overview(c, LOCAL_ADMIN.scope(HEPING), "和平区", 2025, today=TODAY)
        assert "专业课≥ 2/3" in report.rule_summary and report.total.category_gaps["专业课"] > 0
    result = run_tjce("--db", str(database.path), "hours", number, "--year", "2025", "--json")
    document = json.loads(result.stdout)
    assert document["met"] is False and document["category_gaps"] == {"专业课": 18.0}


def _verdicts(database) -> dict[tuple[str, int], tuple[bool, float]]:
    """Every trainee year's (met, required), judged in plain Python from the stored rows."""
    with database.engine.connect() as c:
        rules = load_rules(c)
        rows = c.exec_driver_sql("SELECT trainee_id, year, required, public_required, public_elective, "
                                 "professional, total FROM trainee_year_hours").all()
    out = {}
    for r in rows:
        verdict = evaluate(rules.for_year(r.year), r.year, dict(zip(CATEGORIES, r[3:6])), r.total, r.required)
        out[(r.trainee_id, r.year)] = (verdict.met, r.required)
    return out


def test_changing_a_years_rule_changes_exactly_that_years_verdicts(demo_database):
    database = demo_database
    _clear_city_rules(database)
    set_rule(database, 2024, professional="40")
    set_rule(database, 2026, professional="40")
    before = _verdicts(database)
    change = set_rule(database, 2025, professional="2/3", standard=100, senior=150)  # between them: 2025 only
    assert change.years == range(2025, 2026) and change.requirements_updated > 0
    after = _verdicts(database)
    assert before.keys() == after.keys()
    changed = {key for key in before if before[key] != after[key]}
    assert changed and {year for _trainee, year in changed} == {2025}
    assert all(required in (100, 150) for (_t, year), (_met, required) in after.items() if year == 2025)
    assert all(after[key] == before[key] for key in after if key[1] != 2025)
    with database.engine.connect() as c:  # the 合规看板 agrees with the plain verdicts
        for year in (2024, 2025, 2026):
            report = compliance_overview(c, LOCAL_ADMIN.scope("/120000/"), "天津市", year, today=TODAY)
            met = sum(1 for (t, y), (ok, _r) in after.items() if y == year and ok and _active(c, t))
            assert report.total.met == met, year


def _active(connection, trainee_id) -> bool:
    return bool(connection.exec_driver_sql("SELECT active AND deleted_at IS NULL FROM trainee WHERE id = ?",
                                           (trainee_id,)).scalar())


# --- who may change a rule, and how -------------------------------------------------------------


def test_only_a_city_administrator_sets_a_rule(demo_database):
    unit = Actor("heping", scope_path=HEPING, role=Role.UNIT_SUPERVISOR)
    with pytest.raises(ScopeError, match="不能设置学时规定"):
        set_rule(demo_database, 2025, actor=unit, professional="2/3")
    with UnitOfWork(demo_database, unit) as uow:  # a row written past the service: the permission table
        uow.session.add(m.HourRule(first_year=2027, standard_hours=1, senior_hours=1, required_courses="",
                                   register_by="12-31", verify_by="01-20", document_number="x", document_title=""))
        with pytest.raises(WriteRefused, match="不能新增学时规定"):
            uow.session.flush()


def test_a_change_after_registrations_needs_confirmation_is_audited_and_flagged(learner):
    database, number, trainee_id = learner
    _clear_city_rules(database)
    with UnitOfWork(database) as uow:
        certs.issue_certificate(uow.session, LOCAL_ADMIN, trainee_id, today=TODAY)
        certs.register_year(uow.session, LOCAL_ADMIN, trainee_id, 2025)  # met by the 条例
        uow.commit()
    with pytest.raises(ConfirmationNeeded, match="已有 1 条证书登记") as asked:
        set_rule(database, 2025, professional="2/3")
    assert asked.value.registrations == 1
    with UnitOfWork(database) as uow:
        assert not uow.session.query(m.HourRule).count()  # nothing stored without the confirmation
        card = year_card(uow.session, LOCAL_ADMIN, trainee_id, 2025)
        assert card.met and not card.rule_changed_after_registration
    change = set_rule(database, 2025, professional="2/3", confirm=True)
    assert change.registrations == 1 and change.changes["professional_minimum"] == [None, "≥ 2/3"]
    with UnitOfWork(database) as uow:
        entry = uow.session.query(AuditLog).filter_by(action="hour_rule.set").one()
        detail = json.loads(entry.detail)
        assert entry.actor == "city" and detail["confirmed"] and detail["registrations"] == 1
        assert detail["changes"]["professional_minimum"] == [None, "≥ 2/3"]
        assert detail["changes"]["document_number"] == ["", "津人社办发〔2025〕1号"]
        card = year_card(uow.session, LOCAL_ADMIN, trainee_id, 2025)
        assert card.rule_changed_after_registration and not card.met
        assert any("登记后学时规定已变更" in note for note in card.notes)
        assert not year_card(uow.session, LOCAL_ADMIN, trainee_id, 2024).rule_changed_after_registration
    unchanged = set_rule(database, 2025, professional="2/3")  # the same again: no question, no entry
    assert unchanged.changes == {}


def test_the_rules_command(learner, tmp_path):
    database, number, trainee_id = learner
    _clear_city_rules(database)
    db = str(database.path)
    listed = run_tjce("--db", db, "rules", "list")
    assert listed.returncode == 0 and "条例" in listed.stdout
    made = run_tjce("--db", db, "rules", "set", "2025", "--professional", "2/3",
                    "--doc-number", "津人社办发〔2025〕9号",
                    "--doc-title", "2025 年度继续教育安排", "--course", "数字经济与创新驱动")
    assert made.returncode == 0, made.stderr
    assert "专业课最低：≥ 2/3" in made.stdout and "津人社办发〔2025〕9号" in made.stdout
    shown = json.loads(run_tjce("--db", db, "rules", "show", "2026", "--json").stdout)
    assert shown["first_year"] == 2025 and shown["minimums"] == {"专业课": "2/3"}
    assert shown["required_courses"] == ["数字经济与创新驱动"]
    bad = run_tjce("--db", db, "rules", "set", "2025", "--professional", "120")
    assert bad.returncode == 2 and bad.stderr.startswith("错误：") and "超过了一般人员的总学时" in bad.stderr
    with UnitOfWork(database) as uow:
        certs.issue_certificate(uow.session, LOCAL_ADMIN, trainee_id, today=TODAY)
        certs.register_year(uow.session, LOCAL_ADMIN, trainee_id, 2025, exception_reason="测试")
        uow.commit()
    asked = run_tjce("--db", db, "rules", "set", "2025", "--professional", "50%")
    assert asked.returncode == 2 and "--confirm" in asked.stderr
    done = run_tjce("--db", db, "rules", "set", "2025", "--professional", "50%", "--confirm")
    assert done.returncode == 0 and "登记后学时规定已变更" in done.stdout
    hours = run_tjce("--db", db, "hours", number, "--year", "2025")
    assert "登记后学时规定已变更" in hours.stdout and "专业课：46（最低 48，还差 2）" in hours.stdout
