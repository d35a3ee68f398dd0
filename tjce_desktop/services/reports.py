"""报表管理: the five reports of the manual (§4), as SQL over the local database.

Definitions (GLOSSARY.md): the scope is the chosen org and all its sub-orgs; trainees who
left (inactive) and deleted records are left out, and a trainee counts where they belong
now. 注册人数 are the trainees of the scope, 参训人数 those of them enrolled in the plan,
完成人数 those who finished it; 参训率 = 参训人数 ÷ 注册人数 and 完成率 = 完成人数 ÷ 注册人数,
``None`` (shown "—") when nobody is registered.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from tjce_desktop.domain.enums import CourseCategory, ExamType, LearningStatus, TitleLevel
from tjce_desktop.domain.errors import UserError
from tjce_desktop.domain.id_number import mask_id_number, normalise_id_number
from tjce_desktop.domain.reports import (  # shared with exchange/; the window and CLI use them from here
    CHART_SERIES as CHART_SERIES,
)
from tjce_desktop.domain.reports import (
    EXAM_STATUS_LABELS as EXAM_STATUS_LABELS,
)
from tjce_desktop.domain.reports import (
    RATE_FORMULAS as RATE_FORMULAS,
)
from tjce_desktop.domain.reports import (
    REPORT_TITLES as REPORT_TITLES,
)
from tjce_desktop.domain.reports import (
    Column as Column,
)
from tjce_desktop.domain.reports import (
    Report as Report,
)
from tjce_desktop.domain.reports import (
    format_cell as format_cell,
)
from tjce_desktop.services.actor import Scope
from tjce_desktop.services.orgs import list_orgs, scope_bounds, subtree_bounds

_LIVE = "t.deleted_at IS NULL AND t.active = 1 AND t.org_path >= ? AND t.org_path < ?"
# The same scope read from the archive's copies of its trainee's org path and 在职 flag.
_LIVE_ARCHIVE = "e.deleted_at IS NULL AND e.trainee_active = 1 AND e.org_path >= ? AND e.org_path < ?"
_ALL_STATUSES = "(" + ", ".join(f"'{status.value}'" for status in LearningStatus) + ")"


class ReportError(UserError, ValueError):
    """``str()`` is the Chinese message."""


@dataclass(frozen=True, slots=True)
class PlanRef:
    id: uuid.UUID
    name: str
    year: int


Bounds = tuple[str, str]  # a key range of org paths


def own_bounds(path: str) -> Bounds:
    """Only the org's own trainees: every sub-org's path is ``path + code + "/"``, above this range."""
    return path, path + "\x00"


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def plans(connection: Connection) -> list[PlanRef]:
    rows = connection.exec_driver_sql(
        "SELECT id, name, year FROM training_plan WHERE deleted_at IS NULL ORDER BY year DESC, name"
    ).all()
    return [PlanRef(uuid.UUID(r.id), r.name, r.year) for r in rows]


def find_plan(connection: Connection, reference: str) -> PlanRef:
    """A plan by its exact name, or by a fragment that only one plan's name contains."""
    all_plans = plans(connection)
    exact = [p for p in all_plans if p.name == reference.strip()]
    if exact:
        return exact[0]
    matches = [p for p in all_plans if reference.strip() in p.name]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise ReportError(f"找不到培训计划“{reference}”。")
    names = "、".join(p.name for p in matches[:5])
    raise ReportError(f"有多个培训计划包含“{reference}”：{names}……请写完整名称。")


def _registered(connection: Connection, bounds: Bounds) -> int:
    sql = f"SELECT count(*) FROM trainee t WHERE {_LIVE}"
    return connection.exec_driver_sql(sql, bounds).scalar_one()


def _status_counts(connection: Connection, bounds: Bounds) -> dict[str, dict[str, int]]:
    """plan id (hex) → learning status → enrolled trainees of the range.

    One index range count per plan and status: a GROUP BY over the whole scope would sort
    every archive of the city (3,000,000 entries) first.
    """
    sql = f"SELECT count(*) FROM enrollment e WHERE e.plan_id = ? AND e.status = ? AND {_LIVE_ARCHIVE}"
    counts: dict[str, dict[str, int]] = {}
    for plan in plans(connection):
        for status in LearningStatus:
            count = connection.exec_driver_sql(sql, (plan.id.hex, status.value, *bounds)).scalar_one()
            if count:
                counts.setdefault(plan.id.hex, {})[status.value] = count
    return counts


