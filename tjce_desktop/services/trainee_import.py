"""导入学员: read a sheet, map its columns, judge every row, import the good ones at once.

Three steps, each usable from the wizard, the CLI and tests:
``open_import`` reads the file and finds the header; ``analyse_import`` gives every row a
verdict (add, update, unchanged, or refused with the reason and the fix) without writing
anything; ``apply_import`` writes the accepted rows in one transaction, so a cancel or a
crash leaves the database as it was.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tjce_desktop.domain.errors import UserError
from tjce_desktop.domain.task_state import TaskState
from tjce_desktop.domain.text import is_blank
from tjce_desktop.exchange.cells import cell_date, cell_text, number_lost_digits, parse_yes_no
from tjce_desktop.exchange.error_report import write_error_report
from tjce_desktop.exchange.header_detection import HeaderMatch, detect_header
from tjce_desktop.exchange.sheet_reader import SheetReadError, iter_sheets
from tjce_desktop.exchange.trainee_template import EXAMPLE_ROW
from tjce_desktop.services import audit, exports
from tjce_desktop.services.actor import TRAINEE_EDITORS, Actor
from tjce_desktop.services.orgs import OrgNode, list_orgs
from tjce_desktop.services.trainee_transfer import LOGIN_TAKEN_ELSEWHERE, registered_elsewhere
from tjce_desktop.services.trainees import FIELD_LABELS, REQUIRED_FIELDS, TraineeForm, apply_changes, clean_form
from tjce_desktop.storage.bulk import insert_synced
from tjce_desktop.storage.database import Database, lock_for_writing
from tjce_desktop.storage.models import Trainee
from tjce_desktop.storage.unit_of_work import UnitOfWork

# Header texts recognised for each field (the template's own come first).
ALIASES: dict[str, tuple[str, ...]] = {
    "username": ("学员姓名", "学员姓名（登录名）", "登录名", "用户名", "账号", "学员账号"),
    "real_name": ("真实姓名", "姓名"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证"),
    "org": ("所属机构", "组织机构", "所在单位", "单位", "部门", "单位名称"),
    "phone": ("手机", "手机号", "手机号码", "联系电话", "电话"),
    "email": ("电子邮箱", "邮箱", "email", "e-mail"),
    "title_level": ("职称", "职称级别", "职称等级"),
    "post_type": ("岗位类别", "岗位类型"),
    "high_tech": ("高新技术", "高新技术人员", "是否高新技术人员"),
    "job_title": ("职务",),
    "birth_date": ("出生日期", "出生年月日"),
}
IMPORT_FIELDS = tuple(ALIASES)
_LOOKUP_CHUNK = 500


class ImportFileError(UserError, ValueError):
    """The file as a whole cannot be imported; ``str()`` is the Chinese message."""


class ImportMode(StrEnum):
    ADD = "add"  # 仅新增
    UPSERT = "upsert"  # 新增并更新（按身份证号匹配）

    @property
    def label(self) -> str:
        return "仅新增" if self is ImportMode.ADD else "新增并更新"


class Verdict(StrEnum):
    ADD = "add"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    ERROR = "error"

    @property
    def label(self) -> str:
        return {"add": "新增", "update": "更新", "unchanged": "无变化", "error": "有错误"}[self.value]


@dataclass(frozen=True)
class ImportSource:
    path: Path
    sheet_name: str
    rows: list[list[object]]
    header: HeaderMatch

    @property
    def data_rows(self) -> list[tuple[int, list[object]]]:
        """(Excel row number, cells) of every row below the header, up to the last filled one.

        Blank rows at the end (formatted but never filled, as in the template) are not rows.
        """
        start = self.header.row_index + 1
        end = len(self.rows)
        while end > start and _is_empty(self.rows[end - 1]):
            end -= 1
        return [(start + offset + 1, row) for offset, row in enumerate(self.rows[start:end])]


@dataclass(frozen=True)
class RowVerdict:
    row_number: int  # as Excel shows it, 1-based
    cells: tuple  # the row as it was in the file
    verdict: Verdict
    messages: tuple[str, ...] = ()
    values: dict = field(default_factory=dict)  # cleaned values to store (add/update)
    trainee_id: uuid.UUID | None = None  # the matched trainee (update/unchanged)


@dataclass(frozen=True)
class ImportPreview:
    source: ImportSource
    mapping: dict[int, str]
    mode: ImportMode
    default_org: OrgNode | None
    rows: list[RowVerdict]
    skipped_empty: int
    # Every row as checked against the file alone (row number, cells, messages, cleaned values):
    # what apply_import judges again against the database under its write lock.
    judged: tuple = field(default=(), repr=False, compare=False)

    def count(self, verdict: Verdict) -> int:
        return sum(1 for row in self.rows if row.verdict is verdict)

    @property
    def refused(self) -> list[RowVerdict]:
        return [row for row in self.rows if row.verdict is Verdict.ERROR]


@dataclass(frozen=True)
class ImportSummary:
    added: int
    updated: int
    unchanged: int
    refused: int
    skipped_empty: int
    file_name: str
    preview: ImportPreview | None = field(default=None, repr=False, compare=False)  # as applied

    def as_dict(self) -> dict:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged, "refused": self.refused,
                "skipped_empty": self.skipped_empty, "file": self.file_name}


def open_import(path: Path | str) -> ImportSource:
    """Read the file and find the first sheet with a recognisable header."""
    try:
        for sheet in iter_sheets(path):
            header = detect_header(sheet.rows, ALIASES)
            if header is not None:
                return ImportSource(sheet.path, sheet.sheet_name, sheet.rows, header)
    except SheetReadError as exc:
        raise ImportFileError(str(exc)) from exc
    raise ImportFileError(
        f"在“{Path(path).name}”中找不到表头（应有“学员姓名”“真实姓名”“身份证号”等列名）。"
        "请使用“下载模板”得到的文件填写。"
    )


def missing_required(mapping: dict[int, str]) -> list[str]:
    return [FIELD_LABELS[name] for name in REQUIRED_FIELDS if name not in mapping.values()]


class _OrgResolver:
    """An org by code, full name path or — when unique in the scope — its own name."""

    def __init__(self, orgs: list[OrgNode], actor: Actor) -> None:
        self._by_key: dict[str, OrgNode | None] = {}
        for org in orgs:
            if not actor.may_access(org.path):
                continue
            for key in (org.code, org.full_name):
                self._by_key[key] = org
            short = org.name
            self._by_key[short] = None if short in self._by_key and self._by_key[short] is not org else org

    def resolve(self, text: str) -> tuple[OrgNode | None, str | None]:
        key = text.strip().strip("/").replace(" / ", "/")
        if key not in self._by_key:
            return None, (f"找不到机构“{text}”，或它不在您的管辖范围内。"
                          "请填写机构的完整名称路径（如“和平区/某某单位”）或机构代码。")
        org = self._by_key[key]
        if org is None:
            return None, f"有多个机构都叫“{text}”，请写完整名称路径（如“和平区/某某单位/{text}”）。"
        return org, None


def _row_fields(cells: list[object], mapping: dict[int, str]) -> dict[str, object]:
    return {name: cells[column] if column < len(cells) else None for column, name in mapping.items()}


def _is_empty(cells: list[object]) -> bool:
    return all(value is None or value == "" or (isinstance(value, str) and is_blank(value)) for value in cells)


def _is_template_example(cells: list[object]) -> bool:
    """The template's grey example row, left in by the user."""
    if not cells or cells[0] != EXAMPLE_ROW[0]:
        return False
    return [cell_text(value) for value in cells[: len(EXAMPLE_ROW)]] == list(EXAMPLE_ROW)


