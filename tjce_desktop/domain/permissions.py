"""Who may write what: one table for the whole system.

The desk checks it before a change is stored (``storage/outbox.py``), and the central
database is given the same rows (``sync_permission``): its push function judges every
mutation by them, so an edited outbox or a hand-made call gains nothing. Reading is decided
by row-level security (``sync/central_schema.py``).

A grant names a table, the roles, the operations, the fields (None: every field) and how the
row must relate to the login:

- ``subtree``: the row, before and after the change, lies in the login's org subtree (a row
  of reference data — plans, courses, exams — lies at the root, so only city-wide logins
  reach it);
- ``self``: the login's own account row;
- ``any``: a fact about the installation, with no org (its signing key).
"""

from __future__ import annotations

from dataclasses import dataclass

from tjce_desktop.domain.enums import Role
from tjce_desktop.domain.errors import UserError

INSERT, UPDATE, DELETE = "insert", "update", "delete"
ALL_OPERATIONS = (INSERT, UPDATE, DELETE)
OPERATION_LABELS = {INSERT: "新增", UPDATE: "修改", DELETE: "删除"}
# The synced tables as users call them.
TABLE_LABELS = {
    "org": "组织机构", "admin_user": "管理员账户", "training_plan": "培训计划", "course": "课程", "exam": "考试",
    "signing_key": "签发密钥", "certificate_numbering": "证书编号规则", "trainee": "学员", "stamp_batch": "盖章批次",
    "enrollment": "学习档案", "course_progress": "课程学习记录", "exam_attempt": "考试记录",
    "certificate": "继续教育证书",
    "certificate_registration": "证书登记", "certificate_reissue": "证书补发记录", "other_learning": "其他学习",
    "title_change": "职称变更", "trust_statement": "签发认证", "issued_sheet": "已签发档案",
    "recognition_rule": "学时认定折算标准", "recognised_hours": "学时认定",
    "hour_rule": "学时规定",
}

CITY = Role.CITY_ADMIN
UNIT = Role.UNIT_SUPERVISOR
CLERK = Role.REGISTRATION_CLERK
AUDITOR = Role.AUDITOR
EDITORS = (CITY, UNIT)  # trainees and their archives
DESK = (CITY, UNIT, CLERK)  # the certificate desk


class WriteRefused(UserError, PermissionError):
    """A change the signed-in role may not make; ``str()`` is the Chinese message."""


@dataclass(frozen=True)
class Grant:
    table: str
    roles: tuple[Role, ...]
    operations: tuple[str, ...] = ALL_OPERATIONS
    fields: frozenset[str] | None = None
    scope: str = "subtree"


_LOCKOUT = frozenset({"failed_attempts", "locked_until"})

GRANTS: tuple[Grant, ...] = (
    # The shape of the tree is the city's; a unit sets only the seal image of its own orgs.
    Grant("org", (CITY,)),
    Grant("org", (UNIT,), (UPDATE,), frozenset({"seal_image"})),
    # Accounts are made by the city; everyone changes their own password and records their own
    # failed sign-ins (lockout); a training officer's desk also those of its subtree.
    Grant("admin_user", (CITY,)),
    Grant("admin_user", (UNIT, CLERK, AUDITOR), (UPDATE,), frozenset({"password_hash"}) | _LOCKOUT, "self"),
    Grant("admin_user", (UNIT,), (UPDATE,), _LOCKOUT),
    # Reference data: the city only.
    Grant("training_plan", (CITY,)),
    Grant("course", (CITY,)),
    Grant("exam", (CITY,)),
    Grant("hour_rule", (CITY,)),  # the year's study-hour rules (市人力社保局's yearly document)
    # The numbering rule is the city's; issuing a certificate counts on (and creates the
    # counter of an org that has none, with the default rule).
    Grant("certificate_numbering", (CITY,)),
    Grant("certificate_numbering", (UNIT, CLERK), (INSERT,)),
    Grant("certificate_numbering", (UNIT, CLERK), (UPDATE,), frozenset({"next_seq"})),
    # Every installation that prints registers its public key; only the city revokes one.
    Grant("signing_key", (CITY, UNIT, CLERK, AUDITOR), (INSERT,), scope="any"),
    Grant("signing_key", (CITY,), (UPDATE,), frozenset({"revoked_at"}), "any"),
    # Certificates and revocations of keys (trust_statement) are the root key holder's alone:
    # written with the owner's login, no grant here. A printed sheet is recorded by whoever
    # may print it, so its short code can be looked up.
    Grant("issued_sheet", (CITY, UNIT, AUDITOR), (INSERT,)),
    # Trainees and their learning archives: the training officers of the subtree.
    Grant("trainee", EDITORS),
    Grant("trainee", (CLERK,), (UPDATE,), frozenset({"title_level", "high_tech"})),  # 登记职称变动
    Grant("stamp_batch", EDITORS),
    Grant("enrollment", EDITORS),
    Grant("course_progress", EDITORS),
    Grant("exam_attempt", EDITORS),
    # The certificate desk.
    Grant("certificate", DESK),
    Grant("certificate_registration", DESK),
    Grant("certificate_reissue", DESK),
    Grant("other_learning", DESK),
    Grant("title_change", DESK),
    # 学时认定: the conversion table is the city's; an entry is recorded at a desk and decided
    # there by another account (the central trigger holds the four eyes, whatever a desk sends).
    Grant("recognition_rule", (CITY,)),
    Grant("recognised_hours", DESK, (INSERT,)),
    Grant("recognised_hours", DESK, (UPDATE,),
          frozenset({"status", "hours", "decided_by", "decided_at", "reject_reason", "deleted_at"})),
)


def grants_for(role: Role, table: str, operation: str) -> list[Grant]:
    return [g for g in GRANTS if g.table == table and role in g.roles and operation in g.operations]


def refusal(role: Role, table: str, operation: str, fields: set[str] | frozenset[str],
            table_label: str | None = None) -> str | None:
    """Why ``role`` may not make this change (the fields changed), or None when some grant
    allows it. The scope of the row is checked by the caller (the services' Actor, the
    central push function)."""
    label = table_label or table
    grants = grants_for(role, table, operation)
    if not grants:
        return f"“{role.label}”不能{OPERATION_LABELS.get(operation, operation)}{label}。"
    if any(g.fields is None or set(fields) <= g.fields for g in grants):
        return None
    allowed = set().union(*(g.fields or set() for g in grants))
    denied = "、".join(sorted(set(fields) - allowed))
    return f"“{role.label}”不能修改{label}的这些字段：{denied}。"
