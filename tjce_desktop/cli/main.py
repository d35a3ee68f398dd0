"""``tjce [--db PATH] init | demo | orgs | info``.

Every failure prints one clear line on stderr and exits non-zero: 2 for a problem the user
can fix (bad input, a database that cannot be used), 1 for an internal error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence

from tjce_desktop import __version__
from tjce_desktop.services.task_state import TaskState

EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 1


class CliError(Exception):
    """A failure to report on one line."""


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
    print(
        f"演示数据已写入 {database.path}：{summary.orgs:,} 个组织机构，{summary.trainees:,} 名学员，"
        f"{summary.plans} 个培训计划，{summary.enrollments:,} 份学习档案，"
        f"{summary.exam_attempts:,} 次考试记录，{summary.stamp_batches:,} 个盖章批次；用时 {summary.seconds:.1f} 秒。"
    )
    return 0


def cmd_orgs(args) -> int:
    from tjce_desktop.services.orgs import direct_trainee_counts, list_orgs, subtree_totals
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    database = _open(args, create=False)
    with UnitOfWork(database) as uow:
        nodes = list_orgs(uow.session)
        totals = subtree_totals(nodes, direct_trainee_counts(uow.session))
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

    info = database_info(_open(args, create=False))
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


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "init": cmd_init,
    "demo": cmd_demo,
    "orgs": cmd_orgs,
    "info": cmd_info,
}


def main(argv: Sequence[str] | None = None) -> int:
    from tjce_desktop.services.demo import DemoError
    from tjce_desktop.services.orgs import OrgNotFound
    from tjce_desktop.storage.database import DatabaseError

    for stream in (sys.stdout, sys.stderr):  # Windows consoles default to a legacy code page
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    try:
        args = build_parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except (CliError, DatabaseError, DemoError, OrgNotFound) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return EXIT_USER_ERROR
    except Exception as exc:  # noqa: BLE001 — one line for the user; the traceback on request
        if os.environ.get("TJCE_DEBUG"):
            raise
        print(f"内部错误：{type(exc).__name__}: {exc}（设置 TJCE_DEBUG=1 可查看详细信息）", file=sys.stderr)
        return EXIT_INTERNAL_ERROR


if __name__ == "__main__":
    raise SystemExit(main())
