"""The city's root key: made by ``central init``, held by the city administrator.

The root key lives in one file, encrypted with a passphrase (PKCS#8, scrypt), and never in a
database. What it signs — the root itself, certificates of installations' keys, revocations
— is written into the central ``trust_statement`` table with the owner's login, and reaches
every desk by sync (``domain/issuer_chain.py`` says what a desk then trusts).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tjce_desktop.domain import issuer_chain
from tjce_desktop.domain.issuer_chain import ROOT, Statement
from tjce_desktop.services.orgs import OrgNotFound, find_org
from tjce_desktop.storage.models import SigningKey, TrustStatement, utc_now
from tjce_desktop.sync.central import CentralError, central_engine, central_errors

ROOT_NAME = "天津市专业技术人员继续教育市级中心"
MIN_PASSPHRASE = 12


def create_root_key_file(path: Path, passphrase: str):
    """A new root key, written encrypted to ``path`` (which must not exist)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, Encoding, PrivateFormat

    if len(passphrase) < MIN_PASSPHRASE:
        raise CentralError(f"根密钥的口令至少 {MIN_PASSPHRASE} 个字符。")
    key = Ed25519PrivateKey.generate()
    data = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, BestAvailableEncryption(passphrase.encode("utf-8")))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise CentralError(f"根密钥文件“{path}”已存在：不会覆盖。") from None
    except OSError as exc:
        raise CentralError(f"无法写入根密钥文件“{path}”：{exc.strerror or exc}。") from exc
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    return key


def load_root_key(path: Path, passphrase: str):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CentralError(f"无法读取根密钥文件“{path}”：{exc.strerror or exc}。") from exc
    try:
        key = load_pem_private_key(data, password=passphrase.encode("utf-8"))
    except (ValueError, TypeError):
        raise CentralError(f"根密钥文件“{path.name}”的口令不正确，或文件不是根密钥。") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise CentralError(f"“{path.name}”不是 TJCE 的根密钥（应为 Ed25519）。")
    return key


def fingerprint(statement: Statement) -> str:
    """The root's key id in groups, to compare with what the city publishes."""
    return " ".join(statement.key_id[i:i + 4] for i in range(0, len(statement.key_id), 4)).upper()


def _statements(session: Session, kind: str | None = None) -> list[Statement]:
    query = select(TrustStatement).where(TrustStatement.deleted_at.is_(None)).order_by(TrustStatement.server_seq)
    if kind:
        query = query.where(TrustStatement.kind == kind)
    return [Statement(r.kind, r.key_id, r.body, bytes(r.signature)) for r in session.scalars(query)]


def _add(session: Session, statement: Statement) -> None:
    session.add(TrustStatement(kind=statement.kind, key_id=statement.key_id, body=statement.body,
                               signature=statement.signature, updated_by="city-root"))


def _checked_root(session: Session, root_key) -> Statement:
    roots = _statements(session, ROOT)
    mine = issuer_chain.key_id_of(issuer_chain.public_bytes(root_key))
    if not roots:
        raise CentralError("中心数据库还没有根密钥：请先运行 tjce central init --root-key 文件。")
    if roots[0].key_id != mine:
        raise CentralError(f"这个根密钥文件不是中心数据库的根密钥（中心的根密钥指纹为 {fingerprint(roots[0])}）。")
    return roots[0]


def _run(url: str, work):
    with central_errors(central_engine(url)) as engine:
        with engine.begin() as connection:
            session = Session(bind=connection)
            result = work(session)
            session.flush()
            return result


def install_root(engine: Engine, root_key, *, name: str = ROOT_NAME) -> Statement:
    """The root statement in the central database (once; the same key again changes nothing)."""
    with engine.begin() as connection:
        session = Session(bind=connection)
        roots = _statements(session, ROOT)
        mine = issuer_chain.key_id_of(issuer_chain.public_bytes(root_key))
        if roots:
            if roots[0].key_id != mine:
                raise CentralError(f"中心数据库已有另一个根密钥（指纹 {fingerprint(roots[0])}），"
                                   "不能换成这个根密钥文件。")
            return roots[0]
        statement = issuer_chain.root_statement(root_key, name, dt.date.today())
        _add(session, statement)
        session.flush()
        return statement


@dataclass(frozen=True, slots=True)
class KeyStatus:
    key_id: str
    label: str
    registered_by: str
    registered_at: dt.datetime
    certified: str  # what the certificate says, or ""
    revoked: str  # when and why, or ""


def list_keys(url: str) -> list[KeyStatus]:
    def work(session: Session) -> list[KeyStatus]:
        root = next(iter(_statements(session, ROOT)), None)
        chain = issuer_chain.Chain(root, _statements(session), self_issued=False)
        keys = session.scalars(select(SigningKey).where(SigningKey.deleted_at.is_(None))
                               .order_by(SigningKey.created_at)).all()
        return [KeyStatus(k.key_id, k.label, k.updated_by or "", k.created_at,
                          chain.certificates[k.key_id].describe() if k.key_id in chain.certificates else "",
                          (f"{chain.revocations[k.key_id].revoked_on}：{chain.revocations[k.key_id].reason}"
                           if k.key_id in chain.revocations else "")) for k in keys]

    return _run(url, work)


def certify(url: str, root_key, *, key_id: str, org_reference: str, valid_from: dt.date,
            valid_until: dt.date) -> issuer_chain.Certificate:
    """Certify a registered installation key for an org subtree and a period."""
    key_id = key_id.strip().lower().replace(" ", "")
    if valid_until < valid_from:
        raise CentralError("认证的截止日期不能早于起始日期。")

    def work(session: Session) -> issuer_chain.Certificate:
        root = _checked_root(session, root_key)
        key = session.scalar(select(SigningKey).where(SigningKey.key_id == key_id, SigningKey.deleted_at.is_(None)))
        if key is None:
            raise CentralError(f"中心数据库中没有编号为 {key_id} 的签发密钥：请让该工作站先打印一次档案并同步"
                               "（或运行 tjce trust status 查看密钥编号）。")
        try:
            org = find_org(session, org_reference)
        except OrgNotFound as exc:
            raise CentralError(str(exc)) from None
        statement = issuer_chain.certificate_statement(
            root_key, bytes(key.public_key), scope_path=org.path, scope_name=org.full_name, valid_from=valid_from,
            valid_until=valid_until, label=key.label)
        _add(session, statement)
        chain = issuer_chain.Chain(root, [statement], self_issued=False)
        return chain.certificates[key_id]

    return _run(url, work)


def revoke(url: str, root_key, *, key_id: str, reason: str) -> None:
    key_id = key_id.strip().lower().replace(" ", "")
    if not reason.strip():
        raise CentralError("请说明吊销的原因（--reason）。")

    def work(session: Session) -> None:
        _checked_root(session, root_key)
        key = session.scalar(select(SigningKey).where(SigningKey.key_id == key_id))
        if key is None:
            raise CentralError(f"中心数据库中没有编号为 {key_id} 的签发密钥。")
        _add(session, issuer_chain.revocation_statement(root_key, key_id, revoked_on=dt.date.today(),
                                                        reason=reason.strip()))
        key.revoked_at = key.revoked_at or utc_now()

    _run(url, work)
