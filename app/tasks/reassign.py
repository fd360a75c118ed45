"""The chief reassigns a task or a whole case (改派), with a reason that is recorded."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import service as audit
from app.auth.models import User
from app.errors import Conflict, Forbidden, NotFound, ValidationFailed
from app.parties import recusal
from app.workflow import service as workflow
from app.workflow.environment import WorkflowEnvironment
from app.workflow.models import HumanTask
from app.workflow.task_actions import get_task


def _user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username, User.is_active.is_(True)))
    if user is None:
        raise ValidationFailed("用户不存在", fields={"assignee": ["用户不存在或已停用"]})
    return user


def _check_reason(reason: str) -> str:
    if len(reason.strip()) < 2:
        raise ValidationFailed("请填写改派理由", fields={"reason": ["请填写改派理由"]})
    return reason.strip()


def check_two_inspectors(*, handler: str, co_handler: str | None, current_co_handler: str | None) -> None:
    """A case is always carried by two different inspectors (主办/协办): the new handler may not be
    the co-handler the case keeps (given, or the current one when none is given)."""
    if co_handler and co_handler == handler:
        raise ValidationFailed("主办与协办执法人员不得为同一人", fields={"co_handler": ["不得与主办执法人员为同一人"]})
    if not co_handler and current_co_handler and current_co_handler == handler:
        raise ValidationFailed("所选主办执法人员现为本案协办，主办与协办不得为同一人，请同时另选协办执法人员",
                               fields={"co_handler": ["请另选协办执法人员（不得与主办为同一人）"]})


def reassign_task(session: Session, *, task_id: int, actor: User, assignee: str, reason: str) -> HumanTask:
    if not actor.has_permission("task.reassign"):
        raise Forbidden("只有科长或局领导可以改派")
    reason = _check_reason(reason)
    task = get_task(session, task_id)
    if task.status != "open":
        raise Conflict("该待办已办结，不能改派")
    target = _user(session, assignee)
    if task.business_type == "case":  # an inspector who withdrew from the case (回避) may not take its tasks
        recusal.check_assignment(session, case_id=task.business_id, assignees={"assignee": target.username},
                                 confirmed=True)
    if task.role_code and task.role_code not in target.role_codes:
        raise ValidationFailed(f"{target.display_name}不具有“{task.lane}”角色",
                               fields={"assignee": ["所选人员不具有该环节的角色"]})
    before = task.assignee_id
    task.assignee_id, task.designated = target.id, True
    audit.record(session, user_id=actor.id, action="task.reassign", object_type="human_task", object_id=task.id,
                 detail={"from": before, "to": target.id, "reason": reason, "task": task.title,
                         "business": task.business_number})
    return task


def reassign_case(
    session: Session, *, env: WorkflowEnvironment, business_type: str, business_id: int, actor: User,
    handler: str, co_handler: str | None, reason: str, confirmed: bool = False,
) -> list[HumanTask]:
    """New inspectors for a whole ticket or case: the process data, the open tasks of the old
    handler, and (through the domain projector) the case record follow. On a case, an inspector
    who withdrew (回避) is refused, and one whose name matches a party needs `confirmed`."""
    if not actor.has_permission("task.reassign"):
        raise Forbidden("只有科长或局领导可以改派")
    reason = _check_reason(reason)
    new_handler = _user(session, handler)
    data = {"handler": new_handler.username}
    if co_handler:
        data["co_handler"] = _user(session, co_handler).username
    running = [i for i in workflow.instances_for(session, business_type=business_type, business_id=business_id)
               if i.status == "running"]
    if not running:
        raise NotFound("没有正在办理的流程")
    loaded = [(instance, workflow.load_for_update(session, env, instance)) for instance in running]
    current_co = next((env.runtime.latest_data(wf).get("co_handler") for _, wf in loaded), None)
    check_two_inspectors(handler=new_handler.username, co_handler=data.get("co_handler"),
                         current_co_handler=current_co)
    if business_type == "case":
        recusal.check_assignment(session, case_id=business_id,
                                 assignees={"handler": handler, "co_handler": co_handler}, confirmed=confirmed)
    moved: list[HumanTask] = []
    for instance, wf in loaded:
        old_handler = next((v.data.get("handler") for v in env.runtime.ready_user_tasks(wf)), None)
        env.runtime.merge_data(wf, data)
        workflow.save(session, env, instance, wf)
        old_id = session.scalar(select(User.id).where(User.username == old_handler)) if old_handler else None
        for task in session.scalars(select(HumanTask).where(HumanTask.instance_id == instance.id,
                                                            HumanTask.status == "open", HumanTask.designated)):
            if old_id is not None and task.assignee_id == old_id:
                task.assignee_id = new_handler.id
                moved.append(task)
    audit.record(session, user_id=actor.id, action=f"{business_type}.reassign", object_type=business_type,
                 object_id=business_id, detail={**data, "reason": reason, "tasks_moved": [t.id for t in moved]})
    return moved
