"""Which central database a local database syncs with, and as whom (never the password)."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from sqlalchemy import Engine

from tjce_desktop.storage.database import Database
from tjce_desktop.sync.central import (
    central_engine,
    central_errors,
    login_role_for,
    with_tls,
)

_URL, _USER, _INTERVAL = "central_url", "central_username", "sync_interval_minutes"


def bare_url(host: str, port: int, database: str, ca_file: str = "") -> str:
    """The address as typed in 文件 → 中心数据库, with its TLS settings (``with_tls``)."""
    return with_tls(f"postgresql://{host.strip()}:{port}/{database.strip()}", ca_file.strip() or None)


_KEPT = ("sslmode", "sslrootcert")  # the TLS settings stay with the address; nothing else does


def strip_credentials(url: str) -> str:
    parts = urlsplit(url)
    netloc = (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k in _KEPT])
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))


def ca_file_of(url: str) -> str:
    return dict(parse_qsl(urlsplit(url).query)).get("sslrootcert", "")


def engine_for(url: str, username: str, password: str, *, timeout: int = 8) -> Engine:
    """The administrator's own login role, with the password given now (kept in memory only)."""
    parts = urlsplit(strip_credentials(url))
    netloc = f"{quote(login_role_for(username), safe='')}:{quote(password, safe='')}@{parts.netloc}"
    query = "&".join(filter(None, (parts.query, f"connect_timeout={timeout}")))
    return central_engine(urlunsplit((parts.scheme, netloc, parts.path, query, "")))


def check_login(url: str, username: str, password: str) -> str:
    """Connect once; the login's scope path, or a CentralError in Chinese."""
    with central_errors(engine_for(url, username, password)) as engine:
        with engine.connect() as connection:
            return connection.exec_driver_sql("SELECT tjce_scope()").scalar_one()


def bind(database: Database, url: str, username: str, interval_minutes: int = 5) -> None:
    with database.engine.begin() as connection:
        for key, value in ((_URL, strip_credentials(url)), (_USER, username), (_INTERVAL, interval_minutes)):
            connection.exec_driver_sql("INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
                                       "SET value = excluded.value", (key, json.dumps(value)))


def binding(database: Database) -> tuple[str, str, int] | None:
    """(url, username, interval in minutes), or None for a standalone database."""
    with database.engine.connect() as connection:
        rows: dict[str, str] = {key: value for key, value in connection.exec_driver_sql(
            "SELECT key, value FROM app_meta WHERE key IN (?, ?, ?)", (_URL, _USER, _INTERVAL))}
    if _URL not in rows:
        return None
    return json.loads(rows[_URL]), json.loads(rows[_USER]), int(json.loads(rows.get(_INTERVAL, "5")))
