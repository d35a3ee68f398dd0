"""``tjce certificate issue|list|proof``: 继续教育证书 from the command line, by the desk's services."""

from __future__ import annotations

import json

from tjce_desktop.cli.context import Context
from tjce_desktop.cli.parser import integer


def add_commands(commands) -> None:
    certificate = commands.add_parser("certificate",
                                      help="继续教育证书：issue 发证；list 列出证书；proof 出具多年度学时证明")
    actions = certificate.add_subparsers(dest="certificate_action", metavar="操作")
    actions.required = True
    issue = actions.add_parser("issue", help="为某学员发放继续教育证书（按发证机构的编号规则编号）")
    issue.add_argument("id_number", metavar="ID_NUMBER", help="身份证号")
    issue.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    listing = actions.add_parser("list", help="列出机构（含下级）学员的继续教育证书（身份证号部分隐藏）")
    listing.add_argument("--org", help="机构（代码或名称路径；默认整个管辖范围）")
    listing.add_argument("--year", type=integer, help="只列该年度已登记学时的证书")
    listing.add_argument("--issued-in", type=integer, metavar="YEAR", help="只列该年发放的证书")
    listing.add_argument("--limit", type=integer, default=100, help="列出前多少本（默认 100；--json 时为全部）")
    listing.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    proof = actions.add_parser("proof", help="出具带签名和验证码的多年度学时证明（PDF，供职称申报）")
    proof.add_argument("id_number", metavar="ID_NUMBER", help="身份证号")
    proof.add_argument("--years", type=integer, default=5, help="证明最近几个年度（默认 5）")
    proof.add_argument("--until", type=integer, metavar="YEAR", help="最后一个年度（默认去年）")
    proof.add_argument("--output", required=True, metavar="OUT.pdf", help="PDF 文件")
    proof.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    certificate.set_defaults(run=cmd_certificate)


def cmd_certificate(ctx: Context) -> int:
    action = ctx.args.certificate_action
    return {"issue": _issue, "list": _list, "proof": _proof}[action](ctx)


def _issue(ctx: Context) -> int:
    from tjce_desktop.services import certificates
    from tjce_desktop.services.certificate_desk import find_trainee
    from tjce_desktop.services.orgs import full_name_of
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    args = ctx.args
    database = ctx.database()
    actor = ctx.actor()
    with UnitOfWork(database, actor) as uow:
        trainee = find_trainee(uow.session, actor, args.id_number)
        issued = certificates.issue_certificate(uow, actor, trainee.id)
        issuer = full_name_of(uow.session, issued.issuing_org_id)
    if args.json:
        print(json.dumps({"number": issued.number, "name": trainee.real_name, "issued_on": issued.issued_on.isoformat(),
                          "issuing_org": issuer, "booklet": issued.booklet_no}, ensure_ascii=False, indent=1))
        return 0
    print(f"已为 {trainee.real_name} 发放继续教育证书 {issued.number}（发证机构：{issuer}，{issued.issued_on}）。")
    return 0


def _list(ctx: Context) -> int:
    from tjce_desktop.services.certificate_listing import list_certificates
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    args = ctx.args
    database = ctx.database()
    actor = ctx.actor()
    scope = ctx.scope(args.org)
    with UnitOfWork(database) as uow:
        rows = list_certificates(uow.session, actor, scope.path, issued_year=args.issued_in,
                                 registered_year=args.year)
    if args.json:
        print(json.dumps({"org": scope.full_name, "count": len(rows), "certificates": [
            {"number": r.number, "name": r.name, "id_number": r.id_number, "org": r.org,
             "issued_on": r.issued_on.isoformat(), "booklet": r.booklet_no, "status": r.status,
             "active": r.trainee_active, "registered_years": list(r.registered_years)} for r in rows]},
            ensure_ascii=False, indent=1))
        return 0
    print(f"{scope.full_name}：{len(rows):,} 本继续教育证书")
    print("证书编号\t姓名\t身份证号\t所属机构\t发证日期\t册\t状态\t已登记年度")
    for r in rows[:args.limit]:
        years = "、".join(str(year) for year in r.registered_years) or "—"
        state = r.status + ("" if r.trainee_active else "（学员已离职）")
        print(f"{r.number}\t{r.name}\t{r.id_number}\t{r.org}\t{r.issued_on}\t{r.booklet_no}\t{state}\t{years}")
    if len(rows) > args.limit:
        print(f"…… 只列出前 {args.limit:,} 本；用 --limit 或 --json 列出全部。")
    return 0


def _proof(ctx: Context) -> int:
    from tjce_desktop.services.certificate_desk import find_trainee
    from tjce_desktop.services.hours_proof import issue_proof
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    args = ctx.args
    database = ctx.database()
    actor = ctx.actor()
    with UnitOfWork(database) as uow:
        trainee = find_trainee(uow.session, actor, args.id_number)
    issued = issue_proof(database, actor, trainee.id, args.output, years=args.years, last_year=args.until)
    claim = issued.claim
    if args.json:
        print(json.dumps({"output": args.output, "short_code": issued.short_code, "code": issued.code,
                          "claim": claim.as_dict()}, ensure_ascii=False, indent=1))
        return 0
    print(f"已出具 {claim.name}（{claim.id_number}）{claim.period}的学时证明：{args.output}")
    for year in claim.years:
        print(f"  {year.year}：{year.describe()}")
    print(f"  验证码：{issued.short_code}（tjce verify {issued.short_code.replace('-', '')}）")
    return 0
