"""学时规定: the city's yearly study-hour rules — listed by every desk, set by the 市级管理员 only.

A rule applies from its first year until the next one; where none does, the 条例's built-in
rule. Setting a rule that governs years with registrations asks for confirmation first (the
registered hours were judged by the old rule), is audited with the old and new values, and
sets the derived requirement of every trainee of those years again in the same transaction;
the year cards of the registrations made before say so (``YearCard.rule_changed_after_registration``).
The central database refuses a rule from any other login (``domain.permissions``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import MappingProxyType

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tjce_desktop.domain.enums import CourseCategory, Role
from tjce_desktop.domain.errors import UserError
from tjce_desktop.domain.hour_policy import (
    BUILT_IN_RULE,
    CATEGORIES,
    FIRST_RULE_YEAR,
    CategoryMinimum,
    HourRule,
    HourRules,
    parse_minimum,
    parse_month_day,
    rule_changes,
    rule_problems,
)
from tjce_desktop.services import audit, fields
from tjce_desktop.services.actor import Actor
from tjce_desktop.storage import models as m
from tjce_desktop.storage.derived import recompute_required
from tjce_desktop.storage.hour_rules import load_rules, rule_of_row
from tjce_desktop.storage.unit_of_work import UnitOfWork, unit_of


class RuleError(UserError, ValueError):
    """``str()`` is the Chinese message."""


class ConfirmationNeeded(RuleError):
    """The change touches years with registrations: the caller asks, then sets again with ``confirm``."""

    def __init__(self, message: str, registrations: int, years: range) -> None:
        super().__init__(message)
        self.registrations = registrations
        self.years = years


@dataclass(frozen=True)
class RuleEntry:
    """One rule as the lists show it: the rule, the years it governs, and who changed it last."""

    rule: HourRule
    years: range  # up to the next rule (open-ended: up to next year)
    registrations: int  # registrations of those years on this desk
    updated_by: str | None


@dataclass(frozen=True)
class RuleChange:
    rule: HourRule
    changes: dict[str, list]  # field → [old, new]; empty: nothing changed
    years: range
    registrations: int
    requirements_updated: int  # trainee years whose requirement was set again


def latest_rule_year(today: dt.date | None = None) -> int:
    """A rule may be set up to next year (the city publishes it at the start of the year, or before)."""
    return (today or dt.date.today()).year + 1


def _registrations_in(session: Session, years: range) -> int:
    if not len(years):
        return 0
    return session.execute(select(func.count()).select_from(m.CertificateRegistration).where(
        m.CertificateRegistration.year >= years[0], m.CertificateRegistration.year <= years[-1],
        m.CertificateRegistration.deleted_at.is_(None))).scalar_one()


def list_rules(session: Session, *, today: dt.date | None = None) -> list[RuleEntry]:
    """The built-in rule first (it governs the years before the first city rule), then the city's."""
    rules = load_rules(session)
    last = latest_rule_year(today)
    editors = dict(session.execute(select(m.HourRule.first_year, m.HourRule.updated_by)
                                   .where(m.HourRule.deleted_at.is_(None))).all())
    first_city = rules.rules[0].first_year if rules.rules else last + 1
    governed: list[tuple[HourRule, range, str | None]] = [
        (BUILT_IN_RULE, range(FIRST_RULE_YEAR, min(first_city, last + 1)), None)]
    governed += [(rule, rules.years_of(rule.first_year, last_year=last), editors.get(rule.first_year))
                 for rule in rules.rules]
    return [RuleEntry(rule, years, _registrations_in(session, years), editor)
            for rule, years, editor in governed if len(years) or not rule.built_in]


def rule_for(session: Session, year: int) -> HourRule:
    """The rule that governs ``year`` (the city's, else the built-in one)."""
    return load_rules(session).for_year(year)


@dataclass
class RuleForm:
    """A rule as typed: minimums as '32', '2/3' or '60%'; deadlines as 'MM-DD'; courses one a line."""

    first_year: int
    standard_hours: float
    senior_hours: float
    minimums: dict[CourseCategory, str]
    required_courses: list[str]
    document_number: str
    document_title: str
    register_by: str = "12-31"
    verify_by: str = "01-20"


