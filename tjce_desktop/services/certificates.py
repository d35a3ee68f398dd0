"""《继续教育证书》: numbers, continuation booklets and reissues; 登记 of a year and its 验证.

- Each issuing department (a district or bureau, or the city) numbers its certificates with
  its own pattern (``{org_code}``, ``{year}``, ``{seq:06d}``); the sequence is stored with it.
- A full booklet continues in a new one: same holder, number with ``-2``, ``-3``…, the old
  booklet kept as history. A lost or damaged certificate is reissued under its number and
  the reissue recorded.
- 登记 records the year's hours in the certificate, refused below the requirement unless an
  explicit, audited exception is given. 验证 by the district or bureau freezes the year; a
  change then needs an audited reopening.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tjce_desktop.domain.enums import OrgKind, ReissueReason, Role
from tjce_desktop.services import audit, fields
from tjce_desktop.services.actor import Actor, ScopeError
from tjce_desktop.services.certificate_desk import (
    BOOKLET_PAGES,
    DEFAULT_PATTERN,
    DESK_ROLES,
    DeskError,
    RegistrationLine,
    registration_line,
    trainee_in_scope,
    year_card,
)
from tjce_desktop.services.orgs import actor_org
from tjce_desktop.storage.hour_rules import load_rules
from tjce_desktop.storage.models import (
    AdminUser,
    Certificate,
    CertificateNumbering,
    CertificateRegistration,
    CertificateReissue,
    Org,
    utc_now,
)
from tjce_desktop.storage.unit_of_work import UnitOfWork, unit_of

VERIFYING_KINDS = (OrgKind.CITY, OrgKind.DISTRICT, OrgKind.BUREAU)


@dataclass(frozen=True, slots=True)
class CertificateInfo:
    """A certificate booklet as it was when the service returned."""

    id: uuid.UUID
    trainee_id: uuid.UUID
    number: str
    issuing_org_id: uuid.UUID
    issued_on: dt.date
    booklet_no: int
    issue_reason: str
    status: str
    predecessor_id: uuid.UUID | None


@dataclass(frozen=True, slots=True)
class ReissueInfo:
    id: uuid.UUID
    certificate_id: uuid.UUID
    reason: str
    note: str | None
    reissued_on: dt.date


@dataclass(frozen=True, slots=True)
class NumberingInfo:
    issuing_org_id: uuid.UUID
    pattern: str
    next_seq: int


def _certificate(row: Certificate) -> CertificateInfo:
    return CertificateInfo(row.id, row.trainee_id, row.number, row.issuing_org_id, row.issued_on, row.booklet_no,
                           row.issue_reason, row.status, row.predecessor_id)


def _field(spec: fields.Field, raw: object) -> str:
    try:
        return spec.clean(raw)
    except fields.FieldError as exc:
        raise DeskError(str(exc)) from None


def issuing_org(session: Session, org_path: str) -> Org:
    """The department that issues and verifies for an org: its district or bureau (depth 1)."""
    codes = org_path.strip("/").split("/")
    path = "/" + "/".join(codes[:2]) + "/" if len(codes) >= 2 else org_path
    org = session.scalar(select(Org).where(Org.path == path))
    assert org is not None  # every org path starts with its district's or bureau's
    return org


def set_numbering(uow: UnitOfWork | Session, actor: Actor, org_id: uuid.UUID, pattern: str) -> NumberingInfo:
    uow = unit_of(uow)
    session = uow.session
    actor.require_role(Role.CITY_ADMIN, doing="设置证书编号规则")
    pattern = _field(fields.NUMBERING_PATTERN, pattern)
    try:
        sample = pattern.format(org_code="120101", year=2026, seq=1)
    except (KeyError, ValueError, IndexError):
        raise DeskError("编号规则只能使用 {org_code}、{year}、{seq}（如 {seq:06d}）这几个占位符。") from None
    if "{seq" not in pattern or not 4 <= len(sample) <= 32:
        raise DeskError("编号规则必须含有顺序号 {seq}，生成的编号长 4 到 32 个字符。")
    numbering = session.scalar(select(CertificateNumbering).where(CertificateNumbering.issuing_org_id == org_id))
    if numbering is None:
        numbering = CertificateNumbering(issuing_org_id=org_id, pattern=pattern, next_seq=1, updated_by=actor.username)
        session.add(numbering)
    else:
        numbering.pattern, numbering.updated_by = pattern, actor.username
    audit.record(session, actor.username, "certificate.numbering", str(org_id), {"pattern": pattern})
    uow.commit()
    return NumberingInfo(numbering.issuing_org_id, numbering.pattern, numbering.next_seq)


def _next_number(session: Session, org: Org, actor: Actor, today: dt.date) -> str:
    numbering = session.scalar(select(CertificateNumbering).where(CertificateNumbering.issuing_org_id == org.id))
    if numbering is None:
        numbering = CertificateNumbering(issuing_org_id=org.id, pattern=DEFAULT_PATTERN, next_seq=1,
                                         updated_by=actor.username)
        session.add(numbering)
    while True:
        number = numbering.pattern.format(org_code=org.code, year=today.year, seq=numbering.next_seq)
        numbering.next_seq += 1
        numbering.updated_by = actor.username
        if session.scalar(select(Certificate.id).where(Certificate.number == number)) is None:
            return number


def issue_certificate(uow: UnitOfWork | Session, actor: Actor, trainee_id: uuid.UUID, *,
                      today: dt.date | None = None) -> CertificateInfo:
    uow = unit_of(uow)
    session = uow.session
    actor.require_role(*DESK_ROLES, doing="发放继续教育证书")
    trainee = trainee_in_scope(session, actor, trainee_id)
    if not trainee.active:
        raise DeskError(f"{trainee.real_name} 已离职/调出，不能发证；如已回到本单位，请先在“学员管理”中恢复在职。")
    today = today or dt.date.today()
    existing = session.scalar(select(Certificate).where(Certificate.trainee_id == trainee.id,
                                                        Certificate.deleted_at.is_(None)).limit(1))
    if existing is not None:
        raise DeskError(f"该学员已有证书（{existing.number}）：填满请续本，遗失或损坏请补发。")
    org = issuing_org(session, trainee.org_path)
    certificate = Certificate(trainee_id=trainee.id, number=_next_number(session, org, actor, today),
                              issuing_org_id=org.id, issued_on=today, booklet_no=1, issue_reason="new",
                              status="active", updated_by=actor.username)
    session.add(certificate)
    session.flush()
    audit.record(session, actor.username, "certificate.issue", certificate.number, {"trainee": trainee.id})
    uow.commit()
    return _certificate(certificate)


def continue_booklet(uow: UnitOfWork | Session, actor: Actor, certificate_id: uuid.UUID, *,
                     today: dt.date | None = None) -> CertificateInfo:
    """A new booklet for a full one: same holder, the old one kept ("full"), registrations stay with it."""
    uow = unit_of(uow)
    session = uow.session
    actor.require_role(*DESK_ROLES, doing="续发证书")
    old = session.get(Certificate, certificate_id)
    if old is None or old.status != "active":
        raise DeskError("只能为正在使用的证书续本。")
    trainee_in_scope(session, actor, old.trainee_id)
    base = old.number.rsplit("-", 1)[0] if old.booklet_no > 1 else old.number
    new = Certificate(trainee_id=old.trainee_id, number=f"{base}-{old.booklet_no + 1}",
                      issuing_org_id=old.issuing_org_id,
                      issued_on=today or dt.date.today(), booklet_no=old.booklet_no + 1, issue_reason="continuation",
                      predecessor_id=old.id, status="active", updated_by=actor.username)
    old.status, old.updated_by = "full", actor.username
    session.add(new)
    session.flush()
    audit.record(session, actor.username, "certificate.continue", new.number, {"previous": old.number})
    uow.commit()
    return _certificate(new)


def reissue_certificate(uow: UnitOfWork | Session, actor: Actor, certificate_id: uuid.UUID, reason: ReissueReason,
                        note: str = "", *, today: dt.date | None = None) -> ReissueInfo:
    """补发 after loss or damage: the number is kept; the reissue is recorded."""
    uow = unit_of(uow)
    session = uow.session
    actor.require_role(*DESK_ROLES, doing="补发证书")
    certificate = session.get(Certificate, certificate_id)
    if certificate is None or certificate.status != "active":
        raise DeskError("只能补发正在使用的证书。")
    trainee_in_scope(session, actor, certificate.trainee_id)
    note = _field(fields.REISSUE_NOTE, note)
    reissue = CertificateReissue(certificate_id=certificate.id, reason=reason.value, note=note or None,
                                 reissued_on=today or dt.date.today(), recorded_by=actor.username,
                                 updated_by=actor.username)
    session.add(reissue)
    audit.record(session, actor.username, "certificate.reissue", certificate.number, {"reason": reason.value})
    session.flush()
    uow.commit()
    return ReissueInfo(reissue.id, reissue.certificate_id, reissue.reason, reissue.note, reissue.reissued_on)


def register_year(uow: UnitOfWork | Session, actor: Actor, trainee_id: uuid.UUID, year: int, *,
                  exception_reason: str | None = None) -> RegistrationLine:
    """登记: the year's hours into the certificate. Below the requirement only with a reason."""
    uow = unit_of(uow)
    session = uow.session
    actor.require_role(*DESK_ROLES, doing="登记学时")
    card = year_card(session, actor, trainee_id, year)
    exception_reason = _field(fields.EXCEPTION_REASON, exception_reason) or None
    if card.certificate_id is None:
        raise DeskError("该学员还没有继续教育证书，请先发证。")
    if not card.met and exception_reason is None:
        raise DeskError(f"{year} 年度学时 {card.total:g}，未达到要求的 {card.required:g} 学时"
                        f"：{card.verdict.shortfall_text()}。不能登记。确需登记请填写例外原因。")
    registration = session.scalar(select(CertificateRegistration).where(
        CertificateRegistration.trainee_id == card.trainee_id, CertificateRegistration.year == year,
        CertificateRegistration.deleted_at.is_(None)))
    if registration is not None and registration.verified_at is not None:
        raise DeskError(f"{year} 年度已于 {registration.verified_at:%Y-%m-%d} 验证，不能再改；请先重新开放。")
    certificate = session.get(Certificate, card.certificate_id)
    assert certificate is not None  # card.certificate_id was checked above
    if registration is None:
        used = session.execute(select(func.count()).select_from(CertificateRegistration).where(
            CertificateRegistration.certificate_id == certificate.id,
            CertificateRegistration.deleted_at.is_(None))).scalar_one()
        if used >= BOOKLET_PAGES:
            raise DeskError(f"证书 {certificate.number} 的 {BOOKLET_PAGES} 页已登记满，请先续本。")
        registration = CertificateRegistration(trainee_id=card.trainee_id, year=year, certificate_id=certificate.id)
        session.add(registration)
    by_label = card.hours
    registration.hours_public_required = by_label["公需课·必修"]
    registration.hours_public_elective = by_label["公需课·选修"]
    registration.hours_professional = by_label["专业课"]
    registration.hours_other = card.other_hours
    registration.required_hours = card.required
    registration.registered_by, registration.registered_at = actor.username, utc_now()
    registration.exception_reason = exception_reason
    registration.certificate_id = certificate.id
    registration.updated_by = actor.username
    session.flush()
    audit.record(session, actor.username, "certificate.register", certificate.number,
                 {"year": year, "total": card.total, "required": card.required, "exception": exception_reason,
                  "short": card.verdict.shortfall_text() or None, "rule_year": card.rule.first_year},
                 outcome="exception" if exception_reason and not card.met else "ok")
    uow.commit()
    return registration_line(registration)


