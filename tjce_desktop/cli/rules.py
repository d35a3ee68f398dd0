"""``tjce rules list|show YEAR|set YEAR …``: the yearly study-hour rules (学时规定).

Every account may read them; only a 市级管理员 sets one. ``set`` starts from the rule that
governs the year now, so a change names only what changes; a change that touches years with
registrations needs ``--confirm``.
"""

from __future__ import annotations

import json

from tjce_desktop.cli.context import Context
from tjce_desktop.cli.parser import integer
from tjce_desktop.domain.enums import CourseCategory
from tjce_desktop.domain.hour_policy import CATEGORIES, HourRule, share_text

_CATEGORY_OPTIONS = {CourseCategory.PUBLIC_REQUIRED: "public_required", CourseCategory.PUBLIC_ELECTIVE:
                     "public_elective", CourseCategory.PROFESSIONAL: "professional"}


def add_commands(commands) -> None:
    rules = commands.add_parser("rules", help="学时规定：列出、查看某年度的、设置（限市级管理员）")
    actions = rules.add_subparsers(dest="rules_action", metavar="操作")
    actions.required = True
    listing = actions.add_parser("list", help="列出各年度的学时规定（未设置的年度按条例：96 / 144 学时）")
    listing.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    show = actions.add_parser("show", help="查看某年度适用的学时规定")
    show.add_argument("year", metavar="YEAR", type=integer, help="年度")
    show.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    setting = actions.add_parser("set", help="设置自某年度起的学时规定（至下一条规定为止；未写的项保持现行规定）")
    setting.add_argument("year", metavar="YEAR", type=integer, help="起始年度")
    setting.add_argument("--standard", type=float, metavar="HOURS", help="一般人员的年度总学时（如 96）")
    setting.add_argument("--senior", type=float, metavar="HOURS", help="正副高级、高新技术人员的年度总学时（如 144）")
    setting.add_argument("--public-required", metavar="MIN",
                         help="公需课·必修最低：学时（24）或比例（1/4、25%%）；写 0 取消")
    setting.add_argument("--public-elective", metavar="MIN", help="公需课·选修最低：学时或比例；写 0 取消")
    setting.add_argument("--professional", metavar="MIN", help="专业课最低：学时或比例（如 2/3）；写 0 取消")
    setting.add_argument("--course", action="append", metavar="NAME",
                         help="本年度必修的公需课名称（可写多次；写一次空字符串清空）")
    setting.add_argument("--register-by", metavar="MM-DD", help="登记截止日（默认 12-31）")
    setting.add_argument("--verify-by", metavar="MM-DD", help="验证截止日，次年（默认 01-20）")
    setting.add_argument("--doc-number", metavar="文号", help="依据文件的文号")
    setting.add_argument("--doc-title", metavar="标题", help="依据文件的标题")
    setting.add_argument("--confirm", action="store_true", help="该规定涉及的年度已有证书登记时，确认修改")
    setting.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    rules.set_defaults(run=cmd_rules)


def _minimum_text(rule: HourRule, category: CourseCategory) -> str:
    minimum = rule.minimums.get(category)
    if minimum is None:
        return ""
    return share_text(minimum.share) if minimum.share is not None else f"{minimum.hours:g}"


def _document(rule: HourRule, years: range | None = None, registrations: int | None = None) -> dict:
    document = {"first_year": rule.first_year, "built_in": rule.built_in, "standard_hours": rule.standard_hours,
                "senior_hours": rule.senior_hours,
                "minimums": {category.label: _minimum_text(rule, category) for category in rule.minimums},
                "required_courses": list(rule.required_courses),
                "register_by": "%02d-%02d" % rule.register_by, "verify_by": "%02d-%02d（次年）" % rule.verify_by,
                "document_number": rule.document_number, "document_title": rule.document_title,
                "changed_at": rule.changed_at.isoformat(sep=" ", timespec="seconds") if rule.changed_at else None}
    if years is not None:
        document["years"] = [years[0], years[-1]] if len(years) else []
    if registrations is not None:
        document["registrations"] = registrations
    return document


