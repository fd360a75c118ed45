"""Legal clocks: concrete cases on the real 2025/2026 calendar (chinesecalendar 1.11)."""
from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import chinese_calendar
import pytest

from engine.calendar import CalendarData, WorkingDayCalendar, chinesecalendar_data
from engine.clocks import (
    GUANGDONG_DEFAULTS,
    ClockRule,
    Extension,
    Pause,
    Unit,
    add_months,
    evaluate,
    latest_start,
    reminder_points,
    surcharge,
)

D = date
RULES = {rule.code: rule for rule in GUANGDONG_DEFAULTS}
UNCONFIRMED_2027 = "（2027年节假日安排未确认，按周一至周五推算）"


@pytest.fixture(scope="module")
def cal() -> WorkingDayCalendar:
    return WorkingDayCalendar(chinesecalendar_data(2024, 2026))


@pytest.fixture(scope="module")
def cal_2027() -> WorkingDayCalendar:
    """2026 from the package plus a hand-entered (hypothetical) 2027: 元旦 only."""
    data: CalendarData = chinesecalendar_data(2024, 2026)
    return WorkingDayCalendar(data.with_year(2027, [D(2027, 1, 1)], [], {D(2027, 1, 1): "元旦"}))


def oracle_workdays_after(start: date, n: int) -> date:
    """Independent check: step one day at a time with chinese_calendar.is_workday."""
    day = start
    while n:
        day += timedelta(days=1)
        n -= chinese_calendar.is_workday(day)
    return day


def rule(unit: Unit, amount: int, *, pausable: bool = False, extension: int = 0) -> ClockRule:
    return ClockRule("test", "测试时限", amount, unit, "测试", pausable, extension > 0,
                     extension, "起算")


# --- the Guangdong defaults ------------------------------------------------------------

def test_defaults_are_unique_snake_case_codes() -> None:
    codes = [r.code for r in GUANGDONG_DEFAULTS]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", c) for c in codes)
    assert all(r.name and r.source and r.start_event for r in GUANGDONG_DEFAULTS)


@pytest.mark.parametrize("code, amount, unit", [
    ("acceptance", 5, Unit.WORKDAYS),
    ("decision", 45, Unit.WORKDAYS),
    ("suspension_notice", 3, Unit.WORKDAYS),
    ("service", 7, Unit.WORKDAYS),
    ("evidence_preservation", 7, Unit.WORKDAYS),
    ("statement_defence", 3, Unit.WORKDAYS),
    ("hearing_request", 5, Unit.WORKDAYS),
    ("hearing_notice", 7, Unit.WORKDAYS),
    ("fine_payment", 15, Unit.CALENDAR_DAYS),
    ("enforcement_demand", 10, Unit.CALENDAR_DAYS),
    ("enforcement_application", 3, Unit.MONTHS),
    ("reconsideration", 60, Unit.CALENDAR_DAYS),
    ("litigation", 6, Unit.MONTHS),
    ("public_notice_service", 60, Unit.CALENDAR_DAYS),
    ("public_notice_service_absconding", 3, Unit.CALENDAR_DAYS),
    ("filing", 10, Unit.CALENDAR_DAYS),
])
def test_default_periods(code: str, amount: int, unit: Unit) -> None:
    assert (RULES[code].amount, RULES[code].unit) == (amount, unit)


def test_only_the_decision_clock_pauses_and_extends() -> None:
    decision = RULES["decision"]
    assert (decision.pausable, decision.extendable, decision.extension_amount) == (True, True, 30)
    assert decision.start_event == "立案" and "第四十四条" in decision.source
    others = [r for r in GUANGDONG_DEFAULTS if r.code != "decision"]
    assert not any(r.pausable or r.extendable for r in others)


def test_rule_validation() -> None:
    with pytest.raises(ValueError):
        rule(Unit.WORKDAYS, 0)
    with pytest.raises(ValueError):
        ClockRule("x", "x", 5, Unit.WORKDAYS, "x", False, True, 0, "x")
    assert ClockRule("x", "x", 5, "calendar_days", "x", False, False).unit is Unit.CALENDAR_DAYS


# --- working-day rules -------------------------------------------------------------------