def _verifier_org(session: Session, actor: Actor) -> Org:
    """The district, bureau or city the actor verifies for; a unit's account cannot verify."""
    actor.require_role(*DESK_ROLES, doing="验证证书")
    org = actor_org(session, actor)
    if org is None or OrgKind(org.kind) not in VERIFYING_KINDS:
        raise ScopeError("验证由区人力社保局或委办局（或市级）进行；单位的账户只能登记。")
    return org


def verify_registrations(uow: UnitOfWork | Session, actor: Actor, registration_ids: list[uuid.UUID]) -> int:
    """验证 one by one or in a batch: each is frozen. Returns how many were verified now."""
    uow = unit_of(uow)
    session = uow.session
    org = _verifier_org(session, actor)
    now, count = utc_now(), 0
    for registration_id in registration_ids:
        registration = session.get(CertificateRegistration, registration_id)
        if registration is None or registration.deleted_at is not None:
            raise DeskError("登记记录不存在。")
        trainee_in_scope(session, actor, registration.trainee_id)
        if registration.verified_at is not None:
            continue
        registration.verified_by, registration.verified_at = actor.username, now
        registration.verifying_org_id, registration.updated_by = org.id, actor.username
        count += 1
    audit.record(session, actor.username, "certificate.verify", org.name, {"verified": count})
    uow.commit()
    return count


