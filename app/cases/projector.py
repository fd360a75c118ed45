"""Keep a case in step with its process: stage, outcome, inspectors, and the decision clock.

- 立案审批 approved with 立案日期 → the case is filed and the 45-working-day decision
  clock starts on that date (GD Art. 44).
- The decision recorded (`outcome` appears) → the decision clock stops.
- A completed task whose BPMN property `clockAction` says `pause:decision:<reason>`,
  `resume:decision` or `extend:decision` pauses, resumes or extends the clock with the
  dates the forms recorded (`clockActionWhen` = `field=value` makes it conditional, e.g.
  only an approved suspension pauses); the BPMN timers that read the clock move with it.
- Tasks with `clockStart` / `clockStop` start and stop the process periods as clocks
  (陈述申辩, 缴纳罚款, …; see app.cases.periods).
- Open clocks remind the current handler; the case closed → every clock stops.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.cases import periods
from app.cases.models import Case
from app.deadlines import flows as deadline_flows
from app.deadlines import service as clocks
from app.workflow import hooks
from app.workflow.environment import WorkflowEnvironment

DECISION_RULE = "decision"
# `outcome` is "open" until the decision is recorded (and "not_filed" when filing is refused)
PAUSE_DATES = ("commissioned_on", "suspension_approved_on")
RESUME_DATES = ("received_on", "resumed_on")


def _user_id(session: Session, username: str | None) -> int | None:
    if not username:
        return None
    return session.scalar(select(User.id).where(User.username == username))


def project_case(session: Session, env: WorkflowEnvironment, snapshot: hooks.InstanceSnapshot) -> None:
    case = session.get(Case, snapshot.business_id)
    if case is None:
        return
    data = snapshot.data
    case.stage = str(data.get("stage") or case.stage)[:64]
    case.handler_id = _user_id(session, data.get("handler")) or case.handler_id
    case.co_handler_id = _user_id(session, data.get("co_handler")) or case.co_handler_id
    case.case_cause = data.get("case_cause") or case.case_cause
    if data.get("filing_approval") == "approve" and data.get("filed_on") and case.filed_on is None:
        case.filed_on = date.fromisoformat(data["filed_on"])
        case.status = "open"
        clocks.start(session, calendar=env.calendar(), rule_code=DECISION_RULE, business_type="case",
                     business_id=case.id, business_number=case.number, start_on=case.filed_on,
                     today=snapshot.today, responsible_id=case.handler_id)
    case_clocks = clocks.clocks_for(session, business_type="case", business_id=case.id)
    decision = next((c for c in case_clocks if c.rule_code == DECISION_RULE), None)
    for clock in case_clocks:
        if clock.stopped_on is None and case.handler_id:
            clock.responsible_id = case.handler_id  # reminders follow the (re)assigned handler
    periods.apply_periods(session, env, case, snapshot.finished, today=snapshot.today)
    undecided = data.get("outcome") in (None, "", "open")
    if undecided and case.decided_on is not None and not snapshot.completed:
        # the decision was sent back (e.g. 撤销立案 refused): investigation and its clock resume
        case.decided_on, case.outcome = None, None
        if decision is not None:
            clocks.reopen(decision, calendar=env.calendar(), today=snapshot.today)
    if not undecided and data.get("outcome") != "not_filed":
        case.outcome = str(data["outcome"])[:48]  # follows the result (e.g. rectified, penalty_paid)
        if case.decided_on is None:
            case.decided_on = snapshot.today
            if decision is not None:
                clocks.stop(decision, stopped_on=snapshot.today)
    if snapshot.completed:
        case.status = "not_filed" if data.get("outcome") == "not_filed" else "closed"
        case.outcome = str(data.get("outcome") or case.outcome or "")[:48] or None
        case.closed_on = snapshot.today
        for clock in clocks.clocks_for(session, business_type="case", business_id=case.id):
            clocks.stop(clock, stopped_on=snapshot.today)
    case.updated_at = env.clock.now()


def _first_date(data: dict, keys: tuple[str, ...], default: date) -> date:
    for key in keys:
        if data.get(key):
            return date.fromisoformat(str(data[key])[:10])
    return default


def apply_clock_action(session: Session, env: WorkflowEnvironment, task: hooks.CompletedTask) -> None:
    action = task.properties.get("clockAction")
    if not action:
        return
    field, _, wanted = task.properties.get("clockActionWhen", "").partition("=")
    if field and str(task.data.get(field)) != wanted:  # e.g. only when the suspension is approved
        return
    verb, _, rest = action.partition(":")
    rule_code, _, reason = rest.partition(":")
    clock = next((c for c in clocks.clocks_for(session, business_type="case", business_id=task.business_id)
                  if c.rule_code == rule_code and c.stopped_on is None), None)
    if clock is None:
        return
    calendar, data, today = env.calendar(), task.data, task.today
    if verb == "pause" and not any(p.end_on is None for p in clock.pauses):
        clocks.pause(session, calendar=calendar, clock_id=clock.id, start_on=_first_date(data, PAUSE_DATES, today),
                     reason=reason or "中止", user_id=task.user_id, today=today)
    elif verb == "resume" and any(p.end_on is None for p in clock.pauses):
        clocks.resume(session, calendar=calendar, clock_id=clock.id, end_on=_first_date(data, RESUME_DATES, today),
                      user_id=task.user_id, today=today)
    elif verb == "extend":
        clocks.extend(session, calendar=calendar, clock_id=clock.id,
                      approved_on=_first_date(data, ("extension_approved_on",), today),
                      reason=str(data.get("extension_reason") or data.get("extension_opinion") or "延期"),
                      user_id=task.user_id, today=today,
                      amount=int(data["extension_days"]) if data.get("extension_days") else None)
    else:
        return
    deadline_flows.move_timers(session, env=env, clock=clock, tz=env.tz)


hooks.register_projector("case", project_case)
hooks.register_task_listener("case", apply_clock_action)
