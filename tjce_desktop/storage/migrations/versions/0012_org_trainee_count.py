"""live trainees per org path, kept by triggers: the counts of a scope without reading its trainees

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 15:00:00

Counting the city's ~970,000 在职 trainees takes 0.10–0.15 s on a fresh connection — as long as
a bare Qt window takes to start — and the tree's per-org totals read every trainee again. This
local table holds, per org path, how many live (not soft-deleted) trainees it has and how many
of them are 在职; triggers keep it in the same transaction as every trainee write (the ORM,
bulk inserts, imports, sync pull's upserts, the demo). Derived data, never synced: the
central PostgreSQL gets nothing. Filled here with one GROUP BY.
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# Each a single statement per trigger body step; ``active`` is 0/1 (SQLAlchemy's Boolean).
_ADD = ("INSERT INTO org_trainee_count (org_path, active, total) SELECT NEW.org_path, NEW.active != 0, 1 "
        "WHERE NEW.deleted_at IS NULL "
        "ON CONFLICT(org_path) DO UPDATE SET active = active + excluded.active, total = total + 1;")
_SUBTRACT = ("UPDATE org_trainee_count SET active = active - (OLD.active != 0), total = total - 1 "
             "WHERE org_path = OLD.org_path AND OLD.deleted_at IS NULL;")

STATEMENTS = (
    "CREATE TABLE org_trainee_count (org_path VARCHAR NOT NULL PRIMARY KEY, "
    "active INTEGER NOT NULL DEFAULT 0, total INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID",
    f"CREATE TRIGGER trainee_count_insert AFTER INSERT ON trainee BEGIN {_ADD} END",
    f"CREATE TRIGGER trainee_count_delete AFTER DELETE ON trainee BEGIN {_SUBTRACT} END",
    # Only when something counted changes: most trainee updates (a phone, a title) skip it.
    "CREATE TRIGGER trainee_count_update AFTER UPDATE OF org_path, active, deleted_at ON trainee "
    "WHEN OLD.org_path IS NOT NEW.org_path OR (OLD.active != 0) IS NOT (NEW.active != 0) "
    "OR (OLD.deleted_at IS NULL) != (NEW.deleted_at IS NULL) "
    f"BEGIN {_SUBTRACT} {_ADD} END",
    "INSERT INTO org_trainee_count (org_path, active, total) "
    "SELECT org_path, sum(active != 0), count(*) FROM trainee WHERE deleted_at IS NULL GROUP BY org_path",
)


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        return  # local derived data: the central database neither needs nor syncs it
    for statement in STATEMENTS:
        connection.exec_driver_sql(statement)


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        return
    for name in ("trainee_count_update", "trainee_count_delete", "trainee_count_insert"):
        connection.exec_driver_sql(f"DROP TRIGGER {name}")
    connection.exec_driver_sql("DROP TABLE org_trainee_count")
