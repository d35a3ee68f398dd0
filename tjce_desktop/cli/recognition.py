"""学时认定 on the command line: ``tjce recognise rules|add|list|approve|reject``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from tjce_desktop.cli.context import Context
from tjce_desktop.cli.parser import integer, number
from tjce_desktop.domain.enums import CourseCategory
from tjce_desktop.domain.recognition import RecognitionStatus

CATEGORIES = CourseCategory.labels()
STATUSES = RecognitionStatus.labels()


def add_commands(commands) -> None:
    recognise = commands.add_parser(
        "recognise", help="学时认定：rules 折算标准 / add 登记 / list 列出 / approve 审核通过 / reject 驳回")
    actions = recognise.add_subparsers(dest="recognise_action", metavar="操作")
    actions.required = True

    rules = actions.add_parser("rules", help="查看学时认定折算标准；市级管理员可用 --set 修改某一种类")
    rules.add_argument("--set", metavar="KIND", help="要修改的认定种类（如 paper_core_first）")
    rules.add_argument("--hours-per-unit", type=number, help="每单位折算学时")
    rules.add_argument("--cap", type=number, help="每人每年该种类最多认定的学时")
    rules.add_argument("--evidence", help="所需证明材料")
    rules.add_argument("--category", choices=CATEGORIES, help="计入的课程类别")
    rules.add_argument("--name", help="种类名称")
    state = rules.add_mutually_exclusive_group()
    state.add_argument("--disable", action="store_true", help="停用该种类（不能再登记）")
    state.add_argument("--enable", action="store_true", help="重新启用该种类")
    rules.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    rules.set_defaults(run=cmd_rules)

    add = actions.add_parser("add", help="为某学员登记一项学时认定（待审核，须由另一账户审核后才计入）")
    add.add_argument("id_number", metavar="ID_NUMBER", help="身份证号")
    add.add_argument("--kind", required=True, help="认定种类（见 tjce recognise rules）")
    add.add_argument("--quantity", type=number, required=True, help="数量（篇、学分、万字、项……按种类的单位）")
    add.add_argument("--year", type=integer, default=None, help="计入的年度（默认今年）")
    add.add_argument("--evidence", required=True, help="已查验的证明材料")
    add.add_argument("--title", default="", help="内容（论文题目、课程名称、专利名称……）")
    add.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    add.set_defaults(run=cmd_add)

    listing = actions.add_parser("list", help="列出管辖范围内的学时认定（默认全部状态）")
    listing.add_argument("--org", help="机构（代码或名称路径；默认整个管辖范围）")
    listing.add_argument("--status", choices=STATUSES, help="状态")
    listing.add_argument("--year", type=integer, help="年度")
    listing.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    listing.set_defaults(run=cmd_list)

    approve = actions.add_parser("approve", help="审核通过一项学时认定（不能审核自己登记的）")
    approve.add_argument("entry", metavar="ENTRY", help="认定编号（tjce recognise list 所列的前 8 位即可）")
    approve.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    approve.set_defaults(run=cmd_approve)

    reject = actions.add_parser("reject", help="驳回一项学时认定（须写明原因）")
    reject.add_argument("entry", metavar="ENTRY", help="认定编号（tjce recognise list 所列的前 8 位即可）")
    reject.add_argument("--reason", required=True, help="驳回原因（记入审计日志）")
    reject.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    reject.set_defaults(run=cmd_reject)


def _document(value) -> dict:
    return {key: (item.hex if hasattr(item, "hex") and not isinstance(item, float) else
                  item.isoformat(sep=" ", timespec="seconds") if isinstance(item, dt.datetime) else item)
            for key, item in dataclasses.asdict(value).items()}


def _print_entry(entry, verb: str, code: str) -> None:
    print(f"{verb} {entry.trainee_name}（{entry.id_number}）{entry.year} 年度学时认定 {code}："
          f"{entry.kind_name} {entry.quantity:g} {entry.unit}，{entry.category} {entry.hours:g} 学时 — "
          f"{entry.status_label}")
    if entry.note:
        print(f"  注：{entry.note}")


def cmd_rules(ctx: Context) -> int:
    from tjce_desktop.services import recognition as rec
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    args = ctx.args
    database = ctx.database()
    changing = any(value is not None for value in (args.hours_per_unit, args.cap, args.evidence, args.category,
                                                   args.name)) or args.disable or args.enable
    if changing and not args.set:
        raise rec.RecognitionError("修改折算标准须用 --set 指明种类。")
    if args.set:
        actor = ctx.actor()
        change = rec.RuleChange(args.hours_per_unit, args.cap, args.evidence,
                                CourseCategory.from_label(args.category) if args.category else None, args.name,
                                False if args.disable else True if args.enable else None)
        with UnitOfWork(database, actor) as uow:
            row = rec.set_rule(uow, actor, args.set, change)
        if not args.json:
            print(f"已修改“{row.name}”：每{row.unit} {row.hours_per_unit:g} 学时，每年最多 {row.yearly_cap:g} 学时，"
                  f"计入{row.category}。")
            return 0
    with database.session_factory() as session:
        rows = rec.list_rules(session)
    if args.json:
        print(json.dumps([_document(row) for row in rows], ensure_ascii=False, indent=1))
        return 0
    print("种类\t类别\t名称\t每单位学时\t年度上限\t计入\t所需证明材料\t状态")
    for row in rows:
        state = ("默认" if row.is_default else "已修改") + ("" if row.active else "，已停用")
        print(f"{row.kind}\t{row.group}\t{row.name}\t{row.hours_per_unit:g}/{row.unit}\t{row.yearly_cap:g}\t"
              f"{row.category}\t{row.evidence}\t{state}")
    return 0


def cmd_add(ctx: Context) -> int:
    from tjce_desktop.services import recognition as rec
    from tjce_desktop.services.certificate_desk import find_trainee
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    args = ctx.args
    database = ctx.database()
    actor = ctx.actor()
    year = args.year or dt.date.today().year
    with UnitOfWork(database, actor) as uow:
        trainee = find_trainee(uow.session, actor, args.id_number)
        entry = rec.add_entry(uow, actor, trainee.id, rec.RecognitionEntry(args.kind, args.quantity, year,
                                                                           args.evidence, args.title))
    with database.session_factory() as session:
        code = rec.short_codes(session, actor, [entry.id])[entry.id]
    if args.json:
        print(json.dumps(_document(entry), ensure_ascii=False, indent=1))
        return 0
    _print_entry(entry, "已登记", code)
    print("  须由另一账户审核通过后才计入学时：tjce recognise approve " + code)
    return 0


def cmd_list(ctx: Context) -> int:
    from tjce_desktop.services import recognition as rec

    args = ctx.args
    database = ctx.database()
    actor = ctx.actor()
    org = ctx.scope(args.org)
    status = RecognitionStatus.from_label(args.status) if args.status else None
    with database.session_factory() as session:
        rows = rec.list_entries(session, actor.scope(org.path), status=status, year=args.year)
        codes = rec.short_codes(session, actor, [row.id for row in rows])
    if args.json:
        print(json.dumps([_document(row) | {"status_label": row.status_label} for row in rows],
                         ensure_ascii=False, indent=1))
        return 0
    print("编号\t姓名\t身份证号\t年度\t种类\t数量\t学时\t状态\t登记人\t审核人")
    for row in rows:
        print(f"{codes[row.id]}\t{row.trainee_name}\t{row.id_number}\t{row.year}\t{row.kind_name}\t"
              f"{row.quantity:g} {row.unit}\t{row.hours:g}\t{row.status_label}\t{row.recorded_by}\t"
              f"{row.decided_by or ''}")
    print(f"共 {len(rows)} 项。")
    return 0


def _decide(ctx: Context, reason: str | None) -> int:
    from tjce_desktop.services import recognition as rec
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    args = ctx.args
    database = ctx.database()
    actor = ctx.actor()
    with UnitOfWork(database, actor) as uow:
        entry_id = rec.find_entry(uow.session, actor, args.entry)
        entry = rec.approve(uow, actor, entry_id) if reason is None else rec.reject(uow, actor, entry_id, reason)
    if args.json:
        print(json.dumps(_document(entry), ensure_ascii=False, indent=1))
        return 0
    _print_entry(entry, "已审核通过" if reason is None else "已驳回", args.entry.strip())
    return 0


def cmd_approve(ctx: Context) -> int:
    return _decide(ctx, None)


def cmd_reject(ctx: Context) -> int:
    return _decide(ctx, ctx.args.reason)
