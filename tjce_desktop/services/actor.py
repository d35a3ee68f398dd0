"""Who acts: their name for the audit log and the org subtree they may see and change."""

from __future__ import annotations

from dataclasses import dataclass

from tjce_desktop.domain.enums import Role
from tjce_desktop.domain.errors import UserError


class ScopeError(UserError, PermissionError):
    """A record or org outside the actor's 管辖范围; ``str()`` is the Chinese message."""


@dataclass(frozen=True, slots=True)
class Actor:
    username: str
    scope_path: str = "/"  # materialised org path; "/" is the whole tree
    may_see_full_id_numbers: bool = False
    role: Role = Role.CITY_ADMIN

    def may_access(self, path: str) -> bool:
        return path.startswith(self.scope_path)

    def require_access(self, path: str) -> None:
        if not self.may_access(path):
            raise ScopeError("该机构或记录不在您的管辖范围内。")

    def require_role(self, *roles: Role, doing: str) -> None:
        if self.role not in roles:
            raise ScopeError(f"“{self.role.label}”角色不能{doing}。")

    def scope(self, path: str) -> Scope:
        """``path`` as a scope this actor may read: what every read service takes."""
        self.require_access(path)
        return Scope(path, self)


class Scope(str):
    """An org path checked against an actor (``Actor.scope``); read services refuse plain
    strings, so nothing reads a subtree without knowing for whom."""

    actor: Actor

    def __new__(cls, path: str, actor: Actor) -> Scope:
        value = super().__new__(cls, path)
        value.actor = actor
        return value


def require_scope(value: object) -> Scope:
    if not isinstance(value, Scope) or not value.actor.may_access(value):
        raise ScopeError("未指明由谁、在哪个管辖范围内读取数据。")
    return value


# Roles that change trainees and their archives (学员管理, imports, stamping).
TRAINEE_EDITORS = (Role.CITY_ADMIN, Role.UNIT_SUPERVISOR)

# Until accounts exist (the accounts issue), the local desk acts as one administrator of
# the whole tree; tables still mask ID numbers, and a full export is asked for explicitly
# and audited.
LOCAL_ADMIN = Actor(username="local-admin", may_see_full_id_numbers=True)
