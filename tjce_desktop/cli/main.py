"""``tjce [--db PATH] init | demo | orgs | info | template | import-trainees | export-trainees | report |
hours | backup | restore | audit`` and the 培训管理 commands of ``cli.training``.

Every failure prints one clear line on stderr and exits non-zero: 2 for a problem the user
can fix (a ``UserError``: bad input, a database that cannot be used or is busy), 1 for an
internal error (an incident number on stderr, the traceback in the log file).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence

from tjce_desktop import __version__
from tjce_desktop.cli import accounts, central, desk, training, trust
from tjce_desktop.cli.errors import CliError
from tjce_desktop.domain.enums import PostType, Role, TitleLevel
from tjce_desktop.domain.task_state import TaskState

EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 1
EXIT_OUTPUT_CLOSED = 128 + 13  # as a program ended by SIGPIPE


def _positive_int(text: str) -> int:
    try:
        value = int(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是整数") from None
    if value < 1:
        raise argparse.ArgumentTypeError("必须大于 0")
    return value


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是日期（格式 YYYY-MM-DD）") from None


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, as for every other user error
        raise CliError(f"参数错误：{message}（用 tjce --help 查看用法）")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="tjce", description="天津市专业技术人员继续教育 · 管理端（命令行）")
    parser.add_argument("--version", action="version", version=f"tjce {__version__}")
    parser.add_argument("--db", metavar="PATH", help="本地数据库文件（默认在用户数据文件夹中）")
    parser.add_argument("--user", metavar="USERNAME", help="账户（也可用环境变量 TJCE_USER；密码用 TJCE_PASSWORD 或在提示时输入）")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    commands.add_parser("init", help="创建（或升级）本地数据库")

    demo = commands.add_parser("demo", help="在空数据库中生成演示数据")
    demo.add_argument("--trainees", type=_positive_int, default=None, help="学员人数（默认 20000）")
    demo.add_argument("--seed", type=int, default=None, help="随机种子（相同种子生成相同数据）")
    demo.add_argument("--as-of", type=_date, default=None, help="参考日期（默认今天）")
    demo.add_argument("--quiet", action="store_true", help="不显示进度")

    orgs = commands.add_parser("orgs", help="列出组织机构（代码、名称路径、学员数）")
    orgs.add_argument("--json", action="store_true", help="输出一个 JSON 文档")

    info = commands.add_parser("info", help="数据库信息")
    info.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    template = commands.add_parser("template", help="下载学员导入模板（.xlsx）")
    template.add_argument("out", metavar="OUT.xlsx")

    imports = commands.add_parser("import-trainees", help="从 Excel/CSV 导入学员")
    imports.add_argument("file", metavar="FILE")
    imports.add_argument("--org", help="文件中没有“所属机构”时导入到的机构（代码或名称路径）")
    imports.add_argument("--mode", choices=["add", "upsert"], default="add",
                         help="add：仅新增；upsert：新增并更新（按身份证号匹配）")
    imports.add_argument("--errors", metavar="OUT.xlsx", help="把有错误的行写入错误报告")
    imports.add_argument("--json", action="store_true", help="输出一个 JSON 文档")

    export = commands.add_parser("export-trainees", help="导出学员到 .xlsx")
    export.add_argument("out", metavar="OUT.xlsx")
    export.add_argument("--org", help="机构（代码或名称路径；默认整个管辖范围）")
    export.add_argument("--full-id", action="store_true", help="导出完整身份证号（记入审计日志）")
    export.add_argument("--username", default="", help="学员姓名（登录名）或其开头")
    export.add_argument("--name", default="", help="真实姓名（可只写一部分）")
    export.add_argument("--id-number", default="", help="身份证号（或其末尾几位）")
    export.add_argument("--phone", default="")
    export.add_argument("--gender", choices=["男", "女"])
    export.add_argument("--title", choices=TitleLevel.labels(), help="职称")
    export.add_argument("--post", choices=PostType.labels(), help="岗位类别")
    export.add_argument("--high-tech", choices=["是", "否"])
    export.add_argument("--status", choices=["在职", "离职"])
    report = commands.add_parser("report", help="报表：4.1 培训计划统计总表 … 4.5 考试情况统计")
    report.add_argument("code", choices=["4.1", "4.2", "4.3", "4.4", "4.5"])
    report.add_argument("--plan", help="培训计划（完整名称，或只有一个计划包含的部分名称）")
    report.add_argument("--org", help="机构（代码或名称路径；默认整个管辖范围）")
    report.add_argument("--by-child", action="store_true", help="按直属下级机构分列（4.1、4.3、4.5）")
    report.add_argument("--status", choices=["未学", "学习中", "已学完"], help="学习状态（4.2）")
    report.add_argument("--exam-status", choices=["已通过", "未通过", "未参考"], help="考试状态（4.4）")
    report.add_argument("--who", default="", help="姓名或身份证号（4.4）")
    report.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    report.add_argument("--xlsx", metavar="OUT", help="导出为 .xlsx")
    report.add_argument("--pdf", metavar="OUT", help="打印为 PDF（A4 横向）")
    hours = commands.add_parser("hours", help="某学员某年度的学时（按课程类别）与年度学时要求")
    hours.add_argument("id_number", metavar="ID_NUMBER")
    hours.add_argument("--year", type=int, default=None, help="年度（默认今年）")
    hours.add_argument("--json", action="store_true", help="输出一个 JSON 文档")

    backup = commands.add_parser("backup", help="备份数据库（SQLite 在线备份，检查后保留最近几份）")
    backup.add_argument("folder", nargs="?", help="备份文件夹（默认：数据库旁的 backups）")
    backup.add_argument("--keep", type=_positive_int, default=7, help="保留最近几份（默认 7）")

    restore = commands.add_parser("restore", help="从备份恢复（先检查备份；当前数据库另存一份）")
    restore.add_argument("file", metavar="FILE")

    audit = commands.add_parser("audit", help="审计日志；audit verify 检查日志是否被改动")
    audit.add_argument("action", nargs="?", choices=["verify"], help="verify：检查哈希链")
    audit.add_argument("--limit", type=_positive_int, default=50, help="显示最近多少条（默认 50）")
    audit.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    audit.add_argument("--offline", action="store_true", help="verify 时不连接中心数据库")
    audit.add_argument("--xlsx", metavar="OUT", help="把全部审计日志导出为 .xlsx（导出本身记入日志）")
    training.add_commands(commands, _date)
    accounts.add_commands(commands)
    desk.add_commands(commands)
    central.add_commands(commands)
    trust.add_commands(commands, _date)
    return parser


def _open(args, *, create: bool):
    from tjce_desktop.storage.database import open_database

    return open_database(args.db, create=create)


def cmd_init(args) -> int:
    database = _open(args, create=True)
    print(f"数据库已就绪：{database.path}")
    return 0


def cmd_demo(args) -> int:
    from tjce_desktop.services.demo import DEFAULT_SEED, DEFAULT_TRAINEES, build_demo

    from tjce_desktop.services.accounts import password_problems

    given = os.environ.get("TJCE_PASSWORD") or None  # empty: as if not set
    if given is not None and password_problems(given):
        raise CliError(f"TJCE_PASSWORD 不符合密码要求：{''.join(password_problems(given))}")
    database = _open(args, create=True)
    last_shown = [-1]

    def show(fraction: float, message: str) -> None:
        percent = int(fraction * 100)
        if percent != last_shown[0] and not args.quiet and sys.stderr.isatty():
            last_shown[0] = percent
            print(f"\r{percent:3d}%  {message}", end="", file=sys.stderr, flush=True)

    summary = build_demo(
        database,
        trainees=args.trainees or DEFAULT_TRAINEES,
        seed=DEFAULT_SEED if args.seed is None else args.seed,
        as_of=args.as_of,
        state=TaskState(show),
    )
    if not args.quiet and sys.stderr.isatty():
        print(file=sys.stderr)
    admin_note = _create_demo_admin(database)
    print(
        f"演示数据已写入 {database.path}：{summary.orgs:,} 个组织机构，{summary.trainees:,} 名学员，"
        f"{summary.plans} 个培训计划，{summary.enrollments:,} 份学习档案，"
        f"{summary.exam_attempts:,} 次考试记录，{summary.stamp_batches:,} 个盖章批次；用时 {summary.seconds:.1f} 秒。"
    )
    print(admin_note)
    return 0


def _create_demo_admin(database) -> str:
    """The city administrator ``admin``: the password from TJCE_PASSWORD, or a generated one shown once."""
    from tjce_desktop.services.accounts import AccountError, create_account, generate_password
    from tjce_desktop.services.orgs import list_orgs
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    given = os.environ.get("TJCE_PASSWORD")
    password = given or generate_password()
    with UnitOfWork(database, "admin") as uow:
        root = next(org for org in list_orgs(uow.session) if org.parent_id is None)
        try:
            create_account(uow.session, None, username="admin", display_name="市级管理员", password=password,
                           role=Role.CITY_ADMIN, org_id=root.id)
        except AccountError as exc:
            raise CliError(f"TJCE_PASSWORD 不符合密码要求：{exc}") from None
        uow.commit()
    if given:
        return "市级管理员账户：admin（密码为 TJCE_PASSWORD 中的密码）。"
    return f"市级管理员账户：admin，初始密码：{password}（请登录后修改；此密码只显示这一次）。"


def cmd_orgs(args) -> int:
    from tjce_desktop.services.orgs import direct_trainee_counts, list_orgs, subtree_totals
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    database = _open(args, create=False)
    with UnitOfWork(database) as uow:
        nodes = list_orgs(uow.session)
        actor = _actor(args, database)
        totals = subtree_totals(nodes, direct_trainee_counts(uow.session, actor.scope(actor.scope_path)))
    if args.json:
        document = [
            {
                "id": str(n.id),
                "parent_id": str(n.parent_id) if n.parent_id else None,
                "code": n.code,
                "name": n.name,
                "full_name": n.full_name,
                "kind": n.kind,
                "depth": n.depth,
                "trainees": totals[n.id],
            }
            for n in nodes
        ]
        print(json.dumps(document, ensure_ascii=False, indent=1))
        return 0
    for n in nodes:
        print(f"{n.code:<14} {'  ' * n.depth}{n.name}  （{n.kind_label}，{totals[n.id]:,} 人）")
    return 0


def cmd_info(args) -> int:
    from tjce_desktop.services.database_info import database_info

    database = _open(args, create=False)
    _actor(args, database)
    info = database_info(database)
    if args.json:
        print(json.dumps(info.as_dict(), ensure_ascii=False, indent=1))
        return 0
    labels = {"org": "组织机构", "trainee": "学员", "training_plan": "培训计划", "enrollment": "学习档案",
              "exam_attempt": "考试记录", "stamp_batch": "盖章批次", "certificate": "继续教育证书"}
    print(f"数据库：{info.path}（{info.size_bytes / 1_048_576:,.1f} MB，架构版本 {info.schema_revision}）")
    print("模式：本地（未配置中心数据库）" if info.mode == "local" else "模式：已连接中心数据库")
    for table, count in info.counts.items():
        print(f"  {labels[table]}：{count:,}")
    print(f"  待同步的本地修改：{info.pending_changes:,}")
    if info.demo:
        print(f"演示数据：种子 {info.demo.get('seed')}，{int(info.demo.get('trainees', 0)):,} 名学员，参考日期 {info.demo.get('as_of')}")
    return 0


def cmd_template(args) -> int:
    from tjce_desktop.exchange.trainee_template import write_template
    from tjce_desktop.services.orgs import list_orgs
    from tjce_desktop.storage.database import DatabaseError
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    try:
        database = _open(args, create=False)
        with UnitOfWork(database) as uow:
            names = [org.full_name for org in list_orgs(uow.session) if org.depth > 0]
    except DatabaseError:
        names = []  # no database yet: a template without the org list
    write_template(args.out, names)
    print(f"导入模板已保存：{args.out}")
    return 0


def _actor(args, database):
    """Who the command acts as (signing in when the database has accounts), once per command."""
    from tjce_desktop.cli.credentials import command_actor

    if getattr(args, "_actor", None) is None:
        args._actor = command_actor(database, args.user)
    return args._actor


def _scope(database, reference: str | None, actor=None):
    """The org ``--org`` names, or without it the acting account's own org (its 管辖范围)."""
    from tjce_desktop.services.orgs import find_org, list_orgs
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    with UnitOfWork(database) as uow:
        if reference:
            org = find_org(uow.session, reference)
            if actor is not None:
                actor.require_access(org.path)
            return org
        orgs = list_orgs(uow.session)
    if not orgs:
        raise CliError("数据库中还没有组织机构。请先运行 tjce demo，或从中心数据库同步。")
    if actor is not None and actor.scope_path != "/":
        return next(org for org in orgs if org.path == actor.scope_path)
    return next(org for org in orgs if org.parent_id is None)


