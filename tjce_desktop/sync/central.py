"""The central database: its address (TLS whenever it is on another machine), its engine,
its errors in one Chinese line, and its schema made and filled (``prepare_central``).

``tjce central init`` and ``tjce central add-admin`` are use cases over these
(``services/central_admin.py``): the demo, the account rules and the org tree are the
services'. The URL given there is the owner's (it runs the migrations and owns the tables).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy import Engine, create_engine, select

from tjce_desktop.domain.errors import UserError
from tjce_desktop.domain.task_state import TaskState
from tjce_desktop.storage import private_temp
from tjce_desktop.storage.models import Base
from tjce_desktop.sync.central_schema import TABLE_ORDER, install_sync_schema

_CHUNK = 5000
LOGIN_CONNECTION_LIMIT = 20  # a desk uses one or two; the rest is headroom for several desks of one account


class CentralError(UserError, RuntimeError):
    """``str()`` is the Chinese message."""


LOCAL_HOSTS = frozenset({"", "localhost", "127.0.0.1", "::1"})


def with_tls(url: str, ca_file: str | Path | None = None) -> str:
    """The URL as it must be used: a server on another machine only over TLS with its
    certificate verified (``sslmode=verify-full``), whatever the URL asked for; a CA file
    chosen means verify-full on this machine too."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    if ca_file:
        query["sslrootcert"] = str(Path(ca_file).expanduser().resolve())
    if query.get("sslrootcert"):
        if not Path(query["sslrootcert"]).is_file():
            raise CentralError(f"找不到 CA 证书文件：{query['sslrootcert']}")
        query["sslmode"] = "verify-full"
    elif (parts.hostname or "") not in LOCAL_HOSTS and not (parts.hostname or "").startswith("/"):
        query["sslmode"] = "verify-full"  # the CA: libpq's default, ~/.postgresql/root.crt, unless one is chosen
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def central_engine(url: str) -> Engine:
    if not url.startswith(("postgresql://", "postgresql+psycopg://", "postgres://")):
        raise CentralError("中心数据库地址应以 postgresql:// 开头，如 postgresql://用户@主机:5432/数据库。")
    url = with_tls(url.replace("postgres://", "postgresql://", 1))
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)  # no values in error messages


def friendly_error(exc: BaseException) -> CentralError:
    """Any failure on the way to or inside the central database as one Chinese line: a
    ``CentralError`` as it is, the driver's and the network's errors by what they say."""
    if isinstance(exc, CentralError):
        return exc
    text = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc) else type(exc).__name__
    if "password authentication failed" in text:
        return CentralError("中心数据库拒绝登录：用户名或密码错误。")
    if "certificate verify failed" in text or "root certificate file" in text or "does not match host name" in text:
        return CentralError(f"中心数据库的证书未通过验证，已拒绝连接（{text}）。请选择正确的 CA 证书文件，"
                            "并确认地址与证书上的主机名一致。")
    if "no encryption" in text or ("SSL" in text and "not support" in text):
        return CentralError(f"中心数据库要求加密连接（TLS），或不支持加密连接（{text}）。")
    if "Connection refused" in text or "could not connect" in text or "timeout" in text.lower():
        return CentralError(f"无法连接中心数据库（{text}）。请检查地址、端口和网络。")
    return CentralError(f"中心数据库出错：{text}")


@contextmanager
def central_errors(engine: Engine) -> Iterator[Engine]:
    """``with central_errors(engine) as engine:`` — the driver's and the network's errors leave
    the block as one Chinese ``CentralError`` (``friendly_error``), and the engine is disposed
    however the block ends."""
    try:
        yield engine
    except CentralError:
        raise
    except Exception as exc:  # noqa: BLE001 — the driver's errors, in one Chinese line
        raise friendly_error(exc) from exc
    finally:
        engine.dispose()


def prepare_central(url: str, *, source: Path | Callable[[Path], Path] | None = None,
                    state: TaskState | None = None) -> dict[str, int]:
    """Create or migrate the central schema; optionally fill an empty one from a local
    database: ``source`` is its file, or a function that makes it in a private temporary
    folder it is given (removed once copied). The demo and the account rules are the
    services' (``services/central_admin.py``)."""
    from tjce_desktop.storage import migrate

    state = state or TaskState()
    with central_errors(central_engine(url)) as engine:
        with engine.begin() as connection:
            migrate.upgrade_to_head(connection)
            install_sync_schema(connection)
        counts: dict[str, int] = {}
        if source is not None:
            with engine.connect() as connection:
                existing = connection.exec_driver_sql("SELECT count(*) FROM org").scalar_one()
            if existing:
                raise CentralError("中心数据库中已有数据，不能再填入演示数据或本地数据库。")
            if callable(source):
                with private_temp.temporary_folder() as folder:
                    counts = copy_local(source(folder), engine, state)
            else:
                counts = copy_local(Path(source), engine, state)
        return counts


def copy_local(path: Path, engine: Engine, state: TaskState) -> dict[str, int]:
    """A standalone installation joins: every synced row of its database into the central one."""
    from tjce_desktop.storage.database import open_database

    local = open_database(path, create=False)
    counts: dict[str, int] = {}
    try:
        with local.engine.connect() as source, engine.begin() as target:
            # An empty central database holds only what its migrations seeded (the default
            # 学时认定 table); the joining desk has the same rows, or the city's edits of them.
            for name in reversed(TABLE_ORDER):
                target.execute(Base.metadata.tables[name].delete())
            for number, name in enumerate(TABLE_ORDER):
                table = Base.metadata.tables[name]
                state.report(number / len(TABLE_ORDER), f"正在复制 {name}…")
                result = source.execute(select(table)).mappings()
                counts[name] = 0
                while rows := result.fetchmany(_CHUNK):
                    target.execute(table.insert(), [dict(row) for row in rows])
                    counts[name] += len(rows)
    finally:
        local.dispose()
    return counts


def login_role_for(username: str) -> str:
    return "tjce_u_" + re.sub(r"[^a-z0-9_]", "_", username.lower())
