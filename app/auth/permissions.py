"""Permissions are named predicates `(user, obj) -> bool`, applied by one decorator.

The decorator answers 403 JSON on the API and a 403 page (or the login page
for anonymous visitors) on the web.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import g, redirect, request, url_for
from flask_login import current_user

from app.auth.models import User
from app.errors import Forbidden, NotAuthenticated

# permission code -> Chinese name, seeded into the `permission` table
PERMISSIONS = {
    "ticket.register": "登记工单",
    "ticket.view": "查看工单",
    "task.work": "办理待办",
    "task.reassign": "改派待办",
    "case.view_all": "查看全部案件",
    "user.manage": "用户与权限管理",
    "ops.monitor": "系统运行监控",
    "calendar.view": "查看工作日历",
    "calendar.manage": "工作日历管理",
}

# role code -> (Chinese name = BPMN lane name, permissions)
ROLES = {
    "clerk": ("受理员", ["ticket.register", "ticket.view", "task.work"]),
    "officer": ("执法人员", ["ticket.register", "ticket.view", "task.work"]),
    "reviewer": ("法制审核员", ["ticket.view", "task.work"]),
    "chief": ("科长", ["ticket.register", "ticket.view", "task.work", "task.reassign", "calendar.view"]),
    "leader": ("局领导", ["ticket.view", "task.work", "task.reassign", "case.view_all"]),
    "admin": ("系统管理员", ["user.manage", "ops.monitor", "calendar.view", "calendar.manage"]),
    "ops": ("运维人员", ["ops.monitor"]),
}


def has_permission(code: str) -> Callable[[User, object], bool]:
    def predicate(user: User, obj: object = None) -> bool:
        return user.has_permission(code)

    predicate.__name__ = f"has_{code.replace('.', '_')}"
    return predicate


def current_actor() -> User | None:
    """The API user (bearer token) or the logged-in web user."""
    user = g.get("api_user")
    if user is not None:
        return user
    return current_user if current_user.is_authenticated else None


def requires(predicate: Callable[[User, object], bool]) -> Callable:
    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args, **kwargs):
            user = current_actor()
            if user is None:
                if request.path.startswith("/api/"):
                    raise NotAuthenticated("请先登录")
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            if not predicate(user, None):
                raise Forbidden("没有权限执行此操作")
            return view(*args, **kwargs)

        return wrapper

    return decorate
