"""Legal clocks: properties over random starts, pauses and extensions (2025-2027)."""
from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.calendar import WorkingDayCalendar, chinesecalendar_data
from engine.clocks import GUANGDONG_DEFAULTS, ClockRule, Extension, Pause, Unit, evaluate

# 2025/2026 from the package; 2027 unconfirmed on purpose (Monday-Friday, flagged).
CAL = WorkingDayCalendar(chinesecalendar_data(2024, 2026))
RULES = {rule.code: rule for rule in GUANGDONG_DEFAULTS}
DECISION = RULES["decision"]
PAUSABLE_CALENDAR = ClockRule("notice", "公告期间", 60, Unit.CALENDAR_DAYS, "测试", True, False)

starts = st.dates(date(2025, 1, 1), date(2026, 12, 31))
rules = st.sampled_from(GUANGDONG_DEFAULTS)
SETTINGS = settings(max_examples=100, deadline=None)


@st.composite
def pauses(draw: st.DrawFn, start: date) -> Pause:
    first = start + timedelta(days=draw(st.integers(-5, 120)))
    length = draw(st.one_of(st.none(), st.integers(0, 60)))
    end = None if length is None else first + timedelta(days=length)
    return Pause(first, end, draw(st.sampled_from(["中止", "委托审计", "鉴定", "公告"])))


@st.composite
def clock_cases(draw: st.DrawFn) -> tuple[ClockRule, date, date, list[Pause], Pause]:
    rule = draw(st.sampled_from([DECISION, PAUSABLE_CALENDAR]))
    start = draw(starts)
    today = start + timedelta(days=draw(st.integers(0, 200)))
    existing = draw(st.lists(pauses(start), max_size=3))
    return rule, start, today, existing, draw(pauses(start))


@SETTINGS
@given(clock_cases())
def test_adding_a_pause_never_makes_the_due_date_earlier(
        case: tuple[ClockRule, date, date, list[Pause], Pause]) -> None:
    rule, start, today, existing, extra = case
    before = evaluate(rule, start=start, today=today, calendar=CAL, pauses=existing)
    after = evaluate(rule, start=start, today=today, calendar=CAL, pauses=[*existing, extra])
    assert after.due >= before.due


@SETTINGS
@given(rules, starts, st.lists(pauses(date(2025, 6, 1)), max_size=2))
def test_every_due_date_is_a_working_day(rule: ClockRule, start: date,
                                         paused: list[Pause]) -> None:
    paused = paused if rule.pausable else []
    state = evaluate(rule, start=start, today=start, calendar=CAL, pauses=paused)
    assert CAL.is_workday(state.due, strict=False)
    assert state.due > start


@SETTINGS
@given(starts, st.integers(1, 30), st.integers(0, 100))
def test_extension_moves_due_date_by_exactly_n_working_days(start: date, n: int,
                                                            approved: int) -> None:
    base = evaluate(DECISION, start=start, today=start, calendar=CAL)
    ext = Extension(n, start + timedelta(days=approved), "案情复杂")
    extended = evaluate(DECISION, start=start, today=start, calendar=CAL, extensions=[ext])
    assert CAL.workdays_between(base.due, extended.due, strict=False) == n


@SETTINGS
@given(rules, starts, st.integers(0, 400))
def test_remaining_workdays_drop_by_one_per_working_day(rule: ClockRule, start: date,
                                                        elapsed: int) -> None:
    today = start + timedelta(days=elapsed)
    tomorrow = today + timedelta(days=1)
    now = evaluate(rule, start=start, today=today, calendar=CAL)
    then = evaluate(rule, start=start, today=tomorrow, calendar=CAL)
    assert now.due == then.due
    assert now.remaining_workdays - then.remaining_workdays == int(
        CAL.is_workday(tomorrow, strict=False))
    assert (then.state == "overdue") == (tomorrow > then.due)


@SETTINGS
@given(starts, st.integers(0, 200))
def test_open_pause_equals_a_pause_closed_today(start: date, offset: int) -> None:
    pause_start = start + timedelta(days=offset // 4)
    today = pause_start + timedelta(days=offset)
    open_ = evaluate(DECISION, start=start, today=today, calendar=CAL,
                     pauses=[Pause(pause_start, None, "中止")])
    closed = evaluate(DECISION, start=start, today=today, calendar=CAL,
                      pauses=[Pause(pause_start, today, "中止")])
    assert open_.due == closed.due
    assert open_.unconfirmed_years == closed.unconfirmed_years
