"""Typed SQLAlchemy 2 models for every entity of the glossary.

Synced tables carry the replication columns of DESIGN.md (client UUID keys,
``row_version``, ``server_seq``, ``updated_at``, ``updated_by``, ``deleted_at``). The same
metadata builds the schema on SQLite (local cache) and PostgreSQL (central).
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    text,
)
from sqlalchemy import event as sa_event
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from tjce_desktop.domain.enums import LearningStatus, StampStatus
from tjce_desktop.domain.ids import new_id
from tjce_desktop.domain.pinyin import person_name_keys

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Materialised org paths are compared as byte strings (subtree = a key range), so
# PostgreSQL must not apply a linguistic collation to them. SQLite's default is binary.
PathString = String(255).with_variant(String(255, collation="C"), "postgresql")
# Pinyin keys are searched as prefixes (key ranges) too: byte order on both sides.
PinyinString = String(320).with_variant(String(320, collation="C"), "postgresql")
InitialsString = String(64).with_variant(String(64, collation="C"), "postgresql")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Synced:
    """Columns every replicated table carries."""

    __synced__ = True

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    row_version: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    server_seq: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now, nullable=False)
    updated_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class Org(Synced, Base):
    __tablename__ = "org"

    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("org.id"), index=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))
    # "/120000/120101/120101003/": codes from the root down; parent_id stays the truth.
    path: Mapped[str] = mapped_column(PathString, unique=True)
    depth: Mapped[int] = mapped_column(Integer)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    seal_image: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class AdminUser(Synced, Base):
    __tablename__ = "admin_user"

    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(50))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(32))
    org_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("org.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Trainee(Synced, Base):
    __tablename__ = "trainee"
    __table_args__ = (
        # The compliance overview counts 在职 trainees per requirement (title, high-tech) from the index.
        Index(
            "ix_trainee_live_org_path_active_title",
            "org_path",
            "active",
            "title_level",
            "high_tech",
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
        # Subtree counts and listings ordered by org then name (in pinyin order) — also of 在职
        # trainees only, and with a name fragment — are index-only range scans; partial, so
        # tombstones waiting for sync neither cost nor count.
        Index(
            "ix_trainee_live_org_path_name_pinyin",
            "org_path",
            "name_pinyin",
            "real_name",
            "active",
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
        # Names by pinyin (丁, 万, 于 — not by code point): the 真实姓名 sort by keyset, and a
        # pinyin prefix (`zhang`) as an index range whatever the scope, org_path read from the index.
        Index(
            "ix_trainee_live_name_pinyin",
            "name_pinyin",
            "real_name",
            "org_path",
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
        # An initials prefix (`zm` → 张敏) the same way.
        Index(
            "ix_trainee_live_name_initials",
            "name_initials",
            "org_path",
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )
    # Pinyin keys of real_name: derived, computed on each desk by every write path (the ORM
    # hooks below, storage.bulk, the sync pull, the demo); never synced.
    __derived__ = ("name_pinyin", "name_initials")

    org_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("org.id"), index=True)
    # Copy of org.path, kept by the services whenever org_id or an org's path changes.
    org_path: Mapped[str] = mapped_column(PathString)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    real_name: Mapped[str] = mapped_column(String(50), index=True)
    id_number: Mapped[str] = mapped_column(String(18), unique=True)
    gender: Mapped[str] = mapped_column(String(8))
    birth_date: Mapped[dt.date] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(100))
    title_level: Mapped[str] = mapped_column(String(16))
    post_type: Mapped[str] = mapped_column(String(16))
    high_tech: Mapped[bool] = mapped_column(Boolean, default=False)
    job_title: Mapped[str | None] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    left_on: Mapped[dt.date | None] = mapped_column(Date)
    registered_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    name_pinyin: Mapped[str] = mapped_column(PinyinString, default="", server_default="")  # "zhangmin"
    name_initials: Mapped[str] = mapped_column(InitialsString, default="", server_default="")  # "zm"


def fill_derived_columns(table_name: str, values: dict) -> dict:
    """``values`` (a row about to be written with Core: a bulk insert, a pulled row) with the
    local derived columns computed; the same dict."""
    if table_name == "trainee" and values.get("real_name") is not None:
        keys = person_name_keys(values["real_name"])
        values["name_pinyin"], values["name_initials"] = keys.full, keys.initials
    return values


def _trainee_name_keys(_mapper, _connection, trainee: Trainee) -> None:
    keys = person_name_keys(trainee.real_name)
    trainee.name_pinyin, trainee.name_initials = keys.full, keys.initials


sa_event.listen(Trainee, "before_insert", _trainee_name_keys)
sa_event.listen(Trainee, "before_update", _trainee_name_keys)


class TrainingPlan(Synced, Base):
    __tablename__ = "training_plan"

    name: Mapped[str] = mapped_column(String(100), unique=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)
    description: Mapped[str | None] = mapped_column(Text)
    closed: Mapped[bool] = mapped_column(Boolean, default=False)


class Course(Synced, Base):
    __tablename__ = "course"

    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("training_plan.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    category: Mapped[str] = mapped_column(String(24))
    hours: Mapped[float] = mapped_column(Float)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Exam(Synced, Base):
    __tablename__ = "exam"

    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("training_plan.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    exam_type: Mapped[str] = mapped_column(String(16))
    max_attempts: Mapped[int] = mapped_column(Integer, default=3)
    pass_score: Mapped[float] = mapped_column(Float, default=60.0)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class StampBatch(Synced, Base):
    __tablename__ = "stamp_batch"

    org_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("org.id"), index=True)
    # GZ-2026-7KQ3M-000123 (domain/batch_number.py); NULL for batches made before numbers.
    number: Mapped[str | None] = mapped_column(String(32), index=True)
    method: Mapped[str] = mapped_column(String(16))  # electronic / offline
    stamped_by: Mapped[str] = mapped_column(String(64))
    stamped_at: Mapped[dt.datetime] = mapped_column(DateTime)
    archive_count: Mapped[int] = mapped_column(Integer, default=0)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    revoked_by: Mapped[str | None] = mapped_column(String(64))
    revoke_reason: Mapped[str | None] = mapped_column(Text)


class Enrollment(Synced, Base):
    """One trainee in one plan: the 学习档案."""

    __tablename__ = "enrollment"
    __table_args__ = (
        UniqueConstraint("trainee_id", "plan_id"),
        Index("ix_enrollment_plan_id_status", "plan_id", "status"),
        # The count reports (4.1, 4.3, 4.5) read only this index: for each plan and status,
        # a scope is a key range; id lets 4.5 find the attempts without reading the table.
        Index(
            "ix_enrollment_live_scope",
            "plan_id",
            "status",
            "org_path",
            "trainee_active",
            "id",
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    trainee_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("trainee.id"))
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("training_plan.id"))
    __derived__ = ("org_path", "trainee_active")

    # Copies of the trainee's org_path and active flag, so reports count a trainee where
    # they belong now without joining three million rows; kept in step by the services
    # (storage.derived) and recomputed, not synced, on each side.
    org_path: Mapped[str] = mapped_column(PathString, default="")
    trainee_active: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[str] = mapped_column(String(16), default=LearningStatus.NOT_STARTED.value)
    enrolled_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    hours: Mapped[float] = mapped_column(Float, default=0.0)
    stamp_status: Mapped[str] = mapped_column(String(16), default=StampStatus.UNSTAMPED.value)
    stamp_batch_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("stamp_batch.id"), index=True
    )
    stamped_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class CourseProgress(Synced, Base):
    __tablename__ = "course_progress"
    __table_args__ = (UniqueConstraint("enrollment_id", "course_id"),)

    enrollment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("enrollment.id"))
    course_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("course.id"), index=True)
    hours: Mapped[float] = mapped_column(Float, default=0.0)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class ExamAttempt(Synced, Base):
    __tablename__ = "exam_attempt"
    __table_args__ = (
        UniqueConstraint("enrollment_id", "exam_id", "attempt_no"),
        Index("ix_exam_attempt_exam_id", "exam_id"),
        # Passed / failed / absent per archive and exam, index-only (4.4, 4.5).
        Index(
            "ix_exam_attempt_live_outcome",
            "enrollment_id",
            "exam_id",
            "passed",
            "score",
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    enrollment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("enrollment.id"))
    exam_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("exam.id"))
    attempt_no: Mapped[int] = mapped_column(Integer)
    score: Mapped[float | None] = mapped_column(Float)
    passed: Mapped[bool] = mapped_column(Boolean, default=False)
    taken_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Certificate(Synced, Base):
    """The paper 继续教育证书 booklet; a continuation or reissue points at its predecessor."""

    __tablename__ = "certificate"

    trainee_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("trainee.id"), index=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    issuing_org_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("org.id"), index=True)
    issued_on: Mapped[dt.date] = mapped_column(Date)
    booklet_no: Mapped[int] = mapped_column(Integer, default=1)
    issue_reason: Mapped[str] = mapped_column(String(16), default="new")
    predecessor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("certificate.id"))
    status: Mapped[str] = mapped_column(String(16), default="active")


class CertificateRegistration(Synced, Base):
    """One year's hours recorded in a certificate (登记), later verified (验证)."""

    __tablename__ = "certificate_registration"
    __table_args__ = (UniqueConstraint("trainee_id", "year"), Index("ix_certificate_registration_year", "year"))

    certificate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("certificate.id"), index=True)
    trainee_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("trainee.id"))
    year: Mapped[int] = mapped_column(Integer)
    hours_public_required: Mapped[float] = mapped_column(Float, default=0.0)
    hours_public_elective: Mapped[float] = mapped_column(Float, default=0.0)
    hours_professional: Mapped[float] = mapped_column(Float, default=0.0)
    hours_other: Mapped[float] = mapped_column(Float, default=0.0)
    required_hours: Mapped[float] = mapped_column(Float)
    registered_by: Mapped[str] = mapped_column(String(64))
    registered_at: Mapped[dt.datetime] = mapped_column(DateTime)
    exception_reason: Mapped[str | None] = mapped_column(Text)
    verified_by: Mapped[str | None] = mapped_column(String(64))
    verified_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    verifying_org_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("org.id"))