def analyse_import(
    uow: UnitOfWork,
    actor: Actor,
    source: ImportSource,
    *,
    mode: ImportMode,
    default_org: OrgNode | None,
    mapping: dict[int, str] | None = None,
    state: TaskState | None = None,
) -> ImportPreview:
    """Judge every row; writes nothing."""
    state = state or TaskState()
    mapping = dict(source.header.mapping if mapping is None else mapping)
    missing = missing_required(mapping)
    if missing:
        raise ImportFileError(f"缺少必填列：{'、'.join(missing)}。请在列对应关系中指定，或使用导入模板。")
    session = uow.session
    orgs = list_orgs(session)
    resolver = _OrgResolver(orgs, actor)
    org_names = {org.path: org.full_name for org in orgs}
    data_rows = source.data_rows
    judged: list[tuple[int, list[object], list[str], dict]] = []
    skipped = 0
    for position, (row_number, cells) in enumerate(data_rows):
        if position % 2000 == 0:
            state.report(0.7 * position / max(1, len(data_rows)), f"正在检查第 {position:,} / {len(data_rows):,} 行…")
        if _is_empty(cells) or _is_template_example(cells):
            skipped += 1
            continue
        raw = _row_fields(cells, mapping)
        messages, values = _check_row(raw, resolver, default_org, actor)
        judged.append((row_number, cells, messages, values))
    _mark_duplicates(judged)
    state.report(0.75, "正在与已有学员比对…")
    frozen = tuple((number, cells, tuple(messages), values) for number, cells, messages, values in judged)
    verdicts = _judge(session, frozen, mode, org_names, actor.may_access)
    state.report(1.0, "检查完成。")
    return ImportPreview(source, mapping, mode, default_org, verdicts, skipped, frozen)