def test_acceptance_received_on_a_saturday(cal: WorkingDayCalendar) -> None:
    # Sat 2025-09-27: 9/28 (make-up Sunday), 9/29, 9/30, National Day off, 10/9, 10/10.
    state = evaluate(RULES["acceptance"], start=D(2025, 9, 27), today=D(2025, 9, 27), calendar=cal)
    assert state.due == D(2025, 10, 10) == oracle_workdays_after(D(2025, 9, 27), 5)
    assert state.state == "running" and state.confirmed
    assert state.remaining_workdays == 5 and state.remaining_days == 13
    assert state.trace == "收到投诉材料 2025-09-27，5个工作日 → 2025-10-10"


def test_decision_across_national_day_2026(cal: WorkingDayCalendar) -> None:
    state = evaluate(RULES["decision"], start=D(2026, 9, 1), today=D(2026, 9, 1), calendar=cal)
    assert state.due == D(2026, 11, 9) == oracle_workdays_after(D(2026, 9, 1), 45)
    assert state.remaining_workdays == 45 and state.state == "running"


def test_extension_adds_working_days(cal: WorkingDayCalendar) -> None:
    ext = Extension(30, D(2026, 10, 20), "案情复杂")
    state = evaluate(RULES["decision"], start=D(2026, 9, 1), today=D(2026, 10, 20),
                     calendar=cal, extensions=[ext])
    assert state.due == D(2026, 12, 21) == oracle_workdays_after(D(2026, 9, 1), 75)
    assert state.state == "extended"
    assert "延期 30个工作日（2026-10-20 批准）→ 2026-12-21" in state.trace


def test_extension_rejected_when_not_allowed(cal: WorkingDayCalendar) -> None:
    with pytest.raises(ValueError, match="不可延期"):
        evaluate(RULES["acceptance"], start=D(2026, 3, 2), today=D(2026, 3, 2), calendar=cal,
                 extensions=[Extension(5, D(2026, 3, 3), "x")])
    with pytest.raises(ValueError, match="超过上限"):
        evaluate(RULES["decision"], start=D(2026, 3, 2), today=D(2026, 3, 2), calendar=cal,
                 extensions=[Extension(20, D(2026, 4, 1), "x"), Extension(11, D(2026, 4, 2), "y")])
    with pytest.raises(ValueError):
        Extension(0, D(2026, 3, 3), "x")


def test_pause_rejected_when_not_pausable(cal: WorkingDayCalendar) -> None:
    with pytest.raises(ValueError, match="不适用中止"):
        evaluate(RULES["service"], start=D(2026, 3, 2), today=D(2026, 3, 2), calendar=cal,
                 pauses=[Pause(D(2026, 3, 3), D(2026, 3, 5), "中止")])
    with pytest.raises(ValueError):
        Pause(D(2026, 3, 5), D(2026, 3, 3), "中止")


def test_closed_pause_across_national_day(cal: WorkingDayCalendar) -> None:
    # [9/28, 10/12) holds 9/28, 9/29, 9/30, 10/8, 10/9 and make-up Saturday 10/10.
    pause = Pause(D(2026, 9, 28), D(2026, 10, 12), "委托审计")
    state = evaluate(RULES["decision"], start=D(2026, 9, 1), today=D(2026, 10, 12),
                     calendar=cal, pauses=[pause])
    assert state.due == oracle_workdays_after(D(2026, 9, 1), 51) == D(2026, 11, 17)
    assert state.state == "running"
    assert "委托审计 2026-09-28 至 2026-10-12（6个工作日）→ 2026-11-17" in state.trace


def test_open_pause_counts_up_to_today(cal: WorkingDayCalendar) -> None:
    pause = Pause(D(2026, 9, 28), None, "中止")
    kwargs = dict(start=D(2026, 9, 1), calendar=cal, pauses=[pause])
    on_day_one = evaluate(RULES["decision"], today=D(2026, 9, 28), **kwargs)
    later = evaluate(RULES["decision"], today=D(2026, 10, 12), **kwargs)
    assert on_day_one.state == later.state == "paused"
    assert on_day_one.due == D(2026, 11, 9)  # nothing excluded yet
    assert later.due == D(2026, 11, 17)  # as if it resumed on 10-12 (same as the closed pause)
    assert "中止 2026-09-28 起尚未恢复，计至 2026-10-12（6个工作日）" in later.trace
    # while paused the remaining count stays put
    assert on_day_one.remaining_workdays == later.remaining_workdays


