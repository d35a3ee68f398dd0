"""The verification of a printed archive sheet: what it certifies, signed with Ed25519.

The QR carries the claim itself (trainee, org, plan, hours, stamp batch, dates), the key's
id and the signature, in base32 (QR alphanumeric mode), so a sheet can be checked offline
against the issuer chain (``domain/issuer_chain.py``): the city's root certifies this
installation's key for an org subtree and a period, and the claim's orgs must lie inside
it. Under the QR a short code of 16 characters (``domain/short_code.py``) finds the same
signed claim in ``issued_sheet`` — on this desk, or on the central database.

Layout of the bytes: version (1) · key id (8) · signature (64) · body, where body is the
archive key (16) · stamp batch key (16, zeros when unstamped) · UTF-8 text fields joined by
U+001F. The signature covers version, key id and body. A 学时证明 (``services/proof_claim.py``)
is signed the same way under version 3 with its own body; its short code is kept in the audit
entry of its issue (``certificate.proof``), so it is found on the desk that issued it.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import platform
import uuid
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from tjce_desktop.domain import issuer_chain, short_code
from tjce_desktop.domain.errors import UserError
from tjce_desktop.domain.ids import new_id
from tjce_desktop.domain.issuer_chain import Chain
from tjce_desktop.services.proof_claim import ProofClaim
from tjce_desktop.storage import key_protection, trust_store
from tjce_desktop.storage.models import AuditLog, IssuedSheet, Org, SigningKey, StampBatch, utc_now

PREFIX = "TJCE-"
_VERSION = 2
PROOF_VERSION = 3  # a multi-year 学时证明
PROOF_ACTION = "certificate.proof"
_FIELDS = ("name", "id_number", "org", "org_path", "plan", "year", "hours", "required_hours", "finished_on",
           "stamped_on", "seal_org", "seal_path", "issued_on")
LABELS = {"name": "姓名", "id_number": "身份证号", "org": "所属机构", "plan": "培训计划", "year": "年度",
          "hours": "已获学时", "required_hours": "计划要求学时", "finished_on": "完成日期", "stamped_on": "盖章日期",
          "seal_org": "盖章机构", "issued_on": "签发日期"}
LOCAL_ROOT_NAME = "本机（单机版）"
LOCAL_CERTIFICATE_YEARS = 10


class SigningUnavailable(UserError, RuntimeError):
    """This desk may not sign sheets now; ``str()`` says why in Chinese and what to do."""


@dataclass(frozen=True, slots=True)
class SheetClaim:
    """What a sheet certifies. ``id_number`` is the masked number printed on the sheet; the
    paths place the trainee's org and the seal's org in the tree, for the issuer's scope."""

    archive_id: uuid.UUID
    batch_id: uuid.UUID | None
    name: str
    id_number: str
    org: str
    org_path: str
    plan: str
    year: str
    hours: str
    required_hours: str
    finished_on: str
    stamped_on: str
    seal_org: str
    seal_path: str
    issued_on: str

    def body(self) -> bytes:
        text = "\x1f".join(getattr(self, name) for name in _FIELDS)
        return self.archive_id.bytes + (self.batch_id or uuid.UUID(int=0)).bytes + text.encode("utf-8")

    @classmethod
    def from_body(cls, body: bytes) -> SheetClaim:
        archive, batch, text = body[:16], body[16:32], body[32:].decode("utf-8")
        values = text.split("\x1f")
        if len(values) != len(_FIELDS):
            raise ValueError("field count")
        batch_id = uuid.UUID(bytes=batch)
        return cls(uuid.UUID(bytes=archive), batch_id if batch_id.int else None, *values)

    @property
    def paths(self) -> tuple[str, ...]:
        """Both must lie in the issuer's subtree; an empty one lies nowhere."""
        return (self.org_path, self.seal_path)

    def lines(self) -> list[tuple[str, str]]:
        """What verification shows, label by label, to compare with the paper."""
        values = self.as_dict()
        return [(label, values[key] or "—") for key, label in LABELS.items()]

    def as_dict(self) -> dict:
        return {"archive": self.archive_id.hex, "stamp_batch": self.batch_id.hex if self.batch_id else None,
                **{name: getattr(self, name) for name in _FIELDS}}


