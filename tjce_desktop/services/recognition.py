"""学时认定 at the desk: the conversion table, entries recorded, approved by a second account.

An entry is computed from the city's conversion table (quantity × hours per unit, cut to what
is left of the kind's yearly cap) and waits as 待审核. It counts only once another account
approves it: then ``trainee_year_hours`` (``storage.derived``) takes it in the same
transaction, so the year card, ``tjce hours``, the compliance overview, registration and the
reports all count it with no code of their own. Every step is audited; a verified (frozen)
year takes no new entry and no decision.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tjce_desktop.domain.enums import CourseCategory, Role
from tjce_desktop.domain.errors import UserError
from tjce_desktop.domain.id_number import mask_id_number
from tjce_desktop.domain.recognition import RecognitionGroup, RecognitionStatus, capped_hours
from tjce_desktop.services import audit, fields
from tjce_desktop.services.actor import Actor, Scope, require_scope
from tjce_desktop.services.certificate_desk import DESK_ROLES, trainee_in_scope
from tjce_desktop.services.orgs import subtree_bounds
from tjce_desktop.storage.derived import refresh_year_hours
from tjce_desktop.storage.models import (
    CertificateRegistration,
    RecognisedHours,
    RecognitionRule,
    Trainee,
    utc_now,
)
from tjce_desktop.storage.unit_of_work import UnitOfWork, unit_of

FIRST_YEAR = 2002  # the 条例's first year: no hours before it


class RecognitionError(UserError, ValueError):
    """``str()`` is the Chinese message."""


# --- the conversion table ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RuleRow:
    id: uuid.UUID
    kind: str
    group: str  # label
    name: str
    unit: str
    hours_per_unit: float
    category: str  # label
    yearly_cap: float
    evidence: str
    is_default: bool
    active: bool


def _rule_row(rule: RecognitionRule) -> RuleRow:
    return RuleRow(rule.id, rule.kind, RecognitionGroup(rule.kind_group).label, rule.name, rule.unit,
                   rule.hours_per_unit, CourseCategory(rule.category).label, rule.yearly_cap, rule.evidence,
                   bool(rule.is_default), bool(rule.active))


def list_rules(session: Session, *, active_only: bool = False) -> list[RuleRow]:
    query = select(RecognitionRule).where(RecognitionRule.deleted_at.is_(None))
    if active_only:
        query = query.where(RecognitionRule.active.is_(True))
    return [_rule_row(r) for r in session.scalars(query.order_by(RecognitionRule.sort_order, RecognitionRule.kind))]


def _rule(session: Session, kind: str) -> RecognitionRule:
    rule = session.scalar(select(RecognitionRule).where(RecognitionRule.kind == kind.strip(),
                                                        RecognitionRule.deleted_at.is_(None)))
    if rule is None:
        known = "、".join(r.kind for r in session.scalars(
            select(RecognitionRule).where(RecognitionRule.deleted_at.is_(None)).order_by(RecognitionRule.sort_order)))
        raise RecognitionError(f"没有认定种类“{kind}”。可用的种类：{known}。")
    return rule


@dataclass(frozen=True, slots=True)
class RuleChange:
    hours_per_unit: float | None = None
    yearly_cap: float | None = None
    evidence: str | None = None
    category: CourseCategory | None = None
    name: str | None = None
    active: bool | None = None


def set_rule(uow: UnitOfWork | Session, actor: Actor, kind: str, change: RuleChange) -> RuleRow:
    """The 市级管理员 changes one kind of the table (the central database refuses anyone else)."""
    uow = unit_of(uow)
    session = uow.session
    actor.require_role(Role.CITY_ADMIN, doing="修改学时认定折算标准")
    rule = _rule(session, kind)
    before = {"hours_per_unit": rule.hours_per_unit, "yearly_cap": rule.yearly_cap, "evidence": rule.evidence,
              "category": rule.category, "name": rule.name, "active": rule.active}
    problems = []
    if change.hours_per_unit is not None:
        if not 0 < change.hours_per_unit <= 200:
            problems.append("每单位学时应大于 0、不超过 200。")
        else:
            rule.hours_per_unit = round(change.hours_per_unit, 1)
    if change.yearly_cap is not None:
        if not 0 < change.yearly_cap <= 200:
            problems.append("年度上限应大于 0、不超过 200 学时。")
        else:
            rule.yearly_cap = round(change.yearly_cap, 1)
    try:
        if change.evidence is not None:
            rule.evidence = fields.RECOGNITION_RULE_EVIDENCE.clean(change.evidence)
        if change.name is not None:
            rule.name = fields.RECOGNITION_RULE_NAME.clean(change.name)
    except fields.FieldError as exc:
        problems.append(str(exc))
    if problems:
        raise RecognitionError("".join(problems))
    if change.category is not None:
        rule.category = change.category.value
    if change.active is not None:
        rule.active = change.active
    after = {"hours_per_unit": rule.hours_per_unit, "yearly_cap": rule.yearly_cap, "evidence": rule.evidence,
             "category": rule.category, "name": rule.name, "active": rule.active}
    if after == before:
        raise RecognitionError(f"“{rule.name}”没有变化。")
    rule.is_default, rule.updated_by = False, actor.username
    audit.record(session, actor.username, "recognition.rule_set", f"recognition_rule:{rule.kind}",
                 {"before": before, "after": after})
    uow.commit()
    return _rule_row(rule)


# --- entries -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EntryRow:
    id: uuid.UUID
    trainee_id: uuid.UUID
    trainee_name: str
    id_number: str  # masked
    year: int
    kind: str
    kind_name: str
    unit: str
    title: str
    quantity: float
    claimed_hours: float
    hours: float
    category: str  # label
    evidence: str
    status: str  # RecognitionStatus value
    note: str | None
    recorded_by: str
    recorded_at: dt.datetime
    decided_by: str | None
    decided_at: dt.datetime | None
    reject_reason: str | None

    @property
    def status_label(self) -> str:
        return RecognitionStatus(self.status).label

    @property
    def counts(self) -> bool:
        return self.status == RecognitionStatus.APPROVED


def _entry_row(session: Session, entry: RecognisedHours) -> EntryRow:
    trainee = session.get(Trainee, entry.trainee_id)
    rule = session.get(RecognitionRule, entry.rule_id)
    return EntryRow(entry.id, entry.trainee_id, trainee.real_name if trainee else "", mask_id_number(
        trainee.id_number) if trainee else "", entry.year, entry.kind, rule.name if rule else entry.kind,
        rule.unit if rule else "", entry.title, entry.quantity, entry.claimed_hours, entry.hours,
        CourseCategory(entry.category).label, entry.evidence, entry.status, entry.note, entry.recorded_by,
        entry.recorded_at, entry.decided_by, entry.decided_at, entry.reject_reason)


def _frozen_check(session: Session, trainee_id: uuid.UUID, year: int, doing: str) -> None:
    verified = session.scalar(select(CertificateRegistration.verified_at).where(
        CertificateRegistration.trainee_id == trainee_id, CertificateRegistration.year == year,
        CertificateRegistration.deleted_at.is_(None)))
    if verified is not None:
        raise RecognitionError(f"{year} 年度已验证（已冻结），不能再{doing}学时认定；"
                               "如确需更改，请先由验证单位重新开放该年度。")


def _used(session: Session, trainee_id: uuid.UUID, year: int, rule_id: uuid.UUID, statuses: tuple[str, ...],
          *, besides: uuid.UUID | None = None) -> float:
    query = select(func.coalesce(func.sum(RecognisedHours.hours), 0.0)).where(
        RecognisedHours.trainee_id == trainee_id, RecognisedHours.year == year, RecognisedHours.rule_id == rule_id,
        RecognisedHours.status.in_(statuses), RecognisedHours.deleted_at.is_(None))
    if besides is not None:
        query = query.where(RecognisedHours.id != besides)
    return round(float(session.scalar(query) or 0.0), 1)


@dataclass(slots=True)
class RecognitionEntry:
    kind: str
    quantity: float
    year: int
    evidence: str
    title: str


def add_entry(uow: UnitOfWork | Session, actor: Actor, trainee_id: uuid.UUID, entry: RecognitionEntry,
              *, today: dt.date | None = None) -> EntryRow:
    """Recorded as 待审核: hours from the table, within the kind's yearly cap (said in ``note``)."""
    uow = unit_of(uow)
    session = uow.session
    actor.require_role(*DESK_ROLES, doing="登记学时认定")
    trainee = trainee_in_scope(session, actor, trainee_id)
    today = today or dt.date.today()
    rule = _rule(session, entry.kind)
    problems = []
    if not rule.active:
        problems.append(f"认定种类“{rule.name}”已停用。")
    if not FIRST_YEAR <= entry.year <= today.year:
        problems.append(f"年度应在 {FIRST_YEAR} 至 {today.year} 之间。")
    if not 0 < entry.quantity <= 1000:
        problems.append(f"数量（{rule.unit}）应大于 0、不超过 1000。")
    title = evidence = ""
    for field, raw, target in ((fields.RECOGNITION_TITLE, entry.title, "title"),
                               (fields.RECOGNITION_EVIDENCE, entry.evidence, "evidence")):
        try:
            value = field.clean(raw)
        except fields.FieldError as exc:
            problems.append(str(exc))
            continue
        if target == "title":
            title = value
        else:
            evidence = value
    if problems:
        raise RecognitionError("".join(problems))
    _frozen_check(session, trainee.id, entry.year, "登记")
    used = _used(session, trainee.id, entry.year, rule.id, (RecognitionStatus.PENDING, RecognitionStatus.APPROVED))
    hours = capped_hours(entry.quantity, rule.hours_per_unit, rule.yearly_cap, used)
    if hours.counted <= 0:
        raise RecognitionError(f"“{rule.name}”每年最多认定 {rule.yearly_cap:g} 学时，该学员 {entry.year} 年度"
                               f"已登记（含待审核）{used:g} 学时，已达上限，不能再登记。")
    record = RecognisedHours(trainee_id=trainee.id, rule_id=rule.id, year=entry.year, kind=rule.kind, title=title,
                             quantity=float(entry.quantity), hours_per_unit=rule.hours_per_unit,
                             claimed_hours=hours.claimed, hours=hours.counted, category=rule.category,
                             evidence=evidence, status=RecognitionStatus.PENDING.value,
                             note=hours.note(rule.name, entry.year) or None, recorded_by=actor.username,
                             recorded_at=utc_now(), updated_by=actor.username)
    session.add(record)
    session.flush()
    audit.record(session, actor.username, "recognition.add", f"trainee:{trainee.id}",
                 {"entry": record.id.hex, "kind": rule.kind, "year": entry.year, "quantity": entry.quantity,
                  "claimed": hours.claimed, "hours": hours.counted, "capped": hours.capped})
    uow.commit()
    return _entry_row(session, record)


