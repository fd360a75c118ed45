"""What the case page and the case API show: the case, its clocks, tasks and history."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from app.auth import service as auth_service
from app.auth.models import User
from app.cases import periods, service
from app.cases.models import Case
from app.cases.permissions import may_view_case
from app.deadlines import service as deadlines
from app.deadlines.service import ClockView
from app.errors import Conflict, Forbidden, NotFound
from app.tasks import service as task_service
from app.tickets.flows import HistoryEntry, history_entries
from app.workflow import service as workflow
from app.workflow.environment import WorkflowEnvironment
from app.workflow.models import HumanTask
from engine.errors import TaskNotReady

# signals a case page may send into the running process (延期 / 中止 applications)
SIGNALS = {"apply_extension": "申请延期", "apply_suspension": "申请中止调查"}


@dataclass(frozen=True)
class ProcessDeadline:
    """A period the running process computed from the configured rules (e.g. 陈述申辩期满) that is
    not a clock: a case still running on a process version from before clockStart (app.cases.periods)."""

    code: str
    name: str
    source: str
    due: datetime


@dataclass(frozen=True)
class CaseView:
    case: Case
    open_tasks: list[HumanTask]
    history: list[HistoryEntry]
    clocks: list[ClockView]
    people: dict[int, User]
    process_deadlines: list[ProcessDeadline]


def visible_case(session: Session, *, case_id: int, user: User) -> Case:
    case = service.get(session, case_id=case_id)
    if not may_view_case(user, case):
        raise Forbidden("无权查看该案件")
    return case


def _process_deadlines(session: Session, env: WorkflowEnvironment, case: Case,
                       clocks: list[ClockView]) -> list[ProcessDeadline]:
    tracked = {view.clock.rule_code for view in clocks}
    rules = {rule.code: rule for rule in deadlines.rules(session)}
    found = workflow.current_deadlines(session, env=env, business_type="case", business_id=case.id,
                                       tracked=periods.declared_rules)
    return sorted(
        (ProcessDeadline(code, rules[code].name if code in rules else code, rules[code].source if code in rules else "",
                         datetime.fromisoformat(due))
         for code, due in found.items() if code not in tracked),
        key=lambda item: item.due,
    )


def case_view(session: Session, *, case_id: int, user: User, env: WorkflowEnvironment) -> CaseView:
    case = visible_case(session, case_id=case_id, user=user)
    done = task_service.history(session, business_type="case", business_id=case.id)
    people = task_service.users_by_id(
        session, {i for i in (case.handler_id, case.co_handler_id) if i} | {t.completed_by_id for t in done if t.completed_by_id}
    )
    clocks = deadlines.views_for(session, business_type="case", business_id=case.id, calendar=env.calendar(),
                                 today=env.clock.now().astimezone(env.tz).date())
    return CaseView(
        case=case,
        open_tasks=task_service.open_tasks(session, business_type="case", business_id=case.id),
        history=history_entries(done, people),
        clocks=clocks,
        people=people,
        process_deadlines=_process_deadlines(session, env, case, clocks),
    )


def send_signal(session: Session, *, env: WorkflowEnvironment, case_id: int, user: User, signal: str,
                reason: str) -> Case:
    """Raise an extension or suspension application on the running case process."""
    case = visible_case(session, case_id=case_id, user=user)
    if signal not in SIGNALS:
        raise NotFound("不支持的操作")
    if user.id not in (case.handler_id, case.co_handler_id) and "chief" not in user.role_codes:
        raise Forbidden("只有承办执法人员或科长可以提出申请")
    running = [i for i in workflow.instances_for(session, business_type="case", business_id=case.id)
               if i.status == "running"]
    if not running:
        raise Conflict("案件流程已结束")
    instance = running[0]
    wf = workflow.load_for_update(session, env, instance)
    try:
        env.runtime.send_signal(wf, signal, {"reason": reason, "by": user.username})
    except TaskNotReady as exc:
        raise Conflict(f"当前阶段不能{SIGNALS[signal]}（已提出过或已作出处理决定）") from exc
    workflow.save(session, env, instance, wf)
    return case


def officers(session: Session) -> list[User]:
    return auth_service.users_with_role(session, role_code="officer")
