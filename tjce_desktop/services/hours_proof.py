"""学时证明 for a 职称 application: a trainee's hours by category over the last N years, each
year's requirement, 达标, 登记 and 验证, signed like an archive sheet.

Every year is read through the desk's year card (``certificate_desk.year_card``), so the
figures and the verdict are those of the registration desk under the year's rule. The proof
is signed with this installation's key under its issuer chain (``sheet_signing``), printed
with its QR and short code, and its issue audited (``certificate.proof``, the signed code in
the entry: the short code finds it there on this desk).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from tjce_desktop.domain import short_code
from tjce_desktop.domain.enums import CourseCategory, Role, TitleLevel
from tjce_desktop.domain.task_state import TaskState
from tjce_desktop.services import audit
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.batch_registration import shortfall
from tjce_desktop.services.certificate_desk import DESK_ROLES, DeskError, YearCard, trainee_in_scope, year_card
from tjce_desktop.services.proof_claim import ProofClaim, ProofYear
from tjce_desktop.services.sheet_signing import (
    PROOF_ACTION,
    SigningUnavailable,
    encode,
    new_short_code,
    printing_signer,
)
from tjce_desktop.storage.database import Database
from tjce_desktop.storage.unit_of_work import UnitOfWork

PROOF_ROLES = (*DESK_ROLES, Role.AUDITOR)
DEFAULT_YEARS = 5
MAX_YEARS = 10  # what one A4 page holds
NOTES = ["说明：学时按年度统计，平台课程按完成日期、其他形式学习按结束日期计入当年；年度要求按当年规定和年末职称。",
         "“证书登记”为该年度学时在《继续教育证书》中的登记与验证情况；未登记的年度仅列出学时。"]


@dataclass(frozen=True)
class IssuedProof:
    claim: ProofClaim
    code: str  # the QR's full code
    short_code: str  # grouped, as printed
    self_issued: bool


def proof_years(count: int, last_year: int | None = None, *, today: dt.date | None = None) -> list[int]:
    """The ``count`` years ending with ``last_year`` (default: the last year that has ended)."""
    if not 1 <= count <= MAX_YEARS:
        raise DeskError(f"证明年数应为 1 到 {MAX_YEARS} 年。")
    last = last_year or (today or dt.date.today()).year - 1
    return list(range(last - count + 1, last + 1))


def _year(card: YearCard) -> ProofYear:
    registration = card.registration
    if registration is None:
        state, registered_on, verified_on = "未登记", "", ""
    else:
        state = "已验证" if registration.verified_at else "已登记"
        state += "（例外）" if registration.exception_reason else ""
        registered_on = f"{registration.registered_at:%Y-%m-%d}"
        verified_on = f"{registration.verified_at:%Y-%m-%d}" if registration.verified_at else ""
    required, elective, professional = (f"{card.hours.get(category.label, 0.0):g}" for category in CourseCategory)
    return ProofYear(str(card.year), required, elective, professional, f"{card.other_hours:g}", f"{card.total:g}",
                     f"{card.required:g}", "达标" if card.met else "未达标", "" if card.met else shortfall(card), state,
                     registered_on, verified_on)


def gather_proof(session, actor: Actor, trainee_id: uuid.UUID, years: list[int], *, issued_on: dt.date) -> ProofClaim:
    cards = [year_card(session, actor, trainee_id, year) for year in years]
    trainee = trainee_in_scope(session, actor, trainee_id)
    latest = cards[-1]
    return ProofClaim(trainee.id, latest.name, latest.id_number, latest.org, latest.org_path,
                      TitleLevel(trainee.title_level).label, issued_on.isoformat(), actor.username,
                      tuple(_year(card) for card in cards))


def issue_proof(database: Database, actor: Actor, trainee_id: uuid.UUID, path: Path | str, *,
                years: int = DEFAULT_YEARS, last_year: int | None = None, today: dt.date | None = None,
                state: TaskState | None = None) -> IssuedProof:
    """Sign and write the proof to ``path`` (PDF); audited. Nothing is recorded when the file
    cannot be written."""
    from tjce_desktop.exchange.proof_pdf import write_proof_pdf

    actor.require_role(*PROOF_ROLES, doing="出具学时证明")
    state = state or TaskState()
    today = today or dt.date.today()
    chosen = proof_years(years, last_year, today=today)
    with UnitOfWork(database, actor) as uow:
        session = uow.session
        state.report(0.1, "正在汇总各年度学时…")
        claim = gather_proof(session, actor, trainee_id, chosen, issued_on=today)
        signer = printing_signer(session, actor.username, today=today)
        certificate = signer.certificate
        if certificate is not None and not certificate.covers(claim.org_path):
            raise SigningUnavailable(f"本机的签发密钥只被认证为“{certificate.scope_name}”签发，"
                                     f"“{claim.name}”（{claim.org}）不在此范围内，不能出具带签名的学时证明。")
        raw = signer.signed_proof(claim)
        code = encode(raw)
        short = new_short_code(session)
        self_issued = bool(certificate and certificate.self_issued)
        state.report(0.6, "正在生成学时证明…")
        write_proof_pdf(path, claim, code=code, short_code=short_code.grouped(short), self_issued=self_issued,
                        notes=NOTES)
        audit.record(session, actor.username, PROOF_ACTION, short,
                     {"trainee": trainee_id.hex, "years": [chosen[0], chosen[-1]], "file": Path(path).name,
                      "key": signer.key_id, "signed": code})
        uow.commit()
    return IssuedProof(claim, code, short_code.grouped(short), self_issued)
