"""working-day calendar tables, seeded from chinesecalendar 2004-2026; calendar permissions

Revision ID: 0003
Revises: 0002
"""
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

SEED_FIRST_YEAR, SEED_LAST_YEAR = 2004, 2026  # frozen: later notices are entered by an administrator
# Frozen copy of the permission changes at this revision (see app/auth/permissions.py).
PERMISSIONS = {"calendar.view": "查看工作日历", "calendar.manage": "工作日历管理"}
GRANTS = {"admin": ["calendar.view", "calendar.manage"], "chief": ["calendar.view"]}

day_table = sa.table(
    "workday_calendar_day", sa.column("day", sa.Date), sa.column("kind", sa.String), sa.column("name", sa.String),
    sa.column("year", sa.Integer), sa.column("source", sa.String), sa.column("updated_at", sa.DateTime(timezone=True)),
    sa.column("updated_by_id", sa.Integer),
)
year_table = sa.table(
    "workday_calendar_year", sa.column("year", sa.Integer), sa.column("confirmed", sa.Boolean),
    sa.column("source", sa.String), sa.column("note", sa.String), sa.column("updated_at", sa.DateTime(timezone=True)),
    sa.column("updated_by_id", sa.Integer),
)
revision_table = sa.table(
    "workday_calendar_revision", sa.column("id", sa.Integer), sa.column("revision", sa.Integer),
    sa.column("updated_at", sa.DateTime(timezone=True)),
)
permission = sa.table("permission", sa.column("id", sa.Integer), sa.column("code", sa.String), sa.column("name", sa.String))
role = sa.table("role", sa.column("id", sa.Integer), sa.column("code", sa.String))
role_permission = sa.table("role_permission", sa.column("role_id", sa.Integer), sa.column("permission_id", sa.Integer))


def _create_tables():
    op.create_table('workday_calendar_day',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind IN ('holiday', 'workday')", name=op.f('ck_workday_calendar_day_kind')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user_account.id'], name=op.f('fk_workday_calendar_day_updated_by_id_user_account')),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_workday_calendar_day'))
    )
    with op.batch_alter_table('workday_calendar_day', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workday_calendar_day_year'), ['year'], unique=False)

    op.create_table('workday_calendar_year',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('confirmed', sa.Boolean(), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user_account.id'], name=op.f('fk_workday_calendar_year_updated_by_id_user_account')),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_workday_calendar_year'))
    )
    op.create_table('workday_calendar_revision',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workday_calendar_revision'))
    )


def _seed_calendar():
    from engine.calendar import chinesecalendar_data

    data = chinesecalendar_data(SEED_FIRST_YEAR, SEED_LAST_YEAR)
    now = datetime.now(UTC)
    op.bulk_insert(day_table, [
        {"day": d, "kind": "holiday" if d in data.holidays else "workday", "name": data.holiday_names.get(d, ""),
         "year": d.year, "source": "chinesecalendar", "updated_at": now, "updated_by_id": None}
        for d in sorted(data.holidays | data.makeup_workdays)
    ])
    op.bulk_insert(year_table, [
        {"year": y, "confirmed": True, "source": "chinesecalendar", "note": "国务院办公厅节假日安排（chinesecalendar 数据）",
         "updated_at": now, "updated_by_id": None}
        for y in range(SEED_FIRST_YEAR, SEED_LAST_YEAR + 1)
    ])
    op.bulk_insert(revision_table, [{"id": 1, "revision": 1, "updated_at": now}])


def _grant_permissions():
    bind = op.get_bind()
    for code, name in PERMISSIONS.items():
        bind.execute(permission.insert().values(code=code, name=name))
    perm_ids = dict(bind.execute(sa.select(permission.c.code, permission.c.id)
                                 .where(permission.c.code.in_(list(PERMISSIONS)))).all())
    role_ids = dict(bind.execute(sa.select(role.c.code, role.c.id).where(role.c.code.in_(list(GRANTS)))).all())
    rows = [{"role_id": role_ids[r], "permission_id": perm_ids[p]} for r, perms in GRANTS.items()
            if r in role_ids for p in perms]
    if rows:
        op.bulk_insert(role_permission, rows)


def upgrade():
    _create_tables()
    _seed_calendar()
    _grant_permissions()


def downgrade():
    bind = op.get_bind()
    ids = sa.select(permission.c.id).where(permission.c.code.in_(list(PERMISSIONS)))
    bind.execute(role_permission.delete().where(role_permission.c.permission_id.in_(ids)))
    bind.execute(permission.delete().where(permission.c.code.in_(list(PERMISSIONS))))
    op.drop_table('workday_calendar_revision')
    op.drop_table('workday_calendar_year')
    with op.batch_alter_table('workday_calendar_day', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workday_calendar_day_year'))
    op.drop_table('workday_calendar_day')
