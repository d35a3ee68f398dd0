"""批量登记 of a unit and its 登记名单; 发证 refusals; the multi-year 学时证明, signed and verified.

A unit is built on a real SQLite file (a copy of the demo database): trainees who met 2025,
one short of it, one met without a certificate, one registered already, one who left, one in
a sub-department, one whose booklet is full — and a met trainee of another unit who must not
be touched.
"""

import datetime as dt
import re
import subprocess
import uuid
from dataclasses import dataclass, replace

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tjce_desktop.domain.enums import CourseCategory, OtherLearningForm, Role
from tjce_desktop.domain.id_number import make_id_number
from tjce_desktop.domain.task_state import Cancelled, TaskState
from tjce_desktop.services import certificates as certs
from tjce_desktop.services.actor import LOCAL_ADMIN, Actor, ScopeError
from tjce_desktop.services.batch_registration import Outcome, plan_batch, register_met, save_batch_list
from tjce_desktop.services.certificate_desk import DeskError, OtherLearningEntry, add_other_learning
from tjce_desktop.services.hours_proof import issue_proof
from tjce_desktop.services.orgs import find_org
from tjce_desktop.services.proof_claim import ProofClaim
from tjce_desktop.services.sheet_signing import PROOF_VERSION, encode, verify_code
from tjce_desktop.services.trainees import TraineeForm, add_trainee, set_left
from tjce_desktop.storage.models import AuditLog, CertificateRegistration, Org
from tjce_desktop.storage.unit_of_work import UnitOfWork

TODAY = dt.date(2026, 11, 29)
YEAR = 2025
UNIT_PATH = "/120000/120101/120101990/"
CLERK = Actor("clerk", scope_path="/120000/120101/", role=Role.REGISTRATION_CLERK)


@dataclass
class Unit:
    database: object
    org_id: uuid.UUID
    ids: dict  # key → trainee id
    numbers: dict  # key → ID number


def _learning(session, trainee_id, days_by_category: dict, year: int = YEAR) -> None:
    start = dt.date(year, 3, 1)
    for category, days in days_by_category.items():
        entry = OtherLearningEntry(OtherLearningForm.TRAINING_COURSE, f"{category.label}培训班", start,
                                   start + dt.timedelta(days=days - 1), days, "结业证书", category)
        add_other_learning(session, LOCAL_ADMIN, trainee_id, entry, today=TODAY)
        start += dt.timedelta(days=days + 5)


MET = {CourseCategory.PUBLIC_REQUIRED: 4, CourseCategory.PUBLIC_ELECTIVE: 2, CourseCategory.PROFESSIONAL: 10}  # 128 h


@pytest.fixture
def unit(demo_database) -> Unit:
    db = demo_database
    with UnitOfWork(db) as uow:
        session = uow.session
        heping = session.get(Org, find_org(session, "和平区").id)
        org = Org(parent_id=heping.id, code="120101990", name="批量登记测试医院", kind="unit", path=UNIT_PATH, depth=2,
                  sort_order=990, updated_by="test")
        session.add(org)
        session.flush()
        department = Org(parent_id=org.id, code="120101990001", name="检验科", kind="department",
                         path=UNIT_PATH + "120101990001/", depth=3, sort_order=1, updated_by="test")
        session.add(department)
        session.flush()
        org_id, department_id = org.id, department.id
        uow.commit()
    with UnitOfWork(db) as uow:
        other_org = uow.session.scalar(select(Org.id).where(Org.path.like("/120000/120101/%"), Org.path != UNIT_PATH,
                                                            Org.depth == 2).order_by(Org.path).limit(1))
    plan = {"met": (org_id, MET), "short": (org_id, {CourseCategory.PROFESSIONAL: 5}),
            "no_certificate": (org_id, MET), "already": (org_id, MET), "left": (org_id, MET),
            "department": (department_id, MET), "full": (org_id, MET), "outsider": (other_org, MET)}
    ids, numbers = {}, {}
    for n, (key, (org, days)) in enumerate(plan.items()):
        number = make_id_number("120101", dt.date(1980 + n, 5, 1), 300 + n)
        with UnitOfWork(db) as uow:
            detail = add_trainee(uow, LOCAL_ADMIN, TraineeForm(f"batch{n}", f"批量{key}", number, org))
        ids[key], numbers[key] = detail.id, number
        with UnitOfWork(db) as uow:
            _learning(uow.session, detail.id, days)
            if key != "no_certificate":
                certs.issue_certificate(uow.session, LOCAL_ADMIN, detail.id, today=TODAY)
            uow.commit()
    with UnitOfWork(db) as uow:
        certs.register_year(uow.session, LOCAL_ADMIN, ids["already"], YEAR)
        for year in range(2010, 2020):  # ten pages used: the booklet is full
            certs.register_year(uow.session, LOCAL_ADMIN, ids["full"], year, exception_reason="历史补录")
        uow.commit()
    with UnitOfWork(db) as uow:
        set_left(uow, LOCAL_ADMIN, [ids["left"]], True)
    return Unit(db, org_id, ids, numbers)


