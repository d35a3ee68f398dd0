"""Every text field a user can fill, with its Chinese name, its kind and its limit — once.

The limit is the length of the field's column in ``storage/models.py``. The migrations build
the same columns (``test_migrations`` holds them to the models) on SQLite and on the central
PostgreSQL alike, so a value these fields accept is one the central database accepts too: no
more 500-character 职务 stored here and refused there as a permanent conflict. SQLite does not
enforce ``VARCHAR(n)``, so the services must; ``test_clean_text`` checks that every text column
of the models is either listed here or written only by the program itself.

Free-text columns (``Text``) have no limit in the database; ``NOTE_MAX`` keeps them to what a
person writes.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Column, String

from tjce_desktop.domain.text import FieldError, TextKind, clean_field
from tjce_desktop.storage import models as m

NOTE_MAX = 1000

__all__ = ["Field", "FieldError", "FIELDS", "MACHINE_WRITTEN", "NOTE_MAX"]


@dataclass(frozen=True, slots=True)
class Field:
    label: str  # as the form and the import name it
    kind: TextKind
    max_length: int
    required: bool = False

    def clean(self, raw: object) -> str:
        """The value to store; raises ``FieldError`` ("职务最多 64 个字，现在是 500 个字。")."""
        return clean_field(raw, self.label, self.kind, self.max_length, required=self.required)

    def check(self, raw: object) -> tuple[str, str | None]:
        """(value, problem): the problem without the field's name, for a form that shows it
        beside the field; the value is "" when there is a problem."""
        try:
            return self.clean(raw), None
        except FieldError as exc:
            return "", exc.problem


def _field(attribute, label: str, kind: TextKind, *, required: bool = False) -> Field:
    column: Column = attribute.property.columns[0]
    length = column.type.length if isinstance(column.type, String) and column.type.length else NOTE_MAX
    return Field(label, kind, length, required)


TRAINEE_USERNAME = _field(m.Trainee.username, "学员姓名", TextKind.LOGIN, required=True)
TRAINEE_REAL_NAME = _field(m.Trainee.real_name, "真实姓名", TextKind.NAME, required=True)
TRAINEE_PHONE = _field(m.Trainee.phone, "手机", TextKind.LOGIN)
TRAINEE_EMAIL = _field(m.Trainee.email, "电子邮箱", TextKind.LOGIN)
TRAINEE_JOB_TITLE = _field(m.Trainee.job_title, "职务", TextKind.LINE)
ACCOUNT_USERNAME = _field(m.AdminUser.username, "用户名", TextKind.LOGIN, required=True)
ACCOUNT_DISPLAY_NAME = _field(m.AdminUser.display_name, "显示名称", TextKind.LINE)
PLAN_NAME = _field(m.TrainingPlan.name, "计划名称", TextKind.LINE, required=True)
PLAN_DESCRIPTION = _field(m.TrainingPlan.description, "计划说明", TextKind.NOTE)
COURSE_NAME = _field(m.Course.name, "课程名称", TextKind.LINE, required=True)
EXAM_NAME = _field(m.Exam.name, "考试名称", TextKind.LINE, required=True)
OTHER_LEARNING_TITLE = _field(m.OtherLearning.title, "学习内容", TextKind.NOTE)  # as typed: 论文《…》（合著）
OTHER_LEARNING_EVIDENCE = _field(m.OtherLearning.evidence, "证明材料", TextKind.NOTE)
REVOKE_REASON = _field(m.StampBatch.revoke_reason, "撤销原因", TextKind.NOTE)
EXCEPTION_REASON = _field(m.CertificateRegistration.exception_reason, "例外原因", TextKind.NOTE)
REISSUE_NOTE = _field(m.CertificateReissue.note, "补发说明", TextKind.NOTE)
NUMBERING_PATTERN = _field(m.CertificateNumbering.pattern, "编号规则", TextKind.LINE, required=True)
RECOGNITION_TITLE = _field(m.RecognisedHours.title, "认定内容", TextKind.LINE)  # 论文《…》; may stay empty
RECOGNITION_EVIDENCE = _field(m.RecognisedHours.evidence, "证明材料", TextKind.NOTE, required=True)
RECOGNITION_REJECT_REASON = _field(m.RecognisedHours.reject_reason, "驳回原因", TextKind.NOTE, required=True)
RECOGNITION_RULE_EVIDENCE = _field(m.RecognitionRule.evidence, "所需证明材料", TextKind.NOTE, required=True)
RECOGNITION_RULE_NAME = _field(m.RecognitionRule.name, "认定种类名称", TextKind.LINE, required=True)
RULE_DOCUMENT_NUMBER = _field(m.HourRule.document_number, "文号", TextKind.LINE)
RULE_DOCUMENT_TITLE = _field(m.HourRule.document_title, "文件标题", TextKind.LINE)
RULE_REQUIRED_COURSES = _field(m.HourRule.required_courses, "必修的公需课", TextKind.NOTE)
REOPEN_REASON = Field("重新开放原因", TextKind.NOTE, NOTE_MAX)  # kept in the audit log only

# Column (table.column) → its field.
FIELDS: dict[str, Field] = {
    "trainee.username": TRAINEE_USERNAME,
    "trainee.real_name": TRAINEE_REAL_NAME,
    "trainee.phone": TRAINEE_PHONE,
    "trainee.email": TRAINEE_EMAIL,
    "trainee.job_title": TRAINEE_JOB_TITLE,
    "admin_user.username": ACCOUNT_USERNAME,
    "admin_user.display_name": ACCOUNT_DISPLAY_NAME,
    "training_plan.name": PLAN_NAME,
    "training_plan.description": PLAN_DESCRIPTION,
    "course.name": COURSE_NAME,
    "exam.name": EXAM_NAME,
    "other_learning.title": OTHER_LEARNING_TITLE,
    "other_learning.evidence": OTHER_LEARNING_EVIDENCE,
    "stamp_batch.revoke_reason": REVOKE_REASON,
    "certificate_registration.exception_reason": EXCEPTION_REASON,
    "certificate_reissue.note": REISSUE_NOTE,
    "certificate_numbering.pattern": NUMBERING_PATTERN,
    "recognised_hours.title": RECOGNITION_TITLE,
    "recognised_hours.evidence": RECOGNITION_EVIDENCE,
    "recognised_hours.reject_reason": RECOGNITION_REJECT_REASON,
    "recognition_rule.evidence": RECOGNITION_RULE_EVIDENCE,
    "recognition_rule.name": RECOGNITION_RULE_NAME,
    "hour_rule.document_number": RULE_DOCUMENT_NUMBER,
    "hour_rule.document_title": RULE_DOCUMENT_TITLE,
    "hour_rule.required_courses": RULE_REQUIRED_COURSES,
}

# Text columns nobody types: enumeration values, codes and paths the program builds, account
# names copied from the signed-in account, hashes, keys, JSON. (Org codes and names come from
# the region tables and the central database, not from a form.)
MACHINE_WRITTEN = frozenset({
    "org.code", "org.name", "org.kind", "org.path",
    "admin_user.password_hash", "admin_user.role",
    "trainee.org_path", "trainee.id_number", "trainee.gender", "trainee.title_level", "trainee.post_type",
    "trainee.name_pinyin", "trainee.name_initials",  # derived from the name on every write (domain/pinyin.py)
    "stamp_batch.number",  # GZ-<year>-<desk code>-<sequence>, made by the desk that stamps
    "course.category", "exam.exam_type",
    "stamp_batch.method", "stamp_batch.stamped_by", "stamp_batch.revoked_by",
    "enrollment.org_path", "enrollment.status", "enrollment.stamp_status",
    "certificate.number", "certificate.issue_reason", "certificate.status",
    "certificate_registration.registered_by", "certificate_registration.verified_by",
    "other_learning.form", "other_learning.category", "other_learning.recorded_by",
    "title_change.previous_title_level", "title_change.title_level", "title_change.recorded_by",
    "certificate_reissue.reason", "certificate_reissue.recorded_by",
    "recognition_rule.kind", "recognition_rule.kind_group", "recognition_rule.unit", "recognition_rule.category",
    "recognised_hours.kind", "recognised_hours.category", "recognised_hours.status", "recognised_hours.note",
    "recognised_hours.recorded_by", "recognised_hours.decided_by",
    "trainee_year_hours.org_path",
    "hour_rule.register_by", "hour_rule.verify_by",  # parsed as month-day and written back formatted
    "signing_key.key_id", "signing_key.label",
    "trust_statement.kind", "trust_statement.key_id", "trust_statement.body",
    "issued_sheet.code", "issued_sheet.key_id",
    "audit_log.actor", "audit_log.workstation", "audit_log.action", "audit_log.target", "audit_log.detail",
    "audit_log.outcome", "audit_log.prev_hash", "audit_log.hash",
    "sync_outbox.table_name", "sync_outbox.operation", "sync_outbox.changes",
    "sync_held.table_name", "sync_held.data", "sync_held.reason",
    "app_meta.key", "app_meta.value",
    # every synced table's updated_by: the signed-in account's name
    *(f"{table.__tablename__}.updated_by" for table in m.SYNCED_TABLES),
})
