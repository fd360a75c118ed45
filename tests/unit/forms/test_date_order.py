"""x-notBefore / x-notFuture / x-dateTitle on date fields (app/forms/date_order.py)."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.errors import ValidationFailed
from app.forms.date_order import KnownDate, check, date_order_errors
from app.forms.registry import FormDefinition

CHINA = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 3, 9, 0, tzinfo=CHINA)  # Thu


def _weekdays_after(day: date, n: int) -> date:
    while n:
        day += timedelta(days=1)
        n -= day.weekday() < 5
    return day


FORM = FormDefinition(key="decision", schema={"type": "object", "properties": {
    "decided_on": {"type": "string", "format": "date", "title": "决定日期", "x-dateTitle": "处理决定日期",
                   "x-notFuture": True, "x-notBefore": ["filed_on"]},
    "served_on": {"type": "string", "format": "date", "title": "送达日期", "x-notBefore": ["decided_on"],
                  "x-notAfter": ["rectify_by"]},
    "heard_at": {"type": "string", "format": "date-time", "title": "听证时间", "x-notFuture": True,
                 "x-notBefore": [{"field": "notice_on", "workdays": 7}]},
}})
KNOWN = {"filed_on": KnownDate(date(2026, 12, 1), "立案日期"), "notice_on": KnownDate(date(2026, 11, 20), "听证通知日期"),
         "rectify_by": KnownDate(date(2026, 12, 10), "责令改正期限（到期日）")}


def _errors(**data):
    return date_order_errors(FORM, data, known=KNOWN, now=NOW, tz=CHINA, workdays_after=_weekdays_after)


def test_a_date_before_a_known_case_date_names_both():
    assert _errors(decided_on="2026-11-30") == {"decided_on": ["处理决定日期不得早于立案日期（2026-12-01）"]}
    assert _errors(decided_on="2026-12-01") == {}  # the same day is in order


def test_a_date_before_another_field_of_the_form():
    assert _errors(decided_on="2026-12-02", served_on="2026-12-01") == {
        "served_on": ["送达日期不得早于处理决定日期（2026-12-02）"]}
    assert _errors(served_on="2026-11-01") == {}  # no decision date given: nothing to compare with


def test_a_date_after_a_known_date_it_may_not_pass():
    """A rectification order served after the rectify-by date it states is refused, naming that date."""
    assert _errors(served_on="2026-12-11") == {"served_on": ["送达日期不得晚于责令改正期限（到期日）（2026-12-10）"]}
    assert _errors(served_on="2026-12-10") == {}  # served on the last day: in order


def test_not_in_the_future_by_the_clock():
    assert _errors(decided_on="2026-12-04") == {"decided_on": ["处理决定日期不得晚于今天（2026-12-03）"]}
    assert _errors(heard_at="2026-12-03T09:30:00+08:00") == {
        "heard_at": ["听证时间不得晚于当前时间（2026-12-03 09:00）"]}
    assert _errors(heard_at="2026-12-03T08:30:00+08:00") == {}


def test_working_days_after_a_reference():
    # notice Fri 20 Nov: the 7th working day after it is Tue 1 Dec
    assert _errors(heard_at="2026-11-30T15:00:00+08:00") == {
        "heard_at": ["听证时间应在听证通知日期（2026-11-20）后至少7个工作日，即不早于2026-12-01"]}
    assert _errors(heard_at="2026-12-01T08:00:00+08:00") == {}


def test_a_refusal_is_a_validation_error_naming_the_fields():
    with pytest.raises(ValidationFailed) as caught:
        check(FORM, {"decided_on": "2026-11-30", "served_on": "2026-11-29"}, known=KNOWN, now=NOW, tz=CHINA,
              workdays_after=_weekdays_after)
    assert set(caught.value.fields) == {"decided_on", "served_on"}
    assert caught.value.message == "处理决定日期不得早于立案日期（2026-12-01）；送达日期不得早于处理决定日期（2026-11-30）"


def test_every_declared_reference_in_the_forms_names_a_date_that_exists():
    """A reference nobody fills is skipped at run time, so a misspelt one would silently check nothing."""
    from pathlib import Path

    from app.forms.date_order import DATE_FORMATS
    from app.forms.registry import FormRegistry

    registry = FormRegistry.from_directory(Path(__file__).parents[3] / "forms")
    forms = [registry.get(key) for key in registry.keys()]
    dates = {name for f in forms for name, p in f.properties.items() if p.get("format") in DATE_FORMATS}
    declared = 0
    for form in forms:
        for name, prop in form.properties.items():
            keywords = {"x-notBefore", "x-notAfter", "x-notFuture", "x-dateTitle"} & set(prop)
            if not keywords:
                continue
            assert prop.get("format") in DATE_FORMATS, (form.key, name)
            for ref in prop.get("x-notBefore", []):
                field = ref if isinstance(ref, str) else ref["field"]
                assert field != name and field in dates | {"filed_on"}, (form.key, name, field)
                declared += 1
            for field in prop.get("x-notAfter", []):
                assert field != name and field in dates | {"filed_on"}, (form.key, name, field)
    assert declared > 50


def test_outside_references_name_only_the_dates_a_form_does_not_hold():
    from app.forms.date_order import outside_references
    from app.forms.registry import FormDefinition

    form = FormDefinition(key="f", schema={"type": "object", "properties": {
        "served_on": {"type": "string", "format": "date", "x-notBefore": ["decided_on", {"field": "filed_on", "days": 1}]},
        "decided_on": {"type": "string", "format": "date", "x-notAfter": ["deadline_on"]}}})
    assert outside_references(form) == {"filed_on", "deadline_on"}
    assert outside_references(FormDefinition(key="g", schema={"type": "object", "properties": {}})) == set()
