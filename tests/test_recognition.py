"""学时认定: the conversion table, four-eyes approval, caps, and the year's hours that follow (real SQLite)."""

import datetime as dt
import json
import subprocess

import pytest

from cli_support import run_tjce
from tjce_desktop.domain.enums import Role
from tjce_desktop.domain.id_number import make_id_number
from tjce_desktop.domain.permissions import WriteRefused
from tjce_desktop.domain.recognition import DEFAULT_RULES, default_rule_id
from tjce_desktop.exchange.certificate_page import Calibration
from tjce_desktop.services import certificates as certs
from tjce_desktop.services import recognition as rec
from tjce_desktop.services.actor import LOCAL_ADMIN, Actor, ScopeError
from tjce_desktop.services.certificate_desk import year_card
from tjce_desktop.services.orgs import find_org
from tjce_desktop.services.trainees import TraineeForm, add_trainee
from tjce_desktop.services.year_hours import year_hours
from tjce_desktop.storage.models import AuditLog, RecognisedHours, RecognitionRule
from tjce_desktop.storage.unit_of_work import UnitOfWork

HEPING = "/120000/120101/"
TODAY = dt.date(2026, 11, 29)
RECORDER = Actor("desk-a", HEPING, role=Role.REGISTRATION_CLERK)
APPROVER = Actor("desk-b", HEPING, role=Role.UNIT_SUPERVISOR)
HEXI_OFFICER = Actor("hexi-b", "/120000/120103/", role=Role.UNIT_SUPERVISOR)


@pytest.fixture
def trainee(demo_database):
    number = make_id_number("120101", dt.date(1984, 3, 2), 51)
    with UnitOfWork(demo_database) as uow:
        detail = add_trainee(uow, LOCAL_ADMIN, TraineeForm("recog1", "认定测试", number,
                                                           find_org(uow.session, "和平区").id))
    return demo_database, number, detail.id


def _add(database, trainee_id, kind="paper_core_first", quantity=1.0, year=2025, actor=RECORDER, title="论文《测试》"):
    with UnitOfWork(database, actor) as uow:
        return rec.add_entry(uow, actor, trainee_id, rec.RecognitionEntry(
            kind, quantity, year, "刊物封面、目录及论文复印件", title), today=TODAY)


def _decide(database, entry_id, actor=APPROVER, reason=None):
    with UnitOfWork(database, actor) as uow:
        if reason is None:
            return rec.approve(uow, actor, entry_id)
        return rec.reject(uow, actor, entry_id, reason)


def _card(database, trainee_id, year=2025):
    with database.session_factory() as session:
        return year_card(session, LOCAL_ADMIN, trainee_id, year)


def test_the_default_table_is_seeded_marked_default_with_fixed_ids(demo_database):
    with demo_database.session_factory() as session:
        rows = rec.list_rules(session)
    assert [r.kind for r in rows] == [r.kind for r in DEFAULT_RULES]
    assert all(r.is_default and r.active and r.hours_per_unit > 0 and r.yearly_cap > 0 and r.evidence for r in rows)
    paper = next(r for r in rows if r.kind == "paper_core_first")
    assert (paper.group, paper.unit, paper.category) == ("论文", "篇", "专业课")
    assert paper.evidence == "刊物封面、目录及论文复印件"
    with demo_database.session_factory() as session:
        assert session.get(RecognitionRule, default_rule_id("patent_invention")).name == "发明专利（授权）"


