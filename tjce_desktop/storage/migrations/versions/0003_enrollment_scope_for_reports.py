"""archives carry their trainee's org path and 在职 flag for the reports

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 08:25:00

4.1 for the whole city joined 3,000,000 archives to their trainees (22 s on a million
trainees); with the scope copied onto the archive and a covering index it is one index scan.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_LIVE = sa.text("deleted_at IS NULL")
_PATH = sa.String(length=255).with_variant(sa.String(length=255, collation="C"), "postgresql")


def upgrade() -> None:
    # Plain ADD COLUMN and CREATE INDEX: batch mode would rebuild enrollment, which the
    # foreign keys of course_progress and exam_attempt forbid (and copy three million rows).
    op.add_column("enrollment", sa.Column("org_path", _PATH, nullable=False, server_default=""))
    op.add_column("enrollment", sa.Column("trainee_active", sa.Boolean(), nullable=False, server_default=sa.true()))
    op.execute(
        "UPDATE enrollment SET "
        "org_path = (SELECT t.org_path FROM trainee t WHERE t.id = enrollment.trainee_id), "
        "trainee_active = (SELECT t.active FROM trainee t WHERE t.id = enrollment.trainee_id)"
    )
    op.create_index("ix_enrollment_live_scope", "enrollment", ["plan_id", "status", "org_path", "trainee_active", "id"],
                    unique=False, sqlite_where=_LIVE, postgresql_where=_LIVE)
    op.create_index("ix_exam_attempt_live_outcome", "exam_attempt", ["enrollment_id", "exam_id", "passed", "score"],
                    unique=False, sqlite_where=_LIVE, postgresql_where=_LIVE)


def downgrade() -> None:
    op.drop_index("ix_exam_attempt_live_outcome", "exam_attempt")
    op.drop_index("ix_enrollment_live_scope", "enrollment")
    with op.batch_alter_table("enrollment", schema=None) as batch_op:
        batch_op.drop_column("trainee_active")
        batch_op.drop_column("org_path")
