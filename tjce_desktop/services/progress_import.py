"""导入学习进度: course hours and exam results from an .xlsx export, for installations that do
not get them from the online platform through the central database.

The same three steps as the trainee import: ``open_progress_import`` finds the header;
``analyse_progress`` judges every row (new, changed, unchanged, or refused with the reason)
without writing; ``apply_progress`` writes the accepted rows in one transaction and brings
each touched archive's hours, status and dates up to date. A row may carry a course, an
exam, or both. Stamped archives are not changed: their stamp certifies what they say.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tjce_desktop.domain.enums import LearningStatus, StampStatus
from tjce_desktop.domain.id_number import IdNumberError, parse_id_number
from tjce_desktop.domain.task_state import TaskState
from tjce_desktop.domain.text import is_blank, normalise_text
from tjce_desktop.exchange.cells import cell_date, cell_text, number_lost_digits
from tjce_desktop.exchange.error_report import write_error_report
from tjce_desktop.exchange.header_detection import detect_header
from tjce_desktop.exchange.sheet_reader import SheetReadError, iter_sheets
from tjce_desktop.services import audit, exports
from tjce_desktop.services.actor import TRAINEE_EDITORS, Actor
from tjce_desktop.services.trainee_import import ImportFileError, ImportSource, Verdict
from tjce_desktop.storage.database import Database, lock_for_writing
from tjce_desktop.storage.derived import refresh_year_hours
from tjce_desktop.storage.models import (
    Course,
    CourseProgress,
    Enrollment,
    Exam,
    ExamAttempt,
    Trainee,
    TrainingPlan,
    utc_now,
)
from tjce_desktop.storage.unit_of_work import UnitOfWork, unit_of

ALIASES: dict[str, tuple[str, ...]] = {
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "证件号码"),
    "real_name": ("姓名", "真实姓名", "学员姓名"),
    "plan": ("培训计划", "计划", "计划名称", "培训计划名称"),
    "course": ("课程", "课程名称"),
    "hours": ("学时", "已获学时", "获得学时", "完成学时"),
    "finished_on": ("完成日期", "完成时间", "学完日期"),
    "exam": ("考试", "考试名称"),
    "score": ("成绩", "分数", "考试成绩"),
    "exam_date": ("考试日期", "考试时间"),
}
HEADERS = ("身份证号", "姓名", "培训计划", "课程", "学时", "完成日期", "考试", "成绩", "考试日期")
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class TraineeKey:
    """The trainee a row is for, as the import needs it (never the live row: the preview is
    made in one unit of work and applied in another)."""

    id: uuid.UUID
    org_path: str
    active: bool


@dataclass(frozen=True, slots=True)
class PlanKey:
    id: uuid.UUID


@dataclass(frozen=True, slots=True)
class CourseKey:
    id: uuid.UUID


@dataclass(frozen=True, slots=True)
class ExamKey:
    id: uuid.UUID
    pass_score: float


@dataclass(frozen=True)
class ProgressRow:
    row_number: int
    cells: tuple
    verdict: Verdict
    messages: tuple[str, ...] = ()
    values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ProgressPreview:
    source: ImportSource
    mapping: dict[int, str]
    rows: list[ProgressRow]
    skipped_empty: int

    def count(self, verdict: Verdict) -> int:
        return sum(1 for row in self.rows if row.verdict is verdict)

    @property
    def refused(self) -> list[ProgressRow]:
        return [row for row in self.rows if row.verdict is Verdict.ERROR]


@dataclass(frozen=True)
class ProgressSummary:
    courses: int  # course records added or changed
    exams: int  # exam attempts added
    archives: int  # archives touched (some new)
    new_archives: int
    refused: int
    unchanged: int

    def as_dict(self) -> dict:
        return {"courses": self.courses, "exams": self.exams, "archives": self.archives,
                "new_archives": self.new_archives, "refused": self.refused, "unchanged": self.unchanged}


def open_progress_import(path: Path | str) -> ImportSource:
    try:
        for sheet in iter_sheets(path):
            header = detect_header(sheet.rows, ALIASES)
            if header is not None and {"id_number", "plan"} <= set(header.mapping.values()):
                return ImportSource(sheet.path, sheet.sheet_name, sheet.rows, header)
    except SheetReadError as exc:
        raise ImportFileError(str(exc)) from exc
    raise ImportFileError(f"在“{Path(path).name}”中找不到学习进度的表头：至少要有“身份证号”和“培训计划”两列，"
                          "以及“课程”“学时”或“考试”“成绩”。")


def _empty(cells) -> bool:
    return all(value is None or (isinstance(value, str) and is_blank(value)) for value in cells)


def _number(value, label: str, messages: list[str], low: float, high: float) -> float | None:
    text = cell_text(value).translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
    if not text:
        messages.append(f"{label}：必填。")
        return None
    try:
        number = float(text)
    except ValueError:
        messages.append(f"{label}“{text}”不是数字。")
        return None
    if not low <= number <= high:
        messages.append(f"{label} {number:g} 超出范围（{low:g}～{high:g}）。")
        return None
    return number


def _date(value, label: str, messages: list[str], today: dt.date) -> dt.date | None:
    try:
        day = cell_date(value)
    except ValueError as exc:
        messages.append(f"{label}：{exc}。")
        return None
    if day is not None and day > today:
        messages.append(f"{label} {day} 晚于今天。")
        return None
    return day


@dataclass
class _Lookups:
    trainees: dict[str, Trainee]
    plans: dict[str, TrainingPlan]
    courses: dict[tuple[uuid.UUID, str], Course]
    exams: dict[tuple[uuid.UUID, str], Exam]
    archives: dict[tuple[uuid.UUID, uuid.UUID], Enrollment]
    progress: dict[tuple[uuid.UUID, uuid.UUID], CourseProgress]
    attempts: dict[tuple[uuid.UUID, uuid.UUID], list[ExamAttempt]]


def _lookups(session: Session, id_numbers: set[str]) -> _Lookups:
    trainees: dict[str, Trainee] = {}
    numbers = sorted(id_numbers)
    for start in range(0, len(numbers), _CHUNK):
        for trainee in session.scalars(select(Trainee).where(Trainee.id_number.in_(numbers[start:start + _CHUNK]),
                                                             Trainee.deleted_at.is_(None))):
            trainees[trainee.id_number] = trainee
    # Keyed by the names as cleaned cell text reads them (full-width brackets become half-width).
    key = normalise_text
    plans = {key(p.name): p for p in session.scalars(select(TrainingPlan).where(TrainingPlan.deleted_at.is_(None)))}
    courses = {(c.plan_id, key(c.name)): c for c in session.scalars(select(Course).where(Course.deleted_at.is_(None)))}
    exams = {(e.plan_id, key(e.name)): e for e in session.scalars(select(Exam).where(Exam.deleted_at.is_(None)))}
    archives: dict[tuple[uuid.UUID, uuid.UUID], Enrollment] = {}
    progress: dict[tuple[uuid.UUID, uuid.UUID], CourseProgress] = {}
    attempts: dict[tuple[uuid.UUID, uuid.UUID], list[ExamAttempt]] = defaultdict(list)
    ids = [t.id for t in trainees.values()]
    for start in range(0, len(ids), _CHUNK):
        chunk = list(session.scalars(select(Enrollment).where(Enrollment.trainee_id.in_(ids[start:start + _CHUNK]),
                                                              Enrollment.deleted_at.is_(None))))
        for archive in chunk:
            archives[(archive.trainee_id, archive.plan_id)] = archive
        archive_ids = [a.id for a in chunk]
        for inner in range(0, len(archive_ids), _CHUNK):
            part = archive_ids[inner:inner + _CHUNK]
            for p in session.scalars(select(CourseProgress).where(CourseProgress.enrollment_id.in_(part),
                                                                  CourseProgress.deleted_at.is_(None))):
                progress[(p.enrollment_id, p.course_id)] = p
            for a in session.scalars(select(ExamAttempt).where(ExamAttempt.enrollment_id.in_(part),
                                                               ExamAttempt.deleted_at.is_(None))):
                attempts[(a.enrollment_id, a.exam_id)].append(a)
    return _Lookups(trainees, plans, courses, exams, archives, progress, attempts)


def analyse_progress(session: Session, actor: Actor, source: ImportSource, *, today: dt.date | None = None,
                     state: TaskState | None = None) -> ProgressPreview:
    """Judge every row; writes nothing."""
    state = state or TaskState()
    today = today or dt.date.today()
    mapping = dict(source.header.mapping)
    rows = [(number, cells) for number, cells in source.data_rows if not _empty(cells)]
    skipped = len(source.data_rows) - len(rows)
    fields = [{name: cells[column] if column < len(cells) else None for column, name in mapping.items()}
              for _, cells in rows]
    parsed_ids: list[str | None] = []
    for raw in fields:
        try:
            parsed_ids.append(parse_id_number(raw.get("id_number"), today=today).value)
        except IdNumberError:
            parsed_ids.append(None)
    state.report(0.2, "正在读取学员和培训计划…")
    look = _lookups(session, {value for value in parsed_ids if value})
    seen_courses: dict[tuple, int] = {}
    seen_exams: dict[tuple, int] = {}
    judged: list[ProgressRow] = []
    for position, ((row_number, cells), raw, id_number) in enumerate(zip(rows, fields, parsed_ids)):
        if position % 2000 == 0:
            state.report(0.3 + 0.7 * position / max(1, len(rows)), f"正在检查第 {position:,} / {len(rows):,} 行…")
        messages: list[str] = []
        values: dict = {}
        id_raw = raw.get("id_number")
        trainee = plan = None
        if number_lost_digits(id_raw):
            messages.append(f"身份证号被 Excel 存成了数字（显示为 {id_raw:.5E}），后几位已经丢失。"
                            "请把该列设置为“文本”格式，再重新输入完整的 18 位号码。")
        elif id_number is None:
            try:
                parse_id_number(id_raw, today=today)
            except IdNumberError as exc:
                messages.append(f"身份证号：{exc}")
        else:
            trainee = look.trainees.get(id_number)
            if trainee is None:
                messages.append(f"找不到身份证号为 {id_number} 的学员，请先导入学员。")
            elif not actor.may_access(trainee.org_path):
                messages.append("该学员不在您的管辖范围内。")
                trainee = None
            else:
                name = cell_text(raw.get("real_name"))
                if name and name != trainee.real_name:
                    messages.append(f"姓名“{name}”与身份证号对应的学员“{trainee.real_name}”不符，请核对。")
        plan_name = cell_text(raw.get("plan"))
        if not plan_name:
            messages.append("培训计划：必填。")
        else:
            plan = look.plans.get(plan_name)
            if plan is None:
                messages.append(f"找不到培训计划“{plan_name}”，请写计划的完整名称。")
            elif plan.closed:
                messages.append(f"培训计划“{plan_name}”已关闭，不能再导入学习进度。")
        course_name, exam_name = cell_text(raw.get("course")), cell_text(raw.get("exam"))
        if not course_name and not exam_name:
            messages.append("每行至少要有“课程”（及学时）或“考试”（及成绩）。")
        course = exam = None
        if course_name and plan is not None:
            course = look.courses.get((plan.id, course_name))
            if course is None:
                messages.append(f"培训计划“{plan.name}”中没有课程“{course_name}”。")
        if course_name:
            limit = course.hours if course is not None else 200
            values["hours"] = _number(raw.get("hours"), "学时", messages, 0, limit)
            values["finished_on"] = _date(raw.get("finished_on"), "完成日期", messages, today)
            if values["hours"] is not None and course is not None and values["hours"] >= course.hours \
                    and values["finished_on"] is None:
                messages.append("学时已满的课程要填写完成日期。")
        if exam_name and plan is not None:
            exam = look.exams.get((plan.id, exam_name))
            if exam is None:
                messages.append(f"培训计划“{plan.name}”中没有考试“{exam_name}”。")
        if exam_name:
            values["score"] = _number(raw.get("score"), "成绩", messages, 0, 100)
            values["exam_date"] = _date(raw.get("exam_date"), "考试日期", messages, today)
            if values["exam_date"] is None and not any(m.startswith("考试日期") for m in messages):
                messages.append("考试日期：必填。")
        verdict = Verdict.ERROR if messages else Verdict.UNCHANGED
        archive = None
        if not messages and trainee is not None and plan is not None:
            archive = look.archives.get((trainee.id, plan.id))
            if archive is not None and archive.stamp_status == StampStatus.STAMPED.value:
                messages.append("该学习档案已盖章，不能再修改学时或成绩；如确需修改，请先撤销盖章。")
            if course is not None:
                key = (trainee.id, course.id)
                if key in seen_courses:
                    messages.append(f"与第 {seen_courses[key]} 行是同一门课程。")
                seen_courses.setdefault(key, row_number)
            if exam is not None:
                exam_key = (trainee.id, exam.id, values.get("exam_date"), values.get("score"))
                if exam_key in seen_exams:
                    messages.append(f"与第 {seen_exams[exam_key]} 行是同一次考试。")
                seen_exams.setdefault(exam_key, row_number)
            verdict = Verdict.ERROR if messages else _change(look, archive, course, exam, values)
        if exam is not None and archive is not None and verdict is not Verdict.ERROR:
            tried = look.attempts.get((archive.id, exam.id), [])
            if (verdict is not Verdict.UNCHANGED and len(tried) >= exam.max_attempts
                    and not _same_attempt(tried, values)):
                messages.append(f"考试“{exam.name}”最多可考 {exam.max_attempts} 次，已考 {len(tried)} 次。")
                verdict = Verdict.ERROR
        values.update(trainee=trainee and TraineeKey(trainee.id, trainee.org_path, bool(trainee.active)),
                      plan=plan and PlanKey(plan.id), course=course and CourseKey(course.id),
                      exam=exam and ExamKey(exam.id, float(exam.pass_score)))
        judged.append(ProgressRow(row_number, tuple(cells), verdict, tuple(messages), values))
    state.report(1.0, "检查完成。")
    return ProgressPreview(source, mapping, judged, skipped)


def _same_attempt(tried: list[ExamAttempt], values: dict) -> bool:
    return any(a.taken_at.date() == values["exam_date"] and a.score == values["score"] for a in tried)


def _change(look: _Lookups, archive: Enrollment | None, course: Course | None, exam: Exam | None,
            values: dict) -> Verdict:
    if archive is None:
        return Verdict.ADD
    changed = False
    if course is not None:
        done = look.progress.get((archive.id, course.id))
        if done is None:
            return Verdict.ADD
        finished = done.finished_at.date() if done.finished_at else None
        changed |= done.hours != values["hours"] or (values["finished_on"] is not None
                                                     and finished != values["finished_on"])
    if exam is not None and not _same_attempt(look.attempts.get((archive.id, exam.id), []), values):
        return Verdict.ADD if not changed else Verdict.UPDATE
    return Verdict.UPDATE if changed else Verdict.UNCHANGED


def apply_progress(uow: UnitOfWork | Session, actor: Actor, preview: ProgressPreview,
                   state: TaskState | None = None) -> ProgressSummary:
    """Write the accepted rows, recompute every touched archive and its trainee's year hours
    (the desk's year card and the 合规看板 read them), and commit.

    The write lock is taken first: every row is then checked against the archives, hours and
    attempts as stored now, so the same file imported twice at once adds nothing twice."""
    uow = unit_of(uow)
    session = uow.session
    actor.require_role(*TRAINEE_EDITORS, doing="导入学习进度")
    state = state or TaskState()
    lock_for_writing(session)
    accepted = [row for row in preview.rows if row.verdict in (Verdict.ADD, Verdict.UPDATE)]
    archives: dict[tuple[uuid.UUID, uuid.UUID], Enrollment] = {}
    new_archives = courses = exams = 0
    now = utc_now()
    for position, row in enumerate(accepted):
        if position % 500 == 0:
            state.report(position / max(1, len(accepted)), f"正在导入第 {position:,} / {len(accepted):,} 行…")
        trainee, plan, course, exam = (row.values[k] for k in ("trainee", "plan", "course", "exam"))
        key = (trainee.id, plan.id)
        archive = archives.get(key) or session.scalar(
            select(Enrollment).where(Enrollment.trainee_id == trainee.id, Enrollment.plan_id == plan.id))
        if archive is None:
            archive = Enrollment(trainee_id=trainee.id, plan_id=plan.id, org_path=trainee.org_path,
                                 trainee_active=trainee.active, status=LearningStatus.NOT_STARTED.value,
                                 enrolled_at=now, hours=0.0, stamp_status=StampStatus.UNSTAMPED.value,
                                 updated_by=actor.username)
            session.add(archive)
            session.flush()
            new_archives += 1
        archives[key] = archive
        if course is not None:
            finished_on = row.values["finished_on"]
            finished_at = dt.datetime.combine(finished_on, dt.time(12)) if finished_on else None
            done = session.scalar(select(CourseProgress).where(CourseProgress.enrollment_id == archive.id,
                                                               CourseProgress.course_id == course.id))
            if done is None:
                session.add(CourseProgress(enrollment_id=archive.id, course_id=course.id, hours=row.values["hours"],
                                           finished_at=finished_at, updated_by=actor.username))
                courses += 1
            elif done.hours != row.values["hours"] or (finished_at and done.finished_at != finished_at):
                done.hours = row.values["hours"]
                done.finished_at = finished_at or done.finished_at
                done.updated_by = actor.username
                courses += 1
        if exam is not None:
            tried = list(session.scalars(select(ExamAttempt).where(ExamAttempt.enrollment_id == archive.id,
                                                                   ExamAttempt.exam_id == exam.id)))
            if not _same_attempt(tried, row.values):
                score = row.values["score"]
                session.add(ExamAttempt(enrollment_id=archive.id, exam_id=exam.id, attempt_no=len(tried) + 1,
                                        score=score, passed=score >= exam.pass_score,
                                        taken_at=dt.datetime.combine(row.values["exam_date"], dt.time(14)),
                                        updated_by=actor.username))
                exams += 1
        session.flush()
    for archive in archives.values():
        recompute_archive(session, archive, actor.username)
    refresh_year_hours(session, [trainee_id for trainee_id, _plan_id in archives])
    summary = ProgressSummary(courses, exams, len(archives), new_archives, preview.count(Verdict.ERROR),
                              preview.count(Verdict.UNCHANGED))
    audit.record(session, actor.username, "progress.import", preview.source.path.name, summary.as_dict())
    uow.commit()
    return summary


def recompute_archive(session: Session, archive: Enrollment, actor_name: str) -> None:
    """Hours, status and dates of an archive from its course records and exam attempts."""
    courses = list(session.scalars(select(Course).where(Course.plan_id == archive.plan_id,
                                                        Course.deleted_at.is_(None))))
    done = {p.course_id: p for p in session.scalars(select(CourseProgress).where(
        CourseProgress.enrollment_id == archive.id, CourseProgress.deleted_at.is_(None)))}
    exam_ids = list(session.scalars(select(Exam.id).where(Exam.plan_id == archive.plan_id, Exam.deleted_at.is_(None))))
    passed = dict(session.execute(select(ExamAttempt.exam_id, func.min(ExamAttempt.taken_at))
                                  .where(ExamAttempt.enrollment_id == archive.id, ExamAttempt.passed.is_(True),
                                         ExamAttempt.deleted_at.is_(None)).group_by(ExamAttempt.exam_id)).all())
    hours = round(sum(p.hours for p in done.values()), 1)
    complete = all(c.id in done and done[c.id].hours >= c.hours and done[c.id].finished_at for c in courses)
    exams_passed = all(exam_id in passed for exam_id in exam_ids)
    dates = [p.finished_at for p in done.values() if p.finished_at] + list(passed.values())
    if complete and exams_passed and courses:
        status, finished_at = LearningStatus.FINISHED.value, max(dates) if dates else utc_now()
    elif done or passed:
        status, finished_at = LearningStatus.IN_PROGRESS.value, None
    else:
        status, finished_at = LearningStatus.NOT_STARTED.value, None
    started = min(dates) if dates else None
    changes = {"hours": hours, "status": status, "finished_at": finished_at,
               "started_at": archive.started_at or started}
    for name, value in changes.items():
        if getattr(archive, name) != value:
            setattr(archive, name, value)
            archive.updated_by = actor_name


def write_progress_errors(database: Database, actor: Actor, preview: ProgressPreview, path: Path | str) -> int:
    """The refused rows as they were (full ID numbers) plus 错误说明; audited."""
    headers = list(preview.source.header.headers)
    id_columns = {column for column, name in preview.mapping.items() if name == "id_number"}
    return exports.audited_write(
        database, actor, "progress.import_errors", path,
        lambda: write_error_report(path, headers,
                                   [(row.cells, row.messages, row.row_number) for row in preview.refused],
                                   id_columns),
        {"source": preview.source.path.name})


def write_progress_template(path: Path | str) -> None:
    from tjce_desktop.exchange.xlsx_table import write_table

    write_table(path, "学习进度", HEADERS, [], widths=(21, 10, 28, 28, 8, 12, 24, 8, 12), text_columns={0},
                title_rows=("学习进度导入模板：每行一门课程的学时，或一次考试的成绩（也可两者都填）。身份证号请用文本格式。",))

