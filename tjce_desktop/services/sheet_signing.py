"""The verification code of a printed archive sheet: what it certifies, signed with Ed25519.

The code carries the claim itself (trainee, plan, hours, stamp batch, dates), the signing
key's id and the signature, in base32 (QR alphanumeric mode), so a sheet can be checked
offline: the verifier needs only the issuer's public key, which is a synced reference row
(``signing_key``). The private key never leaves this database: it lives in ``app_meta``,
which is not replicated.

Layout of the bytes: version (1) · key id (8) · signature (64) · body, where body is the
archive key (16) · stamp batch key (16, zeros when unstamped) · UTF-8 text fields joined by
U+001F. The signature covers version, key id and body.
"""

from __future__ import annotations

import base64
import hashlib
import platform
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tjce_desktop.storage.models import AppMeta, SigningKey

PREFIX = "TJCE-"
_VERSION = 1
_PRIVATE_KEY_META = "signing_private_key"
_FIELDS = ("name", "id_number", "org", "plan", "year", "hours", "required_hours", "finished_on", "stamped_on",
           "seal_org")
LABELS = {"name": "姓名", "id_number": "身份证号", "org": "所属机构", "plan": "培训计划", "year": "年度",
          "hours": "已获学时", "required_hours": "计划要求学时", "finished_on": "完成日期", "stamped_on": "盖章日期",
          "seal_org": "盖章机构"}


@dataclass(frozen=True, slots=True)
class SheetClaim:
    """What a sheet certifies. ``id_number`` is the masked number printed on the sheet."""

    archive_id: uuid.UUID
    batch_id: uuid.UUID | None
    name: str
    id_number: str
    org: str
    plan: str
    year: str
    hours: str
    required_hours: str
    finished_on: str
    stamped_on: str
    seal_org: str

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

    def as_dict(self) -> dict:
        return {"archive": self.archive_id.hex, "stamp_batch": self.batch_id.hex if self.batch_id else None,
                **{name: getattr(self, name) for name in _FIELDS}}


def key_id_of(public_key: bytes) -> bytes:
    return hashlib.sha256(public_key).digest()[:8]


class SheetSigner:
    """Signs claims with this installation's key (created and registered on first use)."""

    def __init__(self, private_key) -> None:
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        self._private_key = private_key
        self.public_key = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.key_id = key_id_of(self.public_key)

    @classmethod
    def for_installation(cls, session: Session, actor_name: str) -> SheetSigner:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

        stored = session.get(AppMeta, _PRIVATE_KEY_META)
        if stored is not None:
            return cls(Ed25519PrivateKey.from_private_bytes(bytes.fromhex(stored.value)))
        private_key = Ed25519PrivateKey.generate()
        raw = private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        session.add(AppMeta(key=_PRIVATE_KEY_META, value=raw.hex()))
        signer = cls(private_key)
        session.add(SigningKey(key_id=signer.key_id.hex(), public_key=signer.public_key,
                               label=f"{platform.node() or 'TJCE'} 的档案签发密钥", updated_by=actor_name))
        session.flush()
        return signer

    def sign(self, data: bytes) -> bytes:
        """An Ed25519 signature of ``data`` with this installation's key (64 bytes)."""
        return self._private_key.sign(data)

    def code_for(self, claim: SheetClaim) -> str:
        head = bytes([_VERSION]) + self.key_id
        body = claim.body()
        signature = self._private_key.sign(head + body)
        return PREFIX + base64.b32encode(head + signature + body).decode("ascii").rstrip("=")


@dataclass(frozen=True, slots=True)
class Verification:
    genuine: bool
    message: str  # Chinese, one sentence
    claim: SheetClaim | None = None
    key_label: str = ""

    def as_dict(self) -> dict:
        return {"genuine": self.genuine, "message": self.message, "key": self.key_label,
                "claim": self.claim.as_dict() if self.claim else None}


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


def verify_code(session: Session, text: str) -> Verification:
    """Check a code against the trusted keys of this database; stamped claims also against the batch."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from tjce_desktop.storage.models import StampBatch

    raw = _decode(normalise_code(text))
    if raw is None or len(raw) < 1 + 8 + 64 + 32 or raw[0] != _VERSION:
        return Verification(False, "这不是有效的档案验证码（格式不符或有字符被改动）。")
    head, signature, body = raw[:9], raw[9:73], raw[73:]
    key = session.scalar(select(SigningKey).where(SigningKey.key_id == raw[1:9].hex(),
                                                  SigningKey.deleted_at.is_(None)))
    if key is None:
        return Verification(False, "签发该档案的密钥不在本机的信任列表中，无法确认真伪（请与中心数据库同步后再验证）。")
    try:
        Ed25519PublicKey.from_public_bytes(key.public_key).verify(signature, head + body)
        claim = SheetClaim.from_body(body)
    except (InvalidSignature, ValueError, UnicodeDecodeError):
        return Verification(False, "验证失败：验证码与签名不符，档案内容可能被改动，或验证码抄录有误。",
                            key_label=key.label)
    if key.revoked_at is not None:
        return Verification(False, "签发该档案的密钥已被停用。", claim, key.label)
    if claim.batch_id is not None:
        batch = session.get(StampBatch, claim.batch_id)
        if batch is not None and batch.revoked_at is not None:
            return Verification(False, f"签名真实，但该批盖章已于 {batch.revoked_at:%Y-%m-%d} 撤销："
                                       f"{batch.revoke_reason or ''}", claim, key.label)
    return Verification(True, "验证通过：该档案由可信的签发方签发，内容未被改动。", claim, key.label)
