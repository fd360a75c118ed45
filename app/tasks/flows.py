"""Working a task: its form (with choices), and completion with validation."""
from __future__ import annotations

from datetime import datetime, time
from typing import Any

from sqlalchemy.orm import Session

from app.auth import service as auth_service
from app.auth.models import User
from app.errors import ValidationFailed
from app.forms import checks as form_checks
from app.forms import date_order, prefill
from app.forms import service as forms_service
from app.forms.registry import FormDefinition, FormRegistry
from app.forms.validation import validate_form
from app.tasks import known_dates
from app.tasks.service import TaskFilter
from app.workflow import service as workflow
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
    def validate(task: HumanTask, raw: dict[str, Any], process: dict[str, Any]) -> dict[str, Any]:
        form = task_form(session, registry=registry, task=task)
        cleaned = validate_form(form, raw, env.tz)
        outside = date_order.outside_references(form)
        known = known_dates.for_task(session, registry=registry, task=task, tz=env.tz) if outside else {}
        date_order.check_now(env, form, cleaned, known=known)
        form_checks.run(session, task=task, data=cleaned, context=_context(env, process))
        return cleaned

    return task_actions.complete(session, env=env, task_id=task_id, user=user, data=data, validate=validate)


def _context(env: WorkflowEnvironment, process: dict[str, Any]) -> form_checks.TaskContext:
    return form_checks.TaskContext(env=env, today=env.clock.now().astimezone(env.tz).date(), process=process)


def initial_values(session: Session, *, env: WorkflowEnvironment, task: HumanTask,
                   form: FormDefinition) -> dict[str, Any]:
    """What the form of an open task opens with (app/forms/prefill.py): e.g. a document's number and
    service date from the system, the surcharge the law gives. Loads the process only for forms with
    a pre-fill by key."""
    if task.status != "open":
        return {}
    found = prefill.form_values(session, task=task, form=form)
    if prefill.has_prefill(task.form_key):
        instance = session.get(ProcessInstance, task.instance_id)
        view = env.runtime.ready_user_task(workflow.load(env, instance), task.task_guid)
        if view is not None:
            found.update(prefill.values(session, task=task, context=_context(env, dict(view.data))))
    return found


def reassign_candidates(session: Session, *, task: HumanTask, user: User) -> list[User]:
    """Whom the chief may give an open task to: the active holders of its role."""
    if task.status != "open" or not task.role_code or not user.has_permission("task.reassign"):
        return []
    return auth_service.users_with_role(session, role_code=task.role_code)


def parse_filter(args: dict, *, env: WorkflowEnvironment) -> TaskFilter:
    """Filters from query parameters: type, number, party, due_within (working days), overdue=1."""
    now = env.clock.now()
    due_before = None
    due_within = str(args.get("due_within") or "").strip()
    if due_within:
        if not due_within.isdigit() or not 0 <= int(due_within) <= 60:
            raise ValidationFailed("“几个工作日内到期”应为0到60之间的整数", fields={"due_within": ["应为0到60之间的整数"]})
        today = now.astimezone(env.tz).date()
        last = today if int(due_within) == 0 else env.calendar().workdays_after(today, int(due_within), strict=False)
        due_before = datetime.combine(last, time(23, 59, 59), tzinfo=env.tz)
    return TaskFilter(
        task_type=args.get("type") or None, number=args.get("number") or None, party=args.get("party") or None,
        due_before=due_before, overdue_at=now if str(args.get("overdue", "")) in ("1", "true", "on") else None,
    )