def _registered(database, year=YEAR) -> set:
    """This test's trainees registered for the year (the demo registers others too)."""
    with database.engine.connect() as c:
        return {uuid.UUID(hex=row[0]) for row in c.exec_driver_sql(
            "SELECT r.trainee_id FROM certificate_registration r JOIN trainee t ON t.id = r.trainee_id "
            "WHERE r.year = ? AND r.deleted_at IS NULL AND t.real_name LIKE '批量%'", (year,))}


def _audit(database, action) -> list:
    with UnitOfWork(database) as uow:
        return list(uow.session.query(AuditLog).filter_by(action=action).order_by(AuditLog.seq))


def test_batch_registers_exactly_the_met_trainees_and_a_rerun_registers_nobody_twice(unit):
    db, ids = unit.database, unit.ids
    before = _registered(db)
    assert before == {ids["already"]}
    with UnitOfWork(db) as uow:
        plan = plan_batch(uow.session, CLERK, unit.org_id, YEAR)
    by_name = {line.name: line for line in plan.lines}
    assert set(by_name) == {f"批量{k}" for k in ("met", "short", "no_certificate", "already", "department", "full")}
    assert plan.to_register == 3 and plan.met_without_certificate == 1  # met, department, full (refused later)

    with UnitOfWork(db, CLERK) as uow:
        outcome = register_met(uow, CLERK, unit.org_id, YEAR, today=TODAY)
    lines = {line.name: line for line in outcome.lines}
    assert _registered(db) - before == {ids["met"], ids["department"]}  # exactly the met, certified, unregistered
    assert lines["批量met"].outcome is Outcome.REGISTERED and lines["批量met"].certificate
    assert lines["批量department"].org.endswith("批量登记测试医院/检验科")
    short = lines["批量short"]
    assert short.outcome is Outcome.SHORT and short.total == 40 and short.reason.startswith("还差 56 学时")
    assert lines["批量no_certificate"].outcome is Outcome.NO_CERTIFICATE and "请先发证" in lines[
        "批量no_certificate"].reason
    assert lines["批量already"].outcome is Outcome.ALREADY and "由 local-admin 登记" in lines["批量already"].reason
    full = lines["批量full"]  # the single path refused it: listed with its reason, the batch went on
    assert full.outcome is Outcome.REFUSED and "登记满" in full.reason and ids["full"] not in _registered(db)
    assert outcome.counts() == {"registered": 2, "already": 1, "short": 1, "no_certificate": 1, "refused": 1}

    batch = _audit(db, "certificate.register_batch")
    assert len(batch) == 1 and batch[0].actor == "clerk" and batch[0].target.endswith("批量登记测试医院")
    assert '"registered": 2' in batch[0].detail and ids["met"].hex in batch[0].detail
    singles = [e for e in _audit(db, "certificate.register") if e.actor == "clerk"]
    assert len(singles) == 2  # one per registered trainee, as the single path writes

    with UnitOfWork(db, CLERK) as uow:  # again: nobody twice
        again = register_met(uow, CLERK, unit.org_id, YEAR, today=TODAY)
    assert again.registered == 0 and again.count(Outcome.ALREADY) == 3
    assert len([e for e in _audit(db, "certificate.register") if e.actor == "clerk"]) == 2
    with UnitOfWork(db) as uow:
        rows = uow.session.query(CertificateRegistration).filter_by(year=YEAR).all()
        assert len(rows) == len({r.trainee_id for r in rows})

    with UnitOfWork(db, CLERK) as uow:  # asked to: the met trainee without a certificate gets one, then 登记
        issued = register_met(uow, CLERK, unit.org_id, YEAR, issue_missing=True, today=TODAY)
    line = next(line for line in issued.lines if line.name == "批量no_certificate")
    assert line.outcome is Outcome.REGISTERED and line.issued and line.reason == "本次发证并登记"
    assert issued.registered == 1 and ids["no_certificate"] in _registered(db)
    assert ids["outsider"] not in _registered(db) and ids["left"] not in _registered(db)


