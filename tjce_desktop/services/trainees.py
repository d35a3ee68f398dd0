"""学员管理 use cases: add, edit, move, leave, and read one trainee with their archive."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tjce_desktop.domain.enums import CourseCategory, LearningStatus, PostType, StampStatus, TitleLevel
from tjce_desktop.domain.errors import UserError
from tjce_desktop.domain.id_number import IdNumberError, parse_id_number
from tjce_desktop.domain.text import foreign_digit, normalise_text
from tjce_desktop.services import audit, fields
from tjce_desktop.services.actor import TRAINEE_EDITORS, Actor, ScopeError
from tjce_desktop.services.orgs import full_name_of
from tjce_desktop.services.trainee_listing import TraineeSelection, selection_rowids
from tjce_desktop.services.trainee_transfer import LOGIN_TAKEN_ELSEWHERE, registered_elsewhere
from tjce_desktop.storage.derived import copy_trainee_scope_to_archives
from tjce_desktop.storage.models import (
    Course,
    CourseProgress,
    Enrollment,
    Exam,
    ExamAttempt,
    Org,
    Trainee,
    TrainingPlan,
)
from tjce_desktop.storage.unit_of_work import UnitOfWork

# ASCII digits only (\d would take other scripts' digits too; see domain/text.py).
_PHONE = re.compile(r"^\+?[0-9\-]{7,20}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

# Field names as the form and the import name them, with their labels.
FIELD_LABELS = {
    "username": "学员姓名",
    "real_name": "真实姓名",
    "id_number": "身份证号",
    "org": "所属机构",
    "phone": "手机",
    "email": "电子邮箱",
    "title_level": "职称",
    "post_type": "岗位类别",
    "high_tech": "高新技术",
    "job_title": "职务",
}
REQUIRED_FIELDS = ("username", "real_name", "id_number")


class TraineeValidationError(UserError, ValueError):
    """``errors`` maps a field name to its Chinese message; ``transferable``: the ID number is
    registered in another unit that marked the person 离职, so 调入 is the way (trainee_transfer)."""

    def __init__(self, errors: dict[str, str], *, transferable: bool = False) -> None:
        super().__init__("；".join(f"{FIELD_LABELS.get(k, k)}：{v}" for k, v in errors.items()))
        self.errors = errors
        self.transferable = transferable


class TraineeNotFound(UserError, LookupError):
    """``str()`` is the Chinese message."""


@dataclass(frozen=True, slots=True)
class TraineeForm:
    """What the add/edit dialog and the import hand in; texts as typed, cleaned here."""

    username: str
    real_name: str
    id_number: str
    org_id: uuid.UUID
    phone: str = ""
    email: str = ""
    title_level: str = TitleLevel.NONE.value
    post_type: str = PostType.PROFESSIONAL.value
    high_tech: bool = False
    job_title: str = ""


@dataclass(frozen=True, slots=True)
class TraineeDetail:
    id: uuid.UUID
    org_id: uuid.UUID
    org_full_name: str
    username: str
    real_name: str
    id_number: str
    gender: str
    birth_date: dt.date
    phone: str
    email: str
    title_level: str
    post_type: str
    high_tech: bool
    job_title: str
    active: bool
    left_on: dt.date | None
    row_version: int


@dataclass(frozen=True, slots=True)
class CleanTrainee:
    """A form after cleaning and validation: what gets stored."""

    username: str
    real_name: str
    id_number: str
    gender: str
    birth_date: dt.date
    org_id: uuid.UUID
    org_path: str
    phone: str | None
    email: str | None
    title_level: str
    post_type: str
    high_tech: bool
    job_title: str | None


def _enum_value(enum_type, raw: str, default: str) -> str | None:
    text = normalise_text(raw)
    if not text:
        return default
    try:
        return enum_type.from_label(text).value
    except ValueError:
        return None


def clean_form(form: TraineeForm, *, today: dt.date | None = None) -> tuple[dict, dict[str, str]]:
    """Clean the texts and check each field on its own (no database). Returns values, errors.

    Every text goes through its field of ``services/fields.py``: the same cleaning and the
    database's own limits for the dialog, the import and the command line."""
    errors: dict[str, str] = {}
    values: dict = {}
    for name, spec in (("username", fields.TRAINEE_USERNAME), ("real_name", fields.TRAINEE_REAL_NAME),
                       ("email", fields.TRAINEE_EMAIL), ("job_title", fields.TRAINEE_JOB_TITLE)):
        value, problem = spec.check(getattr(form, name))
        if problem == "不能为空。":
            problem = "必填。"
        if problem:
            errors[name] = problem
        values[name] = value
    try:
        parsed = parse_id_number(form.id_number, today=today)
        values.update(id_number=parsed.value, gender=parsed.gender.value, birth_date=parsed.birth_date)
    except IdNumberError as exc:
        errors["id_number"] = str(exc)
    phone, problem = fields.TRAINEE_PHONE.check("".join(normalise_text(form.phone).split()))
    foreign = foreign_digit(phone)
    if problem:
        errors["phone"] = problem
    elif foreign is not None:
        errors["phone"] = f"手机号码中的“{foreign}”是其他文字的数字，请只用 0–9 这十个数字。"
    elif phone and not _PHONE.match(phone):
        digits = sum(ch.isdigit() for ch in phone)
        errors["phone"] = (f"手机号码“{phone}”只有 {digits} 位数字，太短了（至少 7 位，含区号的固定电话也可以）。"
                           if set(phone) <= set("+-0123456789") and digits < 7 else
                           f"手机号码“{phone}”格式不对：只能包含数字和“-”，最多 20 位。")
    values["phone"] = phone or None
    if values["email"] and not _EMAIL.match(values["email"]):
        errors["email"] = f"电子邮箱“{values['email']}”格式不对。"
    values["email"] = values["email"] or None
    title = _enum_value(TitleLevel, form.title_level, TitleLevel.NONE.value)
    if title is None:
        errors["title_level"] = f"职称应为 {'、'.join(TitleLevel.labels())} 之一。"
    post = _enum_value(PostType, form.post_type, PostType.PROFESSIONAL.value)
    if post is None:
        errors["post_type"] = f"岗位类别应为 {'、'.join(PostType.labels())} 之一。"
    values.update(title_level=title, post_type=post, high_tech=bool(form.high_tech),
                  job_title=values["job_title"] or None)
    return values, errors