def test_pause_after_due_date_does_not_help(cal: WorkingDayCalendar) -> None:
    pause = Pause(D(2026, 11, 10), D(2026, 11, 20), "中止")
    state = evaluate(RULES["decision"], start=D(2026, 9, 1), today=D(2026, 11, 12),
                     calendar=cal, pauses=[pause])
    assert state.due == D(2026, 11, 9) and state.state == "overdue"
    assert state.remaining_workdays == -3
    assert "晚于当时的期限 2026-11-09，不影响期限" in state.trace


def test_overlapping_pauses_are_not_counted_twice(cal: WorkingDayCalendar) -> None:
    audit = Pause(D(2026, 3, 2), D(2026, 3, 16), "委托审计")  # 10 working days
    appraisal = Pause(D(2026, 3, 9), D(2026, 3, 23), "鉴定")  # adds 3/16-3/20 only
    state = evaluate(RULES["decision"], start=D(2026, 2, 27), today=D(2026, 3, 23),
                     calendar=cal, pauses=[appraisal, audit])
    assert state.due == oracle_workdays_after(D(2026, 2, 27), 60)
    assert "鉴定 2026-03-09 至 2026-03-23（5个工作日，与此前停止计时期间重叠部分不重复扣除）" \
        in state.trace


def test_pause_days_before_the_first_counted_day_are_ignored(cal: WorkingDayCalendar) -> None:
    # Clock starts 2/27: only 2/28 (make-up Saturday) and 3/2 are excluded, not 2/25-2/27.
    pause = Pause(D(2026, 2, 25), D(2026, 3, 3), "中止")
    state = evaluate(RULES["decision"], start=D(2026, 2, 27), today=D(2026, 3, 3),
                     calendar=cal, pauses=[pause])
    assert state.due == oracle_workdays_after(D(2026, 2, 27), 47)
    assert "中止 2026-02-25 至 2026-03-03（2个工作日）" in state.trace


def test_stopped_clock(cal: WorkingDayCalendar) -> None:
    state = evaluate(RULES["decision"], start=D(2026, 9, 1), today=D(2026, 12, 1),
                     calendar=cal, stopped_on=D(2026, 10, 20))
    assert state.state == "stopped" and state.due == D(2026, 11, 9)
    assert state.remaining_workdays is None and state.remaining_days is None
    assert state.trace.endswith("2026-10-20 停止计时")


def test_overdue_counts_negative_working_days(cal: WorkingDayCalendar) -> None:
    state = evaluate(RULES["service"], start=D(2026, 3, 2), today=D(2026, 3, 16), calendar=cal)
    assert state.due == D(2026, 3, 11)
    assert state.state == "overdue"
    assert (state.remaining_workdays, state.remaining_days) == (-3, -5)


# --- calendar-day and month rules -----------------------------------------------------------

def test_fine_payment_ending_on_a_holiday_moves_to_next_working_day(cal: WorkingDayCalendar) -> None:
    state = evaluate(RULES["fine_payment"], start=D(2026, 9, 18), today=D(2026, 9, 18), calendar=cal)
    assert state.due == D(2026, 10, 8)  # 9/18 + 15 = 10/3, National Day holiday
    assert state.trace == ("收到行政处罚决定书 2026-09-18，15日 → 2026-10-08"
                           "（2026-10-03为国庆节假期，顺延至2026-10-08）")
    # 9/20 (make-up Sunday), 9/21-9/24, 9/28-9/30, 10/8; 中秋 9/25 is off.
    assert state.remaining_days == 20 and state.remaining_workdays == 9


def test_calendar_days_ending_on_a_working_day_stay(cal: WorkingDayCalendar) -> None:
    state = evaluate(RULES["filing"], start=D(2026, 3, 2), today=D(2026, 3, 2), calendar=cal)
    assert state.due == D(2026, 3, 12) and "顺延" not in state.trace


def test_calendar_day_pause_counts_calendar_days(cal: WorkingDayCalendar) -> None:
    state = evaluate(rule(Unit.CALENDAR_DAYS, 15, pausable=True), start=D(2026, 3, 2),
                     today=D(2026, 3, 2), calendar=cal,
                     pauses=[Pause(D(2026, 3, 5), D(2026, 3, 10), "公告")])
    assert state.due == D(2026, 3, 23)  # 3/17 + 5 days = 3/22 (Sunday) -> Monday
    assert "公告 2026-03-05 至 2026-03-10（5日）→ 2026-03-23" in state.trace


