"""A trainee's study hours of one year against that year's requirement (证书登记, FAQ Q4).

Hours come from the courses of the platform's plans finished in that year (a course that
runs over New Year counts in the year it was finished), by category. The requirement comes
from the policy data: 96 hours, 144 for senior titles and high-tech staff.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Connection

from tjce_desktop.domain.enums import CourseCategory, TitleLevel
from tjce_desktop.domain.hour_policy import required_hours, rule_for_year
from tjce_desktop.domain.id_number import IdNumberError, mask_id_number, parse_id_number
from tjce_desktop.services.actor import Actor, ScopeError


class HoursError(LookupError):
    """``str()`` is the Chinese message."""


@dataclass(frozen=True)
class YearHours:
    id_number_masked: str
    real_name: str
    org_path: str
    year: int
    hours_by_category: dict[str, float]  # CourseCategory label → hours
    total: float
    required: int
    title_level: str  # label
    high_tech: bool
    rule_source: str
    notes: list[str] = field(default_factory=list)

    @property
    def met(self) -> bool:
        return self.total >= self.required

    @property
    def gap(self) -> float:
        return max(0.0, self.required - self.total)


def year_hours(connection: Connection, actor: Actor, id_number: str, year: int) -> YearHours:
    try:
        value = parse_id_number(id_number).value
    except IdNumberError as exc:
        raise HoursError(str(exc)) from exc
    trainee = connection.exec_driver_sql(
        "SELECT id, real_name, org_path, title_level, high_tech FROM trainee WHERE id_number = ? "
        "AND deleted_at IS NULL", (value,)).first()
    if trainee is None:
        raise HoursError(f"没有身份证号为 {mask_id_number(value)} 的学员。")
    if not actor.may_access(trainee.org_path):
        raise ScopeError("该学员不在您的管辖范围内。")
    try:
        rule = rule_for_year(year)
    except ValueError as exc:
        raise HoursError(str(exc)) from exc
    start, end = dt.datetime(year, 1, 1), dt.datetime(year + 1, 1, 1)
    rows = connection.exec_driver_sql(
        "SELECT c.category, sum(p.hours) FROM course_progress p JOIN course c ON c.id = p.course_id "
        "JOIN enrollment e ON e.id = p.enrollment_id "
        "WHERE e.trainee_id = ? AND e.deleted_at IS NULL AND p.deleted_at IS NULL "
        "AND p.finished_at >= ? AND p.finished_at < ? GROUP BY c.category",
        (trainee.id, start.strftime("%Y-%m-%d %H:%M:%S"), end.strftime("%Y-%m-%d %H:%M:%S"))).all()
    by_category = {category.label: 0.0 for category in CourseCategory}
    for category, hours in rows:
        by_category[CourseCategory(category).label] = round(float(hours or 0), 1)
    title = TitleLevel(trainee.title_level)
    return YearHours(
        id_number_masked=mask_id_number(value), real_name=trainee.real_name, org_path=trainee.org_path, year=year,
        hours_by_category=by_category, total=round(sum(by_category.values()), 1),
        required=required_hours(year, title, bool(trainee.high_tech)), title_level=title.label,
        high_tech=bool(trainee.high_tech), rule_source=rule.source,
        notes=["按当前职称计算（系统尚未记录职称变动）。", "只含平台课程学时；其他形式的学习尚未在本机登记。"],
    )

