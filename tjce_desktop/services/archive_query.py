"""综合查询: learning archives (enrollments) of an org subtree under any combination of filters.

Like the trainee listing, the table holds archive rowids only: the count and key pages run
in SQL, ordered as the scope index is (org path, 在职, key) and continued by keyset. The
trainee table is consulted only when a filter needs it (as a subquery of trainee keys), so
the common query — a plan, a district and a status — is one range of ``ix_enrollment_live_scope``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields

from sqlalchemy import Connection

from tjce_desktop.domain import batch_number
from tjce_desktop.domain.enums import LearningStatus, PostType, StampStatus, TitleLevel
from tjce_desktop.domain.id_number import mask_id_number, normalise_id_number
from tjce_desktop.domain.pinyin import search_term
from tjce_desktop.domain.text import normalise_text
from tjce_desktop.services.actor import Scope
from tjce_desktop.services.orgs import scope_bounds

EXAM_OUTCOMES = {"passed": "通过", "failed": "未通过", "absent": "未参加"}
_KEYS = ("e.org_path", "e.trainee_active", "e.id")


@dataclass(frozen=True, slots=True)
class ArchiveFilter:
    """The filter panel of 综合查询; empty fields do not filter."""

    plan_id: str = ""  # hex key
    year: int | None = None  # the plan's year
    status: str = ""  # LearningStatus value
    finished_from: dt.date | None = None
    finished_to: dt.date | None = None
    hours_min: float | None = None
    hours_max: float | None = None
    exam_outcome: str = ""  # passed | failed | absent, over the plan's exams
    stamp_status: str = ""  # StampStatus value
    title_level: str = ""
    post_type: str = ""
    name_or_id: str = ""  # part of the name, a whole ID number or its last digits
    active: bool | None = None  # the trainee is 在职

    def to_dict(self) -> dict:
        """JSON-friendly, for saved filter sets."""
        return {key: (value.isoformat() if isinstance(value, dt.date) else value)
                for key, value in asdict(self).items() if value not in ("", None)}

    @classmethod
    def from_dict(cls, data: dict) -> ArchiveFilter:
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        for key in ("finished_from", "finished_to"):
            if isinstance(values.get(key), str):
                values[key] = dt.date.fromisoformat(values[key])
        return cls(**values)

    def describe(self, plan_name: str = "") -> dict[str, str]:
        """The filters in words, for titles of exports and the command line."""
        shown = {
            "培训计划": plan_name or (self.plan_id and "（已选）"),
            "年度": self.year and str(self.year),
            "学习状态": self.status and _STATUS.get(self.status, self.status),
            "完成日期": (self.finished_from or self.finished_to) and
                     f"{self.finished_from or '…'} 至 {self.finished_to or '…'}",
            "学时": (self.hours_min is not None or self.hours_max is not None) and
                  f"{'' if self.hours_min is None else f'{self.hours_min:g}'}～"
                  f"{'' if self.hours_max is None else f'{self.hours_max:g}'}",
            "考试": EXAM_OUTCOMES.get(self.exam_outcome, ""),
            "盖章状态": self.stamp_status and _STAMP.get(self.stamp_status, self.stamp_status),
            "职称": self.title_level and _TITLE.get(self.title_level, self.title_level),
            "岗位类别": self.post_type and _POST.get(self.post_type, self.post_type),
            "姓名或身份证号": normalise_text(self.name_or_id),
            "学员状态": "" if self.active is None else ("在职" if self.active else "离职"),
        }
        return {label: value for label, value in shown.items() if value}

    def _trainee_sql(self) -> tuple[str, list]:
        where: list[str] = []
        params: list = []
        for column, value in (("title_level", self.title_level), ("post_type", self.post_type)):
            if value:
                where.append(f"t.{column} = ?")
                params.append(value)
        text = normalise_text(self.name_or_id)
        if text:
            digits = normalise_id_number(text)
            if len(digits) == 18:
                where.append("t.id_number = ?")
                params.append(digits)
            elif digits and all(ch.isdigit() or ch == "X" for ch in digits):
                where.append("substr(t.id_number, -?) = ?")
                params += [len(digits), digits]
            elif (term := search_term(text)) is not None:  # pinyin or initials: zhang, zm
                where.append("((t.name_pinyin >= ? AND t.name_pinyin < ?) "
                             "OR (t.name_initials >= ? AND t.name_initials < ?))")
                params += [term, term + "\U0010ffff", term, term + "\U0010ffff"]
            else:
                where.append("instr(t.real_name, ?) > 0")
                params.append(text)
        return "".join(f" AND {condition}" for condition in where), params

    def sql(self, bounds: tuple[str, str]) -> tuple[str, list]:
        """Extra WHERE conditions (each starting with AND) over ``e``, for the scope ``bounds``."""
        where: list[str] = []
        params: list = []
        if self.plan_id:
            where.append("e.plan_id = ?")
            params.append(self.plan_id)
        if self.year is not None:
            where.append("e.plan_id IN (SELECT p.id FROM training_plan p WHERE p.year = ? AND p.deleted_at IS NULL)")
            params.append(self.year)
        if self.status:
            where.append("e.status = ?")
            params.append(self.status)
        if self.finished_from is not None:
            where.append("e.finished_at >= ?")
            params.append(self.finished_from.isoformat())
        if self.finished_to is not None:
            where.append("e.finished_at < ?")  # the whole last day
            params.append((self.finished_to + dt.timedelta(days=1)).isoformat())
        if self.hours_min is not None:
            where.append("e.hours >= ?")
            params.append(self.hours_min)
        if self.hours_max is not None:
            where.append("e.hours <= ?")
            params.append(self.hours_max)
        if self.exam_outcome:
            attempts = "SELECT 1 FROM exam_attempt a WHERE a.enrollment_id = e.id AND a.deleted_at IS NULL"
            where.append({
                "passed": f"EXISTS ({attempts} AND a.passed = 1)",
                "failed": f"EXISTS ({attempts}) AND NOT EXISTS ({attempts} AND a.passed = 1)",
                "absent": f"NOT EXISTS ({attempts})",
            }[self.exam_outcome])
        if self.stamp_status:
            where.append("e.stamp_status = ?")
            params.append(self.stamp_status)
        if self.active is not None:
            where.append("e.trainee_active = ?")
            params.append(1 if self.active else 0)
        people, people_params = self._trainee_sql()
        if people:
            # Trainees first (their subtree index covers a name scan), then their archives by
            # trainee key: joining every archive to its trainee costs seconds on a city.
            where.append("e.trainee_id IN (SELECT t.id FROM trainee t WHERE t.deleted_at IS NULL "
                         f"AND t.org_path >= ? AND t.org_path < ?{people})")
            params += [*bounds, *people_params]
        return "".join(f" AND {condition}" for condition in where), params


NO_FILTER = ArchiveFilter()


def _where(scope: Scope, filters: ArchiveFilter) -> tuple[str, list]:
    bounds = scope_bounds(scope)
    extra, params = filters.sql(bounds)
    return f"FROM enrollment e WHERE e.deleted_at IS NULL AND e.org_path >= ? AND e.org_path < ?{extra}", [
        *bounds, *params]


def count_archives(connection: Connection, scope: Scope, filters: ArchiveFilter = NO_FILTER) -> int:
    where, params = _where(scope, filters)
    return connection.exec_driver_sql(f"SELECT count(*) {where}", tuple(params)).scalar_one()


@dataclass(frozen=True, slots=True)
class KeyPage:
    rowids: list[int]
    last_key: tuple | None


def fetch_key_page(connection: Connection, scope: Scope, filters: ArchiveFilter, after: tuple | None,
                   limit: int) -> KeyPage:
    where, params = _where(scope, filters)
    if after is not None:
        where += f" AND ({', '.join(_KEYS)}) > (?, ?, ?)"
        params.extend(after)
    sql = f"SELECT {', '.join(_KEYS)}, e.rowid {where} ORDER BY {', '.join(_KEYS)} LIMIT ?"
    rows = connection.exec_driver_sql(sql, (*params, limit)).all()
    return KeyPage([row[-1] for row in rows], tuple(rows[-1][:-1]) if rows else None)


def all_rowids(connection: Connection, scope: Scope, filters: ArchiveFilter) -> list[int]:
    """Every result in the table's order, also those the table has not loaded (勾选全部结果)."""
    where, params = _where(scope, filters)
    sql = f"SELECT e.rowid {where} ORDER BY {', '.join(_KEYS)}"
    return [row[0] for row in connection.exec_driver_sql(sql, tuple(params))]


