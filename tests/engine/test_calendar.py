"""Working-day calendar: published notices, counting rules, unconfirmed years, import."""
from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest

from engine.calendar import (
    CalendarData,
    CalendarEntries,
    DeadlineResult,
    UnconfirmedCalendar,
    WorkingDayCalendar,
    chinesecalendar_data,
    chinesecalendar_years,
)
from engine.calendar_import import format_csv, parse_csv, parse_ics

D = date


@pytest.fixture(scope="module")
def cal() -> WorkingDayCalendar:
    return WorkingDayCalendar(chinesecalendar_data())


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# --- published State Council notices ---------------------------------------------

NOTICE_2025_OFF = [
    (D(2025, 1, 1), D(2025, 1, 1), "元旦"),
    (D(2025, 1, 28), D(2025, 2, 4), "春节"),
    (D(2025, 5, 1), D(2025, 5, 5), "劳动节"),
    (D(2025, 10, 1), D(2025, 10, 8), None),  # 国庆节 + 中秋 (10/6 is named 中秋)
]
NOTICE_2025_MAKEUP = [D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)]

# 2026 as carried by chinesecalendar 1.11.0 (State Council notice of Nov 2025).
NOTICE_2026_OFF = [
    (D(2026, 1, 1), D(2026, 1, 3), "元旦"),
    (D(2026, 2, 15), D(2026, 2, 23), "春节"),
    (D(2026, 4, 4), D(2026, 4, 6), "清明"),
    (D(2026, 5, 1), D(2026, 5, 5), "劳动节"),
    (D(2026, 6, 19), D(2026, 6, 21), "端午"),
    (D(2026, 9, 25), D(2026, 9, 27), "中秋"),
    (D(2026, 10, 1), D(2026, 10, 7), "国庆节"),
]
NOTICE_2026_MAKEUP = {
    D(2026, 1, 4): "元旦",     # Sunday
    D(2026, 2, 14): "春节",    # Saturday
    D(2026, 2, 28): "春节",    # Saturday
    D(2026, 5, 9): "劳动节",   # Saturday
    D(2026, 9, 20): "国庆节",  # Sunday
    D(2026, 10, 10): "国庆节",  # Saturday
}


@pytest.mark.parametrize("first,last,name", NOTICE_2025_OFF + NOTICE_2026_OFF)
def test_notice_days_off(cal, first, last, name):
    for day in days(first, last):
        assert not cal.is_workday(day), day
        assert day in cal.data.holidays
        if name:
            assert cal.holiday_name(day) == name


def test_2025_national_day_and_mid_autumn_names(cal):
    assert cal.holiday_name(D(2025, 10, 6)) == "中秋"
    assert cal.holiday_name(D(2025, 10, 1)) == "国庆节"


@pytest.mark.parametrize("day", NOTICE_2025_MAKEUP + list(NOTICE_2026_MAKEUP))
def test_notice_makeup_workdays(cal, day):
    assert day.weekday() >= 5
    assert cal.is_workday(day)
    assert day in cal.data.makeup_workdays


def test_2026_makeup_set_is_complete(cal):
    year_2026 = {d for d in cal.data.makeup_workdays if d.year == 2026}
    assert year_2026 == set(NOTICE_2026_MAKEUP)
    for day, name in NOTICE_2026_MAKEUP.items():
        assert cal.holiday_name(day) == name


@pytest.mark.parametrize("year,count", [(2025, 248), (2026, 248)])
def test_working_days_per_year(cal, year, count):
    assert cal.workdays_between(D(year - 1, 12, 31), D(year, 12, 31)) == count


def test_agrees_with_chinesecalendar_on_every_covered_day(cal):
    years = chinesecalendar_years()
    for day in days(D(years[0], 1, 1), D(years[-1], 12, 31)):
        assert cal.is_workday(day) == chinese_calendar.is_workday(day), day


def test_covered_range_comes_from_package():
    years = chinesecalendar_years()
    assert years[0] == 2004 and years[-1] >= 2026
    assert chinesecalendar_data().confirmed_years == frozenset(years)
    partial = chinesecalendar_data(2025, 2026)
    assert partial.confirmed_years == {2025, 2026}
    assert all(d.year in (2025, 2026) for d in partial.holidays | partial.makeup_workdays)
    with pytest.raises(ValueError, match="chinesecalendar"):
        chinesecalendar_data(2004, years[-1] + 1)


