"""The yearly study-hour requirement, as data (FAQ question 4 of the manual).

Another year's rule is a new entry in ``YEARLY_RULES``, not a code change elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tjce_desktop.domain.enums import CourseCategory, TitleLevel
from tjce_desktop.domain.errors import UserError

HOURS_PER_DAY = 8


@dataclass(frozen=True, slots=True)
class HourRule:
    first_year: int
    standard_days: int
    senior_days: int
    # Minimum hours per category where a year's rule sets one (none does so far).
    category_minimums: dict[CourseCategory, float] = field(default_factory=dict)
    source: str = ""

    @property
    def standard_hours(self) -> int:
        return self.standard_days * HOURS_PER_DAY

    @property
    def senior_hours(self) -> int:
        return self.senior_days * HOURS_PER_DAY


YEARLY_RULES: tuple[HourRule, ...] = (
    HourRule(
        first_year=2002,
        standard_days=12,
        senior_days=18,
        source="《天津市专业技术人员和管理人员继续教育条例》第十二条（2002 年 2 月起施行）",
    ),
)


class NoHourRule(UserError, ValueError):
    """A year before the first rule; ``str()`` is the Chinese message."""


def rule_for_year(year: int) -> HourRule:
    applicable = [rule for rule in YEARLY_RULES if rule.first_year <= year]
    if not applicable:
        raise NoHourRule(f"{year} 年没有学时规定（最早的规定自 {YEARLY_RULES[0].first_year} 年起）。")
    return max(applicable, key=lambda rule: rule.first_year)


def required_hours(year: int, title_level: TitleLevel, high_tech: bool) -> int:
    """96 hours; 144 for senior titles (正高/副高) and high-tech staff."""
    rule = rule_for_year(year)
    return rule.senior_hours if (title_level.is_senior or high_tech) else rule.standard_hours
