"""``tjce central init|add-admin|connect``, ``tjce sync`` and ``tjce conflicts``.

``central connect`` (once the local database has accounts), ``sync`` and ``conflicts`` sign
in locally first, like every other command (the lockout applies, the attempt is audited):
the account from ``--user`` or ``TJCE_USER``, else the login this desk is bound to (for
``connect``: ``--username``). Connects and syncs are audited (``services/central_sync.py``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from tjce_desktop.cli.context import Context
from tjce_desktop.cli.credentials import secret
from tjce_desktop.cli.errors import CliError
from tjce_desktop.cli.parser import ROLES, integer
from tjce_desktop.domain.enums import Role


def add_commands(commands) -> None:
    central = commands.add_parser("central", help="中心数据库：init 创建/升级，add-admin 添加管理员，connect 绑定本机")
    actions = central.add_subparsers(dest="central_action", metavar="操作")
    actions.required = True
    init = actions.add_parser("init", help="在 PostgreSQL 上创建（或升级）中心数据库")
    init.add_argument("--url", required=True, help="数据库所有者的连接地址 postgresql://用户@主机:端口/数据库")
    source = init.add_mutually_exclusive_group()
    source.add_argument("--demo", type=integer, metavar="N", help="填入 N 名学员的演示数据")
    source.add_argument("--from-local", metavar="PATH", help="填入一个单机版的本地数据库")
    init.add_argument("--seed", type=integer, help="演示数据的随机种子")
    init.add_argument("--root-key", metavar="FILE",
                      help="城市根密钥文件：不存在时创建（口令用 TJCE_ROOT_PASSPHRASE 或在提示时输入），"
                           "存在时核对；它认证各工作站的档案签发密钥，只由市级管理员保管，不存入任何数据库")
    add = actions.add_parser("add-admin", help="添加管理员：一个独立的数据库登录账户，限定其管辖范围")
    add.add_argument("--url", required=True, help="数据库所有者的连接地址")
    add.add_argument("--username", required=True, help="用户名")
    add.add_argument("--role", required=True, choices=ROLES, help="角色")
    add.add_argument("--org", required=True, help="管辖的机构（代码或名称路径）")
    connect = actions.add_parser("connect", help="把本机数据库绑定到中心数据库（密码不保存）")
    connect.add_argument("--url", required=True, help="中心数据库地址 postgresql://主机:端口/数据库")
    connect.add_argument("--username", required=True, help="中心数据库的用户名")
    connect.add_argument("--ca", metavar="FILE",
                         help="签发中心数据库服务器证书的 CA 文件；其他计算机上的中心数据库只通过 TLS 连接并验证证书")
    central.set_defaults(run=cmd_central)

    sync = commands.add_parser("sync", help="与中心数据库同步：先上传本机修改，再下载")
    sync.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    how = sync.add_mutually_exclusive_group()
    how.add_argument("--check", action="store_true",
                     help="只核对：逐表比较本机与中心数据库的行数和校验和，有差异时退出码为 1")
    how.add_argument("--rebuild", action="store_true", help="重新下载管辖范围内的全部数据（保留尚未上传的本机修改）")
    sync.set_defaults(run=cmd_sync)
    conflicts = commands.add_parser("conflicts", help="同步冲突：列出；或 --resolve ID --keep central|mine|merge")
    conflicts.add_argument("--resolve", metavar="ID", help="要处理的冲突编号")
    conflicts.add_argument("--keep", choices=["central", "mine", "merge"],
                           help="central：保留中心的值；mine：保留本机的值；merge：合并")
    conflicts.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    conflicts.set_defaults(run=cmd_conflicts)


def cmd_central(ctx: Context) -> int:
    """A ``CentralError`` (a UserError) is told as it is, like every other (``cli/main.py``)."""
    from tjce_desktop.services import central_admin

    args = ctx.args
    if args.central_action == "init":
        counts = central_admin.init_central(args.url, demo=args.demo, seed=args.seed,
                                            from_local=Path(args.from_local) if args.from_local else None)
        filled = f"；已填入 {sum(counts.values()):,} 行（学员 {counts.get('trainee', 0):,} 名）" if counts else ""
        print(f"中心数据库已就绪{filled}。")
        print(_install_root(args.url, args.root_key))
        return 0
    if args.central_action == "add-admin":
        password = secret("TJCE_NEW_PASSWORD", f"{args.username} 的密码：")
        login = central_admin.add_admin(args.url, username=args.username, password=password,
                                        role=Role.from_label(args.role), org_reference=args.org)
        print(f"已添加管理员 {args.username}（{args.role}，{args.org}），数据库登录名 {login}。")
        return 0
    from tjce_desktop.services.central_sync import connect
    from tjce_desktop.sync.binding import strip_credentials
    from tjce_desktop.sync.central import with_tls

    database = ctx.database(create=True)
    actor = ctx.actor(fallback_user=args.username)
    password = secret("TJCE_PASSWORD", f"{args.username} 的密码：")
    url = with_tls(args.url, args.ca)
    scope = connect(database, actor.username, url, args.username, password)
    print(f"已绑定中心数据库 {strip_credentials(url)}（{args.username}，管辖范围 {scope}）。"
          "运行 tjce sync 开始同步。")
    return 0


def _install_root(url: str, root_key_file: str | None) -> str:
    """The city's root key: made the first time (into a file only), checked after that."""
    from tjce_desktop.cli.trust import root_passphrase
    from tjce_desktop.services import city_root
    from tjce_desktop.sync.central import central_engine

    if not root_key_file:
        return ("注意：未指定 --root-key。各工作站要打印带签名的档案，需要城市根密钥：用 --root-key 文件 再运行一次"
                " tjce central init（文件不存在时创建）。")
    path = Path(root_key_file).expanduser()
    created = not path.exists()
    key = (city_root.create_root_key_file(path, root_passphrase(confirm=True)) if created
           else city_root.load_root_key(path, root_passphrase()))
    engine = central_engine(url)
    try:
        statement = city_root.install_root(engine, key)
    finally:
        engine.dispose()
    made = (f"已创建城市根密钥文件 {path}（请离线保存并备份，口令另行保管）" if created
            else f"城市根密钥 {path} 与中心数据库一致")
    return f"{made}；根密钥指纹 {city_root.fingerprint(statement)}（请公布给各工作站核对）。"