# --- 4.1 培训计划统计总表 ----------------------------------------------------------------------------

SUMMARY_COLUMNS = (
    Column("name", "培训计划"),
    Column("registered", "注册人数", "int", "管辖范围内（含下级机构）的在职学员；同一范围内各培训计划相同"),
    Column("participated", "参训人数", "int", "其中已选课的学员"),
    Column("completed", "完成人数", "int", "其中已学完的学员"),
    Column("not_participated", "未参训人数", "int", "注册人数 − 参训人数：还没有选课的学员（双击查看名单）"),
    Column("participation_rate", "参训率", "rate", RATE_FORMULAS["participation_rate"]),
    Column("completion_rate", "完成率", "rate", RATE_FORMULAS["completion_rate"]),
)


def _summary_row(name: str, registered: int, by_status: dict[str, int]) -> tuple:
    participated = sum(by_status.values())
    completed = by_status.get(LearningStatus.FINISHED.value, 0)
    return (name, registered, participated, completed, registered - participated, _rate(participated, registered),
            _rate(completed, registered))


def plan_summary(connection: Connection, scope_path: Scope, plan: PlanRef | None = None) -> Report:
    bounds = scope_bounds(scope_path)
    registered = _registered(connection, bounds)
    counts = _status_counts(connection, bounds)
    chosen = [plan] if plan else plans(connection)
    rows = [_summary_row(p.name, registered, counts.get(p.id.hex, {})) for p in chosen]
    return Report("4.1", SUMMARY_COLUMNS, rows, row_keys=[p.id.hex for p in chosen])


# --- 4.3 按计划统计 ---------------------------------------------------------------------------------

STATUS_COLUMNS = (
    Column("name", "培训计划"),
    Column("participants", "参与人数", "int", "已选课的在职学员"),
    Column("finished", LearningStatus.FINISHED.label, "int"),
    Column("in_progress", LearningStatus.IN_PROGRESS.label, "int"),
    Column("not_started", LearningStatus.NOT_STARTED.label, "int"),
)


def _status_row(name: str, by_status: dict[str, int]) -> tuple:
    finished = by_status.get(LearningStatus.FINISHED.value, 0)
    in_progress = by_status.get(LearningStatus.IN_PROGRESS.value, 0)
    not_started = by_status.get(LearningStatus.NOT_STARTED.value, 0)
    return (name, finished + in_progress + not_started, finished, in_progress, not_started)


def plan_status(connection: Connection, scope_path: Scope, plan: PlanRef | None = None) -> Report:
    counts = _status_counts(connection, scope_bounds(scope_path))
    chosen = [plan] if plan else plans(connection)
    rows = [_status_row(p.name, counts.get(p.id.hex, {})) for p in chosen]
    return Report("4.3", STATUS_COLUMNS, rows, _sum_row("合计（人次）", rows, 1), row_keys=[p.id.hex for p in chosen])


def _sum_row(label: str, rows: list[tuple], first_number: int) -> tuple | None:
    """Column sums, for reports whose rows add up (人次: a trainee in two plans counts twice)."""
    if len(rows) < 2:
        return None
    blanks = ("",) * (first_number - 1)
    return (label, *blanks, *(sum(row[i] for row in rows) for i in range(first_number, len(rows[0]))))


# --- 4.5 考试情况统计 -------------------------------------------------------------------------------

EXAM_COLUMNS = (
    Column("name", "考试名称"),
    Column("exam_type", "考试类型"),
    Column("expected", "应参考人数", "int", "选了该培训计划的在职学员"),
    Column("passed", "通过人数", "int", "至少一次通过"),
    Column("failed", "未通过人数", "int", "参加过考试，但没有通过"),
    Column("absent", "未参考人数", "int", "没有参加过考试"),
)