class SheetSigner:
    """Signs claims with this installation's key."""

    def __init__(self, private_key, certificate: issuer_chain.Certificate | None = None) -> None:
        self._private_key = private_key
        self.public_key = issuer_chain.public_bytes(private_key)
        self.key_id = issuer_chain.key_id_of(self.public_key)
        self.certificate = certificate

    def sign(self, data: bytes) -> bytes:
        """An Ed25519 signature of ``data`` with this installation's key (64 bytes)."""
        return self._private_key.sign(data)

    def signed(self, claim: SheetClaim) -> bytes:
        head = bytes([_VERSION]) + bytes.fromhex(self.key_id)
        body = claim.body()
        return head + self.sign(head + body) + body

    def code_for(self, claim: SheetClaim) -> str:
        return encode(self.signed(claim))

    def signed_proof(self, claim: ProofClaim) -> bytes:
        head = bytes([PROOF_VERSION]) + bytes.fromhex(self.key_id)
        body = claim.body()
        return head + self.sign(head + body) + body


def encode(raw: bytes) -> str:
    return PREFIX + base64.b32encode(raw).decode("ascii").rstrip("=")


# --- this installation's key, encrypted at rest -------------------------------------------------


def installation_signer(session: Session, actor_name: str) -> SheetSigner:
    """This installation's key; made and registered (a ``signing_key`` row, synced) on first
    use. The private key is kept only encrypted; when its key file cannot be found (the
    database was copied to another machine) a new key is made, which must be certified anew."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    connection = session.connection()
    pem, secret_name = trust_store.get(connection, trust_store.SIGNING_KEY), trust_store.get(
        connection, trust_store.SECRET_NAME)
    if pem and secret_name:
        secret = key_protection.secret_for(secret_name, create=False)
        if secret is not None:
            try:
                signer = SheetSigner(key_protection.decrypt_private_key(pem, secret))
            except key_protection.KeyProtectionError:
                pass
            else:
                trust_store.remember_own_key(connection, signer.public_key)
                return signer
    legacy = trust_store.get(connection, trust_store.LEGACY_SIGNING_KEY)
    if legacy and not pem:  # before keys were encrypted: the same key, encrypted from now on
        private_key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(legacy))
        trust_store.delete(connection, trust_store.LEGACY_SIGNING_KEY)
    else:
        private_key = Ed25519PrivateKey.generate()
    secret_name = new_id().hex  # a new key file: never reuse one that did not open this key
    secret = key_protection.secret_for(secret_name, create=True)
    assert secret is not None  # a name of ours, made now
    trust_store.put(connection, trust_store.SIGNING_KEY, key_protection.encrypt_private_key(private_key, secret))
    trust_store.put(connection, trust_store.SECRET_NAME, secret_name)
    signer = SheetSigner(private_key)
    trust_store.remember_own_key(connection, signer.public_key)
    if session.scalar(select(SigningKey).where(SigningKey.key_id == signer.key_id)) is None:
        session.add(SigningKey(key_id=signer.key_id, public_key=signer.public_key,
                               label=f"{platform.node() or 'TJCE'} 的档案签发密钥", updated_by=actor_name))
    session.flush()
    return signer


def _local_chain(connection: Connection) -> Chain | None:
    root = trust_store.statement_from_text(trust_store.get(connection, trust_store.LOCAL_ROOT))
    certificate = trust_store.statement_from_text(trust_store.get(connection, trust_store.LOCAL_CERTIFICATE))
    if root is None:
        return None
    return Chain(root, [certificate] if certificate else [], self_issued=True)


def _local_chains(connection: Connection) -> list[Chain]:
    """The standalone root of now, and earlier ones (a key file lost made a new root; the
    sheets the old one vouched for still verify here)."""
    history = json.loads(trust_store.get(connection, trust_store.LOCAL_HISTORY) or "[]")
    older = [Chain(trust_store.statement_from_text(root),
                   [s for s in [trust_store.statement_from_text(certificate)] if s is not None], self_issued=True)
             for root, certificate in history]
    return [chain for chain in [_local_chain(connection), *older] if chain is not None and chain.root is not None]


def _central_chain(connection: Connection) -> Chain:
    return Chain(trust_store.pin_root(connection), trust_store.synced_statements(connection), self_issued=False)


def _self_certify(connection: Connection, signer: SheetSigner, today: dt.date) -> None:
    """A standalone installation is its own root: it certifies its key for the whole tree and
    its sheets say they are self-issued. The root key is kept encrypted like the signing key."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    chain = _local_chain(connection)
    if chain is not None and chain.refusal(signer.key_id, (), today) is None:
        return
    secret_name = trust_store.get(connection, trust_store.SECRET_NAME)
    secret = key_protection.secret_for(secret_name or "", create=True)
    assert secret is not None  # installation_signer made the name before
    root_pem = trust_store.get(connection, trust_store.LOCAL_ROOT_KEY)
    root_key = None
    if root_pem:
        try:
            root_key = key_protection.decrypt_private_key(root_pem, secret)
        except key_protection.KeyProtectionError:
            root_key = None
    if root_key is None:
        earlier = (trust_store.get(connection, trust_store.LOCAL_ROOT),
                   trust_store.get(connection, trust_store.LOCAL_CERTIFICATE))
        if all(earlier):
            history = json.loads(trust_store.get(connection, trust_store.LOCAL_HISTORY) or "[]")
            trust_store.put(connection, trust_store.LOCAL_HISTORY, json.dumps(history + [list(earlier)]))
        root_key = Ed25519PrivateKey.generate()
        trust_store.put(connection, trust_store.LOCAL_ROOT_KEY, key_protection.encrypt_private_key(root_key, secret))
        trust_store.put(connection, trust_store.LOCAL_ROOT, trust_store.statement_to_text(
            issuer_chain.root_statement(root_key, LOCAL_ROOT_NAME, today)))
    tree = connection.exec_driver_sql("SELECT path FROM org WHERE parent_id IS NULL AND deleted_at IS NULL "
                                      "ORDER BY path LIMIT 1").scalar() or "/"
    certificate = issuer_chain.certificate_statement(
        root_key, signer.public_key, scope_path=tree, scope_name="全部机构（单机版）", valid_from=today,
        valid_until=today.replace(year=today.year + LOCAL_CERTIFICATE_YEARS), label=platform.node())
    trust_store.put(connection, trust_store.LOCAL_CERTIFICATE, trust_store.statement_to_text(certificate))


