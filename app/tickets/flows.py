"""Ticket page data: the ticket, its open tasks and its history, for both the page and the API."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.deadlines import service as deadlines
from app.deadlines.service import ClockView
from app.tasks import service as task_service
from app.tickets import service
from app.tickets.models import Ticket
from app.workflow.models import HumanTask
from engine.calendar import WorkingDayCalendar


@dataclass(frozen=True)
class HistoryEntry:
    task: str
    status: str
    by: str | None
    at: object
    data: dict


@dataclass(frozen=True)
class TicketView:
    ticket: Ticket
    open_tasks: list[HumanTask]
    history: list[HistoryEntry]
    clocks: list[ClockView]


def history_entries(done: list[HumanTask], people: dict) -> list[HistoryEntry]:
    """Completed and cancelled tasks as history lines (who, when, what was submitted)."""
    return [
        HistoryEntry(
            task=t.title, status={"completed": "已办理", "cancelled": "已取消（期限届满或流程变化）"}[t.status],
            by=people[t.completed_by_id].display_name if t.completed_by_id in people else None,
            at=t.completed_at, data=t.submitted or {},
        )
        for t in done
    ]


def ticket_view(session: Session, *, ticket_id: int, calendar: WorkingDayCalendar, today: date) -> TicketView:
    ticket = service.get(session, ticket_id=ticket_id)
    done = task_service.history(session, business_type="ticket", business_id=ticket.id)
    people = task_service.users_by_id(session, {t.completed_by_id for t in done if t.completed_by_id})
    history = history_entries(done, people)
    open_tasks = task_service.open_tasks(session, business_type="ticket", business_id=ticket.id)
    clocks = deadlines.views_for(session, business_type="ticket", business_id=ticket.id, calendar=calendar,
                                 today=today)
    return TicketView(ticket=ticket, open_tasks=open_tasks, history=history, clocks=clocks)
