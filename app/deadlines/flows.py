"""Clocks and workflows together: a moved clock moves the BPMN timers that read it."""
from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from app.deadlines.models import LegalClock
from app.workflow import service as workflow
from app.workflow.environment import WorkflowEnvironment


def end_of_day(day: date, tz: ZoneInfo) -> str:
    """A due day as the ISO timestamp BPMN timers fire after: the last second of that day, local time."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=tz).isoformat()


def deadlines_data(clocks: list[LegalClock], tz: ZoneInfo) -> dict[str, str]:
    """`deadlines` for process data: rule code -> due timestamp, for running clocks."""
    return {c.rule_code: end_of_day(c.due_on, tz) for c in clocks if c.stopped_on is None and c.due_on}


def move_timers(session: Session, *, env: WorkflowEnvironment, clock: LegalClock, tz: ZoneInfo) -> int:
    """Retime the running instances of the clock's ticket or case; returns how many were saved."""
    moved = 0
    for instance in workflow.instances_for(session, business_type=clock.business_type, business_id=clock.business_id):
        if instance.status != "running":
            continue
        wf = workflow.load_for_update(session, env, instance)
        env.runtime.retime(wf, {clock.rule_code: end_of_day(clock.due_on, tz)})
        workflow.save(session, env, instance, wf)
        moved += 1
    return moved


def refresh_unconfirmed(session: Session, *, env: WorkflowEnvironment, today: date) -> int:
    """Recompute the clocks computed without holiday data (日历未确认) once an admin enters the year,
    and move the timers that read them. One transaction per clock; returns how many moved."""
    from app.deadlines import service as clocks

    moved = 0
    calendar = env.calendar()
    for clock in clocks.unconfirmed_open(session):
        before = clock.due_on
        clocks.recompute(clock, calendar=calendar, today=today)
        if clock.due_on != before:
            move_timers(session, env=env, clock=clock, tz=env.tz)
            moved += 1
        session.commit()
    return moved
