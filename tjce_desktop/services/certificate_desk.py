"""证书登记 at the desk: other learning, title changes, certificates, the year card, 登记 and 验证.

The year's hours come from ``trainee_year_hours`` (derived: platform courses finished in the
year plus other learning ending in it and approved 学时认定 entries, by category; the card lists
each source), refreshed in the same transaction as every change here. The verdict is
``services.year_verdict``'s: the year's rule (the city's ``hour_rule``, else the 条例's) by the
title at year end, with its minimums per category.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from tjce_desktop.domain.enums import CourseCategory, OtherLearningForm, Role, TitleLevel
from tjce_desktop.domain.errors import UserError
from tjce_desktop.domain.hour_policy import HOURS_PER_DAY, HourRule, NoHourRule, YearVerdict
from tjce_desktop.domain.id_number import IdNumberError, mask_id_number, parse_id_number
from tjce_desktop.services import audit, fields
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.hour_sources import HourSource, hour_sources
from tjce_desktop.services.orgs import full_name_of
from tjce_desktop.services.year_verdict import title_history, verdict_of
from tjce_desktop.storage.derived import refresh_year_hours, title_at_year_end
from tjce_desktop.storage.hour_rules import load_rules
from tjce_desktop.storage.models import (
    Certificate,
    CertificateRegistration,
    OtherLearning,
    TitleChange,
    Trainee,
    TraineeYearHours,
    utc_now,
)
from tjce_desktop.storage.unit_of_work import UnitOfWork, unit_of

DESK_ROLES = (Role.CITY_ADMIN, Role.UNIT_SUPERVISOR, Role.REGISTRATION_CLERK)
BOOKLET_PAGES = 10  # year pages in one booklet; then a continuation booklet
DEFAULT_PATTERN = "JX{org_code}{year}{seq:06d}"


class DeskError(UserError, ValueError):
    """``str()`` is the Chinese message."""


@dataclass(frozen=True, slots=True)
class TraineeRef:
    """A trainee found at the desk: enough to open the year card."""

    id: uuid.UUID
    real_name: str
    org_path: str


@dataclass(frozen=True, slots=True)
class OtherLearningRecord:
    id: uuid.UUID
    trainee_id: uuid.UUID
    year: int
    form: str
    title: str
    category: str
    starts_on: dt.date
    ends_on: dt.date
    days: float
    hours: float
    evidence: str


@dataclass(frozen=True, slots=True)
class TitleChangeRecord:
    id: uuid.UUID
    trainee_id: uuid.UUID
    effective_on: dt.date
    previous_title_level: str
    previous_high_tech: bool
    title_level: str
    high_tech: bool


def _other_learning(record: OtherLearning) -> OtherLearningRecord:
    return OtherLearningRecord(record.id, record.trainee_id, record.year, record.form, record.title, record.category,
                               record.starts_on, record.ends_on, record.days, record.hours, record.evidence)


def trainee_in_scope(session: Session, actor: Actor, trainee_id: uuid.UUID) -> Trainee:
    """The live trainee row within the actor's scope (for the services here; never returned)."""
    trainee = session.get(Trainee, trainee_id)
    if trainee is None or trainee.deleted_at is not None:
        raise DeskError("找不到该学员。")
    actor.require_access(trainee.org_path)
    return trainee


def find_trainee(session: Session, actor: Actor, id_number: str) -> TraineeRef:
    """The trainee of a typed or scanned ID number (a card reader types it like a keyboard)."""
    try:
        value = parse_id_number(id_number).value
    except IdNumberError as exc:
        raise DeskError(str(exc)) from exc
    trainee = session.scalar(select(Trainee).where(Trainee.id_number == value, Trainee.deleted_at.is_(None)))
    if trainee is None:
        raise DeskError(f"没有身份证号为 {mask_id_number(value)} 的学员。请先在“学员管理”中添加。")
    actor.require_access(trainee.org_path)
    return TraineeRef(trainee.id, trainee.real_name, trainee.org_path)


# --- other learning ------------------------------------------------------------------------------


@dataclass(slots=True)
class OtherLearningEntry:
    form: OtherLearningForm
    title: str
    starts_on: dt.date
    ends_on: dt.date
    days: float
    evidence: str
    category: CourseCategory = CourseCategory.PROFESSIONAL


