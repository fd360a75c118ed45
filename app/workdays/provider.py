"""The working-day calendar each process (web worker, scheduler) keeps in memory."""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.workdays.service import current_revision, load_calendar
from engine.calendar import WorkingDayCalendar

log = logging.getLogger(__name__)


class CalendarProvider:
    """The current WorkingDayCalendar for one process (web worker or scheduler).

    ``calendar()`` returns the cached calendar; at most every ``check_seconds``
    (default 30) it reads the revision row with its own short-lived session
    and reloads the tables when the revision changed. A change committed by
    another worker is therefore seen here within ``check_seconds``; the worker
    that made it calls ``invalidate()`` and sees it at once. Thread-safe: the
    state is swapped as one tuple and refreshes are serialised by a lock.
    If the database cannot be read, the last calendar stays in use.
    """

    def __init__(self, engine: Engine, *, check_seconds: float = 30.0,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self._engine = engine
        self._check_seconds = check_seconds
        self._monotonic = monotonic
        self._lock = threading.Lock()
        # (calendar, revision, checked at); checked at None forces a check
        self._state: tuple[WorkingDayCalendar | None, int | None, float | None] = (None, None, None)

    def calendar(self) -> WorkingDayCalendar:
        calendar, _, checked = self._state
        if calendar is not None and not self._due(checked):
            return calendar
        with self._lock:
            calendar, revision, checked = self._state
            if calendar is None or self._due(checked):
                self._state = self._refreshed(calendar, revision)
            return self._state[0]

    def invalidate(self) -> None:
        with self._lock:
            calendar, revision, _ = self._state
            self._state = (calendar, revision, None)

    def _due(self, checked: float | None) -> bool:
        return checked is None or self._monotonic() - checked >= self._check_seconds

    def _refreshed(self, calendar: WorkingDayCalendar | None, revision: int | None) -> tuple:
        try:
            with Session(self._engine) as session:
                latest = current_revision(session)
                if calendar is None or latest != revision:
                    calendar, revision = load_calendar(session), latest
                    log.info("working-day calendar loaded (revision %s)", latest)
        except SQLAlchemyError:
            if calendar is None:
                raise
            log.exception("working-day calendar: revision check failed; keeping revision %s", revision)
        return calendar, revision, self._monotonic()
