"""``tjce central init`` and ``tjce central add-admin``: provision the central database.

The URL given is the owner's (it runs the migrations and owns the tables). Each
administrator gets a PostgreSQL login role of their own (SCRAM password), a member of
``tjce_app``, mapped in ``sync_admin`` to their role and scope, and an account row (Argon2id
of the same password) that reaches their desks with the first sync, for offline sign-in.
The connection, the schema and the copy are the sync layer's (``sync/central.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from tjce_desktop.domain.enums import Role
from tjce_desktop.domain.task_state import TaskState
from tjce_desktop.sync import central
from tjce_desktop.sync.central import (
    LOGIN_CONNECTION_LIMIT,
    CentralError,
    central_engine,
    central_errors,
    login_role_for,
)


def init_central(url: str, *, demo: int | None = None, seed: int | None = None, from_local: Path | None = None,
                 state: TaskState | None = None) -> dict[str, int]:
    """Create or migrate the central schema; optionally fill it (demo data or a local database)."""
    state = state or TaskState()
    source: Path | Callable[[Path], Path] | None = None
    if demo:
        def build(folder: Path) -> Path:  # in the program's private temporary folder, removed once copied
            return _demo_source(folder, demo, seed, state)

        source = build
    elif from_local:
        source = Path(from_local)
    return central.prepare_central(url, source=source, state=state)


def _demo_source(folder: Path, trainees: int, seed: int | None, state: TaskState) -> Path:
    from tjce_desktop.services.demo import DEFAULT_SEED, build_demo
    from tjce_desktop.storage.database import open_database

    path = folder / "demo.sqlite3"
    database = open_database(path)
    build_demo(database, trainees=trainees, seed=DEFAULT_SEED if seed is None else seed, state=state)
    database.dispose()
    return path


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
    with central_errors(central_engine(url)) as engine:
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
                user = AdminUser(username=username, display_name=username[:ACCOUNT_DISPLAY_NAME.max_length],
                                 role=role.value, org_id=org.id, active=True, failed_attempts=0, updated_by="central")
                session.add(user)
            user.password_hash, user.role, user.org_id = HASHER.hash(password), role.value, org.id
            session.flush()
        return login
