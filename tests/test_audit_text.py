"""The audit log reads for people (#16): every action the code records has a Chinese name, every
outcome a Chinese word, and an entry's detail is key/value text with names — no JSON, no ids,
no temporary file paths."""

from __future__ import annotations

import ast
import re
import uuid
from pathlib import Path

from tjce_desktop.domain.enums import Gender, PostType, StampStatus, TitleLevel
from tjce_desktop.services import audit
from tjce_desktop.services.actor import LOCAL_ADMIN
from tjce_desktop.services.audit_log import read_log
from tjce_desktop.services.audit_text import ACTION_LABELS, OUTCOME_LABELS
from tjce_desktop.services.orgs import list_orgs
from tjce_desktop.storage.unit_of_work import UnitOfWork

PACKAGE = Path(__file__).resolve().parents[1] / "tjce_desktop"
AUDIT_CALLS = {"record", "record_event", "_record", "audited_write", "save_copy"}  # action is the third argument
ACTION_CODE = re.compile(r"[a-z]+\.[a-z_]+")
HEX_ID = re.compile(r"[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)


def _constants(node: ast.AST | None) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _constants(node.body) | _constants(node.orelse)
    return set()


def _emitted(keyword: str, position: int) -> dict[str, str]:
    """Every constant the code base passes to the audit functions as ``keyword`` (or at
    ``position``), with names resolved through the module's assignments and parameters' defaults."""
    found: dict[str, str] = {}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assigned: dict[str, set[str]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        assigned.setdefault(target.id, set()).update(_constants(node.value))
            elif isinstance(node, ast.FunctionDef):
                arguments = node.args.args[-len(node.args.defaults):] if node.args.defaults else []
                for argument, default in [*zip(arguments, node.args.defaults),
                                          *zip(node.args.kwonlyargs, node.args.kw_defaults)]:
                    if argument.arg == keyword:
                        assigned.setdefault(keyword, set()).update(_constants(default))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            # Any call's keyword (a helper passing it on, e.g. _settle(action=…)); argparse's
            # action="store_true" is left out by the shape of an action code below.
            values = [k.value for k in node.keywords if k.arg == keyword]
            if name in AUDIT_CALLS and keyword == "action" and len(node.args) > position:
                values.append(node.args[position])
            for value in values:
                names = assigned.get(value.id, set()) if isinstance(value, ast.Name) else _constants(value)
                for constant in names:
                    if keyword != "action" or ACTION_CODE.fullmatch(constant):
                        found[constant] = str(path.relative_to(PACKAGE))
    return found


def test_every_action_the_code_records_has_a_chinese_name():
    actions = _emitted("action", 2)
    # The scan finds the ones passed through variables and defaults too.
    assert {"report.print", "auth.unlock_screen", "archive.preview", "archive.print", "trainee.leave",
            "trainee.reinstate", "certificate.save_copy", "settings.change"} <= set(actions)
    assert len(actions) >= 45
    missing = {action: where for action, where in actions.items() if action not in ACTION_LABELS}
    assert missing == {}
    assert all(re.search(r"[\u4e00-\u9fff]", label) for label in ACTION_LABELS.values())


def test_every_outcome_reads_in_chinese():
    outcomes = _emitted("outcome", 99) | {"ok": "default"}
    assert {"failed", "locked", "exception"} <= set(outcomes)
    assert set(outcomes) <= set(OUTCOME_LABELS)
    assert not [label for label in OUTCOME_LABELS.values() if re.search(r"[A-Za-z]", label)]


def test_details_are_chinese_text_with_names(demo_database, tmp_path):
    db = demo_database
    with db.engine.connect() as c:
        trainees = c.exec_driver_sql("SELECT id, real_name, username FROM trainee LIMIT 7").all()
    with UnitOfWork(db, LOCAL_ADMIN) as uow:
        orgs = {org.path: org for org in list_orgs(uow.session)}
        heping = orgs["/120000/120101/"]
        first = trainees[0]
        ids = [str(uuid.UUID(hex=t.id)) for t in trainees]
        audit.record(uow.session, "admin", "trainee.update", f"trainee:{uuid.UUID(hex=first.id)}",
                     {"real_name": {"old": "王五", "new": first.real_name},
                      "org_id": {"old": str(heping.id), "new": None}})
        audit.record(uow.session, "admin", "trainee.move", f"org:{heping.id}",
                     {"to": heping.path, "count": 7, "trainees": [uuid.UUID(i).hex for i in ids]})
        audit.record(uow.session, "admin", "archive.stamp", heping.name,
                     {"batch": uuid.uuid4().hex, "method": "electronic", "stamped": 3, "skipped": 0})
        audit.record(uow.session, "admin", "archive.preview", "和平区的学习档案",
                     {"sheets": 3, "signed": 3, "key": "a1b2c3d4e5f60718"})
        audit.record(uow.session, "admin", "database.restore", "tjce-20261129.sqlite3",
                     {"backup": "/tmp/x/tjce-20261129.sqlite3", "aside": "/tmp/x/aside.sqlite3", "lockouts_kept": 0})
        audit.record(uow.session, "admin", "archive.export", "q.xlsx",
                     {"scope": "/120000/120101/", "filters": {"stamp_status": StampStatus.STAMPED.value,
                                                               "title_level": TitleLevel.SENIOR_DEPUTY.value,
                                                               "active": True},
                      "full_id_numbers": False, "rows": 12})
        audit.record(uow.session, "tj1", "auth.sign_in", "tj1", {"reason": "locked"}, outcome="locked")
        audit.record(uow.session, "clerk", "certificate.register", "JX001", {"year": 2026, "exception": "病假"},
                     outcome="exception")
        audit.record(uow.session, "admin", "trainee.import", "学员.xlsx",
                     {"changes": {uuid.UUID(hex=first.id).hex: {"gender": {"old": Gender.MALE.value,
                                                                          "new": Gender.FEMALE.value},
                                                               "post_type": {"old": None,
                                                                             "new": PostType.MANAGEMENT.value}}}})
        uow.commit()
        rows = read_log(uow.session, LOCAL_ADMIN, limit=20)
    by_action = {row.action: row.values() for row in rows}
    for values in by_action.values():
        text = " ".join(str(value) for value in values)
        assert "{" not in text and '"' not in text and "/tmp" not in text and not HEX_ID.search(text), text
        assert not re.search(r"\b(ok|failed|locked|exception|true|false|None)\b", text), text
    named = f"{first.real_name}（{first.username}）"
    assert by_action["trainee.update"][4:7] == ("修改学员", named,
                                                 f"真实姓名：王五 → {first.real_name}；所属机构：和平区 → （空）")
    _, _, _, _, action, target, detail, outcome = by_action["trainee.move"]
    assert (action, target, outcome) == ("调整机构", "和平区", "成功")
    assert detail.startswith("调入机构：和平区；人数：7；学员：") and detail.endswith("等 7 名") and named in detail
    assert by_action["archive.stamp"][4:] == ("盖章", "和平区", "方式：电子盖章；已盖章：3；跳过：0", "成功")
    assert by_action["archive.preview"][4:] == ("预览学习档案", "和平区的学习档案", "份数：3；带验证码：3", "成功")
    assert by_action["database.restore"][6] == "保留的锁定：0"
    assert by_action["archive.export"][6] == ("范围：和平区；行数：12；条件：盖章状态：已盖章，职称：副高级，在职：是；"
                                              "完整身份证号：否")
    assert by_action["auth.sign_in"][6:] == ("原因：账户已锁定", "被拒绝（账户已锁定）")
    assert by_action["certificate.register"][6:] == ("年度：2026；例外原因：病假", "成功（按例外情况登记）")
    assert by_action["trainee.import"][6] == f"修改内容：{named}：岗位类别：（空） → 管理岗位，性别：男 → 女"
