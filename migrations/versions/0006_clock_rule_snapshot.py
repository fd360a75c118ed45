"""legal_clock keeps the rule's period as it was when the clock started

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('legal_clock') as batch:
        batch.add_column(sa.Column('amount', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('extension_amount', sa.Integer(), nullable=True))
    op.execute("UPDATE legal_clock SET amount = (SELECT amount FROM clock_rule WHERE clock_rule.code = legal_clock.rule_code),"
               " extension_amount = (SELECT extension_amount FROM clock_rule WHERE clock_rule.code = legal_clock.rule_code)")
    with op.batch_alter_table('legal_clock') as batch:
        batch.alter_column('amount', nullable=False)
        batch.alter_column('extension_amount', nullable=False)


def downgrade():
    with op.batch_alter_table('legal_clock') as batch:
        batch.drop_column('extension_amount')
        batch.drop_column('amount')
