"""The clockStart syntax (app/cases/periods.py): `<rule>:<date field>[:due=<date field>][:<field>=<value>]`."""
from __future__ import annotations

from datetime import date

from app.cases.periods import PeriodStart, parse_starts
from engine.clocks import amount_until


def test_a_start_with_a_condition_and_one_with_a_due_field():
    assert parse_starts("statement_defence:notice_service_date, hearing_request:notice_service_date:hearing_right=True,"
                        " rectification:order_served_on:due=rectify_by") == [
        PeriodStart("statement_defence", "notice_service_date"),
        PeriodStart("hearing_request", "notice_service_date", ("hearing_right", "True")),
        PeriodStart("rectification", "order_served_on", None, "rectify_by"),
    ]


def test_due_is_a_reserved_key_and_combines_with_a_condition():
    (start,) = parse_starts("rectification:order_served_on:due=rectify_by:served=yes")
    assert (start.due_field, start.when) == ("rectify_by", ("served", "yes"))
    assert start.applies({"served": "yes"}) and not start.applies({"served": "no"})


def test_the_amount_is_the_calendar_days_to_the_due_date_and_at_least_one():
    assert amount_until(date(2026, 12, 3), date(2026, 12, 10)) == 7
    assert amount_until(date(2026, 12, 8), date(2026, 12, 8)) == 1
