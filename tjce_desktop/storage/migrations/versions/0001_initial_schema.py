"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-29 07:18:15.612889
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('app_meta',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_app_meta'))
    )
    op.create_table('audit_log',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('workstation', sa.String(length=100), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('target', sa.String(length=200), nullable=True),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log')),
    sa.UniqueConstraint('seq', name=op.f('uq_audit_log_seq'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_at'), ['at'], unique=False)

    op.create_table('org',
    sa.Column('parent_id', sa.Uuid(), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('path', sa.String(length=255).with_variant(sa.String(length=255, collation='C'), 'postgresql'), nullable=False),
    sa.Column('depth', sa.Integer(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('seal_image', sa.LargeBinary(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['parent_id'], ['org.id'], name=op.f('fk_org_parent_id_org')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_org')),
    sa.UniqueConstraint('code', name=op.f('uq_org_code')),
    sa.UniqueConstraint('path', name=op.f('uq_org_path'))
    )
    with op.batch_alter_table('org', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_org_parent_id'), ['parent_id'], unique=False)

    op.create_table('sync_outbox',
    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('mutation_id', sa.Uuid(), nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('row_id', sa.Uuid(), nullable=False),
    sa.Column('operation', sa.String(length=8), nullable=False),
    sa.Column('base_version', sa.Integer(), nullable=False),
    sa.Column('changes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_sync_outbox')),
    sa.UniqueConstraint('mutation_id', name=op.f('uq_sync_outbox_mutation_id'))
    )
    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_outbox_row_id'), ['row_id'], unique=False)

    op.create_table('training_plan',
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('closed', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_plan')),
    sa.UniqueConstraint('name', name=op.f('uq_training_plan_name'))
    )
    with op.batch_alter_table('training_plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_plan_year'), ['year'], unique=False)

    op.create_table('admin_user',
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=50), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=True),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('org_id', sa.Uuid(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['org_id'], ['org.id'], name=op.f('fk_admin_user_org_id_org')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_admin_user')),
    sa.UniqueConstraint('username', name=op.f('uq_admin_user_username'))
    )
    with op.batch_alter_table('admin_user', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_admin_user_org_id'), ['org_id'], unique=False)

    op.create_table('course',
    sa.Column('plan_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('category', sa.String(length=24), nullable=False),
    sa.Column('hours', sa.Float(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['training_plan.id'], name=op.f('fk_course_plan_id_training_plan')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course'))
    )
    with op.batch_alter_table('course', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_plan_id'), ['plan_id'], unique=False)

    op.create_table('exam',
    sa.Column('plan_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('exam_type', sa.String(length=16), nullable=False),
    sa.Column('max_attempts', sa.Integer(), nullable=False),
    sa.Column('pass_score', sa.Float(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['training_plan.id'], name=op.f('fk_exam_plan_id_training_plan')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exam'))
    )
    with op.batch_alter_table('exam', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exam_plan_id'), ['plan_id'], unique=False)

    op.create_table('stamp_batch',
    sa.Column('org_id', sa.Uuid(), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('stamped_by', sa.String(length=64), nullable=False),
    sa.Column('stamped_at', sa.DateTime(), nullable=False),
    sa.Column('archive_count', sa.Integer(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('revoked_by', sa.String(length=64), nullable=True),
    sa.Column('revoke_reason', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['org_id'], ['org.id'], name=op.f('fk_stamp_batch_org_id_org')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stamp_batch'))
    )
    with op.batch_alter_table('stamp_batch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stamp_batch_org_id'), ['org_id'], unique=False)

    op.create_table('trainee',
    sa.Column('org_id', sa.Uuid(), nullable=False),
    sa.Column('org_path', sa.String(length=255).with_variant(sa.String(length=255, collation='C'), 'postgresql'), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('real_name', sa.String(length=50), nullable=False),
    sa.Column('id_number', sa.String(length=18), nullable=False),
    sa.Column('gender', sa.String(length=8), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=True),
    sa.Column('email', sa.String(length=100), nullable=True),
    sa.Column('title_level', sa.String(length=16), nullable=False),
    sa.Column('post_type', sa.String(length=16), nullable=False),
    sa.Column('high_tech', sa.Boolean(), nullable=False),
    sa.Column('job_title', sa.String(length=64), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.Column('registered_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['org_id'], ['org.id'], name=op.f('fk_trainee_org_id_org')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trainee')),
    sa.UniqueConstraint('id_number', name=op.f('uq_trainee_id_number')),
    sa.UniqueConstraint('username', name=op.f('uq_trainee_username'))
    )
    with op.batch_alter_table('trainee', schema=None) as batch_op:
        batch_op.create_index('ix_trainee_live_org_path_real_name', ['org_path', 'real_name'], unique=False, sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))
        batch_op.create_index(batch_op.f('ix_trainee_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_trainee_real_name'), ['real_name'], unique=False)

    op.create_table('certificate',
    sa.Column('trainee_id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('issuing_org_id', sa.Uuid(), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('booklet_no', sa.Integer(), nullable=False),
    sa.Column('issue_reason', sa.String(length=16), nullable=False),
    sa.Column('predecessor_id', sa.Uuid(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['issuing_org_id'], ['org.id'], name=op.f('fk_certificate_issuing_org_id_org')),
    sa.ForeignKeyConstraint(['predecessor_id'], ['certificate.id'], name=op.f('fk_certificate_predecessor_id_certificate')),
    sa.ForeignKeyConstraint(['trainee_id'], ['trainee.id'], name=op.f('fk_certificate_trainee_id_trainee')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate')),
    sa.UniqueConstraint('number', name=op.f('uq_certificate_number'))
    )
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificate_issuing_org_id'), ['issuing_org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificate_trainee_id'), ['trainee_id'], unique=False)

    op.create_table('enrollment',
    sa.Column('trainee_id', sa.Uuid(), nullable=False),
    sa.Column('plan_id', sa.Uuid(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('enrolled_at', sa.DateTime(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('hours', sa.Float(), nullable=False),
    sa.Column('stamp_status', sa.String(length=16), nullable=False),
    sa.Column('stamp_batch_id', sa.Uuid(), nullable=True),
    sa.Column('stamped_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['training_plan.id'], name=op.f('fk_enrollment_plan_id_training_plan')),
    sa.ForeignKeyConstraint(['stamp_batch_id'], ['stamp_batch.id'], name=op.f('fk_enrollment_stamp_batch_id_stamp_batch')),
    sa.ForeignKeyConstraint(['trainee_id'], ['trainee.id'], name=op.f('fk_enrollment_trainee_id_trainee')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enrollment')),
    sa.UniqueConstraint('trainee_id', 'plan_id', name=op.f('uq_enrollment_trainee_id_plan_id'))
    )
    with op.batch_alter_table('enrollment', schema=None) as batch_op:
        batch_op.create_index('ix_enrollment_plan_id_status', ['plan_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_enrollment_stamp_batch_id'), ['stamp_batch_id'], unique=False)

    op.create_table('certificate_registration',
    sa.Column('certificate_id', sa.Uuid(), nullable=False),
    sa.Column('trainee_id', sa.Uuid(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('hours_public_required', sa.Float(), nullable=False),
    sa.Column('hours_public_elective', sa.Float(), nullable=False),
    sa.Column('hours_professional', sa.Float(), nullable=False),
    sa.Column('hours_other', sa.Float(), nullable=False),
    sa.Column('required_hours', sa.Float(), nullable=False),
    sa.Column('registered_by', sa.String(length=64), nullable=False),
    sa.Column('registered_at', sa.DateTime(), nullable=False),
    sa.Column('exception_reason', sa.Text(), nullable=True),
    sa.Column('verified_by', sa.String(length=64), nullable=True),
    sa.Column('verified_at', sa.DateTime(), nullable=True),
    sa.Column('verifying_org_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['certificate_id'], ['certificate.id'], name=op.f('fk_certificate_registration_certificate_id_certificate')),
    sa.ForeignKeyConstraint(['trainee_id'], ['trainee.id'], name=op.f('fk_certificate_registration_trainee_id_trainee')),
    sa.ForeignKeyConstraint(['verifying_org_id'], ['org.id'], name=op.f('fk_certificate_registration_verifying_org_id_org')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate_registration')),
    sa.UniqueConstraint('trainee_id', 'year', name=op.f('uq_certificate_registration_trainee_id_year'))
    )
    with op.batch_alter_table('certificate_registration', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificate_registration_certificate_id'), ['certificate_id'], unique=False)

    op.create_table('course_progress',
    sa.Column('enrollment_id', sa.Uuid(), nullable=False),
    sa.Column('course_id', sa.Uuid(), nullable=False),
    sa.Column('hours', sa.Float(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['course_id'], ['course.id'], name=op.f('fk_course_progress_course_id_course')),
    sa.ForeignKeyConstraint(['enrollment_id'], ['enrollment.id'], name=op.f('fk_course_progress_enrollment_id_enrollment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course_progress')),
    sa.UniqueConstraint('enrollment_id', 'course_id', name=op.f('uq_course_progress_enrollment_id_course_id'))
    )
    with op.batch_alter_table('course_progress', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_progress_course_id'), ['course_id'], unique=False)

    op.create_table('exam_attempt',
    sa.Column('enrollment_id', sa.Uuid(), nullable=False),
    sa.Column('exam_id', sa.Uuid(), nullable=False),
    sa.Column('attempt_no', sa.Integer(), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('passed', sa.Boolean(), nullable=False),
    sa.Column('taken_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['enrollment_id'], ['enrollment.id'], name=op.f('fk_exam_attempt_enrollment_id_enrollment')),
    sa.ForeignKeyConstraint(['exam_id'], ['exam.id'], name=op.f('fk_exam_attempt_exam_id_exam')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exam_attempt')),
    sa.UniqueConstraint('enrollment_id', 'exam_id', 'attempt_no', name=op.f('uq_exam_attempt_enrollment_id_exam_id_attempt_no'))
    )
    with op.batch_alter_table('exam_attempt', schema=None) as batch_op:
        batch_op.create_index('ix_exam_attempt_exam_id', ['exam_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('exam_attempt', schema=None) as batch_op:
        batch_op.drop_index('ix_exam_attempt_exam_id')

    op.drop_table('exam_attempt')
    with op.batch_alter_table('course_progress', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_course_progress_course_id'))

    op.drop_table('course_progress')
    with op.batch_alter_table('certificate_registration', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificate_registration_certificate_id'))

    op.drop_table('certificate_registration')
    with op.batch_alter_table('enrollment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enrollment_stamp_batch_id'))
        batch_op.drop_index('ix_enrollment_plan_id_status')

    op.drop_table('enrollment')
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificate_trainee_id'))
        batch_op.drop_index(batch_op.f('ix_certificate_issuing_org_id'))

    op.drop_table('certificate')
    with op.batch_alter_table('trainee', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_trainee_real_name'))
        batch_op.drop_index(batch_op.f('ix_trainee_org_id'))
        batch_op.drop_index('ix_trainee_live_org_path_real_name', sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))

    op.drop_table('trainee')
    with op.batch_alter_table('stamp_batch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stamp_batch_org_id'))

    op.drop_table('stamp_batch')
    with op.batch_alter_table('exam', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exam_plan_id'))

    op.drop_table('exam')
    with op.batch_alter_table('course', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_course_plan_id'))

    op.drop_table('course')
    with op.batch_alter_table('admin_user', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_admin_user_org_id'))

    op.drop_table('admin_user')
    with op.batch_alter_table('training_plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_plan_year'))

    op.drop_table('training_plan')
    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_outbox_row_id'))

    op.drop_table('sync_outbox')
    with op.batch_alter_table('org', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_org_parent_id'))

    op.drop_table('org')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_at'))
        batch_op.drop_index(batch_op.f('ix_audit_log_action'))

    op.drop_table('audit_log')
    op.drop_table('app_meta')
