"""Functions BPMN expressions may call (whitelisted into the script engine)."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from engine.calendar import WorkingDayCalendar
from engine.clocks import ClockRule, amount_until, evaluate

log = logging.getLogger(__name__)


def make_helpers(calendar: Callable[[], WorkingDayCalendar], tz: ZoneInfo,
                 rule: Callable[[str], ClockRule] | None = None) -> dict[str, Callable]:
    """`calendar` returns the current working-day calendar (the app's CalendarProvider.calendar),
    so a notice an administrator enters applies to deadlines computed afterwards; `rule` gives a
    clock rule by code (the configured table), for `rule_deadline`."""

    def workdays_after(start: str, n: int) -> str:
        """End of the n-th working day after `start` (start day not counted), as an ISO timestamp."""
        result = calendar().workday_deadline(date.fromisoformat(str(start)[:10]), int(n))
        if result.unconfirmed_years:
            log.warning("workdays_after(%s, %s) = %s relies on unconfirmed calendar years %s (日历未确认)",
                        start, n, result.day, sorted(result.unconfirmed_years))
        return datetime.combine(result.day, time(23, 59, 59), tzinfo=tz).isoformat()

    def rule_deadline(code: str, start: str, due: str | None = None) -> str:
        """End of the due day of the configured rule `code` started on `start`, e.g.
        rule_deadline("statement_defence", notice_served_on): the period as the 期限规则 page sets it.
        With `due` (a calendar-day rule whose period a document sets, e.g.
        rule_deadline("rectification", order_served_on, rectify_by)) the period is the days from
        `start` to `due` instead of the rule's amount; the holiday rule still applies."""
        start_on = date.fromisoformat(str(start)[:10])
        the_rule = rule(code)
        if due is not None:
            the_rule = replace(the_rule, amount=amount_until(start_on, date.fromisoformat(str(due)[:10])))
        state = evaluate(the_rule, start=start_on, today=start_on, calendar=calendar())
        if state.unconfirmed_years:
            log.warning("rule_deadline(%s, %s) = %s relies on unconfirmed calendar years %s (日历未确认)",
                        code, start, state.due, sorted(state.unconfirmed_years))
        return datetime.combine(state.due, time(23, 59, 59), tzinfo=tz).isoformat()

    helpers = {"workdays_after": workdays_after}
    if rule is not None:
        helpers["rule_deadline"] = rule_deadline
    return helpers