def test_an_entry_counts_only_after_a_second_account_approves_it(trainee):
    database, number, trainee_id = trainee
    before = _card(database, trainee_id)
    entry = _add(database, trainee_id)
    assert (entry.status, entry.hours, entry.claimed_hours, entry.category) == ("pending", 32.0, 32.0, "专业课")
    pending = _card(database, trainee_id)
    assert pending.total == before.total and pending.hours["专业课"] == before.hours["专业课"]
    line = next(s for s in pending.sources if s.entry_id == entry.id)
    assert (line.source, line.status, line.counts) == ("学时认定", "待审核", False)
    assert "核心期刊论文·第一作者 1 篇" in line.detail

    with pytest.raises(rec.RecognitionError, match="另一账户审核.*不能审核自己登记"):
        _decide(database, entry.id, actor=RECORDER)
    assert _card(database, trainee_id).total == before.total

    approved = _decide(database, entry.id)
    assert (approved.status, approved.decided_by) == ("approved", "desk-b")
    card = _card(database, trainee_id)
    assert card.total == before.total + 32 and card.hours["专业课"] == before.hours["专业课"] + 32
    assert card.other_hours == before.other_hours + 32
    line = next(s for s in card.sources if s.entry_id == entry.id)
    assert (line.status, line.counts, line.hours) == ("已认定", True, 32.0)
    # every reader of the year's hours counts it: tjce hours' service, the compliance table's source
    with database.engine.connect() as connection:
        assert year_hours(connection, LOCAL_ADMIN, number, 2025).total == card.total
        assert connection.exec_driver_sql("SELECT professional FROM trainee_year_hours WHERE trainee_id = ? "
                                          "AND year = 2025", (trainee_id.hex,)).scalar() == card.hours["专业课"]
    with database.session_factory() as session:
        actions = [(a.actor, a.action) for a in session.query(AuditLog).order_by(AuditLog.seq)
                   if a.action.startswith("recognition.")]
    assert actions == [("desk-a", "recognition.add"), ("desk-b", "recognition.approve")]
    with pytest.raises(rec.RecognitionError, match="已认定"):
        _decide(database, entry.id, actor=Actor("desk-c", HEPING, role=Role.CITY_ADMIN))


def test_a_rejected_entry_never_counts(trainee):
    database, _number, trainee_id = trainee
    before = _card(database, trainee_id).total
    entry = _add(database, trainee_id, kind="patent_invention")
    with pytest.raises(rec.RecognitionError, match="驳回原因"):
        _decide(database, entry.id, reason="  ")
    rejected = _decide(database, entry.id, reason="专利证书上没有本人姓名")
    assert (rejected.status, rejected.reject_reason) == ("rejected", "专利证书上没有本人姓名")
    card = _card(database, trainee_id)
    assert card.total == before
    assert [(s.status, s.counts) for s in card.sources if s.entry_id == entry.id] == [("已驳回", False)]
    with pytest.raises(rec.RecognitionError, match="已驳回"):
        _decide(database, entry.id)
    assert _card(database, trainee_id).total == before
    # a rejected entry does not use up the cap: 2 inventions (96) fit after it
    assert _add(database, trainee_id, kind="patent_invention", quantity=2).hours == 96


def test_the_yearly_cap_of_a_kind_is_applied_and_said(trainee):
    database, _number, trainee_id = trainee
    first = _add(database, trainee_id, kind="paper_general_first", quantity=2)  # 32 of 48
    assert first.hours == 32 and first.note is None
    second = _add(database, trainee_id, kind="paper_general_first", quantity=2)  # 32 claimed, 16 left
    assert (second.claimed_hours, second.hours) == (32, 16)
    assert "每年最多认定 48 学时" in second.note and "按上限计 16 学时" in second.note
    with pytest.raises(rec.RecognitionError, match="已达上限"):
        _add(database, trainee_id, kind="paper_general_first")
    assert _add(database, trainee_id, kind="paper_general_first", year=2024).hours == 16  # another year, its own cap
    _decide(database, first.id)
    _decide(database, second.id)
    card = _card(database, trainee_id)
    assert sum(s.hours for s in card.sources if s.source == "学时认定" and s.counts) == 48


def test_a_verified_year_takes_no_entry_and_no_decision(trainee):
    database, _number, trainee_id = trainee
    pending = _add(database, trainee_id, year=2024)
    with UnitOfWork(database, LOCAL_ADMIN) as uow:
        certs.issue_certificate(uow, LOCAL_ADMIN, trainee_id)
    with UnitOfWork(database, LOCAL_ADMIN) as uow:
        registration = certs.register_year(uow, LOCAL_ADMIN, trainee_id, 2024, exception_reason="测试：冻结年度")
    with UnitOfWork(database, LOCAL_ADMIN) as uow:
        certs.verify_registrations(uow, LOCAL_ADMIN, [registration.id])
    with pytest.raises(rec.RecognitionError, match="2024 年度已验证（已冻结），不能再登记学时认定"):
        _add(database, trainee_id, year=2024)
    with pytest.raises(rec.RecognitionError, match="已冻结.*不能再审核"):
        _decide(database, pending.id)