def _exam_outcomes(connection: Connection, bounds: Bounds, plan: PlanRef) -> dict[str, tuple[int, int, int]]:
    """exam id (hex) → (passed, failed, absent) among the plan's enrolled trainees of the range."""
    # One probe per archive and exam: max(passed) is 1 (passed), 0 (failed) or NULL (absent).
    # Grouped by that value, so SQLite evaluates the probe once (each sum() over it would
    # evaluate it again).
    sql = (
        "SELECT exam_id, best, count(*) FROM ("
        " SELECT x.id AS exam_id,"
        "  (SELECT max(a.passed) FROM exam_attempt a WHERE a.enrollment_id = e.id AND a.exam_id = x.id"
        "   AND a.deleted_at IS NULL) AS best"
        " FROM exam x JOIN enrollment e ON e.plan_id = x.plan_id"
        # Naming every status lets SQLite seek the scope's range within each (plan, status).
        f" WHERE x.plan_id = ? AND x.deleted_at IS NULL AND e.status IN {_ALL_STATUSES} AND {_LIVE_ARCHIVE}"
        ") GROUP BY exam_id, best"
    )
    outcomes: dict[str, list[int]] = {}
    for exam_id, best, count in connection.exec_driver_sql(sql, (plan.id.hex, *bounds)):
        slot = 2 if best is None else (0 if best else 1)
        outcomes.setdefault(exam_id, [0, 0, 0])[slot] += count
    return {exam_id: (values[0], values[1], values[2]) for exam_id, values in outcomes.items()}


def _exams(connection: Connection, plan: PlanRef) -> list:
    return list(connection.exec_driver_sql(
        "SELECT id, name, exam_type, max_attempts FROM exam WHERE plan_id = ? AND deleted_at IS NULL "
        "ORDER BY sort_order, name", (plan.id.hex,)).all())


def exam_summary(connection: Connection, scope_path: Scope, plan: PlanRef) -> Report:
    outcomes = _exam_outcomes(connection, scope_bounds(scope_path), plan)
    rows, keys = [], []
    for exam in _exams(connection, plan):
        passed, failed, absent = outcomes.get(exam.id, (0, 0, 0))
        rows.append((exam.name, ExamType(exam.exam_type).label, passed + failed + absent, passed, failed, absent))
        keys.append(exam.id)
    return Report("4.5", EXAM_COLUMNS, rows, _sum_row("合计（人次）", rows, 2), filters={"培训计划": plan.name},
                  row_keys=keys)


# --- by child org (4.1, 4.3, 4.5 with one plan) ------------------------------------------------------


def _children(connection: Connection, parent_path: str) -> list:
    return list(connection.exec_driver_sql(
        "SELECT c.name, c.path FROM org c JOIN org p ON p.id = c.parent_id "
        "WHERE p.path = ? AND c.deleted_at IS NULL ORDER BY c.sort_order, c.name", (parent_path,)).all())


def by_child(connection: Connection, code: str, parent_path: Scope, parent_name: str, plan: PlanRef) -> Report:
    """One row per direct child org of the scope (with 本级 for the scope's own trainees), and a total."""
    scope_bounds(parent_path)  # checked once: the children lie inside it

    def figures(bounds: Bounds) -> tuple:
        if code == "4.1":
            counts = _status_counts(connection, bounds).get(plan.id.hex, {})
            return _summary_row("", _registered(connection, bounds), counts)[1:]
        if code == "4.3":
            return _status_row("", _status_counts(connection, bounds).get(plan.id.hex, {}))[1:]
        outcomes = _exam_outcomes(connection, bounds, plan).values()
        passed, failed, absent = (sum(o[i] for o in outcomes) for i in range(3))
        return (passed + failed + absent, passed, failed, absent)

    if code not in ("4.1", "4.3", "4.5"):
        raise ReportError(f"报表 {code} 不能按下级机构分列。")
    first = Column("org", "组织机构")
    columns = {
        "4.1": (first, *SUMMARY_COLUMNS[1:]),
        "4.3": (first, *STATUS_COLUMNS[1:]),
        "4.5": (first, Column("expected", "应参考人次", "int", "各场考试的应参考人数之和"), *EXAM_COLUMNS[3:]),
    }[code]
    children = _children(connection, parent_path)
    rows = [(child.name, *figures(subtree_bounds(child.path))) for child in children]
    keys = [child.path for child in children]
    own = figures(own_bounds(parent_path))
    if any(own):
        rows.append((f"{parent_name}（本级）", *own))
        keys.append("")  # no drill-down: a subtree list would include the sub-orgs
    total = (f"合计（{parent_name}）", *figures(subtree_bounds(parent_path)))
    if code == "4.1":  # rates of the total are not sums
        total = (*total[:5], _rate(total[2], total[1]), _rate(total[3], total[1]))
    return Report(code, columns, rows, total, filters={"培训计划": plan.name, "按下级机构": parent_name},
                  row_keys=keys, total_key=parent_path)


