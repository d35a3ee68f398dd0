"""Administrator accounts: sign-in, lockout, passwords, and the Actor each account acts as.

Passwords are hashed with Argon2id above OWASP's minimum (m = 19 MiB, t = 2, p = 1): here
m = 64 MiB, t = 3, p = 1, about a tenth of a second a sign-in. Five failed sign-ins lock an
account for fifteen minutes — in the local database, so offline too. Every attempt, every
password change, reset and unlock is in the audit log.

Failures are counted under the database's write lock (``lock_for_writing``): the password
is checked first, without the lock (Argon2 is slow on purpose), then the account is read
again under the lock and the failure added, so attempts from many processes at once are
counted one by one and the fifth locks the account. A password over ``MAX_LENGTH`` is
wrong without being hashed. Which passwords may be set: ``password_policy``.
"""

from __future__ import annotations

import datetime as dt
import math
import secrets
import string
import uuid
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tjce_desktop.domain.enums import Role
from tjce_desktop.domain.errors import UserError
from tjce_desktop.domain.text import normalise_text
from tjce_desktop.services import audit, fields
from tjce_desktop.services.actor import Actor, ScopeError
from tjce_desktop.services.password_policy import MAX_LENGTH, MIN_LENGTH, password_problems
from tjce_desktop.storage.database import lock_for_writing
from tjce_desktop.storage.models import AdminUser, Org, utc_now
from tjce_desktop.storage.unit_of_work import UnitOfWork, unit_of

__all__ = ["MAX_LENGTH", "MIN_LENGTH", "password_problems"]  # the policy, as the dialogs and the CLI know it

MAX_FAILED = 5
LOCK_MINUTES = 15
HASHER = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=1)
# Who may see and export full ID numbers (always audited): those who manage trainees.
FULL_ID_ROLES = (Role.CITY_ADMIN, Role.UNIT_SUPERVISOR)
_USERNAME_CHARS = set(string.ascii_letters + string.digits + "._-")


class AccountError(UserError, ValueError):
    """``str()`` is the Chinese message."""


class SignInError(AccountError):
    pass


@dataclass(frozen=True, slots=True)
class AccountInfo:
    id: uuid.UUID
    username: str
    display_name: str
    role: Role
    org_id: uuid.UUID
    org_path: str
    active: bool
    locked_until: dt.datetime | None
    failed_attempts: int


def _check_password(password: str) -> None:
    problems = password_problems(password)
    if problems:
        raise AccountError("".join(problems))


def generate_password() -> str:
    """A random password that meets the policy (for `tjce demo` without TJCE_PASSWORD)."""
    alphabet = string.ascii_letters + string.digits
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(15)) + secrets.choice("!#%+-=?@")
        if not password_problems(password):
            return password


def has_accounts(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(AdminUser).where(AdminUser.deleted_at.is_(None))))


def _org(session: Session, org_id: uuid.UUID) -> Org:
    org = session.get(Org, org_id)
    if org is None or org.deleted_at is not None:
        raise AccountError("机构不存在。")
    return org


def actor_for(session: Session, user: AdminUser | AccountInfo) -> Actor:
    role = Role(user.role)
    return Actor(user.username, scope_path=_org(session, user.org_id).path,
                 may_see_full_id_numbers=role in FULL_ID_ROLES, role=role)


def _find(session: Session, username: str, *, fresh: bool = False) -> AdminUser | None:
    """``fresh``: read again from the database (under the write lock; rows locked elsewhere)."""
    query = select(AdminUser).where(AdminUser.username == normalise_text(username).lower(),
                                    AdminUser.deleted_at.is_(None))
    if fresh:
        query = query.with_for_update().execution_options(populate_existing=True)
    return session.scalar(query)


