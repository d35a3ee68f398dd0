"""培训计划: the city administrator creates, edits, closes and deletes plans; others read them.

A plan's courses and exams are edited with the plan as one form. A course or exam that
already has learning records keeps its key (the records point at it) and cannot be
removed; a plan with archives cannot be deleted, only closed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import false, func, select, true
from sqlalchemy.orm import Session

from tjce_desktop.domain.enums import CourseCategory, ExamType, Role
from tjce_desktop.domain.errors import UserError
from tjce_desktop.domain.text import normalise_text
from tjce_desktop.services import audit, fields
from tjce_desktop.services.actor import Actor
from tjce_desktop.storage.models import Course, CourseProgress, Enrollment, Exam, ExamAttempt, TrainingPlan, utc_now
from tjce_desktop.storage.unit_of_work import UnitOfWork, unit_of


class PlanError(UserError, ValueError):
    """The form cannot be saved; ``str()`` is the Chinese message."""


@dataclass(slots=True)
class CourseForm:
    name: str
    category: CourseCategory
    hours: float
    id: uuid.UUID | None = None


@dataclass(slots=True)
class ExamForm:
    name: str
    exam_type: ExamType = ExamType.ONLINE
    max_attempts: int = 3
    pass_score: float = 60.0
    id: uuid.UUID | None = None


@dataclass(slots=True)
class PlanForm:
    name: str
    year: int
    starts_on: dt.date
    ends_on: dt.date
    description: str = ""
    courses: list[CourseForm] = field(default_factory=list)
    exams: list[ExamForm] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PlanSummary:
    id: uuid.UUID
    name: str
    year: int
    starts_on: dt.date
    ends_on: dt.date
    closed: bool
    course_count: int
    total_hours: float
    exam_count: int
    archive_count: int | None  # None when not counted (a scan of every archive: seconds on a city)

    def status(self, today: dt.date | None = None) -> str:
        """What the plan is today: 已关闭 (by the city), else by its dates — a 2025 plan is not 进行中 in 2026."""
        today = today or dt.date.today()
        if self.closed:
            return "已关闭"
        if today < self.starts_on:
            return "未开始"
        return "已结束" if today > self.ends_on else "进行中"


def _require_city_admin(actor: Actor, doing: str) -> None:
    actor.require_role(Role.CITY_ADMIN, doing=doing)


def _clean(spec: fields.Field, raw: object, problems: list[str], where: str = "") -> str:
    try:
        return spec.clean(raw)
    except fields.FieldError as exc:
        problems.append(f"{where}{exc}")
        return normalise_text(raw) if where else ""


def validate(form: PlanForm) -> list[str]:
    problems: list[str] = []
    form.name = _clean(fields.PLAN_NAME, form.name, problems)
    form.description = _clean(fields.PLAN_DESCRIPTION, form.description, problems)
    if not 2000 <= form.year <= 2100:
        problems.append("年度应在 2000 到 2100 之间。")
    if form.ends_on < form.starts_on:
        problems.append("结束日期早于开始日期。")
    if not form.courses:
        problems.append("计划至少要有一门课程。")
    names = set()
    for number, course in enumerate(form.courses, start=1):
        course.name = _clean(fields.COURSE_NAME, course.name, problems, f"第 {number} 门课程：")
        if course.name and course.name in names:
            problems.append(f"课程“{course.name}”重复。")
        names.add(course.name)
        if not 0 < course.hours <= 200:
            problems.append(f"课程“{course.name}”的学时应大于 0、不超过 200。")
    for number, exam in enumerate(form.exams, start=1):
        exam.name = _clean(fields.EXAM_NAME, exam.name, problems, f"第 {number} 场考试：")
        if not 1 <= exam.max_attempts <= 10:
            problems.append(f"考试“{exam.name}”的考试次数应在 1 到 10 之间。")
        if not 0 < exam.pass_score <= 100:
            problems.append(f"考试“{exam.name}”的合格分数应在 0 到 100 之间。")
    return problems


def list_plans(session: Session, year: int | None = None, *, count_archives: bool = True) -> list[PlanSummary]:
    courses = (select(Course.plan_id, func.count().label("n"), func.sum(Course.hours).label("hours"))
               .where(Course.deleted_at.is_(None)).group_by(Course.plan_id).subquery())
    exams = (select(Exam.plan_id, func.count().label("n")).where(Exam.deleted_at.is_(None))
             .group_by(Exam.plan_id).subquery())
    archives = (select(Enrollment.plan_id, func.count().label("n")).where(Enrollment.deleted_at.is_(None),
                                                                          true() if count_archives else false())
                .group_by(Enrollment.plan_id).subquery())
    query = (
        select(TrainingPlan, courses.c.n, courses.c.hours, exams.c.n, archives.c.n)
        .outerjoin(courses, courses.c.plan_id == TrainingPlan.id)
        .outerjoin(exams, exams.c.plan_id == TrainingPlan.id)
        .outerjoin(archives, archives.c.plan_id == TrainingPlan.id)
        .where(TrainingPlan.deleted_at.is_(None))
        .order_by(TrainingPlan.year.desc(), TrainingPlan.name)
    )
    if year is not None:
        query = query.where(TrainingPlan.year == year)
    return [
        PlanSummary(plan.id, plan.name, plan.year, plan.starts_on, plan.ends_on, plan.closed, course_count or 0,
                    float(hours or 0), exam_count or 0, (archive_count or 0) if count_archives else None)
        for plan, course_count, hours, exam_count, archive_count in session.execute(query)
    ]


def load_form(session: Session, plan_id: uuid.UUID) -> PlanForm:
    plan = _live_plan(session, plan_id)
    courses = session.scalars(select(Course).where(Course.plan_id == plan_id, Course.deleted_at.is_(None))
                              .order_by(Course.sort_order, Course.name))
    exams = session.scalars(select(Exam).where(Exam.plan_id == plan_id, Exam.deleted_at.is_(None))
                            .order_by(Exam.sort_order, Exam.name))
    return PlanForm(
        plan.name, plan.year, plan.starts_on, plan.ends_on, plan.description or "",
        [CourseForm(c.name, CourseCategory(c.category), c.hours, c.id) for c in courses],
        [ExamForm(e.name, ExamType(e.exam_type), e.max_attempts, e.pass_score, e.id) for e in exams],
    )


def _live_plan(session: Session, plan_id: uuid.UUID) -> TrainingPlan:
    plan = session.get(TrainingPlan, plan_id)
    if plan is None or plan.deleted_at is not None:
        raise PlanError("该培训计划不存在或已删除。")
    return plan


def _check(session: Session, form: PlanForm, plan_id: uuid.UUID | None) -> None:
    problems = validate(form)
    same_name = session.scalar(select(TrainingPlan.id).where(TrainingPlan.name == form.name,
                                                             TrainingPlan.deleted_at.is_(None)))
    if same_name is not None and same_name != plan_id:
        problems.append(f"已有名为“{form.name}”的培训计划。")
    if problems:
        raise PlanError("\n".join(problems))


def _summary(plan: TrainingPlan, form: PlanForm) -> PlanSummary:
    """The saved plan as the list shows it (its archives are not counted here)."""
    return PlanSummary(plan.id, plan.name, plan.year, plan.starts_on, plan.ends_on, bool(plan.closed),
                       len(form.courses), float(sum(course.hours for course in form.courses)), len(form.exams), None)


def create_plan(uow: UnitOfWork | Session, actor: Actor, form: PlanForm) -> PlanSummary:
    uow = unit_of(uow)
    session = uow.session
    _require_city_admin(actor, "创建培训计划")
    _check(session, form, None)
    plan = TrainingPlan(name=form.name, year=form.year, starts_on=form.starts_on, ends_on=form.ends_on,
                        description=form.description or None, closed=False, updated_by=actor.username)
    session.add(plan)
    session.flush()
    _save_children(session, actor, plan, form)
    audit.record(session, actor.username, "plan.create", plan.name,
                 {"year": form.year, "courses": len(form.courses), "exams": len(form.exams)})
    uow.commit()
    return _summary(plan, form)


def update_plan(uow: UnitOfWork | Session, actor: Actor, plan_id: uuid.UUID, form: PlanForm) -> PlanSummary:
    uow = unit_of(uow)
    session = uow.session
    _require_city_admin(actor, "修改培训计划")
    plan = _live_plan(session, plan_id)
    _check(session, form, plan_id)
    before = {"name": plan.name, "year": plan.year, "starts_on": plan.starts_on, "ends_on": plan.ends_on}
    plan.name, plan.year, plan.starts_on, plan.ends_on = form.name, form.year, form.starts_on, form.ends_on
    plan.description = form.description or None
    plan.updated_by = actor.username
    _save_children(session, actor, plan, form)
    after = {"name": plan.name, "year": plan.year, "starts_on": plan.starts_on, "ends_on": plan.ends_on}
    audit.record(session, actor.username, "plan.update", plan.name, {"before": before, "after": after})
    uow.commit()
    return _summary(plan, form)


def _save_children(session: Session, actor: Actor, plan: TrainingPlan, form: PlanForm) -> None:
    children: tuple[tuple[Any, list[Any], Any, str], ...] = (  # Course and Exam, handled alike
        (Course, form.courses, CourseProgress.course_id, "课程"), (Exam, form.exams, ExamAttempt.exam_id, "考试"))
    for model, forms, used_by, noun in children:
        existing = {row.id: row for row in session.scalars(
            select(model).where(model.plan_id == plan.id, model.deleted_at.is_(None)))}
        kept = {item.id for item in forms if item.id is not None}
        for row_id, row in existing.items():
            if row_id in kept:
                continue
            if session.scalar(select(used_by).where(used_by == row_id).limit(1)) is not None:
                raise PlanError(f"{noun}“{row.name}”已有学习记录，不能删除。")
            row.deleted_at = utc_now()
            row.updated_by = actor.username
        for order, item in enumerate(forms):
            row = existing.get(item.id) if item.id is not None else None
            if row is None:
                row = model(plan_id=plan.id, updated_by=actor.username)
                session.add(row)
            values = ({"name": item.name, "category": item.category.value, "hours": float(item.hours)}
                      if model is Course else
                      {"name": item.name, "exam_type": item.exam_type.value, "max_attempts": item.max_attempts,
                       "pass_score": float(item.pass_score)})
            for key, value in {**values, "sort_order": order}.items():
                if getattr(row, key) != value:
                    setattr(row, key, value)
                    row.updated_by = actor.username
            session.flush()
            item.id = row.id


def set_closed(uow: UnitOfWork | Session, actor: Actor, plan_id: uuid.UUID, closed: bool) -> None:
    uow = unit_of(uow)
    session = uow.session
    _require_city_admin(actor, "关闭或重新开放培训计划")
    plan = _live_plan(session, plan_id)
    if plan.closed != closed:
        plan.closed = closed
        plan.updated_by = actor.username
        audit.record(session, actor.username, "plan.close" if closed else "plan.reopen", plan.name)
    uow.commit()


def delete_plan(uow: UnitOfWork | Session, actor: Actor, plan_id: uuid.UUID) -> None:
    uow = unit_of(uow)
    session = uow.session
    _require_city_admin(actor, "删除培训计划")
    plan = _live_plan(session, plan_id)
    archives = session.scalar(select(func.count()).select_from(Enrollment)
                              .where(Enrollment.plan_id == plan_id, Enrollment.deleted_at.is_(None)))
    if archives:
        raise PlanError(f"培训计划“{plan.name}”已有 {archives} 份学习档案，不能删除，只能关闭。")
    now = utc_now()
    models: tuple[Any, ...] = (Course, Exam)
    for model in models:
        for row in session.scalars(select(model).where(model.plan_id == plan_id, model.deleted_at.is_(None))):
            row.deleted_at, row.updated_by = now, actor.username
    plan.deleted_at, plan.updated_by = now, actor.username
    audit.record(session, actor.username, "plan.delete", plan.name)
    uow.commit()


def plan_requirement(session: Session, plan_id: uuid.UUID) -> float:
    """The hours a plan asks for: all of its courses."""
    return float(session.execute(select(func.coalesce(func.sum(Course.hours), 0.0))
                                 .where(Course.plan_id == plan_id, Course.deleted_at.is_(None))).scalar_one())
