"""workers owed (欠薪工人名册) and evidence/attachments (证据与附件) of a case

Revision ID: 0008
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'case_worker',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(64), nullable=False),
        sa.Column('id_type', sa.String(32), nullable=False),
        sa.Column('id_number', sa.String(64), nullable=False),
        sa.Column('phone', sa.String(32), nullable=True),
        sa.Column('is_migrant_worker', sa.Boolean(), nullable=False),
        sa.Column('amount_owed', sa.Numeric(14, 2), nullable=False),
        sa.Column('amount_paid', sa.Numeric(14, 2), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], name='fk_case_worker_case_id_case_file'),
        sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'],
                                name='fk_case_worker_created_by_id_user_account'),
        sa.PrimaryKeyConstraint('id', name='pk_case_worker'),
        sa.UniqueConstraint('case_id', 'id_number', name='uq_case_worker_case_id'),
    )
    op.create_index('ix_case_worker_case_id', 'case_worker', ['case_id'])
    op.create_table(
        'case_attachment',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('category', sa.String(16), nullable=False),
        sa.Column('description', sa.Text(), nullable=False),
        sa.Column('obtained_on', sa.Date(), nullable=False),
        sa.Column('original_name', sa.String(255), nullable=False),
        sa.Column('stored_name', sa.String(64), nullable=False),
        sa.Column('content_type', sa.String(128), nullable=False),
        sa.Column('size', sa.BigInteger(), nullable=False),
        sa.Column('sha256', sa.String(64), nullable=False),
        sa.Column('uploaded_by_id', sa.Integer(), nullable=False),
        sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('deleted_by_id', sa.Integer(), nullable=True),
        sa.Column('delete_reason', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], name='fk_case_attachment_case_id_case_file'),
        sa.ForeignKeyConstraint(['uploaded_by_id'], ['user_account.id'],
                                name='fk_case_attachment_uploaded_by_id_user_account'),
        sa.ForeignKeyConstraint(['deleted_by_id'], ['user_account.id'],
                                name='fk_case_attachment_deleted_by_id_user_account'),
        sa.PrimaryKeyConstraint('id', name='pk_case_attachment'),
        sa.UniqueConstraint('stored_name', name='uq_case_attachment_stored_name'),
    )
    op.create_index('ix_case_attachment_case', 'case_attachment', ['case_id', 'deleted_at'])


def downgrade():
    op.drop_table('case_attachment')
    op.drop_table('case_worker')