def _matches(password_hash: str | None, password: str) -> bool:
    """Argon2 verification; a password longer than any that may be set is wrong unhashed."""
    if len(password) > MAX_LENGTH:
        return False
    try:
        return HASHER.verify(password_hash or "", password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _locked(user: AdminUser, now: dt.datetime) -> bool:
    return user.locked_until is not None and user.locked_until > now


def _locked_message(user: AdminUser, now: dt.datetime) -> str:
    assert user.locked_until is not None  # said of a locked account only
    minutes = min(LOCK_MINUTES, max(1, math.ceil((user.locked_until - now).total_seconds() / 60)))
    return f"连续输错密码 {MAX_FAILED} 次，账户已锁定。请 {minutes} 分钟后再试，或请管理员解锁。"


def clean_username(raw: object) -> str:
    """An account's name as stored (lowercase): plain ASCII letters, digits and . _ - — no
    invisible marks, no look-alikes; the local and the central account are the same name."""
    try:
        username = fields.ACCOUNT_USERNAME.clean(raw).lower()
    except fields.FieldError as exc:
        raise AccountError(str(exc)) from None
    if not set(username) <= _USERNAME_CHARS:
        raise AccountError(f"用户名只能由字母、数字和 . _ - 组成，不超过 {fields.ACCOUNT_USERNAME.max_length} 个字符。")
    return username


def _info(user: AdminUser, org_path: str) -> AccountInfo:
    return AccountInfo(user.id, user.username, user.display_name, Role(user.role), user.org_id, org_path,
                       bool(user.active), user.locked_until, user.failed_attempts or 0)


def create_account(uow: UnitOfWork | Session, actor: Actor | None, *, username: str, display_name: str,
                   password: str, role: Role, org_id: uuid.UUID) -> AccountInfo:
    """A new account. ``actor`` None only for the first city administrator of a new database."""
    uow = unit_of(uow)
    session = uow.session
    if actor is None:
        if has_accounts(session):
            raise ScopeError("数据库中已有账户，请由市级管理员创建新账户。")
        if role is not Role.CITY_ADMIN:
            raise AccountError("第一个账户必须是市级管理员。")
    else:
        actor.require_role(Role.CITY_ADMIN, doing="创建账户")
    username = clean_username(username)
    if _find(session, username) is not None:
        raise AccountError(f"用户名“{username}”已被使用。")
    try:
        display_name = (fields.ACCOUNT_DISPLAY_NAME.clean(display_name)
                        or username[:fields.ACCOUNT_DISPLAY_NAME.max_length])
    except fields.FieldError as exc:
        raise AccountError(str(exc)) from None
    _check_password(password)
    org = _org(session, org_id)
    if actor is not None:
        actor.require_access(org.path)
    if role is Role.CITY_ADMIN and org.parent_id is not None:
        raise AccountError("市级管理员的机构应为市（组织架构树的根）。")
    user = AdminUser(username=username, display_name=display_name, password_hash=HASHER.hash(password),
                     role=role.value, org_id=org.id, active=True, failed_attempts=0,
                     updated_by=actor.username if actor else username)
    session.add(user)
    session.flush()
    audit.record(session, actor.username if actor else username, "account.create", username,
                 {"role": role.value, "org": org.path})
    uow.commit()
    return _info(user, org.path)


def sign_in(session: Session, username: str, password: str, *, now: dt.datetime | None = None) -> Actor:
    """Check the password; the caller commits either way (the attempt is recorded)."""
    user = _find(session, username)
    seen_hash, matches = None, False
    if user is not None and user.active and not _locked(user, now or utc_now()):
        seen_hash = user.password_hash
        matches = _matches(seen_hash, password)  # slow on purpose: before the write lock, not under it
    user = _settle(session, username, matches, now=now, recheck=lambda fresh: (
        matches if fresh.password_hash == seen_hash else _matches(fresh.password_hash, password)))
    if user.password_hash and HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = HASHER.hash(password)
    return actor_for(session, user)


def sign_in_elsewhere(session: Session, username: str, accepted: bool, *, via: str,
                      now: dt.datetime | None = None) -> AccountInfo | None:
    """A sign-in whose password another system checked (``via``: the central database).

    The local lockout holds all the same: a locked account is refused whatever the answer,
    a refused password counts towards the lockout, an accepted one clears the count. Returns
    the local account (None when this desk does not have it yet); the caller commits either way.
    """
    name = normalise_text(username).lower() or "?"
    if _find(session, username) is None:
        lock_for_writing(session)
        if not accepted:
            audit.record(session, name, "auth.sign_in", name, {"via": via, "reason": "wrong password"},
                         outcome="failed")
            raise SignInError("用户名或密码错误。")
        audit.record(session, name, "auth.sign_in", name, {"via": via})
        return None
    user = _settle(session, username, accepted, now=now, via=via)
    return _info(user, _org(session, user.org_id).path)


def refuse_if_locked(session: Session, username: str, *, now: dt.datetime | None = None) -> None:
    """Before a password is sent to another system: a locally locked account goes no further
    (the refusal is audited; the caller commits)."""
    now = now or utc_now()
    name = normalise_text(username).lower() or "?"
    user = _find(session, username)
    if user is not None and _locked(user, now):
        lock_for_writing(session)
        audit.record(session, name, "auth.sign_in", name, {"reason": "locked"}, outcome="locked")
        raise SignInError(_locked_message(user, now))


def _settle(session: Session, username: str, matches: bool, *, now: dt.datetime | None, via: str | None = None,
            recheck=None, action: str = "auth.sign_in") -> AdminUser:
    """The outcome of one attempt, decided and recorded under the write lock: the account as it
    is now (another process may have counted a failure or locked it since it was first read)."""
    name = normalise_text(username).lower() or "?"
    extra = {"via": via} if via else {}
    lock_for_writing(session)
    now = now or utc_now()  # after the wait for the lock: the time the decision is made
    user = _find(session, username, fresh=True)
    if user is None or not user.active:
        audit.record(session, name, action, name, {**extra, "reason": "unknown or inactive"},
                     outcome="failed")
        raise SignInError("用户名或密码错误。")
    if _locked(user, now):
        audit.record(session, name, action, name, {**extra, "reason": "locked"}, outcome="locked")
        raise SignInError(_locked_message(user, now))
    if recheck is not None:
        matches = recheck(user)  # the password changed in between: checked against the new one
    if not matches:
        user.failed_attempts = (user.failed_attempts or 0) + 1
        left = MAX_FAILED - user.failed_attempts
        if left <= 0:
            user.locked_until = now + dt.timedelta(minutes=LOCK_MINUTES)
            user.failed_attempts = 0
            audit.record(session, name, action, name, {**extra, "reason": "wrong password, locked"},
                         outcome="locked")
            raise SignInError(f"密码错误。已连续输错 {MAX_FAILED} 次，账户锁定 {LOCK_MINUTES} 分钟。")
        audit.record(session, name, action, name, {**extra, "reason": "wrong password", "left": left},
                     outcome="failed")
        raise SignInError(f"用户名或密码错误（再错 {left} 次将锁定 {LOCK_MINUTES} 分钟）。")
    if user.failed_attempts or user.locked_until is not None:
        user.failed_attempts, user.locked_until = 0, None
    audit.record(session, name, action, name, extra or None)
    return user


def check_password(uow: UnitOfWork | Session, actor: Actor, password: str, *,
                   now: dt.datetime | None = None) -> bool:
    """Unlocking the idle-locked window: the signed-in user's password again. Counted and
    audited like a sign-in, so an unattended locked window cannot be guessed open: the fifth
    wrong password locks the account. Raises ``SignInError`` (the message to show); the
    attempt is committed either way."""
    uow = unit_of(uow)
    session = uow.session
    user = _find(session, actor.username)
    seen_hash, matches = None, False
    if user is not None and user.active and not _locked(user, now or utc_now()):
        seen_hash = user.password_hash
        matches = _matches(seen_hash, password)
    try:
        _settle(session, actor.username, matches, now=now, action="auth.unlock_screen", recheck=lambda fresh: (
            matches if fresh.password_hash == seen_hash else _matches(fresh.password_hash, password)))
    except SignInError:
        uow.commit()  # the failure counts towards the lockout and is audited
        raise
    uow.commit()
    return True


def change_password(uow: UnitOfWork | Session, actor: Actor, old: str, new: str) -> None:
    """A wrong old password is refused and audited (committed); other refusals change nothing."""
    uow = unit_of(uow)
    session = uow.session
    user = _find(session, actor.username)
    if user is None:
        raise AccountError("账户不存在。")
    if not _matches(user.password_hash, old):
        audit.record(session, actor.username, "account.password", actor.username, outcome="failed")
        uow.commit()
        raise AccountError("原密码不正确。")
    _check_password(new)
    if old == new:
        raise AccountError("新密码不能与原密码相同。")
    user.password_hash = HASHER.hash(new)
    user.updated_by = actor.username
    audit.record(session, actor.username, "account.password", actor.username)
    uow.commit()


def _managed(session: Session, actor: Actor, username: str, doing: str) -> AdminUser:
    actor.require_role(Role.CITY_ADMIN, doing=doing)
    user = _find(session, username)
    if user is None:
        raise AccountError(f"没有用户名为“{username}”的账户。")
    actor.require_access(_org(session, user.org_id).path)
    return user


def reset_password(uow: UnitOfWork | Session, actor: Actor, username: str, new: str) -> None:
    uow = unit_of(uow)
    session = uow.session
    user = _managed(session, actor, username, "重置他人密码")
    _check_password(new)
    user.password_hash = HASHER.hash(new)
    user.failed_attempts, user.locked_until = 0, None
    user.updated_by = actor.username
    audit.record(session, actor.username, "account.reset_password", user.username)
    uow.commit()


def unlock(uow: UnitOfWork | Session, actor: Actor, username: str) -> None:
    uow = unit_of(uow)
    session = uow.session
    user = _managed(session, actor, username, "解锁账户")
    user.failed_attempts, user.locked_until = 0, None
    user.updated_by = actor.username
    audit.record(session, actor.username, "account.unlock", user.username)
    uow.commit()


def list_accounts(session: Session, actor: Actor) -> list[AccountInfo]:
    actor.require_role(Role.CITY_ADMIN, Role.AUDITOR, doing="查看账户")
    rows = session.execute(select(AdminUser, Org.path).join(Org, Org.id == AdminUser.org_id)
                           .where(AdminUser.deleted_at.is_(None)).order_by(AdminUser.username))
    return [AccountInfo(u.id, u.username, u.display_name, Role(u.role), u.org_id, path, u.active, u.locked_until,
                        u.failed_attempts or 0)
            for u, path in rows if actor.may_access(path)]
