"""盖章: stamp finished archives in batches, and revoke a batch with a reason.

Stamping is idempotent by construction: only finished, unstamped archives are stamped; the
rest are skipped and listed with the reason, so a second run over the same selection makes
no second stamp (and no empty batch).

Only a unit has a seal: a 部门 stamps with the seal of its nearest enclosing org that is not
a department (``seal_for``), and the confirmation and the printed sheet name that unit. Each
batch gets a number people can read and say (``domain/batch_number.py``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tjce_desktop.domain import batch_number
from tjce_desktop.domain.enums import LearningStatus, OrgKind, Role, StampStatus
from tjce_desktop.domain.errors import UserError
from tjce_desktop.domain.task_state import TaskState
from tjce_desktop.services import audit, fields
from tjce_desktop.services.actor import TRAINEE_EDITORS, Actor, ScopeError
from tjce_desktop.services.orgs import actor_org, full_name_of
from tjce_desktop.storage import trust_store
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
    batch_number: str = ""  # GZ-2026-7KQ3M-000123
    seal_name: str = ""  # the unit whose seal was used

    def as_dict(self) -> dict:
        return {"batch": self.batch_number or None, "batch_id": self.batch_id.hex if self.batch_id else None,
                "seal": self.seal_name, "stamped": self.stamped,
                "skipped": [{"archive": s.enrollment_id, "name": s.name, "plan": s.plan, "reason": s.reason}
                            for s in self.skipped]}


@dataclass(frozen=True, slots=True)
class Seal:
    """Whose seal a stamp of the chosen org uses: the org itself, or — for a 部门 — its unit."""

    org_id: uuid.UUID
    name: str  # the sealed org's own name, as the seal reads
    full_name: str
    chosen_name: str  # the org chosen in the tree
    via_department: bool  # the chosen org is a department: its unit's seal

    def confirmation(self) -> str:
        said = f"将以『{self.full_name}』的公章盖章"
        return f"『{self.chosen_name}』是部门，没有公章：{said}。" if self.via_department else f"{said}。"


def sealed_unit(session: Session, org: Org) -> Org | None:
    """The org itself when it may hold a seal (any kind but a department), else the nearest
    enclosing one; None when only departments lie above it."""
    current: Org | None = org
    seen: set[uuid.UUID] = set()
    while current is not None and current.id not in seen:
        if current.kind != OrgKind.DEPARTMENT.value and current.deleted_at is None:
            return current
        seen.add(current.id)
        current = session.get(Org, current.parent_id) if current.parent_id else None
    return None


def seal_for(session: Session, actor: Actor, org_id: uuid.UUID | None) -> Seal:
    """The seal a stamp chosen at ``org_id`` (None: the account's own org) would carry, or a
    StampError in Chinese saying why there is none the account may use."""
    chosen = actor_org(session, actor) if org_id is None else session.get(Org, org_id)
    if chosen is None or chosen.deleted_at is not None:
        raise StampError("找不到盖章机构，请先在机构树中选择用哪个机构的公章。")
    actor.require_access(chosen.path)
    unit = sealed_unit(session, chosen)
    if unit is None:
        raise StampError(f"『{chosen.name}』及其上级机构都没有公章（部门不能盖章），不能盖章。")
    if not actor.may_access(unit.path):
        raise StampError(f"『{chosen.name}』是部门，没有公章；盖章要用其所属单位『{unit.name}』的公章，"
                         "而该单位不在您的管辖范围内，请由单位的培训主管盖章。")
    return Seal(unit.id, unit.name, full_name_of(session, unit.id), chosen.name, unit.id != chosen.id)


def _next_number(session: Session, year: int) -> str:
    """This desk's next batch number of ``year`` (its code from the installation id)."""
    desk = batch_number.desk_code(trust_store.installation_id(session.connection()))
    start = batch_number.prefix(year, desk)
    last = session.scalar(select(func.max(StampBatch.number))
                          .where(StampBatch.number >= start, StampBatch.number < start + "\uffff"))
    return batch_number.make(year, desk, (batch_number.sequence_of(last) or 0) + 1 if last else 1)


@dataclass(frozen=True, slots=True)
class BatchInfo:
    """The stamp batch an archive was stamped in."""

    id: uuid.UUID
    stamped_at: dt.datetime
    archive_count: int
    org_name: str
    number: str = ""  # as shown: GZ-2026-7KQ3M-000123
    revoked: bool = False


def batch_of_archive(session: Session, enrollment_id: str | uuid.UUID) -> BatchInfo | None:
    """The batch that stamped an archive (``enrollment_id``: its key), or None when unstamped."""
    key = enrollment_id if isinstance(enrollment_id, uuid.UUID) else uuid.UUID(hex=enrollment_id)
    found = batches_of_archives(session, [key])
    return found[0] if found else None


def batches_of_archives(session: Session, enrollment_ids: Sequence[uuid.UUID | str]) -> list[BatchInfo]:
    """The batches that stamped any of these archives (keys, or their hex), oldest first, each once."""
    found: dict[uuid.UUID, BatchInfo] = {}
    ids = [key if isinstance(key, uuid.UUID) else uuid.UUID(hex=key) for key in enrollment_ids]
    for start in range(0, len(ids), _CHUNK):
        for row in session.execute(
            select(StampBatch.id, StampBatch.stamped_at, StampBatch.archive_count, StampBatch.number,
                   StampBatch.revoked_at, Org.name)
            .join(Enrollment, Enrollment.stamp_batch_id == StampBatch.id)
            .join(Org, Org.id == StampBatch.org_id)
            .where(Enrollment.id.in_(ids[start:start + _CHUNK])).distinct()
        ):
            found[row.id] = BatchInfo(row.id, row.stamped_at, row.archive_count, row.name,
                                      batch_number.shown(row.number, row.id, row.stamped_at),
                                      row.revoked_at is not None)
    return sorted(found.values(), key=lambda batch: (batch.stamped_at, batch.number))


def batch_of_id(session: Session, batch_id: uuid.UUID) -> str:
    """The number people read for the batch with this key ("" when there is none)."""
    batch = session.get(StampBatch, batch_id)
    return "" if batch is None else batch_number.shown(batch.number, batch.id, batch.stamped_at)


def find_batch(session: Session, text: str) -> uuid.UUID:
    """A batch by its number as a person types it (GZ-2026-7KQ3M-000123, or an older
    batch's GZ-2025-3F9A0C1B), or by its 32-digit key."""
    cleaned = batch_number.normalised(text)
    if len(cleaned) == 32 and all(ch in "0123456789ABCDEF" for ch in cleaned):
        return uuid.UUID(hex=cleaned)
    if not batch_number.looks_like_number(cleaned):
        raise StampError(f"“{text.strip()}”不是盖章批次号（形如 GZ-2026-7KQ3M-000123）。")
    ids = list(session.scalars(select(StampBatch.id).where(StampBatch.number == cleaned)))
    if not ids:  # an older batch: its number is made from its key
        ids = [batch.id for batch in session.execute(select(StampBatch.id, StampBatch.stamped_at)
                                                     .where(StampBatch.number.is_(None)))
               if batch_number.shown(None, batch.id, batch.stamped_at) == cleaned]
    if not ids:
        raise StampError(f"找不到盖章批次 {cleaned}。")
    if len(ids) > 1:
        raise StampError(f"有 {len(ids)} 个批次的编号都是 {cleaned}，请改用批次的 32 位编号。")
    return ids[0]


def stamp_archives(uow: UnitOfWork | Session, actor: Actor, archive_ids: Sequence[str], *,
                   seal_org_id: uuid.UUID | None = None, method: str = "electronic",
                   state: TaskState | None = None) -> StampOutcome:
    """Stamp the finished, unstamped archives among ``archive_ids`` (hex keys)."""
    uow = unit_of(uow)
    session = uow.session
    actor.require_role(*STAMPING_ROLES, doing="盖章")
    state = state or TaskState()
    seal = seal_for(session, actor, seal_org_id)
    org = session.get(Org, seal.org_id)
    assert org is not None  # seal_for found it
    skipped: list[Skipped] = []
    batch_id, stamped, number = None, 0, ""
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
        number = _next_number(session, now.year)
        batch = StampBatch(org_id=org.id, number=number, method=method, stamped_by=actor.username, stamped_at=now,
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
                 {"batch": number or None, "seal": seal.full_name, "method": method,
                  "stamped": stamped, "skipped": len(skipped)})
    uow.commit()
    return StampOutcome(batch_id, stamped, tuple(skipped), number, seal.full_name)


def _load(session: Session, ids: list[uuid.UUID]):
    for start in range(0, len(ids), _CHUNK):
        yield from session.scalars(select(Enrollment).where(Enrollment.id.in_(ids[start:start + _CHUNK])))


def revoke_batch(uow: UnitOfWork | Session, actor: Actor, batch_id: uuid.UUID, reason: str) -> int:
    """Revoke a stamp batch: its archives become unstamped again. Returns how many."""
    return revoke_batches(uow, actor, [batch_id], reason)


def revoke_batches(uow: UnitOfWork | Session, actor: Actor, batch_ids: Sequence[uuid.UUID], reason: str) -> int:
    """Revoke stamp batches together (all or none), each audited; returns the archives unstamped."""
    uow = unit_of(uow)
    session = uow.session
    actor.require_role(*STAMPING_ROLES, doing="撤销盖章")
    try:
        reason = fields.REVOKE_REASON.clean(reason)
    except fields.FieldError as exc:
        raise StampError(str(exc)) from None
    if not reason:
        raise StampError("撤销盖章必须填写原因。")
    total = sum(_revoke(session, actor, batch_id, reason) for batch_id in dict.fromkeys(batch_ids))
    uow.commit()
    return total


def _revoke(session: Session, actor: Actor, batch_id: uuid.UUID, reason: str) -> int:
    batch = session.get(StampBatch, batch_id)
    if batch is None or batch.deleted_at is not None:
        raise StampError("找不到该盖章批次。")
    org = session.get(Org, batch.org_id)
    assert org is not None  # a batch's org (a foreign key)
    actor.require_access(org.path)
    shown = batch_number.shown(batch.number, batch.id, batch.stamped_at)
    if batch.revoked_at is not None:
        raise StampError(f"批次 {shown} 已于 {batch.revoked_at:%Y-%m-%d %H:%M} 由 {batch.revoked_by} 撤销。")
    batch.revoked_at, batch.revoked_by, batch.revoke_reason = utc_now(), actor.username, reason
    batch.updated_by = actor.username
    archives = list(session.scalars(select(Enrollment).where(Enrollment.stamp_batch_id == batch_id)))
    for archive in archives:
        archive.stamp_status = StampStatus.UNSTAMPED.value
        archive.stamp_batch_id = None
        archive.stamped_at = None
        archive.updated_by = actor.username
    audit.record(session, actor.username, "archive.unstamp", org.name,
                 {"batch": shown, "archives": len(archives), "reason": reason})
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

