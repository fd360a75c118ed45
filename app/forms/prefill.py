"""Values a domain computes for a task form before the user fills it in, by form key.

E.g. the surcharge form (计算加处罚款) opens with the amount the law gives (fine × 3 % × days
late, at most the fine). A pre-fill sees the task and its TaskContext and returns field values;
the user may change them, and the form's checks (app/forms/checks.py) decide what is accepted.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from app.forms.checks import TaskContext
from app.workflow.models import HumanTask

Prefill = Callable[[Session, HumanTask, TaskContext], dict[str, Any]]
_prefills: dict[str, list[Prefill]] = {}


def register(form_key: str, prefill: Prefill) -> None:
    if prefill not in _prefills.setdefault(form_key, []):
        _prefills[form_key].append(prefill)


def has_prefill(form_key: str | None) -> bool:
    return bool(_prefills.get(form_key or ""))


def values(session: Session, *, task: HumanTask, context: TaskContext) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for prefill in _prefills.get(task.form_key or "", []):
        found.update(prefill(session, task, context))
    return found