def test_scope_roles_and_input_are_checked(trainee):
    database, _number, trainee_id = trainee
    with pytest.raises(ScopeError):
        _add(database, trainee_id, actor=HEXI_OFFICER)
    entry = _add(database, trainee_id)
    with pytest.raises(ScopeError):
        _decide(database, entry.id, actor=HEXI_OFFICER)
    with pytest.raises(ScopeError, match="审计员"):
        _decide(database, entry.id, actor=Actor("aud", HEPING, role=Role.AUDITOR))
    with pytest.raises(rec.RecognitionError, match="没有认定种类“paper_x”"):
        _add(database, trainee_id, kind="paper_x")
    with pytest.raises(rec.RecognitionError, match="年度应在 2002 至 2026"):
        _add(database, trainee_id, year=2027)
    with pytest.raises(rec.RecognitionError, match="数量"):
        _add(database, trainee_id, quantity=0)


def test_only_the_city_admin_edits_the_table_and_entries_keep_their_rate(trainee):
    database, _number, trainee_id = trainee
    with UnitOfWork(database, APPROVER) as uow, pytest.raises(ScopeError, match="不能修改学时认定折算标准"):
        rec.set_rule(uow, APPROVER, "paper_core_first", rec.RuleChange(hours_per_unit=40))
    with UnitOfWork(database, APPROVER) as uow:  # past the service: the outbox's permission table refuses
        rule = uow.session.get(RecognitionRule, default_rule_id("paper_core_first"))
        rule.hours_per_unit = 40.0
        with pytest.raises(WriteRefused, match="不能修改学时认定折算标准"):
            uow.session.flush()
    old = _add(database, trainee_id)
    city = Actor("city-1", "/", role=Role.CITY_ADMIN)
    with UnitOfWork(database, city) as uow:
        row = rec.set_rule(uow, city, "paper_core_first", rec.RuleChange(hours_per_unit=40, yearly_cap=120))
    assert (row.hours_per_unit, row.yearly_cap, row.is_default) == (40, 120, False)
    assert _add(database, trainee_id).hours == 40
    with database.session_factory() as session:
        assert session.get(RecognisedHours, old.id).hours == 32  # recorded before: its own rate
        entry = session.query(AuditLog).filter_by(action="recognition.rule_set").one()
    assert json.loads(entry.detail)["before"]["hours_per_unit"] == 32


def test_the_cli_records_lists_approves_and_shows_the_source(trainee):
    database, number, trainee_id = trainee
    path = str(database.path)
    database.dispose()

    def tjce(*args):
        result = run_tjce("--db", path, *args)
        return result.returncode, result.stdout, result.stderr

    code, out, err = tjce("recognise", "rules")
    assert code == 0 and "核心期刊论文·第一作者" in out and "刊物封面、目录及论文复印件" in out, err
    code, out, err = tjce("recognise", "add", number, "--kind", "conference_paper", "--quantity", "4",
                              "--year", "2025", "--evidence", "会议论文集目录及论文", "--title", "学术年会交流",
                              "--json")
    assert code == 0, err
    added = json.loads(out)
    assert added["status"] == "pending" and added["claimed_hours"] == 64 and added["hours"] == 48
    assert "按上限计 48 学时" in added["note"]
    code, out, err = tjce("recognise", "approve", added["id"][:8])
    assert code == 2 and "不能审核自己登记的认定" in err  # the CLI's local account recorded it
    code, out, err = tjce("recognise", "list", "--status", "待审核")
    assert code == 0 and added["id"][:8] in out and "待审核" in out
    code, out, err = tjce("hours", number, "--year", "2025")
    assert "学时认定：学术会议交流论文 4 篇·学术年会交流　专业课 48 学时（待审核）" in out, out


def test_the_booklet_page_says_where_the_counted_hours_came_from(trainee, tmp_path, artifacts):
    database, _number, trainee_id = trainee
    counted = _add(database, trainee_id, kind="project_municipal", title="市级课题《继续教育评估》")
    _decide(database, counted.id)
    _add(database, trainee_id, kind="lecture_given", quantity=3, title="讲座（待审核）")
    with UnitOfWork(database, LOCAL_ADMIN) as uow:
        certs.issue_certificate(uow.session, LOCAL_ADMIN, trainee_id, today=TODAY)
        registration = certs.register_year(uow.session, LOCAL_ADMIN, trainee_id, 2025, exception_reason="测试")
        certs.print_registration(uow.session, LOCAL_ADMIN, registration.id, tmp_path / "page.pdf",
                                 Calibration())
        uow.commit()
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "page.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "学时认定：市级科研项目（结题） 1 项·市级课题《继续教育评估》" in text and "32 学时" in text
    assert "讲座（待审核）" not in text  # not approved: not on the booklet
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(tmp_path / "page.pdf"), str(artifacts / "booklet_sources")],
                   check=True)


