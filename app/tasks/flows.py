"""Working a task: its form (with choices), and completion with validation."""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.auth.models import User
from app.forms import service as forms_service
from app.forms.registry import FormDefinition, FormRegistry
from app.forms.validation import validate_form
from app.workflow import task_actions
from app.workflow.environment import WorkflowEnvironment
from app.workflow.models import HumanTask, ProcessInstance

EMPTY_FORM = {"title": "确认办理", "type": "object", "properties": {}}


def task_form(session: Session, *, registry: FormRegistry, task: HumanTask) -> FormDefinition:
    if not task.form_key:
        return FormDefinition(key="confirm", schema=EMPTY_FORM)
    return forms_service.form_for(session, registry=registry, form_key=task.form_key)


def complete(
    session: Session, *, env: WorkflowEnvironment, registry: FormRegistry, task_id: int, user: User,
    data: dict[str, Any],
) -> ProcessInstance:
    def validate(task: HumanTask, raw: dict[str, Any]) -> dict[str, Any]:
        return validate_form(task_form(session, registry=registry, task=task), raw)

    return task_actions.complete(session, env=env, task_id=task_id, user=user, data=data, validate=validate)
