"""legal documents (执法文书): documents, their versions and service records

Revision ID: 0011
Revises: 0010
"""
from alembic import op
import sqlalchemy as sa

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'document',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('case_id', sa.Integer(), sa.ForeignKey('case_file.id'), nullable=True),
        sa.Column('ticket_id', sa.Integer(), sa.ForeignKey('ticket.id'), nullable=True),
        sa.Column('kind', sa.String(48), nullable=False),
        sa.Column('title', sa.String(64), nullable=False),
        sa.Column('status', sa.String(16), nullable=False),
        sa.Column('number', sa.String(64), nullable=True, unique=True),
        sa.Column('sequence_key', sa.String(48), nullable=True),
        sa.Column('year', sa.Integer(), nullable=True),
        sa.Column('sequence', sa.Integer(), nullable=True),
        sa.Column('inputs', sa.JSON(), nullable=False),
        sa.Column('current_version', sa.Integer(), nullable=False),
        sa.Column('issued_on', sa.Date(), nullable=True),
        sa.Column('issued_by_id', sa.Integer(), sa.ForeignKey('user_account.id'), nullable=True),
        sa.Column('voided_at', sa.DateTime(), nullable=True),
        sa.Column('voided_by_id', sa.Integer(), sa.ForeignKey('user_account.id'), nullable=True),
        sa.Column('void_reason', sa.Text(), nullable=True),
        sa.Column('replaces_id', sa.Integer(), sa.ForeignKey('document.id'), nullable=True),
        sa.Column('created_by_id', sa.Integer(), sa.ForeignKey('user_account.id'), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.UniqueConstraint('sequence_key', 'year', 'sequence', name='uq_document_number_sequence'),
    )
    op.create_index('ix_document_case', 'document', ['case_id', 'kind'])
    op.create_index('ix_document_ticket', 'document', ['ticket_id', 'kind'])
    op.create_table(
        'document_version',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('document_id', sa.Integer(), sa.ForeignKey('document.id'), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('is_issued', sa.Boolean(), nullable=False),
        sa.Column('stored_name', sa.String(200), nullable=False),
        sa.Column('sha256', sa.String(64), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), sa.ForeignKey('user_account.id'), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.UniqueConstraint('document_id', 'version'),
    )
    op.create_index('ix_document_version_document_id', 'document_version', ['document_id'])
    op.create_table(
        'service_record',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('document_id', sa.Integer(), sa.ForeignKey('document.id'), nullable=False),
        sa.Column('method', sa.String(16), nullable=False),
        sa.Column('recipient', sa.String(200), nullable=False),
        sa.Column('signed_by', sa.String(64), nullable=True),
        sa.Column('address', sa.String(300), nullable=True),
        sa.Column('witnesses', sa.String(200), nullable=True),
        sa.Column('media_reference', sa.String(200), nullable=True),
        sa.Column('tracking_number', sa.String(64), nullable=True),
        sa.Column('consent_reference', sa.String(200), nullable=True),
        sa.Column('notice_published_on', sa.Date(), nullable=True),
        sa.Column('notice_period_days', sa.Integer(), nullable=True),
        sa.Column('notice_carrier', sa.String(200), nullable=True),
        sa.Column('delivered_on', sa.Date(), nullable=False),
        sa.Column('served_on', sa.Date(), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('clock_id', sa.Integer(), sa.ForeignKey('legal_clock.id'), nullable=True),
        sa.Column('recorded_by_id', sa.Integer(), sa.ForeignKey('user_account.id'), nullable=True),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
    )
    op.create_index('ix_service_record_document_id', 'service_record', ['document_id'])


def downgrade():
    op.drop_table('service_record')
    op.drop_table('document_version')
    op.drop_table('document')
