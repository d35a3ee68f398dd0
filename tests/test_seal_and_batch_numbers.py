"""盖章 with a unit's seal only, and batch numbers people can read (#16 items 3 and 4): a 部门
stamps with its unit's seal, a node with no sealed unit above it is refused, the printed sheet
names the unit and the batch number (PDF read back), and no message shows a 32-digit key."""

import re
import subprocess
import uuid

import pytest

from tests.cli_support import run_tjce
from tjce_desktop.domain import batch_number
from tjce_desktop.domain.enums import Role
from tjce_desktop.services import archive_query as q
from tjce_desktop.services.actor import LOCAL_ADMIN, Actor
from tjce_desktop.services.archive_sheets import print_archives
from tjce_desktop.services.stamping import StampError, find_batch, seal_for, stamp_archives
from tjce_desktop.storage.models import AuditLog, Org, StampBatch
from tjce_desktop.storage.unit_of_work import UnitOfWork

HEX_KEY = re.compile(r"[0-9a-fA-F]{32}")
NUMBER = re.compile(r"GZ-\d{4}-[0-9A-Z]{5}-\d{6}")


def _department(db):
    """A department of 和平区 with finished, unstamped archives, and its unit."""
    with db.engine.connect() as c:
        row = c.exec_driver_sql(
            "SELECT d.id, d.name, d.path, u.id, u.name FROM org d JOIN org u ON u.id = d.parent_id "
            "WHERE d.kind = 'department' AND u.kind = 'unit' AND d.path >= '/120000/120101/' "
            "AND d.path < '/120000/1201010' AND EXISTS (SELECT 1 FROM enrollment e WHERE e.org_path = d.path "
            "AND e.status = 'finished' AND e.stamp_status = 'unstamped') ORDER BY d.path LIMIT 1").one()
    return uuid.UUID(hex=row[0]), row[1], row[2], uuid.UUID(hex=row[3]), row[4]


def _archives(db, path, limit=5):
    scope = LOCAL_ADMIN.scope(path)
    with db.engine.connect() as c:
        rowids = q.all_rowids(c, scope, q.ArchiveFilter(status="finished", stamp_status="unstamped"))
        return q.enrollment_ids(c, scope, rowids[:limit])


def _pdf_text(pdf) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_a_department_stamps_with_its_units_seal_and_the_sheet_says_so(demo_database, tmp_path, artifacts):
    db = demo_database
    department_id, department, path, unit_id, unit = _department(db)
    with UnitOfWork(db) as uow:
        seal = seal_for(uow.session, LOCAL_ADMIN, department_id)
    assert seal.org_id == unit_id and seal.via_department
    assert seal.confirmation() == f"『{department}』是部门，没有公章：将以『和平区/{unit}』的公章盖章。"

    ids = _archives(db, path)
    with UnitOfWork(db) as uow:
        outcome = stamp_archives(uow.session, LOCAL_ADMIN, ids, seal_org_id=department_id)
        uow.commit()
    assert outcome.stamped == len(ids)
    assert NUMBER.fullmatch(outcome.batch_number) and outcome.batch_number.endswith("-000001")
    with UnitOfWork(db) as uow:
        batch = uow.session.get(StampBatch, outcome.batch_id)
        assert batch.org_id == unit_id and batch.number == outcome.batch_number
        entry = uow.session.query(AuditLog).filter_by(action="archive.stamp").order_by(AuditLog.seq.desc()).first()
        assert outcome.batch_number in entry.detail and f"和平区/{unit}" in entry.detail
        assert not HEX_KEY.search(entry.detail)  # the audit log names the batch by its number

    pdf = tmp_path / "sheets.pdf"
    assert print_archives(db, LOCAL_ADMIN, ids[:2], pdf) == 2
    text = _pdf_text(pdf)
    assert f"盖章批次：{outcome.batch_number}" in text
    foot = [line.strip() for line in text.splitlines() if line.strip().endswith(unit)]
    assert foot, "the seal's name line"
    assert not any(line.endswith(department) for line in text.splitlines())  # never a department's seal
    foot_crop = ["-y", "850", "-H", "320", "-W", "830"]  # the seal, the code and the batch number
    subprocess.run(["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", *foot_crop, str(pdf),
                    str(artifacts / "seal_sheet")], check=True)

    # The next batch of this desk and year: one more.
    more = _archives(db, path.rsplit("/", 2)[0] + "/", 3)
    with UnitOfWork(db) as uow:
        second = stamp_archives(uow.session, LOCAL_ADMIN, more, seal_org_id=unit_id)
        uow.commit()
    assert second.batch_number == outcome.batch_number[:-6] + "000002"
    with UnitOfWork(db) as uow:
        assert find_batch(uow.session, second.batch_number.lower().replace("-", " - ")) == second.batch_id


