"""clock_rule: 责令改正期限 (rectification), the period a 限期改正指令书 gives the employer

The clock starts when the order is served (限期改正指令书送达) and runs to the rectify-by date the
order states: each clock takes its own amount (the calendar days from service to that date), so
the amount here is only a default. Calendar days, the last day moved to the next working day
when it is a day off; not pausable, not extendable.

Reminders: it is the employer's period, so nothing is sent before it ends ("before": []); the
handler must then check compliance (核查整改情况, which stops the clock), so the handler is
reminded on the due day and on every working day after it until the check, the chief from the
2nd and the leader from the 5th working day overdue.

Revision ID: 0017
Revises: 0016
"""
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None

SEEDED_AT = datetime(2026, 12, 4, tzinfo=timezone.utc)
JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')
REMINDERS = {"before": [], "due": True, "overdue_every_workday": True}
ESCALATION = {"levels": ["assignee", "chief", "leader"], "after_overdue_workdays": [0, 2, 5]}


def upgrade():
    rule = sa.table(
        'clock_rule',
        sa.column('code', sa.String), sa.column('name', sa.String), sa.column('amount', sa.Integer),
        sa.column('unit', sa.String), sa.column('source', sa.String), sa.column('start_event', sa.String),
        sa.column('pausable', sa.Boolean), sa.column('extendable', sa.Boolean),
        sa.column('extension_amount', sa.Integer), sa.column('reminder_offsets', JSON),
        sa.column('escalation', JSON), sa.column('updated_at', sa.DateTime(timezone=True)),
    )
    op.bulk_insert(rule, [dict(
        code='rectification', name='责令改正期限', amount=15, unit='calendar_days',
        source='《广东省劳动保障监察条例》第四十四条；限期改正指令书所载期限', start_event='限期改正指令书送达',
        pausable=False, extendable=False, extension_amount=0, reminder_offsets=REMINDERS,
        escalation=ESCALATION, updated_at=SEEDED_AT,
    )])


def downgrade():
    op.execute("DELETE FROM reminder WHERE clock_id IN (SELECT id FROM legal_clock WHERE rule_code = 'rectification')")
    op.execute("DELETE FROM clock_pause WHERE clock_id IN (SELECT id FROM legal_clock WHERE rule_code = 'rectification')")
    op.execute("DELETE FROM clock_extension WHERE clock_id IN (SELECT id FROM legal_clock WHERE rule_code = 'rectification')")
    op.execute("DELETE FROM legal_clock WHERE rule_code = 'rectification'")
    op.execute("DELETE FROM clock_rule WHERE code = 'rectification'")
