"""证书登记 on the command line: ``hours``, ``register``, ``verify-year``, ``numbering``, ``compliance``."""

from __future__ import annotations

import datetime as dt
import json

from tjce_desktop.cli.context import Context
from tjce_desktop.cli.errors import CliError
from tjce_desktop.cli.parser import integer


def add_commands(commands) -> None:
    hours = commands.add_parser("hours", help="某学员某年度的学时（按课程类别）与年度学时要求")
    hours.add_argument("id_number", metavar="ID_NUMBER", help="身份证号")
    hours.add_argument("--year", type=integer, default=None, help="年度（默认今年）")
    hours.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    hours.set_defaults(run=cmd_hours)

    register = commands.add_parser("register",
                                   help="把某学员某年度的学时登记到继续教育证书（未达标需 --exception 原因）；"
                                        "或用 --org … --all-met 为一个单位的全部达标学员登记")
    register.add_argument("id_number", metavar="ID_NUMBER", nargs="?", help="身份证号（批量登记时不填）")
    register.add_argument("--year", type=integer, required=True, help="年度")
    register.add_argument("--exception", metavar="REASON", help="未达到学时要求时的例外登记原因（记入审计日志）")
    register.add_argument("--issue", action="store_true", help="没有证书时先发证（批量登记时：为未发证的达标学员发证）")
    register.add_argument("--org", help="批量登记：机构（代码或名称路径，含下级；默认整个管辖范围）")
    register.add_argument("--all-met", action="store_true",
                          help="批量登记该机构全部在职、达到年度要求、尚未登记的学员（未达标、未发证的列出原因）")
    register.add_argument("--list-xlsx", metavar="OUT.xlsx", help="批量登记后保存登记名单（.xlsx）")
    register.add_argument("--list-pdf", metavar="OUT.pdf", help="批量登记后保存登记名单（PDF，可打印）")
    register.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    register.set_defaults(run=cmd_register)

    verify = commands.add_parser("verify-year", help="验证某年度已登记、尚未验证的证书（区、委办局或市级账户）")
    verify.add_argument("--org", help="机构（代码或名称路径；默认整个管辖范围）")
    verify.add_argument("--year", type=integer, required=True, help="年度")
    verify.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    verify.set_defaults(run=cmd_verify_year)

    numbering = commands.add_parser("numbering", help="证书编号规则：某发证机构的编号格式（市级管理员）")
    numbering.add_argument("--org", required=True, help="发证机构（区或委办局，代码或名称路径）")
    numbering.add_argument("--pattern", required=True,
                           help="如 JX{org_code}{year}{seq:06d}：{org_code} 机构代码，{year} 发证年份，{seq} 顺序号")
    numbering.set_defaults(run=cmd_numbering)

    compliance = commands.add_parser("compliance", help="合规看板：达标、未达标、差额、已登记、已验证，以及剩余天数")
    compliance.add_argument("--org", help="机构（代码或名称路径；默认整个管辖范围）")
    compliance.add_argument("--year", type=integer, required=True, help="年度")
    compliance.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    compliance.add_argument("--xlsx", metavar="OUT", help="导出催办名单（未达标人员及每类学时的差额）")
    compliance.set_defaults(run=cmd_compliance)


def _error(exc) -> CliError:
    return CliError(str(exc))