def enrollment_ids(connection: Connection, scope: Scope, rowids: list[int]) -> list[str]:
    """Hex keys of the archives given by rowid inside ``scope``, in the order given."""
    low, high = scope_bounds(scope)
    found: dict[int, str] = {}
    for start in range(0, len(rowids), 500):
        chunk = rowids[start:start + 500]
        sql = (f"SELECT rowid, id FROM enrollment WHERE rowid IN ({', '.join('?' * len(chunk))}) "
               "AND org_path >= ? AND org_path < ?")
        found.update(connection.exec_driver_sql(sql, (*chunk, low, high)).all())
    return [found[rowid] for rowid in rowids if rowid in found]


# What an officer reads first comes first (#16): who, where, how far, then which plan and the rest.
COLUMNS = ("姓名", "身份证号", "所属机构", "学习状态", "学时", "完成日期", "考试", "盖章状态", "培训计划", "年度",
           "职称", "岗位类别", "盖章日期", "盖章批次")
_STATUS = {member.value: member.label for member in LearningStatus}
_STAMP = {member.value: member.label for member in StampStatus}
_TITLE = {member.value: member.label for member in TitleLevel}
_POST = {member.value: member.label for member in PostType}


@dataclass(frozen=True, slots=True)
class ArchiveRow:
    rowid: int
    enrollment_id: str
    values: tuple[str, ...]  # display texts, in COLUMNS order
    finished: bool
    stamp_status: str


