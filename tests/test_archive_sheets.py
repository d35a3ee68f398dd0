"""Printed 学习档案: real PDFs read back with poppler, the QR read back with zbar, signatures checked."""

import io
import re
import shutil
import subprocess

import pytest

from tjce_desktop.domain.enums import Role
from tjce_desktop.exchange import cjk_font
from tjce_desktop.services import archive_query as q
from tjce_desktop.services.actor import LOCAL_ADMIN, Actor, ScopeError
from tjce_desktop.services.archive_sheets import print_archives
from tjce_desktop.services.orgs import find_org
from tjce_desktop.services.sheet_signing import verify_code
from tjce_desktop.services.stamping import revoke_batch, set_seal_image, stamp_archives
from tjce_desktop.storage.database import open_database
from tjce_desktop.storage.models import AuditLog
from tjce_desktop.storage.unit_of_work import UnitOfWork

HEPING = "/120000/120101/"


def _archives(db, filters, limit=None):
    with db.engine.connect() as c:
        rowids = q.all_rowids(c, LOCAL_ADMIN.scope(HEPING), filters)
        return q.enrollment_ids(c, LOCAL_ADMIN.scope(HEPING), rowids[:limit] if limit else rowids)


@pytest.fixture
def stamped(demo_database):
    """Ten freshly stamped archives of 和平区 and the batch."""
    db = demo_database
    ids = _archives(db, q.ArchiveFilter(status="finished", stamp_status="unstamped"), 10)
    with UnitOfWork(db) as uow:
        outcome = stamp_archives(uow.session, LOCAL_ADMIN, ids, seal_org_id=find_org(uow.session, "和平区").id)
        uow.commit()
    assert outcome.stamped == 10
    return ids, outcome.batch_id


def _text(pdf, page=None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def _codes_from_qr(pdf, page: int, tmp_path) -> list[str]:
    prefix = tmp_path / f"qr{page}"
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", str(page), "-l", str(page), str(pdf), str(prefix)],
                   check=True)
    image = next(tmp_path.glob(f"qr{page}*.png"))
    out = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if line]


