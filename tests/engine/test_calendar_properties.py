"""Property tests: the indexed fast path agrees with the day-by-day definition."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.calendar import CalendarData, UnconfirmedCalendar, WorkingDayCalendar, chinesecalendar_data

ONE = timedelta(days=1)
REAL = WorkingDayCalendar(chinesecalendar_data())
REAL_DAYS = st.dates(min_value=date(2004, 1, 1), max_value=date(2025, 12, 31))
ANY_DAYS = st.dates(min_value=date(1998, 1, 1), max_value=date(2034, 12, 31))
COUNTS = st.integers(min_value=1, max_value=120)


# --- naive reference: the spec, one day at a time ------------------------------

def ref_is_workday(data: CalendarData, day: date) -> bool:
    if day.year not in data.confirmed_years:
        return day.weekday() < 5
    if day in data.makeup_workdays:
        return True
    return day.weekday() < 5 and day not in data.holidays


def ref_after(data: CalendarData, start: date, n: int) -> date:
    day, counted = start, 0
    while counted < n:
        day += ONE
        counted += ref_is_workday(data, day)
    return day


def ref_between(data: CalendarData, start: date, end: date) -> int:
    low, high, sign = (start, end, 1) if start <= end else (end, start, -1)
    count, day = 0, low
    while day < high:
        day += ONE
        count += ref_is_workday(data, day)
    return sign * count


def ref_calendar_after(data: CalendarData, start: date, n: int) -> date:
    day = start + timedelta(days=n)
    while not ref_is_workday(data, day):
        day += ONE
    return day


def ref_unconfirmed(data: CalendarData, first: date, last: date) -> set[int]:
    return {y for y in range(first.year, last.year + 1) if y not in data.confirmed_years}


# --- random calendars, with gaps in the confirmed years ---------------------------

@st.composite
def calendars(draw) -> CalendarData:
    years = draw(st.sets(st.integers(2000, 2032), max_size=6))
    holidays: set[date] = set()
    makeup: set[date] = set()
    for year in years:
        first = date(year, 1, 1)
        offsets = draw(st.sets(st.integers(0, 364), max_size=40))
        holidays |= {first + timedelta(days=o) for o in offsets}
        weekend = draw(st.sets(st.integers(0, 364), max_size=15))
        makeup |= {d for d in (first + timedelta(days=o) for o in weekend)
                   if d.weekday() >= 5 and d not in holidays}
    return CalendarData(frozenset(holidays), frozenset(makeup), frozenset(years))


# --- real data --------------------------------------------------------------------

@given(REAL_DAYS, COUNTS)
def test_result_is_a_working_day(start, n):
    day = REAL.workdays_after(start, n)
    assert day > start and REAL.is_workday(day)


@given(REAL_DAYS, COUNTS, COUNTS)
def test_after_composes(start, a, b):
    assert REAL.workdays_after(start, a + b) == REAL.workdays_after(REAL.workdays_after(start, a), b)


@given(REAL_DAYS, COUNTS)
def test_between_inverts_after(start, n):
    assert REAL.workdays_between(start, REAL.workdays_after(start, n)) == n


@given(REAL_DAYS, REAL_DAYS)
def test_between_is_antisymmetric_and_additive(a, b):
    mid = min(a, b) + (max(a, b) - min(a, b)) / 2
    assert REAL.workdays_between(a, b) == -REAL.workdays_between(b, a)
    assert REAL.workdays_between(a, b) == REAL.workdays_between(a, mid) + REAL.workdays_between(mid, b)


@given(REAL_DAYS, COUNTS)
def test_before_inverts_after_on_working_days(start, n):
    start = REAL.next_workday(start)
    assert REAL.workdays_before(REAL.workdays_after(start, n), n) == start


@given(REAL_DAYS, COUNTS)
def test_real_fast_path_equals_reference(start, n):
    data = REAL.data
    assert REAL.workdays_after(start, n) == ref_after(data, start, n)
    assert REAL.calendar_days_after(start, n) == ref_calendar_after(data, start, n)
    end = start + timedelta(days=n * 2)
    assert REAL.workdays_between(start, end) == ref_between(data, start, end)


# --- random data, including unconfirmed years ----------------------------------------

@settings(max_examples=200, deadline=None)
@given(calendars(), ANY_DAYS, COUNTS)
def test_random_fast_path_equals_reference(data, start, n):
    cal = WorkingDayCalendar(data)
    expected = ref_after(data, start, n)
    assert cal.workdays_after(start, n, strict=False) == expected
    assert cal.calendar_days_after(start, n, strict=False) == ref_calendar_after(data, start, n)
    end = start + timedelta(days=3 * n - 100)
    assert cal.workdays_between(start, end, strict=False) == ref_between(data, start, end)
    assert cal.is_workday(start, strict=False) == ref_is_workday(data, start)


@settings(max_examples=200, deadline=None)
@given(calendars(), ANY_DAYS, COUNTS)
def test_strict_raises_exactly_when_an_unconfirmed_year_is_touched(data, start, n):
    cal = WorkingDayCalendar(data)
    expected = ref_after(data, start, n)
    missing = ref_unconfirmed(data, start + ONE, expected)
    result = cal.workday_deadline(start, n)
    assert result.day == expected and result.unconfirmed_years == missing
    if missing:
        with pytest.raises(UnconfirmedCalendar) as info:
            cal.workdays_after(start, n)
        assert info.value.year == min(missing)
    else:
        assert cal.workdays_after(start, n) == expected


@settings(max_examples=100, deadline=None)
@given(calendars(), ANY_DAYS, COUNTS)
def test_random_before_equals_reference(data, end, n):
    cal = WorkingDayCalendar(data)
    day, counted = end, 0
    while counted < n:
        day -= ONE
        counted += ref_is_workday(data, day)
    assert cal.workdays_before(end, n, strict=False) == day
