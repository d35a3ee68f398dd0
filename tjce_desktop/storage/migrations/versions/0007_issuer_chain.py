"""the issuer chain: the city's signed statements, and the sheets printed with a short code

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _synced_columns(table: str) -> list:
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
    op.create_table(
        "trust_statement",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        *_synced_columns("trust_statement"),
    )
    op.create_index(op.f("ix_trust_statement_key_id"), "trust_statement", ["key_id"])
    op.create_table(
        "issued_sheet",
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("enrollment_id", sa.Uuid(), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("signed", sa.LargeBinary(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        *_synced_columns("issued_sheet"),
        sa.ForeignKeyConstraint(["enrollment_id"], ["enrollment.id"],
                                name=op.f("fk_issued_sheet_enrollment_id_enrollment")),
        sa.UniqueConstraint("code", name=op.f("uq_issued_sheet_code")),
    )
    op.create_index(op.f("ix_issued_sheet_enrollment_id"), "issued_sheet", ["enrollment_id"])


def downgrade() -> None:
    op.drop_table("issued_sheet")
    op.drop_table("trust_statement")
