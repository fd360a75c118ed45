"""Functions BPMN expressions may call (whitelisted into the script engine)."""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from engine.calendar import WorkingDayCalendar

log = logging.getLogger(__name__)


def make_helpers(calendar: Callable[[], WorkingDayCalendar], tz: ZoneInfo) -> dict[str, Callable]:
    """`calendar` returns the current working-day calendar (the app's CalendarProvider.calendar),
    so a notice an administrator enters applies to deadlines computed afterwards."""

    def workdays_after(start: str, n: int) -> str:
        """End of the n-th working day after `start` (start day not counted), as an ISO timestamp."""
        result = calendar().workday_deadline(date.fromisoformat(str(start)[:10]), int(n))
        if result.unconfirmed_years:
            log.warning("workdays_after(%s, %s) = %s relies on unconfirmed calendar years %s (日历未确认)",
                        start, n, result.day, sorted(result.unconfirmed_years))
        return datetime.combine(result.day, time(23, 59, 59), tzinfo=tz).isoformat()

    return {"workdays_after": workdays_after}
