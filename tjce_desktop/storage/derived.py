"""Columns copied from a trainee onto their archives, kept in step in the same transaction.

enrollment.org_path and enrollment.trainee_active let the reports count a trainee where
they belong now with one index scan. They are derived, not data: each side (local cache,
central database) recomputes them when a trainee moves or leaves, so they never enter the
outbox.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from sqlalchemy import Connection, update
from sqlalchemy.orm import Session

from tjce_desktop.domain.hour_policy import HourRules
from tjce_desktop.storage.hour_rules import load_rules
from tjce_desktop.storage.models import Enrollment, Trainee, TraineeYearHours


def copy_trainee_scope_to_archives(session: Session, trainees: list[Trainee]) -> None:
    """After moving or marking trainees: one flush, one UPDATE per (org path, flag) group."""
    if not trainees:
        return
    session.flush()
    groups: dict[tuple[str, bool], list] = {}
    for trainee in trainees:
        groups.setdefault((trainee.org_path, trainee.active), []).append(trainee.id)
    for (org_path, active), ids in groups.items():
        for start in range(0, len(ids), 500):
            session.execute(
                update(Enrollment)
                .where(Enrollment.trainee_id.in_(ids[start:start + 500]))
                .values(org_path=org_path, trainee_active=active)
                .execution_options(synchronize_session=False)
            )
            session.execute(
                update(TraineeYearHours)
                .where(TraineeYearHours.trainee_id.in_(ids[start:start + 500]))
                .values(org_path=org_path, active=active)
                .execution_options(synchronize_session=False)
            )


# --- hours of a year ----------------------------------------------------------------------------
#
# trainee_year_hours holds, per trainee and year with any hours: hours by category (platform
# courses finished that year, plus other learning ending that year and approved 学时认定
# entries of that year, each in its category),
# how many of them are other learning, the total, and the year's requirement by the title at
# year end. The requirement is the year's rule (the city's ``hour_rule`` rows, else the
# 条例's: storage.hour_rules), passed into the SQL as a CASE over years; when a rule changes,
# ``recompute_required`` sets the requirement of the years it governs again.

_SOURCES = """
SELECT e.trainee_id AS trainee_id, CAST(strftime('%Y', p.finished_at) AS INTEGER) AS year, c.category AS category,
       p.hours AS hours, 0 AS is_other
FROM course_progress p JOIN enrollment e ON e.id = p.enrollment_id JOIN course c ON c.id = p.course_id
WHERE p.finished_at IS NOT NULL AND p.deleted_at IS NULL AND e.deleted_at IS NULL {course_filter}
UNION ALL
SELECT o.trainee_id, o.year, o.category, o.hours, 1
FROM other_learning o WHERE o.deleted_at IS NULL {other_filter}
{recognised}"""
_RECOGNISED = """UNION ALL
SELECT r.trainee_id, r.year, r.category, r.hours, 1
FROM recognised_hours r WHERE r.status = 'approved' AND r.deleted_at IS NULL {recognised_filter}
"""


def _years() -> range:
    return range(2002, dt.date.today().year + 2)


def _required_sql(rules: HourRules, years: range, year_column: str = "h.year") -> str:
    """CASE over the years: the senior / standard requirement of each year's rule."""
    senior = "(t.title_level IN ('senior_full', 'senior_deputy') OR t.high_tech)"
    cases = " ".join(f"WHEN {year} THEN CASE WHEN {senior} THEN {float(rules.for_year(year).senior_hours)!r} "
                     f"ELSE {float(rules.for_year(year).standard_hours)!r} END" for year in years)
    return f"CASE {year_column} {cases} ELSE 0 END"


def _insert_sql(course_filter: str = "", other_filter: str = "", recognised_filter: str = "",
                recognised: bool = True) -> str:
    sources = _SOURCES.format(course_filter=course_filter, other_filter=other_filter, recognised=_RECOGNISED.format(
        recognised_filter=recognised_filter) if recognised else "")
    return (
        "INSERT INTO trainee_year_hours (trainee_id, year, org_path, active, required, public_required, "
        "public_elective, professional, other, total) "
        "SELECT h.trainee_id, h.year, t.org_path, t.active, {required}, "
        "sum(CASE WHEN h.category = 'public_required' THEN h.hours ELSE 0 END), "
        "sum(CASE WHEN h.category = 'public_elective' THEN h.hours ELSE 0 END), "
        "sum(CASE WHEN h.category = 'professional' THEN h.hours ELSE 0 END), "
        "sum(CASE WHEN h.is_other THEN h.hours ELSE 0 END), round(sum(h.hours), 1) "
        f"FROM ({sources}) h JOIN trainee t ON t.id = h.trainee_id "
        "WHERE h.year >= 2002 GROUP BY h.trainee_id, h.year"
    )


