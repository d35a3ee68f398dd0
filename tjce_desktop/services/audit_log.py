"""审计日志: read, filter and export the audit log (city administrators and auditors only)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tjce_desktop.domain.enums import Role
from tjce_desktop.services import audit
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.audit_text import (
    Names,
    action_label,
    detail_text,
    mentioned_ids,
    outcome_label,
    target_text,
)
from tjce_desktop.services.orgs import list_orgs
from tjce_desktop.storage.models import AuditLog, Trainee
from tjce_desktop.storage.unit_of_work import UnitOfWork, unit_of

READERS = (Role.CITY_ADMIN, Role.AUDITOR)
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
                action_label(self.action), self.target, self.detail, outcome_label(self.outcome))


def _names(session: Session, entries: list[AuditLog]) -> Names:
    """The trainees and orgs the entries mention, by id, and every org by path."""
    ids: set[str] = set()
    for entry in entries:
        ids |= mentioned_ids(entry.target, entry.detail)
    orgs = list_orgs(session)
    trainees: dict[str, str] = {}
    wanted = sorted(ids)
    for start in range(0, len(wanted), 500):
        chunk = [uuid.UUID(hex=value) for value in wanted[start:start + 500]]
        for trainee_id, real_name, username in session.execute(
                select(Trainee.id, Trainee.real_name, Trainee.username).where(Trainee.id.in_(chunk))):
            trainees[trainee_id.hex] = f"{real_name}（{username}）"
    return Names(trainees, {org.id.hex: org.full_name for org in orgs}, {org.path: org.full_name for org in orgs})


def _rows(session: Session, filters: AuditFilter, limit: int | None):
    query = select(AuditLog).where(*filters.where()).order_by(AuditLog.seq.desc())
    if limit is not None:
        query = query.limit(limit)
    result = session.scalars(query)
    while True:
        entries = list(result.fetchmany(1000))
        if not entries:
            return
        names = _names(session, entries)
        for entry in entries:
            yield AuditRow(entry.seq, entry.at, entry.actor, entry.workstation, entry.action,
                           target_text(entry.action, entry.target, names), detail_text(entry.detail, names),
                           entry.outcome)


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
    table[6] = TableColumn("详情", Kind.TEXT, 80)  # long text: a wide column, not one sized to the longest
    # The time as a real date and time (the page shows it as text).
    rows = ((row.seq, row.at, *row.values()[2:]) for row in _rows(session, filters, None))
    count = write_table(path, "审计日志", table, rows)
    shown = {name: str(value) for name, value in asdict(filters).items() if value not in ("", None)}
    audit.record(session, actor.username, "audit.export", Path(path).name, {"rows": count, "filters": shown})
    uow.commit()
    return count
