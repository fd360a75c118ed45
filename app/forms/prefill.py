"""Values a task form opens with before the user fills it in; the user may change them, and the
form's checks (app/forms/checks.py) decide what is accepted. Domains register them at start-up
(see app/__init__.py), of two kinds:

- by form key, seeing the task's TaskContext (its process data, today): e.g. the surcharge form
  (计算加处罚款) opens with the amount the law gives (fine × 3 % × days late, at most the fine);
- for any form, seeing the form's definition and deciding themselves whether it concerns them:
  e.g. a form that records a document opens with the number and service date of the document
  issued in the system (app/documents/checks.py).

What the user submitted before always wins over both.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from app.forms.checks import TaskContext
from app.forms.registry import FormDefinition
from app.workflow.models import HumanTask

Prefill = Callable[[Session, HumanTask, TaskContext], dict[str, Any]]
FormPrefill = Callable[[Session, HumanTask, FormDefinition], dict[str, Any]]
_prefills: dict[str, list[Prefill]] = {}
_any_form: list[FormPrefill] = []


def register(form_key: str, prefill: Prefill) -> None:
    if prefill not in _prefills.setdefault(form_key, []):
        _prefills[form_key].append(prefill)


def register_any(prefill: FormPrefill) -> None:
    if prefill not in _any_form:
        _any_form.append(prefill)


def has_prefill(form_key: str | None) -> bool:
    """Whether the form has a pre-fill by its key (these need the task's process data)."""
    return bool(_prefills.get(form_key or ""))


def values(session: Session, *, task: HumanTask, context: TaskContext) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for prefill in _prefills.get(task.form_key or "", []):
        found.update(prefill(session, task, context))
    return found


def form_values(session: Session, *, task: HumanTask, form: FormDefinition) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for prefill in _any_form:
        found.update(prefill(session, task, form))
    return found