def printing_signer(session: Session, actor_name: str, *, today: dt.date | None = None) -> SheetSigner:
    """The signer for printing stamped sheets, with the certificate it signs under.

    Standalone: self-certified. Bound to a central database: the city must have certified
    this installation's key (``tjce trust certify``) and the certificate reached this desk by
    sync; otherwise ``SigningUnavailable`` says why and what to do. The caller commits (a
    new key is registered so that it syncs)."""
    today = today or dt.date.today()
    signer = installation_signer(session, actor_name)
    connection = session.connection()
    if not trust_store.is_bound(connection):
        _self_certify(connection, signer, today)
        chain = _local_chain(connection)
    else:
        chain = _central_chain(connection)
    assert chain is not None  # _self_certify made the local one
    refusal = chain.refusal(signer.key_id, (), today)
    if refusal is not None:
        raise SigningUnavailable(
            f"本机不能打印带签名的档案：{refusal}请把本机的签发密钥编号 {signer.key_id} 告诉市级管理员，"
            "由其用城市根密钥认证（tjce trust certify），同步后即可打印。")
    signer.certificate = chain.certificates[signer.key_id]
    return signer


def require_covers(signer: SheetSigner, claim: SheetClaim) -> None:
    """Refuse to sign a claim whose orgs lie outside the key's certified subtree."""
    certificate = signer.certificate
    if certificate is not None and not all(certificate.covers(path) for path in claim.paths):
        raise SigningUnavailable(f"本机的签发密钥只被认证为“{certificate.scope_name}”签发档案，"
                                 f"“{claim.name}”的档案（{claim.org}）不在此范围内，不能打印带签名的档案。")


def new_short_code(session: Session) -> str:
    """A short code no printed sheet or proof on this desk has."""
    for _attempt in range(5):
        code = short_code.new_code()
        if session.scalar(select(IssuedSheet.id).where(IssuedSheet.code == code)) is None and session.scalar(
                select(AuditLog.id).where(AuditLog.action == PROOF_ACTION, AuditLog.target == code)) is None:
            break
    return code


def record_issued(session: Session, claim: SheetClaim, signer: SheetSigner, raw: bytes) -> str:
    """Store the signed sheet under a new short code (synced, so it can be found centrally)."""
    code = new_short_code(session)
    session.add(IssuedSheet(code=code, enrollment_id=claim.archive_id, key_id=signer.key_id, signed=raw,
                            issued_at=utc_now()))
    return code


# --- verification --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Verification:
    genuine: bool
    message: str  # Chinese, one sentence
    claim: SheetClaim | ProofClaim | None = None
    key_label: str = ""  # the issuer: certificate, scope and validity
    short_code: str = ""

    def as_dict(self) -> dict:
        return {"genuine": self.genuine, "message": self.message, "key": self.key_label,
                "short_code": self.short_code, "claim": self.claim.as_dict() if self.claim else None}


class CentralSheets(Protocol):
    """What verification may ask the central database (``sync/sheet_lookup.py``)."""

    def find_sheet(self, code: str) -> bytes | None: ...

    def batch_revocation(self, batch_id: uuid.UUID) -> tuple[dt.datetime, str] | None: ...