def test_a_cancelled_batch_or_one_out_of_scope_writes_nothing(unit):
    db = unit.database

    def cancel_when_registering(_fraction, message):
        if message.startswith("正在登记"):
            state.cancel()

    state = TaskState(cancel_when_registering)
    with UnitOfWork(db, CLERK) as uow, pytest.raises(Cancelled):
        register_met(uow, CLERK, unit.org_id, YEAR, state=state, today=TODAY)
    assert _registered(db) == {unit.ids["already"]} and not _audit(db, "certificate.register_batch")
    hexi = Actor("hexi", scope_path="/120000/120103/", role=Role.REGISTRATION_CLERK)
    with UnitOfWork(db, hexi) as uow, pytest.raises(ScopeError, match="管辖范围"):
        register_met(uow, hexi, unit.org_id, YEAR)
    auditor = Actor("auditor", role=Role.AUDITOR)
    with UnitOfWork(db, auditor) as uow, pytest.raises(Exception, match="登记"):
        register_met(uow, auditor, unit.org_id, YEAR)


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_the_registration_list_as_xlsx_and_pdf(unit, tmp_path, artifacts):
    db = unit.database
    with UnitOfWork(db, CLERK) as uow:
        outcome = register_met(uow, CLERK, unit.org_id, YEAR, today=TODAY)
    xlsx = save_batch_list(db, CLERK, outcome, tmp_path / "名单.xlsx")
    pdf = save_batch_list(db, CLERK, outcome, tmp_path / "名单.pdf")
    sheet = load_workbook(xlsx).active
    values = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "和平区/批量登记测试医院 2025 年度继续教育学时登记名单"
    assert "登记人：clerk" in values[1][0] and "2026-11-29" in values[1][0] and outcome.batch_id.hex in values[1][0]
    assert "本次登记 2 人" in values[2][0] and "未达标 1 人" in values[2][0]
    header = values[3]
    assert header[:4] == ("序号", "登记结果", "姓名", "身份证号") and header[-1] == "说明"
    rows = values[4:]
    assert [r[1] for r in rows] == ["本次登记", "本次登记", "此前已登记", "未能登记", "未发证", "未达标"]
    assert {r[2] for r in rows[:2]} == {"批量met", "批量department"}
    short = next(r for r in rows if r[2] == "批量short")
    assert short[6] == 40 and short[7] == 96 and short[8].startswith("还差 56 学时")
    masked = unit.numbers["short"][:6] + "********" + unit.numbers["short"][-4:]
    assert short[3] == masked and all(unit.numbers["short"] not in str(cell) for row in values for cell in row)

    text = _pdf_text(pdf)
    for expected in ("2025 年度继续教育学时登记名单", "登记人：clerk", "批量met", "批量short", "还差 56 学时", "未发证",
                     "登记满", masked, "第1页", "审核人（签字）"):
        assert expected in text, expected
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes yes " in line for line in fonts)
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(pdf),
                    str(artifacts / "registration_list")], check=True)
    saved = _audit(db, "certificate.batch_list")
    assert [e.target for e in saved] == ["名单.xlsx", "名单.pdf"]
    with pytest.raises(Exception, match=r"\.xlsx 或 \.pdf"):
        save_batch_list(db, CLERK, outcome, tmp_path / "名单.txt")


def test_issue_refuses_unknown_already_out_of_scope_and_left(unit):
    db, ids = unit.database, unit.ids
    with UnitOfWork(db) as uow, pytest.raises(DeskError, match="已有证书"):
        certs.issue_certificate(uow.session, CLERK, ids["met"])
    with UnitOfWork(db) as uow, pytest.raises(DeskError, match="已离职"):
        certs.issue_certificate(uow.session, LOCAL_ADMIN, ids["left"])
    hexi = Actor("hexi", scope_path="/120000/120103/", role=Role.REGISTRATION_CLERK)
    with UnitOfWork(db) as uow, pytest.raises(ScopeError):
        certs.issue_certificate(uow.session, hexi, ids["no_certificate"])


# --- the multi-year proof ------------------------------------------------------------------------


