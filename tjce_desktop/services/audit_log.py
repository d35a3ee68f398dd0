"""审计日志: read, filter and export the audit log (city administrators and auditors only)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tjce_desktop.domain.enums import Role
from tjce_desktop.services import audit
from tjce_desktop.services.actor import Actor
from tjce_desktop.storage.models import AuditLog
from tjce_desktop.storage.unit_of_work import UnitOfWork, unit_of

READERS = (Role.CITY_ADMIN, Role.AUDITOR)
# How entries read in the page and the export; unknown actions show as they are.
ACTION_LABELS = {
    "auth.sign_in": "登录", "auth.unlock_screen": "解除锁屏", "account.create": "创建账户",
    "account.password": "修改密码", "account.reset_password": "重置密码", "account.unlock": "解锁账户",
    "trainee.create": "添加学员", "trainee.update": "修改学员", "trainee.move": "调整机构",
    "trainee.leave": "离职/调出", "trainee.reinstate": "恢复在职", "trainee.import": "导入学员",
    "trainee.export": "导出学员", "trainee.show_full_id": "显示完整身份证号", "archive.export": "导出档案",
    "archive.export_stamping_list": "导出离线盖章名单",
    "archive.stamp": "盖章", "archive.unstamp": "撤销盖章", "archive.print": "打印档案", "org.seal": "设置公章",
    "plan.create": "创建计划", "plan.update": "修改计划", "plan.close": "关闭计划", "plan.reopen": "重新开放计划",
    "plan.delete": "删除计划", "progress.import": "导入学习进度", "settings.change": "修改设置",
    "audit.export": "导出审计日志", "certificate.register": "证书登记", "certificate.verify": "证书验证",
    "database.restore": "恢复数据库", "central.connect": "绑定中心数据库", "sync.run": "同步",
    "report.export": "导出报表", "report.print": "打印报表（PDF）", "compliance.export": "导出催办名单",
    "archive.save_copy": "另存学习档案 PDF", "certificate.print": "打印证书登记页",
    "certificate.save_copy": "另存证书登记页 PDF", "trainee.import_errors": "保存学员导入错误报告",
    "progress.import_errors": "保存学习进度导入错误报告",
    "certificate.register_batch": "批量登记", "certificate.batch_list": "保存登记名单",
    "certificate.proof": "出具学时证明", "certificate.proof_copy": "另存学时证明 PDF",
}
OUTCOME_LABELS = {"ok": "成功", "failed": "失败", "locked": "已锁定"}
HEADERS = ("序号", "时间", "操作人", "工作站", "操作", "对象", "详情", "结果")


@dataclass(frozen=True, slots=True)
class AuditFilter:
    actor: str = ""
    action: str = ""  # an action key, or its beginning ("trainee.")
    outcome: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    text: str = ""  # in the target or the detail

    def where(self) -> list:
        conditions = []
        if self.actor.strip():
            conditions.append(AuditLog.actor == self.actor.strip().lower())
        if self.action:
            conditions.append(AuditLog.action.startswith(self.action))
        if self.outcome:
            conditions.append(AuditLog.outcome == self.outcome)
        if self.since:
            conditions.append(AuditLog.at >= dt.datetime.combine(self.since, dt.time()))
        if self.until:
            conditions.append(AuditLog.at < dt.datetime.combine(self.until + dt.timedelta(days=1), dt.time()))
        if self.text.strip():
            needle = self.text.strip()
            conditions.append((func.instr(AuditLog.target, needle) > 0) | (func.instr(AuditLog.detail, needle) > 0))
        return conditions


@dataclass(frozen=True, slots=True)
class AuditRow:
    seq: int
    at: dt.datetime
    actor: str
    workstation: str
    action: str
    target: str
    detail: str
    outcome: str

    def values(self) -> tuple:
        return (self.seq, self.at.strftime("%Y-%m-%d %H:%M:%S"), self.actor, self.workstation,
                ACTION_LABELS.get(self.action, self.action), self.target, self.detail,
                OUTCOME_LABELS.get(self.outcome, self.outcome))


def _rows(session: Session, filters: AuditFilter, limit: int | None):
    query = select(AuditLog).where(*filters.where()).order_by(AuditLog.seq.desc())
    if limit is not None:
        query = query.limit(limit)
    for entry in session.scalars(query):
        detail = entry.detail or ""
        if detail:
            try:
                detail = json.dumps(json.loads(detail), ensure_ascii=False)
            except json.JSONDecodeError:
                pass
        yield AuditRow(entry.seq, entry.at, entry.actor, entry.workstation, entry.action, entry.target or "",
                       detail, entry.outcome)


def read_log(session: Session, actor: Actor, filters: AuditFilter = AuditFilter(), limit: int = 2000) -> list[AuditRow]:
    """The newest entries first."""
    actor.require_role(*READERS, doing="查看审计日志")
    return list(_rows(session, filters, limit))


def count_log(session: Session, actor: Actor, filters: AuditFilter = AuditFilter()) -> int:
    actor.require_role(*READERS, doing="查看审计日志")
    return session.execute(select(func.count()).select_from(AuditLog).where(*filters.where())).scalar_one()


def export_log(uow: UnitOfWork | Session, actor: Actor, path: Path | str, filters: AuditFilter = AuditFilter()) -> int:
    """Every matching entry to .xlsx; the export itself is audited and committed."""
    from tjce_desktop.exchange.xlsx_table import Kind, TableColumn, write_table

    uow = unit_of(uow)
    session = uow.session
    actor.require_role(*READERS, doing="导出审计日志")
    table = [TableColumn(header, kind) for header, kind in zip(HEADERS, (
        Kind.SEQ, Kind.DATETIME, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TEXT))]
    table[6] = TableColumn("详情", Kind.TEXT, 80)  # long JSON: a wide column, not one sized to the longest
    # The time as a real date and time (the page shows it as text).
    rows = ((row.seq, row.at, *row.values()[2:]) for row in _rows(session, filters, None))
    count = write_table(path, "审计日志", table, rows)
    shown = {name: str(value) for name, value in asdict(filters).items() if value not in ("", None)}
    audit.record(session, actor.username, "audit.export", Path(path).name, {"rows": count, "filters": shown})
    uow.commit()
    return count
