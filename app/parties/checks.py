"""The parties domain's checks on task forms (registered at start-up, see app/forms/checks.py)."""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.forms import checks
from app.forms.checks import TaskContext
from app.parties import duplicates, recusal
from app.workflow.models import HumanTask


def _merge_target(session: Session, task: HumanTask, data: dict[str, Any], context: TaskContext) -> None:
    """核处结论 重复投诉: the ticket or case it is merged into must exist and be open."""
    if task.business_type == "ticket" and data.get("conclusion") == "duplicate" and data.get(duplicates.MERGE_FIELD):
        duplicates.check_merge_target(session, ticket_id=task.business_id, number=data[duplicates.MERGE_FIELD])


def _assign(session: Session, task: HumanTask, data: dict[str, Any], context: TaskContext) -> None:
    recusal.check_assign_form(session, task, data)


checks.register("case_assign", _assign)
checks.register("ticket_verify", _merge_target)