def _judge(session: Session, judged: tuple, mode: ImportMode, org_names: dict[str, str],
           may_see: Callable[[str], bool], *, fresh: bool = False) -> list[RowVerdict]:
    """Each row's verdict against the trainees stored now (``may_see``: whether a stored
    trainee's org path lies in the importer's scope — else nothing of them is named)."""
    existing_by_id, existing_by_username = _existing(session, judged, fresh=fresh)
    return [_verdict(row, mode, existing_by_id, existing_by_username, org_names, may_see) for row in judged]


def _judge_again(session: Session, preview: ImportPreview, may_see: Callable[[str], bool]) -> ImportPreview:
    """The preview judged again under the write lock: another program (or window) may have
    imported the same people since it was made. A row added meanwhile gets the verdict it
    would have had (已存在 in 仅新增, 无变化 or 更新 in 新增并更新), never a second copy."""
    if not preview.judged:
        return preview
    org_names = {org.path: org.full_name for org in list_orgs(session)}
    rows = _judge(session, preview.judged, preview.mode, org_names, may_see, fresh=True)
    if rows == preview.rows:
        return preview
    return ImportPreview(preview.source, preview.mapping, preview.mode, preview.default_org, rows,
                         preview.skipped_empty, preview.judged)


def _check_row(raw: dict[str, object], resolver: _OrgResolver, default_org: OrgNode | None,
               actor: Actor) -> tuple[list[str], dict]:
    messages: list[str] = []
    id_raw = raw.get("id_number")
    if number_lost_digits(id_raw):
        messages.append(
            f"身份证号被 Excel 存成了数字（显示为 {id_raw:.5E}），后几位已经丢失。"
            "请把“身份证号”列设置为“文本”格式，再重新输入完整的 18 位号码。"
        )
        id_raw = ""
    org_text = cell_text(raw.get("org"))
    org = default_org
    if org_text:
        org, problem = resolver.resolve(org_text)
        if problem:
            messages.append(problem)
    elif org is None:
        messages.append("所属机构：必填（文件中没有这一列时，请在导入时选择机构）。")
    high_tech = parse_yes_no(raw.get("high_tech"))
    if high_tech is None:
        messages.append(f"高新技术：请填写“是”或“否”，而不是“{cell_text(raw.get('high_tech'))}”。")
    form = TraineeForm(
        username=cell_text(raw.get("username")), real_name=cell_text(raw.get("real_name")),
        id_number=cell_text(id_raw), org_id=org.id if org else uuid.UUID(int=0),
        phone=cell_text(raw.get("phone")), email=cell_text(raw.get("email")),
        title_level=cell_text(raw.get("title_level")), post_type=cell_text(raw.get("post_type")),
        high_tech=bool(high_tech), job_title=cell_text(raw.get("job_title")),
    )
    values, errors = clean_form(form)
    if id_raw == "" and "id_number" in errors and messages and "身份证号" in messages[0]:
        errors.pop("id_number")  # already explained: the digits were lost
    messages.extend(f"{FIELD_LABELS[name]}：{text}" for name, text in errors.items())
    birth_raw = raw.get("birth_date")
    if birth_raw not in (None, "") and "birth_date" in values:
        try:
            birth = cell_date(birth_raw)
            if birth != values["birth_date"]:
                messages.append(f"出生日期 {birth} 与身份证号中的 {values['birth_date']} 不一致，请核对。")
        except ValueError as exc:
            messages.append(f"出生日期：{exc}。")
    if org is not None:
        values.update(org_id=org.id, org_path=org.path)
    return messages, values


