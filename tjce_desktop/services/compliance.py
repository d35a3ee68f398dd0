"""合规看板: for an org subtree and a year, who met the requirement, who is short and by how much,
who is registered and verified, and the days left to 12-31 (登记) and 01-20 (验证).

Per child org (and 本级) two index ranges: ``trainee_year_hours`` for trainees with hours
that year, and the trainee index (org path, 在职, title, high-tech) for everyone, so the
trainees without any hours — short by their whole requirement — are counted without
visiting them one by one. Requirements follow the title at year end; the few trainees whose
title changed after that year end are corrected from the title history. The year's rule (the
city's ``hour_rule``, else the 条例's) decides, with its minimum per category: a trainee
with enough hours in total but short of the 专业课 minimum is not met.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection

from tjce_desktop.domain.enums import CourseCategory, TitleLevel
from tjce_desktop.domain.hour_policy import CATEGORIES, EPSILON, CategoryMinimum, HourRule, HourRules
from tjce_desktop.domain.id_number import mask_id_number
from tjce_desktop.services.actor import Actor, Scope
from tjce_desktop.services.orgs import scope_bounds, subtree_bounds
from tjce_desktop.storage.database import Database
from tjce_desktop.storage.derived import dated_title_change, title_at_year_end
from tjce_desktop.storage.hour_rules import load_rules

_SENIOR = "(t.title_level IN ('senior_full', 'senior_deputy') OR t.high_tech)"
_COLUMN = {CourseCategory.PUBLIC_REQUIRED: "public_required", CourseCategory.PUBLIC_ELECTIVE: "public_elective",
           CourseCategory.PROFESSIONAL: "professional"}


@dataclass(frozen=True, slots=True)
class ComplianceRow:
    name: str
    trainees: int  # 在职
    met: int
    short: int
    gap_hours: float  # sum of what the short ones still need in total
    registered: int
    verified: int
    category_gaps: dict[str, float] = field(default_factory=dict)  # category label → sum of what is short

    @property
    def met_rate(self) -> float | None:
        return self.met / self.trainees if self.trainees else None


@dataclass(frozen=True)
class ComplianceReport:
    scope_name: str
    year: int
    rows: list[ComplianceRow]  # per child org, then 本级 when it has trainees
    total: ComplianceRow
    days_to_register: int  # to the rule's 登记 deadline (12-31 of the year; negative: past)
    days_to_verify: int  # to its 验证 deadline (01-20 of the next year)
    register_by: dt.date
    verify_by: dt.date
    rule_summary: str
    rule_source: str


def deadline_phrase(days_left: int, what: str, deadline: dt.date) -> str:
    """"距登记截止（2026-12-31）还有 26 天", or "…已过 339 天" once it passed (never a negative count)."""
    if days_left < 0:
        return f"{what}截止（{deadline.isoformat()}）已过 {-days_left} 天"
    return f"距{what}截止（{deadline.isoformat()}）还有 {days_left} 天"


def _minimum_sql(minimum: CategoryMinimum, required: str = "y.required") -> str:
    """A category's minimum in hours, as SQL over the row's requirement (the same float
    arithmetic as ``CategoryMinimum.of``, so SQL and Python agree on the boundary)."""
    if minimum.share is not None:
        return f"({float(minimum.share)!r} * {required})"
    return repr(float(minimum.hours or 0.0))


def met_condition_sql(rule: HourRule) -> str:
    """Whether a ``trainee_year_hours`` row (alias y) meets the rule, as SQL."""
    conditions = [f"y.total + {EPSILON} >= y.required"]
    for category, minimum in rule.minimums.items():
        conditions.append(f"y.{_COLUMN[category]} + {EPSILON} >= {_minimum_sql(minimum)}")
    return " AND ".join(conditions)


def _category_gap_sql(rule: HourRule) -> str:
    """Per category with a minimum: the sum of what the rows still miss of it."""
    return "".join(f", coalesce(sum(max({_minimum_sql(minimum)} - y.{_COLUMN[category]}, 0)), 0)"
                   for category, minimum in rule.minimums.items())


def _titles_at_year_end(connection: Connection, bounds, year: int,
                        rule: HourRule) -> dict[str, tuple[str, bool, float]]:
    """trainee id → (title level, high-tech, requirement by that title − by the current title)
    at the year's end, for 在职 trainees of the range whose title changed after it."""
    rows = connection.exec_driver_sql(
        "SELECT c.trainee_id, c.effective_on, c.previous_title_level, c.previous_high_tech, c.title_level, "
        "c.high_tech, "
        "t.title_level AS now_title, t.high_tech AS now_high_tech, t.org_path FROM title_change c "
        "JOIN trainee t ON t.id = c.trainee_id WHERE c.deleted_at IS NULL AND t.deleted_at IS NULL AND t.active = 1 "
        "AND t.org_path >= ? AND t.org_path < ? AND c.trainee_id IN (SELECT trainee_id FROM title_change "
        "WHERE effective_on > ? AND deleted_at IS NULL) ORDER BY c.effective_on", (*bounds, f"{year}-12-31")).all()
    history: dict[str, list] = {}
    now: dict[str, tuple[str, bool]] = {}
    for raw in rows:
        row = dated_title_change(raw)
        history.setdefault(row.trainee_id, []).append(row)
        now[row.trainee_id] = (row.now_title, bool(row.now_high_tech))
    out: dict[str, tuple[str, bool, float]] = {}
    for trainee_id, changes in history.items():
        then = title_at_year_end(changes, year, now[trainee_id])
        delta = (rule.required_hours(TitleLevel(then[0]), then[1])
                 - rule.required_hours(TitleLevel(now[trainee_id][0]), now[trainee_id][1]))
        out[trainee_id] = (then[0], then[1], delta)
    return out


