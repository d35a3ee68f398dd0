"""登录 at a desk: through the central database when the desk is bound to one and it answers,
else with the local account (offline) — decided here, off the window's thread.

The local lockout holds on both paths: a locally locked account is refused before its
password goes to the server, a password the server refuses counts towards the local lockout,
and one it accepts clears the count (``accounts.sign_in_elsewhere``). Every attempt is
committed (lockout, audit log).
"""

from __future__ import annotations

from dataclasses import dataclass

from tjce_desktop.domain.enums import Role
from tjce_desktop.domain.errors import UserError
from tjce_desktop.services import accounts
from tjce_desktop.services.actor import Actor
from tjce_desktop.storage.database import Database
from tjce_desktop.storage.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class DeskSignIn:
    actor: Actor | None  # None: not signed in (``message`` says why)
    password: str | None = None  # kept in memory for the background sync of a bound desk
    online: bool | None = None  # the central database answered (None: not bound)
    message: str = ""
    retry_password: bool = False  # the password was wrong: clear it for another try


def sign_in_at_desk(database: Database, username: str, password: str) -> DeskSignIn:
    from tjce_desktop.sync.binding import binding

    name = username.strip().lower()
    bound = binding(database)
    online = None
    if bound is not None:
        outcome = _central(database, bound[0], name, password)
        if outcome.actor is not None or outcome.retry_password or outcome.online is not False:
            return outcome
        online, note = False, outcome.message
    else:
        note = ""
    try:
        with UnitOfWork(database, name) as uow:
            try:
                actor = accounts.sign_in(uow.session, username, password)
            except accounts.SignInError as exc:
                uow.commit()  # the failed attempt counts and is audited
                return DeskSignIn(None, online=online, message=str(exc), retry_password=True)
            uow.commit()
    except UserError as exc:  # e.g. another program is writing: nothing was counted, try again
        return DeskSignIn(None, online=online, message=str(exc))
    return DeskSignIn(actor, password if bound is not None else None, online, note)


def _central(database: Database, url: str, username: str, password: str) -> DeskSignIn:
    """Signed in through the central database, refused by it, or ``online=False`` to go on
    offline (the server is away)."""
    from sqlalchemy import text

    from tjce_desktop.sync.binding import engine_for
    from tjce_desktop.sync.central import CentralError, friendly_error

    with UnitOfWork(database, username) as uow:
        try:
            accounts.refuse_if_locked(uow.session, username)
        except accounts.SignInError as exc:
            uow.commit()
            return DeskSignIn(None, message=str(exc), retry_password=True)
    if len(password) > accounts.MAX_LENGTH:  # no password that long exists: wrong, and not sent anywhere
        return _settle(database, username, accepted=False) or DeskSignIn(None, retry_password=True)
    engine = engine_for(url, username, password, timeout=5)
    try:
        with engine.connect() as connection:
            row = connection.execute(text(
                "SELECT u.role, o.path FROM admin_user u JOIN org o ON o.id = u.org_id "
                "WHERE u.username = :name AND u.deleted_at IS NULL"), {"name": username}).first()
    except Exception as exc:  # noqa: BLE001 — the network or the server, told in one line
        error = exc if isinstance(exc, CentralError) else friendly_error(exc)
        if "拒绝登录" in str(error):
            refused = _settle(database, username, accepted=False)
            if refused is not None:
                return refused
        return DeskSignIn(None, online=False, message="中心数据库暂时连不上，已改为离线登录。")
    finally:
        engine.dispose()
    if row is None:
        return DeskSignIn(None, online=True, message="中心数据库中没有该管理员的账户，请联系市级管理员。",
                          retry_password=True)
    refused = _settle(database, username, accepted=True)
    if refused is not None:
        return refused
    role = Role(row.role)
    actor = Actor(username, scope_path=row.path, may_see_full_id_numbers=role in accounts.FULL_ID_ROLES, role=role)
    return DeskSignIn(actor, password, True)


def _settle(database: Database, username: str, *, accepted: bool) -> DeskSignIn | None:
    """The central database's answer recorded against the local account (lockout, audit log):
    the refusal to show, or None when the sign-in goes on."""
    with UnitOfWork(database, username) as uow:
        try:
            accounts.sign_in_elsewhere(uow.session, username, accepted, via="central")
        except accounts.SignInError as exc:
            uow.commit()  # the attempt counts and is audited
            return DeskSignIn(None, online=True, message=f"中心数据库：{exc}", retry_password=True)
        uow.commit()
    return None if accepted else DeskSignIn(None, online=True, retry_password=True)
