"""The yearly study-hour rule and the verdict on a trainee's year, as plain values.

The 条例 (12 / 18 days = 96 / 144 hours, no minimum per category) is the built-in rule; the
city sets a year's rule as data (the ``hour_rule`` table, loaded by ``storage.hour_rules``)
and a rule applies from its first year until the next one. Nothing here reads a database:
callers load the rules and pass them in.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from tjce_desktop.domain.enums import CourseCategory, TitleLevel
from tjce_desktop.domain.errors import UserError

HOURS_PER_DAY = 8
FIRST_RULE_YEAR = 2002
CATEGORIES = (CourseCategory.PUBLIC_REQUIRED, CourseCategory.PUBLIC_ELECTIVE, CourseCategory.PROFESSIONAL)
# Hours compared with a minimum: a float computed two ways (Python, SQL) must not fail by 1e-12.
EPSILON = 1e-6


class NoHourRule(UserError, ValueError):
    """A year before the first rule; ``str()`` is the Chinese message."""


@dataclass(frozen=True, slots=True)
class CategoryMinimum:
    """A category's minimum: fixed hours, or a share of the year's requirement (专业课 ≥ 2/3)."""

    hours: float | None = None
    share: float | None = None

    def of(self, required: float) -> float:
        """The minimum in hours for a requirement of ``required`` hours."""
        return max(self.hours or 0.0, (self.share or 0.0) * required)

    @property
    def label(self) -> str:
        if self.share is not None:
            return f"≥ {share_text(self.share)}"
        return f"≥ {self.hours or 0:g} 学时"


def share_text(share: float) -> str:
    """2/3 for 0.666…, else a percentage."""
    for denominator in (2, 3, 4, 5, 6, 8, 10):
        numerator = round(share * denominator)
        if 0 < numerator < denominator and abs(numerator / denominator - share) < 1e-9:
            return f"{numerator}/{denominator}"
    return f"{share * 100:g}%"


@dataclass(frozen=True)
class HourRule:
    first_year: int
    standard_hours: float
    senior_hours: float  # 正高 / 副高 and high-tech staff
    minimums: Mapping[CourseCategory, CategoryMinimum] = field(default_factory=lambda: MappingProxyType({}))
    required_courses: tuple[str, ...] = ()  # the year's 公需课 by name
    register_by: tuple[int, int] = (12, 31)  # 登记 by this day of the year
    verify_by: tuple[int, int] = (1, 20)  # 验证 by this day of the next year
    document_number: str = ""
    document_title: str = ""
    built_in: bool = False
    changed_at: dt.datetime | None = None  # when the city last changed it (UTC); None: built in

    def changed_after(self, moment: dt.datetime | None) -> bool:
        """Whether this rule changed after ``moment`` (a registration made under an older rule)."""
        return moment is not None and self.changed_at is not None and self.changed_at > moment

    def required_hours(self, title_level: TitleLevel, high_tech: bool) -> float:
        """96 hours; 144 for senior titles (正高/副高) and high-tech staff (by the built-in rule)."""
        return self.senior_hours if (title_level.is_senior or high_tech) else self.standard_hours

    def register_deadline(self, year: int) -> dt.date:
        return dt.date(year, *self.register_by)

    def verify_deadline(self, year: int) -> dt.date:
        return dt.date(year + 1, *self.verify_by)

    @property
    def source(self) -> str:
        return "，".join(part for part in (self.document_number, self.document_title) if part)

    def summary(self) -> str:
        """One line: totals and minimums, as the year card and the lists show it."""
        parts = [f"{self.standard_hours:g} 学时（正副高级、高新技术人员 {self.senior_hours:g} 学时）"]
        parts += [f"{category.label}{minimum.label}" for category, minimum in self.minimums.items()]
        return "；".join(parts)


BUILT_IN_RULE = HourRule(
    first_year=FIRST_RULE_YEAR, standard_hours=12 * HOURS_PER_DAY, senior_hours=18 * HOURS_PER_DAY,
    document_title="《天津市专业技术人员和管理人员继续教育条例》第十二条（2002 年 2 月起施行）", built_in=True)


@dataclass(frozen=True)
class HourRules:
    """The city's rules by first year; the built-in rule where none covers a year."""

    rules: tuple[HourRule, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "rules", tuple(sorted(self.rules, key=lambda rule: rule.first_year)))

    def for_year(self, year: int) -> HourRule:
        if year < FIRST_RULE_YEAR:
            raise NoHourRule(f"{year} 年没有学时规定（最早的规定自 {FIRST_RULE_YEAR} 年起）。")
        applicable = [rule for rule in self.rules if rule.first_year <= year]
        return applicable[-1] if applicable else BUILT_IN_RULE

    def years_of(self, first_year: int, *, last_year: int) -> range:
        """The years a rule starting in ``first_year`` governs: up to the next rule (or ``last_year``)."""
        later = [rule.first_year for rule in self.rules if rule.first_year > first_year]
        return range(first_year, min(later[0] if later else last_year + 1, last_year + 1))

    def with_rule(self, rule: HourRule) -> HourRules:
        return HourRules(tuple(r for r in self.rules if r.first_year != rule.first_year) + (rule,))


BUILT_IN = HourRules()


