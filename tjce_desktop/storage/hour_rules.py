"""The city's yearly hour rules, read from ``hour_rule`` into the domain's plain values.

Every reader of the rules (the derived requirement, the year card, compliance, 登记) loads
them here once per action and passes them on; no table means no city rule yet (a database
being migrated): the built-in rule alone.
"""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType

from sqlalchemy import Connection, inspect
from sqlalchemy.orm import Session

from tjce_desktop.domain.enums import CourseCategory
from tjce_desktop.domain.hour_policy import CATEGORIES, CategoryMinimum, HourRule, HourRules

_COLUMNS = ("first_year", "standard_hours", "senior_hours", "public_required_min_hours", "public_required_min_share",
            "public_elective_min_hours", "public_elective_min_share", "professional_min_hours",
            "professional_min_share", "required_courses", "register_by", "verify_by", "document_number",
            "document_title", "changed_at")


def _month_day(text: str, default: tuple[int, int]) -> tuple[int, int]:
    try:
        month, day = (int(part) for part in text.split("-"))
        return month, day
    except (ValueError, AttributeError):
        return default


def _moment(value) -> dt.datetime | None:
    """SQLite hands raw rows' datetimes back as text."""
    if isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    return value


def rule_of_row(row) -> HourRule:
    """A ``hour_rule`` row (ORM object or result row) as the domain's rule."""
    minimums: dict[CourseCategory, CategoryMinimum] = {}
    for category in CATEGORIES:
        hours = getattr(row, f"{category.value}_min_hours")
        share = getattr(row, f"{category.value}_min_share")
        if hours is not None or share is not None:
            minimums[category] = CategoryMinimum(hours=hours, share=share)
    courses = tuple(line.strip() for line in (row.required_courses or "").splitlines() if line.strip())
    return HourRule(row.first_year, float(row.standard_hours), float(row.senior_hours), MappingProxyType(minimums),
                    courses, _month_day(row.register_by, (12, 31)), _month_day(row.verify_by, (1, 20)),
                    row.document_number or "", row.document_title or "", changed_at=_moment(row.changed_at))


def load_rules(bind: Connection | Session) -> HourRules:
    """Every live rule of the city (the built-in one fills the years none covers)."""
    connection = bind.connection() if isinstance(bind, Session) else bind
    if not inspect(connection).has_table("hour_rule"):
        return HourRules()
    rows = connection.exec_driver_sql(
        f"SELECT {', '.join(_COLUMNS)} FROM hour_rule WHERE deleted_at IS NULL ORDER BY first_year").all()
    return HourRules(tuple(rule_of_row(row) for row in rows))
