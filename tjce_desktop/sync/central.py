"""``tjce central init`` and ``tjce central add-admin``: provision the central database.

The URL given is the owner's (it runs the migrations and owns the tables). Each
administrator gets a PostgreSQL login role of their own (SCRAM password), a member of
``tjce_app``, mapped in ``sync_admin`` to their role and scope, and an account row (Argon2id
of the same password) that reaches their desks with the first sync, for offline sign-in.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy import Engine, create_engine, select

from tjce_desktop.domain.enums import Role
from tjce_desktop.domain.task_state import TaskState
from tjce_desktop.storage import private_temp
from tjce_desktop.storage.models import Base
from tjce_desktop.sync.central_schema import TABLE_ORDER, install_sync_schema
from tjce_desktop.domain.errors import UserError

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


def friendly_error(exc: Exception) -> CentralError:
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


def init_central(url: str, *, demo: int | None = None, seed: int | None = None, from_local: Path | None = None,
                 state: TaskState | None = None) -> dict[str, int]:
    """Create or migrate the central schema; optionally fill it (demo data or a local database)."""
    from tjce_desktop.storage import migrate

    state = state or TaskState()
    engine = central_engine(url)
    try:
        with engine.begin() as connection:
            migrate.upgrade_to_head(connection)
            install_sync_schema(connection)
        counts: dict[str, int] = {}
        if demo or from_local:
            with engine.connect() as connection:
                existing = connection.exec_driver_sql("SELECT count(*) FROM org").scalar_one()
            if existing:
                raise CentralError("中心数据库中已有数据，不能再填入演示数据或本地数据库。")
            if demo:
                # Built in the program's private temporary folder and removed once copied.
                with private_temp.temporary_folder() as folder:
                    counts = copy_local(_demo_source(folder, demo, seed, state), engine, state)
            else:
                counts = copy_local(Path(from_local), engine, state)
        return counts
    except CentralError:
        raise
    except Exception as exc:  # noqa: BLE001 — the driver's errors, in one Chinese line
        raise friendly_error(exc) from exc
    finally:
        engine.dispose()


def _demo_source(folder: Path, trainees: int, seed: int | None, state: TaskState) -> Path:
    from tjce_desktop.services.demo import DEFAULT_SEED, build_demo
    from tjce_desktop.storage.database import open_database

    path = folder / "demo.sqlite3"
    database = open_database(path)
    build_demo(database, trainees=trainees, seed=DEFAULT_SEED if seed is None else seed, state=state)
    database.dispose()
    return path


def copy_local(path: Path, engine: Engine, state: TaskState) -> dict[str, int]:
    """A standalone installation joins: every synced row of its database into the central one."""
    from tjce_desktop.storage.database import open_database

    local = open_database(path, create=False)
    counts: dict[str, int] = {}
    try:
        with local.engine.connect() as source, engine.begin() as target:
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


def add_admin(url: str, *, username: str, password: str, role: Role, org_reference: str) -> str:
    """A login role with its own password, its scope, and the account its desks sign in with offline."""
    import psycopg
    from psycopg import sql

    from tjce_desktop.services.accounts import HASHER, AccountError, clean_username, password_problems
    from tjce_desktop.services.fields import ACCOUNT_DISPLAY_NAME
    from tjce_desktop.services.orgs import OrgNotFound, find_org
    from tjce_desktop.storage.models import AdminUser

    try:
        username = clean_username(username)  # the same rule as a local account: no invisible marks
    except AccountError as exc:
        raise CentralError(str(exc)) from None
    problems = password_problems(password)
    if problems:
        raise CentralError("".join(problems))
    login = login_role_for(username)
    if len(login.encode("utf-8")) > 63:  # PostgreSQL would cut it, and two accounts could share it
        raise CentralError("用户名太长：对应的数据库登录名超过 63 个字节，请用不超过 56 个字符的用户名。")
    engine = central_engine(url)
    try:
        from sqlalchemy.orm import Session

        with engine.begin() as connection:
            session = Session(bind=connection)
            try:
                org = find_org(session, org_reference)
            except OrgNotFound as exc:
                raise CentralError(str(exc)) from None
            # "a.b" and "a_b" map to one login role: the second must not take the first's login.
            holder = connection.exec_driver_sql("SELECT username FROM sync_admin WHERE login_role = %s",
                                                (login,)).scalar()
            if holder is not None and holder != username.lower():
                raise CentralError(f"用户名“{username}”与已有账户“{holder}”对应同一个数据库登录名（{login}），"
                                   "请换一个用户名。")
            raw = connection.connection.driver_connection
            assert isinstance(raw, psycopg.Connection)
            with raw.cursor() as cursor:
                cursor.execute("SET password_encryption = 'scram-sha-256'")
                exists = cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone()
                statement = "ALTER ROLE {} LOGIN PASSWORD {}" if exists else "CREATE ROLE {} LOGIN PASSWORD {}"
                cursor.execute(sql.SQL(statement).format(sql.Identifier(login), sql.Literal(password)))
                cursor.execute(sql.SQL("GRANT tjce_app TO {}").format(sql.Identifier(login)))
                # One login cannot use up the server's connections, nor sit in a transaction for long.
                cursor.execute(sql.SQL("ALTER ROLE {} CONNECTION LIMIT {}").format(
                    sql.Identifier(login), sql.Literal(LOGIN_CONNECTION_LIMIT)))
                cursor.execute(sql.SQL("ALTER ROLE {} SET idle_in_transaction_session_timeout = '60s'").format(
                    sql.Identifier(login)))
            connection.exec_driver_sql(
                "INSERT INTO sync_admin (login_role, username, role, scope_path) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (login_role) DO UPDATE SET role = EXCLUDED.role, scope_path = EXCLUDED.scope_path",
                (login, username.lower(), role.value, org.path))
            user = session.scalar(select(AdminUser).where(AdminUser.username == username.lower()))
            if user is None:
                user = AdminUser(username=username, display_name=username[:ACCOUNT_DISPLAY_NAME.max_length], role=role.value, org_id=org.id,
                                 active=True, failed_attempts=0, updated_by="central")
                session.add(user)
            user.password_hash, user.role, user.org_id = HASHER.hash(password), role.value, org.id
            session.flush()
        return login
    except CentralError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise friendly_error(exc) from exc
    finally:
        engine.dispose()
