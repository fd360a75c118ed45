"""legal clocks: rules (Guangdong defaults), clocks, pauses, extensions, reminders, inbox

Revision ID: 0004
Revises: 0003
"""
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

SEEDED_AT = datetime(2026, 12, 3, tzinfo=timezone.utc)
JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')
REMINDERS = {"before": [5, 1], "due": True, "overdue_every_workday": True}
ESCALATION = {"levels": ["assignee", "chief", "leader"], "after_overdue_workdays": [0, 1, 3]}

# Frozen copy of engine.clocks.GUANGDONG_DEFAULTS at this revision:
# (code, name, amount, unit, source, start_event, pausable, extendable, extension_amount)
RULES = [
    ('acceptance', '受理审查（受理、不予受理或告知）', 5, 'workdays', '《广东省劳动保障监察条例》第三十九条', '收到投诉材料', False, False, 0),
    ('decision', '作出处理决定', 45, 'workdays', '《广东省劳动保障监察条例》第四十四条、第四十五条', '立案', True, True, 30),
    ('suspension_notice', '书面告知投诉人中止调查', 3, 'workdays', '《广东省劳动保障监察条例》第四十五条', '中止批准', False, False, 0),
    ('service', '送达处理（处罚）决定书', 7, 'workdays', '《广东省劳动保障监察条例》第四十七条；《行政处罚法》第六十一条', '作出决定', False, False, 0),
    ('evidence_preservation', '对先行登记保存的证据作出处理决定', 7, 'workdays', '《行政处罚法》第五十六条', '先行登记保存', False, False, 0),
    ('statement_defence', '陈述、申辩', 3, 'workdays', '执法实践（可配置）', '送达事先告知书', False, False, 0),
    ('hearing_request', '申请听证', 5, 'workdays', '《行政处罚法》第六十四条', '送达事先告知书', False, False, 0),
    ('hearing_notice', '听证通知（举行听证前）', 7, 'workdays', '《行政处罚法》第六十四条、第八十五条', '发出听证通知', False, False, 0),
    ('fine_payment', '缴纳罚款', 15, 'calendar_days', '《行政处罚法》第六十七条', '收到行政处罚决定书', False, False, 0),
    ('enforcement_demand', '催告期满（可申请强制执行）', 10, 'calendar_days', '《行政强制法》第五十四条', '催告书送达', False, False, 0),
    ('enforcement_application', '申请人民法院强制执行', 3, 'months', '《行政强制法》第五十三条', '复议、诉讼期限届满', False, False, 0),
    ('reconsideration', '申请行政复议', 60, 'calendar_days', '《行政复议法》第二十条', '知道该行政行为', False, False, 0),
    ('litigation', '提起行政诉讼', 6, 'months', '《行政诉讼法》第四十六条', '知道作出行政行为', False, False, 0),
    ('public_notice_service', '公告送达期满', 60, 'calendar_days', '《广东省劳动保障监察条例》第四十七条', '发布公告', False, False, 0),
    ('public_notice_service_absconding', '公告送达期满（欠薪逃匿、群体性事件）', 3, 'calendar_days', '《广东省劳动保障监察条例》第四十七条', '发布公告', False, False, 0),
    ('filing', '报上一级备案', 10, 'calendar_days', '《广东省劳动保障监察条例》第四十八条', '作出处罚（处理）决定', False, False, 0),
]