def _describe(session: Session, trainee: Trainee) -> str:
    return f"{full_name_of(session, trainee.org_id)}的学员 {trainee.real_name}（{trainee.username}）"


def validate(session: Session, actor: Actor, form: TraineeForm, *, existing_id: uuid.UUID | None = None,
             today: dt.date | None = None) -> CleanTrainee:
    """Every error at once, each beside its field; raises TraineeValidationError."""
    values, errors = clean_form(form, today=today)
    org = session.get(Org, form.org_id)
    if org is None or org.deleted_at is not None:
        errors["org"] = "请选择所属机构。"
    elif not actor.may_access(org.path):
        errors["org"] = "该机构不在您的管辖范围内。"
    # A holder outside the actor's scope is named by nothing (not name, login or org).
    if "username" not in errors:
        other = session.scalar(select(Trainee).where(Trainee.username == values["username"],
                                                     Trainee.deleted_at.is_(None), Trainee.id != existing_id))
        if other is not None:
            errors["username"] = (f"“{values['username']}”已被{_describe(session, other)}使用。"
                                  if actor.may_access(other.org_path) else LOGIN_TAKEN_ELSEWHERE)
    transferable = False
    if "id_number" not in errors:
        other = session.scalar(select(Trainee).where(Trainee.id_number == values["id_number"],
                                                     Trainee.deleted_at.is_(None), Trainee.id != existing_id))
        if other is not None and actor.may_access(other.org_path):
            errors["id_number"] = f"该身份证号已属于{_describe(session, other)}。"
        elif other is not None:
            errors["id_number"] = registered_elsewhere(other)
            transferable = not other.active and existing_id is None
    if errors:
        raise TraineeValidationError(errors, transferable=transferable)
    assert org is not None  # else errors["org"]
    return CleanTrainee(org_id=org.id, org_path=org.path, **values)


def _detail(session: Session, trainee: Trainee) -> TraineeDetail:
    return TraineeDetail(
        id=trainee.id, org_id=trainee.org_id, org_full_name=full_name_of(session, trainee.org_id),
        username=trainee.username, real_name=trainee.real_name, id_number=trainee.id_number,
        gender=trainee.gender, birth_date=trainee.birth_date, phone=trainee.phone or "", email=trainee.email or "",
        title_level=trainee.title_level, post_type=trainee.post_type, high_tech=trainee.high_tech,
        job_title=trainee.job_title or "", active=trainee.active, left_on=trainee.left_on,
        row_version=trainee.row_version,
    )


def _load(session: Session, actor: Actor, trainee_id: uuid.UUID) -> Trainee:
    trainee = session.get(Trainee, trainee_id)
    if trainee is None or trainee.deleted_at is not None:
        raise TraineeNotFound("找不到该学员，可能已被删除。")
    if not actor.may_access(trainee.org_path):
        raise ScopeError("该学员不在您的管辖范围内。")
    return trainee


def get_trainee(uow: UnitOfWork, actor: Actor, trainee_id: uuid.UUID) -> TraineeDetail:
    return _detail(uow.session, _load(uow.session, actor, trainee_id))


