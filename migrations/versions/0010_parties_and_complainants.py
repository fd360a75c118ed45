"""party groups (建设/总包/分包单位, 欠薪直接责任单位/责任人) and complainants of tickets and cases

Existing tickets and cases keep their single respondent and complainant, copied
into the new tables so that every page reads parties from one place.

Revision ID: 0010
Revises: 0009
"""
from alembic import op
import sqlalchemy as sa

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'party',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('ticket_id', sa.Integer(), sa.ForeignKey('ticket.id'), nullable=True),
        sa.Column('case_id', sa.Integer(), sa.ForeignKey('case_file.id'), nullable=True),
        sa.Column('role', sa.String(32), nullable=False),
        sa.Column('name', sa.String(200), nullable=False),
        sa.Column('credit_code', sa.String(18), nullable=True),
        sa.Column('nature', sa.String(32), nullable=True),
        sa.Column('legal_representative', sa.String(64), nullable=True),
        sa.Column('legal_representative_id_number', sa.String(64), nullable=True),
        sa.Column('manager_name', sa.String(64), nullable=True),
        sa.Column('address', sa.String(300), nullable=True),
        sa.Column('phone', sa.String(32), nullable=True),
        sa.Column('agent_name', sa.String(64), nullable=True),
        sa.Column('agent_phone', sa.String(32), nullable=True),
        sa.Column('id_type', sa.String(32), nullable=True),
        sa.Column('id_number', sa.String(64), nullable=True),
        sa.Column('position', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('created_at', sa.DateTime(), nullable=False),
    )
    op.create_index('ix_party_ticket_id', 'party', ['ticket_id'])
    op.create_index('ix_party_case_id', 'party', ['case_id'])
    op.create_index('ix_party_credit_code', 'party', ['credit_code'])
    op.create_index('ix_party_name', 'party', ['name'])
    op.create_index('ix_party_id_number', 'party', ['id_number'])
    op.create_table(
        'complainant',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('ticket_id', sa.Integer(), sa.ForeignKey('ticket.id'), nullable=True),
        sa.Column('case_id', sa.Integer(), sa.ForeignKey('case_file.id'), nullable=True),
        sa.Column('name', sa.String(64), nullable=False),
        sa.Column('gender', sa.String(8), nullable=True),
        sa.Column('phone', sa.String(32), nullable=True),
        sa.Column('id_type', sa.String(32), nullable=True),
        sa.Column('id_number', sa.String(64), nullable=True),
        sa.Column('service_address', sa.String(300), nullable=True),
        sa.Column('is_migrant_worker', sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('position', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('created_at', sa.DateTime(), nullable=False),
    )
    op.create_index('ix_complainant_ticket_id', 'complainant', ['ticket_id'])
    op.create_index('ix_complainant_case_id', 'complainant', ['case_id'])
    op.create_index('ix_complainant_id_number', 'complainant', ['id_number'])
    op.create_index('ix_complainant_phone', 'complainant', ['phone'])
    # what tickets and cases recorded so far: one respondent, one complainant
    op.execute("INSERT INTO party (ticket_id, role, name, position, created_at)"
               " SELECT id, 'responsible_unit', respondent_name, 0, created_at FROM ticket")
    op.execute("INSERT INTO party (case_id, role, name, position, created_at)"
               " SELECT id, 'responsible_unit', respondent_name, 0, created_at FROM case_file")
    op.execute("INSERT INTO complainant (ticket_id, name, phone, is_migrant_worker, position, created_at)"
               " SELECT id, complainant_name, complainant_phone, false, 0, created_at FROM ticket")
    op.execute("INSERT INTO complainant (case_id, name, phone, is_migrant_worker, position, created_at)"
               " SELECT id, complainant_name, complainant_phone, false, 0, created_at FROM case_file"
               " WHERE complainant_name IS NOT NULL")


def downgrade():
    op.drop_table('complainant')
    op.drop_table('party')