def upgrade():
    with op.batch_alter_table('user_account') as batch:
        batch.add_column(sa.Column('email', sa.String(120), nullable=True))
    rule = op.create_table(
        'clock_rule',
        sa.Column('code', sa.String(32), primary_key=True),
        sa.Column('name', sa.String(64), nullable=False),
        sa.Column('amount', sa.Integer(), nullable=False),
        sa.Column('unit', sa.String(16), nullable=False),
        sa.Column('source', sa.String(200), nullable=False),
        sa.Column('start_event', sa.String(32), nullable=False),
        sa.Column('pausable', sa.Boolean(), nullable=False),
        sa.Column('extendable', sa.Boolean(), nullable=False),
        sa.Column('extension_amount', sa.Integer(), nullable=False),
        sa.Column('reminder_offsets', JSON, nullable=False),
        sa.Column('escalation', JSON, nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        'legal_clock',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('rule_code', sa.String(32), sa.ForeignKey('clock_rule.code', name='fk_legal_clock_rule_code_clock_rule'), nullable=False),
        sa.Column('business_type', sa.String(16), nullable=False),
        sa.Column('business_id', sa.Integer(), nullable=False),
        sa.Column('business_number', sa.String(64), nullable=False),
        sa.Column('responsible_id', sa.Integer(), sa.ForeignKey('user_account.id', name='fk_legal_clock_responsible_id_user_account'), nullable=True),
        sa.Column('start_on', sa.Date(), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=True),
        sa.Column('state', sa.String(16), nullable=False),
        sa.Column('extended', sa.Boolean(), nullable=False),
        sa.Column('unconfirmed_calendar', sa.Boolean(), nullable=False),
        sa.Column('trace', sa.Text(), nullable=False),
        sa.Column('stopped_on', sa.Date(), nullable=True),
        sa.Column('next_reminder_on', sa.Date(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index('ix_legal_clock_business', 'legal_clock', ['business_type', 'business_id'])
    op.create_index('ix_legal_clock_next_reminder', 'legal_clock', ['next_reminder_on'])
    op.create_index('ix_legal_clock_open_due', 'legal_clock', ['state', 'due_on'])
    op.create_table(
        'clock_pause',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('clock_id', sa.Integer(), sa.ForeignKey('legal_clock.id', ondelete='CASCADE', name='fk_clock_pause_clock_id_legal_clock'), nullable=False),
        sa.Column('start_on', sa.Date(), nullable=False),
        sa.Column('end_on', sa.Date(), nullable=True),
        sa.Column('reason', sa.String(32), nullable=False),
        sa.Column('created_by_id', sa.Integer(), sa.ForeignKey('user_account.id', name='fk_clock_pause_created_by_id_user_account'), nullable=True),
    )
    op.create_index('ix_clock_pause_clock_id', 'clock_pause', ['clock_id'])
    op.create_table(
        'clock_extension',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('clock_id', sa.Integer(), sa.ForeignKey('legal_clock.id', ondelete='CASCADE', name='fk_clock_extension_clock_id_legal_clock'), nullable=False),
        sa.Column('amount', sa.Integer(), nullable=False),
        sa.Column('approved_on', sa.Date(), nullable=False),
        sa.Column('reason', sa.String(500), nullable=False),
        sa.Column('approved_by_id', sa.Integer(), sa.ForeignKey('user_account.id', name='fk_clock_extension_approved_by_id_user_account'), nullable=True),
    )
    op.create_index('ix_clock_extension_clock_id', 'clock_extension', ['clock_id'])
    op.create_table(
        'reminder',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('clock_id', sa.Integer(), sa.ForeignKey('legal_clock.id', ondelete='CASCADE', name='fk_reminder_clock_id_legal_clock'), nullable=False),
        sa.Column('kind', sa.String(24), nullable=False),
        sa.Column('level', sa.String(16), nullable=False),
        sa.Column('recipient_id', sa.Integer(), sa.ForeignKey('user_account.id', name='fk_reminder_recipient_id_user_account'), nullable=False),
        sa.Column('scheduled_on', sa.Date(), nullable=False),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('emailed', sa.Boolean(), nullable=False),
        sa.UniqueConstraint('clock_id', 'kind', 'recipient_id', name='uq_reminder_clock_id'),
    )
    op.create_table(
        'inbox_message',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('user_account.id', ondelete='CASCADE', name='fk_inbox_message_user_id_user_account'), nullable=False),
        sa.Column('title', sa.String(200), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('link', sa.String(200), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index('ix_inbox_message_unread', 'inbox_message', ['user_id', 'read_at'])
    op.bulk_insert(rule, [
        dict(code=c, name=n, amount=a, unit=u, source=s, start_event=e, pausable=p, extendable=x,
             extension_amount=xa, reminder_offsets=REMINDERS, escalation=ESCALATION,
             updated_at=SEEDED_AT)
        for (c, n, a, u, s, e, p, x, xa) in RULES
    ])


def downgrade():
    with op.batch_alter_table('user_account') as batch:
        batch.drop_column('email')
    for table in ('inbox_message', 'reminder', 'clock_extension', 'clock_pause', 'legal_clock', 'clock_rule'):
        op.drop_table(table)
