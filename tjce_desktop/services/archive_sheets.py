"""The printed 学习档案 / 学时证明: gather each archive's content, sign stamped ones, write the PDF.

Archives are read in chunks of 500 (three queries a chunk: archives, courses, exams), so
printing thousands of sheets streams with flat memory and can be cancelled between chunks.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from tjce_desktop.domain import batch_number, short_code
from tjce_desktop.domain.enums import CourseCategory, LearningStatus, Role, StampStatus, TitleLevel
from tjce_desktop.domain.id_number import mask_id_number
from tjce_desktop.domain.task_state import TaskState
from tjce_desktop.services import audit
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.orgs import list_orgs
from tjce_desktop.services.sheet_signing import (
    SheetClaim,
    SheetSigner,
    SigningUnavailable,
    encode,
    printing_signer,
    record_issued,
    require_covers,
)
from tjce_desktop.services.stamping import sealed_unit
from tjce_desktop.storage.database import Database
from tjce_desktop.storage.models import Org
from tjce_desktop.storage.unit_of_work import UnitOfWork

PRINTING_ROLES = (Role.CITY_ADMIN, Role.UNIT_SUPERVISOR, Role.AUDITOR)
_CHUNK = 500
_CATEGORY = {member.value: member.label for member in CourseCategory}
_CATEGORY_ORDER = {member.value: n for n, member in enumerate(CourseCategory)}


@dataclass(frozen=True, slots=True)
class CourseLine:
    category: str  # label
    name: str
    hours: float  # the course's hours
    earned: float
    finished_on: str


@dataclass(frozen=True, slots=True)
class ExamLine:
    name: str
    best_score: float | None
    passed: bool
    attempts: int
    max_attempts: int


@dataclass(slots=True)
class ArchiveSheet:
    archive_id: uuid.UUID
    name: str
    id_number: str  # masked
    org: str
    title_level: str
    plan: str
    year: int
    period: str
    status: str
    hours: float
    required_hours: float
    finished_on: str
    courses: list[CourseLine] = field(default_factory=list)
    exams: list[ExamLine] = field(default_factory=list)
    stamped: bool = False
    stamped_on: str = ""
    batch_id: uuid.UUID | None = None
    batch_number: str = ""  # GZ-2026-7KQ3M-000123, as people read it
    seal_org_id: str = ""  # hex
    seal_org: str = ""
    org_path: str = ""
    seal_path: str = ""
    code: str = ""  # the QR's full verification code of a stamped sheet
    short_code: str = ""  # the code to type, grouped
    self_issued: bool = False  # signed by a standalone installation's own root

    def claim(self, issued_on: dt.date) -> SheetClaim:
        return SheetClaim(self.archive_id, self.batch_id, self.name, self.id_number, self.org, self.org_path,
                          self.plan, str(self.year), f"{self.hours:g}", f"{self.required_hours:g}", self.finished_on,
                          self.stamped_on, self.seal_org, self.seal_path, issued_on.isoformat())


def _date(value) -> str:
    return str(value)[:10] if value else ""


def load_sheets(session: Session, actor: Actor, archive_ids: Sequence[str], org_names: dict[str, str],
                signer: SheetSigner | None, *, org_paths: dict[str, str] | None = None,
                issued_on: dt.date | None = None) -> list[ArchiveSheet]:
    """Sheets for up to a few hundred archives (hex keys), in the order given. With a
    signer, each stamped sheet is signed and recorded under a short code (caller commits)."""
    if not archive_ids:
        return []
    marks = ", ".join("?" * len(archive_ids))
    connection = session.connection()
    rows = connection.exec_driver_sql(
        "SELECT e.id, e.org_path, e.status, e.hours, e.finished_at, e.stamp_status, e.stamped_at, e.stamp_batch_id, "
        "t.real_name, t.id_number, t.org_id, t.title_level, p.id AS plan_id, p.name AS plan, p.year, p.starts_on, "
        "p.ends_on, b.org_id AS seal_org_id, b.number AS batch_number, b.stamped_at AS batch_at "
        "FROM enrollment e JOIN trainee t ON t.id = e.trainee_id JOIN training_plan p ON p.id = e.plan_id "
        f"LEFT JOIN stamp_batch b ON b.id = e.stamp_batch_id WHERE e.id IN ({marks}) AND e.deleted_at IS NULL",
        tuple(archive_ids)).all()
    for row in rows:
        actor.require_access(row.org_path)
    seal_of = _sealed_units(session, {row.seal_org_id for row in rows if row.seal_org_id})
    plan_ids = sorted({row.plan_id for row in rows})
    plan_marks = ", ".join("?" * len(plan_ids))
    plan_courses: dict[str, list] = defaultdict(list)
    for course in connection.exec_driver_sql(
            f"SELECT id, plan_id, name, category, hours FROM course WHERE plan_id IN ({plan_marks}) "
            "AND deleted_at IS NULL ORDER BY sort_order, name", tuple(plan_ids)):
        plan_courses[course.plan_id].append(course)
    plan_exams: dict[str, list] = defaultdict(list)
    for exam in connection.exec_driver_sql(
            f"SELECT id, plan_id, name, max_attempts FROM exam WHERE plan_id IN ({plan_marks}) "
            "AND deleted_at IS NULL ORDER BY sort_order, name", tuple(plan_ids)):
        plan_exams[exam.plan_id].append(exam)
    progress = {(p.enrollment_id, p.course_id): p for p in connection.exec_driver_sql(
        f"SELECT enrollment_id, course_id, hours, finished_at FROM course_progress WHERE enrollment_id IN ({marks}) "
        "AND deleted_at IS NULL", tuple(archive_ids))}
    attempts = {(a.enrollment_id, a.exam_id): a for a in connection.exec_driver_sql(
        "SELECT enrollment_id, exam_id, max(score) AS best, max(passed) AS passed, count(*) AS n FROM exam_attempt "
        f"WHERE enrollment_id IN ({marks}) AND deleted_at IS NULL GROUP BY enrollment_id, exam_id",
        tuple(archive_ids))}
    by_id = {}
    for row in rows:
        courses = sorted(plan_courses[row.plan_id], key=lambda c: _CATEGORY_ORDER.get(c.category, 9))
        lines = []
        for course in courses:
            done = progress.get((row.id, course.id))
            lines.append(CourseLine(_CATEGORY.get(course.category, course.category), course.name, course.hours,
                                    done.hours if done else 0.0, _date(done.finished_at) if done else ""))
        exams = []
        for exam in plan_exams[row.plan_id]:
            tried = attempts.get((row.id, exam.id))
            exams.append(ExamLine(exam.name, tried.best if tried else None, bool(tried and tried.passed),
                                  tried.n if tried else 0, exam.max_attempts))
        stamped = row.stamp_status == StampStatus.STAMPED.value
        sheet = ArchiveSheet(
            archive_id=uuid.UUID(hex=row.id), name=row.real_name, id_number=mask_id_number(row.id_number),
            org=org_names.get(row.org_id, ""), title_level=_title(row.title_level), plan=row.plan, year=row.year,
            period=f"{_date(row.starts_on)} 至 {_date(row.ends_on)}", status=_status(row.status), hours=row.hours,
            required_hours=sum(course.hours for course in courses), finished_on=_date(row.finished_at),
            courses=lines, exams=exams, stamped=stamped, stamped_on=_date(row.stamped_at) if stamped else "",
            batch_id=uuid.UUID(hex=row.stamp_batch_id) if stamped and row.stamp_batch_id else None,
            batch_number=batch_number.shown(row.batch_number, row.stamp_batch_id, row.batch_at)
            if stamped and row.stamp_batch_id else "",
            seal_org_id=seal_of.get(row.seal_org_id, "") if stamped else "",
            seal_org=org_names.get(seal_of.get(row.seal_org_id, ""), "").split("/")[-1] if stamped else "",
            org_path=(org_paths or {}).get(row.org_id, row.org_path),
            seal_path=(org_paths or {}).get(seal_of.get(row.seal_org_id, ""), "") if stamped else "",
        )
        if stamped and signer is not None:
            claim = sheet.claim(issued_on or dt.date.today())
            require_covers(signer, claim)
            raw = signer.signed(claim)
            sheet.code = encode(raw)
            sheet.short_code = short_code.grouped(record_issued(session, claim, signer, raw))
            sheet.self_issued = bool(signer.certificate and signer.certificate.self_issued)
        by_id[row.id] = sheet
    return [by_id[archive_id] for archive_id in archive_ids if archive_id in by_id]


def _sealed_units(session: Session, org_ids: set[str]) -> dict[str, str]:
    """Each batch org's sealed unit (hex keys): itself, or for a 部门 (batches stamped before
    departments were refused) its nearest enclosing unit — a sheet never carries a
    department's seal."""
    result = {}
    for org_id in org_ids:
        org = session.get(Org, uuid.UUID(hex=org_id))
        unit = sealed_unit(session, org) if org is not None else None
        result[org_id] = unit.id.hex if unit is not None else org_id
    return result


