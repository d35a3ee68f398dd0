"""Accounts, lockout, roles — and every service called by a unit supervisor on a sibling's data."""

import datetime as dt
import uuid

import pytest
from openpyxl import Workbook

from tjce_desktop.domain.enums import CourseCategory, Role
from tjce_desktop.services import accounts, archive_query, reports, trainee_listing
from tjce_desktop.services.actor import LOCAL_ADMIN, Actor, ScopeError
from tjce_desktop.services.archive_export import export_archives, export_not_enrolled, export_stamping_list
from tjce_desktop.services.archive_sheets import print_archives
from tjce_desktop.services.audit import verify_chain
from tjce_desktop.services.audit_log import AuditFilter, export_log, read_log
from tjce_desktop.services.orgs import direct_trainee_counts, find_org
from tjce_desktop.services.plans import CourseForm, PlanForm, create_plan, delete_plan, set_closed
from tjce_desktop.services.progress_import import analyse_progress, open_progress_import
from tjce_desktop.services.stamping import revoke_batch, set_seal_image, stamp_archives
from tjce_desktop.services.trainee_export import export_trainees
from tjce_desktop.services.trainee_import import ImportMode, Verdict, analyse_import, open_import
from tjce_desktop.services.trainees import (
    TraineeForm,
    TraineeValidationError,
    add_trainee,
    get_trainee,
    move_trainees,
    set_left,
    trainee_archive,
    update_trainee,
)
from tjce_desktop.services.year_hours import year_hours
from tjce_desktop.storage.models import AdminUser, AuditLog, StampBatch
from tjce_desktop.storage.unit_of_work import UnitOfWork

HEPING, HEXI = "/120000/120101/", "/120000/120103/"
GOOD = "Heping-2026"
NOW = dt.datetime(2026, 11, 29, 9, 0)


@pytest.fixture
def admin_db(demo_database):
    with UnitOfWork(demo_database) as uow:
        root = find_org(uow.session, "120000")
        heping = find_org(uow.session, "和平区")
        accounts.create_account(uow.session, None, username="Admin", display_name="市管理员", password="City-Admin-1",
                                role=Role.CITY_ADMIN, org_id=root.id)
        admin = accounts.sign_in(uow.session, "admin", "City-Admin-1", now=NOW)
        accounts.create_account(uow.session, admin, username="heping", display_name="和平区培训主管", password=GOOD,
                                role=Role.UNIT_SUPERVISOR, org_id=heping.id)
        uow.commit()
    return demo_database


def test_the_first_account_and_the_password_policy(demo_database):
    with UnitOfWork(demo_database) as uow:
        s = uow.session
        assert not accounts.has_accounts(s)
        root, heping = find_org(s, "120000"), find_org(s, "和平区")
        with pytest.raises(accounts.AccountError, match="市级管理员"):
            accounts.create_account(s, None, username="x", display_name="", password=GOOD, role=Role.AUDITOR,
                                    org_id=heping.id)
        for weak, problem in (("Short-1A", "不能少于 10 个字符"), ("alllowercase", "三类"), ("ALLUPPER123", "三类"),
                              ("Password1!", "常见密码"), ("x" * 90_000, "不能超过 128 个字符")):
            with pytest.raises(accounts.AccountError, match=problem):
                accounts.create_account(s, None, username="boss", display_name="", password=weak,
                                        role=Role.CITY_ADMIN, org_id=root.id)
        user = accounts.create_account(s, None, username="Boss", display_name="", password="Strong-pass1",
                                       role=Role.CITY_ADMIN, org_id=root.id)
        from tjce_desktop.storage.models import AdminUser

        password_hash = s.get(AdminUser, user.id).password_hash  # the service returns the account, not its hash
        assert user.username == "boss" and password_hash.startswith("$argon2id$")
        params = password_hash.split("$")[3]
        assert params == "m=65536,t=3,p=1"  # above OWASP's m=19456, t=2, p=1
        with pytest.raises(ScopeError, match="已有账户"):
            accounts.create_account(s, None, username="second", display_name="", password=GOOD,
                                    role=Role.CITY_ADMIN, org_id=root.id)