def _pending(session: Session, actor: Actor, entry_id: uuid.UUID, doing: str) -> RecognisedHours:
    actor.require_role(*DESK_ROLES, doing=f"{doing}学时认定")
    entry = session.get(RecognisedHours, entry_id)
    if entry is None or entry.deleted_at is not None:
        raise RecognitionError("找不到该学时认定。")
    trainee_in_scope(session, actor, entry.trainee_id)
    if entry.status != RecognitionStatus.PENDING:
        raise RecognitionError(f"该学时认定已{RecognitionStatus(entry.status).label.removeprefix('已')}"
                               f"（{entry.decided_by}），不能再{doing}。")
    if entry.recorded_by == actor.username:
        raise RecognitionError(f"学时认定须由登记人以外的另一账户审核：“{actor.username}”不能{doing}自己登记的认定。")
    _frozen_check(session, entry.trainee_id, entry.year, doing)
    return entry


def approve(uow: UnitOfWork | Session, actor: Actor, entry_id: uuid.UUID) -> EntryRow:
    """A second account approves: the hours count from now on (within the cap of what is approved)."""
    uow = unit_of(uow)
    session = uow.session
    entry = _pending(session, actor, entry_id, "审核")
    rule = session.get(RecognitionRule, entry.rule_id)
    approved_before = _used(session, entry.trainee_id, entry.year, entry.rule_id, (RecognitionStatus.APPROVED,),
                            besides=entry.id)
    cap = rule.yearly_cap if rule is not None else entry.hours
    counted = min(entry.hours, max(0.0, round(cap - approved_before, 1)))  # the cap may have been lowered since
    if counted <= 0:
        raise RecognitionError(f"该学员 {entry.year} 年度“{rule.name if rule else entry.kind}”已认定 "
                               f"{approved_before:g} 学时，达到年度上限 {cap:g} 学时，本条不能再认定；请驳回。")
    if counted < entry.hours:
        entry.note = ((entry.note + " ") if entry.note else "") + (
            f"审核时该类已认定 {approved_before:g} 学时，按年度上限 {cap:g} 计 {counted:g} 学时。")
    entry.hours = counted
    entry.status, entry.decided_by, entry.decided_at = RecognitionStatus.APPROVED.value, actor.username, utc_now()
    entry.updated_by = actor.username
    refresh_year_hours(session, [entry.trainee_id])
    audit.record(session, actor.username, "recognition.approve", f"trainee:{entry.trainee_id}",
                 {"entry": entry.id.hex, "kind": entry.kind, "year": entry.year, "hours": entry.hours,
                  "recorded_by": entry.recorded_by})
    uow.commit()
    return _entry_row(session, entry)


