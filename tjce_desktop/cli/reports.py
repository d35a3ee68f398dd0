"""报表 on the command line: ``report 4.1|4.2|4.3|4.4|4.5``, printed, as JSON, .xlsx or PDF."""

from __future__ import annotations

import json

from tjce_desktop.cli.context import Context
from tjce_desktop.cli.errors import CliError
from tjce_desktop.cli.parser import EXAM_STATUSES, LEARNING_STATUSES, exam_status, exam_status_key


def add_commands(commands) -> None:
    report = commands.add_parser("report", help="报表：4.1 培训计划统计总表 … 4.5 考试情况统计")
    report.add_argument("code", metavar="报表编号", choices=["4.1", "4.2", "4.3", "4.4", "4.5"],
                        help="4.1、4.2、4.3、4.4 或 4.5")
    report.add_argument("--plan", help="培训计划（完整名称，或只有一个计划包含的部分名称）")
    report.add_argument("--org", help="机构（代码或名称路径；默认整个管辖范围）")
    report.add_argument("--by-child", action="store_true", help="按直属下级机构分列（4.1、4.3、4.5）")
    report.add_argument("--status", choices=LEARNING_STATUSES, help="学习状态（4.2）")
    report.add_argument("--exam-status", type=exam_status, choices=EXAM_STATUSES, help="考试状态（4.4）")
    report.add_argument("--who", default="", help="姓名或身份证号（4.4）")
    report.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    report.add_argument("--xlsx", metavar="OUT", help="导出为 .xlsx")
    report.add_argument("--pdf", metavar="OUT", help="打印为 PDF（A4 横向）")
    report.set_defaults(run=cmd_report)


def cmd_report(ctx: Context) -> int:
    from tjce_desktop.domain.enums import LearningStatus
    from tjce_desktop.services import reports

    args = ctx.args
    database = ctx.database()
    actor = ctx.actor()
    scope = ctx.scope(args.org)
    needs_plan = args.code in ("4.2", "4.4", "4.5") or args.by_child
    if needs_plan and not args.plan:
        raise CliError(f"报表 {args.code}{'（按下级机构分列）' if args.by_child else ''} 需要用 --plan 指定培训计划。")
    if args.by_child and args.code not in ("4.1", "4.3", "4.5"):
        raise CliError("只有 4.1、4.3、4.5 可以按下级机构分列。")
    with database.engine.connect() as connection:
        plan = reports.find_plan(connection, args.plan) if args.plan else None
        if not needs_plan:
            summary = reports.plan_summary if args.code == "4.1" else reports.plan_status
            report = summary(connection, actor.scope(scope.path), plan)
        elif plan is None:  # pragma: no cover — refused above
            raise CliError("需要用 --plan 指定培训计划。")
        elif args.by_child:
            report = reports.by_child(connection, args.code, actor.scope(scope.path), scope.full_name, plan)
        elif args.code == "4.5":
            report = reports.exam_summary(connection, actor.scope(scope.path), plan)
        elif args.code == "4.2":
            status = LearningStatus.from_label(args.status).value if args.status else None
            report = reports.trainee_detail(connection, actor.scope(scope.path), plan, status)
        else:
            report = reports.exam_by_trainee(connection, actor.scope(scope.path), plan,
                                             exam_status_key(args.exam_status) or None, args.who)
    filters = {"组织机构": scope.full_name, **report.filters}
    for out, file_format in ((args.xlsx, "xlsx"), (args.pdf, "pdf")):
        if out:
            from tjce_desktop.services.report_export import export_report

            export_report(database, actor, report, out, scope_name=scope.full_name, scope_path=scope.path,
                          file_format=file_format)
    if args.json:
        document = {"report": report.code, "title": report.title, "filters": filters,
                    "columns": [{"key": c.key, "header": c.header, "kind": c.kind} for c in report.columns],
                    "rows": report.as_dicts(),
                    "total": dict(zip((c.key for c in report.columns), report.total)) if report.total else None}
        print(json.dumps(document, ensure_ascii=False, indent=1, default=str))
        return 0
    print(f"{report.code} {report.title}（{'；'.join(f'{k}：{v}' for k, v in filters.items())}）")
    print("\t".join(c.header for c in report.columns))
    for row in report.rows + ([report.total] if report.total else []):
        print("\t".join(reports.format_cell(column.kind, value) for column, value in zip(report.columns, row)))
    for out in (args.xlsx, args.pdf):
        if out:
            print(f"已导出到 {out}")
    return 0
