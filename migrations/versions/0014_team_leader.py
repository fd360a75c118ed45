"""ticket and case: 班组长 (team leader) name and phone (data catalogue B1), the phone indexed for search

Revision ID: 0014
Revises: 0013
"""
from alembic import op
import sqlalchemy as sa

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    for table in ('ticket', 'case_file'):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('team_leader_name', sa.String(64), nullable=True))
            batch.add_column(sa.Column('team_leader_phone', sa.String(32), nullable=True))
        op.create_index(f'ix_{table}_team_leader_phone', table, ['team_leader_phone'])


def downgrade():
    for table in ('case_file', 'ticket'):
        op.drop_index(f'ix_{table}_team_leader_phone', table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column('team_leader_phone')
            batch.drop_column('team_leader_name')
