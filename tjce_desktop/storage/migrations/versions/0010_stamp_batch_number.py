"""a number people can read for every stamp batch (GZ-2026-7KQ3M-000123)

Revision ID: 0010
Revises: 0007 (the lead relinks the chain at merge)
Create Date: 2026-12-05 14:00:00

Older batches keep NULL: their shown number is computed from their key
(domain/batch_number.shown), the same on every desk, so nothing is rewritten here.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("stamp_batch") as batch:
        batch.add_column(sa.Column("number", sa.String(length=32), nullable=True))
        batch.create_index(batch.f("ix_stamp_batch_number"), ["number"])


def downgrade() -> None:
    with op.batch_alter_table("stamp_batch") as batch:
        batch.drop_index(batch.f("ix_stamp_batch_number"))
        batch.drop_column("number")