# --- counting rules ------------------------------------------------------------

def test_find_workday_off_by_one_is_avoided(cal):
    received = D(2025, 9, 27)  # Saturday
    assert cal.workdays_after(received, 5) == D(2025, 10, 10)
    # the library's helper is one working day late when start is a rest day
    assert chinese_calendar.find_workday(5, received) == D(2025, 10, 11)


def test_five_working_days_after_a_friday(cal):
    # Sun 9/28 is a make-up workday: 9/28, 9/29, 9/30, then 10/9, 10/10.
    assert cal.workdays_after(D(2025, 9, 26), 5) == D(2025, 10, 10)
    assert cal.workdays_after(D(2025, 9, 26), 3) == D(2025, 9, 30)


def test_start_inside_national_day_holiday(cal):
    assert cal.workdays_after(D(2025, 10, 3), 1) == D(2025, 10, 9)
    assert chinese_calendar.find_workday(1, D(2025, 10, 3)) == D(2025, 10, 10)  # the trap again
    assert cal.workdays_after(D(2025, 10, 3), 3) == D(2025, 10, 11)  # Sat make-up day counts
    assert cal.workdays_after(D(2025, 10, 3), 4) == D(2025, 10, 13)


def test_spring_festival_2026(cal):
    # Fri 2/13 + 1 -> Sat 2/14 (make-up); + 2 -> 2/24 after the 9-day holiday
    assert cal.workdays_after(D(2026, 2, 13), 1) == D(2026, 2, 14)
    assert cal.workdays_after(D(2026, 2, 13), 2) == D(2026, 2, 24)


def test_n_must_be_positive(cal):
    for n in (0, -1):
        with pytest.raises(ValueError):
            cal.workdays_after(D(2025, 3, 3), n)
        with pytest.raises(ValueError):
            cal.calendar_days_after(D(2025, 3, 3), n)
        with pytest.raises(ValueError):
            cal.workdays_before(D(2025, 3, 3), n)


def test_workdays_between_semantics(cal):
    assert cal.workdays_between(D(2025, 9, 27), D(2025, 10, 10)) == 5
    assert cal.workdays_between(D(2025, 10, 10), D(2025, 9, 27)) == -5
    assert cal.workdays_between(D(2025, 10, 1), D(2025, 10, 1)) == 0
    assert cal.workdays_between(D(2025, 10, 1), D(2025, 10, 8)) == 0  # whole holiday
    assert cal.workdays_between(D(2025, 3, 3), D(2025, 3, 4)) == 1  # end included


def test_workdays_before(cal):
    # end excluded: 10/9, 9/30, 9/29, 9/28 (Sunday make-up day), 9/26
    assert cal.workdays_before(D(2025, 10, 10), 4) == D(2025, 9, 28)
    assert cal.workdays_before(D(2025, 10, 10), 5) == D(2025, 9, 26)
    assert cal.workdays_before(D(2025, 10, 9), 1) == D(2025, 9, 30)


def test_next_workday(cal):
    assert cal.next_workday(D(2025, 10, 1)) == D(2025, 10, 9)
    assert cal.next_workday(D(2025, 10, 9)) == D(2025, 10, 9)


def test_calendar_day_period_ending_on_holiday_moves_to_next_workday(cal):
    # 15 days after 9/16 is 10/1 (National Day) -> ends Thu 10/9
    assert cal.calendar_days_after(D(2025, 9, 16), 15) == D(2025, 10, 9)
    # ending on a plain Saturday -> Monday
    assert cal.calendar_days_after(D(2025, 3, 7), 1) == D(2025, 3, 10)
    # ending on a make-up Sunday -> stays (a working day)
    assert cal.calendar_days_after(D(2025, 9, 13), 15) == D(2025, 9, 28)
    # ending on an ordinary working day
    assert cal.calendar_days_after(D(2025, 3, 3), 15) == D(2025, 3, 18)


# --- unconfirmed years -------------------------------------------------------------

def test_2027_raises_unconfirmed(cal):
    with pytest.raises(UnconfirmedCalendar) as info:
        cal.is_workday(D(2027, 3, 1))
    assert info.value.year == 2027
    assert isinstance(info.value, LookupError)
    assert "2027" in str(info.value) and "日历未确认" in str(info.value)
    with pytest.raises(UnconfirmedCalendar):
        cal.workdays_after(D(2026, 12, 20), 10)
    with pytest.raises(UnconfirmedCalendar):
        cal.workdays_between(D(2026, 12, 1), D(2027, 1, 5))
    with pytest.raises(UnconfirmedCalendar):
        cal.calendar_days_after(D(2026, 12, 20), 15)