def _training(function):
    """A command of another module, given this module's database, scope and sign-in helpers."""

    def run(args) -> int:
        opened: list = []

        def open_database():
            if not opened:
                opened.append(_open(args, create=False))
            return opened[0]

        def scope_of(database, reference):
            return _scope(database, reference, _actor(args, database))

        return function(args, open_database=open_database, scope_of=scope_of,
                        actor_of=lambda database: _actor(args, database))

    return run


def cmd_import_trainees(args) -> int:
    from tjce_desktop.services.trainee_import import (
        ImportMode, analyse_import, apply_import, open_import, write_import_errors,
    )
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    database = _open(args, create=False)
    actor = _actor(args, database)
    default_org = _scope(database, args.org, actor) if args.org else None
    if args.errors:  # a report that cannot be written is said before anything is imported
        from tjce_desktop.exchange.xlsx_table import check_output

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


def cmd_export_trainees(args) -> int:
    from tjce_desktop.domain.enums import Gender
    from tjce_desktop.services.trainee_export import export_trainees
    from tjce_desktop.services.trainee_listing import TraineeFilter

    database = _open(args, create=False)
    actor = _actor(args, database)
    scope = _scope(database, args.org, actor)
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


def cmd_report(args) -> int:
    from tjce_desktop.domain.enums import LearningStatus
    from tjce_desktop.services import reports

    database = _open(args, create=False)
    actor = _actor(args, database)
    scope = _scope(database, args.org, actor)
    needs_plan = args.code in ("4.2", "4.4", "4.5") or args.by_child
    if needs_plan and not args.plan:
        raise CliError(f"报表 {args.code}{'（按下级机构分列）' if args.by_child else ''} 需要用 --plan 指定培训计划。")
    if args.by_child and args.code not in ("4.1", "4.3", "4.5"):
        raise CliError("只有 4.1、4.3、4.5 可以按下级机构分列。")
    with database.engine.connect() as connection:
        plan = reports.find_plan(connection, args.plan) if args.plan else None
        if args.by_child:
            report = reports.by_child(connection, args.code, actor.scope(scope.path), scope.full_name, plan)
        elif args.code == "4.1":
            report = reports.plan_summary(connection, actor.scope(scope.path), plan)
        elif args.code == "4.3":
            report = reports.plan_status(connection, actor.scope(scope.path), plan)
        elif args.code == "4.5":
            report = reports.exam_summary(connection, actor.scope(scope.path), plan)
        elif args.code == "4.2":
            status = LearningStatus.from_label(args.status).value if args.status else None
            report = reports.trainee_detail(connection, actor.scope(scope.path), plan, status)
        else:
            exam_status = {v: k for k, v in reports.EXAM_STATUS_LABELS.items()}.get(args.exam_status)
            report = reports.exam_by_trainee(connection, actor.scope(scope.path), plan, exam_status, args.who)
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