# --- 4.2 培训计划学员详细表 / 4.4 按人员统计考试 -------------------------------------------------------


def _label(enum_type, value: str) -> str:
    try:
        return enum_type(value).label
    except ValueError:
        return value


def org_names(connection: Connection) -> dict[str, str]:
    """Full org names by path ("和平区/某某单位"), as list_orgs makes them."""
    with Session(connection) as session:
        return {org.path: org.full_name for org in list_orgs(session)}


# One row per archive (4.2) or per archive and exam (4.4): too many for memory at city
# scale, so the page reads the keys in order first and the values page by page; the CLI
# and the exports join the two.

_ARCHIVES_IN_SCOPE = (f"FROM enrollment e JOIN trainee t ON t.id = e.trainee_id "
                      f"WHERE e.plan_id = ? AND e.status IN {_ALL_STATUSES} AND {_LIVE_ARCHIVE}")
# Reading whole rows of a large scope, walking the scope index means random reads all over
# the table; "+" keeps SQLite on the plan index, which visits the archives in table order.
_ARCHIVES_IN_TABLE_ORDER = ("FROM enrollment e JOIN trainee t ON t.id = e.trainee_id "
                            "WHERE e.plan_id = ? AND e.deleted_at IS NULL AND +e.trainee_active = 1 "
                            "AND +e.org_path >= ? AND +e.org_path < ?")
_ORDER = "ORDER BY e.org_path, t.real_name, t.rowid"
_PAGE = 500


def detail_columns(connection: Connection, plan: PlanRef) -> tuple[Column, ...]:
    exams = _exams(connection, plan)
    return (
        Column("org", "组织机构"), Column("username", "学员姓名"), Column("real_name", "真实姓名"),
        Column("id_number", "身份证号"),  # masked; two people of one name told apart
        Column("title_level", "职称"),
        *(Column(c.value, c.label, "hours") for c in CourseCategory),
        Column("hours", "总学时", "hours"), Column("status", "学习状态"), Column("finished_on", "完成日期", "date"),
        *(Column(f"exam_{n}", f"{exam.name}（最高分）", "score") for n, exam in enumerate(exams)),
    )


def detail_keys(connection: Connection, scope_path: Scope, plan: PlanRef, status: str | None = None) -> list[int]:
    sql, params = f"SELECT e.rowid {_ARCHIVES_IN_SCOPE}", [plan.id.hex, *scope_bounds(scope_path)]
    if status:
        sql += " AND e.status = ?"
        params.append(status)
    return [row[0] for row in connection.exec_driver_sql(f"{sql} {_ORDER}", tuple(params))]


def _detail_select(connection: Connection, plan: PlanRef) -> str:
    hours = ", ".join(
        f"(SELECT coalesce(sum(p.hours), 0) FROM course_progress p JOIN course c ON c.id = p.course_id "
        f" WHERE p.enrollment_id = e.id AND p.deleted_at IS NULL AND c.category = '{category.value}')"
        for category in CourseCategory
    )
    best = "".join(
        f", (SELECT max(a.score) FROM exam_attempt a WHERE a.enrollment_id = e.id AND a.exam_id = '{exam.id}' "
        f" AND a.deleted_at IS NULL)" for exam in _exams(connection, plan)
    )
    return (f"SELECT e.rowid, t.org_path, t.username, t.real_name, t.id_number, t.title_level, {hours}, e.hours, "
            f"e.status, "
            f"e.finished_at{best} ")


def _detail_line(names: dict[str, str], r) -> tuple:
    return (names.get(r[1], r[1]), r[2], r[3], mask_id_number(r[4]), _label(TitleLevel, r[5]), r[6], r[7], r[8], r[9],
            _label(LearningStatus, r[10]), str(r[11])[:10] if r[11] else "", *r[12:])


