"""The documents domain's hooks on task forms: a form that records a document issued in the system
is pre-filled from it and may not contradict it (app.documents.process_link)."""
from __future__ import annotations

import logging
from typing import Any

from flask import current_app
from sqlalchemy.orm import Session

from app.documents import process_link, registry
from app.documents.registry import Registry, RegistryError
from app.forms import checks, prefill
from app.forms.registry import FormDefinition
from app.workflow.models import HumanTask

log = logging.getLogger(__name__)


def _registry() -> Registry | None:
    try:
        return registry.cached(current_app.extensions, current_app.config["DOCUMENT_TEMPLATES_PATH"])
    except (OSError, RegistryError) as exc:  # the task can still be done; the documents tab says what is wrong
        log.warning("document registry unavailable: %s", exc)
        return None


def _check(session: Session, task: HumanTask, data: dict[str, Any], context: checks.TaskContext) -> None:
    if task.business_type != "case":
        return
    registry = _registry()
    if registry is not None and process_link.kinds_for_form(registry, task.form_key):
        process_link.check(session, registry, form_key=task.form_key, case_id=task.business_id, data=data)


def _prefill(session: Session, task: HumanTask, form: FormDefinition) -> dict[str, Any]:
    if task.business_type != "case":
        return {}
    registry = _registry()
    if registry is None:
        return {}
    return process_link.prefill(session, registry, form_key=task.form_key, case_id=task.business_id,
                                properties=form.properties)


checks.register(checks.ANY_FORM, _check)
prefill.register_any(_prefill)