def cmd_hours(args) -> int:
    from tjce_desktop.services.year_hours import year_hours

    database = _open(args, create=False)
    actor = _actor(args, database)
    year = args.year or dt.date.today().year
    with database.engine.connect() as connection:
        result = year_hours(connection, actor, args.id_number, year)
    if args.json:
        print(json.dumps({"id_number": result.id_number_masked, "real_name": result.real_name, "year": result.year,
                          "hours_by_category": result.hours_by_category, "total": result.total,
                          "required": result.required, "met": result.met, "gap": result.gap,
                          "title_level": result.title_level, "high_tech": result.high_tech,
                          "other_learning": result.other_hours, "registered": result.registered,
                          "verified": result.verified, "rule": result.rule_source, "notes": result.notes},
                         ensure_ascii=False, indent=1))
        return 0
    print(f"{result.real_name}（{result.id_number_masked}） {result.year} 年度学时")
    for label, value in result.hours_by_category.items():
        print(f"  {label}：{value:g}")
    verdict = "已达到" if result.met else f"未达到，还差 {result.gap:g} 学时"
    basis = "正高/副高职称或高新技术人员" if result.required > 96 else "一般要求"
    if result.other_hours:
        print(f"  其中其他形式学习：{result.other_hours:g}")
    print(f"  合计：{result.total:g} / 要求 {result.required:g}（{basis}，年末职称：{result.title_level}）— {verdict}")
    print(f"  证书登记：{'已验证' if result.verified else '已登记' if result.registered else '未登记'}")
    for note in result.notes:
        print(f"  注：{note}")
    return 0