class OtherLearning(Synced, Base):
    """Study outside the platform, recorded at the registration desk (FAQ: the forms it lists)."""

    __tablename__ = "other_learning"
    __table_args__ = (Index("ix_other_learning_trainee_id_year", "trainee_id", "year"),)

    trainee_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("trainee.id"))
    year: Mapped[int] = mapped_column(Integer)  # the year of ends_on: when the hours count
    form: Mapped[str] = mapped_column(String(24))  # OtherLearningForm value
    title: Mapped[str] = mapped_column(String(100))
    category: Mapped[str] = mapped_column(String(24))  # CourseCategory value it counts towards
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)
    days: Mapped[float] = mapped_column(Float)
    hours: Mapped[float] = mapped_column(Float)  # days × 8
    evidence: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class RecognitionRule(Synced, Base):
    """学时认定 conversion table (reference data, the city's): a kind of other learning, its
    hours per unit, the category it counts toward, the yearly cap and the evidence it needs."""

    __tablename__ = "recognition_rule"

    kind: Mapped[str] = mapped_column(String(32), unique=True)
    kind_group: Mapped[str] = mapped_column(String(16))  # RecognitionGroup value
    name: Mapped[str] = mapped_column(String(60))
    unit: Mapped[str] = mapped_column(String(8))  # 篇, 学分, 万字, 项 …
    hours_per_unit: Mapped[float] = mapped_column(Float)
    category: Mapped[str] = mapped_column(String(24), default="professional")  # CourseCategory value
    yearly_cap: Mapped[float] = mapped_column(Float)  # per trainee, year and kind
    evidence: Mapped[str] = mapped_column(Text)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)  # as seeded, not yet edited
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class RecognisedHours(Synced, Base):
    """One 学时认定 entry: recorded at the desk (待审核), counted once a second account approved it."""

    __tablename__ = "recognised_hours"
    __table_args__ = (
        Index("ix_recognised_hours_trainee_id_year", "trainee_id", "year"),
        Index("ix_recognised_hours_status", "status"),
        CheckConstraint("status IN ('pending', 'approved', 'rejected')", name="status"),
        # Four eyes: whoever decides is not who recorded; a decision names its decider.
        CheckConstraint("decided_by IS NULL OR decided_by <> recorded_by", name="four_eyes"),
        CheckConstraint("(status = 'pending') = (decided_by IS NULL)", name="decided"),
    )

    trainee_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("trainee.id"))
    rule_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("recognition_rule.id"))
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))  # the rule's kind, as recorded
    title: Mapped[str] = mapped_column(String(100))  # the paper's title, the course, the patent …
    quantity: Mapped[float] = mapped_column(Float)
    hours_per_unit: Mapped[float] = mapped_column(Float)  # the rule's, when recorded
    claimed_hours: Mapped[float] = mapped_column(Float)  # quantity × hours per unit
    hours: Mapped[float] = mapped_column(Float)  # what counts once approved: within the year's cap
    category: Mapped[str] = mapped_column(String(24))  # CourseCategory value it counts toward
    evidence: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default="pending")  # RecognitionStatus value
    note: Mapped[str | None] = mapped_column(Text)  # the cap's cut, as said when recorded
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    reject_reason: Mapped[str | None] = mapped_column(Text)


