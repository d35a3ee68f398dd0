"""盖章: stamp finished archives in batches, and revoke a batch with a reason.

Stamping is idempotent by construction: only finished, unstamped archives are stamped; the
rest are skipped and listed with the reason, so a second run over the same selection makes
no second stamp (and no empty batch).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tjce_desktop.domain.enums import LearningStatus, Role, StampStatus
from tjce_desktop.domain.errors import UserError
from tjce_desktop.domain.task_state import TaskState
from tjce_desktop.services import audit, fields
from tjce_desktop.services.actor import TRAINEE_EDITORS, Actor, ScopeError
from tjce_desktop.services.orgs import actor_org
from tjce_desktop.storage.models import Enrollment, Org, StampBatch, Trainee, TrainingPlan, utc_now
from tjce_desktop.storage.unit_of_work import UnitOfWork, unit_of

STAMPING_ROLES = TRAINEE_EDITORS
_CHUNK = 500


class StampError(UserError, ValueError):
    """The stamp cannot be made or revoked; ``str()`` is the Chinese message."""


@dataclass(frozen=True, slots=True)
class Skipped:
    enrollment_id: str
    name: str
    plan: str
    reason: str


@dataclass(frozen=True, slots=True)
class StampOutcome:
    batch_id: uuid.UUID | None = None
    stamped: int = 0
    skipped: tuple[Skipped, ...] = ()

    def as_dict(self) -> dict:
        return {"batch": self.batch_id.hex if self.batch_id else None, "stamped": self.stamped,
                "skipped": [{"archive": s.enrollment_id, "name": s.name, "plan": s.plan, "reason": s.reason}
                            for s in self.skipped]}


def _seal_org(session: Session, actor: Actor, seal_org_id: uuid.UUID | None) -> Org:
    if seal_org_id is None:
        org = actor_org(session, actor)
    else:
        org = session.get(Org, seal_org_id)
    if org is None or org.deleted_at is not None:
        raise StampError("找不到盖章机构，请先在机构树中选择用哪个机构的公章。")
    actor.require_access(org.path)
    return org


@dataclass(frozen=True, slots=True)
class BatchInfo:
    """The stamp batch an archive was stamped in."""

    id: uuid.UUID
    stamped_at: dt.datetime
    archive_count: int
    org_name: str


def batch_of_archive(session: Session, enrollment_id: str | uuid.UUID) -> BatchInfo | None:
    """The batch that stamped an archive (``enrollment_id``: its key), or None when unstamped."""
    key = enrollment_id if isinstance(enrollment_id, uuid.UUID) else uuid.UUID(hex=enrollment_id)
    row = session.execute(
        select(StampBatch.id, StampBatch.stamped_at, StampBatch.archive_count, Org.name)
        .join(Enrollment, Enrollment.stamp_batch_id == StampBatch.id)
        .join(Org, Org.id == StampBatch.org_id)
        .where(Enrollment.id == key)).first()
    return None if row is None else BatchInfo(row.id, row.stamped_at, row.archive_count, row.name)


def stamp_archives(uow: UnitOfWork | Session, actor: Actor, archive_ids: Sequence[str], *,
                   seal_org_id: uuid.UUID | None = None, method: str = "electronic",
                   state: TaskState | None = None) -> StampOutcome:
    """Stamp the finished, unstamped archives among ``archive_ids`` (hex keys)."""
    uow = unit_of(uow)
    session = uow.session
    actor.require_role(*STAMPING_ROLES, doing="盖章")
    state = state or TaskState()
    org = _seal_org(session, actor, seal_org_id)
    skipped: list[Skipped] = []
    batch_id, stamped = None, 0
    to_stamp: list[uuid.UUID] = []
    unique_ids = list(dict.fromkeys(archive_ids))
    for start in range(0, len(unique_ids), _CHUNK):
        state.check()
        chunk = [uuid.UUID(hex=value) for value in unique_ids[start:start + _CHUNK]]
        rows = session.execute(
            select(Enrollment.id, Enrollment.org_path, Enrollment.status, Enrollment.stamp_status,
                   Enrollment.deleted_at, Trainee.real_name, TrainingPlan.name)
            .join(Trainee, Trainee.id == Enrollment.trainee_id)
            .join(TrainingPlan, TrainingPlan.id == Enrollment.plan_id)
            .where(Enrollment.id.in_(chunk))
        ).all()
        found = {row.id for row in rows}
        for missing in chunk:
            if missing not in found:
                skipped.append(Skipped(missing.hex, "", "", "档案不存在"))
        for row in rows:
            if not actor.may_access(row.org_path) or not row.org_path.startswith(org.path):
                raise ScopeError(f"{row.real_name}的档案不在{org.name}的管辖范围内，不能用该机构的公章。")
            if row.deleted_at is not None:
                reason = "档案已删除"
            elif row.status != LearningStatus.FINISHED.value:
                reason = "尚未学完"
            elif row.stamp_status == StampStatus.STAMPED.value:
                reason = "已盖章"
            else:
                to_stamp.append(row.id)
                continue
            skipped.append(Skipped(row.id.hex, row.real_name, row.name, reason))
        state.report(min(1.0, (start + len(chunk)) / len(unique_ids)), "正在检查学习档案…")
    if to_stamp:
        now = utc_now()
        batch = StampBatch(org_id=org.id, method=method, stamped_by=actor.username, stamped_at=now,
                           archive_count=len(to_stamp), updated_by=actor.username)
        session.add(batch)
        session.flush()
        for archive in _load(session, to_stamp):
            archive.stamp_status = StampStatus.STAMPED.value
            archive.stamp_batch_id = batch.id
            archive.stamped_at = now
            archive.updated_by = actor.username
        batch_id, stamped = batch.id, len(to_stamp)
    audit.record(session, actor.username, "archive.stamp", org.name,
                 {"batch": batch_id, "method": method, "stamped": stamped, "skipped": len(skipped)})
    uow.commit()
    return StampOutcome(batch_id, stamped, tuple(skipped))


def _load(session: Session, ids: list[uuid.UUID]):
    for start in range(0, len(ids), _CHUNK):
        yield from session.scalars(select(Enrollment).where(Enrollment.id.in_(ids[start:start + _CHUNK])))


def revoke_batch(uow: UnitOfWork | Session, actor: Actor, batch_id: uuid.UUID, reason: str) -> int:
    """Revoke a stamp batch: its archives become unstamped again. Returns how many."""
    uow = unit_of(uow)
    session = uow.session
    actor.require_role(*STAMPING_ROLES, doing="撤销盖章")
    try:
        reason = fields.REVOKE_REASON.clean(reason)
    except fields.FieldError as exc:
        raise StampError(str(exc)) from None
    if not reason:
        raise StampError("撤销盖章必须填写原因。")
    batch = session.get(StampBatch, batch_id)
    if batch is None or batch.deleted_at is not None:
        raise StampError("找不到该盖章批次。")
    org = session.get(Org, batch.org_id)
    assert org is not None  # a batch's org (a foreign key)
    actor.require_access(org.path)
    if batch.revoked_at is not None:
        raise StampError(f"该批次已于 {batch.revoked_at:%Y-%m-%d %H:%M} 由 {batch.revoked_by} 撤销。")
    batch.revoked_at, batch.revoked_by, batch.revoke_reason = utc_now(), actor.username, reason
    batch.updated_by = actor.username
    archives = list(session.scalars(select(Enrollment).where(Enrollment.stamp_batch_id == batch_id)))
    for archive in archives:
        archive.stamp_status = StampStatus.UNSTAMPED.value
        archive.stamp_batch_id = None
        archive.stamped_at = None
        archive.updated_by = actor.username
    audit.record(session, actor.username, "archive.unstamp", org.name,
                 {"batch": batch_id, "archives": len(archives), "reason": reason})
    uow.commit()
    return len(archives)


def set_seal_image(uow: UnitOfWork | Session, actor: Actor, org_id: uuid.UUID, png: bytes | None) -> None:
    """An org's seal image: a PNG (transparency kept) or None to use the drawn seal."""
    uow = unit_of(uow)
    session = uow.session
    actor.require_role(Role.CITY_ADMIN, Role.UNIT_SUPERVISOR, doing="设置公章图片")
    org = session.get(Org, org_id)
    if org is None:
        raise StampError("机构不存在。")
    actor.require_access(org.path)
    if png is not None:
        if not png.startswith(b"\x89PNG\r\n\x1a\n"):
            raise StampError("公章图片必须是 PNG 文件（支持透明背景）。")
        if len(png) > 2_000_000:
            raise StampError("公章图片不能超过 2 MB。")
    org.seal_image = png
    org.updated_by = actor.username
    audit.record(session, actor.username, "org.seal", org.name, {"bytes": len(png) if png else 0})
    uow.commit()

