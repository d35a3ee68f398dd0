"""The issuer chain of printed sheets, attacked as someone with one desk's files would.

A real central server, real desks (SQLite files), the city root key in a passphrase file,
sheets printed to PDF and their QR read back with zbar.
"""

import datetime as dt
import re
import subprocess
import uuid

import pytest
import sqlalchemy as sa

from cli_support import run_tjce, run_tjce_process
from sync_support import HEPING, HEXI, desk, login
from tjce_desktop.domain import issuer_chain
from tjce_desktop.domain.enums import Role
from tjce_desktop.services import archive_query as q
from tjce_desktop.services import city_root
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.archive_sheets import print_archives
from tjce_desktop.services.sheet_signing import (
    SheetClaim,
    SheetSigner,
    SigningUnavailable,
    encode,
    installation_signer,
    verify_code,
)
from tjce_desktop.storage import key_protection, trust_store
from tjce_desktop.storage.unit_of_work import UnitOfWork
from tjce_desktop.sync.binding import bind
from tjce_desktop.sync.engine import sync
from tjce_desktop.sync.sheet_lookup import CentralSheets

pytestmark = pytest.mark.postgres

HEDONG = "/120000/120102/"
HEPING_UNIT = "/120000/120101/120101001/"
PASSPHRASE = "city-root-passphrase-2026"
HEPING_OFFICER = Actor("heping", scope_path=HEPING, role=Role.UNIT_SUPERVISOR)


def _tjce(*args, env=None):
    return run_tjce(*args, env=env)  # in this process; the verify below runs as a real one


def _stamped(database, scope, count=1) -> list[str]:
    with database.engine.connect() as c:
        actor = Actor("x", scope_path=scope)
        rowids = q.all_rowids(c, actor.scope(scope), q.ArchiveFilter(stamp_status="stamped"))
        return q.enrollment_ids(c, actor.scope(scope), rowids[:count])


def _qr(pdf, tmp_path) -> str:
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "qr")], check=True)
    image = next(tmp_path.glob("qr*.png"))
    return subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True).stdout.split()[0]


def _bound_desk(tmp_path, central, name):
    database = desk(tmp_path, name)
    bind(database, central, name)
    sync(database, login(central, name), actor=name)
    return database


@pytest.fixture
def city(central, tmp_path):
    """The central database with its root (made by ``tjce central init --root-key``) and two desks."""
    root_file = tmp_path / "city-root.key"
    out = _tjce("central", "init", "--url", central, "--root-key", str(root_file),
                env={"TJCE_ROOT_PASSPHRASE": PASSPHRASE})
    assert out.returncode == 0, out.stderr
    assert "已创建城市根密钥文件" in out.stdout and "指纹" in out.stdout
    return root_file, _bound_desk(tmp_path, central, "heping"), _bound_desk(tmp_path, central, "hexi")


def test_the_root_key_is_a_passphrase_file_and_never_in_a_database(city, central):
    root_file, heping, _hexi = city
    assert root_file.stat().st_mode & 0o777 == 0o600
    assert b"ENCRYPTED PRIVATE KEY" in root_file.read_bytes()
    from tjce_desktop.sync.central import CentralError

    with pytest.raises(CentralError, match="口令不正确"):
        city_root.load_root_key(root_file, "wrong-passphrase-1")
    root = city_root.load_root_key(root_file, PASSPHRASE)
    private = root.private_bytes_raw()
    with sa.create_engine(central).connect() as c:
        dump = c.exec_driver_sql("SELECT string_agg(t::text, '|') FROM trust_statement t").scalar()
        assert private.hex() not in dump and "ENCRYPTED" not in dump
        assert c.exec_driver_sql("SELECT count(*) FROM trust_statement WHERE kind = 'root'").scalar() == 1
    # Init again with the same file changes nothing; with another root it is refused.
    again = _tjce("central", "init", "--url", central, "--root-key", str(root_file),
                  env={"TJCE_ROOT_PASSPHRASE": PASSPHRASE})
    assert again.returncode == 0 and "一致" in again.stdout
    other = _tjce("central", "init", "--url", central, "--root-key", str(root_file.with_name("other.key")),
                  env={"TJCE_ROOT_PASSPHRASE": PASSPHRASE})
    assert other.returncode == 2 and "另一个根密钥" in other.stderr
    # The desk pinned the root at its first sync.
    with heping.engine.connect() as c:
        assert trust_store.get(c, trust_store.PINNED_ROOT)