def test_two_accounts_on_the_command_line(trainee):
    """The clerk records, cannot approve; the unit's officer approves; only the city sets the table."""
    database, number, _trainee_id = trainee
    path = str(database.path)
    database.dispose()
    admin = {"TJCE_USER": "admin", "TJCE_PASSWORD": "City-Admin-2026"}
    officer = {"TJCE_USER": "heping", "TJCE_PASSWORD": "Heping-2026x"}
    clerk = {"TJCE_USER": "clerk", "TJCE_PASSWORD": "Clerk-2026x"}

    def tjce(env, *args):
        return run_tjce("--db", path, *args, env=env)

    assert tjce({"TJCE_NEW_PASSWORD": admin["TJCE_PASSWORD"]}, "user", "add", "admin", "--role", "市级管理员"
                ).returncode == 0
    for who, role in ((officer, "培训主管"), (clerk, "证书登记员")):
        made = tjce({**admin, "TJCE_NEW_PASSWORD": who["TJCE_PASSWORD"]}, "user", "add", who["TJCE_USER"], "--role",
                    role, "--org", "和平区")
        assert made.returncode == 0, made.stderr
    added = tjce(clerk, "recognise", "add", number, "--kind", "degree_credit", "--quantity", "3", "--year", "2025",
                 "--evidence", "成绩单（教务处章）")
    assert added.returncode == 0, added.stderr
    assert "学历教育课程（按学分） 3 学分，专业课 24 学时 — 待审核" in added.stdout
    entry = added.stdout.split("tjce recognise approve ")[1].strip()
    own = tjce(clerk, "recognise", "approve", entry)
    assert own.returncode == 2 and "“clerk”不能审核自己登记的认定" in own.stderr
    approved = tjce(officer, "recognise", "approve", entry)
    assert approved.returncode == 0 and "已审核通过" in approved.stdout and "已认定" in approved.stdout
    shown = tjce(officer, "hours", number, "--year", "2025")
    assert "学时认定：学历教育课程（按学分） 3 学分　专业课 24 学时（已认定）" in shown.stdout
    refused = tjce(officer, "recognise", "rules", "--set", "degree_credit", "--hours-per-unit", "10")
    assert refused.returncode == 2 and "不能修改学时认定折算标准" in refused.stderr
    changed = tjce(admin, "recognise", "rules", "--set", "degree_credit", "--hours-per-unit", "10")
    assert changed.returncode == 0 and "每学分 10 学时" in changed.stdout
    listed = json.loads(tjce(officer, "recognise", "rules", "--json").stdout)
    assert next(r for r in listed if r["kind"] == "degree_credit")["is_default"] is False


def test_entries_recorded_within_a_minute_get_codes_that_approve_them(trainee):
    """Keys are time-ordered: two entries of one minute share their first 8 digits, so the
    printed code is longer where needed and each printed code approves its own entry."""
    database, number, trainee_id = trainee
    first = _add(database, trainee_id, kind="lecture_given", title="讲座一")
    second = _add(database, trainee_id, kind="conference_attend", title="会议二")
    assert first.id.hex[:8] == second.id.hex[:8]
    path = str(database.path)
    database.dispose()
    listed = run_tjce("--db", path, "recognise", "list", "--status", "待审核")
    assert listed.returncode == 0, listed.stderr
    codes = {line.split("\t")[0] for line in listed.stdout.splitlines() if number[-4:] in line}
    assert len(codes) == 2 and all(len(code) > 8 for code in codes), listed.stdout
    added = run_tjce("--db", path, "recognise", "add", number, "--kind", "patent_utility", "--quantity", "1",
                     "--year", "2025", "--evidence", "专利证书复印件")
    printed = added.stdout.split("tjce recognise approve ")[1].strip()
    assert added.stdout.count(printed) == 2 and printed not in codes
    with UnitOfWork(database, APPROVER) as uow:
        found = {code: rec.find_entry(uow.session, APPROVER, code) for code in (*codes, printed)}
    assert set(found.values()) >= {first.id, second.id} and len(set(found.values())) == 3
