"""导出 from 综合查询: the result rows (.xlsx or .csv), the offline stamping list, and 未参训人员.

Rows are streamed in the table's order, 500 at a time through the same display query as the
table, so what is exported is what was shown. Every export is audited with its row count.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from tjce_desktop.domain.task_state import TaskState
from tjce_desktop.exchange.xlsx_table import XLSX_OR_CSV, Kind, TableColumn, columns, write_table
from tjce_desktop.services import archive_query as query
from tjce_desktop.services import exports
from tjce_desktop.services.actor import Actor, Scope, ScopeError
from tjce_desktop.services.orgs import list_orgs
from tjce_desktop.services.trainee_export import export_trainees
from tjce_desktop.services.trainee_listing import TraineeFilter
from tjce_desktop.storage.database import Database
from tjce_desktop.storage.unit_of_work import UnitOfWork

# The table's display texts, written as what they are: years and hours as numbers, dates as dates.
_KINDS = {"身份证号": Kind.ID, "年度": Kind.YEAR, "学时": Kind.HOURS, "完成日期": Kind.DATE, "盖章日期": Kind.DATE}
ARCHIVE_COLUMNS = tuple(TableColumn(header, _KINDS.get(header, Kind.TEXT)) for header in query.COLUMNS)
# 离线盖章名单: what goes on the paper sheet, and empty columns for the hand-made stamp.
STAMPING_COLUMNS = columns(("序号", Kind.SEQ), ("姓名", Kind.TEXT), ("身份证号", Kind.ID), ("所属机构", Kind.TEXT),
                           ("职称", Kind.TEXT), ("培训计划", Kind.TEXT), ("年度", Kind.YEAR), ("已获学时", Kind.HOURS),
                           ("完成日期", Kind.DATE), ("考试成绩", Kind.TEXT), ("盖章单位", Kind.TEXT, 24),
                           ("盖章日期", Kind.DATE, 12), ("经办人签字", Kind.TEXT, 12))
STAMPING_HEADERS = tuple(column.header for column in STAMPING_COLUMNS)


def _rowids(database: Database, scope: Scope, filters: query.ArchiveFilter,
            rowids: Sequence[int] | None) -> list[int]:
    if rowids is not None:
        return list(rowids)
    with database.engine.connect() as connection:
        keys, after = [], None
        while True:  # the table's order, by keyset
            page = query.fetch_key_page(connection, scope, filters, after, 5000)
            keys.extend(page.rowids)
            if len(page.rowids) < 5000:
                return keys
            after = page.last_key


def _display_rows(database: Database, scope: Scope, rowids: list[int], full: bool,
                  state: TaskState) -> Iterator[query.ArchiveRow]:
    with UnitOfWork(database) as uow:
        names = {org.id.hex: org.full_name for org in list_orgs(uow.session)}
    with database.engine.connect() as connection:
        for start in range(0, len(rowids), 500):
            state.report(start / max(1, len(rowids)), f"正在导出 {start:,}/{len(rowids):,}…")
            chunk = rowids[start:start + 500]
            rows = query.fetch_rows(connection, scope, chunk, names, full_id_numbers=full)
            yield from (rows[rowid] for rowid in chunk if rowid in rows)


def _check(actor: Actor, scope_path: str, full: bool) -> None:
    actor.require_access(scope_path)
    if full and not actor.may_see_full_id_numbers:
        raise ScopeError("您的角色不能导出完整身份证号。")


def export_archives(database: Database, actor: Actor, path: Path | str, *, scope_path: str,
                    filters: query.ArchiveFilter = query.NO_FILTER, rowids: Sequence[int] | None = None,
                    full_id_numbers: bool = False, state: TaskState | None = None) -> int:
    """The ticked rows (``rowids``) or every result of the query, in the table's columns."""
    state = state or TaskState()
    _check(actor, scope_path, full_id_numbers)
    scope = actor.scope(scope_path)
    keys = _rowids(database, scope, filters, rowids)
    rows = (row.values for row in _display_rows(database, scope, keys, full_id_numbers, state))
    return exports.audited_write(
        database, actor, "archive.export", path,
        lambda: write_table(path, "综合查询", ARCHIVE_COLUMNS, rows, formats=XLSX_OR_CSV),
        _detail(scope_path, filters, full_id_numbers, rowids))


def export_stamping_list(database: Database, actor: Actor, path: Path | str, *, scope_path: str,
                         filters: query.ArchiveFilter = query.NO_FILTER, rowids: Sequence[int] | None = None,
                         state: TaskState | None = None) -> int:
    """离线盖章名单 for units that stamp by hand: finished archives only, blank stamp columns."""
    state = state or TaskState()
    _check(actor, scope_path, False)
    scope = actor.scope(scope_path)
    keys = _rowids(database, scope, filters, rowids)

    def lines():
        number = 0
        for row in _display_rows(database, scope, keys, False, state):
            if not row.finished:
                continue
            number += 1
            v = dict(zip(query.COLUMNS, row.values))  # by name: the table's column order is the reader's
            yield (number, v["姓名"], v["身份证号"], v["所属机构"], v["职称"], v["培训计划"], v["年度"], v["学时"],
                   v["完成日期"], v["考试"], "", "", "")

    return exports.audited_write(
        database, actor, "archive.export_stamping_list", path,
        lambda: write_table(path, "离线盖章名单", STAMPING_COLUMNS, lines(),
                            title_rows=("学习档案离线盖章名单（仅列出已学完的档案；盖章后请在“盖章单位”“盖章日期”栏填写）",)),
        _detail(scope_path, filters, False, rowids))


def export_not_enrolled(database: Database, actor: Actor, path: Path | str, *, scope_path: str, plan_id: str,
                        state: TaskState | None = None) -> int:
    """导出未参训人员: 在职 trainees of the scope with no archive in the plan (the trainee export)."""
    if not plan_id:
        raise ScopeError("请先选择培训计划。")
    filters = TraineeFilter(plan_id=plan_id, plan_relation="not_enrolled", active=True)
    return export_trainees(database, actor, path, scope_path=scope_path, filters=filters, state=state)


def _detail(scope_path: str, filters: query.ArchiveFilter, full: bool, rowids: Sequence[int] | None) -> dict:
    return {"scope": scope_path, "filters": filters.to_dict(), "full_id_numbers": full,
            "ticked": None if rowids is None else len(rowids)}  # None: every result of the query