def trainee_ids_for_rowids(uow: UnitOfWork, rowids: list[int]) -> list[uuid.UUID]:
    """The keys of rows the table model shows (it holds SQLite rowids), in the same order."""
    found: dict[int, str] = {}
    connection = uow.session.connection()
    for start in range(0, len(rowids), 500):
        chunk = rowids[start:start + 500]
        sql = f"SELECT rowid, id FROM trainee WHERE rowid IN ({', '.join('?' * len(chunk))})"
        found.update(connection.exec_driver_sql(sql, tuple(chunk)).all())
    if len(found) < len(set(rowids)):
        raise TraineeNotFound("有选中的学员已被删除，请刷新后重试。")
    return [uuid.UUID(found[rowid]) for rowid in rowids]


def trainee_ids_for_selection(uow: UnitOfWork, selection: TraineeSelection) -> list[uuid.UUID]:
    """The keys a selection of 学员管理 stands for: the rows picked, or every result of the
    query, read in SQL now (so the count is that of the data, not of the rows loaded)."""
    return trainee_ids_for_rowids(uow, selection_rowids(uow.session.connection(), selection))


def _load_many(session: Session, actor: Actor, trainee_ids: list[uuid.UUID]) -> list[Trainee]:
    """The trainees of ``trainee_ids`` in that order, read 500 at a time (a bulk action over a
    whole query may name tens of thousands); each checked like ``_load``."""
    found: dict[uuid.UUID, Trainee] = {}
    for start in range(0, len(trainee_ids), 500):
        chunk = trainee_ids[start:start + 500]
        found.update((t.id, t) for t in session.scalars(select(Trainee).where(Trainee.id.in_(chunk))))
    trainees = []
    for trainee_id in dict.fromkeys(trainee_ids):
        trainee = found.get(trainee_id)
        if trainee is None or trainee.deleted_at is not None:
            raise TraineeNotFound("找不到该学员，可能已被删除。")
        if not actor.may_access(trainee.org_path):
            raise ScopeError("该学员不在您的管辖范围内。")
        trainees.append(trainee)
    return trainees


def add_trainee(uow: UnitOfWork, actor: Actor, form: TraineeForm) -> TraineeDetail:
    actor.require_role(*TRAINEE_EDITORS, doing="添加学员")
    clean = validate(uow.session, actor, form)
    trainee = Trainee(**_fields(clean))
    uow.session.add(trainee)
    uow.session.flush()
    audit.record(uow.session, actor.username, "trainee.create", f"trainee:{trainee.id}",
                 {"username": trainee.username, "real_name": trainee.real_name, "org": clean.org_path})
    detail = _detail(uow.session, trainee)
    uow.commit()
    return detail


def _fields(clean: CleanTrainee) -> dict:
    return {name: getattr(clean, name) for name in CleanTrainee.__slots__}


_AUDITED_FIELDS = ("username", "real_name", "id_number", "org_id", "phone", "email", "title_level", "post_type",
                   "high_tech", "job_title")


def apply_changes(trainee: Trainee, values: dict[str, object]) -> dict[str, dict[str, object]]:
    """Set ``values`` on the trainee; returns the audited fields that changed, each as
    ``{"old": …, "new": …}`` (the trainee's audit detail, for an edit and an import alike)."""
    changes: dict[str, dict[str, object]] = {}
    for name, value in values.items():
        old = getattr(trainee, name)
        if old != value:
            if name in _AUDITED_FIELDS:
                changes[name] = {"old": str(old) if old is not None else None,
                                 "new": str(value) if value is not None else None}
            setattr(trainee, name, value)
    return changes


def update_trainee(uow: UnitOfWork, actor: Actor, trainee_id: uuid.UUID, form: TraineeForm) -> TraineeDetail:
    actor.require_role(*TRAINEE_EDITORS, doing="修改学员")
    trainee = _load(uow.session, actor, trainee_id)
    clean = validate(uow.session, actor, form, existing_id=trainee_id)
    changes = apply_changes(trainee, _fields(clean))
    if changes:
        if "org_id" in changes:
            copy_trainee_scope_to_archives(uow.session, [trainee])
        uow.session.flush()
        audit.record(uow.session, actor.username, "trainee.update", f"trainee:{trainee.id}", changes)
    detail = _detail(uow.session, trainee)
    uow.commit()
    return detail


@dataclass(frozen=True, slots=True)
class MoveResult:
    moved: int
    target_full_name: str


