"""Every scheduled job: a plain function `(session, now)`, idempotent, isolated per item."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from flask import Flask
from sqlalchemy.orm import Session

from app.workflow.timers import wake_due_instances


@dataclass(frozen=True)
class Job:
    name: str
    seconds: int
    run: Callable[[Flask, Session, datetime], object]


def _wake_timers(app: Flask, session: Session, now: datetime) -> int:
    return wake_due_instances(session, env=app.extensions["workflow"], now=now)


JOBS = [
    Job(name="wake_due_timers", seconds=30, run=_wake_timers),
]