def rule_from_form(form: RuleForm, *, today: dt.date | None = None) -> HourRule:
    """The rule a form describes, or a ``RuleError`` naming every problem in Chinese."""
    problems: list[str] = []
    minimums: dict[CourseCategory, CategoryMinimum] = {}
    for category in CATEGORIES:
        try:
            minimum = parse_minimum(form.minimums.get(category, "") or "")
        except UserError as exc:
            problems.append(f"{category.label}：{exc}")
            continue
        if minimum is not None:
            minimums[category] = minimum
    texts = {}
    for name, spec, raw in (("document_number", fields.RULE_DOCUMENT_NUMBER, form.document_number),
                            ("document_title", fields.RULE_DOCUMENT_TITLE, form.document_title),
                            ("courses", fields.RULE_REQUIRED_COURSES, "\n".join(form.required_courses))):
        try:
            texts[name] = spec.clean(raw)
        except fields.FieldError as exc:
            problems.append(str(exc))
            texts[name] = ""
    deadlines = []
    for raw, what, default in ((form.register_by, "登记截止日", (12, 31)),
                               (form.verify_by, "验证截止日（次年）", (1, 20))):
        try:
            deadlines.append(parse_month_day(raw, what))
        except UserError as exc:
            problems.append(str(exc))
            deadlines.append(default)
    courses = tuple(dict.fromkeys(line.strip() for line in texts["courses"].splitlines() if line.strip()))
    rule = HourRule(form.first_year, float(form.standard_hours), float(form.senior_hours),
                    MappingProxyType(minimums), courses, deadlines[0], deadlines[1], texts["document_number"],
                    texts["document_title"])
    problems += rule_problems(rule, latest_year=latest_rule_year(today))
    if problems:
        raise RuleError("学时规定有误：" + "".join(problems))
    return rule


def set_rule(uow: UnitOfWork | Session, actor: Actor, form: RuleForm, *, confirm: bool = False,
             today: dt.date | None = None) -> RuleChange:
    """设置学时规定 of ``form.first_year`` (a new rule from that year, or a change of its own)."""
    uow = unit_of(uow)
    session = uow.session
    actor.require_role(Role.CITY_ADMIN, doing="设置学时规定")
    rule = rule_from_form(form, today=today)
    rules = load_rules(session)
    before = rules.for_year(rule.first_year)
    years = rules.with_rule(rule).years_of(rule.first_year, last_year=latest_rule_year(today))
    row = session.scalar(select(m.HourRule).where(m.HourRule.first_year == rule.first_year))
    own = rule_of_row(row) if row is not None and row.deleted_at is None else None
    changes = rule_changes(own if own is not None else before, rule)
    if own is not None and not changes:
        return RuleChange(own, {}, years, 0, 0)
    registrations = _registrations_in(session, years)
    if registrations and not confirm:
        raise ConfirmationNeeded(
            f"{years[0]}–{years[-1]} 年度已有 {registrations} 条证书登记按原规定登记；修改后这些登记的年度卡片将注明"
            "“登记后学时规定已变更”。确认修改请加 --confirm（窗口中会请您确认）。", registrations, years)
    if row is None:
        row = m.HourRule(first_year=rule.first_year)
        session.add(row)
    row.deleted_at = None
    row.standard_hours, row.senior_hours = rule.standard_hours, rule.senior_hours
    for category in CATEGORIES:
        minimum = rule.minimums.get(category)
        setattr(row, f"{category.value}_min_hours", minimum.hours if minimum else None)
        setattr(row, f"{category.value}_min_share", minimum.share if minimum else None)
    row.required_courses = "\n".join(rule.required_courses)
    row.register_by, row.verify_by = "%02d-%02d" % rule.register_by, "%02d-%02d" % rule.verify_by
    row.document_number, row.document_title = rule.document_number, rule.document_title
    row.changed_at, row.updated_by = m.utc_now(), actor.username
    session.flush()
    updated = recompute_required(session.connection(), years)
    audit.record(session, actor.username, "hour_rule.set", str(rule.first_year),
                 {"years": [years[0], years[-1]], "changes": changes, "replaces": before.source or "条例",
                  "registrations": registrations, "confirmed": bool(confirm and registrations)})
    uow.commit()
    stored = rule_of_row(row)
    return RuleChange(stored, changes, years, registrations, updated)


def describe(rules: HourRules, year: int) -> str:
    """'2025 年度：96 学时（…）；专业课 ≥ 2/3（依据：…）' for messages."""
    rule = rules.for_year(year)
    return f"{year} 年度：{rule.summary()}（依据：{rule.source or '条例'}）"