class TitleChange(Synced, Base):
    """A change of title level or high-tech status from a date; the year's rule uses the title at year end."""

    __tablename__ = "title_change"
    __table_args__ = (Index("ix_title_change_trainee_id_effective_on", "trainee_id", "effective_on"),)

    trainee_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("trainee.id"))
    effective_on: Mapped[dt.date] = mapped_column(Date)
    previous_title_level: Mapped[str] = mapped_column(String(16))
    previous_high_tech: Mapped[bool] = mapped_column(Boolean)
    title_level: Mapped[str] = mapped_column(String(16))
    high_tech: Mapped[bool] = mapped_column(Boolean)
    recorded_by: Mapped[str] = mapped_column(String(64))


class CertificateNumbering(Synced, Base):
    """How an issuing department numbers its certificates: a pattern and the next sequence."""

    __tablename__ = "certificate_numbering"

    issuing_org_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("org.id"), unique=True)
    pattern: Mapped[str] = mapped_column(String(64))  # e.g. "JX{org_code}{year}{seq:06d}"
    next_seq: Mapped[int] = mapped_column(Integer, default=1)


class HourRule(Synced, Base):
    """A year's study-hour rule as the city sets it (reference data, written by the 市级管理员 only).

    It applies from ``first_year`` until the next rule; before the first one the 条例's built-in
    rule does (``domain.hour_policy``). A category's minimum is hours or a share of the total.
    """

    __tablename__ = "hour_rule"

    first_year: Mapped[int] = mapped_column(Integer, unique=True)
    standard_hours: Mapped[float] = mapped_column(Float)
    senior_hours: Mapped[float] = mapped_column(Float)
    public_required_min_hours: Mapped[float | None] = mapped_column(Float)
    public_required_min_share: Mapped[float | None] = mapped_column(Float)
    public_elective_min_hours: Mapped[float | None] = mapped_column(Float)
    public_elective_min_share: Mapped[float | None] = mapped_column(Float)
    professional_min_hours: Mapped[float | None] = mapped_column(Float)
    professional_min_share: Mapped[float | None] = mapped_column(Float)
    required_courses: Mapped[str] = mapped_column(Text, default="")  # the year's 公需课, one name a line
    register_by: Mapped[str] = mapped_column(String(5), default="12-31")  # MM-DD of the year
    verify_by: Mapped[str] = mapped_column(String(5), default="01-20")  # MM-DD of the next year
    document_number: Mapped[str] = mapped_column(String(64), default="")  # 文号
    document_title: Mapped[str] = mapped_column(String(200), default="")
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)  # when its content last changed