def _mark_duplicates(judged: list[tuple[int, list[object], list[str], dict]]) -> None:
    """Rows that repeat an ID number or login name of another row in the file."""
    for key, label in (("id_number", "身份证号"), ("username", "学员姓名")):
        first_row: dict[str, tuple[int, list[object], list[str]]] = {}
        for row_number, cells, messages, values in judged:
            value = values.get(key)
            if not value:
                continue
            if value not in first_row:
                first_row[value] = (row_number, cells, messages)
                continue
            other_number, other_cells, other_messages = first_row[value]
            messages.append(f"{label}与第 {other_number} 行重复。")
            if cells != other_cells and not any(f"第 {row_number} 行" in m for m in other_messages):
                # Two different rows claim the same person: neither can be trusted.
                other_messages.append(f"{label}与第 {row_number} 行重复，两行内容不同，请确认保留哪一行。")


def _existing(session: Session, judged, *, fresh: bool = False) -> tuple[dict[str, Trainee], dict[str, Trainee]]:
    """The stored trainees with the rows' ID numbers and login names (``fresh``: as stored now,
    not as this session loaded them before)."""
    id_numbers = [values["id_number"] for _, _, _, values in judged if values.get("id_number")]
    usernames = [values["username"] for _, _, _, values in judged if values.get("username")]
    by_id: dict[str, Trainee] = {}
    by_username: dict[str, Trainee] = {}
    for start in range(0, len(id_numbers), _LOOKUP_CHUNK):
        chunk = id_numbers[start:start + _LOOKUP_CHUNK]
        for trainee in session.scalars(select(Trainee).where(Trainee.id_number.in_(chunk),
                                                             Trainee.deleted_at.is_(None))
                                       .execution_options(populate_existing=fresh)):
            by_id[trainee.id_number] = trainee
    for start in range(0, len(usernames), _LOOKUP_CHUNK):
        chunk = usernames[start:start + _LOOKUP_CHUNK]
        for trainee in session.scalars(select(Trainee).where(Trainee.username.in_(chunk),
                                                             Trainee.deleted_at.is_(None))
                                       .execution_options(populate_existing=fresh)):
            by_username[trainee.username] = trainee
    return by_id, by_username


_COMPARED = ("username", "real_name", "phone", "email", "title_level", "post_type", "high_tech", "job_title")


def _verdict(row, mode: ImportMode, by_id: dict[str, Trainee], by_username: dict[str, Trainee],
             org_names: dict[str, str], may_see: Callable[[str], bool]) -> RowVerdict:
    row_number, cells, messages, values = row
    messages = list(messages)
    existing = by_id.get(values.get("id_number", ""))
    if not messages and existing is not None and not may_see(existing.org_path):
        # Registered in another unit: said without its name, login or org; the way is 调入,
        # in either mode (no loop between 仅新增, 新增并更新 and 调整组织机构).
        messages.append(registered_elsewhere(existing))
    elif not messages and existing is not None:
        who = f"{existing.real_name}（{existing.username}）"
        if mode is ImportMode.ADD:
            messages.append(f"身份证号已存在：学员 {who}。如需更新其信息，请选择“新增并更新”。")
        elif existing.org_path != values["org_path"]:
            messages.append(
                f"身份证号已属于另一机构（{org_names.get(existing.org_path, existing.org_path)}）的学员 {who}；"
                "导入不会调动学员。如确需调动，请在学员管理中使用“调整组织机构”。"
            )
    if not messages:
        holder = by_username.get(values["username"])
        if holder is not None and (existing is None or holder.id != existing.id) and not may_see(holder.org_path):
            messages.append(f"学员姓名“{values['username']}”：{LOGIN_TAKEN_ELSEWHERE}")
        elif holder is not None and (existing is None or holder.id != existing.id):
            messages.append(f"学员姓名“{values['username']}”已被学员 {holder.real_name}（身份证号尾号 "
                            f"{holder.id_number[-4:]}）使用，请换一个登录名。")
    if messages:
        return RowVerdict(row_number, tuple(cells), Verdict.ERROR, tuple(messages))
    if existing is None:
        return RowVerdict(row_number, tuple(cells), Verdict.ADD, (), values)
    changed = {name: values[name] for name in _COMPARED if getattr(existing, name) != values[name]}
    verdict = Verdict.UPDATE if changed else Verdict.UNCHANGED
    return RowVerdict(row_number, tuple(cells), verdict, (), changed, existing.id)


