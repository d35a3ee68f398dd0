"""培训管理 on the command line: ``plans``, ``query``, ``stamp``, ``unstamp``, ``print-archives``,
``import-progress``, ``verify``."""

from __future__ import annotations

import argparse
import json

from tjce_desktop.cli.context import Context
from tjce_desktop.cli.errors import CliError
from tjce_desktop.cli.parser import (
    EXAM_STATUSES,
    LEARNING_STATUSES,
    TRAINEE_STATUSES,
    date,
    exam_status,
    exam_status_key,
    integer,
    number,
)
from tjce_desktop.domain.enums import LearningStatus, PostType, StampStatus, TitleLevel


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--org", help="机构（代码或名称路径；默认整个管辖范围）")
    parser.add_argument("--plan", help="培训计划（完整名称，或只有一个计划包含的部分名称）")
    parser.add_argument("--year", type=integer, help="计划年度")
    parser.add_argument("--status", choices=LEARNING_STATUSES, help="学习状态")
    parser.add_argument("--stamp", choices=StampStatus.labels()[:2], help="盖章状态")
    parser.add_argument("--exam", type=exam_status, choices=EXAM_STATUSES, help="考试状态（也接受 通过、未参加）")
    parser.add_argument("--finished-from", type=date, metavar="YYYY-MM-DD", help="完成日期不早于")
    parser.add_argument("--finished-to", type=date, metavar="YYYY-MM-DD", help="完成日期不晚于")
    parser.add_argument("--hours-min", type=number, help="学时不少于")
    parser.add_argument("--hours-max", type=number, help="学时不多于")
    parser.add_argument("--title", choices=TitleLevel.labels(), help="职称")
    parser.add_argument("--post", choices=PostType.labels(), help="岗位类别")
    parser.add_argument("--who", default="", help="姓名（可只写一部分）或身份证号（或其末尾几位）")
    parser.add_argument("--active", choices=TRAINEE_STATUSES, help="学员状态")


def add_commands(commands) -> None:
    plans = commands.add_parser("plans", help="列出培训计划（课程数、学时、考试、档案数）")
    plans.add_argument("--year", type=integer, help="计划年度")
    plans.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    plans.set_defaults(run=cmd_plans)

    query = commands.add_parser("query", help="综合查询学习档案")
    _add_filters(query)
    query.add_argument("--limit", type=integer, default=50, help="列出前多少条（默认 50；--json 时为全部）")
    query.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    query.add_argument("--xlsx", metavar="OUT", help="把全部结果导出为 .xlsx")
    query.set_defaults(run=cmd_query)

    stamp = commands.add_parser("stamp", help="为查询结果中已学完的档案批量盖章（已盖章、未学完的跳过）")
    _add_filters(stamp)
    stamp.add_argument("--seal-org", help="用哪个机构的公章（默认 --org 指定的机构）")
    stamp.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    stamp.set_defaults(run=cmd_stamp)

    unstamp = commands.add_parser("unstamp", help="撤销一个盖章批次")
    unstamp.add_argument("batch", metavar="BATCH", help="盖章批次号（stamp 输出的批次号，如 GZ-2026-7KQ3M-000123）")
    unstamp.add_argument("--reason", required=True, help="撤销原因（必填，记入审计日志）")
    unstamp.set_defaults(run=cmd_unstamp)

    printing = commands.add_parser("print-archives", help="把查询结果的学习档案打印为 PDF（每人一页 A4）")
    _add_filters(printing)
    printing.add_argument("out", metavar="OUT.pdf", help="PDF 文件")
    printing.set_defaults(run=cmd_print_archives)

    progress = commands.add_parser("import-progress", help="从 Excel 导入课程学时和考试成绩")
    progress.add_argument("file", metavar="FILE", nargs="?", help="学习进度文件（.xlsx/.xls/.csv）")
    progress.add_argument("--template", metavar="OUT.xlsx", help="只保存导入模板")
    progress.add_argument("--errors", metavar="OUT.xlsx", help="把有错误的行写入错误报告")
    progress.add_argument("--check", action="store_true", help="只检查，不导入")
    progress.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    progress.set_defaults(run=cmd_import_progress)

    verify = commands.add_parser("verify", help="验证打印的学习档案上的验证码")
    verify.add_argument("code", metavar="CODE", nargs="+", help="验证码（可分几段输入）")
    verify.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    verify.set_defaults(run=cmd_verify)