def test_an_uncertified_desk_cannot_sign_then_certified_its_sheets_verify_everywhere(city, central, tmp_path):
    root_file, heping, hexi = city
    ids = _stamped(heping, HEPING)
    with pytest.raises(SigningUnavailable, match="未经市级管理员认证") as refused:
        print_archives(heping, HEPING_OFFICER, ids, tmp_path / "a.pdf")
    with heping.engine.connect() as c:
        key_id = c.exec_driver_sql("SELECT key_id FROM signing_key ORDER BY created_at DESC LIMIT 1").scalar()
    assert key_id in str(refused.value)
    sync(heping, login(central, "heping"), actor="heping")  # the new key reaches the central database

    listed = _tjce("trust", "keys", "--url", central)
    assert key_id in listed.stdout and "未认证" in listed.stdout
    certified = _tjce("trust", "certify", "--url", central, "--root-key", str(root_file), "--key", key_id,
                      "--org", "和平区", env={"TJCE_ROOT_PASSPHRASE": PASSPHRASE})
    assert certified.returncode == 0, certified.stderr
    sync(heping, login(central, "heping"), actor="heping")
    assert print_archives(heping, HEPING_OFFICER, ids, tmp_path / "a.pdf") == 1
    code = _qr(tmp_path / "a.pdf", tmp_path)
    text = subprocess.run(["pdftotext", str(tmp_path / "a.pdf"), "-"], capture_output=True, text=True).stdout
    short = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", text).group(0)
    assert "自签发" not in text

    sync(heping, login(central, "heping"), actor="heping")  # the sheet's short code reaches the central database
    sync(hexi, login(central, "hexi"), actor="hexi")  # the certificate reaches the other district
    with UnitOfWork(hexi) as uow:
        result = verify_code(uow.session, code)
        assert result.genuine, result.message
        assert "和平区" in result.key_label and key_id in result.key_label
        # The short code: not on this desk (another district's sheet) — found centrally, or said why.
        offline = verify_code(uow.session, short)
        assert not offline.genuine and "扫描" in offline.message
        online = verify_code(uow.session, short, central=CentralSheets(lambda: login(central, "hexi")))
        assert online.genuine and online.claim == result.claim
    # The command line finds it centrally too, signing in first.
    out = run_tjce_process("--db", str(hexi.path), "verify", short.lower(), env={"TJCE_USER": "hexi",
                                                                                 "TJCE_PASSWORD": "Hexi-2026x"})
    assert out.returncode == 0, out.stderr
    assert "验证通过" in out.stdout and result.claim.name in out.stdout

    # Revoked by the city: after a sync no desk accepts the key's sheets.
    revoked = _tjce("trust", "revoke", "--url", central, "--root-key", str(root_file), "--key", key_id,
                    "--reason", "工作站被盗", env={"TJCE_ROOT_PASSPHRASE": PASSPHRASE})
    assert revoked.returncode == 0, revoked.stderr
    sync(hexi, login(central, "hexi"), actor="hexi")
    with UnitOfWork(hexi) as uow:
        result = verify_code(uow.session, code)
        assert not result.genuine and "吊销" in result.message and "工作站被盗" in result.message


def _stolen_signer(database) -> SheetSigner:
    """What an attacker with the desk's files has: the database and the key file beside it."""
    with database.engine.connect() as c:
        pem = trust_store.get(c, trust_store.SIGNING_KEY)
        secret = key_protection.secret_for(trust_store.get(c, trust_store.SECRET_NAME), create=False)
    return SheetSigner(key_protection.decrypt_private_key(pem, secret))


def _forged(signer, *, org_path, seal_path, issued_on="2026-12-01"):
    claim = SheetClaim(uuid.uuid4(), uuid.uuid4(), "任意人", "120102********0012", "河东区/某单位", org_path,
                       "2026年度公需课培训计划", "2026", "999", "90", "2026-11-30", "2026-12-01", "河东区", seal_path,
                       issued_on)
    return encode(signer.signed(claim))


def test_a_revoked_stamp_batch_is_found_from_another_district(city, central, tmp_path):
    root_file, heping, hexi = city
    with UnitOfWork(heping, HEPING_OFFICER) as uow:
        key_id = installation_signer(uow.session, "heping").key_id
        uow.commit()
    sync(heping, login(central, "heping"), actor="heping")
    city_root.certify(central, city_root.load_root_key(root_file, PASSPHRASE), key_id=key_id, org_reference="和平区",
                      valid_from=dt.date(2026, 1, 1), valid_until=dt.date(2030, 1, 1))
    sync(heping, login(central, "heping"), actor="heping")
    ids = _stamped(heping, HEPING)
    print_archives(heping, HEPING_OFFICER, ids, tmp_path / "a.pdf")
    code = _qr(tmp_path / "a.pdf", tmp_path)
    with heping.engine.connect() as c:
        batch = c.exec_driver_sql("SELECT stamp_batch_id FROM enrollment WHERE id = ?", (ids[0],)).scalar()
    from tjce_desktop.services.stamping import revoke_batch

    with UnitOfWork(heping, HEPING_OFFICER) as uow:
        revoke_batch(uow.session, HEPING_OFFICER, uuid.UUID(hex=batch), "盖错了")
        uow.commit()
    sync(heping, login(central, "heping"), actor="heping")
    sync(hexi, login(central, "hexi"), actor="hexi")
    with UnitOfWork(hexi) as uow:
        offline = verify_code(uow.session, code)  # the batch is 和平区's: not on this desk
        assert "未能核对" in offline.message
        online = verify_code(uow.session, code, central=CentralSheets(lambda: login(central, "hexi")))
        assert not online.genuine and "撤销" in online.message and "盖错了" in online.message