def test_an_old_department_batch_prints_with_the_units_seal(demo_database, tmp_path):
    """Batches stamped before departments were refused: the sheet still names the unit."""
    db = demo_database
    department_id, department, path, _unit_id, unit = _department(db)
    ids = _archives(db, path, 1)
    with UnitOfWork(db) as uow:
        outcome = stamp_archives(uow.session, LOCAL_ADMIN, ids, seal_org_id=department_id)
        batch = uow.session.get(StampBatch, outcome.batch_id)
        batch.org_id, batch.number = department_id, None  # as an old desk made it
        uow.commit()
    pdf = tmp_path / "old.pdf"
    print_archives(db, LOCAL_ADMIN, ids, pdf)
    text = _pdf_text(pdf)
    assert any(line.strip().endswith(unit) for line in text.splitlines())
    assert not any(line.strip().endswith(department) for line in text.splitlines())
    shown = batch_number.shown(None, outcome.batch_id, batch.stamped_at)
    assert re.fullmatch(r"GZ-\d{4}-[0-9A-F]{8}", shown) and f"盖章批次：{shown}" in text


def test_no_sealed_unit_above_is_refused_in_chinese(demo_database):
    db = demo_database
    department_id, department, path, unit_id, unit = _department(db)
    # A department-scoped officer: the unit's seal is not theirs to use.
    officer = Actor("dept-admin", scope_path=path, role=Role.UNIT_SUPERVISOR)
    with UnitOfWork(db) as uow, pytest.raises(StampError, match=f"『{department}』是部门，没有公章.*『{unit}』"):
        seal_for(uow.session, officer, department_id)
    with UnitOfWork(db) as uow, pytest.raises(StampError):
        stamp_archives(uow.session, officer, _archives(db, path, 2), seal_org_id=department_id)
    # Only departments up to the root: nobody's seal.
    with UnitOfWork(db) as uow:
        for org in uow.session.query(Org).filter(Org.path.in_(["/120000/", "/120000/120101/",
                                                                path.rsplit("/", 2)[0] + "/"])):
            org.kind = "department"
        uow.commit()
    with UnitOfWork(db) as uow, pytest.raises(StampError, match="及其上级机构都没有公章"):
        seal_for(uow.session, LOCAL_ADMIN, department_id)


def test_cli_stamp_and_unstamp_say_the_number_never_the_key(demo_db_path):
    db = str(demo_db_path)
    filters = ("--org", "和平区", "--plan", "2025年度公需课培训计划", "--status", "已学完")
    stamped = run_tjce("--db", db, "stamp", *filters)
    assert stamped.returncode == 0, stamped.stderr
    number = NUMBER.search(stamped.stdout).group(0)
    assert not HEX_KEY.search(stamped.stdout)
    revoked = run_tjce("--db", db, "unstamp", number.lower(), "--reason", "盖错了")
    assert revoked.returncode == 0 and f"已撤销盖章批次 {number}" in revoked.stdout
    assert not HEX_KEY.search(revoked.stdout)
    again = run_tjce("--db", db, "unstamp", number, "--reason", "再撤一次")
    assert again.returncode == 2 and number in again.stderr and not HEX_KEY.search(again.stderr)
    unknown = run_tjce("--db", db, "unstamp", "GZ-2026-ZZZZZ-000009", "--reason", "x")
    assert unknown.returncode == 2 and "找不到盖章批次" in unknown.stderr


def test_desk_codes_are_stable_and_spelled_for_people():
    first = batch_number.desk_code("0123456789abcdef0123456789abcdef")
    assert first == batch_number.desk_code("0123456789abcdef0123456789abcdef")
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{5}", first)
    assert batch_number.make(2026, first, 123) == f"GZ-2026-{first}-000123"
    assert batch_number.sequence_of(f"GZ-2026-{first}-000123") == 123
    codes = {batch_number.desk_code(uuid.uuid4().hex) for _ in range(2000)}
    assert len(codes) > 1990  # 33 million codes: two desks rarely share one