def _filters(args, connection):
    from tjce_desktop.services.archive_query import ArchiveFilter
    from tjce_desktop.services.reports import find_plan

    plan = find_plan(connection, args.plan) if args.plan else None
    args.plan_name = plan.name if plan else ""
    return ArchiveFilter(
        plan_id=plan.id.hex if plan else "", year=args.year,
        status=LearningStatus.from_label(args.status).value if args.status else "",
        stamp_status=StampStatus.from_label(args.stamp).value if args.stamp else "",
        exam_outcome=exam_status_key(args.exam), finished_from=args.finished_from, finished_to=args.finished_to,
        hours_min=args.hours_min, hours_max=args.hours_max,
        title_level=TitleLevel.from_label(args.title).value if args.title else "",
        post_type=PostType.from_label(args.post).value if args.post else "", name_or_id=args.who,
        active=None if args.active is None else args.active == "在职",
    )


def _describe(filters, scope, plan_name: str) -> str:
    shown = {"机构": scope.full_name, **filters.describe(plan_name)}
    return "；".join(f"{key}：{value}" for key, value in shown.items())


def cmd_plans(ctx: Context) -> int:
    from tjce_desktop.services.plans import list_plans
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    args = ctx.args
    database = ctx.database()
    ctx.actor()
    with UnitOfWork(database) as uow:
        rows = list_plans(uow.session, args.year)
    if args.json:
        print(json.dumps([{"id": p.id.hex, "name": p.name, "year": p.year, "starts_on": p.starts_on.isoformat(),
                           "ends_on": p.ends_on.isoformat(), "closed": p.closed, "courses": p.course_count,
                           "hours": p.total_hours, "exams": p.exam_count, "archives": p.archive_count}
                          for p in rows], ensure_ascii=False, indent=1))
        return 0
    for p in rows:
        state = "已关闭" if p.closed else "进行中"
        print(f"{p.year}  {p.name}  {p.starts_on}～{p.ends_on}  {p.course_count} 门课 {p.total_hours:g} 学时  "
              f"{p.exam_count} 场考试  {p.archive_count:,} 份档案  {state}")
    return 0


def cmd_query(ctx: Context) -> int:
    from tjce_desktop.services import archive_query as q
    from tjce_desktop.services.archive_export import export_archives
    from tjce_desktop.services.orgs import list_orgs
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    args = ctx.args
    database = ctx.database()
    actor = ctx.actor()
    scope = ctx.scope(args.org)
    with database.engine.connect() as connection:
        filters = _filters(args, connection)
        checked = actor.scope(scope.path)
        total = q.count_archives(connection, checked, filters)
        limit = total if args.json else min(args.limit, total)
        page = q.fetch_key_page(connection, checked, filters, None, max(1, limit))
        with UnitOfWork(database) as uow:
            names = {org.id.hex: org.full_name for org in list_orgs(uow.session)}
        rows = q.fetch_rows(connection, checked, page.rowids, names)
    if args.xlsx:
        export_archives(database, actor, args.xlsx, scope_path=scope.path, filters=filters)
    ordered = [rows[rowid] for rowid in page.rowids if rowid in rows]
    if args.json:
        print(json.dumps({"filters": {"机构": scope.full_name, **filters.describe(args.plan_name)}, "count": total,
                          "columns": list(q.COLUMNS),
                          "rows": [{"archive": r.enrollment_id, **dict(zip(q.COLUMNS, r.values))} for r in ordered]},
                         ensure_ascii=False, indent=1, default=str))
        return 0
    print(f"综合查询（{_describe(filters, scope, args.plan_name)}）：共 {total:,} 份学习档案")
    print("\t".join(q.COLUMNS))
    for row in ordered:
        print("\t".join(row.values))
    if total > len(ordered):
        print(f"…… 只列出前 {len(ordered):,} 条；用 --xlsx 导出全部。")
    if args.xlsx:
        print(f"已导出到 {args.xlsx}")
    return 0


def _all_archive_ids(database, actor, scope, filters) -> list[str]:
    from tjce_desktop.services import archive_query as q

    checked = actor.scope(scope.path)
    with database.engine.connect() as connection:
        return q.enrollment_ids(connection, checked, q.all_rowids(connection, checked, filters))


def cmd_stamp(ctx: Context) -> int:
    from tjce_desktop.services.stamping import stamp_archives
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    args = ctx.args
    database = ctx.database()
    actor = ctx.actor()
    scope = ctx.scope(args.org)
    seal_org = ctx.scope(args.seal_org) if args.seal_org else scope
    with database.engine.connect() as connection:
        filters = _filters(args, connection)
    archive_ids = _all_archive_ids(database, actor, scope, filters)
    with UnitOfWork(database, actor) as uow:
        outcome = stamp_archives(uow.session, actor, archive_ids, seal_org_id=seal_org.id)
        uow.commit()
    if args.json:
        print(json.dumps({"selected": len(archive_ids), **outcome.as_dict()}, ensure_ascii=False, indent=1))
        return 0
    reasons: dict[str, int] = {}
    for skipped in outcome.skipped:
        reasons[skipped.reason] = reasons.get(skipped.reason, 0) + 1
    batch = f"，盖章批次 {outcome.batch_number}" if outcome.batch_number else ""
    print(f"用“{outcome.seal_name or seal_org.full_name}”的公章为 {outcome.stamped:,} 份学习档案盖章{batch}。")
    for reason, count in reasons.items():
        print(f"  跳过 {count:,} 份：{reason}")
    return 0