def test_five_failures_lock_for_fifteen_minutes_then_it_ends(admin_db):
    def attempt(password, at):
        with UnitOfWork(admin_db) as uow:
            try:
                return accounts.sign_in(uow.session, "HePing ", password, now=at)
            finally:
                uow.commit()

    for n in range(4):
        with pytest.raises(accounts.SignInError, match=f"再错 {4 - n} 次"):
            attempt("wrong", NOW)
    with pytest.raises(accounts.SignInError, match="锁定 15 分钟"):
        attempt("wrong", NOW)
    with pytest.raises(accounts.SignInError, match="已锁定"):
        attempt(GOOD, NOW + dt.timedelta(minutes=14))  # the right password does not help yet
    actor = attempt(GOOD, NOW + dt.timedelta(minutes=15, seconds=1))
    assert (actor.username, actor.role, actor.scope_path) == ("heping", Role.UNIT_SUPERVISOR, HEPING)
    assert actor.may_see_full_id_numbers
    with UnitOfWork(admin_db) as uow:
        outcomes = [e.outcome for e in uow.session.query(AuditLog).filter_by(action="auth.sign_in", target="heping")
                    .order_by(AuditLog.seq)]
        assert outcomes == ["failed"] * 4 + ["locked", "locked", "ok"]
        assert verify_chain(uow.session) == []
        with pytest.raises(accounts.SignInError, match="用户名或密码错误"):
            accounts.sign_in(uow.session, "nobody", "x", now=NOW)


def test_reset_unlock_change_and_who_may(admin_db):
    with UnitOfWork(admin_db) as uow:
        s = uow.session
        admin = accounts.sign_in(s, "admin", "City-Admin-1", now=NOW)
        supervisor = accounts.actor_for(s, s.query(AdminUser).filter_by(username="heping").one())
        for _ in range(5):
            with pytest.raises(accounts.SignInError):
                accounts.sign_in(s, "heping", "wrong", now=NOW)
        with pytest.raises(ScopeError, match="培训主管"):
            accounts.unlock(s, supervisor, "heping")
        accounts.unlock(s, admin, "heping")
        assert accounts.sign_in(s, "heping", GOOD, now=NOW).username == "heping"
        accounts.reset_password(s, admin, "heping", "Reset-2026x")
        accounts.change_password(s, supervisor, "Reset-2026x", "Mine-2026x!")
        with pytest.raises(accounts.AccountError, match="原密码不正确"):
            accounts.change_password(s, supervisor, "Reset-2026x", "Other-2026x")
        assert accounts.sign_in(s, "heping", "Mine-2026x!", now=NOW)
        with pytest.raises(ScopeError):
            accounts.create_account(s, supervisor, username="x", display_name="", password=GOOD,
                                    role=Role.UNIT_SUPERVISOR, org_id=find_org(s, "和平区").id)
        assert [a.username for a in accounts.list_accounts(s, admin)] == ["admin", "heping"]
        with pytest.raises(ScopeError):
            accounts.list_accounts(s, supervisor)
        auditor = Actor("auditor", scope_path="/120000/", role=Role.AUDITOR)
        entries = read_log(s, auditor, AuditFilter(action="account."))
        assert {e.action for e in entries} >= {"account.create", "account.unlock", "account.reset_password",
                                                "account.password"}
        with pytest.raises(ScopeError, match="培训主管"):
            read_log(s, supervisor)


def _sibling_data(db):
    with db.engine.connect() as c:
        trainee = c.exec_driver_sql("SELECT id, id_number, rowid FROM trainee WHERE org_path LIKE ? AND active = 1 "
                                    "LIMIT 1", (HEXI + "%",)).one()
        archive = c.exec_driver_sql("SELECT id, rowid FROM enrollment WHERE org_path LIKE ? AND status='finished' "
                                    "AND stamp_status = 'unstamped' LIMIT 1", (HEXI + "%",)).one()
        plan_id = c.exec_driver_sql("SELECT id FROM training_plan LIMIT 1").scalar_one()
    with UnitOfWork(db) as uow:
        batch = stamp_archives(uow.session, LOCAL_ADMIN, [archive.id], seal_org_id=find_org(uow.session, "河西区").id)
        uow.commit()
    return trainee, archive, plan_id, batch.batch_id