def test_before_first_year_is_unconfirmed_too(cal):
    with pytest.raises(UnconfirmedCalendar) as info:
        cal.workdays_after(D(2003, 12, 20), 3)
    assert info.value.year == 2003


def test_start_day_year_does_not_count(cal):
    # only (start, result] matters: a deadline computed from 2003-12-31 stays in 2004
    assert cal.workdays_after(D(2003, 12, 31), 1) == D(2004, 1, 2)
    assert cal.workdays_between(D(2026, 12, 1), D(2026, 12, 31)) == 22


def test_non_strict_is_weekend_only(cal):
    assert cal.is_workday(D(2027, 1, 1), strict=False)  # New Year, unknown -> Friday counts
    assert cal.workdays_after(D(2026, 12, 20), 10, strict=False) == D(2027, 1, 1)
    assert cal.workdays_between(D(2026, 12, 31), D(2027, 12, 31), strict=False) == 261


def test_deadline_result_flags_unconfirmed(cal):
    inside = cal.workday_deadline(D(2025, 9, 27), 5)
    assert inside == DeadlineResult(D(2025, 10, 10), frozenset())
    assert inside.confirmed
    reaching = cal.workday_deadline(D(2026, 11, 20), 45)
    assert reaching.unconfirmed_years == {2027} and not reaching.confirmed
    assert cal.calendar_deadline(D(2026, 12, 20), 15).unconfirmed_years == {2027}
    assert cal.unconfirmed_years(D(2026, 1, 1), D(2028, 1, 1)) == {2027, 2028}
    assert cal.unconfirmed_years(D(2027, 1, 1), D(2026, 12, 31)) == {2027}
    assert cal.unconfirmed_years(D(2026, 12, 31), D(2026, 12, 31)) == frozenset()


# Illustrative admin entry, NOT the real 2027 notice.
ADMIN_2027_OFF = set(days(D(2027, 1, 1), D(2027, 1, 3))) | set(days(D(2027, 2, 5), D(2027, 2, 13)))
ADMIN_2027_MAKEUP = {D(2027, 2, 20)}


def test_admin_entered_2027(cal):
    data = cal.data.with_year(2027, ADMIN_2027_OFF, ADMIN_2027_MAKEUP, {D(2027, 2, 5): "春节"})
    cal27 = WorkingDayCalendar(data)
    assert not cal27.is_workday(D(2027, 1, 1))
    assert cal27.is_workday(D(2027, 2, 20))
    assert cal27.holiday_name(D(2027, 2, 5)) == "春节"
    # Thu 12/31 + 1 -> Mon 1/4
    assert cal27.workdays_after(D(2026, 12, 31), 1) == D(2027, 1, 4)
    assert cal27.workdays_after(D(2027, 2, 4), 1) == D(2027, 2, 15)
    assert cal27.workday_deadline(D(2026, 11, 20), 45).confirmed
    with pytest.raises(UnconfirmedCalendar) as info:
        cal27.is_workday(D(2028, 1, 3))
    assert info.value.year == 2028
    # the original calendar is untouched
    with pytest.raises(UnconfirmedCalendar):
        cal.is_workday(D(2027, 1, 1))


def test_with_year_replaces_a_year():
    base = CalendarData().with_year(2030, {D(2030, 1, 1)}, set())
    replaced = base.with_year(2030, {D(2030, 1, 2)}, set())
    assert replaced.holidays == {D(2030, 1, 2)}


def test_with_year_spill_over_into_previous_december():
    base = CalendarData().with_year(2018, set(), set())
    data = base.with_year(2019, {D(2018, 12, 30), D(2018, 12, 31), D(2019, 1, 1)}, {D(2018, 12, 29)})
    assert {d for d in data.holidays if d.year == 2018} == {D(2018, 12, 30), D(2018, 12, 31)}
    with pytest.raises(ValueError, match="2018"):
        CalendarData().with_year(2019, {D(2018, 12, 31)}, set())
    with pytest.raises(ValueError, match="不属于2019年"):
        base.with_year(2019, {D(2020, 1, 1)}, set())


