"""Every scheduled job: a plain function `(app, session, now)`, idempotent, isolated per item."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from flask import Flask
from sqlalchemy.orm import Session

from app.deadlines.flows import refresh_unconfirmed
from app.deadlines.mail import SmtpSettings
from app.deadlines.reminders import send_due_reminders
from app.workflow.timers import wake_due_instances


@dataclass(frozen=True)
class Job:
    name: str
    seconds: int
    run: Callable[[Flask, Session, datetime], object]


def _wake_timers(app: Flask, session: Session, now: datetime) -> int:
    return wake_due_instances(session, env=app.extensions["workflow"], now=now)


def _send_reminders(app: Flask, session: Session, now: datetime) -> int:
    env = app.extensions["workflow"]
    sent = send_due_reminders(session, calendar=env.calendar(), today=now.astimezone(env.tz).date(), now=now,
                              smtp=SmtpSettings.from_config(app.config))
    return len(sent)


def _refresh_unconfirmed(app: Flask, session: Session, now: datetime) -> int:
    env = app.extensions["workflow"]
    return refresh_unconfirmed(session, env=env, today=now.astimezone(env.tz).date())


JOBS = [
    Job(name="wake_due_timers", seconds=30, run=_wake_timers),
    Job(name="send_reminders", seconds=300, run=_send_reminders),
    Job(name="refresh_unconfirmed_clocks", seconds=600, run=_refresh_unconfirmed),
]