class CertificateReissue(Synced, Base):
    """A certificate reissued after loss or damage: the number stays, the reissue is recorded."""

    __tablename__ = "certificate_reissue"

    certificate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("certificate.id"), index=True)
    reason: Mapped[str] = mapped_column(String(16))  # lost / damaged
    note: Mapped[str | None] = mapped_column(Text)
    reissued_on: Mapped[dt.date] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(64))


class TraineeYearHours(Base):
    """Derived, not synced: a trainee's hours of one year by category, with the year's requirement
    (title at year end) and copies of their org path and 在职 flag, so that the compliance
    overview of a city is one index range. Kept by ``storage.derived``; rebuilt on each side."""

    __tablename__ = "trainee_year_hours"
    __table_args__ = (
        Index("ix_trainee_year_hours_scope", "year", "org_path", "active", "required", "total",
              "public_required", "public_elective", "professional", "other"),
    )

    trainee_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("trainee.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    org_path: Mapped[str] = mapped_column(PathString)
    active: Mapped[bool] = mapped_column(Boolean)
    required: Mapped[float] = mapped_column(Float)
    public_required: Mapped[float] = mapped_column(Float, default=0.0)
    public_elective: Mapped[float] = mapped_column(Float, default=0.0)
    professional: Mapped[float] = mapped_column(Float, default=0.0)
    other: Mapped[float] = mapped_column(Float, default=0.0)  # other learning not assigned a category
    total: Mapped[float] = mapped_column(Float, default=0.0)


class SigningKey(Synced, Base):
    """A public key that signs printed archive sheets; verification trusts the keys listed here."""

    __tablename__ = "signing_key"

    key_id: Mapped[str] = mapped_column(String(16), unique=True)  # first 8 bytes of SHA-256(public key), hex
    public_key: Mapped[bytes] = mapped_column(LargeBinary)  # raw 32-byte Ed25519 key
    label: Mapped[str] = mapped_column(String(100))  # the installation that holds the private key
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class TrustStatement(Synced, Base):
    """A statement of the city's root key (``domain/issuer_chain.py``): the root itself, a
    certificate of an installation's key, or a revocation. Only the city writes them; the
    signature, not the row, is what a desk trusts."""

    __tablename__ = "trust_statement"

    kind: Mapped[str] = mapped_column(String(16))
    key_id: Mapped[str] = mapped_column(String(16), index=True)  # the key the statement is about
    body: Mapped[str] = mapped_column(Text)  # canonical JSON, signed
    signature: Mapped[bytes] = mapped_column(LargeBinary)


class IssuedSheet(Synced, Base):
    """A signed archive sheet as printed: its short code finds the full signed claim."""

    __tablename__ = "issued_sheet"

    code: Mapped[str] = mapped_column(String(16), unique=True)  # the short code, without separators
    enrollment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("enrollment.id"), index=True)
    key_id: Mapped[str] = mapped_column(String(16))
    signed: Mapped[bytes] = mapped_column(LargeBinary)  # the QR's bytes: version · key id · signature · claim
    issued_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class AuditLog(Base):
    """Append-only; each entry's hash chains to the previous one."""

    __tablename__ = "audit_log"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now, index=True)
    actor: Mapped[str] = mapped_column(String(64))
    workstation: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(32), index=True)
    target: Mapped[str | None] = mapped_column(String(200))
    detail: Mapped[str | None] = mapped_column(Text)  # JSON
    outcome: Mapped[str] = mapped_column(String(16), default="ok")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class Outbox(Base):
    """Local changes waiting to be pushed, written in the same transaction as the change."""

    __tablename__ = "sync_outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mutation_id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True, default=new_id)
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    operation: Mapped[str] = mapped_column(String(8))  # insert / update / delete
    base_version: Mapped[int] = mapped_column(Integer)  # row_version the change was based on
    changes: Mapped[str] = mapped_column(Text)  # JSON of the changed fields' new values
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class HeldRow(Base):
    """A pulled row this desk could not store yet (its parent is missing, or a local duplicate).

    Kept, not dropped: every sync tries it again, and the 同步/冲突 page shows it with its reason.
    """

    __tablename__ = "sync_held"

    table_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    server_seq: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[str] = mapped_column(Text)  # JSON of the central row
    reason: Mapped[str] = mapped_column(Text)  # Chinese, shown as it is
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    first_seen: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class AppMeta(Base):
    """Small key/value facts about this database (installation id, demo seed, …)."""

    __tablename__ = "app_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


SYNCED_TABLES: tuple[type[Base], ...] = tuple(
    mapper.class_ for mapper in Base.registry.mappers if getattr(mapper.class_, "__synced__", False)
)
