"""Functions BPMN expressions may call (whitelisted into the script engine)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from engine.calendar import WorkingDayCalendar


def make_helpers(calendar: WorkingDayCalendar, tz: ZoneInfo) -> dict[str, Callable]:
    def workdays_after(start: str, n: int) -> str:
        """End of the n-th working day after `start` (start day not counted), as an ISO timestamp."""
        day = calendar.workday_deadline(date.fromisoformat(str(start)[:10]), int(n)).day
        return datetime.combine(day, time(23, 59, 59), tzinfo=tz).isoformat()

    return {"workdays_after": workdays_after}
