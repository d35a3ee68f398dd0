"""hour_rule: the year's study-hour rules as the city sets them (synced reference data)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 13:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hour_rule",
        sa.Column("first_year", sa.Integer(), nullable=False),
        sa.Column("standard_hours", sa.Float(), nullable=False),
        sa.Column("senior_hours", sa.Float(), nullable=False),
        sa.Column("public_required_min_hours", sa.Float(), nullable=True),
        sa.Column("public_required_min_share", sa.Float(), nullable=True),
        sa.Column("public_elective_min_hours", sa.Float(), nullable=True),
        sa.Column("public_elective_min_share", sa.Float(), nullable=True),
        sa.Column("professional_min_hours", sa.Float(), nullable=True),
        sa.Column("professional_min_share", sa.Float(), nullable=True),
        sa.Column("required_courses", sa.Text(), nullable=False),
        sa.Column("register_by", sa.String(length=5), nullable=False),
        sa.Column("verify_by", sa.String(length=5), nullable=False),
        sa.Column("document_number", sa.String(length=64), nullable=False),
        sa.Column("document_title", sa.String(length=200), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hour_rule")),
        sa.UniqueConstraint("first_year", name=op.f("uq_hour_rule_first_year")),
    )


def downgrade() -> None:
    op.drop_table("hour_rule")