def cmd_hours(ctx: Context) -> int:
    from tjce_desktop.services.year_hours import year_hours

    args = ctx.args
    database = ctx.database()
    actor = ctx.actor()
    year = args.year or dt.date.today().year
    with database.engine.connect() as connection:
        result = year_hours(connection, actor, args.id_number, year)
    if args.json:
        print(json.dumps({"id_number": result.id_number_masked, "real_name": result.real_name, "year": result.year,
                          "hours_by_category": result.hours_by_category, "total": result.total,
                          "required": result.required, "met": result.met, "gap": result.gap,
                          "title_level": result.title_level, "high_tech": result.high_tech,
                          "other_learning": result.other_hours, "registered": result.registered,
                          "verified": result.verified, "rule": result.rule_source, "rule_summary": result.rule_summary,
                          "category_minimums": result.category_minimums, "category_gaps": result.category_gaps,
                          "required_courses": result.required_courses, "notes": result.notes,
                          "sources": [{"source": s.source, "detail": s.detail, "category": s.category,
                                       "hours": s.hours, "status": s.status, "counts": s.counts}
                                      for s in result.sources]},
                         ensure_ascii=False, indent=1))
        return 0
    print(f"{result.real_name}（{result.id_number_masked}） {result.year} 年度学时")
    for label, value in result.hours_by_category.items():
        minimum = result.category_minimums.get(label)
        short = result.category_gaps.get(label)
        rule = f"（最低 {minimum:g}{'，还差 %g' % short if short else ''}）" if minimum is not None else ""
        print(f"  {label}：{value:g}{rule}")
    shortfalls = [f"总学时还差 {result.gap:g}"] if result.gap else []
    shortfalls += [f"{label}差 {gap:g}" for label, gap in result.category_gaps.items() if gap]
    verdict = "已达到" if result.met else f"未达到（{'；'.join(shortfalls)}）"
    basis = "正高/副高职称或高新技术人员" if result.high_tech or "高级" in result.title_level else "一般要求"
    if result.other_hours:
        print(f"  其中其他形式学习：{result.other_hours:g}")
    print(f"  合计：{result.total:g} / 要求 {result.required:g}（{basis}，年末职称：{result.title_level}）— {verdict}")
    print(f"  学时规定：{result.rule_summary}（依据：{result.rule_source}）")
    if result.required_courses:
        print(f"  本年度必修的公需课：{'、'.join(result.required_courses)}")
    print(f"  证书登记：{'已验证' if result.verified else '已登记' if result.registered else '未登记'}")
    if result.sources:
        print("  学时来源：")
        for source in result.sources:
            print(f"    {source.line()}")
    for note in result.notes:
        print(f"  注：{note}")
    return 0


def cmd_register(ctx: Context) -> int:
    from tjce_desktop.services import certificates
    from tjce_desktop.services.certificate_desk import DeskError, find_trainee, year_card
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    args = ctx.args
    if args.all_met:
        return _register_batch(ctx)
    if not args.id_number:
        raise CliError("请给出身份证号；为一个单位的全部达标学员登记请用 --org … --all-met。")
    if args.org or args.list_xlsx or args.list_pdf:
        raise CliError("--org、--list-xlsx、--list-pdf 只用于批量登记（--all-met）。")
    database = ctx.database()
    actor = ctx.actor()
    with UnitOfWork(database, actor) as uow:
        try:
            trainee = find_trainee(uow.session, actor, args.id_number)
            card = year_card(uow.session, actor, trainee.id, args.year)
            if card.certificate_id is None and args.issue:
                certificates.issue_certificate(uow.session, actor, trainee.id)
            registration = certificates.register_year(uow.session, actor, trainee.id, args.year,
                                                      exception_reason=args.exception)
            card = year_card(uow.session, actor, trainee.id, args.year)
        except DeskError as exc:
            raise _error(exc) from None
        uow.commit()
    document = {"name": card.name, "id_number": card.id_number, "year": card.year,
                "certificate": card.certificate_number, "hours": card.hours, "other_learning": card.other_hours,
                "total": card.total, "required": card.required, "met": card.met,
                "exception": registration.exception_reason}
    if args.json:
        print(json.dumps(document, ensure_ascii=False, indent=1))
        return 0
    note = f"（例外登记：{registration.exception_reason}）" if registration.exception_reason else ""
    print(f"已登记 {card.name}（{card.id_number}）{card.year} 年度：{card.total:g} / {card.required:g} 学时，"
          f"证书 {card.certificate_number}{note}")
    return 0


def _register_batch(ctx: Context) -> int:
    from tjce_desktop.exchange.output_files import check_output
    from tjce_desktop.services.batch_registration import Outcome, register_met, save_batch_list
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    args = ctx.args
    if args.id_number or args.exception:
        raise CliError("批量登记（--all-met）不接受身份证号和 --exception：例外登记请逐人进行。")
    for path, formats in ((args.list_xlsx, ("xlsx",)), (args.list_pdf, ("pdf",))):
        if path:  # a list that cannot be written is said before anybody is registered
            check_output(path, formats)
    database = ctx.database()
    actor = ctx.actor()
    scope = ctx.scope(args.org)
    with UnitOfWork(database, actor) as uow:
        outcome = register_met(uow, actor, scope.id, args.year, issue_missing=args.issue)
    saved = [str(save_batch_list(database, actor, outcome, path)) for path in (args.list_xlsx, args.list_pdf) if path]
    if args.json:
        print(json.dumps({"batch": outcome.batch_id.hex, "org": outcome.org, "year": outcome.year,
                          "counts": outcome.counts(), "lists": saved,
                          "trainees": [{"name": line.name, "id_number": line.id_number, "org": line.org,
                                        "certificate": line.certificate, "total": line.total,
                                        "required": line.required, "outcome": line.outcome.value,
                                        "reason": line.reason} for line in outcome.lines]},
                         ensure_ascii=False, indent=1))
        return 0
    print(f"{outcome.org} {outcome.year} 年度批量登记（批次 {outcome.batch_id.hex}）：")
    for kind in Outcome:
        print(f"  {kind.label}：{outcome.count(kind):,} 人")
    for line in outcome.lines:
        if line.outcome not in (Outcome.REGISTERED, Outcome.ALREADY):
            print(f"  {line.outcome.label}\t{line.name}（{line.id_number}）\t{line.org}\t{line.reason}")
    for path in saved:
        print(f"登记名单已保存：{path}")
    return 0