def cmd_sync(ctx: Context) -> int:
    from tjce_desktop.services.central_sync import run_check, run_sync
    from tjce_desktop.sync.central import CentralError, friendly_error
    from tjce_desktop.sync.pull import held_rows

    args = ctx.args
    database = ctx.database()
    actor = ctx.actor(fallback_user=ctx.bound_login())
    engine, _username = ctx.central()
    try:
        if args.check:
            return _print_check(run_check(database, engine, actor.username), held_rows(database), as_json=args.json)
        report = run_sync(database, engine, actor.username, rebuild=args.rebuild)
    except Exception as exc:  # noqa: BLE001 — the network or the server, in one line
        if os.environ.get("TJCE_DEBUG") and not isinstance(exc, CentralError):
            raise
        raise friendly_error(exc) from None
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
        return 0
    print(f"同步完成：上传 {report.pushed:,} 条（其中合并 {report.merged:,}），冲突 {report.conflicts:,}，"
          f"等待上级记录 {report.waiting:,}；下载 {report.pulled:,} 条，移出管辖范围 {report.removed:,} 条。"
          + ("核对一致。" if report.check_clean else ""))
    for warning in report.warnings:
        print(f"注意：{warning}")
    return 0


def _print_check(found, held: list[dict], *, as_json: bool) -> int:
    """The comparison, table by table; exit 1 on any difference (held rows included)."""
    if as_json:
        print(json.dumps({**found.as_dict(), "held_rows": held}, ensure_ascii=False, indent=1))
        return 0 if found.clean else 1
    for table in found.tables:
        mark = "一致" if table.matches else f"不一致（{table.differing_buckets} 组不同）"
        left_out = f"，未比较 {table.left_out:,} 条（待上传或暂存）" if table.left_out else ""
        print(f"{table.label:<10} 本机 {table.local_rows:>10,}  中心 {table.central_rows:>10,}  {mark}{left_out}")
    for entry in held:
        print(f"暂存：{entry['table_label']} {entry['row_id']}：{entry['reason']}（已尝试 {entry['attempts']} 次）")
    print("核对结果：本机数据与中心数据库一致。" if found.clean else
          "核对结果：有差异。运行 tjce sync 会自动修复；仍不一致时运行 tjce sync --rebuild。")
    return 0 if found.clean else 1


def cmd_conflicts(ctx: Context) -> int:
    from tjce_desktop.services.central_sync import masked_conflicts
    from tjce_desktop.sync.conflicts import ConflictError, resolve
    from tjce_desktop.sync.engine import local_conflicts

    args = ctx.args
    database = ctx.database()
    actor = ctx.actor(fallback_user=ctx.bound_login())
    if args.resolve:
        if not args.keep:
            raise CliError("请用 --keep central|mine|merge 指明处理方式。")
        engine, username = ctx.central()
        try:
            resolve(database, engine, args.resolve, args.keep, actor=username)
        except ConflictError as exc:
            raise CliError(str(exc)) from None
        finally:
            engine.dispose()
        print("冲突已处理；运行 tjce sync 把结果同步到中心数据库。")
        return 0
    rows = masked_conflicts(local_conflicts(database), actor)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
        return 0
    if not rows:
        print("没有未处理的同步冲突（以最近一次同步为准）。")
    for row in rows:
        reason = f"  原因：{row['reason']}" if row.get("reason") else ""
        print(f"{row['id']}  {row['table_name']}  {row['kind']}  字段 {','.join(row['fields'])}  由 {row['created_by']}"
              f"{reason}")
        print(f"    本机：{json.dumps(row['mine'], ensure_ascii=False)}")
        print(f"    中心：{json.dumps({k: (row['central'] or {}).get(k) for k in row['fields']}, ensure_ascii=False)}")
        print(f"    原值：{json.dumps(row['original'], ensure_ascii=False)}")
    return 0