def add_other_learning(uow: UnitOfWork | Session, actor: Actor, trainee_id: uuid.UUID, entry: OtherLearningEntry,
                       *, today: dt.date | None = None) -> OtherLearningRecord:
    uow = unit_of(uow)
    session = uow.session
    actor.require_role(*DESK_ROLES, doing="登记其他形式的学习")
    trainee = trainee_in_scope(session, actor, trainee_id)
    today = today or dt.date.today()
    problems = []
    title, evidence = "", ""
    try:
        title = fields.OTHER_LEARNING_TITLE.clean(entry.title)
        if not title:
            problems.append("请填写学习内容（如培训班名称、论文题目）。")
    except fields.FieldError as exc:
        problems.append(str(exc))
    try:
        evidence = fields.OTHER_LEARNING_EVIDENCE.clean(entry.evidence)
    except fields.FieldError as exc:
        problems.append(str(exc))
        evidence = "-"  # said above; not also "请填写"
    if entry.ends_on < entry.starts_on:
        problems.append("结束日期早于开始日期。")
    if entry.ends_on > today:
        problems.append("结束日期晚于今天：学完后才能登记。")
    if not 0 < entry.days <= 366:
        problems.append("天数应大于 0、不超过 366。")
    elif entry.days > (entry.ends_on - entry.starts_on).days + 1 and entry.form not in (
            OtherLearningForm.PUBLICATION, OtherLearningForm.SELF_STUDY, OtherLearningForm.DEGREE):
        problems.append(f"{entry.days:g} 天超过了开始到结束日期之间的天数。")
    if not evidence:
        problems.append("请填写查验的证明材料（证书、结业证明、自学计划与考核结果等）。")
    _frozen_check(session, trainee.id, entry.ends_on.year)
    if problems:
        raise DeskError("".join(problems))
    record = OtherLearning(trainee_id=trainee.id, year=entry.ends_on.year, form=entry.form.value, title=title,
                           category=entry.category.value, starts_on=entry.starts_on, ends_on=entry.ends_on,
                           days=float(entry.days), hours=round(entry.days * HOURS_PER_DAY, 1), evidence=evidence,
                           recorded_by=actor.username, recorded_at=utc_now(), updated_by=actor.username)
    session.add(record)
    refresh_year_hours(session, [trainee.id])
    audit.record(session, actor.username, "certificate.other_learning", f"trainee:{trainee.id}",
                 {"form": entry.form.value, "year": record.year, "hours": record.hours})
    uow.commit()
    return _other_learning(record)


def delete_other_learning(uow: UnitOfWork | Session, actor: Actor, record_id: uuid.UUID) -> None:
    uow = unit_of(uow)
    session = uow.session
    actor.require_role(*DESK_ROLES, doing="删除其他形式的学习")
    record = session.get(OtherLearning, record_id)
    if record is None or record.deleted_at is not None:
        raise DeskError("该记录不存在。")
    trainee_in_scope(session, actor, record.trainee_id)
    _frozen_check(session, record.trainee_id, record.year)
    record.deleted_at, record.updated_by = utc_now(), actor.username
    refresh_year_hours(session, [record.trainee_id])
    audit.record(session, actor.username, "certificate.other_learning_delete", f"trainee:{record.trainee_id}",
                 {"year": record.year, "hours": record.hours})
    uow.commit()


def _frozen_check(session: Session, trainee_id: uuid.UUID, year: int) -> None:
    registration = session.scalar(select(CertificateRegistration).where(
        CertificateRegistration.trainee_id == trainee_id, CertificateRegistration.year == year,
        CertificateRegistration.deleted_at.is_(None)))
    if registration is not None and registration.verified_at is not None:
        raise DeskError(f"{year} 年度已验证，不能再修改；如确需修改，请先由验证单位重新开放。")


# --- title changes -------------------------------------------------------------------------------