def _figures(connection: Connection, name: str, bounds, year: int, rule: HourRule,
             corrections: list[tuple[str, float]], registrations: list[tuple[str, int]]) -> ComplianceRow:
    """One row: two index ranges, plus the title corrections and registrations that fall inside."""
    low, high = bounds
    with_hours = connection.exec_driver_sql(
        f"SELECT count(*), coalesce(sum({met_condition_sql(rule)}), 0), "
        "coalesce(sum(max(y.required - y.total, 0)), 0), coalesce(sum(y.required), 0)"
        f"{_category_gap_sql(rule)} "
        "FROM trainee_year_hours y WHERE y.year = ? AND y.org_path >= ? AND y.org_path < ? AND y.active = 1",
        (year, low, high)).one()
    everyone = connection.exec_driver_sql(
        f"SELECT count(*), coalesce(sum({_SENIOR}), 0) FROM trainee t "
        "WHERE t.deleted_at IS NULL AND t.active = 1 AND t.org_path >= ? AND t.org_path < ?", bounds).one()
    # The requirement of everyone, by the title at year end; minus that of those with hours,
    # it is what the trainees without any hours still need.
    all_required = everyone[0] * rule.standard_hours + everyone[1] * (rule.senior_hours - rule.standard_hours)
    all_required += sum(delta for path, delta in corrections if low <= path < high)
    without_hours = max(0.0, all_required - with_hours[3])
    gap = with_hours[2] + without_hours
    # The trainees without any hours miss each category's whole minimum.
    nobody = everyone[0] - with_hours[0]
    category_gaps = {category.label: round(with_hours[4 + number] + (
        minimum.share * without_hours if minimum.share is not None else (minimum.hours or 0.0) * nobody), 1)
        for number, (category, minimum) in enumerate(rule.minimums.items())}
    inside = [verified for path, verified in registrations if low <= path < high]
    met = int(with_hours[1])
    return ComplianceRow(name, everyone[0], met, everyone[0] - met, round(gap, 1), len(inside), sum(inside),
                         category_gaps)


def _registrations(connection: Connection, bounds, year: int) -> list[tuple[str, int]]:
    """(org path, verified) of the year's registrations of 在职 trainees in the range: from the
    registrations (by year) to their trainees, never the other way round."""
    return [(path, verified) for path, verified in connection.exec_driver_sql(
        "SELECT t.org_path, r.verified_at IS NOT NULL FROM certificate_registration r CROSS JOIN trainee t "
        "ON t.id = r.trainee_id WHERE r.year = ? AND r.deleted_at IS NULL AND t.deleted_at IS NULL AND t.active = 1 "
        "AND t.org_path >= ? AND t.org_path < ?", (year, *bounds))]


def compliance_overview(connection: Connection, scope: Scope, scope_name: str, year: int, *,
                        today: dt.date | None = None, rules: HourRules | None = None) -> ComplianceReport:
    bounds = scope_bounds(scope)
    today = today or dt.date.today()
    rule = (rules if rules is not None else load_rules(connection)).for_year(year)
    children = connection.exec_driver_sql(
        "SELECT c.name, c.path FROM org c JOIN org p ON p.id = c.parent_id WHERE p.path = ? AND c.deleted_at IS NULL "
        "ORDER BY c.sort_order, c.name", (str(scope),)).all()
    paths = connection.exec_driver_sql(
        "SELECT id, org_path FROM trainee WHERE id IN ({})".format(", ".join("?" * len(titles))),
        tuple(titles)).all() if (titles := _titles_at_year_end(connection, bounds, year, rule)) else []
    corrections = [(path, titles[trainee_id][2]) for trainee_id, path in paths]
    registrations = _registrations(connection, bounds, year)
    rows = [_figures(connection, child.name, subtree_bounds(child.path), year, rule, corrections, registrations)
            for child in children]
    own = _figures(connection, "本级", (str(scope), str(scope) + "\x00"), year, rule, corrections, registrations)
    if own.trainees:
        rows.append(own)
    parts = [*rows] if own.trainees else [*rows, own]
    total = ComplianceRow(f"合计（{scope_name}）", sum(row.trainees for row in parts), sum(row.met for row in parts),
                          sum(row.short for row in parts), round(sum(row.gap_hours for row in parts), 1),
                          sum(row.registered for row in parts), sum(row.verified for row in parts),
                          {label: round(sum(row.category_gaps.get(label, 0.0) for row in parts), 1)
                           for label in own.category_gaps})
    register_by, verify_by = rule.register_deadline(year), rule.verify_deadline(year)
    return ComplianceReport(scope_name, year, rows, total, (register_by - today).days, (verify_by - today).days,
                            register_by, verify_by, rule.summary(), rule.source)