def rebuild_year_hours(connection: Connection) -> int:
    """Every trainee's hours of every year, from scratch (the demo, a migration, after a sync)."""
    rules = load_rules(connection)
    connection.exec_driver_sql("DELETE FROM trainee_year_hours")
    # An older migration (0005) rebuilds before the 学时认定 table exists.
    recognised = connection.exec_driver_sql(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'recognised_hours'").scalar_one() > 0
    connection.exec_driver_sql(_insert_sql(recognised=recognised).format(required=_required_sql(rules, _years())))
    changed = [row[0] for row in connection.exec_driver_sql("SELECT DISTINCT trainee_id FROM title_change "
                                                            "WHERE deleted_at IS NULL")]
    _apply_title_history(connection, changed, rules)
    return connection.exec_driver_sql("SELECT count(*) FROM trainee_year_hours").scalar_one()


def refresh_year_hours(session: Session, trainee_ids: list) -> None:
    """After a change to some trainees' learning or titles: their rows, recomputed."""
    ids = sorted({value.hex if hasattr(value, "hex") else value for value in trainee_ids})
    if not ids:
        return
    session.flush()
    connection = session.connection()
    rules = load_rules(connection)
    years = _years()
    for start in range(0, len(ids), 400):
        chunk = ids[start:start + 400]
        marks = ", ".join("?" * len(chunk))
        connection.exec_driver_sql(f"DELETE FROM trainee_year_hours WHERE trainee_id IN ({marks})", tuple(chunk))
        sql = _insert_sql(f"AND e.trainee_id IN ({marks})", f"AND o.trainee_id IN ({marks})",
                          f"AND r.trainee_id IN ({marks})")
        connection.exec_driver_sql(sql.format(required=_required_sql(rules, years)), (*chunk, *chunk, *chunk))
    _apply_title_history(connection, ids, rules)


def recompute_required(connection: Connection, years: range | None = None) -> int:
    """After a rule changed (set here or pulled): the requirement of every trainee's row of the
    years it governs, by the rules now stored. Returns how many rows it set."""
    rules = load_rules(connection)
    years = years if years is not None else _years()
    if not len(years):
        return 0
    bounds = (years[0], years[-1])
    count = connection.exec_driver_sql(
        "UPDATE trainee_year_hours SET required = (SELECT "
        f"{_required_sql(rules, years, 'trainee_year_hours.year')} FROM trainee t "
        "WHERE t.id = trainee_year_hours.trainee_id) WHERE year >= ? AND year <= ?", bounds).rowcount
    changed = [row[0] for row in connection.exec_driver_sql(
        "SELECT DISTINCT c.trainee_id FROM title_change c JOIN trainee_year_hours y ON y.trainee_id = c.trainee_id "
        "WHERE c.deleted_at IS NULL AND y.year >= ? AND y.year <= ?", bounds)]
    _apply_title_history(connection, changed, rules, bounds)
    return count


def title_at_year_end(changes: list, year: int, current: tuple[str, bool]) -> tuple[str, bool]:
    """(title level, high-tech) on 12-31 of ``year``, from changes sorted by date; before the
    first change the title is that change's previous one."""
    year_end = dt.date(year, 12, 31)
    before = [change for change in changes if change.effective_on <= year_end]
    if before:
        return before[-1].title_level, bool(before[-1].high_tech)
    if changes:
        return changes[0].previous_title_level, bool(changes[0].previous_high_tech)
    return current


def dated_title_change(row) -> SimpleNamespace:
    """A raw title_change row with ``effective_on`` as a date (SQLite returns text)."""
    values = dict(row._mapping)
    if isinstance(values["effective_on"], str):
        values["effective_on"] = dt.date.fromisoformat(values["effective_on"][:10])
    return SimpleNamespace(**values)


def _apply_title_history(connection: Connection, trainee_ids: list[str], rules: HourRules,
                         years: tuple[int, int] = (0, 9999)) -> None:
    """Requirements of trainees whose title changed: by the title at each year's end."""
    from tjce_desktop.domain.enums import TitleLevel

    for start in range(0, len(trainee_ids), 400):
        chunk = trainee_ids[start:start + 400]
        marks = ", ".join("?" * len(chunk))
        changes: dict[str, list] = {}
        for row in connection.exec_driver_sql(
                "SELECT trainee_id, effective_on, previous_title_level, previous_high_tech, title_level, high_tech "
                f"FROM title_change WHERE deleted_at IS NULL AND trainee_id IN ({marks}) ORDER BY effective_on",
                tuple(chunk)):
            change = dated_title_change(row)
            changes.setdefault(change.trainee_id, []).append(change)
        if not changes:
            continue
        currents = {row.id: (row.title_level, bool(row.high_tech)) for row in connection.exec_driver_sql(
            f"SELECT id, title_level, high_tech FROM trainee WHERE id IN ({marks})", tuple(chunk))}
        for trainee_id, history in changes.items():
            for (year,) in connection.exec_driver_sql(
                    "SELECT year FROM trainee_year_hours WHERE trainee_id = ? AND year >= ? AND year <= ?",
                    (trainee_id, *years)).all():
                title, high_tech = title_at_year_end(history, year, currents.get(trainee_id, ("none", False)))
                connection.exec_driver_sql(
                    "UPDATE trainee_year_hours SET required = ? WHERE trainee_id = ? AND year = ?",
                    (rules.for_year(year).required_hours(TitleLevel(title), high_tech), trainee_id, year))