def detail_rows(connection: Connection, plan: PlanRef, keys: list[int],
                names: dict[str, str] | None = None) -> dict[int, tuple]:
    """The values of some 4.2 rows, by key (a page of the lazy table, which passes ``names``)."""
    select, names = _detail_select(connection, plan), names or org_names(connection)
    rows: dict[int, tuple] = {}
    for start in range(0, len(keys), _PAGE):
        chunk = keys[start:start + _PAGE]
        sql = (f"{select}FROM enrollment e JOIN trainee t ON t.id = e.trainee_id "
               f"WHERE e.rowid IN ({', '.join('?' * len(chunk))})")
        rows.update((r[0], _detail_line(names, r)) for r in connection.exec_driver_sql(sql, tuple(chunk)))
    return rows


def trainee_detail(connection: Connection, scope_path: Scope, plan: PlanRef, status: str | None = None) -> Report:
    """The whole of 4.2 in one ordered query (the CLI and the exports)."""
    sql = f"{_detail_select(connection, plan)}{_ARCHIVES_IN_TABLE_ORDER}"
    params = [plan.id.hex, *scope_bounds(scope_path)]
    if status:
        sql += " AND e.status = ?"
        params.append(status)
    names = org_names(connection)
    rows = [_detail_line(names, r) for r in connection.exec_driver_sql(f"{sql} {_ORDER}", tuple(params))]
    filters = {"培训计划": plan.name}
    if status:
        filters["学习状态"] = _label(LearningStatus, status)
    return Report("4.2", detail_columns(connection, plan), rows, filters=filters)


EXAM_TRAINEE_COLUMNS = (
    Column("org", "组织机构"), Column("username", "学员姓名"), Column("real_name", "真实姓名"),
    Column("exam", "考试名称"), Column("exam_status", "考试状态"),
    Column("remaining", "剩余考试次数", "int"), Column("best_score", "最高分", "score"),
)
_OUTCOME_TEST = {"passed": "= 1", "failed": "= 0", "absent": "IS NULL"}


_EXAM_FROM = ("FROM exam x JOIN enrollment e ON e.plan_id = x.plan_id JOIN trainee t ON t.id = e.trainee_id ")
_EXAM_SELECT = (
    "SELECT e.rowid, x.rowid, t.org_path, t.username, t.real_name, x.name, x.max_attempts, "
    " (SELECT count(*) FROM exam_attempt a WHERE a.enrollment_id = e.id AND a.exam_id = x.id"
    "  AND a.deleted_at IS NULL), "
    " (SELECT max(a.score) FROM exam_attempt a WHERE a.enrollment_id = e.id AND a.exam_id = x.id "
    "  AND a.deleted_at IS NULL), "
    " (SELECT max(a.passed) FROM exam_attempt a WHERE a.enrollment_id = e.id AND a.exam_id = x.id "
    "  AND a.deleted_at IS NULL) "
)


def _exam_where(scope_path: Scope, plan: PlanRef, exam_status: str | None, who: str,
                table_order: bool = False) -> tuple[str, list]:
    archives = (_ARCHIVES_IN_TABLE_ORDER.split("WHERE ", 1)[1] if table_order
                else f"e.plan_id = ? AND e.status IN {_ALL_STATUSES} AND {_LIVE_ARCHIVE}")
    sql = f"WHERE x.deleted_at IS NULL AND {archives}"
    params: list = [plan.id.hex, *scope_bounds(scope_path)]
    if exam_status:
        sql += (" AND (SELECT max(a.passed) FROM exam_attempt a WHERE a.enrollment_id = e.id AND a.exam_id = x.id"
                f" AND a.deleted_at IS NULL) {_OUTCOME_TEST[exam_status]}")
    who = normalise_id_number(who) if who.strip() else ""
    if who:
        sql += " AND (instr(t.real_name, ?) > 0 OR t.id_number = ? OR substr(t.id_number, -length(?)) = ?)"
        params += [who, who, who, who]
    return sql + f" {_ORDER}, x.sort_order, x.rowid", params


def _exam_line(names: dict[str, str], r) -> tuple:
    attempts, best, passed = r[7], r[8], r[9]
    state = "passed" if passed else ("failed" if attempts else "absent")
    return (names.get(r[2], r[2]), r[3], r[4], r[5], EXAM_STATUS_LABELS[state], max(0, r[6] - attempts), best)