def change_title(uow: UnitOfWork | Session, actor: Actor, trainee_id: uuid.UUID, title_level: TitleLevel,
                 high_tech: bool, effective_on: dt.date) -> TitleChangeRecord:
    """A promotion (or a change of high-tech status) from a date: the trainee's title now, and
    the requirement of every year by the title at that year's end."""
    uow = unit_of(uow)
    session = uow.session
    actor.require_role(*DESK_ROLES, doing="登记职称变动")
    trainee = trainee_in_scope(session, actor, trainee_id)
    history = list(session.scalars(select(TitleChange).where(TitleChange.trainee_id == trainee.id,
                                                             TitleChange.deleted_at.is_(None))
                                   .order_by(TitleChange.effective_on)))
    before = _title_on(history, effective_on, (trainee.title_level, bool(trainee.high_tech)))
    change = TitleChange(trainee_id=trainee.id, effective_on=effective_on, previous_title_level=before[0],
                         previous_high_tech=before[1], title_level=title_level.value, high_tech=high_tech,
                         recorded_by=actor.username, updated_by=actor.username)
    session.add(change)
    later = [c for c in history if c.effective_on > effective_on]
    if not later and effective_on <= dt.date.today():
        trainee.title_level, trainee.high_tech, trainee.updated_by = title_level.value, high_tech, actor.username
    refresh_year_hours(session, [trainee.id])
    audit.record(session, actor.username, "trainee.title_change", f"trainee:{trainee.id}",
                 {"from": before, "to": [title_level.value, high_tech], "effective_on": effective_on})
    session.flush()
    uow.commit()
    return TitleChangeRecord(change.id, change.trainee_id, change.effective_on, change.previous_title_level,
                             bool(change.previous_high_tech), change.title_level, bool(change.high_tech))


def _title_on(history: list[TitleChange], day: dt.date, current: tuple[str, bool]) -> tuple[str, bool]:
    """The title just before ``day``."""
    earlier = [c for c in history if c.effective_on < day]
    if earlier:
        return earlier[-1].title_level, bool(earlier[-1].high_tech)
    if history:
        return history[0].previous_title_level, bool(history[0].previous_high_tech)
    return current


# --- the year card -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RegistrationLine:
    id: uuid.UUID
    year: int
    total: float
    required: float
    registered_by: str
    registered_at: dt.datetime
    exception_reason: str | None
    verified_by: str | None
    verified_at: dt.datetime | None


@dataclass(frozen=True)
class PastYear:
    """An earlier year of the trainee: its hours (platform and other learning) and its registration, if any."""

    year: int
    total: float
    required: float
    registration: RegistrationLine | None


@dataclass(frozen=True)
class YearCard:
    trainee_id: uuid.UUID
    name: str
    id_number: str  # masked
    org: str
    org_path: str
    year: int
    title_level: str  # label, at year end
    high_tech: bool
    hours: dict[str, float]  # category label → hours (platform + other learning)
    other_hours: float  # of which other learning
    total: float
    required: float
    category_gaps: dict[str, float]  # category label → hours short, where the year's rule sets a minimum
    verdict: YearVerdict
    rule_changed_after_registration: bool  # 登记后学时规定已变更
    certificate_number: str | None
    certificate_id: uuid.UUID | None
    booklet_no: int | None
    registration: RegistrationLine | None
    earlier: list[RegistrationLine] = field(default_factory=list)
    other_learning: list[OtherLearningRecord] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sources: list[HourSource] = field(default_factory=list)  # where the hours came from (plans, 学时认定 …)
    past_years: list[PastYear] = field(default_factory=list)  # every other year with hours or a registration

    @property
    def met(self) -> bool:
        return self.verdict.met

    @property
    def gap(self) -> float:
        return self.verdict.total_gap

    @property
    def rule(self) -> HourRule:
        return self.verdict.rule

    @property
    def category_minimums(self) -> dict[str, float]:
        """Category label → the minimum in hours for this trainee (where the rule sets one)."""
        return {category.label: round(minimum, 1) for category, minimum in self.verdict.minimums.items()}


def registration_line(r: CertificateRegistration) -> RegistrationLine:
    total = r.hours_public_required + r.hours_public_elective + r.hours_professional
    return RegistrationLine(r.id, r.year, round(total, 1), r.required_hours, r.registered_by, r.registered_at,
                            r.exception_reason, r.verified_by, r.verified_at)