def _codes_from_qr(pdf, tmp_path) -> list[str]:
    prefix = tmp_path / "proofqr"
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(pdf), str(prefix)], check=True)
    image = next(tmp_path.glob("proofqr*.png"))
    out = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if line]


def test_the_proof_is_signed_printed_and_verifies_and_a_forged_value_is_refused(unit, tmp_path, artifacts):
    db, ids = unit.database, unit.ids
    with UnitOfWork(db) as uow:  # 2024: registered under an exception, then verified at the district
        _learning(uow.session, ids["met"], {CourseCategory.PROFESSIONAL: 3}, year=2024)
        line = certs.register_year(uow.session, CLERK, ids["met"], 2024, exception_reason="援疆期间")
        certs.register_year(uow.session, CLERK, ids["met"], YEAR)
        certs.verify_registrations(uow.session, CLERK, [line.id])
        uow.commit()
    pdf = tmp_path / "proof.pdf"
    issued = issue_proof(db, CLERK, ids["met"], pdf, years=5, today=TODAY)
    claim = issued.claim
    assert [y.year for y in claim.years] == ["2021", "2022", "2023", "2024", "2025"]
    y2024, y2025 = claim.years[3], claim.years[4]
    assert (y2024.professional, y2024.total, y2024.required, y2024.met) == ("24", "24", "96", "未达标")
    assert y2024.registration == "已验证（例外）" and y2024.verified_on
    assert y2024.shortfall.startswith("还差 72 学时")  # and, under the demo city rule, per category
    assert (y2025.public_required, y2025.public_elective, y2025.professional, y2025.total) == ("32", "16", "80", "128")
    assert y2025.registration == "已登记" and y2025.met == "达标" and claim.years[0].registration == "未登记"

    text = _pdf_text(pdf)
    masked = unit.numbers["met"][:6] + "********" + unit.numbers["met"][-4:]
    for expected in ("继续教育学时证明", "2021—2025 年度", "批量met", masked, "和平区/批量登记测试医院",
                     "已验证（例外）", "未达标", "128", issued.short_code, "出具人：clerk", "自签发",
                     "未达标：2021 年度还差 96 学时；2022 年度还差 96 学时；2023 年度还差 96 学时",
                     "2024 年度还差 72 学时"):
        assert expected in text, expected
    assert unit.numbers["met"] not in text
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(artifacts / "hours_proof")], check=True)

    codes = _codes_from_qr(pdf, tmp_path)
    assert codes == [issued.code]
    with UnitOfWork(db) as uow:
        result = verify_code(uow.session, codes[0])
        assert result.genuine, result.message
        assert "学时证明" in result.message and result.claim == claim
        typed = verify_code(uow.session, issued.short_code.lower().replace("-", " "))
        assert typed.genuine and typed.claim == claim
        # Any changed character of the QR's code fails.
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
        code = issued.code
        for position in range(len("TJCE-"), len(code), 7):
            original = code[position]
            tampered = code[:position] + alphabet[(alphabet.index(original) + 1) % 32] + code[position + 1:]
            assert not verify_code(uow.session, tampered).genuine, position
        # A forged value under the genuine signature: 2024 made 达标 with 96 hours.
        raw = bytes(issued_raw(code))
        head, signature = raw[:9], raw[9:73]
        forged_years = list(claim.years)
        forged_years[3] = replace(y2024, professional="96", total="96", met="达标", shortfall="")
        forged = ProofClaim(claim.trainee_id, claim.name, claim.id_number, claim.org, claim.org_path,
                            claim.title_level, claim.issued_on, claim.issuer, tuple(forged_years))
        refused = verify_code(uow.session, encode(head + signature + forged.body()))
        assert not refused.genuine and "不符" in refused.message
        assert raw[0] == PROOF_VERSION
    entry = _audit(db, "certificate.proof")
    assert len(entry) == 1 and entry[0].target == issued.short_code.replace("-", "") and entry[0].actor == "clerk"


def issued_raw(code: str) -> bytes:
    import base64

    data = code[len("TJCE-"):]
    return base64.b32decode(data + "=" * (-len(data) % 8))


