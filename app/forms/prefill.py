"""Initial values a domain offers for a task form (e.g. a document's number and service date from
the documents issued in the system). What the user submitted before always wins over them.
Domains register their providers when the application starts (see app/__init__.py)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from app.forms.registry import FormDefinition
from app.workflow.models import HumanTask

Prefill = Callable[[Session, HumanTask, FormDefinition], dict[str, Any]]
_providers: list[Prefill] = []


def register(provider: Prefill) -> None:
    if provider not in _providers:
        _providers.append(provider)


def values(session: Session, *, task: HumanTask, form: FormDefinition) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for provider in _providers:
        found.update(provider(session, task, form))
    return found
