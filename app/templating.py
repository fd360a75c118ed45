"""Jinja filters and globals: local dates, amounts, navigation counts."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from flask import Flask
from flask_login import current_user

from app.extensions import db

CLOCK_STATES = {"running": "计时中", "paused": "中止计时", "extended": "已延期", "overdue": "已逾期", "stopped": "已停止"}


def register_template_helpers(app: Flask) -> None:
    tz = ZoneInfo(app.config["TIME_ZONE"])
    clock = app.extensions["workflow"].clock

    @app.template_filter("local")
    def local(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
        return value.astimezone(tz).strftime(fmt) if value else ""

    @app.template_filter("cn_date")
    def cn_date(value: datetime | None) -> str:
        if not value:
            return ""
        day = value.astimezone(tz)
        return f"{day.year}年{day.month}月{day.day}日"

    @app.template_filter("yuan")
    def yuan(value: Decimal | str | None) -> str:
        return "" if value is None else f"{Decimal(value):,.2f}"

    @app.template_global()
    def is_overdue(due: datetime | None) -> bool:
        return bool(due and due < clock.now())

    @app.template_global()
    def choice_label(prop: dict, value) -> str:
        labels = dict(zip(prop.get("enum", []), prop.get("enumNames", []), strict=False))
        return labels.get(value, value if value is not None else "")

    @app.template_global()
    def remaining_workdays(due: datetime | None) -> int | None:
        """Working days from today to a due timestamp (negative when overdue)."""
        if due is None:
            return None
        env = app.extensions["workflow"]
        today = clock.now().astimezone(tz).date()
        return env.calendar().workdays_between(today, due.astimezone(tz).date(), strict=False)

    @app.template_global()
    def calendar_unconfirmed(due: datetime | None) -> bool:
        """True when a due date was counted through a year whose holidays are not entered yet."""
        if due is None:
            return False
        env = app.extensions["workflow"]
        today = clock.now().astimezone(tz).date()
        return bool(env.calendar().unconfirmed_years(today, due.astimezone(tz).date()))

    @app.template_global()
    def clock_state_label(state: str) -> str:
        return CLOCK_STATES.get(state, state)

    @app.context_processor
    def navigation():
        if not current_user.is_authenticated:
            return {"task_counts": None, "unread_messages": 0}
        from app.deadlines.inbox import unread_count
        from app.tasks.service import counts

        task_counts = counts(db.session, user=current_user) if current_user.has_permission("task.work") else None
        return {"task_counts": task_counts, "unread_messages": unread_count(db.session, user_id=current_user.id)}
