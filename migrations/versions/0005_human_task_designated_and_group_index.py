"""human_task: designated assignees, and a partial index for the group list (待领取)

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

OPEN_UNCLAIMED = "status = 'open' AND assignee_id IS NULL"


def upgrade():
    with op.batch_alter_table('human_task') as batch:
        batch.add_column(sa.Column('designated', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.drop_index('ix_human_task_group', table_name='human_task')
    op.create_index('ix_human_task_group_open', 'human_task', ['role_code', 'due_at', 'id'],
                    postgresql_where=sa.text(OPEN_UNCLAIMED), sqlite_where=sa.text(OPEN_UNCLAIMED))


def downgrade():
    op.drop_index('ix_human_task_group_open', table_name='human_task')
    op.create_index('ix_human_task_group', 'human_task', ['role_code', 'status', 'assignee_id', 'due_at'])
    with op.batch_alter_table('human_task') as batch:
        batch.drop_column('designated')