@pytest.mark.parametrize("start, months, expected", [
    (D(2026, 1, 31), 1, D(2026, 2, 28)),
    (D(2024, 1, 31), 1, D(2024, 2, 29)),
    (D(2025, 8, 31), 6, D(2026, 2, 28)),
    (D(2025, 11, 15), 3, D(2026, 2, 15)),
    (D(2026, 12, 31), 2, D(2027, 2, 28)),
])
def test_add_months_clamps_to_month_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_months_rule_from_jan_31(cal: WorkingDayCalendar) -> None:
    one_month = rule(Unit.MONTHS, 1)
    # 2026-02-28 is a Saturday, but a make-up workday for 春节: it stays.
    state = evaluate(one_month, start=D(2026, 1, 31), today=D(2026, 2, 2), calendar=cal)
    assert state.due == D(2026, 2, 28) and state.trace == "起算 2026-01-31，1个月 → 2026-02-28"
    # 2025-02-28 is a Friday; 2025-03-31 + 1 month = 2025-04-30.
    assert evaluate(one_month, start=D(2025, 1, 31), today=D(2025, 2, 1),
                    calendar=cal).due == D(2025, 2, 28)


def test_months_rule_ending_on_a_holiday(cal: WorkingDayCalendar) -> None:
    state = evaluate(RULES["enforcement_application"], start=D(2026, 7, 1), today=D(2026, 7, 1),
                     calendar=cal)
    assert state.due == D(2026, 10, 8)
    assert "（2026-10-01为国庆节假期，顺延至2026-10-08）" in state.trace


def test_month_extension_is_counted_from_the_start(cal: WorkingDayCalendar) -> None:
    ext_rule = ClockRule("x", "x", 1, Unit.MONTHS, "x", False, True, 1, "起算")
    state = evaluate(ext_rule, start=D(2025, 1, 31), today=D(2025, 2, 1), calendar=cal,
                     extensions=[Extension(1, D(2025, 2, 10), "x")])
    assert state.due == D(2025, 3, 31)  # not Feb 28 + 1 month


# --- unconfirmed years ------------------------------------------------------------------

def test_due_in_2027_is_flagged_not_refused(cal: WorkingDayCalendar) -> None:
    state = evaluate(RULES["decision"], start=D(2026, 12, 3), today=D(2026, 12, 3), calendar=cal)
    assert state.due == D(2027, 2, 4)  # Monday-Friday only: 2027-01-01 counts
    assert state.unconfirmed_years == frozenset({2027}) and not state.confirmed
    assert state.trace.endswith(UNCONFIRMED_2027)


def test_calendar_rule_into_2027_is_flagged(cal: WorkingDayCalendar) -> None:
    state = evaluate(RULES["reconsideration"], start=D(2026, 11, 20), today=D(2026, 11, 20),
                     calendar=cal)
    assert state.due == D(2027, 1, 19) and state.unconfirmed_years == frozenset({2027})


def test_confirmed_calendar_is_not_flagged(cal: WorkingDayCalendar) -> None:
    state = evaluate(RULES["decision"], start=D(2026, 3, 2), today=D(2026, 3, 2), calendar=cal)
    assert state.unconfirmed_years == frozenset() and "未确认" not in state.trace


def test_hand_entered_2027_is_used(cal_2027: WorkingDayCalendar) -> None:
    state = evaluate(RULES["decision"], start=D(2026, 12, 3), today=D(2026, 12, 3),
                     calendar=cal_2027)
    assert state.due == D(2027, 2, 5)  # 2027-01-01 is now a holiday
    assert state.confirmed and "未确认" not in state.trace


def test_trace_with_extension_and_pause(cal_2027: WorkingDayCalendar) -> None:
    state = evaluate(RULES["decision"], start=D(2026, 12, 3), today=D(2027, 1, 25),
                     calendar=cal_2027,
                     extensions=[Extension(30, D(2027, 1, 20), "案情复杂")],
                     pauses=[Pause(D(2026, 12, 20), D(2026, 12, 31), "中止")])
    assert state.trace == ("立案 2026-12-03，45个工作日 → 2027-02-05；"
                           "延期 30个工作日（2027-01-20 批准）→ 2027-03-19；"
                           "中止 2026-12-20 至 2026-12-31（8个工作日）→ 2027-03-31")
    assert state.due == D(2027, 3, 31) and state.state == "extended"