def move_trainees(uow: UnitOfWork, actor: Actor, trainee_ids: list[uuid.UUID], target_org_id: uuid.UUID) -> MoveResult:
    actor.require_role(*TRAINEE_EDITORS, doing="调整学员的组织机构")
    session = uow.session
    target = session.get(Org, target_org_id)
    if target is None or target.deleted_at is not None:
        raise TraineeNotFound("找不到目标机构。")
    if not actor.may_access(target.path):
        raise ScopeError("目标机构不在您的管辖范围内。")
    moved, changed = [], []
    for trainee in _load_many(session, actor, trainee_ids):
        if trainee.org_id != target.id:
            moved.append({"trainee": str(trainee.id), "from": trainee.org_path})
            trainee.org_id, trainee.org_path = target.id, target.path
            changed.append(trainee)
    copy_trainee_scope_to_archives(session, changed)
    target_name = full_name_of(session, target.id)
    audit.record(session, actor.username, "trainee.move", f"org:{target.id}",
                 {"to": target.path, "count": len(moved), "trainees": moved})
    uow.commit()
    return MoveResult(len(moved), target_name)


def set_left(uow: UnitOfWork, actor: Actor, trainee_ids: list[uuid.UUID], left: bool,
             on: dt.date | None = None) -> int:
    """Mark trainees as left (离职/调出) or back at work. Their archives stay as they are."""
    actor.require_role(*TRAINEE_EDITORS, doing="办理离职或恢复在职")
    changed = []
    for trainee in _load_many(uow.session, actor, trainee_ids):
        if trainee.active == (not left):
            continue
        trainee.active = not left
        trainee.left_on = (on or dt.date.today()) if left else None
        changed.append(trainee)
    copy_trainee_scope_to_archives(uow.session, changed)
    uow.session.flush()
    audit.record(uow.session, actor.username, "trainee.leave" if left else "trainee.reinstate", None,
                 {"count": len(changed), "trainees": [str(t) for t in trainee_ids]})
    uow.commit()
    return len(changed)


# --- the learning archive (查看档案) ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AttemptLine:
    exam_name: str
    attempt_no: int
    max_attempts: int
    score: float | None
    passed: bool
    taken_at: dt.datetime


@dataclass(frozen=True, slots=True)
class ArchiveEntry:
    plan_name: str
    year: int
    status: str  # label
    hours_by_category: dict[str, float]  # CourseCategory label → hours
    hours: float
    plan_hours: float
    enrolled_at: dt.datetime
    finished_at: dt.datetime | None
    stamp_status: str  # label
    stamped_at: dt.datetime | None
    attempts: tuple[AttemptLine, ...] = field(default_factory=tuple)


def trainee_archive(uow: UnitOfWork, actor: Actor, trainee_id: uuid.UUID) -> list[ArchiveEntry]:
    session = uow.session
    _load(session, actor, trainee_id)
    enrollments = session.execute(
        select(Enrollment, TrainingPlan).join(TrainingPlan, TrainingPlan.id == Enrollment.plan_id)
        .where(Enrollment.trainee_id == trainee_id, Enrollment.deleted_at.is_(None))
        .order_by(TrainingPlan.year.desc(), TrainingPlan.name)
    ).all()
    entries = []
    for enrollment, plan in enrollments:
        by_category = {category.label: 0.0 for category in CourseCategory}
        for category, hours in session.execute(
            select(Course.category, func.sum(CourseProgress.hours))
            .join(Course, Course.id == CourseProgress.course_id)
            .where(CourseProgress.enrollment_id == enrollment.id, CourseProgress.deleted_at.is_(None))
            .group_by(Course.category)
        ):
            by_category[CourseCategory(category).label] = float(hours or 0)
        plan_hours = session.scalar(select(func.sum(Course.hours)).where(Course.plan_id == plan.id,
                                                                         Course.deleted_at.is_(None))) or 0.0
        attempts = tuple(
            AttemptLine(exam.name, attempt.attempt_no, exam.max_attempts, attempt.score, attempt.passed,
                        attempt.taken_at)
            for attempt, exam in session.execute(
                select(ExamAttempt, Exam).join(Exam, Exam.id == ExamAttempt.exam_id)
                .where(ExamAttempt.enrollment_id == enrollment.id, ExamAttempt.deleted_at.is_(None))
                .order_by(Exam.sort_order, ExamAttempt.attempt_no)
            )
        )
        entries.append(ArchiveEntry(
            plan_name=plan.name, year=plan.year, status=LearningStatus(enrollment.status).label,
            hours_by_category={k: v for k, v in by_category.items() if v or plan_hours},
            hours=enrollment.hours, plan_hours=float(plan_hours), enrolled_at=enrollment.enrolled_at,
            finished_at=enrollment.finished_at, stamp_status=StampStatus(enrollment.stamp_status).label,
            stamped_at=enrollment.stamped_at, attempts=attempts,
        ))
    return entries
