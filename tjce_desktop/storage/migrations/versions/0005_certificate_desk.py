"""证书登记: other learning, title history, certificate numbering and reissues, hours of a year

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 10:20:00

trainee_year_hours is derived (not synced): filled here from the learning already stored.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_LIVE = sa.text("deleted_at IS NULL")
_PATH = sa.String(length=255).with_variant(sa.String(length=255, collation="C"), "postgresql")


def _synced() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "other_learning",
        sa.Column("trainee_id", sa.Uuid(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("form", sa.String(length=24), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("category", sa.String(length=24), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("days", sa.Float(), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(["trainee_id"], ["trainee.id"], name=op.f("fk_other_learning_trainee_id_trainee")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_other_learning")),
    )
    op.create_index("ix_other_learning_trainee_id_year", "other_learning", ["trainee_id", "year"])
    op.create_table(
        "title_change",
        sa.Column("trainee_id", sa.Uuid(), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("previous_title_level", sa.String(length=16), nullable=False),
        sa.Column("previous_high_tech", sa.Boolean(), nullable=False),
        sa.Column("title_level", sa.String(length=16), nullable=False),
        sa.Column("high_tech", sa.Boolean(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(["trainee_id"], ["trainee.id"], name=op.f("fk_title_change_trainee_id_trainee")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_title_change")),
    )
    op.create_index("ix_title_change_trainee_id_effective_on", "title_change", ["trainee_id", "effective_on"])
    op.create_table(
        "certificate_numbering",
        sa.Column("issuing_org_id", sa.Uuid(), nullable=False),
        sa.Column("pattern", sa.String(length=64), nullable=False),
        sa.Column("next_seq", sa.Integer(), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(["issuing_org_id"], ["org.id"],
                                name=op.f("fk_certificate_numbering_issuing_org_id_org")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate_numbering")),
        sa.UniqueConstraint("issuing_org_id", name=op.f("uq_certificate_numbering_issuing_org_id")),
    )
    op.create_table(
        "certificate_reissue",
        sa.Column("certificate_id", sa.Uuid(), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("reissued_on", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(["certificate_id"], ["certificate.id"],
                                name=op.f("fk_certificate_reissue_certificate_id_certificate")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate_reissue")),
    )
    op.create_index(op.f("ix_certificate_reissue_certificate_id"), "certificate_reissue", ["certificate_id"])
    op.create_table(
        "trainee_year_hours",
        sa.Column("trainee_id", sa.Uuid(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("org_path", _PATH, nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("required", sa.Float(), nullable=False),
        sa.Column("public_required", sa.Float(), nullable=False),
        sa.Column("public_elective", sa.Float(), nullable=False),
        sa.Column("professional", sa.Float(), nullable=False),
        sa.Column("other", sa.Float(), nullable=False),
        sa.Column("total", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["trainee_id"], ["trainee.id"], name=op.f("fk_trainee_year_hours_trainee_id_trainee")),
        sa.PrimaryKeyConstraint("trainee_id", "year", name=op.f("pk_trainee_year_hours")),
    )
    op.create_index("ix_trainee_year_hours_scope", "trainee_year_hours",
                    ["year", "org_path", "active", "required", "total", "public_required", "public_elective",
                     "professional", "other"])
    op.create_index("ix_trainee_live_org_path_active_title", "trainee", ["org_path", "active", "title_level", "high_tech"],
                    sqlite_where=_LIVE, postgresql_where=_LIVE)
    op.create_index("ix_certificate_registration_year", "certificate_registration", ["year"])
    if op.get_bind().dialect.name == "sqlite":
        from tjce_desktop.storage.derived import rebuild_year_hours

        rebuild_year_hours(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_certificate_registration_year", "certificate_registration")
    op.drop_index("ix_trainee_live_org_path_active_title", "trainee")
    op.drop_table("trainee_year_hours")
    op.drop_table("certificate_reissue")
    op.drop_table("certificate_numbering")
    op.drop_table("title_change")
    op.drop_table("other_learning")