def reject(uow: UnitOfWork | Session, actor: Actor, entry_id: uuid.UUID, reason: str) -> EntryRow:
    """A second account rejects, with the reason: the entry never counts."""
    uow = unit_of(uow)
    session = uow.session
    entry = _pending(session, actor, entry_id, "驳回")
    try:
        reason = fields.RECOGNITION_REJECT_REASON.clean(reason)
    except fields.FieldError as exc:
        raise RecognitionError(str(exc)) from None
    entry.status, entry.decided_by, entry.decided_at = RecognitionStatus.REJECTED.value, actor.username, utc_now()
    entry.reject_reason, entry.updated_by = reason, actor.username
    refresh_year_hours(session, [entry.trainee_id])
    audit.record(session, actor.username, "recognition.reject", f"trainee:{entry.trainee_id}",
                 {"entry": entry.id.hex, "kind": entry.kind, "year": entry.year, "reason": reason,
                  "recorded_by": entry.recorded_by})
    uow.commit()
    return _entry_row(session, entry)


def list_entries(session: Session, scope: Scope, *, status: RecognitionStatus | None = None,
                 year: int | None = None, trainee_id: uuid.UUID | None = None, limit: int = 500) -> list[EntryRow]:
    """Entries of trainees in the scope, newest first (the 待审核 list of a second account)."""
    scope = require_scope(scope)
    low, high = subtree_bounds(scope)
    query = (select(RecognisedHours).join(Trainee, Trainee.id == RecognisedHours.trainee_id)
             .where(Trainee.org_path >= low, Trainee.org_path < high, Trainee.deleted_at.is_(None),
                    RecognisedHours.deleted_at.is_(None)))
    if status is not None:
        query = query.where(RecognisedHours.status == status.value)
    if year is not None:
        query = query.where(RecognisedHours.year == year)
    if trainee_id is not None:
        query = query.where(RecognisedHours.trainee_id == trainee_id)
    query = query.order_by(RecognisedHours.recorded_at.desc(), RecognisedHours.id).limit(limit)
    return [_entry_row(session, entry) for entry in session.scalars(query)]