def cmd_verify_year(ctx: Context) -> int:
    from tjce_desktop.services import certificates
    from tjce_desktop.services.certificate_desk import DeskError
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    args = ctx.args
    database = ctx.database()
    actor = ctx.actor()
    scope = ctx.scope(args.org)
    with UnitOfWork(database, actor) as uow:
        pending = [registration for registration in certificates.pending_registrations(uow.session, actor, args.year)]
        pending = [r for r in pending if _in(uow.session, r, scope.path)]
        try:
            count = certificates.verify_registrations(uow.session, actor, pending)
        except DeskError as exc:
            raise _error(exc) from None
        uow.commit()
    if args.json:
        print(json.dumps({"org": scope.full_name, "year": args.year, "verified": count}, ensure_ascii=False))
        return 0
    print(f"已验证 {scope.full_name} {args.year} 年度的 {count:,} 份登记。")
    return 0


def _in(session, registration_id, path: str) -> bool:
    from tjce_desktop.storage.models import CertificateRegistration, Trainee

    registration = session.get(CertificateRegistration, registration_id)
    return session.get(Trainee, registration.trainee_id).org_path.startswith(path)


def cmd_compliance(ctx: Context) -> int:
    from tjce_desktop.services.compliance import compliance_overview, deadline_phrase, export_shortfall

    args = ctx.args
    database = ctx.database()
    actor = ctx.actor()
    scope = ctx.scope(args.org)
    checked = actor.scope(scope.path)
    try:
        with database.engine.connect() as connection:
            report = compliance_overview(connection, checked, scope.full_name, args.year)
        if args.xlsx:
            count = export_shortfall(database, actor, args.xlsx, scope_path=scope.path, scope_name=scope.full_name,
                                     year=args.year)
    except ValueError as exc:
        raise _error(exc) from None
    rows = [*report.rows, report.total]
    if args.json:
        print(json.dumps({"org": scope.full_name, "year": args.year, "days_to_register": report.days_to_register,
                          "days_to_verify": report.days_to_verify,
                          "rows": [{"name": r.name, "trainees": r.trainees, "met": r.met, "short": r.short,
                                    "gap_hours": r.gap_hours, "registered": r.registered, "verified": r.verified}
                                   for r in rows]}, ensure_ascii=False, indent=1))
        return 0
    deadlines = (deadline_phrase(report.days_to_register, "登记", report.register_by),
                 deadline_phrase(report.days_to_verify, "验证", report.verify_by))
    print(f"{scope.full_name} {args.year} 年度合规情况：{'，'.join(deadlines)}")
    print("机构\t在职人数\t达标\t未达标\t差额学时\t已登记\t已验证")
    for r in rows:
        print(f"{r.name}\t{r.trainees}\t{r.met}\t{r.short}\t{r.gap_hours:g}\t{r.registered}\t{r.verified}")
    if args.xlsx:
        print(f"催办名单已导出：{args.xlsx}（{count:,} 人）")
    return 0


def cmd_numbering(ctx: Context) -> int:
    from tjce_desktop.services import certificates
    from tjce_desktop.services.certificate_desk import DeskError
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    args = ctx.args
    database = ctx.database()
    actor = ctx.actor()
    org = ctx.scope(args.org)
    with UnitOfWork(database, actor) as uow:
        try:
            certificates.set_numbering(uow.session, actor, org.id, args.pattern)
        except DeskError as exc:
            raise _error(exc) from None
        uow.commit()
    sample = args.pattern.format(org_code=org.code, year=dt.date.today().year, seq=1)
    print(f"{org.full_name} 的证书编号规则已设为 {args.pattern}（下一本如 {sample}）。")
    return 0
