"""roles and permissions (reference data)

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

# Frozen copy of app/auth/permissions.py at this revision; later changes come in new migrations.
PERMISSIONS = {
    "ticket.register": "登记工单",
    "ticket.view": "查看工单",
    "task.work": "办理待办",
    "task.reassign": "改派待办",
    "case.view_all": "查看全部案件",
    "user.manage": "用户与权限管理",
    "ops.monitor": "系统运行监控",
}
ROLES = {
    "clerk": ("受理员", ["ticket.register", "ticket.view", "task.work"]),
    "officer": ("执法人员", ["ticket.register", "ticket.view", "task.work"]),
    "reviewer": ("法制审核员", ["ticket.view", "task.work"]),
    "chief": ("科长", ["ticket.register", "ticket.view", "task.work", "task.reassign"]),
    "leader": ("局领导", ["ticket.view", "task.work", "task.reassign", "case.view_all"]),
    "admin": ("系统管理员", ["user.manage", "ops.monitor"]),
    "ops": ("运维人员", ["ops.monitor"]),
}

permission = sa.table("permission", sa.column("id", sa.Integer), sa.column("code", sa.String), sa.column("name", sa.String))
role = sa.table("role", sa.column("id", sa.Integer), sa.column("code", sa.String), sa.column("name", sa.String))
role_permission = sa.table("role_permission", sa.column("role_id", sa.Integer), sa.column("permission_id", sa.Integer))


def upgrade():
    op.bulk_insert(permission, [
        {"id": i, "code": code, "name": name} for i, (code, name) in enumerate(PERMISSIONS.items(), start=1)
    ])
    op.bulk_insert(role, [
        {"id": i, "code": code, "name": name} for i, (code, (name, _)) in enumerate(ROLES.items(), start=1)
    ])
    perm_ids = {code: i for i, code in enumerate(PERMISSIONS, start=1)}
    op.bulk_insert(role_permission, [
        {"role_id": i, "permission_id": perm_ids[p]}
        for i, (_, (_, perms)) in enumerate(ROLES.items(), start=1) for p in perms
    ])
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("SELECT setval(pg_get_serial_sequence('permission', 'id'), (SELECT max(id) FROM permission))")
        op.execute("SELECT setval(pg_get_serial_sequence('role', 'id'), (SELECT max(id) FROM role))")


def downgrade():
    op.execute(role_permission.delete())
    op.execute(role.delete())
    op.execute(permission.delete())
