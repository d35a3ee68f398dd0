"""学员管理 on the command line: ``template``, ``import-trainees``, ``export-trainees``, ``transfer-in``."""

from __future__ import annotations

import json

from tjce_desktop.cli.context import Context
from tjce_desktop.cli.parser import TRAINEE_STATUSES
from tjce_desktop.domain.enums import PostType, TitleLevel


def add_commands(commands) -> None:
    template = commands.add_parser("template", help="下载学员导入模板（.xlsx）")
    template.add_argument("out", metavar="OUT.xlsx", help="模板保存到的文件")
    template.set_defaults(run=cmd_template)

    imports = commands.add_parser("import-trainees", help="从 Excel/CSV 导入学员")
    imports.add_argument("file", metavar="FILE", help="学员文件（.xlsx/.xls/.ods/.csv）")
    imports.add_argument("--org", help="文件中没有“所属机构”时导入到的机构（代码或名称路径）")
    imports.add_argument("--mode", choices=["add", "upsert"], default="add",
                         help="add：仅新增；upsert：新增并更新（按身份证号匹配）")
    imports.add_argument("--errors", metavar="OUT.xlsx", help="把有错误的行写入错误报告")
    imports.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    imports.set_defaults(run=cmd_import_trainees)

    export = commands.add_parser("export-trainees", help="导出学员到 .xlsx")
    export.add_argument("out", metavar="OUT.xlsx", help="导出到的文件（.xlsx 或 .csv）")
    export.add_argument("--org", help="机构（代码或名称路径；默认整个管辖范围）")
    export.add_argument("--full-id", action="store_true", help="导出完整身份证号（记入审计日志）")
    export.add_argument("--username", default="", help="学员姓名（登录名）或其开头")
    export.add_argument("--name", default="", help="真实姓名（可只写一部分）")
    export.add_argument("--id-number", default="", help="身份证号（或其末尾几位）")
    export.add_argument("--phone", default="", help="手机号码")
    export.add_argument("--gender", choices=["男", "女"], help="性别")
    export.add_argument("--title", choices=TitleLevel.labels(), help="职称")
    export.add_argument("--post", choices=PostType.labels(), help="岗位类别")
    export.add_argument("--high-tech", choices=["是", "否"], help="高新技术人员")
    # 学员状态 is --active in every command; --status, its first name here, still works.
    export.add_argument("--active", "--status", dest="status", choices=TRAINEE_STATUSES, help="学员状态")
    export.set_defaults(run=cmd_export_trainees)

    transfer = commands.add_parser("transfer-in", help="调入：把其他单位已离职/调出的人员转入本单位")
    transfer.add_argument("id_number", metavar="身份证号", help="调入人员的身份证号")
    transfer.add_argument("--org", required=True, help="调入到的机构（代码或名称路径，须在管辖范围内）")
    transfer.set_defaults(run=cmd_transfer_in)


def cmd_template(ctx: Context) -> int:
    from tjce_desktop.exchange.trainee_template import write_template
    from tjce_desktop.services.orgs import list_orgs
    from tjce_desktop.storage.database import DatabaseError
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    try:
        database = ctx.database()
        with UnitOfWork(database) as uow:
            names = [org.full_name for org in list_orgs(uow.session) if org.depth > 0]
    except DatabaseError:
        names = []  # no database yet: a template without the org list
    write_template(ctx.args.out, names)
    print(f"导入模板已保存：{ctx.args.out}")
    return 0


def cmd_import_trainees(ctx: Context) -> int:
    from tjce_desktop.services.trainee_import import (
        ImportMode,
        analyse_import,
        apply_import,
        open_import,
        write_import_errors,
    )
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    args = ctx.args
    database = ctx.database()
    actor = ctx.actor()
    default_org = ctx.scope(args.org) if args.org else None
    if args.errors:  # a report that cannot be written is said before anything is imported
        from tjce_desktop.exchange.output_files import check_output

        check_output(args.errors)
    source = open_import(args.file)
    with UnitOfWork(database, actor) as uow:
        preview = analyse_import(uow, actor, source, mode=ImportMode(args.mode), default_org=default_org)
        summary = apply_import(uow, actor, preview)
    preview = summary.preview or preview  # judged again under the write lock: what was applied
    report = None
    if args.errors and summary.refused:
        write_import_errors(database, actor, preview, args.errors)
        report = args.errors
    if args.json:
        errors = [{"row": row.row_number, "messages": list(row.messages)} for row in preview.refused]
        print(json.dumps({**summary.as_dict(), "error_report": report, "errors": errors}, ensure_ascii=False,
                         indent=1))
        return 0
    print(f"已导入“{summary.file_name}”（{preview.mode.label}）：新增 {summary.added:,}，更新 {summary.updated:,}，"
          f"无变化 {summary.unchanged:,}，有错误未导入 {summary.refused:,}，跳过空行 {summary.skipped_empty:,}。")
    for row in preview.refused[:10]:
        print(f"  第 {row.row_number} 行：{'；'.join(row.messages)}")
    if summary.refused > 10:
        print(f"  …… 另有 {summary.refused - 10:,} 行有错误")
    if report:
        print(f"错误报告已保存：{report}（修改后可直接再次导入）")
    elif summary.refused:
        print("用 --errors 错误报告.xlsx 可导出全部有错误的行，修改后再次导入。")
    return 0


def cmd_export_trainees(ctx: Context) -> int:
    from tjce_desktop.domain.enums import Gender
    from tjce_desktop.services.trainee_export import export_trainees
    from tjce_desktop.services.trainee_listing import TraineeFilter

    args = ctx.args
    database = ctx.database()
    actor = ctx.actor()
    scope = ctx.scope(args.org)
    filters = TraineeFilter(
        username=args.username, real_name=args.name, id_number=args.id_number, phone=args.phone,
        gender=Gender.from_label(args.gender).value if args.gender else "",
        title_level=TitleLevel.from_label(args.title).value if args.title else "",
        post_type=PostType.from_label(args.post).value if args.post else "",
        high_tech=None if args.high_tech is None else args.high_tech == "是",
        active=None if args.status is None else args.status == "在职",
    )
    count = export_trainees(database, actor, args.out, scope_path=scope.path, filters=filters,
                            full_id_numbers=args.full_id)
    print(f"已导出 {count:,} 名学员（{scope.full_name}）到 {args.out}" + ("，含完整身份证号" if args.full_id else ""))
    return 0


def cmd_transfer_in(ctx: Context) -> int:
    """调入: on this desk when the person is here (one database for all units), else — on a desk
    bound to a central database — there, and the person arrives with the next sync."""
    from tjce_desktop.services.trainee_transfer import transfer_in
    from tjce_desktop.storage.unit_of_work import UnitOfWork
    from tjce_desktop.sync.binding import binding

    args = ctx.args
    database, actor = ctx.database(), ctx.actor()
    target = ctx.scope(args.org)
    central = (lambda: ctx.central()[0]) if binding(database) is not None else None
    with UnitOfWork(database, actor) as uow:
        result = transfer_in(uow, actor, args.id_number, target.id, central=central)
    if result.trainee_id is None:
        print(f"已在中心数据库办理调入“{result.target_full_name}”："
              f"{result.archives:,} 份学习档案随人转入，同步后显示。")
    else:
        print(f"已把 {result.real_name} 调入“{result.target_full_name}”：{result.archives:,} 份学习档案随人转入。")
    return 0