def exam_keys(connection: Connection, scope_path: Scope, plan: PlanRef, exam_status: str | None = None,
              who: str = "") -> list[tuple[int, int]]:
    """(archive rowid, exam rowid) of each row of 4.4, in order (the lazy table's keys)."""
    where, params = _exam_where(scope_path, plan, exam_status, who)
    return [(r[0], r[1]) for r in connection.exec_driver_sql(f"SELECT e.rowid, x.rowid {_EXAM_FROM}{where}",
                                                             tuple(params))]


def exam_rows(connection: Connection, keys: list[tuple[int, int]],
              names: dict[str, str] | None = None) -> dict[tuple[int, int], tuple]:
    """The values of some 4.4 rows, by key (a page of the lazy table, which passes ``names``)."""
    names = names or org_names(connection)
    rows: dict[tuple[int, int], tuple] = {}
    for start in range(0, len(keys), _PAGE):
        chunk = keys[start:start + _PAGE]
        archives = sorted({key[0] for key in chunk})
        sql = f"{_EXAM_SELECT}{_EXAM_FROM}WHERE e.rowid IN ({', '.join('?' * len(archives))})"
        wanted = set(chunk)
        for r in connection.exec_driver_sql(sql, tuple(archives)):
            if (r[0], r[1]) in wanted:
                rows[(r[0], r[1])] = _exam_line(names, r)
    return rows


def exam_by_trainee(connection: Connection, scope_path: Scope, plan: PlanRef, exam_status: str | None = None,
                    who: str = "") -> Report:
    """The whole of 4.4 in one ordered query (the CLI and the exports)."""
    where, params = _exam_where(scope_path, plan, exam_status, who, table_order=True)
    names = org_names(connection)
    rows = [_exam_line(names, r) for r in connection.exec_driver_sql(f"{_EXAM_SELECT}{_EXAM_FROM}{where}",
                                                                      tuple(params))]
    filters = {"培训计划": plan.name}
    if exam_status:
        filters["考试状态"] = EXAM_STATUS_LABELS[exam_status]
    if who.strip():
        filters["姓名/身份证号"] = who.strip()
    return Report("4.4", EXAM_TRAINEE_COLUMNS, rows, filters=filters)


# --- drill-down: the trainees behind a number ---------------------------------------------------------

# Report column → what the trainees behind a count have in common.
_DRILL = {
    "registered": {},
    "participated": {"plan_relation": "enrolled"},
    "participants": {"plan_relation": "enrolled"},
    "completed": {"plan_relation": "finished"},
    "finished": {"plan_relation": "finished"},
    "in_progress": {"plan_relation": "in_progress"},
    "not_started": {"plan_relation": "not_started"},
    "not_participated": {"plan_relation": "not_enrolled"},
    "expected": {"plan_relation": "enrolled"},
    "passed": {"exam_outcome": "passed"},
    "failed": {"exam_outcome": "failed"},
    "absent": {"exam_outcome": "absent"},
}
DRILL_LABELS = {
    "registered": "注册（在职）学员", "participated": "参训学员", "participants": "参训学员",
    "completed": "已完成学员", "finished": "已学完学员", "in_progress": "学习中学员", "not_started": "未学学员",
    "not_participated": "未参训学员", "expected": "应参考学员", "passed": "考试通过学员",
    "failed": "考试未通过学员", "absent": "未参考学员",
}


def drill_down_filter(measure: str, plan: PlanRef | None, exam_id: str = ""):
    """The trainee-list filter behind a report count (``measure`` is the column key)."""
    from tjce_desktop.services.trainee_listing import TraineeFilter

    if measure not in _DRILL:
        raise ReportError(f"“{measure}”这一列不能查看明细。")
    conditions = dict(_DRILL[measure])
    if conditions and plan is None:
        raise ReportError("请先选择培训计划。")
    if "exam_outcome" in conditions and not exam_id:
        raise ReportError("请选择考试。")
    return TraineeFilter(active=True, plan_id=plan.id.hex if plan and conditions else "",
                         plan_relation=conditions.get("plan_relation", ""),
                         exam_id=exam_id if "exam_outcome" in conditions else "",
                         exam_outcome=conditions.get("exam_outcome", ""))