def normalise_code(text: str) -> str:
    return "".join(text.split()).upper()


def _decode(code: str) -> bytes | None:
    if not code.startswith(PREFIX):
        return None
    data = code[len(PREFIX):]
    try:
        raw = base64.b32decode(data + "=" * (-len(data) % 8))
    except ValueError:
        return None
    # base32's last character can carry unused bits: only the canonical spelling is accepted,
    # so that any changed character fails.
    if base64.b32encode(raw).decode("ascii").rstrip("=") != data:
        return None
    return raw


def local_sheet(session: Session, code: str) -> bytes | None:
    """The signed bytes of the sheet printed under ``code`` (without separators), if on this desk."""
    raw = session.scalar(select(IssuedSheet.signed).where(IssuedSheet.code == code, IssuedSheet.deleted_at.is_(None)))
    if raw is not None:
        return bytes(raw)
    detail = session.scalar(select(AuditLog.detail).where(AuditLog.action == PROOF_ACTION, AuditLog.target == code))
    signed = json.loads(detail).get("signed") if detail else None
    return _decode(signed) if signed else None


def verify_code(session: Session, text: str, *, central: CentralSheets | None = None) -> Verification:
    """Check a QR's full code, or a short code (found on this desk, else on the central
    database through ``central``), against this desk's issuer chain."""
    if short_code.looks_like_short_code(text):
        why = short_code.problem(text)
        if why is not None:
            return Verification(False, f"这不是有效的验证码：{why}")
        code = short_code.parse(text)
        assert code is not None  # problem() said it is one
        raw = local_sheet(session, code)
        if raw is None and central is not None:
            try:
                raw = central.find_sheet(code)
            except Exception:  # noqa: BLE001 — offline: the QR still verifies
                return Verification(False, f"本机没有验证码 {short_code.grouped(code)} 的签发记录，且无法连接中心数据库"
                                           "查找。请联网后再试，或扫描档案上的二维码（离线也能验证完整签名）。")
        if raw is None:
            where = "本机和中心数据库中都" if central is not None else "本机"
            return Verification(False, f"{where}没有验证码 {short_code.grouped(code)} 的签发记录。"
                                       + ("" if central is not None else
                                          "请联网后再验证，或扫描档案上的二维码（离线也能验证完整签名）。"))
        result = verify_signed(session, raw, central=central)
        return Verification(result.genuine, result.message, result.claim, result.key_label, short_code.grouped(code))
    raw = _decode(normalise_code(text))
    if raw is None:
        return Verification(False, "这不是有效的档案验证码（格式不符或有字符被改动）。")
    return verify_signed(session, raw, central=central)


def _claim_problem(session: Session, claim: SheetClaim) -> str | None:
    """The names a sheet shows must be those of the orgs its signed paths name, in this desk's
    tree (the tree is read by every desk): a key certified for one district cannot print
    another district's names over its own paths. A renamed org also fails; reprint then."""
    from tjce_desktop.services.orgs import full_name_of

    if claim.batch_id is None or not claim.org_path or not claim.seal_path:
        return "签名的内容不完整（缺少机构或盖章信息）。"
    for path, shown, whole in ((claim.org_path, claim.org, True), (claim.seal_path, claim.seal_org, False)):
        org = session.execute(select(Org.id, Org.name).where(Org.path == path, Org.deleted_at.is_(None))).first()
        if org is None:
            return "档案所属或盖章的机构不在本机的组织机构树中，无法核对（请先与中心数据库同步）。"
        actual = full_name_of(session, org.id) if whole else org.name
        if actual != shown:
            return (f"档案上的机构名称“{shown}”与签名所指的机构“{actual}”不符"
                    "（档案被改动过，或机构已更名：如为更名，请重新打印）。")
    return None


_UNCHECKED = object()  # a stamp batch neither on this desk nor reachable centrally


def _batch_revocation(session: Session, claim: SheetClaim, central: CentralSheets | None):
    """(revoked at, reason), None when not revoked, or ``_UNCHECKED``."""
    assert claim.batch_id is not None  # a claim without its batch is refused before (_claim_problem)
    batch = session.get(StampBatch, claim.batch_id)
    if batch is not None:
        return (batch.revoked_at, batch.revoke_reason or "") if batch.revoked_at is not None else None
    if central is None:
        return _UNCHECKED
    try:
        return central.batch_revocation(claim.batch_id)
    except Exception:  # noqa: BLE001 — offline: said, not guessed
        return _UNCHECKED