def pending_registrations(session: Session, actor: Actor, year: int) -> list[uuid.UUID]:
    """Registrations of the year in the actor's subtree that are not verified yet."""
    from tjce_desktop.storage.models import Trainee

    rows = session.execute(select(CertificateRegistration.id, Trainee.org_path)
                           .join(Trainee, Trainee.id == CertificateRegistration.trainee_id)
                           .where(CertificateRegistration.year == year, CertificateRegistration.verified_at.is_(None),
                                  CertificateRegistration.deleted_at.is_(None)))
    return [registration_id for registration_id, path in rows if actor.may_access(path)]


def reopen_registration(uow: UnitOfWork | Session, actor: Actor, registration_id: uuid.UUID, reason: str) -> None:
    """A verified year opened for a change again: by the verifying side, with a reason, audited."""
    uow = unit_of(uow)
    session = uow.session
    _verifier_org(session, actor)
    reason = _field(fields.REOPEN_REASON, reason)
    if not reason:
        raise DeskError("重新开放必须填写原因。")
    registration = session.get(CertificateRegistration, registration_id)
    if registration is None or registration.verified_at is None:
        raise DeskError("只有已验证的年度需要重新开放。")
    trainee_in_scope(session, actor, registration.trainee_id)
    before = {"verified_by": registration.verified_by, "verified_at": registration.verified_at}
    registration.verified_by = registration.verified_at = registration.verifying_org_id = None
    registration.updated_by = actor.username
    audit.record(session, actor.username, "certificate.reopen", str(registration.year),
                 {"before": before, "reason": reason})
    uow.commit()


