"""调入: a unit officer claims a person registered in another unit once that unit marked them 离职.

The rule (chosen over a request the other unit approves: no queue nobody looks at, and the
other unit's 离职/调出 is already its decision to let the person go):

- A person is registered once in the city (the ID number is unique). While they are 在职 in
  another unit, nobody outside that unit's scope may move them; once that unit marks them
  离职/调出, any officer may claim them into an org of their own scope: the person becomes
  在职 there, and their archives (学习档案, with their stamps), certificates, registrations
  and hours follow them (``copy_trainee_scope_to_archives``; centrally the trainee trigger).
  The stamp batches stay the old unit's: history is kept, the old seal stays on old sheets.
- The central database accepts a claim only for a 离职 person (``tjce_claim_trainee`` and the
  judge's claim rule in ``sync/central_judge.py``); a sibling's raw login cannot move an 在职
  person.
- Messages never show a name, login or org outside the officer's scope: "该身份证号已在其他单位登记".
- Audited as ``trainee.transfer_in`` with both org paths (the entry is in the log every unit
  of this database reads; a desk bound to a central database records it on the claiming desk,
  and the old unit's desks see the person leave their scope at the next sync).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from tjce_desktop.domain.errors import UserError
from tjce_desktop.domain.id_number import IdNumberError, mask_id_number, parse_id_number
from tjce_desktop.services import audit
from tjce_desktop.services.actor import TRAINEE_EDITORS, Actor
from tjce_desktop.services.orgs import full_name_of
from tjce_desktop.storage.derived import copy_trainee_scope_to_archives
from tjce_desktop.storage.models import Enrollment, Org, Trainee
from tjce_desktop.storage.unit_of_work import UnitOfWork

REGISTERED_ELSEWHERE = "该身份证号已在其他单位登记"
LOGIN_TAKEN_ELSEWHERE = "该学员姓名（登录名）已被其他单位的学员使用，请换一个登录名。"


class TransferRefused(UserError):
    """The claim cannot be made; ``str()`` is the Chinese message (nothing of another scope in it)."""


def registered_elsewhere(trainee: Trainee) -> str:
    """What an officer may be told about a person registered outside their scope."""
    if trainee.active:
        return f"{REGISTERED_ELSEWHERE}（在职）：请原单位先办理离职/调出，再用学员管理的“调入”。"
    return f"{REGISTERED_ELSEWHERE}，原单位已办理离职/调出：可用学员管理的“调入”转入本单位。"


@dataclass(frozen=True, slots=True)
class TransferResult:
    trainee_id: uuid.UUID | None  # None: claimed on the central database, arrives with the next sync
    real_name: str
    target_full_name: str
    archives: int


def _target(session: Session, actor: Actor, org_id: uuid.UUID) -> Org:
    target = session.get(Org, org_id)
    if target is None or target.deleted_at is not None:
        raise TransferRefused("找不到调入的机构。")
    if not actor.may_access(target.path):
        raise TransferRefused("调入的机构不在您的管辖范围内。")
    return target


def _id_number(text: str) -> str:
    try:
        return parse_id_number(text).value
    except IdNumberError as exc:
        raise TransferRefused(f"身份证号：{exc}") from None


def claim_trainee(uow: UnitOfWork, actor: Actor, id_number: str, target_org_id: uuid.UUID) -> TransferResult:
    """Claim the person with ``id_number`` into ``target_org_id`` (in the actor's scope)."""
    actor.require_role(*TRAINEE_EDITORS, doing="调入学员")
    session = uow.session
    number = _id_number(id_number)
    target = _target(session, actor, target_org_id)
    trainee = session.scalar(select(Trainee).where(Trainee.id_number == number, Trainee.deleted_at.is_(None)))
    if trainee is None:
        raise TransferRefused("本机没有该身份证号的学员：请直接“添加学员”。")
    if actor.may_access(trainee.org_path):
        raise TransferRefused(f"该学员已在您的管辖范围内（{full_name_of(session, trainee.org_id)}），"
                              "如需换机构请用“调整组织机构”。")
    if trainee.active:
        raise TransferRefused(registered_elsewhere(trainee))
    old_path = trainee.org_path
    trainee.org_id, trainee.org_path = target.id, target.path
    trainee.active, trainee.left_on = True, None
    trainee.updated_by = actor.username
    copy_trainee_scope_to_archives(session, [trainee])
    archives = _archive_count(session, trainee.id)
    audit.record(session, actor.username, "trainee.transfer_in", f"trainee:{trainee.id}",
                 {"id_number": mask_id_number(number), "from": old_path, "to": target.path, "archives": archives})
    result = TransferResult(trainee.id, trainee.real_name, full_name_of(session, target.id), archives)
    uow.commit()
    return result


def _archive_count(session: Session, trainee_id: uuid.UUID) -> int:
    return session.scalar(select(func.count()).select_from(Enrollment)
                          .where(Enrollment.trainee_id == trainee_id, Enrollment.deleted_at.is_(None))) or 0


_CENTRAL_ANSWERS = {
    "not_found": "中心数据库中没有该身份证号的学员：请直接“添加学员”。",
    "in_scope": "该学员已在您的管辖范围内，同步后即可在学员管理中看到。",
    "active": f"{REGISTERED_ELSEWHERE}（在职）：请原单位先办理离职/调出，再办理调入。",
    "org": "调入的机构不在您的管辖范围内。",
    "role": "您的账户不能调入学员。",
}


def claim_on_central(uow: UnitOfWork, central: Engine, actor: Actor, id_number: str,
                     target_org_id: uuid.UUID) -> TransferResult:
    """A desk bound to a central database claims there (the person is not on this desk: another
    unit's rows are not synced here); the person and their archives arrive with the next sync."""
    from tjce_desktop.sync.central import central_errors
    from tjce_desktop.sync.central_claim import claim

    actor.require_role(*TRAINEE_EDITORS, doing="调入学员")
    number = _id_number(id_number)
    target = _target(uow.session, actor, target_org_id)
    with central_errors(central), central.begin() as connection:
        answer, archives = claim(connection, number, target.id)
    if answer != "claimed":
        raise TransferRefused(_CENTRAL_ANSWERS.get(answer, "中心数据库拒绝了调入。"))
    audit.record(uow.session, actor.username, "trainee.transfer_in", f"org:{target.id}",
                 {"id_number": mask_id_number(number), "to": target.path, "archives": archives, "central": True})
    result = TransferResult(None, "", full_name_of(uow.session, target.id), archives)
    uow.commit()
    return result


def transfer_in(uow: UnitOfWork, actor: Actor, id_number: str, target_org_id: uuid.UUID, *,
                central: Callable[[], Engine | None] | None = None) -> TransferResult:
    """调入 wherever the person is: on this database when they are here, else — on a desk bound
    to a central database (``central`` gives its engine, or None when it cannot) — there."""
    number = _id_number(id_number)
    here = uow.session.scalar(select(Trainee.id).where(Trainee.id_number == number, Trainee.deleted_at.is_(None)))
    engine = central() if here is None and central is not None else None
    if engine is not None:
        return claim_on_central(uow, engine, actor, number, target_org_id)
    if here is None and central is not None:
        raise TransferRefused("本机没有该身份证号的学员；本机绑定了中心数据库，请先在“同步/冲突”页登录同步，"
                              "再办理调入。")
    return claim_trainee(uow, actor, number, target_org_id)