def _title(value: str) -> str:
    try:
        return TitleLevel(value).label
    except ValueError:
        return value


def _status(value: str) -> str:
    try:
        return LearningStatus(value).label
    except ValueError:
        return value


def seal_images(session: Session, org_ids: set[str]) -> dict[str, bytes]:
    if not org_ids:
        return {}
    marks = ", ".join("?" * len(org_ids))
    return {row.id: row.seal_image for row in session.connection().exec_driver_sql(
        f"SELECT id, seal_image FROM org WHERE id IN ({marks}) AND seal_image IS NOT NULL", tuple(org_ids))}


def print_archives(database: Database, actor: Actor, archive_ids: Sequence[str], path: Path | str, *,
                   state: TaskState | None = None, printed_on: dt.date | None = None,
                   action: str = "archive.print", target: str | None = None) -> int:
    """Write one A4 sheet per archive to ``path``; returns the number of sheets. Audited as
    ``action`` on ``target`` (the file's name by default): the window's preview says so
    ("archive.preview") and names what it shows, not its temporary file."""
    from tjce_desktop.exchange.archive_pdf import ArchivePdfWriter

    actor.require_role(*PRINTING_ROLES, doing="打印学习档案")
    state = state or TaskState()
    archive_ids = list(dict.fromkeys(archive_ids))
    printed_on = printed_on or dt.date.today()
    with UnitOfWork(database, actor) as uow:
        session = uow.session
        orgs = list_orgs(session)
        org_names = {org.id.hex: org.full_name for org in orgs}
        org_paths = {org.id.hex: org.path for org in orgs}
        try:
            signer, refused = printing_signer(session, actor.username, today=printed_on), None
        except SigningUnavailable as exc:  # unstamped sheets still print; a stamped one says why not
            signer, refused = None, exc
        uow.commit()  # a newly made key is registered either way, so that it can be certified
        seals: dict[str, bytes] = {}

        def sheets() -> Iterator[ArchiveSheet]:
            for start in range(0, len(archive_ids), _CHUNK):
                chunk = load_sheets(session, actor, archive_ids[start:start + _CHUNK], org_names, signer,
                                    org_paths=org_paths, issued_on=printed_on)
                if refused is not None and any(sheet.stamped for sheet in chunk):
                    raise refused
                seals.update(seal_images(session, {s.seal_org_id for s in chunk if s.seal_org_id} - set(seals)))
                yield from chunk

        with ArchivePdfWriter(path, printed_on=printed_on, seal_images=seals) as writer:
            count = signed = 0
            for sheet in sheets():
                signed += bool(sheet.code)
                if count % 50 == 0:  # also where a cancel stops the job; the file is not written
                    state.report(count / len(archive_ids), f"正在生成学习档案 {count:,}/{len(archive_ids):,}…")
                writer.add(sheet)
                count += 1
        audit.record(session, actor.username, action, target or Path(path).name,
                     {"sheets": count, "signed": signed, "key": signer.key_id if signer else None})
        uow.commit()
    return count