def test_a_proof_out_of_scope_or_of_too_many_years_is_refused(unit, tmp_path):
    db, ids = unit.database, unit.ids
    hexi = Actor("hexi", scope_path="/120000/120103/", role=Role.REGISTRATION_CLERK)
    with pytest.raises(ScopeError):
        issue_proof(db, hexi, ids["met"], tmp_path / "x.pdf", today=TODAY)
    with pytest.raises(DeskError, match="1 到 10"):
        issue_proof(db, CLERK, ids["met"], tmp_path / "x.pdf", years=0, today=TODAY)
    assert not (tmp_path / "x.pdf").exists() and not _audit(db, "certificate.proof")


# --- the whole desk flow headless ----------------------------------------------------------------


def test_the_desk_flow_runs_headless_issue_hours_register_verify_batch_and_proof(unit, tmp_path):
    import json

    from cli_support import run_tjce

    db, numbers = str(unit.database.path), unit.numbers
    unit.database.dispose()

    def tjce(*args):
        return run_tjce("--db", db, *args)

    unknown = tjce("certificate", "issue", make_id_number("120101", dt.date(1990, 1, 1), 999))
    assert unknown.returncode == 2 and "没有身份证号为" in unknown.stderr and "请先在“学员管理”中添加" in unknown.stderr
    bad = tjce("certificate", "issue", "120101199001011234")
    assert bad.returncode == 2 and bad.stderr.startswith("错误：")
    refused = tjce("register", numbers["no_certificate"], "--year", YEAR)
    assert refused.returncode == 2 and "请先发证" in refused.stderr
    issued = tjce("certificate", "issue", numbers["no_certificate"])
    assert issued.returncode == 0 and "已为 批量no_certificate 发放继续教育证书 JX120101" in issued.stdout
    again = tjce("certificate", "issue", numbers["no_certificate"])
    assert again.returncode == 2 and "已有证书" in again.stderr
    left = tjce("certificate", "issue", numbers["left"])
    assert left.returncode == 2 and "已离职" in left.stderr
    hours = json.loads(tjce("hours", numbers["no_certificate"], "--year", YEAR, "--json").stdout)
    assert hours["met"] and hours["total"] == 128
    registered = tjce("register", numbers["no_certificate"], "--year", YEAR)
    assert registered.returncode == 0 and "已登记 批量no_certificate" in registered.stdout
    verified = tjce("verify-year", "--org", "和平区/批量登记测试医院", "--year", YEAR)
    assert verified.returncode == 0 and "的 2 份登记" in verified.stdout  # this one and the fixture's "already"

    listing = json.loads(tjce("certificate", "list", "--org", "和平区/批量登记测试医院", "--json").stdout)
    assert listing["count"] == 7  # all but the outsider
    assert all("********" in c["id_number"] for c in listing["certificates"])
    assert all(numbers[k] not in json.dumps(listing) for k in numbers)
    registered_2025 = tjce("certificate", "list", "--org", "和平区/批量登记测试医院", "--year", YEAR).stdout
    assert "2 本继续教育证书" in registered_2025 and "批量already" in registered_2025

    xlsx, pdf = tmp_path / "名单.xlsx", tmp_path / "名单.pdf"
    batch = tjce("register", "--org", "和平区/批量登记测试医院", "--year", YEAR, "--all-met", "--list-xlsx", xlsx,
                 "--list-pdf", pdf)
    assert batch.returncode == 0, batch.stderr
    assert "本次登记：2 人" in batch.stdout and "此前已登记：2 人" in batch.stdout and "还差 56 学时" in batch.stdout
    assert xlsx.exists() and pdf.exists()
    twice = json.loads(tjce("register", "--org", "和平区/批量登记测试医院", "--year", YEAR, "--all-met",
                            "--json").stdout)
    assert twice["counts"]["registered"] == 0 and twice["counts"]["already"] == 4
    mixed = tjce("register", numbers["met"], "--org", "和平区", "--year", YEAR, "--all-met")
    assert mixed.returncode == 2 and "不接受身份证号" in mixed.stderr

    out = tmp_path / "proof.pdf"
    proof = tjce("certificate", "proof", numbers["no_certificate"], "--years", 3, "--until", YEAR, "--output", out)
    assert proof.returncode == 0, proof.stderr
    assert "2023—2025 年度" in proof.stdout and "已验证" in proof.stdout
    code = re.search(r"tjce verify (\w+)", proof.stdout).group(1)
    checked = tjce("verify", code)
    assert checked.returncode == 0 and "验证通过：该学时证明" in checked.stdout and "2025 年度：" in checked.stdout
    forged = tjce("verify", code[:-1] + ("A" if code[-1] != "A" else "B"))
    assert forged.returncode == 2