def year_card(session: Session, actor: Actor, trainee_id: uuid.UUID, year: int) -> YearCard:
    trainee = trainee_in_scope(session, actor, trainee_id)
    history = title_history(session, trainee.id)
    try:
        verdict = verdict_of(session, trainee, year, load_rules(session), history)
    except NoHourRule as exc:
        raise DeskError(str(exc)) from exc
    title, high_tech = title_at_year_end(history, year, (trainee.title_level, bool(trainee.high_tech)))
    notes = []
    changed_in_year = [c for c in history if c.effective_on.year == year]
    if changed_in_year:
        change = changed_in_year[-1]
        notes.append(f"职称于 {change.effective_on} 由“{TitleLevel(change.previous_title_level).label}”变为"
                     f"“{TitleLevel(change.title_level).label}”，按年末职称计算学时要求。")
    this_year = session.scalar(select(CertificateRegistration).where(
        CertificateRegistration.trainee_id == trainee.id, CertificateRegistration.year == year,
        CertificateRegistration.deleted_at.is_(None)))
    if this_year is not None and this_year.verified_at is not None:
        notes.append("本年度已验证，学时已冻结；如需更正，请先撤销验证。")
    elif year == dt.date.today().year:
        notes.append("本年度尚未结束，学时仍可增加。")
    row = session.get(TraineeYearHours, (trainee.id, year))
    hours = {category.label: value for category, value in verdict.hours.items()}
    gaps = {category.label: gap for category, gap in verdict.category_gaps.items()}
    certificate = session.scalar(select(Certificate).where(Certificate.trainee_id == trainee.id,
                                                           Certificate.status == "active",
                                                           Certificate.deleted_at.is_(None))
                                 .order_by(Certificate.booklet_no.desc()).limit(1))
    registrations = list(session.scalars(select(CertificateRegistration).where(
        CertificateRegistration.trainee_id == trainee.id, CertificateRegistration.deleted_at.is_(None))
        .order_by(CertificateRegistration.year.desc())))
    changed_since = this_year is not None and verdict.rule.changed_after(this_year.registered_at)
    if changed_since:
        notes.append(f"登记后学时规定已变更（{verdict.rule.changed_at:%Y-%m-%d} 修改）：按现行规定"
                     f"{'已达到' if verdict.met else '未达到'}要求，请核对后重新登记。")
    if this_year is not None and this_year.exception_reason:
        notes.append(f"例外登记：{this_year.exception_reason}")
    others = list(session.scalars(select(OtherLearning).where(OtherLearning.trainee_id == trainee.id,
                                                              OtherLearning.year == year,
                                                              OtherLearning.deleted_at.is_(None))
                                  .order_by(OtherLearning.ends_on)))
    return YearCard(
        trainee.id, trainee.real_name, mask_id_number(trainee.id_number), full_name_of(session, trainee.org_id),
        trainee.org_path, year, TitleLevel(title).label, high_tech, hours, round(row.other, 1) if row else 0.0,
        verdict.total, verdict.required, gaps, verdict, changed_since,
        certificate.number if certificate else None, certificate.id if certificate else None,
        certificate.booklet_no if certificate else None, registration_line(this_year) if this_year else None,
        [registration_line(r) for r in registrations if r.year != year], [_other_learning(r) for r in others], notes,
        hour_sources(session, trainee.id, year), _past_years(session, trainee.id, year, registrations))


def _past_years(session: Session, trainee_id: uuid.UUID, year: int,
                registrations: list[CertificateRegistration]) -> list[PastYear]:
    """Every year but ``year`` with hours (finished plans, other learning) or a registration,
    newest first: a registration's own figures where there is one, the year's hours otherwise."""
    registered = {r.year: registration_line(r) for r in registrations}
    years = {row.year: row for row in session.scalars(select(TraineeYearHours).where(
        TraineeYearHours.trainee_id == trainee_id, TraineeYearHours.year != year))}
    lines = []
    for past in sorted((set(years) | set(registered)) - {year}, reverse=True):
        line, row = registered.get(past), years.get(past)
        if line is not None:
            lines.append(PastYear(past, line.total, line.required, line))
        elif row is not None and row.total > 0:
            lines.append(PastYear(past, round(row.total, 1), float(row.required), None))
    return lines
