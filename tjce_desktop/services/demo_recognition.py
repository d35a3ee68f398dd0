"""学时认定 in the demo: some trainees reach a past year's requirement through approved entries,
some entries wait for a second account's approval, a few were rejected.

Runs inside the demo's one transaction, after the trainees and their learning are written and
before the hours of each year are summed (``rebuild_year_hours`` then counts the approved
entries like any other). A sample of a few hundred trainees at most, so it stays fast.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import uuid

from sqlalchemy import Connection

from tjce_desktop.domain.recognition import DEFAULT_RULES, default_rule_id

RECORDER, REVIEWER = "demo-clerk", "demo-reviewer"  # two accounts: the four eyes
# Kinds a short trainee makes up the gap with, in the order tried (each up to its yearly cap).
_MAKE_UP = ("paper_core_first", "project_provincial", "degree_credit", "lecture_given")
_TITLES = {
    "paper_core_first": "论文《{}领域实践中的若干问题研究》", "project_provincial": "省部级课题“{}关键技术研究”",
    "degree_credit": "在职研究生课程（{}方向）", "lecture_given": "{}专题讲座",
    "conference_paper": "学术年会交流论文（{}分会场）", "patent_utility": "实用新型专利“一种{}装置”",
    "book_compiled": "《{}实务》编写",
}
_FIELDS = ("卫生", "工程", "教育", "农业", "经济", "信息技术", "环境")
_COLUMNS = ("id", "trainee_id", "rule_id", "year", "kind", "title", "quantity", "hours_per_unit", "claimed_hours",
            "hours", "category", "evidence", "status", "note", "recorded_by", "recorded_at", "decided_by",
            "decided_at", "reject_reason", "row_version", "server_seq", "updated_at", "updated_by", "deleted_at")


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S.000000")


def add_demo_recognitions(connection: Connection, seed: int, as_of: dt.date, trainees: int) -> int:
    """Entries for a sample of trainees; returns how many were written."""
    rng = random.Random(seed * 7919 + 18)
    rules = {rule.kind: rule for rule in DEFAULT_RULES}
    count = connection.exec_driver_sql("SELECT max(rowid) FROM trainee").scalar() or 0
    if not count:
        return 0
    sample = sorted(rng.sample(range(1, count + 1), min(count, max(4, min(trainees // 20, 600)))))
    marks = ", ".join("?" * len(sample))
    people = connection.exec_driver_sql(
        f"SELECT id, title_level IN ('senior_full', 'senior_deputy') OR high_tech FROM trainee "
        f"WHERE rowid IN ({marks}) AND active ORDER BY rowid", tuple(sample)).all()
    past = as_of.year - 1
    ids = [row[0] for row in people]
    hours = dict(((row[0], row[1]), row[2]) for row in connection.exec_driver_sql(
        "SELECT e.trainee_id, CAST(strftime('%Y', p.finished_at) AS INTEGER), sum(p.hours) FROM course_progress p "
        f"JOIN enrollment e ON e.id = p.enrollment_id WHERE e.trainee_id IN ({', '.join('?' * len(ids))}) "
        "AND p.finished_at IS NOT NULL GROUP BY 1, 2", tuple(ids)).all()) if ids else {}
    rows: list[tuple] = []

    def entry(trainee_id: str, year: int, kind: str, quantity: float, status: str, used: float,
              recorded: dt.datetime) -> float:
        rule = rules[kind]
        claimed = round(quantity * rule.hours_per_unit, 1)
        counted = min(claimed, max(0.0, rule.yearly_cap - used))
        decided = recorded + dt.timedelta(days=rng.randint(1, 9)) if status != "pending" else None
        title = _TITLES.get(kind, rule.name + "（{}）").format(rng.choice(_FIELDS))
        note = (f"“{rule.name}”每年最多认定 {rule.yearly_cap:g} 学时，{year} 年度已计 {used:g} 学时，本条折算 "
                f"{claimed:g} 学时，按上限计 {counted:g} 学时。") if counted < claimed else None
        rows.append((uuid.UUID(int=rng.getrandbits(128), version=4).hex, trainee_id, default_rule_id(kind).hex, year,
                     kind, title, float(quantity), float(rule.hours_per_unit), claimed, counted,
                     rule.category.value, rule.evidence, status, note, RECORDER, _stamp(recorded),
                     REVIEWER if decided else None, _stamp(decided) if decided else None,
                     "证明材料中没有本人署名，请补充后重新登记" if status == "rejected" else None,
                     1, None, _stamp(decided or recorded), REVIEWER if decided else RECORDER, None))
        return counted

    for trainee_id, senior in people:
        roll = rng.random()
        if roll < 0.55:  # a past year made up with approved other learning
            required = 144 if senior else 96
            gap = required - float(hours.get((trainee_id, past), 0.0) or 0.0)
            if gap <= 0:
                continue
            recorded = dt.datetime(past, rng.randint(9, 11), rng.randint(1, 28), rng.randint(8, 17))
            for kind in _MAKE_UP:
                if gap <= 0:
                    break
                rule = rules[kind]
                quantity = min(math.ceil(gap / rule.hours_per_unit), int(rule.yearly_cap // rule.hours_per_unit))
                gap -= entry(trainee_id, past, kind, quantity, "approved", 0.0, recorded)
        elif roll < 0.85:  # this year: recorded, waiting for the second account
            kind = rng.choice(("conference_paper", "patent_utility", "book_compiled", "paper_core_first"))
            recorded = dt.datetime.combine(as_of - dt.timedelta(days=rng.randint(0, 20)), dt.time(rng.randint(8, 17)))
            entry(trainee_id, as_of.year, kind, rng.choice((1, 2, 3)), "pending", 0.0, recorded)
        elif roll < 0.92:  # rejected: listed on the year card, never counted
            recorded = dt.datetime(past, rng.randint(3, 11), rng.randint(1, 28), 10)
            entry(trainee_id, past, "lecture_given", rng.randint(2, 8), "rejected", 0.0, recorded)
    if rows:
        connection.exec_driver_sql(
            f"INSERT INTO recognised_hours ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})", rows)
    return len(rows)