def test_trace_with_extension_and_pause_unconfirmed(cal: WorkingDayCalendar) -> None:
    state = evaluate(RULES["decision"], start=D(2026, 12, 3), today=D(2026, 12, 31),
                     calendar=cal,
                     extensions=[Extension(30, D(2027, 1, 20), "案情复杂")],
                     pauses=[Pause(D(2026, 12, 20), None, "中止")])
    assert state.state == "paused"
    assert state.trace == ("立案 2026-12-03，45个工作日 → 2027-02-04；"
                           "延期 30个工作日（2027-01-20 批准）→ 2027-03-18；"
                           "中止 2026-12-20 起尚未恢复，计至 2026-12-31（8个工作日）→ 2027-03-30"
                           + UNCONFIRMED_2027)


# --- hearing notice ------------------------------------------------------------------------

def test_hearing_notice_latest_day(cal: WorkingDayCalendar) -> None:
    hearing = D(2026, 10, 12)  # Monday after National Day
    latest = latest_start(RULES["hearing_notice"], hearing, cal)
    assert latest.day == D(2026, 9, 24) and latest.confirmed
    earliest = evaluate(RULES["hearing_notice"], start=latest.day, today=latest.day, calendar=cal)
    assert earliest.due == hearing


def test_latest_start_calendar_days_and_months(cal: WorkingDayCalendar) -> None:
    assert latest_start(RULES["filing"], D(2026, 3, 12), cal).day == D(2026, 3, 2)
    with pytest.raises(ValueError):
        latest_start(RULES["litigation"], D(2026, 3, 12), cal)


# --- reminders ------------------------------------------------------------------------------

def test_reminder_points_across_a_weekend(cal: WorkingDayCalendar) -> None:
    points = reminder_points(RULES["decision"], D(2026, 3, 16), cal, until=D(2026, 3, 20))
    assert points == [
        (D(2026, 3, 9), "before_5"),
        (D(2026, 3, 13), "before_1"),  # Friday before a Monday due date
        (D(2026, 3, 16), "due"),
        (D(2026, 3, 17), "overdue_1"),
        (D(2026, 3, 18), "overdue_2"),
        (D(2026, 3, 19), "overdue_3"),
        (D(2026, 3, 20), "overdue_4"),
    ]


def test_reminder_points_across_national_day(cal: WorkingDayCalendar) -> None:
    points = reminder_points(RULES["decision"], D(2026, 10, 12), cal, until=D(2026, 10, 11))
    assert points == [
        (D(2026, 9, 29), "before_5"),
        (D(2026, 10, 10), "before_1"),  # make-up Saturday
        (D(2026, 10, 12), "due"),
    ]


def test_reminder_points_options(cal: WorkingDayCalendar) -> None:
    assert reminder_points(RULES["service"], D(2026, 3, 16), cal, (3, 0), False,
                           until=D(2026, 4, 30)) == [(D(2026, 3, 11), "before_3"),
                                                     (D(2026, 3, 16), "due")]
    with pytest.raises(ValueError):
        reminder_points(RULES["service"], D(2026, 3, 16), cal, (-1,), until=D(2026, 3, 16))


def test_reminder_points_in_unconfirmed_year_do_not_raise(cal: WorkingDayCalendar) -> None:
    points = reminder_points(RULES["decision"], D(2027, 1, 4), cal, until=D(2027, 1, 5))
    assert points[-1] == (D(2027, 1, 5), "overdue_1")


# --- late-payment surcharge -----------------------------------------------------------------

@pytest.mark.parametrize("fine, days, expected", [
    ("10000", 0, "0.00"),
    ("10000", 1, "300.00"),
    ("10000", 10, "3000.00"),
    ("10000", 33, "9900.00"),
    ("10000", 34, "10000.00"),  # capped at the fine
    ("10000", 400, "10000.00"),
    ("0.50", 1, "0.02"),  # 0.015 rounds half-up
    ("1234.56", 7, "259.26"),  # 259.2576
])
def test_surcharge(fine: str, days: int, expected: str) -> None:
    assert surcharge(Decimal(fine), days) == Decimal(expected)
    assert str(surcharge(Decimal(fine), days)) == expected


def test_surcharge_rejects_negatives() -> None:
    with pytest.raises(ValueError):
        surcharge(Decimal("100"), -1)
    with pytest.raises(ValueError):
        surcharge(Decimal("-100"), 1)