def cmd_backup(args) -> int:
    from pathlib import Path

    from tjce_desktop.services.backups import take_backup

    database = _open(args, create=False)
    info = take_backup(database, _actor(args, database), Path(args.folder) if args.folder else None, keep=args.keep)
    database.dispose()
    print(f"已备份到 {info.path}（{info.size_bytes / 1_048_576:,.1f} MB，已通过完整性检查，含签名的审计日志检查点）")
    return 0


def cmd_restore(args) -> int:
    """Signs in against the current database (a 市级管理员 when it has accounts); the restored
    one keeps the current lockouts and records the restore in its audit log."""
    from pathlib import Path

    from tjce_desktop.services.actor import LOCAL_ADMIN
    from tjce_desktop.services.restore import restore
    from tjce_desktop.storage.database import DatabaseError, default_database_path, open_database

    target = Path(args.db).expanduser().absolute() if args.db else default_database_path()
    current, actor, remark = None, LOCAL_ADMIN, None
    if target.exists():
        try:
            current = open_database(target, create=False)
        except DatabaseError as exc:  # nothing to sign in against: whoever can replace the file may restore it
            remark = f"当前数据库无法打开，未核对账户：{exc}"
            print(f"注意：{remark}", file=sys.stderr)
    try:
        if current is not None:
            actor = _actor(args, current)
        result = restore(current, target, Path(args.file), actor, remark=remark)
    finally:
        if current is not None:
            current.dispose()
    kept = f"；保留了 {result.lockouts_kept} 个账户的登录失败次数和锁定" if result.lockouts_kept else ""
    print(f"已从 {args.file} 恢复到 {target}；恢复前的数据库另存为 {result.aside}{kept}")
    return 0