def test_sheet_text_fonts_qr_and_signature(demo_database, stamped, tmp_path, artifacts):
    db = demo_database
    ids, batch_id = stamped
    unstamped = _archives(db, q.ArchiveFilter(status="in_progress"), 1)
    pdf = tmp_path / "sheets.pdf"
    assert print_archives(db, LOCAL_ADMIN, ids[:3] + unstamped, pdf) == 4

    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+4", pages) and "A4" in pages
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes yes " in line for line in fonts)  # embedded and subset, nothing else

    first = _text(pdf, 1)
    with db.engine.connect() as c:
        name, id_number, plan, hours = c.exec_driver_sql(
            "SELECT t.real_name, t.id_number, p.name, e.hours FROM enrollment e JOIN trainee t ON t.id=e.trainee_id "
            "JOIN training_plan p ON p.id=e.plan_id WHERE e.id=?", (ids[0],)).one()
    for expected in ("学 习 档 案", name, id_number[:6] + "********" + id_number[-4:], plan, f"已获 {hours:g} 学时",
                     "公需课·必修", "和平区", "验证码"):
        assert expected in first
    assert id_number not in first  # never the full number
    assert "尚未盖章" in _text(pdf, 4) and "验证码" not in _text(pdf, 4)

    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(pdf), str(artifacts / "archive_sheet")],
                   check=True)
    codes = _codes_from_qr(pdf, 1, tmp_path)
    assert len(codes) == 1
    with UnitOfWork(db) as uow:
        result = verify_code(uow.session, codes[0])
        assert result.genuine, result.message
        assert (result.claim.name, result.claim.plan, result.claim.batch_id) == (name, plan, batch_id)
        # A standalone desk signs as its own root, and says so on the sheet and in the result.
        assert "自签发" in result.message and "自签发" in first
        # In print: the short code, at most 20 characters, typed in any case and spacing.
        printed = re.findall(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b", first)
        assert len(printed) == 1 and len(printed[0]) <= 20
        assert "TJCE-" not in first  # the long code is only in the QR
        typed = verify_code(uow.session, printed[0].lower().replace("-", " "))
        assert typed.genuine and typed.claim == result.claim and typed.short_code == printed[0]
        entry = uow.session.query(AuditLog).filter_by(action="archive.print").one()
        assert '"sheets": 4' in entry.detail and '"signed": 3' in entry.detail


def test_any_changed_character_fails_verification(demo_database, stamped, tmp_path):
    db = demo_database
    ids, _ = stamped
    pdf = tmp_path / "one.pdf"
    print_archives(db, LOCAL_ADMIN, ids[:1], pdf)
    code = _codes_from_qr(pdf, 1, tmp_path)[0]
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    with UnitOfWork(db) as uow:
        assert verify_code(uow.session, code).genuine
        for position in range(len(code)):
            original = code[position]
            replacement = alphabet[(alphabet.index(original) + 1) % 32] if original in alphabet else "X"
            tampered = code[:position] + replacement + code[position + 1:]
            assert not verify_code(uow.session, tampered).genuine, position
        assert not verify_code(uow.session, code[:-1]).genuine
        assert not verify_code(uow.session, "随便写的").genuine


def test_a_revoked_stamp_and_an_unknown_key_do_not_verify(demo_database, demo_template, stamped, tmp_path):
    db = demo_database
    ids, batch_id = stamped
    pdf = tmp_path / "one.pdf"
    print_archives(db, LOCAL_ADMIN, ids[:1], pdf)
    code = _codes_from_qr(pdf, 1, tmp_path)[0]
    # Another standalone installation does not trust this one's own root.
    other_path = tmp_path / "other.sqlite3"
    shutil.copyfile(demo_template, other_path)
    other = open_database(other_path)
    with UnitOfWork(other) as uow:
        result = verify_code(uow.session, code)
        assert not result.genuine and "无法确认真伪" in result.message
    other.dispose()
    with UnitOfWork(db) as uow:
        revoke_batch(uow.session, LOCAL_ADMIN, batch_id, "误盖")
        uow.commit()
    with UnitOfWork(db) as uow:
        result = verify_code(uow.session, code)
        assert not result.genuine and "撤销" in result.message and "误盖" in result.message


def test_one_seal_image_is_embedded_once_for_all_pages(demo_database, stamped, tmp_path, artifacts):
    from PIL import Image, ImageDraw

    db = demo_database
    ids, _ = stamped
    seal = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    ImageDraw.Draw(seal).ellipse((10, 10, 290, 290), outline=(200, 0, 0, 255), width=14)
    buffer = io.BytesIO()
    seal.save(buffer, "PNG")
    with UnitOfWork(db) as uow:
        with pytest.raises(Exception, match="PNG"):
            set_seal_image(uow.session, LOCAL_ADMIN, find_org(uow.session, "和平区").id, b"GIF89a...")
        set_seal_image(uow.session, LOCAL_ADMIN, find_org(uow.session, "和平区").id, buffer.getvalue())
        uow.commit()
    pdf = tmp_path / "seal.pdf"
    assert print_archives(db, LOCAL_ADMIN, ids, pdf) == 10
    data = pdf.read_bytes()
    # The seal and its transparency mask once for ten pages, and each page's own QR code.
    assert data.count(b"/Subtype /Image") == 2 + 10
    assert len(data) / 10 < 20_000
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "2", "-l", "2", str(pdf), str(artifacts / "archive_seal")],
                   check=True)
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    seal_rows = [line.split() for line in listing.splitlines()[2:] if line.split()[3:5] == ["300", "300"]]
    assert len({row[0] for row in seal_rows if row[2] == "image"}) == 10  # placed on every page…
    assert len({row[10] for row in seal_rows if row[2] == "image"}) == 1  # …stored once (one object)


def test_printing_outside_the_scope_is_refused(demo_database, stamped, tmp_path):
    ids, _ = stamped
    sibling = Actor("hexi-admin", scope_path="/120000/120103/", role=Role.UNIT_SUPERVISOR)
    with pytest.raises(ScopeError):
        print_archives(demo_database, sibling, ids[:1], tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
    clerk = Actor("clerk", scope_path=HEPING, role=Role.REGISTRATION_CLERK)
    with pytest.raises(ScopeError, match="证书登记员"):
        print_archives(demo_database, clerk, ids[:1], tmp_path / "x.pdf")


def test_a_missing_cjk_font_is_a_clear_error(monkeypatch, demo_database, stamped, tmp_path):
    monkeypatch.setattr(cjk_font, "_candidates", lambda: [])
    cjk_font.register_cjk_font.cache_clear()
    try:
        with pytest.raises(cjk_font.FontMissingError, match="中文字体"):
            print_archives(demo_database, LOCAL_ADMIN, stamped[0][:1], tmp_path / "x.pdf")
    finally:
        cjk_font.register_cjk_font.cache_clear()
    assert not (tmp_path / "x.pdf").exists()


def test_a_cancelled_batch_leaves_no_file_and_no_audit_entry(demo_database, tmp_path):
    from tjce_desktop.domain.task_state import Cancelled, TaskState

    ids = _archives(demo_database, q.ArchiveFilter(), 300)
    seen = []

    def progress(fraction, message):
        seen.append(fraction)
        if fraction > 0.3:
            state.cancel()

    state = TaskState(progress)
    with pytest.raises(Cancelled):
        print_archives(demo_database, LOCAL_ADMIN, ids, tmp_path / "big.pdf", state=state)
    assert not (tmp_path / "big.pdf").exists() and not list(tmp_path.glob("*.pdf"))
    assert seen and max(seen) < 0.5
    with UnitOfWork(demo_database) as uow:
        assert uow.session.query(AuditLog).filter_by(action="archive.print").count() == 0