def cmd_unstamp(ctx: Context) -> int:
    from tjce_desktop.services.stamping import batch_of_id, find_batch, revoke_batch
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    args = ctx.args
    database = ctx.database()
    actor = ctx.actor()
    with UnitOfWork(database, actor) as uow:
        batch_id = find_batch(uow.session, args.batch)
        shown = batch_of_id(uow.session, batch_id)
        count = revoke_batch(uow.session, actor, batch_id, args.reason)
        uow.commit()
    print(f"已撤销盖章批次 {shown}：{count:,} 份学习档案恢复为未盖章。")
    return 0


def cmd_print_archives(ctx: Context) -> int:
    from tjce_desktop.services.archive_sheets import print_archives

    args = ctx.args
    database = ctx.database()
    actor = ctx.actor()
    scope = ctx.scope(args.org)
    with database.engine.connect() as connection:
        filters = _filters(args, connection)
    archive_ids = _all_archive_ids(database, actor, scope, filters)
    if not archive_ids:
        raise CliError("没有符合条件的学习档案。")
    count = print_archives(database, actor, archive_ids, args.out)
    print(f"已生成 {count:,} 页学习档案：{args.out}")
    return 0


def cmd_import_progress(ctx: Context) -> int:
    from tjce_desktop.services.progress_import import (
        analyse_progress,
        apply_progress,
        open_progress_import,
        write_progress_errors,
        write_progress_template,
    )
    from tjce_desktop.services.trainee_import import Verdict
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    args = ctx.args
    if args.template:
        write_progress_template(args.template)
        print(f"导入模板已保存：{args.template}")
        return 0
    if not args.file:
        raise CliError("请指定要导入的文件，或用 --template 保存导入模板。")
    if args.errors:  # a report that cannot be written is said before anything is imported
        from tjce_desktop.exchange.output_files import check_output

        check_output(args.errors)
    source = open_progress_import(args.file)
    database = ctx.database()
    actor = ctx.actor()
    with UnitOfWork(database, actor) as uow:
        preview = analyse_progress(uow.session, actor, source)
        summary = None
        if not args.check:
            summary = apply_progress(uow.session, actor, preview)
            uow.commit()
    if args.errors and preview.refused:
        write_progress_errors(database, actor, preview, args.errors)
    counts = {verdict.value: preview.count(verdict) for verdict in Verdict}
    if args.json:
        print(json.dumps({"rows": counts, "imported": summary.as_dict() if summary else None,
                          "errors": [{"row": r.row_number, "messages": list(r.messages)} for r in preview.refused]},
                         ensure_ascii=False, indent=1))
        return 0
    print(f"“{source.path.name}”：新增 {counts['add']:,} 行，更新 {counts['update']:,} 行，"
          f"无变化 {counts['unchanged']:,} 行，有错误 {counts['error']:,} 行。")
    if summary:
        print(f"已导入：课程学时 {summary.courses:,} 条，考试成绩 {summary.exams:,} 条，"
              f"学习档案 {summary.archives:,} 份"
              f"（新建 {summary.new_archives:,} 份）。")
    for row in preview.refused[:10]:
        print(f"  第 {row.row_number} 行：{'；'.join(row.messages)}")
    if args.errors and preview.refused:
        print(f"错误报告已保存：{args.errors}")
    return 0


def _central_sheets(ctx: Context):
    """When the desk is bound, verification may ask the central database (signing in to it
    only if it needs to)."""
    from tjce_desktop.sync.sheet_lookup import CentralSheets

    if ctx.bound_login() is None:
        return None
    return CentralSheets(lambda: ctx.central()[0])


def cmd_verify(ctx: Context) -> int:
    from tjce_desktop.services.sheet_signing import verify_code
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    args = ctx.args
    database = ctx.database()
    ctx.actor()
    central = _central_sheets(ctx)
    try:
        with UnitOfWork(database) as uow:
            result = verify_code(uow.session, "".join(args.code), central=central)
    finally:
        if central is not None:
            central.close()
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=1))
    else:
        print(result.message)
        if result.claim is not None:
            for label, value in result.claim.lines():
                print(f"  {label}：{value}")
            print(f"  签发方：{result.key_label}")
        if result.short_code:
            print(f"  验证码：{result.short_code}")
    if result.genuine:
        return 0
    if args.json:
        return 2  # the document says why
    raise CliError("验证未通过。")
