"""Checks a domain adds to a task form beyond its JSON Schema, by form key.

A check sees the task (which ticket or case), the cleaned data and the task's context (its
process data before the form is merged, today, the workflow environment) and raises
ValidationFailed naming the field, e.g. the assign-inspectors form refuses an inspector who has
withdrawn from the case (回避), the surcharge form refuses an amount other than the law's.
Domains register their checks when the application starts (see app/__init__.py).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from app.workflow.environment import WorkflowEnvironment
from app.workflow.models import HumanTask


@dataclass(frozen=True)
class TaskContext:
    """What a check or a pre-fill may read besides the form: the task's process data as the
    engine holds it (the form not merged yet), today's local date and the environment."""

    env: WorkflowEnvironment
    today: date
    process: dict[str, Any] = field(default_factory=dict)


def day_of(value: Any) -> date | None:
    """A submitted or process date ('2026-12-03', or the date part of a timestamp); None when blank or not a date."""
    try:
        return date.fromisoformat(str(value)[:10]) if value not in (None, "") else None
    except ValueError:
        return None


FormCheck = Callable[[Session, HumanTask, dict[str, Any], TaskContext], None]
_checks: dict[str, list[FormCheck]] = {}
ANY_FORM = "*"  # a check that decides itself which forms it applies to (e.g. from a data file)


def register(form_key: str, check: FormCheck) -> None:
    if check not in _checks.setdefault(form_key, []):
        _checks[form_key].append(check)


def run(session: Session, *, task: HumanTask, data: dict[str, Any], context: TaskContext) -> None:
    for check in _checks.get(task.form_key or "", []) + _checks.get(ANY_FORM, []):
        check(session, task, data, context)
