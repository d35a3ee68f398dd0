"""``tjce user add|passwd|unlock|list``: the accounts of a database from the command line.

New passwords come from ``TJCE_NEW_PASSWORD`` or a prompt (asked twice), never from the
command line. The first account of a database needs no sign-in and must be a city
administrator; after that, the signed-in account's role decides.
"""

from __future__ import annotations

import json

from tjce_desktop.cli.context import Context
from tjce_desktop.cli.credentials import secret
from tjce_desktop.cli.errors import CliError
from tjce_desktop.cli.parser import ROLES
from tjce_desktop.domain.enums import Role


def add_commands(commands) -> None:
    user = commands.add_parser("user", help="账户：add 创建 / passwd 改密码 / unlock 解锁 / list 列出")
    actions = user.add_subparsers(dest="user_action", metavar="操作")
    actions.required = True
    add = actions.add_parser("add", help="创建账户（市级管理员；数据库的第一个账户不需登录）")
    add.add_argument("username", metavar="USERNAME", help="用户名")
    add.add_argument("--role", required=True, choices=ROLES, help="角色")
    add.add_argument("--org", help="所属机构（代码或名称路径；市级管理员为“天津市”）")
    add.add_argument("--name", default="", help="显示名称")
    passwd = actions.add_parser("passwd", help="修改自己的密码，或（市级管理员）重置他人密码")
    passwd.add_argument("username", metavar="USERNAME", nargs="?", help="要重置密码的账户（不写则改自己的）")
    unlock = actions.add_parser("unlock", help="解锁因输错密码被锁定的账户")
    unlock.add_argument("username", metavar="USERNAME", help="用户名")
    listing = actions.add_parser("list", help="列出账户")
    listing.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    user.set_defaults(run=cmd_user)


def cmd_user(ctx: Context) -> int:
    from tjce_desktop.services import accounts
    from tjce_desktop.services.orgs import find_org, list_orgs
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    args = ctx.args
    database = ctx.database()
    with UnitOfWork(database) as uow:
        first = not accounts.has_accounts(uow.session)
    if args.user_action == "add" and first:
        actor = None
    else:
        actor = ctx.actor()
    try:
        with UnitOfWork(database, actor.username if actor else args.username) as uow:
            session = uow.session
            if args.user_action == "add":
                role = Role.from_label(args.role)
                root = next((o for o in list_orgs(session) if o.parent_id is None), None)
                if args.org:
                    org = find_org(session, args.org)
                elif root is None:
                    raise CliError("数据库中还没有组织机构：请先运行 tjce demo，或与中心数据库同步后再添加账户。")
                else:
                    org = root
                password = secret("TJCE_NEW_PASSWORD", f"{args.username} 的新密码：", confirm=True)
                accounts.create_account(session, actor, username=args.username, display_name=args.name,
                                        password=password, role=role, org_id=org.id)
                message = f"已创建账户 {args.username}（{role.label}，{org.full_name}）。"
            elif args.user_action == "passwd":
                assert actor is not None  # only the first account's add goes without a sign-in
                if args.username and args.username.lower() != actor.username:
                    new = secret("TJCE_NEW_PASSWORD", f"{args.username} 的新密码：", confirm=True)
                    accounts.reset_password(session, actor, args.username, new)
                    message = f"已重置 {args.username} 的密码，并解除锁定。"
                else:
                    old = secret("TJCE_PASSWORD", "原密码：")
                    accounts.change_password(session, actor, old, secret("TJCE_NEW_PASSWORD", "新密码：", confirm=True))
                    message = "密码已修改。"
            elif args.user_action == "unlock":
                assert actor is not None
                accounts.unlock(session, actor, args.username)
                message = f"已解锁 {args.username}。"
            else:
                assert actor is not None
                rows = accounts.list_accounts(session, actor)
                names = {org.path: org.full_name for org in list_orgs(session)}
                if args.json:
                    print(json.dumps([{"username": a.username, "name": a.display_name, "role": a.role.value,
                                       "org": names.get(a.org_path, a.org_path), "active": a.active,
                                       "locked_until": a.locked_until.isoformat() if a.locked_until else None}
                                      for a in rows], ensure_ascii=False, indent=1))
                else:
                    for a in rows:
                        locked = f"  已锁定至 {a.locked_until:%H:%M}" if a.locked_until else ""
                        print(f"{a.username:<16} {a.display_name:<10} {a.role.label:<6} "
                              f"{names.get(a.org_path, a.org_path)}{locked}")
                return 0
            uow.commit()
    except accounts.AccountError as exc:
        raise CliError(str(exc)) from None
    print(message)
    return 0
