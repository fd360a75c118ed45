"""the section (科室) of process instances and tasks, so that group lists stay within it

Revision ID: 0009
Revises: 0008
"""
from alembic import op
import sqlalchemy as sa

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('process_instance') as batch:
        batch.add_column(sa.Column('team', sa.String(64), nullable=True))
    with op.batch_alter_table('human_task') as batch:
        batch.add_column(sa.Column('team', sa.String(64), nullable=True))
    op.execute("UPDATE process_instance SET team = (SELECT team FROM case_file WHERE case_file.id = process_instance.business_id)"
               " WHERE business_type = 'case'")
    op.execute("UPDATE human_task SET team = (SELECT team FROM process_instance WHERE process_instance.id = human_task.instance_id)")


def downgrade():
    with op.batch_alter_table('human_task') as batch:
        batch.drop_column('team')
    with op.batch_alter_table('process_instance') as batch:
        batch.drop_column('team')
