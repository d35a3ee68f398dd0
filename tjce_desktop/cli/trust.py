"""``tjce trust status|keys|certify|revoke``: the issuer chain of printed sheets.

``status`` is this desk's view (its key, whether and for what it is certified, the pinned
root). The others are the city administrator's, run with the central database's owner URL
and the root key file (passphrase from ``TJCE_ROOT_PASSPHRASE`` or a prompt).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from tjce_desktop.cli.context import Context
from tjce_desktop.cli.credentials import secret
from tjce_desktop.cli.parser import date

ROOT_PASSPHRASE = "TJCE_ROOT_PASSPHRASE"
DEFAULT_YEARS = 2


def add_commands(commands) -> None:
    trust = commands.add_parser("trust",
                                help="档案签发：status 本机密钥；keys/certify/revoke 市级管理员认证或吊销工作站的密钥")
    actions = trust.add_subparsers(dest="trust_action", metavar="操作")
    actions.required = True
    status = actions.add_parser("status", help="本机的签发密钥编号、认证范围和有效期，以及所信任的根密钥")
    status.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    keys = actions.add_parser("keys", help="中心数据库中登记的签发密钥及其认证状态")
    keys.add_argument("--url", required=True, help="中心数据库所有者的连接地址")
    keys.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    certify = actions.add_parser("certify", help="用城市根密钥认证一个工作站的签发密钥（限定机构范围和有效期）")
    certify.add_argument("--url", required=True, help="中心数据库所有者的连接地址")
    certify.add_argument("--root-key", required=True, metavar="FILE", help="城市根密钥文件")
    certify.add_argument("--key", required=True, metavar="KEY_ID",
                         help="工作站的签发密钥编号（tjce trust status 显示）")
    certify.add_argument("--org", required=True, help="允许签发的机构范围（代码或名称路径）")
    certify.add_argument("--from", dest="valid_from", type=date, help="起始日期（默认今天）")
    certify.add_argument("--until", type=date, help=f"截止日期（默认 {DEFAULT_YEARS} 年后）")
    revoke = actions.add_parser("revoke", help="吊销一个签发密钥（例如工作站丢失）")
    revoke.add_argument("--url", required=True, help="中心数据库所有者的连接地址")
    revoke.add_argument("--root-key", required=True, metavar="FILE", help="城市根密钥文件")
    revoke.add_argument("--key", required=True, metavar="KEY_ID", help="要吊销的签发密钥编号")
    revoke.add_argument("--reason", required=True, help="吊销原因（验证时显示）")
    trust.set_defaults(run=cmd_trust)


def root_passphrase(*, confirm: bool = False) -> str:
    return secret(ROOT_PASSPHRASE, "城市根密钥的口令：", confirm=confirm)


def cmd_trust(ctx: Context) -> int:
    """A ``CentralError`` (a UserError) is told as it is, like every other (``cli/main.py``)."""
    from tjce_desktop.services import city_root

    args = ctx.args
    if args.trust_action == "status":
        return _status(ctx)
    if args.trust_action == "keys":
        found = city_root.list_keys(args.url)
        if args.json:
            print(json.dumps([{"key_id": k.key_id, "label": k.label, "registered_by": k.registered_by,
                               "registered_at": k.registered_at.isoformat(timespec="seconds"),
                               "certified": k.certified, "revoked": k.revoked} for k in found],
                             ensure_ascii=False, indent=1))
            return 0
        if not found:
            print("中心数据库中还没有登记的签发密钥（工作站第一次打印档案并同步后出现）。")
        for k in found:
            state = f"已吊销（{k.revoked}）" if k.revoked else (k.certified or "未认证")
            print(f"{k.key_id}  {k.label}  登记：{k.registered_by} {k.registered_at:%Y-%m-%d}  {state}")
        return 0
    root_key = city_root.load_root_key(Path(args.root_key), root_passphrase())
    if args.trust_action == "certify":
        valid_from = args.valid_from or dt.date.today()
        valid_until = args.until or valid_from.replace(year=valid_from.year + DEFAULT_YEARS)
        certificate = city_root.certify(args.url, root_key, key_id=args.key, org_reference=args.org,
                                        valid_from=valid_from, valid_until=valid_until)
        print(f"已认证：{certificate.describe()}。工作站同步后即可打印带签名的档案。")
        return 0
    city_root.revoke(args.url, root_key, key_id=args.key, reason=args.reason)
    print(f"已吊销签发密钥 {args.key}；各工作站同步后，它签发的档案验证不再通过。")
    return 0


def _status(ctx: Context) -> int:
    from tjce_desktop.services.city_root import fingerprint
    from tjce_desktop.services.sheet_signing import SigningUnavailable, installation_signer, printing_signer
    from tjce_desktop.storage import trust_store
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    database = ctx.database()
    actor = ctx.actor()
    with UnitOfWork(database, actor) as uow:
        signer = installation_signer(uow.session, actor.username)
        uow.commit()  # a key made now is registered, so that the city can certify it
        connection = uow.session.connection()
        bound = trust_store.is_bound(connection)
        root = trust_store.pin_root(connection) if bound else None
        try:
            certificate, refusal = printing_signer(uow.session, actor.username).certificate, ""
        except SigningUnavailable as exc:
            certificate, refusal = None, str(exc)
        uow.commit()
    document = {"key_id": signer.key_id, "bound": bound,
                "root": fingerprint(root) if root else None,
                "certificate": certificate.describe() if certificate else None, "refusal": refusal or None}
    if ctx.args.json:
        print(json.dumps(document, ensure_ascii=False, indent=1))
        return 0
    print(f"本机签发密钥：{signer.key_id}")
    if root is not None:
        print(f"信任的城市根密钥：指纹 {fingerprint(root)}（请与市级中心公布的指纹核对）")
    print(f"认证：{certificate.describe()}" if certificate else refusal)
    return 0
