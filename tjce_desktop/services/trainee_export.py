"""导出: the current query result (scope, filters, order) to .xlsx, or to .csv (UTF-8 with BOM).

The headers are the import template's, so an export with full ID numbers, corrected in
Excel, imports back with 新增并更新.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from tjce_desktop.domain.enums import Gender, PostType, TitleLevel
from tjce_desktop.domain.id_number import mask_id_number
from tjce_desktop.domain.task_state import TaskState
from tjce_desktop.exchange.xlsx_table import XLSX_OR_CSV, Kind, columns, write_table
from tjce_desktop.services import exports
from tjce_desktop.services.actor import Actor, ScopeError
from tjce_desktop.services.orgs import list_orgs, scope_bounds, subtree_bounds
from tjce_desktop.services.trainee_listing import NO_FILTER, SortOrder, TraineeFilter, count_in_scope
from tjce_desktop.storage.database import Database
from tjce_desktop.storage.unit_of_work import UnitOfWork

COLUMNS = columns(("学员姓名", Kind.TEXT), ("真实姓名", Kind.TEXT), ("身份证号", Kind.ID), ("性别", Kind.TEXT),
                  ("出生日期", Kind.DATE), ("所属机构", Kind.TEXT), ("职称", Kind.TEXT), ("岗位类别", Kind.TEXT),
                  ("高新技术", Kind.TEXT), ("手机", Kind.ID), ("电子邮箱", Kind.TEXT), ("职务", Kind.TEXT),
                  ("状态", Kind.TEXT))
HEADERS = tuple(column.header for column in COLUMNS)


def _labels(enum_type) -> dict[str, str]:
    return {member.value: member.label for member in enum_type}


def export_trainees(
    database: Database,
    actor: Actor,
    path: Path | str,
    *,
    scope_path: str,
    filters: TraineeFilter = NO_FILTER,
    order: SortOrder = SortOrder(),
    full_id_numbers: bool = False,
    state: TaskState | None = None,
) -> int:
    state = state or TaskState()
    if not actor.may_access(scope_path):
        raise ScopeError("该机构不在您的管辖范围内。")
    if full_id_numbers and not actor.may_see_full_id_numbers:
        raise ScopeError("您的角色不能导出完整身份证号。")
    with UnitOfWork(database) as uow:
        org_names = {org.id.hex: org.full_name for org in list_orgs(uow.session)}
    engine: Engine = database.engine
    genders, titles, posts = _labels(Gender), _labels(TitleLevel), _labels(PostType)
    extra, params = filters.sql(scope_bounds(actor.scope(scope_path)))
    keys = order.key_sql()
    direction = "DESC" if order.descending else "ASC"
    sql = (
        "SELECT t.username, t.real_name, t.id_number, t.gender, t.birth_date, t.org_id, t.title_level, "
        "t.post_type, t.high_tech, t.phone, t.email, t.job_title, t.active FROM trainee t "
        f"WHERE t.deleted_at IS NULL AND t.org_path >= ? AND t.org_path < ?{extra} "
        f"ORDER BY {', '.join(f'{k} {direction}' for k in keys)}"
    )
    detail = {"scope": scope_path, "full_id_numbers": full_id_numbers,
              "filters": {name: getattr(filters, name) for name in filters.__slots__
                          if getattr(filters, name) not in ("", None)}}

    def write() -> int:
        with engine.connect() as connection:
            total = count_in_scope(connection, actor.scope(scope_path), filters)
            cursor = connection.exec_driver_sql(sql, (*subtree_bounds(scope_path), *params))

            def rows():
                for r in cursor:
                    yield (
                        r[0], r[1], r[2] if full_id_numbers else mask_id_number(r[2]), genders.get(r[3], r[3]),
                        r[4], org_names.get(r[5], ""), titles.get(r[6], r[6]), posts.get(r[7], r[7]),
                        "是" if r[8] else "否", r[9] or "", r[10] or "", r[11] or "", "在职" if r[12] else "离职",
                    )

            def progress(done: int) -> None:
                state.report(done / max(1, total), f"已导出 {done:,} / {total:,} 名学员")

            return write_table(path, "学员", COLUMNS, rows(), on_row=progress, formats=XLSX_OR_CSV)

    return exports.audited_write(database, actor, "trainee.export", path, write, detail)
