"""The audit log on the command line: ``audit`` lists or exports it, ``audit verify`` checks it."""

from __future__ import annotations

import json

from tjce_desktop.cli.context import Context
from tjce_desktop.cli.errors import CliError
from tjce_desktop.cli.parser import positive_int
from tjce_desktop.domain.enums import Role


def add_commands(commands) -> None:
    audit = commands.add_parser("audit", help="审计日志；audit verify 检查日志是否被改动")
    audit.add_argument("action", metavar="verify", nargs="?", choices=["verify"], help="检查哈希链与锚点")
    audit.add_argument("--limit", type=positive_int, default=50, help="显示最近多少条（默认 50）")
    audit.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    audit.add_argument("--offline", action="store_true", help="verify 时不连接中心数据库")
    audit.add_argument("--xlsx", metavar="OUT", help="把全部审计日志导出为 .xlsx（导出本身记入日志）")
    audit.set_defaults(run=cmd_audit)


def cmd_audit(ctx: Context) -> int:
    from sqlalchemy import select

    from tjce_desktop.storage.models import AuditLog
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    args = ctx.args
    database = ctx.database()
    actor = ctx.actor()
    actor.require_role(Role.CITY_ADMIN, Role.AUDITOR, doing="查看审计日志")
    if args.action == "verify":
        return _verify(ctx)
    if args.xlsx:
        from tjce_desktop.services.audit_log import export_log

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


def _verify(ctx: Context) -> int:
    """The chain, held against the anchors: backups' checkpoints, and the central database's
    (when this desk is bound to one and it can be reached; ``--offline`` skips it)."""
    from tjce_desktop.services.audit_integrity import check, local_anchors
    from tjce_desktop.storage.unit_of_work import UnitOfWork
    from tjce_desktop.sync.audit_anchor import central_anchors
    from tjce_desktop.sync.central import friendly_error

    database = ctx.database()
    anchors, notes = local_anchors(database)
    if ctx.bound_login() is None:
        notes.append("本机没有绑定中心数据库：只核对了备份中的检查点。")
    elif ctx.args.offline:
        notes.append("未联网核对（--offline）：只核对了备份中的检查点和本机保存的最近一次中心锚点。")
    else:
        try:
            engine, _username = ctx.central()
            try:
                found, others = central_anchors(database, engine)
                anchors += found
                notes += others
            finally:
                engine.dispose()
        except Exception as exc:  # noqa: BLE001 — offline is a note, not a failure
            notes.append(f"未能核对中心数据库的锚点（{friendly_error(exc)}）：只核对了本机能看到的锚点。")
    with UnitOfWork(database) as uow:
        report = check(uow.session, anchors, notes)
    if ctx.args.json:
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
