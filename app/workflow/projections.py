"""Keep `human_task` and `timer` equal to the engine's view, in the same transaction as the state."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.auth.models import Role, User
from app.workflow.models import HumanTask, ProcessInstance, Timer
from engine.types import TimerView, UserTaskView


def _role_codes_by_lane(session: Session) -> dict[str, str]:
    return {name: code for name, code in session.execute(select(Role.name, Role.code))}


def _assignee_id(session: Session, view: UserTaskView) -> int | None:
    field = view.properties.get("assigneeField")
    username = view.data.get(field) if field else None
    if not username:
        return None
    return session.scalar(select(User.id).where(User.username == str(username)))


def sync_timers(session: Session, instance: ProcessInstance, timers: list[TimerView]) -> None:
    """Rewrite the instance's timer rows only when they differ from the engine's."""
    wanted = {(t.task_id, t.bpmn_id, t.run_at) for t in timers}
    stored = set(session.execute(
        select(Timer.task_guid, Timer.bpmn_id, Timer.run_at).where(Timer.instance_id == instance.id)
    ).all())
    if stored == wanted:
        return
    session.execute(delete(Timer).where(Timer.instance_id == instance.id))
    session.add_all(
        Timer(instance_id=instance.id, task_guid=t.task_id, bpmn_id=t.bpmn_id, run_at=t.run_at) for t in timers
    )


def sync_human_tasks(
    session: Session,
    instance: ProcessInstance,
    ready: list[UserTaskView],
    *,
    now: datetime,
) -> list[HumanTask]:
    """Open rows for new ready tasks; rows whose task is no longer ready become cancelled.

    (The task being completed is marked completed by the caller before this runs.)
    """
    open_rows = list(
        session.scalars(
            select(HumanTask).where(HumanTask.instance_id == instance.id, HumanTask.status == "open")
        )
    )
    by_guid = {row.task_guid: row for row in open_rows}
    ready_guids = {view.task_id for view in ready}
    for row in open_rows:
        if row.task_guid not in ready_guids:
            row.status = "cancelled"
            row.completed_at = now
    lanes: dict[str, str] | None = None
    created = []
    for view in ready:
        row = by_guid.get(view.task_id)
        if row is not None:
            row.due_at = view.due_at  # a moved clock moves the task's deadline
            continue
        lanes = lanes if lanes is not None else _role_codes_by_lane(session)
        assignee_id = _assignee_id(session, view)
        row = HumanTask(
            instance_id=instance.id, task_guid=view.task_id, bpmn_id=view.bpmn_id, title=view.title[:128],
            form_key=view.form_key, lane=view.lane, role_code=lanes.get(view.lane or ""),
            assignee_id=assignee_id, designated=assignee_id is not None, business_type=instance.business_type,
            business_id=instance.business_id, business_number=instance.business_number,
            business_title=instance.business_title, team=instance.team, created_at=now, due_at=view.due_at,
        )
        session.add(row)
        created.append(row)
    return created