def test_every_service_refuses_a_unit_supervisor_on_a_siblings_data(admin_db, tmp_path):
    db = admin_db
    trainee, archive, plan_id, batch_id = _sibling_data(db)
    me = Actor("heping", scope_path=HEPING, may_see_full_id_numbers=True, role=Role.UNIT_SUPERVISOR)
    hexi_id = uuid.UUID(trainee.id)
    with UnitOfWork(db) as uow:
        hexi_org, heping_org = find_org(uow.session, "河西区"), find_org(uow.session, "和平区")
        plan = reports.find_plan(uow.session.connection(), "2025年度公需课培训计划")
    form = TraineeForm(username="sibling_new", real_name="新人", id_number="11010519491231002X",
                       org_id=hexi_org.id, title_level="中级", post_type="专业技术岗位")
    calls = {
        "scope of a sibling": lambda s, c: me.scope(HEXI),
        "a plain path, not a checked scope": lambda s, c: reports.plan_summary(c, me.scope(HEPING)[:0] + HEXI),
        "get_trainee": lambda s, c: get_trainee(s, me, hexi_id),
        "trainee_archive": lambda s, c: trainee_archive(s, me, hexi_id),
        "add_trainee": lambda s, c: add_trainee(s, me, form),
        "update_trainee": lambda s, c: update_trainee(s, me, hexi_id, form),
        "move their trainee here": lambda s, c: move_trainees(s, me, [hexi_id], heping_org.id),
        "move into their org": lambda s, c: move_trainees(s, me, [], hexi_org.id),
        "set_left": lambda s, c: set_left(s, me, [hexi_id], left=True),
        "export_trainees": lambda s, c: export_trainees(db, me, tmp_path / "t.xlsx", scope_path=HEXI),
        "count_in_scope": lambda s, c: trainee_listing.count_in_scope(c, HEXI),
        "fetch_key_page": lambda s, c: trainee_listing.fetch_key_page(c, HEXI, trainee_listing.SortOrder(), None, 5),
        "direct_trainee_counts": lambda s, c: direct_trainee_counts(s.session, HEXI),
        "4.1": lambda s, c: reports.plan_summary(c, HEXI),
        "4.3": lambda s, c: reports.plan_status(c, HEXI),
        "4.5": lambda s, c: reports.exam_summary(c, HEXI, plan),
        "by child": lambda s, c: reports.by_child(c, "4.1", HEXI, "河西区", plan),
        "4.2": lambda s, c: reports.trainee_detail(c, HEXI, plan),
        "4.2 keys": lambda s, c: reports.detail_keys(c, HEXI, plan),
        "4.4": lambda s, c: reports.exam_by_trainee(c, HEXI, plan),
        "4.4 keys": lambda s, c: reports.exam_keys(c, HEXI, plan),
        "year_hours": lambda s, c: year_hours(c, me, trainee.id_number, 2025),
        "count_archives": lambda s, c: archive_query.count_archives(c, HEXI),
        "archive keys": lambda s, c: archive_query.fetch_key_page(c, HEXI, archive_query.NO_FILTER, None, 5),
        "all_rowids": lambda s, c: archive_query.all_rowids(c, HEXI, archive_query.NO_FILTER),
        "export_archives": lambda s, c: export_archives(db, me, tmp_path / "a.xlsx", scope_path=HEXI),
        "export_stamping_list": lambda s, c: export_stamping_list(db, me, tmp_path / "s.xlsx", scope_path=HEXI),
        "export_not_enrolled": lambda s, c: export_not_enrolled(db, me, tmp_path / "n.xlsx", scope_path=HEXI,
                                                                plan_id=plan_id),
        "stamp_archives": lambda s, c: stamp_archives(s.session, me, [archive.id]),
        "stamp with their seal": lambda s, c: stamp_archives(s.session, me, [], seal_org_id=hexi_org.id),
        "revoke_batch": lambda s, c: revoke_batch(s.session, me, batch_id, "不是我盖的"),
        "set_seal_image": lambda s, c: set_seal_image(s.session, me, hexi_org.id, None),
        "print_archives": lambda s, c: print_archives(db, me, [archive.id], tmp_path / "p.pdf"),
        "create_plan (role)": lambda s, c: create_plan(s.session, me, PlanForm(
            "x", 2027, dt.date(2027, 1, 1), dt.date(2027, 12, 31), "",
            [CourseForm("c", CourseCategory.PROFESSIONAL, 1)])),
        "close a plan (role)": lambda s, c: set_closed(s.session, me, uuid.UUID(plan_id), True),
        "delete a plan (role)": lambda s, c: delete_plan(s.session, me, uuid.UUID(plan_id)),
        "create_account (role)": lambda s, c: accounts.create_account(
            s.session, me, username="mine", display_name="", password=GOOD, role=Role.UNIT_SUPERVISOR,
            org_id=heping_org.id),
        "reset_password (role)": lambda s, c: accounts.reset_password(s.session, me, "admin", GOOD),
        "unlock (role)": lambda s, c: accounts.unlock(s.session, me, "admin"),
        "list_accounts (role)": lambda s, c: accounts.list_accounts(s.session, me),
        "read the audit log (role)": lambda s, c: read_log(s.session, me),
        "export the audit log (role)": lambda s, c: export_log(s.session, me, tmp_path / "log.xlsx"),
    }
    refused = []
    for name, call in calls.items():
        with UnitOfWork(db, "heping") as uow, db.engine.connect() as connection:
            # A trainee form for a sibling's org is refused like any invalid field, in the form.
            with pytest.raises((ScopeError, TraineeValidationError), match="管辖范围|角色|未指明"):
                call(uow, connection)
            refused.append(name)
    assert len(refused) == len(calls)
    # Reads by key return nothing of the sibling's, rather than their rows.
    mine = me.scope(HEPING)
    with db.engine.connect() as c:
        assert trainee_listing.fetch_rows(c, mine, [trainee.rowid]) == {}
        assert archive_query.fetch_rows(c, mine, [archive.rowid], {}) == {}
        assert archive_query.enrollment_ids(c, mine, [archive.rowid]) == []
    # Imports judge the sibling's rows as errors and write nothing for them.
    book = Workbook()
    book.active.append(["学员姓名", "真实姓名", "身份证号", "所属机构"])
    book.active.append(["sib01", "某人", "11010519491231002X", "河西区"])
    book.save(tmp_path / "t.xlsx")
    with UnitOfWork(db) as uow:
        preview = analyse_import(uow, me, open_import(tmp_path / "t.xlsx"), mode=ImportMode.ADD, default_org=None)
        assert [row.verdict for row in preview.rows] == [Verdict.ERROR]
        assert "管辖范围" in preview.rows[0].messages[0]
    book = Workbook()
    book.active.append(["身份证号", "培训计划", "课程", "学时"])
    book.active.append([trainee.id_number, "2025年度公需课培训计划", "x", 1])
    book.save(tmp_path / "p.xlsx")
    with UnitOfWork(db) as uow:
        preview = analyse_progress(uow.session, me, open_progress_import(tmp_path / "p.xlsx"))
        assert preview.rows[0].verdict is Verdict.ERROR and "管辖范围" in "".join(preview.rows[0].messages)
    # Nothing of the sibling's changed.
    with UnitOfWork(db) as uow:
        assert uow.session.get(StampBatch, batch_id).revoked_at is None


