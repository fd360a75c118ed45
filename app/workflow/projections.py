"""Keep `human_task` and `timer` equal to the engine's view, in the same transaction as the state."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.auth.models import Role, User
from app.workflow.models import HumanTask, ProcessInstance, Timer
from engine.types import TimerView, UserTaskView


class LaneRoles:
    """Lane name (a role's Chinese name, e.g. 执法人员) -> role code. Roles are reference data
    (migrations write them), so the map is read once per process and again only when a lane is
    not in it."""

    def __init__(self) -> None:
        self._codes: dict[str, str] | None = None
        self._unknown: frozenset[str] = frozenset()  # lanes of no role when the map was read

    def code(self, session: Session, lane: str | None) -> str | None:
        if not lane:
            return None
        if self._codes is None or (lane not in self._codes and lane not in self._unknown):
            self._codes = {name: code for name, code in session.execute(select(Role.name, Role.code))}
            self._unknown = frozenset() if lane in self._codes else self._unknown | {lane}
        return self._codes.get(lane)


def _assignee_id(session: Session, view: UserTaskView) -> int | None:
    field = view.properties.get("assigneeField")
    username = view.data.get(field) if field else None
    if not username:
        return None
    username = str(username)
    for obj in session.identity_map.values():  # usually the user completing the task: no query
        if isinstance(obj, User) and obj.username == username:
            return obj.id
    return session.scalar(select(User.id).where(User.username == username))


def sync_timers(session: Session, instance: ProcessInstance, timers: list[TimerView],
                stored: frozenset | None = None) -> frozenset:
    """Rewrite the instance's timer rows only when they differ from the engine's; returns the rows
    as they now stand. `stored`: the rows as the caller knows them (read when None)."""
    wanted = frozenset((t.task_id, t.bpmn_id, t.run_at) for t in timers)
    if stored is None:
        stored = frozenset(session.execute(
            select(Timer.task_guid, Timer.bpmn_id, Timer.run_at).where(Timer.instance_id == instance.id)
        ).all())
    if stored == wanted:
        return wanted
    session.execute(delete(Timer).where(Timer.instance_id == instance.id))
    session.add_all(
        Timer(instance_id=instance.id, task_guid=t.task_id, bpmn_id=t.bpmn_id, run_at=t.run_at) for t in timers
    )
    return wanted


def open_task_rows(session: Session, instance_id: int) -> list[HumanTask]:
    return list(session.scalars(
        select(HumanTask).where(HumanTask.instance_id == instance_id, HumanTask.status == "open")))


def sync_human_tasks(
    session: Session,
    instance: ProcessInstance,
    ready: list[UserTaskView],
    *,
    now: datetime,
    lanes: LaneRoles,
    open_rows: list[HumanTask] | None = None,
) -> list[HumanTask]:
    """Open rows for new ready tasks; rows whose task is no longer ready become cancelled.

    (The task being completed is marked completed by the caller before this runs.) `open_rows`:
    the instance's open rows as the caller read them in this transaction (read when None); any
    other writer of them saves the instance too, so its version check guards them.
    """
    if open_rows is None:
        open_rows = open_task_rows(session, instance.id)
    else:
        open_rows = [row for row in open_rows if row.status == "open"]
    by_guid = {row.task_guid: row for row in open_rows}
    ready_guids = {view.task_id for view in ready}
    for row in open_rows:
        if row.task_guid not in ready_guids:
            row.status = "cancelled"
            row.completed_at = now
    created = []
    for view in ready:
        row = by_guid.get(view.task_id)
        if row is not None:
            row.due_at = view.due_at  # a moved clock moves the task's deadline
            continue
        assignee_id = _assignee_id(session, view)
        row = HumanTask(
            instance_id=instance.id, task_guid=view.task_id, bpmn_id=view.bpmn_id, title=view.title[:128],
            form_key=view.form_key, lane=view.lane, role_code=lanes.code(session, view.lane),
            assignee_id=assignee_id, designated=assignee_id is not None, business_type=instance.business_type,
            business_id=instance.business_id, business_number=instance.business_number,
            business_title=instance.business_title, team=instance.team, created_at=now, due_at=view.due_at,
        )
        session.add(row)
        created.append(row)
    return created
