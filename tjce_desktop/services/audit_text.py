"""How the audit log reads for people: Chinese names of actions and outcomes, and an entry's
detail as "键：值" text — names instead of ids, no JSON, no UUIDs, no temporary file paths.

The stored entry stays as written (its hash covers it); only what the page and the export show
is turned into words here. ``tests/test_audit_text.py`` checks that every action the code base
records has a name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from tjce_desktop.domain import enums

ACTION_LABELS = {
    "auth.sign_in": "登录", "auth.unlock_screen": "解除锁屏", "account.create": "创建账户",
    "account.password": "修改密码", "account.reset_password": "重置密码", "account.unlock": "解锁账户",
    "trainee.create": "添加学员", "trainee.update": "修改学员", "trainee.move": "调整机构",
    "trainee.leave": "离职/调出", "trainee.reinstate": "恢复在职", "trainee.import": "导入学员",
    "trainee.export": "导出学员", "trainee.show_full_id": "显示完整身份证号", "trainee.title_change": "职称变更",
    "trainee.import_errors": "保存学员导入错误报告",
    "archive.export": "导出档案", "archive.export_stamping_list": "导出离线盖章名单",
    "archive.stamp": "盖章", "archive.unstamp": "撤销盖章",
    "archive.print": "生成学习档案 PDF", "archive.preview": "预览学习档案", "archive.printed": "打印学习档案",
    "archive.save_copy": "另存学习档案 PDF", "org.seal": "设置公章",
    "plan.create": "创建计划", "plan.update": "修改计划", "plan.close": "关闭计划", "plan.reopen": "重新开放计划",
    "plan.delete": "删除计划", "progress.import": "导入学习进度", "progress.import_errors": "保存学习进度导入错误报告",
    "settings.change": "修改设置", "audit.export": "导出审计日志",
    "certificate.numbering": "设置证书编号规则", "certificate.issue": "发证", "certificate.continue": "续本",
    "certificate.reissue": "补发证书", "certificate.register": "证书登记", "certificate.verify": "年度验证",
    "certificate.reopen": "撤销验证", "certificate.other_learning": "登记其他学习",
    "certificate.other_learning_delete": "删除其他学习", "certificate.print": "打印证书登记页",
    "certificate.save_copy": "另存证书登记页 PDF",
    "database.restore": "恢复数据库", "central.connect": "绑定中心数据库", "sync.run": "同步",
    "report.export": "导出报表", "report.print": "打印报表（PDF）", "compliance.export": "导出催办名单",
    "certificate.register_batch": "批量登记", "certificate.batch_list": "保存登记名单",
    "certificate.proof": "出具学时证明", "certificate.proof_copy": "另存学时证明 PDF",
    "hour_rule.set": "设置年度学时规定", "recognition.add": "登记学时认定", "recognition.approve": "审核通过学时认定",
    "recognition.reject": "驳回学时认定", "recognition.rule_set": "修改学时认定折算标准",
    "trainee.transfer_in": "调入学员",
}
OUTCOME_LABELS = {"ok": "成功", "failed": "失败", "locked": "被拒绝（账户已锁定）",
                  "exception": "成功（按例外情况登记）"}

# Keys of the detail, as written by the services.
KEY_LABELS = {
    "scope": "范围", "via": "方式", "reason": "原因", "left": "剩余尝试次数", "role": "角色", "org": "机构",
    "username": "登录名",
    "real_name": "真实姓名", "to": "调入机构", "count": "人数", "trainees": "学员", "trainee": "学员",
    "batch": "盖章批次", "method": "方式", "stamped": "已盖章", "skipped": "跳过", "archives": "档案",
    "bytes": "图片大小", "rows": "行数", "filters": "条件", "year": "年度", "list": "名单",
    "mode": "方式", "default_org": "默认机构", "changes": "修改内容", "source": "来源文件", "file": "文件",
    "pattern": "编号规则", "previous": "原证书编号", "total": "学时合计", "required": "要求学时",
    "exception": "例外原因", "verified": "验证人数", "before": "修改前", "after": "修改后", "sheets": "份数",
    "signed": "带验证码", "form": "学习形式", "hours": "学时", "from": "原", "effective_on": "生效日期",
    "error": "错误", "pushed": "上传", "pulled": "下载", "conflicts": "冲突", "refused": "拒绝", "removed": "移出",
    "check_clean": "核对一致", "clean": "核对一致", "repaired": "修复", "format": "格式", "report": "报表",
    "remark": "备注", "dx": "水平偏移（毫米）", "dy": "垂直偏移（毫米）", "full_id_numbers": "完整身份证号",
    "ticked": "勾选", "added": "新增", "updated": "更新", "unchanged": "未变", "skipped_empty": "空行",
    "courses": "课程", "exams": "考试", "new_archives": "新档案", "lockouts_kept": "保留的锁定",
    "old": "原值", "new": "新值", "name": "名称", "starts_on": "开始日期", "ends_on": "结束日期",
    "verified_by": "验证人", "verified_at": "验证时间", "pages": "页数",
    # filters and fields
    "plan_id": "培训计划", "status": "学习状态", "finished_from": "完成日期自", "finished_to": "完成日期至",
    "hours_min": "学时自", "hours_max": "学时至", "exam_outcome": "考试", "stamp_status": "盖章状态",
    "title_level": "职称", "post_type": "岗位类别", "name_or_id": "姓名/身份证号", "active": "在职",
    "id_number": "身份证号", "phone": "手机", "email": "电子邮箱", "gender": "性别", "high_tech": "高新技术",
    "job_title": "职务", "org_id": "所属机构", "plan_relation": "名单", "exam_id": "考试",
}
_KEY_ORDER = {key: n for n, key in enumerate(KEY_LABELS)}  # the order a detail reads in
# Keys whose values are internal (hex keys, key ids, temporary or backup paths): not shown.
HIDDEN_KEYS = frozenset({"batch_id", "key", "registration", "backup", "aside", "idle_lock_minutes"})
_VALUE_LABELS = {
    "wrong password": "密码错误", "locked": "账户已锁定", "unknown or inactive": "用户不存在或已停用",
    "wrong password, locked": "密码错误，账户已锁定", "central": "中心数据库", "electronic": "电子盖章",
    "offline": "线下盖章", "add": "仅新增", "upsert": "新增并更新", "check": "核对", "xlsx": "Excel",
    "pdf": "PDF", "csv": "CSV", "enrolled": "已参训", "not_enrolled": "未参训", "passed": "通过",
    "failed": "未通过", "absent": "未参加", "sync": "同步", "rebuild": "重新下载",
}
for _enum in (enums.Gender, enums.TitleLevel, enums.PostType, enums.CourseCategory, enums.LearningStatus,
              enums.StampStatus, enums.ExamType, enums.OrgKind, enums.Role, enums.OtherLearningForm,
              enums.ReissueReason):
    for _member in _enum:
        _VALUE_LABELS.setdefault(_member.value, _member.label)
_TARGET_SETTINGS = {"idle_lock_minutes": "自动锁定时间（分钟）"}
_HEX_ID = re.compile(r"\b[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\b")
_ORG_PATH = re.compile(r"^/(?:\d+/)+$")
_KEYED_TARGET = re.compile(r"^(trainee|org):(.+)$")
MAX_NAMED = 5  # a list of trainees shows this many names, then "等 N 名"


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def outcome_label(outcome: str) -> str:
    return OUTCOME_LABELS.get(outcome, outcome)


def _norm_id(text: str) -> str:
    return text.replace("-", "").lower()


class Names:
    """Names for the ids an entry mentions: trainees by id, orgs by id and by path."""

    def __init__(self, trainees: Mapping[str, str] | None = None, orgs: Mapping[str, str] | None = None,
                 org_paths: Mapping[str, str] | None = None) -> None:
        self.trainees = {_norm_id(k): v for k, v in (trainees or {}).items()}
        self.orgs = {_norm_id(k): v for k, v in (orgs or {}).items()}
        self.org_paths = dict(org_paths or {})

    def of(self, text: str) -> str | None:
        key = _norm_id(text)
        return self.trainees.get(key) or self.orgs.get(key)

    def org_path(self, path: str) -> str:
        return self.org_paths.get(path, "（已删除的机构）")


def mentioned_ids(target: str | None, detail: str | None) -> set[str]:
    """The hex ids an entry mentions (to look their names up in one query)."""
    return {_norm_id(found) for found in _HEX_ID.findall(f"{target or ''} {detail or ''}")}


def target_text(action: str, target: str | None, names: Names) -> str:
    if not target:
        return ""
    if action == "settings.change":
        return _TARGET_SETTINGS.get(target, target)
    keyed = _KEYED_TARGET.match(target)
    if keyed:
        return names.of(keyed.group(2)) or ("（学员）" if keyed.group(1) == "trainee" else "（机构）")
    if _HEX_ID.fullmatch(target):
        return names.of(target) or ""
    return target


def _value(key: str, value, names: Names) -> str | None:
    if value is None or value == "" or value == {} or value == []:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        if key == "bytes":
            return f"{value / 1024:.1f} KB"
        if isinstance(value, int):
            return str(value) if key in ("year", "dx", "dy") else f"{value:,}"
        return f"{value:g}"
    if isinstance(value, dict):
        if set(value) <= {"old", "new"}:
            old, new = (_value(key, value.get(side), names) or "（空）" for side in ("old", "new"))
            return f"{old} → {new}"
        return describe_dict(value, names, separator="，") or None
    if isinstance(value, list | tuple):
        if key == "trainees":
            shown = [names.of(str(item)) or "" for item in value[:MAX_NAMED]]
            shown = [name for name in shown if name]
            more = f"等 {len(value):,} 名" if len(value) > len(shown) else ""
            return "、".join(shown) + more if shown else f"{len(value):,} 名"
        parts = [_value(key, item, names) for item in value]
        return "、".join(part for part in parts if part)
    text = str(value)
    if _ORG_PATH.match(text):
        return names.org_path(text)
    if _HEX_ID.fullmatch(text):
        return names.of(text)  # an id without a known name says nothing to a reader
    if "/" in text or "\\" in text:  # a file path: its name only
        text = re.split(r"[\\/]", text)[-1]
    return _VALUE_LABELS.get(text, text)


def describe_dict(detail: Mapping, names: Names, *, separator: str = "；") -> str:
    parts = []
    for key, value in sorted(detail.items(), key=lambda item: _KEY_ORDER.get(item[0], len(_KEY_ORDER))):
        if key in HIDDEN_KEYS:
            continue
        shown = _value(key, value, names)
        if shown is not None:
            label = (names.of(key) or "学员") if _HEX_ID.fullmatch(key) else KEY_LABELS.get(key, key)
            parts.append(f"{label}：{shown}")
    return separator.join(parts)


def detail_text(detail: str | None, names: Names) -> str:
    """The stored detail (JSON) as readable Chinese key/value text."""
    if not detail:
        return ""
    try:
        parsed = json.loads(detail)
    except json.JSONDecodeError:
        return detail
    if isinstance(parsed, dict):
        return describe_dict(parsed, names)
    return _value("", parsed, names) or ""