def apply_import(uow: UnitOfWork, actor: Actor, preview: ImportPreview,
                 state: TaskState | None = None) -> ImportSummary:
    """Write the accepted rows in one transaction (the caller's unit of work).

    The database's write lock is taken first and the rows are judged again under it, so two
    imports of the same people at once (two windows, two processes) give the second one its
    per-row verdicts instead of a duplicate; the summary's ``preview`` is the one applied."""
    actor.require_role(*TRAINEE_EDITORS, doing="导入学员")
    state = state or TaskState()
    session = uow.session
    state.report(0.0, "正在等待写入数据库…")
    lock_for_writing(session)
    preview = _judge_again(session, preview, actor.may_access)
    new_rows = [row.values for row in preview.rows if row.verdict is Verdict.ADD]
    stored = ("username", "real_name", "id_number", "gender", "birth_date", "org_id", "org_path", "phone", "email",
              "title_level", "post_type", "high_tech", "job_title")
    batch = 5000
    for start in range(0, len(new_rows), batch):
        state.report(0.9 * start / max(1, len(new_rows)), f"正在写入第 {start:,} / {len(new_rows):,} 名学员…")
        insert_synced(session, Trainee, [{k: row[k] for k in stored} for row in new_rows[start:start + batch]],
                      actor.username)
    updates = [row for row in preview.rows if row.verdict is Verdict.UPDATE]
    changes: dict[str, dict] = {}  # trainee id → {field: {"old", "new"}}, as the edit of one trainee
    for position, row in enumerate(updates):
        if position % 500 == 0:
            state.report(0.9 + 0.09 * position / max(1, len(updates)), "正在更新已有学员…")
        trainee = session.get(Trainee, row.trainee_id)
        assert trainee is not None  # judged again under the write lock just now
        changed = apply_changes(trainee, row.values)
        if changed:
            changes[str(trainee.id)] = changed
    session.flush()
    state.check()
    summary = ImportSummary(
        added=len(new_rows), updated=len(updates), unchanged=preview.count(Verdict.UNCHANGED),
        refused=preview.count(Verdict.ERROR), skipped_empty=preview.skipped_empty,
        file_name=preview.source.path.name, preview=preview,
    )
    audit.record(session, actor.username, "trainee.import", preview.source.path.name,
                 {**summary.as_dict(), "mode": preview.mode.value,
                  "default_org": preview.default_org.path if preview.default_org else None,
                  **({"changes": changes} if changes else {})})
    uow.commit()
    state.report(1.0, "导入完成。")
    return summary


def write_import_errors(database: Database, actor: Actor, preview: ImportPreview, path: Path | str) -> int:
    """The refused rows to an error report that can be corrected and imported as it is. The
    rows are the file's as they were (names, full ID numbers), so the report is audited."""
    headers = list(preview.source.header.headers)
    id_columns = {column for column, name in preview.mapping.items() if name == "id_number"}
    return exports.audited_write(
        database, actor, "trainee.import_errors", path,
        lambda: write_error_report(path, headers,
                                   [(row.cells, row.messages, row.row_number) for row in preview.refused],
                                   id_columns),
        {"source": preview.source.path.name, "mode": preview.mode.value})