def test_merged_other_wins_for_its_years():
    older = chinesecalendar_data(2025, 2026)
    override = CalendarData().with_year(2026, {D(2026, 3, 2)}, set(), {D(2026, 3, 2): "测试"})
    merged = older.merged(override)
    assert merged.confirmed_years == {2025, 2026}
    assert {d for d in merged.holidays if d.year == 2026} == {D(2026, 3, 2)}
    assert not any(d.year == 2026 for d in merged.makeup_workdays)
    assert D(2025, 10, 1) in merged.holidays
    assert merged.holiday_names[D(2026, 3, 2)] == "测试"
    assert D(2026, 2, 15) not in merged.holiday_names


def test_calendar_data_validation():
    with pytest.raises(ValueError, match="同时"):
        CalendarData({D(2025, 1, 4)}, {D(2025, 1, 4)}, {2025})
    with pytest.raises(ValueError, match="周一"):
        CalendarData(frozenset(), {D(2025, 3, 3)}, {2025})
    with pytest.raises(ValueError, match="未列为已确认"):
        CalendarData({D(2027, 1, 1)}, frozenset(), {2026})
    with pytest.raises(ValueError, match="名称"):
        CalendarData(frozenset(), frozenset(), {2025}, {D(2025, 3, 3): "x"})


def test_calendar_data_is_frozen_and_hashable():
    data = CalendarData({D(2025, 1, 1)}, frozenset(), {2025}, {D(2025, 1, 1): "元旦"})
    assert isinstance(data.holidays, frozenset)
    hash(data)
    with pytest.raises(TypeError):
        data.holiday_names[D(2025, 1, 1)] = "x"  # type: ignore[index]


def test_empty_calendar_is_strict_everywhere():
    empty = WorkingDayCalendar(CalendarData())
    with pytest.raises(UnconfirmedCalendar):
        empty.is_workday(D(2025, 1, 1))
    assert empty.workdays_after(D(2025, 9, 27), 5, strict=False) == D(2025, 10, 3)


# --- CSV import --------------------------------------------------------------------

CSV_2025_EXTRACT = """\ufeffdate,kind,name
# 2025 春节
2025-01-28,holiday,春节
2025-01-29,holiday,春节
2025-01-26,workday,春节

2025-02-08,班,春节
2025-01-01,休,元旦
"""


def test_parse_csv():
    entries = parse_csv(CSV_2025_EXTRACT)
    assert entries.holidays == {D(2025, 1, 1), D(2025, 1, 28), D(2025, 1, 29)}
    assert entries.makeup_workdays == {D(2025, 1, 26), D(2025, 2, 8)}
    assert entries.names[D(2025, 1, 1)] == "元旦"
    holidays, makeup, names = entries  # plain tuple unpacking works
    assert holidays == entries.holidays


def test_csv_round_trip_of_a_year(cal):
    year = CalendarEntries(
        frozenset(d for d in cal.data.holidays if d.year == 2025),
        frozenset(d for d in cal.data.makeup_workdays if d.year == 2025),
        {d: n for d, n in cal.data.holiday_names.items() if d.year == 2025},
    )
    back = parse_csv(format_csv(year))
    assert back.holidays == year.holidays
    assert back.makeup_workdays == year.makeup_workdays
    assert dict(back.names) == year.names
    rebuilt = WorkingDayCalendar(CalendarData().with_year(2025, *back))
    for day in days(D(2025, 1, 1), D(2025, 12, 31)):
        assert rebuilt.is_workday(day) == cal.is_workday(day)


@pytest.mark.parametrize("text,message", [
    ("date,kind,name\n2025-13-01,holiday,x\n", "第2行：日期“2025-13-01”无效"),
    ("2025-01-01,holiday\n2025/01/02,holiday\n", "第2行"),
    ("2025-01-01,vacation,x\n", "第1行：类型“vacation”无效"),
    ("2025-01-01\n", "第1行：应有 2 或 3 列"),
    ("2025-01-01,holiday,a,b\n", "第1行：应有 2 或 3 列"),
    ("2025-03-03,workday,x\n", "第1行：调休上班日 2025-03-03 是周一"),
    ("2025-01-26,workday,x\n\n2025-01-26,holiday,y\n", "第3行：2025-01-26 在第1行已标为上班"),
])
def test_csv_errors_name_the_line(text, message):
    with pytest.raises(ValueError) as info:
        parse_csv(text)
    assert message in str(info.value)


