"""Backups on the command line: ``backup`` and ``restore``."""

from __future__ import annotations

import sys
from pathlib import Path

from tjce_desktop.cli.context import Context
from tjce_desktop.cli.parser import positive_int


def add_commands(commands) -> None:
    backup = commands.add_parser("backup", help="备份数据库（SQLite 在线备份，检查后保留最近几份）")
    backup.add_argument("folder", metavar="FOLDER", nargs="?", help="备份文件夹（默认：数据库旁的 backups）")
    backup.add_argument("--keep", type=positive_int, default=7, help="保留最近几份（默认 7）")
    backup.set_defaults(run=cmd_backup)

    restore = commands.add_parser("restore", help="从备份恢复（先检查备份；当前数据库另存一份）")
    restore.add_argument("file", metavar="FILE", help="备份文件")
    restore.set_defaults(run=cmd_restore)


def cmd_backup(ctx: Context) -> int:
    from tjce_desktop.services.backups import take_backup

    database = ctx.database()
    info = take_backup(database, ctx.actor(), Path(ctx.args.folder) if ctx.args.folder else None,
                       keep=ctx.args.keep)
    ctx.close()
    print(f"已备份到 {info.path}（{info.size_bytes / 1_048_576:,.1f} MB，已通过完整性检查，含签名的审计日志检查点）")
    return 0


def cmd_restore(ctx: Context) -> int:
    """Signs in against the current database (a 市级管理员 when it has accounts); the restored
    one keeps the current lockouts and records the restore in its audit log."""
    from tjce_desktop.services.actor import LOCAL_ADMIN
    from tjce_desktop.services.restore import restore
    from tjce_desktop.storage.database import DatabaseError, default_database_path, open_database

    args = ctx.args
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
            actor = ctx.actor(current)
        result = restore(current, target, Path(args.file), actor, remark=remark)
    finally:
        if current is not None:
            current.dispose()
    kept = f"；保留了 {result.lockouts_kept} 个账户的登录失败次数和锁定" if result.lockouts_kept else ""
    print(f"已从 {args.file} 恢复到 {target}；恢复前的数据库另存为 {result.aside}{kept}")
    return 0
