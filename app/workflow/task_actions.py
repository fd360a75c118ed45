"""Claim, give back and complete human tasks (领取 / 退回 / 办理)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.exc import StaleDataError

from app.auth.models import User
from app.errors import Conflict, Forbidden, NotFound, ValidationFailed
from app.workflow import hooks, service
from app.workflow.environment import WorkflowEnvironment
from app.workflow.models import HumanTask, ProcessInstance
from engine.errors import ScriptError, TaskNotReady

STALE_MESSAGE = "该待办已被他人处理或数据已变更，请刷新后重试"


def may_work_on(user: User, task: HumanTask) -> bool:
    """Named predicate: the assignee, or anyone of the lane's role while the task is unclaimed."""
    if task.status != "open":
        return False
    if task.assignee_id is not None:
        return task.assignee_id == user.id
    in_section = task.team is None or task.team == user.team or user.has_permission("case.view_all")
    return in_section and task.role_code is not None and task.role_code in user.role_codes


def may_view(user: User, task: HumanTask) -> bool:
    return may_work_on(user, task) or task.completed_by_id == user.id or "leader" in user.role_codes


def get_task(session: Session, task_id: int) -> HumanTask:
    task = session.get(HumanTask, task_id)
    if task is None:
        raise NotFound("待办不存在")
    return task


def _task_and_open_siblings(session: Session, task_id: int) -> tuple[HumanTask, list[HumanTask]]:
    """The task and every open task of its instance (itself included when open), with the instance
    (and its process version), in one query."""
    instance_of_task = select(HumanTask.instance_id).where(HumanTask.id == task_id).scalar_subquery()
    rows = list(session.scalars(select(HumanTask).options(joinedload(HumanTask.instance)).where(or_(
        HumanTask.id == task_id,
        and_(HumanTask.instance_id == instance_of_task, HumanTask.status == "open")))))
    task = next((row for row in rows if row.id == task_id), None)
    if task is None:
        raise NotFound("待办不存在")
    return task, [row for row in rows if row.status == "open"]


def claim(session: Session, *, task_id: int, user: User) -> HumanTask:
    task = get_task(session, task_id)
    if task.status != "open":
        raise Conflict(STALE_MESSAGE)
    if task.assignee_id == user.id:
        return task
    if task.assignee_id is not None:
        raise Conflict("该待办已被他人领取")
    if task.role_code not in user.role_codes or not may_work_on(user, task):
        raise Forbidden("您的角色或科室不能领取该待办")
    result = session.execute(
        update(HumanTask)
        .where(HumanTask.id == task_id, HumanTask.assignee_id.is_(None), HumanTask.status == "open")
        .values(assignee_id=user.id)
    )
    if result.rowcount != 1:
        raise Conflict("该待办已被他人领取")
    session.refresh(task)
    return task


def give_back(session: Session, *, task_id: int, user: User) -> HumanTask:
    task = get_task(session, task_id)
    if task.status != "open" or task.assignee_id != user.id:
        raise Conflict("只能退回自己领取的待办")
    if task.role_code is None or task.designated:
        raise Conflict("该待办为指定办理人，不能退回待领取")
    task.assignee_id = None
    return task


def complete(
    session: Session,
    *,
    env: WorkflowEnvironment,
    task_id: int,
    user: User,
    data: dict[str, Any],
    validate: Callable[[HumanTask, dict[str, Any], dict[str, Any]], dict[str, Any]],
) -> ProcessInstance:
    """may the user? → load → validate → run → save state + projections. The caller commits.

    `validate(task, data, process_data)` sees the task's process data (before the form is
    merged), for checks that compare the form with the process (e.g. the surcharge's fine).
    A concurrent completion on the same instance makes the flush fail on the
    instance's version; that surfaces as Conflict (409) and the caller rolls back.
    """
    task, open_rows = _task_and_open_siblings(session, task_id)
    if task.status != "open":
        raise Conflict(STALE_MESSAGE)
    if not may_work_on(user, task):
        raise Forbidden("您不是该待办的办理人")
    instance = session.get(ProcessInstance, task.instance_id)
    wf = service.load_for_update(session, env, instance)
    view = env.runtime.ready_user_task(wf, task.task_guid)
    try:
        cleaned = validate(task, data, dict(view.data) if view else {})
    except ValidationFailed:
        service.release(session, env, instance, wf)  # not run: the next attempt may use it as it is
        raise
    try:
        env.runtime.complete(wf, task.task_guid, cleaned)
    except TaskNotReady as exc:
        raise Conflict(STALE_MESSAGE) from exc
    except ScriptError as exc:
        raise ValidationFailed(f"流程无法继续：{exc}") from exc
    now = env.clock.now()
    task.status, task.completed_at, task.completed_by_id = "completed", now, user.id
    task.submitted = cleaned
    if task.assignee_id is None:
        task.assignee_id = user.id
    try:
        service.save(session, env, instance, wf, open_rows=open_rows)
    except StaleDataError as exc:
        raise Conflict(STALE_MESSAGE) from exc
    hooks.task_completed(session, env, hooks.CompletedTask(
        business_type=instance.business_type, business_id=instance.business_id, instance_id=instance.id,
        bpmn_id=task.bpmn_id, properties=dict(view.properties) if view else {},
        data={**(view.data if view else {}), **cleaned}, user_id=user.id,
        today=now.astimezone(env.tz).date(),
    ))
    return instance