# --- iCalendar import --------------------------------------------------------------

def fold(line: str, width: int = 10) -> str:
    """RFC 5545 folding: continuation lines start with one space."""
    parts = [line[i:i + width] for i in range(0, len(line), width)]
    return "\r\n ".join(parts)


def to_ics(entries: CalendarEntries) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//CN"]
    for day in sorted(entries.holidays | entries.makeup_workdays):
        marker = "休" if day in entries.holidays else "补班"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{day.isoformat()}@test",
            fold(f"DTSTART;VALUE=DATE:{day:%Y%m%d}"),
            f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
            fold(f"SUMMARY:{entries.names.get(day, '')}（{marker}）", width=3),
            "BEGIN:VALARM", "ACTION:DISPLAY", "SUMMARY:ignored", "END:VALARM",
            "END:VEVENT",
        ]
    return "\r\n".join(lines + ["END:VCALENDAR"]) + "\r\n"


def test_ics_round_trip(cal):
    year = CalendarEntries(
        frozenset(d for d in cal.data.holidays if d.year == 2026),
        frozenset(d for d in cal.data.makeup_workdays if d.year == 2026),
        {d: n for d, n in cal.data.holiday_names.items() if d.year == 2026},
    )
    back = parse_ics(to_ics(year))
    assert back.holidays == year.holidays
    assert back.makeup_workdays == year.makeup_workdays
    assert dict(back.names) == year.names


ICS_RANGES = """BEGIN:VCALENDAR
BEGIN:VEVENT
DTSTART;VALUE=DATE:20251001
DTEND;VALUE=DATE:20251009
SUMMARY:国庆节、中秋节放假
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20250928
SUMMARY:国庆补班
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20250128
DURATION:P8D
SUMMARY:春节 假期 第1天/共8天
END:VEVENT
BEGIN:VEVENT
DTSTART:20250101
DTEND:20250101
SUMMARY:元旦\\, 休
END:VEVENT
END:VCALENDAR
"""


def test_ics_all_day_ranges_and_names():
    entries = parse_ics(ICS_RANGES)
    assert entries.holidays == set(days(D(2025, 10, 1), D(2025, 10, 8))) \
        | set(days(D(2025, 1, 28), D(2025, 2, 4))) | {D(2025, 1, 1)}
    assert entries.makeup_workdays == {D(2025, 9, 28)}
    assert entries.names[D(2025, 10, 5)] == "国庆节、中秋节"
    assert entries.names[D(2025, 9, 28)] == "国庆"
    assert entries.names[D(2025, 2, 1)] == "春节"
    assert entries.names[D(2025, 1, 1)] == "元旦"


def event(*props: str) -> str:
    return "\n".join(["BEGIN:VCALENDAR", "BEGIN:VEVENT", *props, "END:VEVENT", "END:VCALENDAR"])


@pytest.mark.parametrize("text,message", [
    (event("DTSTART;VALUE=DATE:20250101", "SUMMARY:元旦"), "第4行：无法从标题“元旦”判断"),
    (event("DTSTART:20250101T090000", "SUMMARY:元旦休"), "第3行：“20250101T090000”不是全天日期"),
    (event("DTSTART;VALUE=DATE:20250230", "SUMMARY:休"), "第3行：日期“20250230”无效"),
    (event("SUMMARY:休"), "第2行：事件缺少 DTSTART"),
    (event("DTSTART;VALUE=DATE:20250101"), "第2行：事件缺少 SUMMARY"),
    (event("DTSTART;VALUE=DATE:20250105", "DTEND;VALUE=DATE:20250101", "SUMMARY:休"),
     "第4行：DTEND 早于 DTSTART"),
    (event("DTSTART;VALUE=DATE:20250101", "DURATION:PT8H", "SUMMARY:休"), "第4行：不支持的 DURATION"),
    (event("DTSTART;VALUE=DATE:20250303", "SUMMARY:补班"), "第4行：调休上班日 2025-03-03 是周一"),
])
def test_ics_errors_name_the_line(text, message):
    with pytest.raises(ValueError) as info:
        parse_ics(text)
    assert message in str(info.value)


def test_ics_folded_line_number_is_the_first_physical_line():
    text = event("DTSTART;VALUE=DATE:20250101", "SUMMARY:元", " 旦")
    with pytest.raises(ValueError, match="第4行：无法从标题“元旦”"):
        parse_ics(text)
