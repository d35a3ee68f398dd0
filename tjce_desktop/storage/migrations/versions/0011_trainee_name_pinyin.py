"""trainee names by pinyin: keys for search (zhang, zm → 张敏) and sort (丁, 万, 于)

Revision ID: 0011
Revises: 0007
Create Date: 2026-12-05 14:00:00

Two derived columns (never synced); the subtree index (0002's) is replaced by one that orders
names by pinyin; two indexes serve the 真实姓名 sort and pinyin / initials prefixes. On SQLite the keys are filled here, in
batches by rowid (a million trainees: a few hundred thousand distinct names, read once);
the central database does not search names and leaves them empty.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_LIVE = sa.text("deleted_at IS NULL")
_PINYIN = sa.String(length=320).with_variant(sa.String(length=320, collation="C"), "postgresql")
_INITIALS = sa.String(length=64).with_variant(sa.String(length=64, collation="C"), "postgresql")
BATCH = 20_000


def _backfill(connection) -> None:
    from tjce_desktop.domain.pinyin import person_name_keys

    last = -1
    while True:
        rows = connection.exec_driver_sql(
            "SELECT rowid, real_name FROM trainee WHERE rowid > ? ORDER BY rowid LIMIT ?", (last, BATCH)).all()
        if not rows:
            return
        updates = []
        for rowid, real_name in rows:
            keys = person_name_keys(real_name or "")
            updates.append((keys.full, keys.initials, rowid))
        connection.exec_driver_sql("UPDATE trainee SET name_pinyin = ?, name_initials = ? WHERE rowid = ?", updates)
        last = rows[-1][0]


def upgrade() -> None:
    op.add_column("trainee", sa.Column("name_pinyin", _PINYIN, server_default="", nullable=False))
    op.add_column("trainee", sa.Column("name_initials", _INITIALS, server_default="", nullable=False))
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        _backfill(connection)  # before the indexes: one build each instead of a million updates
    # The subtree index now orders names by pinyin; it replaces 0002's (org_path, real_name, active).
    op.create_index("ix_trainee_live_org_path_name_pinyin", "trainee", ["org_path", "name_pinyin", "real_name", "active"],
                    sqlite_where=_LIVE, postgresql_where=_LIVE)
    op.drop_index("ix_trainee_live_org_path_real_name_active", "trainee")
    op.create_index("ix_trainee_live_name_pinyin", "trainee", ["name_pinyin", "real_name", "org_path"],
                    sqlite_where=_LIVE, postgresql_where=_LIVE)
    op.create_index("ix_trainee_live_name_initials", "trainee", ["name_initials", "org_path"],
                    sqlite_where=_LIVE, postgresql_where=_LIVE)
    if connection.dialect.name == "sqlite" and connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first():
        # A database with statistics (the demo's ANALYZE) must have them for the new indexes
        # too: SQLite would otherwise favour the unmeasured ones.
        for index in ("ix_trainee_live_org_path_name_pinyin", "ix_trainee_live_name_pinyin",
                      "ix_trainee_live_name_initials"):
            connection.exec_driver_sql(f"ANALYZE {index}")


def downgrade() -> None:
    op.create_index("ix_trainee_live_org_path_real_name_active", "trainee", ["org_path", "real_name", "active"],
                    sqlite_where=_LIVE, postgresql_where=_LIVE)
    op.drop_index("ix_trainee_live_name_initials", "trainee")
    op.drop_index("ix_trainee_live_name_pinyin", "trainee")
    op.drop_index("ix_trainee_live_org_path_name_pinyin", "trainee")
    with op.batch_alter_table("trainee", schema=None) as batch_op:
        batch_op.drop_column("name_initials")
        batch_op.drop_column("name_pinyin")
