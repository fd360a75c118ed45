"""The legal clocks of the tickets and cases on a task-list page (案件期限 beside each task).

One indexed query for the page (legal_clock by business), from the stored projection of each clock
(`due_on`, `state`, `extended`), never the workflow state; the remaining working days are counted
from today with the working-day calendar.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, lazyload

from app.deadlines.models import LegalClock
from app.workflow.models import HumanTask
from engine.calendar import WorkingDayCalendar


@dataclass(frozen=True)
class TaskClock:
    """One running clock of a task's ticket or case, as the list shows it."""

    name: str  # the rule's name, e.g. 作出处理决定
    due_on: date
    state: str  # running | paused
    extended: bool
    unconfirmed: bool  # counted through a year without holiday data (日历未确认)
    remaining: int | None  # working days in (today, due], negative when overdue; None while paused

    @property
    def overdue(self) -> bool:
        return self.remaining is not None and self.remaining < 0


def clocks_of_tasks(session: Session, tasks: list[HumanTask], *, calendar: WorkingDayCalendar,
                    today: date) -> dict[tuple[str, int], list[TaskClock]]:
    """(business type, id) -> its running and paused clocks, soonest due first."""
    keys = sorted({(t.business_type, t.business_id) for t in tasks})
    if not keys:
        return {}
    by_type: dict[str, list[int]] = {}
    for business_type, business_id in keys:
        by_type.setdefault(business_type, []).append(business_id)
    stmt = (select(LegalClock)
            .options(lazyload(LegalClock.pauses), lazyload(LegalClock.extensions))
            .where(or_(*(and_(LegalClock.business_type == kind, LegalClock.business_id.in_(ids))
                         for kind, ids in by_type.items())),
                   LegalClock.stopped_on.is_(None), LegalClock.due_on.is_not(None)))
    found: dict[tuple[str, int], list[TaskClock]] = {}
    for clock in session.scalars(stmt):
        paused = clock.state == "paused"
        remaining = None if paused else calendar.workdays_between(today, clock.due_on, strict=False)
        found.setdefault((clock.business_type, clock.business_id), []).append(TaskClock(
            name=clock.rule.name, due_on=clock.due_on, state=clock.state, extended=clock.extended,
            unconfirmed=clock.unconfirmed_calendar, remaining=remaining))
    for clocks in found.values():
        clocks.sort(key=lambda c: (c.state == "paused", c.due_on))
    return found