def test_a_stolen_desk_key_cannot_sign_for_another_district(city, central):
    root_file, heping, hexi = city
    with UnitOfWork(heping, HEPING_OFFICER) as uow:
        key_id = installation_signer(uow.session, "heping").key_id
        uow.commit()
    sync(heping, login(central, "heping"), actor="heping")
    root = city_root.load_root_key(root_file, PASSPHRASE)
    city_root.certify(central, root, key_id=key_id, org_reference="和平区", valid_from=dt.date(2026, 1, 1),
                      valid_until=dt.date(2027, 12, 31))
    sync(hexi, login(central, "hexi"), actor="hexi")
    signer = _stolen_signer(heping)
    with UnitOfWork(hexi) as uow:
        # 999 hours for anyone, in 河东区, with 河东区's seal: the key is certified for 和平区 only.
        result = verify_code(uow.session, _forged(signer, org_path=HEDONG + "x/", seal_path=HEDONG))
        assert not result.genuine and "只被授权为“和平区" in result.message
        # A 和平区 trainee under 河东区's seal: refused as well.
        result = verify_code(uow.session, _forged(signer, org_path=HEPING + "x/", seal_path=HEDONG))
        assert not result.genuine and "无权签发" in result.message
        # 和平区's paths under 河东区's names, no paths at all, a path that climbs out of the subtree.
        result = verify_code(uow.session, _forged(signer, org_path=HEPING_UNIT, seal_path=HEPING))
        assert not result.genuine and "不符" in result.message
        result = verify_code(uow.session, _forged(signer, org_path="", seal_path=""))
        assert not result.genuine
        result = verify_code(uow.session, _forged(signer, org_path=HEPING + "../120102/", seal_path=HEPING))
        assert not result.genuine
        # Outside the certificate's period.
        result = verify_code(uow.session, _forged(signer, org_path=HEPING + "x/", seal_path=HEPING,
                                                  issued_on="2028-01-02"))
        assert not result.genuine and "有效期" in result.message


def test_a_key_the_city_never_certified_is_not_trusted(city, central):
    _root_file, heping, hexi = city
    # A key of the attacker's own, registered through a desk's outbox: known, but not certified.
    signer = SheetSigner(issuer_chain_key())
    with UnitOfWork(heping, HEPING_OFFICER) as uow:
        from tjce_desktop.storage.models import SigningKey

        uow.session.add(SigningKey(key_id=signer.key_id, public_key=signer.public_key, label="攻击者"))
        uow.commit()
    sync(heping, login(central, "heping"), actor="heping")
    sync(hexi, login(central, "hexi"), actor="hexi")
    with UnitOfWork(hexi) as uow:
        result = verify_code(uow.session, _forged(signer, org_path=HEXI + "x/", seal_path=HEXI))
        assert not result.genuine and "未经市级管理员认证" in result.message


def test_a_desk_cannot_write_trust_statements(city, central):
    _root_file, heping, _hexi = city
    root = issuer_chain_key()
    fake = issuer_chain.certificate_statement(root, b"\x01" * 32, scope_path="/", scope_name="全市",
                                              valid_from=dt.date(2026, 1, 1), valid_until=dt.date(2030, 1, 1))
    from tjce_desktop.storage.models import TrustStatement
    from tjce_desktop.storage.outbox import WriteRefused

    with UnitOfWork(heping, HEPING_OFFICER) as uow, pytest.raises(WriteRefused):
        uow.session.add(TrustStatement(kind=fake.kind, key_id=fake.key_id, body=fake.body, signature=fake.signature))
        uow.session.flush()
    # A statement slipped into a desk's own table is not signed by the pinned root: ignored.
    with heping.engine.begin() as c:
        c.exec_driver_sql("INSERT INTO trust_statement (id, kind, key_id, body, signature, row_version, updated_at) "
                          "VALUES (?, ?, ?, ?, ?, 1, '2026-12-01')",
                          (uuid.uuid4().hex, fake.kind, fake.key_id, fake.body, fake.signature))
    signer = SheetSigner(issuer_chain_key())
    with UnitOfWork(heping) as uow:
        assert not verify_code(uow.session, _forged(signer, org_path=HEPING, seal_path=HEPING)).genuine


def test_a_copied_database_holds_no_usable_key(city, tmp_path, monkeypatch):
    _root_file, heping, _hexi = city
    with UnitOfWork(heping, HEPING_OFFICER) as uow:
        first = installation_signer(uow.session, "heping")
        uow.commit()
    with heping.engine.connect() as c:
        stored = " ".join(c.exec_driver_sql("SELECT value FROM app_meta").scalars())
    raw = first._private_key.private_bytes_raw()
    assert raw.hex() not in stored and "ENCRYPTED PRIVATE KEY" in stored
    monkeypatch.setenv("TJCE_KEY_DIR", str(tmp_path / "another-machine"))
    with UnitOfWork(heping, HEPING_OFFICER) as uow:
        second = installation_signer(uow.session, "heping")
    assert second.key_id != first.key_id  # a new key, which the city would have to certify


def issuer_chain_key():
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.generate()
