"""Where a desk keeps its trust: the pinned city root, the synced statements, its own keys.

All in the local database: the statements in ``trust_statement`` (synced), the rest in
``app_meta`` (never synced). Private keys are stored only encrypted (``key_protection``).
"""

from __future__ import annotations

import json

from sqlalchemy import Connection

from tjce_desktop.domain.ids import new_id
from tjce_desktop.domain.issuer_chain import ROOT, Statement

PINNED_ROOT = "trust_root"  # the city's root statement, pinned at the first sync that brought one
SIGNING_KEY = "signing_private_key_pem"  # this installation's key, encrypted
LEGACY_SIGNING_KEY = "signing_private_key"  # before 0.7: raw hex, re-encrypted on first use
SECRET_NAME = "key_secret_name"  # which key file in key_protection.key_folder() opens them
LOCAL_ROOT_KEY = "local_root_key_pem"  # a standalone installation's own root, encrypted
LOCAL_ROOT = "local_root_statement"
LOCAL_CERTIFICATE = "local_certificate"
LOCAL_HISTORY = "local_trust_history"  # earlier local roots with their certificates: old sheets still verify
OWN_KEYS = "own_public_keys"  # every key this installation has held (hex): its backups' checkpoints
CENTRAL_URL = "central_url"
INSTALLATION = "installation_id"  # this database's identity: its outbox's client id, its audit anchors


def get(connection: Connection, key: str) -> str | None:
    return connection.exec_driver_sql("SELECT value FROM app_meta WHERE key = ?", (key,)).scalar()


def put(connection: Connection, key: str, value: str) -> None:
    connection.exec_driver_sql("INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
                               "SET value = excluded.value", (key, value))


def delete(connection: Connection, key: str) -> None:
    connection.exec_driver_sql("DELETE FROM app_meta WHERE key = ?", (key,))


def installation_id(connection: Connection) -> str:
    """Made on first use; JSON text like the sync bookkeeping in ``app_meta``."""
    value = get(connection, INSTALLATION)
    if value is None:
        value = json.dumps(new_id().hex)
        put(connection, INSTALLATION, value)
    return json.loads(value)


def statement_to_text(statement: Statement) -> str:
    return json.dumps({"kind": statement.kind, "key_id": statement.key_id, "body": statement.body,
                       "signature": statement.signature.hex()}, ensure_ascii=False)


def statement_from_text(text: str | None) -> Statement | None:
    if not text:
        return None
    try:
        data = json.loads(text)
        return Statement(data["kind"], data["key_id"], data["body"], bytes.fromhex(data["signature"]))
    except (ValueError, KeyError, TypeError):
        return None


def remember_own_key(connection: Connection, public_key: bytes) -> None:
    keys = own_keys(connection)
    if public_key.hex() not in keys:
        put(connection, OWN_KEYS, json.dumps(keys + [public_key.hex()]))


def own_keys(connection: Connection) -> list[str]:
    return json.loads(get(connection, OWN_KEYS) or "[]")


def is_bound(connection: Connection) -> bool:
    return get(connection, CENTRAL_URL) is not None


def synced_statements(connection: Connection) -> list[Statement]:
    rows = connection.exec_driver_sql("SELECT kind, key_id, body, signature FROM trust_statement "
                                      "WHERE deleted_at IS NULL ORDER BY server_seq").all()
    return [Statement(row.kind, row.key_id, row.body, bytes(row.signature)) for row in rows]


def pin_root(connection: Connection) -> Statement | None:
    """The pinned root; pins the central's root statement the first time one is here.

    Trust on first use, as for an SSH host key: once pinned, a different root arriving later
    (someone who could write the central table) is ignored, and ``tjce central connect``
    shows the fingerprint so it can be compared with the one the city publishes."""
    pinned = statement_from_text(get(connection, PINNED_ROOT))
    if pinned is not None:
        return pinned
    roots = [s for s in synced_statements(connection) if s.kind == ROOT]
    if len(roots) != 1:
        return None
    put(connection, PINNED_ROOT, statement_to_text(roots[0]))
    return roots[0]
