"""The tickets domain's checks on task forms (registered at start-up, see app/forms/checks.py)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationFailed
from app.forms import checks
from app.workflow.models import HumanTask

SUPPLEMENT_FORM = "ticket_supplement"


def supplement_requested_before(session: Session, *, ticket_id: int) -> bool:
    """Whether this ticket has already been through its one-time 补正 (the clerk recorded the return)."""
    return session.scalar(select(HumanTask.id).where(
        HumanTask.business_type == "ticket", HumanTask.business_id == ticket_id,
        HumanTask.form_key == SUPPLEMENT_FORM, HumanTask.status == "completed").limit(1)) is not None


def _one_time_supplement(session: Session, task: HumanTask, data: dict[str, Any], context: checks.TaskContext) -> None:
    """一次性告知补正 (GD Art. 39): once the materials came back, 核查 cannot ask for more."""
    if task.business_type != "ticket" or data.get("conclusion") != "supplement":
        return
    if supplement_requested_before(session, ticket_id=task.business_id):
        raise ValidationFailed(
            "本工单已一次性告知补正并收到补正材料，不得再次要求补正，请作出其他核处结论",
            fields={"conclusion": ["补正只能一次性告知，已补正过的工单不得再次选择“一次性告知补正”"]})


checks.register("ticket_verify", _one_time_supplement)