def verify_signed(session: Session, raw: bytes, *, central: CentralSheets | None = None) -> Verification:
    if len(raw) < 1 + 8 + 64 + 32:
        return Verification(False, "这不是有效的档案验证码（格式不符或有字符被改动）。")
    if raw[0] not in (_VERSION, PROOF_VERSION):
        return Verification(False, "这是旧版程序打印的验证码，不含签发链，无法确认真伪：请用新版程序重新打印该档案。")
    head, signature, body = raw[:9], raw[9:73], raw[73:]
    key_id = raw[1:9].hex()
    connection = session.connection()
    chains = ([_central_chain(connection)] if trust_store.is_bound(connection) else []) + _local_chains(connection)
    chain = next((c for c in chains if key_id in c.certificates), None)
    if chain is None:
        why = next((c.refusal(key_id, (), dt.date.today()) for c in chains), None) or "本机没有可信的根密钥。"
        return Verification(False, f"无法确认真伪：{why}（如刚认证，请先与中心数据库同步。）")
    certificate = chain.certificates[key_id]
    if not issuer_chain.signature_valid(certificate.public_key, signature, head + body):
        return Verification(False, "验证失败：验证码与签名不符，档案内容可能被改动，或验证码抄录有误。",
                            key_label=certificate.describe())
    if raw[0] == PROOF_VERSION:
        return _verified_proof(session, chain, key_id, body)
    try:
        claim = SheetClaim.from_body(body)
        issued_on = dt.date.fromisoformat(claim.issued_on)
    except (ValueError, UnicodeDecodeError):
        return Verification(False, "验证失败：签名所覆盖的内容无法读取。", key_label=certificate.describe())
    refusal = chain.refusal(key_id, claim.paths, issued_on)
    if refusal is not None:
        return Verification(False, f"签名真实，但签发方无权签发这份档案：{refusal}", claim, certificate.describe())
    problem = _claim_problem(session, claim)
    if problem is not None:
        return Verification(False, f"签名真实，但内容不可信：{problem}", claim, certificate.describe())
    revoked = _batch_revocation(session, claim, central)
    if revoked is not None and revoked is not _UNCHECKED:
        return Verification(False, f"签名真实，但该批盖章已于 {revoked[0]:%Y-%m-%d} 撤销：{revoked[1]}", claim,
                            certificate.describe())
    unchecked = ("（该档案的盖章批次不在本机，是否已撤销未能核对：联网后用验证码验证可核对。）"
                 if revoked is _UNCHECKED else "")
    if chain.self_issued:
        return Verification(True, "验证通过：该档案由本机自签发（单机版，未经市级中心认证），内容未被改动。"
                            + unchecked,
                            claim, certificate.describe())
    return Verification(True, "验证通过：该档案由经市级认证的签发方签发，内容未被改动。请核对下列内容与纸面一致。"
                        + unchecked, claim, certificate.describe())


def _verified_proof(session: Session, chain: Chain, key_id: str, body: bytes) -> Verification:
    """A 学时证明 whose signature is valid: the issuer's scope and the org's name still checked."""
    from tjce_desktop.services.orgs import full_name_of

    certificate = chain.certificates[key_id]
    try:
        claim = ProofClaim.from_body(body)
        issued_on = dt.date.fromisoformat(claim.issued_on)
    except (ValueError, UnicodeDecodeError):
        return Verification(False, "验证失败：签名所覆盖的内容无法读取。", key_label=certificate.describe())
    refusal = chain.refusal(key_id, claim.paths, issued_on)
    if refusal is not None:
        return Verification(False, f"签名真实，但签发方无权出具这份学时证明：{refusal}", claim, certificate.describe())
    org = session.execute(select(Org.id).where(Org.path == claim.org_path, Org.deleted_at.is_(None))).first()
    if org is None:
        return Verification(False, "签名真实，但内容不可信：证明所属的机构不在本机的组织机构树中，无法核对"
                                   "（请先与中心数据库同步）。", claim, certificate.describe())
    actual = full_name_of(session, org.id)
    if actual != claim.org:
        return Verification(False, f"签名真实，但内容不可信：证明上的机构名称“{claim.org}”与签名所指的机构“{actual}”"
                                   "不符（证明被改动过，或机构已更名：如为更名，请重新出具）。", claim,
                            certificate.describe())
    issuer = "本机自签发（单机版，未经市级中心认证）" if chain.self_issued else "经市级认证的签发方出具"
    return Verification(True, f"验证通过：该学时证明由{issuer}，内容未被改动。请核对下列内容与纸面一致。",
                        claim, certificate.describe())
