"""Where a year's hours came from: the plans' courses, other learning, 学时认定 entries.

The year card, ``tjce hours`` and the booklet page list these lines under the totals of
``trainee_year_hours``; the counted lines add up to them (pending and rejected entries are
listed, with their status, and count nothing).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tjce_desktop.domain.enums import CourseCategory, OtherLearningForm
from tjce_desktop.domain.recognition import RecognitionStatus
from tjce_desktop.storage.models import (
    Course,
    CourseProgress,
    Enrollment,
    OtherLearning,
    RecognisedHours,
    RecognitionRule,
    TrainingPlan,
)

PLAN, OTHER, RECOGNISED = "培训计划", "其他学习", "学时认定"


@dataclass(frozen=True, slots=True)
class HourSource:
    source: str  # PLAN, OTHER or RECOGNISED
    detail: str  # the plan's name; the form and title; the kind, quantity and title
    category: str  # label
    hours: float
    status: str  # "计入", or the entry's status label
    counts: bool
    entry_id: uuid.UUID | None = None  # a 学时认定 entry

    def line(self) -> str:
        state = "" if self.status == "计入" else f"（{self.status}）"
        return f"{self.source}：{self.detail}　{self.category} {self.hours:g} 学时{state}"


def hour_sources(session: Session, trainee_id: uuid.UUID, year: int) -> list[HourSource]:
    start, end = dt.datetime(year, 1, 1), dt.datetime(year + 1, 1, 1)
    lines: list[HourSource] = []
    plans = session.execute(
        select(TrainingPlan.name, Course.category, func.sum(CourseProgress.hours))
        .select_from(CourseProgress).join(Enrollment, Enrollment.id == CourseProgress.enrollment_id)
        .join(TrainingPlan, TrainingPlan.id == Enrollment.plan_id).join(Course, Course.id == CourseProgress.course_id)
        .where(Enrollment.trainee_id == trainee_id, CourseProgress.finished_at >= start,
               CourseProgress.finished_at < end, CourseProgress.deleted_at.is_(None), Enrollment.deleted_at.is_(None))
        .group_by(TrainingPlan.name, Course.category).order_by(TrainingPlan.name, Course.category))
    for name, category, hours in plans:
        lines.append(HourSource(PLAN, name, CourseCategory(category).label, round(float(hours or 0), 1), "计入", True))
    for record in session.scalars(select(OtherLearning).where(
            OtherLearning.trainee_id == trainee_id, OtherLearning.year == year, OtherLearning.deleted_at.is_(None))
            .order_by(OtherLearning.ends_on)):
        lines.append(HourSource(OTHER, f"{OtherLearningForm(record.form).label}·{record.title}",
                                CourseCategory(record.category).label, record.hours, "计入", True))
    for entry, rule_name, unit in session.execute(
            select(RecognisedHours, RecognitionRule.name, RecognitionRule.unit)
            .join(RecognitionRule, RecognitionRule.id == RecognisedHours.rule_id)
            .where(RecognisedHours.trainee_id == trainee_id, RecognisedHours.year == year,
                   RecognisedHours.deleted_at.is_(None)).order_by(RecognisedHours.recorded_at)):
        status = RecognitionStatus(entry.status)
        title = f"·{entry.title}" if entry.title else ""
        lines.append(HourSource(RECOGNISED, f"{rule_name} {entry.quantity:g} {unit}{title}",
                                CourseCategory(entry.category).label, entry.hours, status.label,
                                status == RecognitionStatus.APPROVED, entry.id))
    return lines
