"""The local database: ``init``, ``demo``, ``orgs``, ``info``."""

from __future__ import annotations

import json
import os
import sys

from tjce_desktop.cli.context import Context
from tjce_desktop.cli.errors import CliError
from tjce_desktop.cli.parser import date, integer, positive_int
from tjce_desktop.domain.enums import Role
from tjce_desktop.domain.task_state import TaskState


def add_commands(commands) -> None:
    init = commands.add_parser("init", help="创建（或升级）本地数据库")
    init.set_defaults(run=cmd_init)

    demo = commands.add_parser("demo", help="在空数据库中生成演示数据")
    demo.add_argument("--trainees", type=positive_int, default=None, help="学员人数（默认 20000）")
    demo.add_argument("--seed", type=integer, default=None, help="随机种子（相同种子生成相同数据）")
    demo.add_argument("--as-of", type=date, default=None, help="参考日期（默认今天）")
    demo.add_argument("--quiet", action="store_true", help="不显示进度")
    demo.set_defaults(run=cmd_demo)

    orgs = commands.add_parser("orgs", help="列出组织机构（代码、名称路径、学员数）")
    orgs.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    orgs.set_defaults(run=cmd_orgs)

    info = commands.add_parser("info", help="数据库信息")
    info.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    info.set_defaults(run=cmd_info)


def cmd_init(ctx: Context) -> int:
    database = ctx.database(create=True)
    print(f"数据库已就绪：{database.path}")
    return 0


def cmd_demo(ctx: Context) -> int:
    from tjce_desktop.services.accounts import password_problems
    from tjce_desktop.services.demo import DEFAULT_SEED, DEFAULT_TRAINEES, build_demo

    args = ctx.args
    given = os.environ.get("TJCE_PASSWORD") or None  # empty: as if not set
    if given is not None and password_problems(given):
        raise CliError(f"TJCE_PASSWORD 不符合密码要求：{''.join(password_problems(given))}")
    database = ctx.database(create=True)
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


def cmd_orgs(ctx: Context) -> int:
    from tjce_desktop.services.orgs import direct_trainee_counts, list_orgs, subtree_totals
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    database = ctx.database()
    with UnitOfWork(database) as uow:
        nodes = list_orgs(uow.session)
        actor = ctx.actor()
        totals = subtree_totals(nodes, direct_trainee_counts(uow.session, actor.scope(actor.scope_path)))
    if ctx.args.json:
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


def cmd_info(ctx: Context) -> int:
    from tjce_desktop.services.database_info import database_info

    database = ctx.database()
    ctx.actor()
    info = database_info(database)
    if ctx.args.json:
        print(json.dumps(info.as_dict(), ensure_ascii=False, indent=1))
        return 0
    labels = {"org": "组织机构", "trainee": "学员", "training_plan": "培训计划", "enrollment": "学习档案",
              "exam_attempt": "考试记录", "stamp_batch": "盖章批次", "certificate": "继续教育证书"}
    print(f"数据库：{info.path}（{info.size_bytes / 1_048_576:,.1f} MB，架构版本 {info.schema_revision}）")
    print("模式：本地（未配置中心数据库）" if info.mode == "local" else "模式：已连接中心数据库")
    for table, count in info.counts.items():
        print(f"  {labels[table]}：{count:,}")
    print(f"  待同步的本地修改：{info.pending_changes:,}")
    if not info.stored_counts_right:
        (stored_active, stored_all), (active, total) = info.stored_trainee_counts, info.counted_trainees
        print(f"  注意：保存的学员人数（在职 {stored_active:,} / 全部 {stored_all:,}）与实际人数（在职 {active:,} / "
              f"全部 {total:,}）不一致，请联系技术支持（4000-666-099）。")
    if info.demo:
        print(f"演示数据：种子 {info.demo.get('seed')}，{int(info.demo.get('trainees', 0)):,} 名学员，"
              f"参考日期 {info.demo.get('as_of')}")
    return 0