def _ids_in_scope(session: Session, actor: Actor) -> list[uuid.UUID]:
    low, high = subtree_bounds(actor.scope_path)
    return list(session.scalars(
        select(RecognisedHours.id).join(Trainee, Trainee.id == RecognisedHours.trainee_id)
        .where(Trainee.org_path >= low, Trainee.org_path < high, RecognisedHours.deleted_at.is_(None))))


def short_codes(session: Session, actor: Actor, entry_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The code to print for each entry: its first 8 hex digits, longer where another entry in
    scope shares them. Keys are time-ordered (UUID v7), so entries recorded within about a minute
    share their first 8 digits, and a fixed 8 would print a code that ``approve`` refuses."""
    every = sorted(row.hex for row in _ids_in_scope(session, actor))
    codes = {}
    for entry_id in entry_ids:
        text = entry_id.hex
        at = bisect.bisect_left(every, text)
        shared = max((_common_prefix(text, every[n]) for n in (at - 1, at, at + 1)
                      if 0 <= n < len(every) and every[n] != text), default=0)
        codes[entry_id] = text[:max(8, shared + 1)]
    return codes


def _common_prefix(a: str, b: str) -> int:
    return len(os.path.commonprefix([a, b]))


def find_entry(session: Session, actor: Actor, reference: str) -> uuid.UUID:
    """An entry by its id or the first 8+ hex digits of it (as ``tjce recognise list`` prints)."""
    text = reference.strip().lower().replace("-", "")
    if len(text) < 8 or any(ch not in "0123456789abcdef" for ch in text):
        raise RecognitionError(f"“{reference}”不是学时认定编号（至少 8 位十六进制，见 tjce recognise list）。")
    ids = [row for row in _ids_in_scope(session, actor) if row.hex.startswith(text)]
    if not ids:
        raise RecognitionError(f"管辖范围内没有编号为 {reference} 的学时认定。")
    if len(ids) > 1:
        raise RecognitionError(f"编号 {reference} 对应多条学时认定，请多输入几位。")
    return ids[0]
