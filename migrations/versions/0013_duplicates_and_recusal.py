"""parties: 欠薪单位 mark, normalised unit names, project-name indexes; duplicate links (重复投诉)
and recusals (回避)

Revision ID: 0013
Revises: 0011
"""
from alembic import op
import sqlalchemy as sa

revision = '0013'
down_revision = '0011'
branch_labels = None
depends_on = None


def _json():
    return sa.JSON().with_variant(sa.dialects.postgresql.JSONB(), 'postgresql')


def upgrade():
    with op.batch_alter_table('party') as batch:
        batch.add_column(sa.Column('owes_wages', sa.Boolean(), nullable=False, server_default=sa.false()))
    # the single respondent copied by 0010 is the unit that owes the wages
    op.execute("UPDATE party SET owes_wages = true WHERE role = 'responsible_unit'")
    # unit names as the duplicate check compares them: no blanks, Chinese (full-width) brackets
    op.execute("UPDATE party SET name = REPLACE(REPLACE(REPLACE(REPLACE(name, ' ', ''), '　', ''), '(', '（'), ')', '）')"
               " WHERE role <> 'responsible_person'")
    op.create_index('ix_ticket_project_name', 'ticket', ['project_name'])
    op.create_index('ix_case_file_project_name', 'case_file', ['project_name'])
    op.create_table(
        'duplicate_link',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('ticket_id', sa.Integer(), sa.ForeignKey('ticket.id'), nullable=False),
        sa.Column('target_type', sa.String(16), nullable=False),
        sa.Column('target_id', sa.Integer(), nullable=False),
        sa.Column('target_number', sa.String(64), nullable=False),
        sa.Column('kind', sa.String(16), nullable=False),
        sa.Column('reasons', _json(), nullable=True),
        sa.Column('created_by_id', sa.Integer(), sa.ForeignKey('user_account.id'), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index('ix_duplicate_link_ticket_id', 'duplicate_link', ['ticket_id'])
    op.create_table(
        'recusal',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('case_id', sa.Integer(), sa.ForeignKey('case_file.id'), nullable=False),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('user_account.id'), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('status', sa.String(16), nullable=False),
        sa.Column('requested_by_id', sa.Integer(), sa.ForeignKey('user_account.id'), nullable=False),
        sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('decided_by_id', sa.Integer(), sa.ForeignKey('user_account.id'), nullable=True),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('decision_note', sa.Text(), nullable=True),
    )
    op.create_index('ix_recusal_case_user', 'recusal', ['case_id', 'user_id'])


def downgrade():
    op.drop_table('recusal')
    op.drop_table('duplicate_link')
    op.drop_index('ix_case_file_project_name', 'case_file')
    op.drop_index('ix_ticket_project_name', 'ticket')
    with op.batch_alter_table('party') as batch:
        batch.drop_column('owes_wages')
