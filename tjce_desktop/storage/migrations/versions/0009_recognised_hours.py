"""学时认定: the conversion table (seeded with the default) and the recognised-hours entries

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 13:50:00

The default table gets the same ids everywhere (domain.recognition.default_rule_id), so the
seeded rows of every desk and of the central database are one set of rows.
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _synced(table: str) -> list:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def upgrade() -> None:
    from tjce_desktop.domain.recognition import DEFAULT_RULES, default_rule_id

    rules = op.create_table(
        "recognition_rule",
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("kind_group", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("unit", sa.String(length=8), nullable=False),
        sa.Column("hours_per_unit", sa.Float(), nullable=False),
        sa.Column("category", sa.String(length=24), nullable=False),
        sa.Column("yearly_cap", sa.Float(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        *_synced("recognition_rule"),
        sa.UniqueConstraint("kind", name=op.f("uq_recognition_rule_kind")),
    )
    op.create_table(
        "recognised_hours",
        sa.Column("trainee_id", sa.Uuid(), nullable=False),
        sa.Column("rule_id", sa.Uuid(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("quantity", sa.Float(), nullable=False),
        sa.Column("hours_per_unit", sa.Float(), nullable=False),
        sa.Column("claimed_hours", sa.Float(), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("category", sa.String(length=24), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("reject_reason", sa.Text(), nullable=True),
        *_synced("recognised_hours"),
        sa.ForeignKeyConstraint(["trainee_id"], ["trainee.id"], name=op.f("fk_recognised_hours_trainee_id_trainee")),
        sa.ForeignKeyConstraint(["rule_id"], ["recognition_rule.id"],
                                name=op.f("fk_recognised_hours_rule_id_recognition_rule")),
        sa.CheckConstraint("status IN ('pending', 'approved', 'rejected')", name=op.f("ck_recognised_hours_status")),
        sa.CheckConstraint("decided_by IS NULL OR decided_by <> recorded_by",
                           name=op.f("ck_recognised_hours_four_eyes")),
        sa.CheckConstraint("(status = 'pending') = (decided_by IS NULL)", name=op.f("ck_recognised_hours_decided")),
    )
    op.create_index("ix_recognised_hours_trainee_id_year", "recognised_hours", ["trainee_id", "year"])
    op.create_index("ix_recognised_hours_status", "recognised_hours", ["status"])
    seeded = dt.datetime(2026, 12, 5)
    op.bulk_insert(rules, [
        {"id": default_rule_id(rule.kind), "kind": rule.kind, "kind_group": rule.group.value, "name": rule.name,
         "unit": rule.unit, "hours_per_unit": float(rule.hours_per_unit), "category": rule.category.value,
         "yearly_cap": float(rule.yearly_cap), "evidence": rule.evidence, "is_default": True, "active": True,
         "sort_order": number, "row_version": 1, "server_seq": None, "updated_at": seeded, "updated_by": None,
         "deleted_at": None}
        for number, rule in enumerate(DEFAULT_RULES, start=1)])


def downgrade() -> None:
    op.drop_table("recognised_hours")
    op.drop_table("recognition_rule")
