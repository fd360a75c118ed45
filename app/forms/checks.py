"""Checks a domain adds to a task form beyond its JSON Schema, by form key.

A check sees the task (which ticket or case) and the cleaned data and raises ValidationFailed
naming the field, e.g. the assign-inspectors form refuses an inspector who has withdrawn from
the case (回避), the verify form checks the number a duplicate ticket is merged into.
Domains register their checks when the application starts (see app/__init__.py).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from app.workflow.models import HumanTask

FormCheck = Callable[[Session, HumanTask, dict[str, Any]], None]
_checks: dict[str, list[FormCheck]] = {}
ANY_FORM = "*"  # a check that decides itself which forms it applies to (e.g. from a data file)


def register(form_key: str, check: FormCheck) -> None:
    if check not in _checks.setdefault(form_key, []):
        _checks[form_key].append(check)


def run(session: Session, *, task: HumanTask, data: dict[str, Any]) -> None:
    for check in _checks.get(task.form_key or "", []) + _checks.get(ANY_FORM, []):
        check(session, task, data)