def _unit_name(session: Session, org_id: uuid.UUID) -> str:
    """The unit that registers, as the booklet names it: a department's unit, not the department."""
    org = session.get(Org, org_id)
    while org is not None and org.kind == OrgKind.DEPARTMENT.value and org.parent_id is not None:
        org = session.get(Org, org.parent_id)
    return org.name if org is not None else ""


def _clerk_name(session: Session, username: str) -> str:
    """经办人 by the account's name (张敏), not its login (admin); the login when there is no account."""
    name = session.scalar(select(AdminUser.display_name).where(AdminUser.username == username))
    return name or username


def print_registration(uow: UnitOfWork | Session, actor: Actor, registration_id: uuid.UUID, path,
                       calibration) -> None:
    """The registration printed for its booklet page, audited."""
    uow = unit_of(uow)
    session = uow.session
    from tjce_desktop.exchange.certificate_page import RegistrationEntry, write_registration_page
    from tjce_desktop.services.hour_sources import hour_sources

    actor.require_role(*DESK_ROLES, doing="打印证书登记页")
    registration = session.get(CertificateRegistration, registration_id)
    if registration is None or registration.deleted_at is not None:
        raise DeskError("登记记录不存在。")
    trainee = trainee_in_scope(session, actor, registration.trainee_id)
    certificate = session.get(Certificate, registration.certificate_id)
    assert certificate is not None  # a registration's certificate (a foreign key)
    total = registration.hours_public_required + registration.hours_public_elective + registration.hours_professional
    rule = load_rules(session).for_year(registration.year)
    basis = rule.document_number or ("条例" if rule.built_in else rule.document_title)
    basis += "".join(f"；{category.label}{minimum.label}" for category, minimum in rule.minimums.items())
    if registration.exception_reason:
        basis += "；例外登记"
    sources = tuple(source.line() for source in hour_sources(session, trainee.id, registration.year) if source.counts)
    entry = RegistrationEntry(registration.year, registration.hours_public_required, registration.hours_public_elective,
                              registration.hours_professional, registration.hours_other, round(total, 1),
                              registration.required_hours, _unit_name(session, trainee.org_id),
                              _clerk_name(session, registration.registered_by), registration.registered_at.date(),
                              certificate.number,
                              basis, sources)
    write_registration_page(path, [entry], calibration)
    audit.record(session, actor.username, "certificate.print", certificate.number,
                 {"year": registration.year, "dx": calibration.dx, "dy": calibration.dy})
    uow.commit()
