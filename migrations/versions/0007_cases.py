"""cases (案件)

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'case_file',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('number', sa.String(64), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('sequence', sa.Integer(), nullable=False),
        sa.Column('ticket_id', sa.Integer(), nullable=True),
        sa.Column('source', sa.String(32), nullable=False),
        sa.Column('project_name', sa.String(200), nullable=False),
        sa.Column('respondent_name', sa.String(200), nullable=False),
        sa.Column('complainant_name', sa.String(64), nullable=True),
        sa.Column('complainant_phone', sa.String(32), nullable=True),
        sa.Column('summary', sa.Text(), nullable=False),
        sa.Column('people_count', sa.Integer(), nullable=False),
        sa.Column('amount', sa.Numeric(14, 2), nullable=False),
        sa.Column('migrant_worker_count', sa.Integer(), nullable=False),
        sa.Column('team', sa.String(64), nullable=True),
        sa.Column('status', sa.String(16), nullable=False),
        sa.Column('stage', sa.String(64), nullable=False),
        sa.Column('outcome', sa.String(48), nullable=True),
        sa.Column('case_cause', sa.String(200), nullable=True),
        sa.Column('filed_on', sa.Date(), nullable=True),
        sa.Column('decided_on', sa.Date(), nullable=True),
        sa.Column('closed_on', sa.Date(), nullable=True),
        sa.Column('handler_id', sa.Integer(), nullable=True),
        sa.Column('co_handler_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name='fk_case_file_ticket_id_ticket'),
        sa.ForeignKeyConstraint(['handler_id'], ['user_account.id'], name='fk_case_file_handler_id_user_account'),
        sa.ForeignKeyConstraint(['co_handler_id'], ['user_account.id'], name='fk_case_file_co_handler_id_user_account'),
        sa.PrimaryKeyConstraint('id', name='pk_case_file'),
        sa.UniqueConstraint('number', name='uq_case_file_number'),
        sa.UniqueConstraint('year', 'sequence', name='uq_case_file_year'),
    )
    op.create_index('ix_case_file_status', 'case_file', ['status', 'filed_on'])
    op.create_index('ix_case_file_handlers', 'case_file', ['handler_id', 'co_handler_id'])
    op.create_index('ix_case_file_ticket_id', 'case_file', ['ticket_id'])


def downgrade():
    op.drop_table('case_file')