def exam_text(best_passed, best_score, attempts: int) -> str:
    if not attempts:
        return "未参加"
    score = f"（{best_score:g} 分）" if best_score is not None else ""
    return f"通过{score}" if best_passed else f"未通过{score}"


def fetch_rows(connection: Connection, scope: Scope, rowids: list[int], org_names: dict[str, str], *,
               full_id_numbers: bool = False) -> dict[int, ArchiveRow]:
    """Display rows by rowid, inside ``scope`` only; ``org_names`` maps an org's hex key to its full name."""
    low, high = scope_bounds(scope)
    full_id_numbers = full_id_numbers and scope.actor.may_see_full_id_numbers
    if not rowids:
        return {}
    sql = (
        "SELECT e.rowid, e.id, t.real_name, t.id_number, t.org_id, t.title_level, t.post_type, p.name AS plan, "
        "p.year, e.status, e.hours, e.finished_at, e.stamp_status, e.stamped_at, e.stamp_batch_id, "
        "(SELECT b.number FROM stamp_batch b WHERE b.id = e.stamp_batch_id) AS batch_number, "
        "(SELECT max(a.passed) FROM exam_attempt a WHERE a.enrollment_id = e.id AND a.deleted_at IS NULL) AS passed, "
        "(SELECT max(a.score) FROM exam_attempt a WHERE a.enrollment_id = e.id AND a.deleted_at IS NULL) AS score, "
        "(SELECT count(*) FROM exam_attempt a WHERE a.enrollment_id = e.id AND a.deleted_at IS NULL) AS attempts "
        "FROM enrollment e JOIN trainee t ON t.id = e.trainee_id JOIN training_plan p ON p.id = e.plan_id "
        f"WHERE e.rowid IN ({', '.join('?' * len(rowids))}) AND e.org_path >= ? AND e.org_path < ?"
    )
    result: dict[int, ArchiveRow] = {}
    for r in connection.exec_driver_sql(sql, (*rowids, low, high)):
        values = (
            r.real_name,
            r.id_number if full_id_numbers else mask_id_number(r.id_number),
            org_names.get(r.org_id, ""),
            _STATUS.get(r.status, r.status),
            f"{r.hours:g}",
            str(r.finished_at)[:10] if r.finished_at else "",
            exam_text(r.passed, r.score, r.attempts),
            _STAMP.get(r.stamp_status, r.stamp_status),
            r.plan,
            str(r.year),
            _TITLE.get(r.title_level, r.title_level),
            _POST.get(r.post_type, r.post_type),
            str(r.stamped_at)[:10] if r.stamped_at else "",
            batch_number.shown(r.batch_number, r.stamp_batch_id, r.stamped_at) if r.stamp_batch_id else "",
        )
        result[r.rowid] = ArchiveRow(r.rowid, r.id, values, r.status == LearningStatus.FINISHED.value,
                                     r.stamp_status)
    return result