@pytest.mark.parametrize("role", [Role.REGISTRATION_CLERK, Role.AUDITOR])
def test_read_only_roles_change_nothing_even_in_their_own_subtree(admin_db, role, tmp_path):
    db = admin_db
    actor = Actor("someone", scope_path=HEPING, role=role)
    with db.engine.connect() as c:
        own_trainee = uuid.UUID(c.exec_driver_sql("SELECT id FROM trainee WHERE org_path LIKE ? LIMIT 1",
                                                  (HEPING + "%",)).scalar_one())
        own_archive = c.exec_driver_sql("SELECT id FROM enrollment WHERE org_path LIKE ? AND status='finished' "
                                        "AND stamp_status='unstamped' LIMIT 1", (HEPING + "%",)).scalar_one()
    with UnitOfWork(db) as uow:
        assert get_trainee(uow, actor, own_trainee).real_name  # reading is allowed
        assert reports.plan_summary(uow.session.connection(), actor.scope(HEPING)).rows
        for call in (lambda: set_left(uow, actor, [own_trainee], left=True),
                     lambda: move_trainees(uow, actor, [own_trainee], find_org(uow.session, "和平区").id),
                     lambda: stamp_archives(uow.session, actor, [own_archive])):
            with pytest.raises(ScopeError, match=role.label):
                call()
    assert not actor.may_see_full_id_numbers
    with pytest.raises(ScopeError, match="完整身份证号"):
        export_trainees(db, actor, tmp_path / "full.xlsx", scope_path=HEPING, full_id_numbers=True)