def cmd_audit(args) -> int:
    from sqlalchemy import select

    from tjce_desktop.storage.models import AuditLog
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    database = _open(args, create=False)
    _actor(args, database).require_role(Role.CITY_ADMIN, Role.AUDITOR, doing="查看审计日志")
    if args.action == "verify":
        return _verify_audit(args, database)
    if args.xlsx:
        from tjce_desktop.services.audit_log import export_log

        actor = _actor(args, database)
        with UnitOfWork(database, actor) as uow:
            count = export_log(uow.session, actor, args.xlsx)
            uow.commit()
        print(f"已导出 {count:,} 条审计日志到 {args.xlsx}")
        return 0
    with UnitOfWork(database) as uow:
        entries = uow.session.scalars(select(AuditLog).order_by(AuditLog.seq.desc()).limit(args.limit)).all()
        rows = [{"seq": e.seq, "at": e.at.isoformat(sep=" ", timespec="seconds"), "actor": e.actor,
                 "workstation": e.workstation, "action": e.action, "target": e.target,
                 "detail": json.loads(e.detail) if e.detail else None, "outcome": e.outcome} for e in entries]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for row in rows:
        print(f"{row['seq']:>6}  {row['at']}  {row['actor']:<12} {row['action']:<18} {row['target'] or ''}  "
              f"{row['outcome']}")
    return 0


