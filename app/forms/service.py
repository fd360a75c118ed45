"""The one entry point other domains use: a form with its choices filled in, and validation."""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.forms.options import option_lists
from app.forms.registry import FormDefinition, FormRegistry
from app.forms.validation import validate_form


def form_for(session: Session, *, registry: FormRegistry, form_key: str) -> FormDefinition:
    form = registry.get(form_key)
    return registry.resolved(form_key, option_lists(session, form))


def validated(session: Session, *, registry: FormRegistry, form_key: str, data: dict[str, Any]) -> dict[str, Any]:
    return validate_form(form_for(session, registry=registry, form_key=form_key), data)