@dataclass(frozen=True)
class YearVerdict:
    """Whether a year's hours meet its rule, and what is short: in total and per category."""

    year: int
    required: float
    total: float
    hours: Mapping[CourseCategory, float]
    minimums: Mapping[CourseCategory, float]  # in hours, where the rule sets one
    rule: HourRule

    @property
    def total_gap(self) -> float:
        return round(max(0.0, self.required - self.total), 1)

    @property
    def category_gaps(self) -> dict[CourseCategory, float]:
        """Every category with a minimum → hours still missing (0 when met)."""
        return {category: _gap(minimum, self.hours.get(category, 0.0))
                for category, minimum in self.minimums.items()}

    @property
    def met(self) -> bool:
        return self.total + EPSILON >= self.required and not any(self.category_gaps.values())

    def shortfall_text(self) -> str:
        """'还差 12；专业课差 20（最低 64）' — empty when met."""
        parts = [f"还差 {self.total_gap:g}"] if self.total_gap else []
        parts += [f"{category.label}差 {gap:g}（最低 {round(self.minimums[category], 1):g}）"
                  for category, gap in self.category_gaps.items() if gap]
        return "；".join(parts)


def _gap(minimum: float, hours: float) -> float:
    if hours + EPSILON >= minimum:
        return 0.0
    return max(0.1, round(minimum - hours, 1))


def evaluate(rule: HourRule, year: int, hours: Mapping[CourseCategory, float], total: float,
             required: float) -> YearVerdict:
    """The verdict on a year's hours by category against ``required`` (the trainee's by title at year end)."""
    minimums = {category: minimum.of(required) for category, minimum in rule.minimums.items()}
    return YearVerdict(year, required, total, MappingProxyType(dict(hours)), MappingProxyType(minimums), rule)


# --- validation of a rule the city enters ---------------------------------------------------------


def parse_minimum(text: str) -> CategoryMinimum | None:
    """'' → none; '32' → 32 hours; '2/3', '66.7%' → a share of the total."""
    text = text.strip().replace("％", "%").replace("／", "/")
    if not text or text in ("0", "无"):
        return None
    try:
        if "/" in text:
            numerator, denominator = (float(part) for part in text.split("/", 1))
            if denominator <= 0:
                raise ValueError
            return CategoryMinimum(share=numerator / denominator)
        if text.endswith("%"):
            return CategoryMinimum(share=float(text[:-1]) / 100)
        return CategoryMinimum(hours=float(text))
    except ValueError:
        raise UserError(f"“{text}”不是学时数或比例（学时写 32，比例写 2/3 或 60%）。") from None


def parse_month_day(text: str, what: str) -> tuple[int, int]:
    try:
        month, day = (int(part) for part in text.strip().split("-"))
        dt.date(2024, month, day)  # a leap year: 02-29 allowed
    except ValueError:
        raise UserError(f"{what}“{text}”不是有效的月-日（如 12-31）。") from None
    return month, day


def rule_problems(rule: HourRule, *, latest_year: int) -> list[str]:
    """What is wrong with a rule, in Chinese; empty when it may be stored."""
    problems = []
    if not FIRST_RULE_YEAR <= rule.first_year <= latest_year:
        problems.append(f"年度应在 {FIRST_RULE_YEAR} 到 {latest_year} 之间。")
    for name, hours in (("一般人员", rule.standard_hours), ("正副高级、高新技术人员", rule.senior_hours)):
        if not (math.isfinite(hours) and 0 < hours <= 1000):
            problems.append(f"{name}的总学时应大于 0、不超过 1000。")
    if rule.senior_hours < rule.standard_hours:
        problems.append("正副高级、高新技术人员的总学时不能少于一般人员的。")
    shares, fixed = 0.0, 0.0
    for category, minimum in rule.minimums.items():
        if minimum.hours is not None and minimum.share is not None:
            problems.append(f"{category.label}的最低要求只能填学时或比例之一。")
        value = minimum.share if minimum.share is not None else minimum.hours
        if value is None or not math.isfinite(value) or value < 0:
            problems.append(f"{category.label}的最低要求不能为负数。")
            continue
        if minimum.share is not None:
            if minimum.share > 1:
                problems.append(f"{category.label}的比例 {share_text(minimum.share)} 超过了 100%。")
            shares += minimum.share
        else:
            fixed += value
            if value > rule.standard_hours:
                problems.append(f"{category.label}最低 {value:g} 学时，"
                                f"超过了一般人员的总学时 {rule.standard_hours:g}。")
    if shares > 1 + 1e-9:
        problems.append(f"各类别的比例合计 {shares * 100:.0f}%，超过了 100%。")
    if fixed + shares * rule.standard_hours > rule.standard_hours + EPSILON:
        problems.append(f"各类别的最低学时合计超过了一般人员的总学时 {rule.standard_hours:g}。")
    for course in rule.required_courses:
        if not course.strip() or len(course) > 100:
            problems.append("必修的公需课名称不能为空、不超过 100 个字。")
            break
    if len(rule.document_number) > 64 or len(rule.document_title) > 200:
        problems.append("文号不超过 64 个字，文件标题不超过 200 个字。")
    if not rule.document_number.strip() and not rule.document_title.strip():
        problems.append("请填写规定所依据的文件（文号或标题）。")
    return problems


def rule_changes(old: HourRule | None, new: HourRule) -> dict[str, list]:
    """Field → [old, new] of what differs (for the audit entry)."""
    def values(rule: HourRule | None) -> dict[str, object]:
        if rule is None:
            return {}
        return {"standard_hours": rule.standard_hours, "senior_hours": rule.senior_hours,
                **{f"{c.value}_minimum": rule.minimums[c].label if c in rule.minimums else None for c in CATEGORIES},
                "required_courses": list(rule.required_courses),
                "register_by": "%02d-%02d" % rule.register_by, "verify_by": "%02d-%02d" % rule.verify_by,
                "document_number": rule.document_number, "document_title": rule.document_title}
    before, after = values(old), values(new)
    return {key: [before.get(key), after[key]] for key in after if before.get(key) != after[key]}

