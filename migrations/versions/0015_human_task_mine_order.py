"""human_task: 我的待办's index ends with id, so a page in (due_at, id) order stops after its rows

Most open case tasks have no due date; ordered by due_at NULLS LAST then id, the old index
(assignee_id, status, due_at) made the database sort every undated task of a user to show 50.

Revision ID: 0015
Revises: 0014
"""
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index('ix_human_task_mine', table_name='human_task')
    op.create_index('ix_human_task_mine', 'human_task', ['assignee_id', 'status', 'due_at', 'id'])


def downgrade():
    op.drop_index('ix_human_task_mine', table_name='human_task')
    op.create_index('ix_human_task_mine', 'human_task', ['assignee_id', 'status', 'due_at'])
