"""The chief's overview: open clocks by remaining working days, overdue first; on-time rate."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.deadlines.models import LegalClock
from engine.calendar import WorkingDayCalendar

RED, YELLOW = 5, 10  # remaining working days


@dataclass(frozen=True)
class BoardRow:
    clock: LegalClock
    remaining: int

    @property
    def colour(self) -> str:
        return "red" if self.remaining <= RED else "yellow" if self.remaining <= YELLOW else "green"


@dataclass(frozen=True)
class Board:
    rows: list[BoardRow]
    closed: int
    on_time: int

    @property
    def on_time_rate(self) -> float | None:
        return None if self.closed == 0 else self.on_time / self.closed


def board(session: Session, *, calendar: WorkingDayCalendar, today: date, limit: int = 500) -> Board:
    open_clocks = session.scalars(
        select(LegalClock).where(LegalClock.stopped_on.is_(None)).order_by(LegalClock.due_on).limit(limit)
    )
    rows = [BoardRow(c, calendar.workdays_between(today, c.due_on, strict=False)) for c in open_clocks]
    closed, on_time = session.execute(
        select(func.count(LegalClock.id), func.sum(case((LegalClock.stopped_on <= LegalClock.due_on, 1), else_=0)))
        .where(LegalClock.stopped_on.is_not(None))
    ).one()
    return Board(rows=rows, closed=closed or 0, on_time=int(on_time or 0))