SHORTFALL_HEADERS = ("姓名", "身份证号", "所属机构", "年末职称", "高新技术", "要求学时", "公需课·必修", "公需课·选修",
                     "专业课", "其中其他形式学习", "合计", "还差学时", "公需课·必修差额", "公需课·选修差额",
                     "专业课差额", "已登记")
_SHORTFALL_KINDS = ("text", "id", "text", "text", "text", *("hours",) * 10, "text")  # exchange.xlsx_table.Kind values


def shortfall_rows(connection: Connection, scope: Scope, year: int, org_names: dict[str, str]) -> Iterator[tuple]:
    """催办名单: every 在职 trainee of the scope short of the year's rule, with their hours per
    category and the gap: in total, and per category where the year's rule sets a minimum."""
    from tjce_desktop.domain.hour_policy import evaluate

    bounds = scope_bounds(scope)
    rule = load_rules(connection).for_year(year)
    year_end_titles = _titles_at_year_end(connection, bounds, year, rule)
    sql = (
        "SELECT t.id, t.real_name, t.id_number, t.org_id, t.title_level, t.high_tech, "
        "y.required, y.public_required, y.public_elective, y.professional, y.other, y.total, "
        "EXISTS (SELECT 1 FROM certificate_registration r WHERE r.trainee_id = t.id AND r.year = ? "
        "AND r.deleted_at IS NULL) AS registered "
        "FROM trainee t LEFT JOIN trainee_year_hours y ON y.trainee_id = t.id AND y.year = ? "
        "WHERE t.deleted_at IS NULL AND t.active = 1 AND t.org_path >= ? AND t.org_path < ? "
        "ORDER BY t.org_path, t.real_name"
    )
    for r in connection.exec_driver_sql(sql, (year, year, *bounds)):
        title, high_tech, delta = year_end_titles.get(r.id, (r.title_level, bool(r.high_tech), 0))
        if r.required is not None:
            required = r.required
        else:
            required = rule.required_hours(TitleLevel(r.title_level), bool(r.high_tech)) + delta
        hours = [r.public_required or 0.0, r.public_elective or 0.0, r.professional or 0.0]
        total = r.total or 0.0
        verdict = evaluate(rule, year, dict(zip(CATEGORIES, hours)), total, required)
        if verdict.met:
            continue
        gaps = verdict.category_gaps
        yield (r.real_name, mask_id_number(r.id_number), org_names.get(r.org_id, ""), TitleLevel(title).label,
               "是" if high_tech else "否", required, *hours, r.other or 0.0, total, verdict.total_gap,
               *(gaps.get(category) for category in CATEGORIES), "是" if r.registered else "否")


def export_shortfall(database: Database, actor: Actor, path: Path | str, *, scope_path: str, scope_name: str,
                     year: int, today: dt.date | None = None) -> int:
    """导出催办名单 (.xlsx), audited as ``compliance.export``; returns how many trainees it lists."""
    from tjce_desktop.exchange.xlsx_table import Kind, TableColumn, write_table
    from tjce_desktop.services import exports
    from tjce_desktop.services.orgs import list_orgs
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    scope = actor.scope(scope_path)
    with UnitOfWork(database) as uow:
        org_names = {org.id.hex: org.full_name for org in list_orgs(uow.session)}
    title = f"{scope_name} {year} 年度继续教育学时催办名单（{today or dt.date.today()}）"

    def write() -> int:
        with database.engine.connect() as connection:
            table = [TableColumn(header, Kind(kind)) for header, kind in zip(SHORTFALL_HEADERS, _SHORTFALL_KINDS)]
            return write_table(path, "催办名单", table, shortfall_rows(connection, scope, year, org_names),
                               title_rows=(title,))

    return exports.audited_write(database, actor, "compliance.export", path, write,
                                 {"list": "催办名单", "scope": scope_path, "year": year})
