"""批量登记: register in one step every 在职 trainee of an org subtree who met the year's rule.

Every trainee is judged by the desk's own decision (``certificate_desk.year_card(...).met``)
and registered by its own path (``certificates.register_year``), so the year's rule, its
exceptions and its audit entries are those of the single registration: nothing is judged
here twice. The batch is one transaction: it commits every trainee's outcome together with
one ``certificate.register_batch`` entry saying who was registered and who was not and why,
or nothing at all (a failure, a cancel). Already registered years are skipped and listed, so
running the batch twice registers nobody twice.

Trainees without a certificate are listed as 未发证 and not registered, unless the clerk
asks to issue the met ones a certificate first (``issue_missing``; each issue audited as the
single 发证 is). 离职 trainees are not part of a unit's batch.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tjce_desktop.domain.errors import UserError
from tjce_desktop.domain.ids import new_id
from tjce_desktop.domain.task_state import TaskState
from tjce_desktop.services import audit, certificates
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.certificate_desk import DESK_ROLES, DeskError, YearCard, year_card
from tjce_desktop.services.orgs import full_name_of, subtree_bounds
from tjce_desktop.storage.database import Database
from tjce_desktop.storage.models import Org, Trainee
from tjce_desktop.storage.unit_of_work import UnitOfWork, unit_of


class Outcome(str, Enum):
    REGISTERED = "registered"  # by this batch
    ALREADY = "already"  # registered before: skipped
    SHORT = "short"  # the year's rule not met
    NO_CERTIFICATE = "no_certificate"  # met, but no certificate to register in
    REFUSED = "refused"  # met, but the registration refused it (booklet full, verified …)

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {Outcome.REGISTERED: "本次登记", Outcome.ALREADY: "此前已登记", Outcome.SHORT: "未达标",
           Outcome.NO_CERTIFICATE: "未发证", Outcome.REFUSED: "未能登记"}


@dataclass(frozen=True, slots=True)
class BatchLine:
    trainee_id: uuid.UUID
    name: str
    id_number: str  # masked
    org: str
    certificate: str  # number, "" without one
    total: float
    required: float
    outcome: Outcome
    reason: str  # why (short by how much, per category; 未发证; registered when and by whom)
    issued: bool = False  # a certificate issued by this batch


@dataclass(frozen=True)
class BatchPlan:
    """The verdicts before anything is written: what the confirmation counts."""

    org: str
    org_path: str
    year: int
    lines: list[BatchLine]

    def count(self, outcome: Outcome) -> int:
        return sum(line.outcome is outcome for line in self.lines)

    @property
    def to_register(self) -> int:
        """Met, with a certificate, not registered yet."""
        return self.count(Outcome.REGISTERED)

    @property
    def met_without_certificate(self) -> int:
        return self.count(Outcome.NO_CERTIFICATE)


@dataclass(frozen=True)
class BatchOutcome:
    batch_id: uuid.UUID
    org: str
    org_path: str
    year: int
    clerk: str
    registered_on: dt.date
    lines: list[BatchLine] = field(default_factory=list)

    def count(self, outcome: Outcome) -> int:
        return sum(line.outcome is outcome for line in self.lines)

    @property
    def registered(self) -> int:
        return self.count(Outcome.REGISTERED)

    def counts(self) -> dict[str, int]:
        return {outcome.value: self.count(outcome) for outcome in Outcome}


def shortfall(card: YearCard) -> str:
    """"还差 16 学时（专业课差 16）": the gap of the decision's own figures."""
    per_category = "，".join(f"{label}差 {gap:g}" for label, gap in card.category_gaps.items() if gap)
    if card.gap and per_category:
        return f"还差 {card.gap:g} 学时（{per_category}）"
    if card.gap:
        return f"还差 {card.gap:g} 学时"
    return f"合计已够，但{per_category}" if per_category else "未达到年度要求"


def _verdict(card: YearCard, certificate_required: bool) -> tuple[Outcome, str]:
    if card.registration is not None:
        registration = card.registration
        said = f"已于 {registration.registered_at:%Y-%m-%d} 由 {registration.registered_by} 登记"
        if registration.verified_at is not None:
            said += f"，{registration.verified_at:%Y-%m-%d} 已验证"
        if registration.exception_reason:
            said += "（例外登记）"
        return Outcome.ALREADY, said
    if not card.met:
        return Outcome.SHORT, shortfall(card) + ("；未发证" if card.certificate_id is None else "")
    if card.certificate_id is None and certificate_required:
        return Outcome.NO_CERTIFICATE, "已达标，但还没有继续教育证书：请先发证"
    return Outcome.REGISTERED, ""


def _trainees(session: Session, path: str) -> list[uuid.UUID]:
    low, high = subtree_bounds(path)
    return list(session.scalars(select(Trainee.id).where(
        Trainee.org_path >= low, Trainee.org_path < high, Trainee.deleted_at.is_(None), Trainee.active.is_(True))
        .order_by(Trainee.org_path, Trainee.real_name, Trainee.id_number)))


def _line(card: YearCard, outcome: Outcome, reason: str, *, issued: bool = False,
          certificate: str | None = None) -> BatchLine:
    return BatchLine(card.trainee_id, card.name, card.id_number, card.org, certificate or card.certificate_number or "",
                     card.total, card.required, outcome, reason, issued)


