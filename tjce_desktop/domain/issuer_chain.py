"""The issuer chain of printed sheets: a city root key certifies each installation's key.

A *statement* is a small JSON document signed with Ed25519:

- ``root``: the root key itself (self-signed), so a desk can pin it;
- ``certificate``: the root vouches that key K may sign sheets of the org subtree S from
  date A to date B;
- ``revocation``: the root withdraws key K (from a date, with a reason).

Statements are rows of the synced ``trust_statement`` table, written only by the city (the
root key file never enters a database), so every desk receives them by sync. A standalone
installation makes its own root and says so on the sheet: ``self_issued``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass

ROOT, CERTIFICATE, REVOCATION = "root", "certificate", "revocation"
PATH = re.compile(r"(/[^/.\s]+)+/")  # an org path as the tree writes it: no empty or dot segments
_DOMAIN = b"TJCE-TRUST-1\x00"  # a statement's signature can never pass for a sheet's


def key_id_of(public_key: bytes) -> str:
    return hashlib.sha256(public_key).digest()[:8].hex()


def public_bytes(private_key) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def signature_valid(public_key: bytes, signature: bytes, data: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True, slots=True)
class Statement:
    kind: str
    key_id: str  # the key the statement is about (hex)
    body: str  # canonical JSON: what is signed
    signature: bytes

    @property
    def fields(self) -> dict:
        return json.loads(self.body)

    def signed_by(self, public_key: bytes) -> bool:
        try:
            fields = self.fields
        except ValueError:
            return False
        return (fields.get("kind") == self.kind and fields.get("key_id") == self.key_id
                and signature_valid(public_key, self.signature, _DOMAIN + self.body.encode("utf-8")))


def make_statement(issuer_private_key, kind: str, key_id: str, **fields) -> Statement:
    body = json.dumps({"kind": kind, "key_id": key_id, **fields}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))
    return Statement(kind, key_id, body, issuer_private_key.sign(_DOMAIN + body.encode("utf-8")))


def root_statement(root_private_key, name: str, issued_on: dt.date) -> Statement:
    public = public_bytes(root_private_key)
    return make_statement(root_private_key, ROOT, key_id_of(public), public_key=public.hex(), name=name,
                          issued_on=issued_on.isoformat())


def certificate_statement(root_private_key, public_key: bytes, *, scope_path: str, scope_name: str,
                          valid_from: dt.date, valid_until: dt.date, label: str = "") -> Statement:
    return make_statement(root_private_key, CERTIFICATE, key_id_of(public_key), public_key=public_key.hex(),
                          scope_path=scope_path, scope_name=scope_name, valid_from=valid_from.isoformat(),
                          valid_until=valid_until.isoformat(), label=label)


def revocation_statement(root_private_key, key_id: str, *, revoked_on: dt.date, reason: str) -> Statement:
    return make_statement(root_private_key, REVOCATION, key_id, revoked_on=revoked_on.isoformat(), reason=reason)


@dataclass(frozen=True, slots=True)
class Certificate:
    key_id: str
    public_key: bytes
    scope_path: str
    scope_name: str
    valid_from: dt.date
    valid_until: dt.date
    issuer: str  # the root's name
    self_issued: bool

    def covers(self, path: str) -> bool:
        """Paths are ``/code/code/…/``: a subtree is a prefix, and no path may be empty."""
        return bool(PATH.fullmatch(path or "")) and path.startswith(self.scope_path)

    def describe(self) -> str:
        who = "本机自签发（未经市级中心认证）" if self.self_issued else f"{self.issuer}认证"
        return f"{who}：{self.scope_name}，有效期 {self.valid_from} 至 {self.valid_until}，密钥 {self.key_id}"


@dataclass(frozen=True, slots=True)
class Revocation:
    revoked_on: dt.date
    reason: str


class Chain:
    """What one desk trusts: its pinned root and the statements that root signed."""

    def __init__(self, root: Statement | None, statements: list[Statement], *, self_issued: bool) -> None:
        self.root = root
        self.self_issued = self_issued
        self.certificates: dict[str, Certificate] = {}
        self.revocations: dict[str, Revocation] = {}
        if root is None:
            return
        root_key = bytes.fromhex(root.fields["public_key"])
        if not root.signed_by(root_key):
            self.root = None
            return
        name = root.fields.get("name", "")
        for statement in statements:
            if not statement.signed_by(root_key):
                continue  # a row the root did not sign: ignored, whoever wrote it
            fields = statement.fields
            if statement.kind == CERTIFICATE:
                public = bytes.fromhex(fields["public_key"])
                if key_id_of(public) != statement.key_id:
                    continue
                certificate = Certificate(statement.key_id, public, fields["scope_path"], fields["scope_name"],
                                          dt.date.fromisoformat(fields["valid_from"]),
                                          dt.date.fromisoformat(fields["valid_until"]), name, self_issued)
                # The city's latest word on a key stands (statements come in the server's
                # order): a narrower or shorter re-certification replaces a wider one.
                self.certificates[statement.key_id] = certificate
            elif statement.kind == REVOCATION:
                self.revocations[statement.key_id] = Revocation(dt.date.fromisoformat(fields["revoked_on"]),
                                                                fields.get("reason", ""))

    def refusal(self, key_id: str, paths: tuple[str, ...], signed_on: dt.date) -> str | None:
        """Why key ``key_id`` may not sign a sheet of these org paths on that day (None: it may)."""
        if self.root is None:
            return "本机还没有市级中心的根密钥（请先与中心数据库同步）。"
        certificate = self.certificates.get(key_id)
        if certificate is None:
            return f"签发密钥 {key_id} 未经市级管理员认证。"
        revoked = self.revocations.get(key_id)
        if revoked is not None:
            return f"签发密钥 {key_id} 已于 {revoked.revoked_on} 被吊销：{revoked.reason}"
        if not certificate.valid_from <= signed_on <= certificate.valid_until:
            return (f"签发密钥 {key_id} 的认证有效期为 {certificate.valid_from} 至 {certificate.valid_until}，"
                    f"不包括签发日期 {signed_on}。")
        if not all(certificate.covers(path) for path in paths):
            return f"签发密钥 {key_id} 只被授权为“{certificate.scope_name}”签发档案，该档案的机构不在此范围内。"
        return None