def _print_rule(rule: HourRule, heading: str) -> None:
    print(heading)
    print(f"  总学时：一般人员 {rule.standard_hours:g}，正副高级、高新技术人员 {rule.senior_hours:g}")
    for category in CATEGORIES:
        minimum = rule.minimums.get(category)
        print(f"  {category.label}最低：{minimum.label if minimum else '不限'}")
    print(f"  必修的公需课：{'、'.join(rule.required_courses) or '未指定'}")
    print(f"  截止日期：登记 {rule.register_by[0]:02d}-{rule.register_by[1]:02d}，"
          f"验证 次年 {rule.verify_by[0]:02d}-{rule.verify_by[1]:02d}")
    print(f"  依据：{rule.source or '—'}")


def cmd_rules(ctx: Context) -> int:
    from tjce_desktop.services import hour_rules
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    args = ctx.args
    database = ctx.database()
    actor = ctx.actor()
    if args.rules_action == "list":
        with UnitOfWork(database, actor) as uow:
            entries = hour_rules.list_rules(uow.session)
        if args.json:
            print(json.dumps([_document(e.rule, e.years, e.registrations) for e in entries], ensure_ascii=False,
                             indent=1))
            return 0
        print("起始年度\t适用年度\t总学时（一般/高级）\t类别最低要求\t已登记\t依据")
        for e in entries:
            span = f"{e.years[0]}–{e.years[-1]}" if len(e.years) else "—"
            minimums = "；".join(f"{c.label}{m.label}" for c, m in e.rule.minimums.items()) or "不限"
            start = "条例" if e.rule.built_in else str(e.rule.first_year)
            print(f"{start}\t{span}\t{e.rule.standard_hours:g}/{e.rule.senior_hours:g}\t{minimums}\t"
                  f"{e.registrations}\t{e.rule.source}")
        return 0
    if args.rules_action == "show":
        with UnitOfWork(database, actor) as uow:
            rule = hour_rules.rule_for(uow.session, args.year)
        if args.json:
            print(json.dumps({"year": args.year, **_document(rule)}, ensure_ascii=False, indent=1))
            return 0
        origin = "条例（未另行规定）" if rule.built_in else f"自 {rule.first_year} 年起的规定"
        _print_rule(rule, f"{args.year} 年度的学时规定：{origin}")
        return 0
    with UnitOfWork(database, actor) as uow:
        current = hour_rules.rule_for(uow.session, args.year)
        form = hour_rules.RuleForm(
            args.year, args.standard if args.standard is not None else current.standard_hours,
            args.senior if args.senior is not None else current.senior_hours,
            {category: (getattr(args, option) if getattr(args, option) is not None
                        else _minimum_text(current, category)) for category, option in _CATEGORY_OPTIONS.items()},
            [c for c in args.course if c.strip()] if args.course is not None else list(current.required_courses),
            args.doc_number if args.doc_number is not None else current.document_number,
            args.doc_title if args.doc_title is not None else current.document_title,
            args.register_by or "%02d-%02d" % current.register_by, args.verify_by or "%02d-%02d" % current.verify_by)
        change = hour_rules.set_rule(uow, actor, form, confirm=args.confirm)
    if args.json:
        print(json.dumps({**_document(change.rule, change.years, change.registrations), "changes": change.changes,
                          "requirements_updated": change.requirements_updated}, ensure_ascii=False, indent=1,
                         default=str))
        return 0
    if not change.changes:
        print(f"{args.year} 年起的学时规定没有变化。")
        return 0
    span = f"{change.years[0]}–{change.years[-1]}" if len(change.years) else str(args.year)
    _print_rule(change.rule, f"已设置自 {args.year} 年起的学时规定（适用于 {span} 年度）：")
    print(f"  重新计算了 {change.requirements_updated} 条年度学时要求。")
    if change.registrations:
        print(f"  注意：这些年度已有 {change.registrations} 条证书登记，其年度卡片将注明“登记后学时规定已变更”。")
    return 0