def _verify_audit(args, database) -> int:
    """The chain, held against the anchors: backups' checkpoints, and the central database's
    (when this desk is bound to one and it can be reached; ``--offline`` skips it)."""
    from tjce_desktop.services.audit_integrity import check, local_anchors
    from tjce_desktop.storage.unit_of_work import UnitOfWork
    from tjce_desktop.sync.audit_anchor import central_anchors
    from tjce_desktop.sync.binding import binding

    anchors, notes = local_anchors(database)
    if binding(database) is None:
        notes.append("本机没有绑定中心数据库：只核对了备份中的检查点。")
    elif args.offline:
        notes.append("未联网核对（--offline）：只核对了备份中的检查点和本机保存的最近一次中心锚点。")
    else:
        try:
            engine, _username = central.central_for(database)
            try:
                found, others = central_anchors(database, engine)
                anchors += found
                notes += others
            finally:
                engine.dispose()
        except Exception as exc:  # noqa: BLE001 — offline is a note, not a failure
            from tjce_desktop.sync.central import CentralError, friendly_error

            reason = exc if isinstance(exc, CentralError) else friendly_error(exc)  # one line, no SQL
            notes.append(f"未能核对中心数据库的锚点（{reason}）：只核对了本机能看到的锚点。")
    with UnitOfWork(database) as uow:
        report = check(uow.session, anchors, notes)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        for b in report.breaks:
            print(f"第 {b.seq} 条：{b.reason}")
        for problem in report.problems:
            print(problem)
        for note in report.notes:
            print(f"注：{note}")
        print(report.summary())
    if not report.intact:
        raise CliError(report.summary())
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "init": cmd_init,
    "demo": cmd_demo,
    "orgs": cmd_orgs,
    "info": cmd_info,
    "template": cmd_template,
    "import-trainees": cmd_import_trainees,
    "export-trainees": cmd_export_trainees,
    "report": cmd_report,
    "hours": cmd_hours,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "audit": cmd_audit,
    **{name: _training(function) for name, function in training.COMMANDS.items()},
    "user": _training(accounts.cmd_user),
    **{name: _training(function) for name, function in desk.COMMANDS.items()},
    **{name: _training(function) for name, function in central.COMMANDS.items()},
    "trust": _training(trust.cmd_trust),
}


def _output_closed() -> int:
    """stdout's reader went away (``tjce orgs --json | head -1``): normal on the command line.
    Nothing more is written — also not at exit, when Python flushes stdout (see "Note on
    SIGPIPE" in the ``signal`` module's documentation) — and the exit status is that of a
    program ended by SIGPIPE."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover — stdout without a file descriptor
        pass
    return EXIT_OUTPUT_CLOSED


def main(argv: Sequence[str] | None = None) -> int:
    """One error contract (``domain/errors.py``): a ``UserError`` is printed as it is, one line
    starting with 错误：, exit 2; anything else is an internal error with an incident number,
    its traceback in the log file only (``services/incidents.py``), exit 1 — or, with
    ``TJCE_DEBUG=1``, raised."""
    from tjce_desktop.services import incidents

    for stream in (sys.stdout, sys.stderr):  # Windows consoles default to a legacy code page
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    command = "tjce"
    try:
        args = build_parser().parse_args(argv)
        command = f"tjce {args.command}"
        from tjce_desktop.storage import private_temp

        private_temp.start()  # and the leftovers of earlier runs that died go
        code = COMMANDS[args.command](args)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return code
    except BrokenPipeError:
        return _output_closed()
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return EXIT_USER_ERROR
    except Exception as exc:  # noqa: BLE001 — the one place a command's failure is told
        if os.environ.get("TJCE_DEBUG") and not incidents.is_user_error(exc):
            raise
        explained = incidents.explain(exc, command)
        try:
            print(f"错误：{explained.text}", file=sys.stderr)
        except BrokenPipeError:  # pragma: no cover — stderr closed too
            pass
        return EXIT_INTERNAL_ERROR if explained.internal else EXIT_USER_ERROR


if __name__ == "__main__":
    raise SystemExit(main())