def _scope(session: Session, actor: Actor, org_id: uuid.UUID) -> Org:
    org = session.get(Org, org_id)
    if org is None or org.deleted_at is not None:
        raise DeskError("找不到该机构。")
    actor.require_access(org.path)
    return org


def plan_batch(session: Session, actor: Actor, org_id: uuid.UUID, year: int, *, issue_missing: bool = False,
               state: TaskState | None = None, share: float = 1.0) -> BatchPlan:
    """Each 在职 trainee of the org's subtree with what the batch would do and why (``share``:
    the part of the job's progress this is)."""
    actor.require_role(*DESK_ROLES, doing="批量登记学时")
    state = state or TaskState()
    org = _scope(session, actor, org_id)
    ids = _trainees(session, org.path)
    lines = []
    for number, trainee_id in enumerate(ids):
        if number % 25 == 0:
            state.report(share * number / max(1, len(ids)), f"正在核对 {number:,}/{len(ids):,} 名学员…")
        card = year_card(session, actor, trainee_id, year)
        outcome, reason = _verdict(card, certificate_required=not issue_missing)
        lines.append(_line(card, outcome, reason))
    return BatchPlan(full_name_of(session, org.id), org.path, year, lines)


def register_met(uow: UnitOfWork | Session, actor: Actor, org_id: uuid.UUID, year: int, *,
                 issue_missing: bool = False, state: TaskState | None = None,
                 today: dt.date | None = None) -> BatchOutcome:
    """Register every met trainee of the subtree not registered yet; the others listed with why."""
    uow = unit_of(uow)
    session = uow.session
    state = state or TaskState()
    plan = plan_batch(session, actor, org_id, year, issue_missing=issue_missing, state=state, share=0.5)
    todo = plan.to_register
    lines, done = [], 0
    for line in plan.lines:
        if line.outcome is not Outcome.REGISTERED:
            lines.append(line)
            continue
        if done % 25 == 0:
            state.report(0.5 + 0.5 * done / max(1, todo), f"正在登记 {done:,}/{todo:,} 名达标学员…")
        done += 1
        try:
            with session.begin_nested():  # a refused trainee leaves nothing of its own behind
                issued = None
                if not line.certificate:
                    issued = certificates.issue_certificate(session, actor, line.trainee_id, today=today)
                certificates.register_year(session, actor, line.trainee_id, year)
        except DeskError as exc:
            lines.append(BatchLine(line.trainee_id, line.name, line.id_number, line.org, line.certificate, line.total,
                                   line.required, Outcome.REFUSED, str(exc)))
            continue
        lines.append(BatchLine(line.trainee_id, line.name, line.id_number, line.org,
                               issued.number if issued else line.certificate, line.total, line.required,
                               Outcome.REGISTERED, "本次发证并登记" if issued else "", issued is not None))
    state.report(0.99, "正在保存…")  # the last place a cancel stops the batch: before it commits
    outcome = BatchOutcome(new_id(), plan.org, plan.org_path, year, actor.username, today or dt.date.today(), lines)
    audit.record(session, actor.username, "certificate.register_batch", plan.org, {
        "batch": outcome.batch_id.hex, "year": year, **outcome.counts(),
        "issued": sum(line.issued for line in lines),
        "registered_trainees": [line.trainee_id.hex for line in lines if line.outcome is Outcome.REGISTERED]})
    uow.commit()
    return outcome


# --- the printable 登记名单 ----------------------------------------------------------------------


def list_rows(outcome: BatchOutcome) -> list[tuple]:
    """The list's rows: the registered first, then those not registered, each group by org and name."""
    order = {Outcome.REGISTERED: 0, Outcome.ALREADY: 1, Outcome.REFUSED: 2, Outcome.NO_CERTIFICATE: 3,
             Outcome.SHORT: 4}
    lines = sorted(outcome.lines, key=lambda line: (order[line.outcome], line.org, line.name))
    return [(n, line.outcome.label, line.name, line.id_number, line.org, line.certificate, line.total,
             line.required, line.reason) for n, line in enumerate(lines, 1)]


def save_batch_list(database: Database, actor: Actor, outcome: BatchOutcome, path: Path | str) -> Path:
    """The 登记名单 of a batch as .xlsx or .pdf (by the name's suffix); the save is audited."""
    from tjce_desktop.exchange.registration_list import RegistrationList, write_list_pdf, write_list_xlsx

    path = Path(path)
    document = RegistrationList(outcome.org, outcome.year, outcome.registered_on, outcome.clerk,
                                outcome.batch_id.hex, outcome.counts(), list_rows(outcome))
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        write_list_pdf(path, document)
    elif suffix == ".xlsx":
        write_list_xlsx(path, document)
    else:
        raise UserError(f"登记名单只能保存为 .xlsx 或 .pdf：“{path.name}”")
    with UnitOfWork(database, actor) as uow:
        audit.record_event(uow, actor.username, "certificate.batch_list", path.name,
                           {"batch": outcome.batch_id.hex, "rows": len(outcome.lines)})
    return path


def registered_ids(outcome: BatchOutcome) -> Sequence[uuid.UUID]:
    return [line.trainee_id for line in outcome.lines if line.outcome is Outcome.REGISTERED]
