"""Working-day calendar (工作日历) for the legal clocks.

Rule (domain-law.md §6): a day is a working day iff it is a make-up workday
(调休上班日) or it is Monday-Friday and not a statutory day off.

Data (``CalendarData``)
    ``holidays`` holds *every* day off of the State Council notice, including
    the ones that fall on a weekend (春节 2025: 1/28-2/4 inclusive).  Weekend
    entries do not change any count; they keep the notice complete for
    display (``holiday_name``).  ``makeup_workdays`` must be Saturdays or
    Sundays.  Every date must lie in a year of ``confirmed_years``.  A notice
    for year Y may reach into December of Y-1 (元旦 2019 began 2018-12-30);
    ``with_year`` accepts such days when Y-1 is already confirmed.

Counting (CPL Art. 85: the start day is never counted)
    workdays_after(s, n)       n >= 1: the n-th working day after s.
    workdays_before(e, n)      n >= 1: the n-th working day before e.
    workdays_between(a, b)     working days in (a, b]; -(working days in
                               (b, a]) when b < a; 0 when a == b.
    calendar_days_after(s, n)  n >= 1: s + n days, moved to the next working
                               day when that day is a holiday or rest day.
    next_workday(d)            d itself if it is a working day, else the next.

Unconfirmed years (日历未确认)
    With ``strict=True`` (the default) every method raises
    ``UnconfirmedCalendar(year)`` when its answer depends on a day of a year
    missing from ``confirmed_years``; nothing is silently computed on weekends
    alone.  With ``strict=False`` such years count Monday-Friday only.
    ``workday_deadline`` / ``calendar_deadline`` never raise: they return
    ``DeadlineResult(day, unconfirmed_years)`` and the clock layer flags the
    deadline when ``unconfirmed_years`` is not empty.  ``unconfirmed_years(a,
    b)`` gives the same answer for any interval (a, b].

Speed: the working days of the confirmed span are kept as a sorted list of
ordinals; outside it a closed formula counts Monday-Friday.  Every query is
O(log n) after an O(days) construction.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType
from typing import NamedTuple

_ONE_DAY = timedelta(days=1)
_WEEKDAY_NAMES = "一二三四五六日"


class UnconfirmedCalendar(LookupError):
    """A computation needs a year whose holiday notice is not loaded."""

    def __init__(self, year: int) -> None:
        super().__init__(year)
        self.year = year

    def __str__(self) -> str:
        return f"{self.year}年节假日安排尚未确认（日历未确认）"


@dataclass(frozen=True)
class DeadlineResult:
    """A computed day plus the unconfirmed years the computation relied on."""

    day: date
    unconfirmed_years: frozenset[int] = frozenset()

    @property
    def confirmed(self) -> bool:
        return not self.unconfirmed_years


class CalendarEntries(NamedTuple):
    """What an import file yields: days off, make-up workdays, display names."""

    holidays: frozenset[date]
    makeup_workdays: frozenset[date]
    names: Mapping[date, str]


def _is_weekend(day: date) -> bool:
    return day.weekday() >= 5


def _weekday_label(day: date) -> str:
    return "周" + _WEEKDAY_NAMES[day.weekday()]


@dataclass(frozen=True)
class CalendarData:
    """Holiday data for the confirmed years (see the module docstring)."""

    holidays: frozenset[date] = frozenset()
    makeup_workdays: frozenset[date] = frozenset()
    confirmed_years: frozenset[int] = frozenset()
    holiday_names: Mapping[date, str] = field(
        default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        object.__setattr__(self, "makeup_workdays", frozenset(self.makeup_workdays))
        object.__setattr__(self, "confirmed_years", frozenset(self.confirmed_years))
        object.__setattr__(self, "holiday_names", MappingProxyType(dict(self.holiday_names)))
        self._validate()

    def _validate(self) -> None:
        both = self.holidays & self.makeup_workdays
        if both:
            raise ValueError(f"{min(both)} 同时被标为放假和调休上班")
        for day in sorted(self.makeup_workdays):
            if not _is_weekend(day):
                raise ValueError(f"调休上班日 {day} 是{_weekday_label(day)}，应为周六或周日")
        for day in sorted(self.holidays | self.makeup_workdays):
            if day.year not in self.confirmed_years:
                raise ValueError(f"{day} 所在的{day.year}年未列为已确认年份")
        stray = set(self.holiday_names) - self.holidays - self.makeup_workdays
        if stray:
            raise ValueError(f"{min(stray)} 有名称但既不是放假日也不是调休上班日")

    def merged(self, other: CalendarData) -> CalendarData:
        """Union of both; for each year ``other`` confirms, ``other`` wins."""
        years = other.confirmed_years

        def keep(days: Iterable[date]) -> set[date]:
            return {d for d in days if d.year not in years}

        names = {d: n for d, n in self.holiday_names.items() if d.year not in years}
        names.update(other.holiday_names)
        return CalendarData(
            keep(self.holidays) | other.holidays,
            keep(self.makeup_workdays) | other.makeup_workdays,
            self.confirmed_years | years,
            names,
        )

    def with_year(self, year: int, holidays: Iterable[date],
                  makeup_workdays: Iterable[date],
                  names: Mapping[date, str] | None = None) -> CalendarData:
        """Load (or replace) the notice for ``year`` and mark it confirmed.

        Days may lie in ``year`` or in December of ``year - 1`` (spill-over of
        元旦); the latter replace only those single days of ``year - 1``.
        """
        holidays, makeup_workdays = frozenset(holidays), frozenset(makeup_workdays)
        given = holidays | makeup_workdays
        for day in sorted(given):
            _check_notice_day(year, day, self.confirmed_years)
        spill = {d for d in given if d.year != year}

        def keep(days: Iterable[date]) -> set[date]:
            return {d for d in days if d.year != year and d not in spill}

        kept_names = {d: n for d, n in self.holiday_names.items()
                      if d.year != year and d not in spill}
        kept_names.update(names or {})
        return CalendarData(
            keep(self.holidays) | holidays,
            keep(self.makeup_workdays) | makeup_workdays,
            self.confirmed_years | {year},
            kept_names,
        )


def _check_notice_day(year: int, day: date, confirmed: frozenset[int]) -> None:
    if day.year == year:
        return
    if day.year == year - 1 and day.month == 12:
        if day.year not in confirmed:
            raise ValueError(f"{day} 属于未确认的{day.year}年，请先录入{day.year}年")
        return
    raise ValueError(f"{day} 不属于{year}年的节假日安排")


# --- seeding from the chinesecalendar package ---------------------------------

def chinesecalendar_years() -> range:
    """The years covered by the installed chinesecalendar package."""
    from chinese_calendar import constants

    years = {d.year for d in constants.holidays} | {d.year for d in constants.workdays}
    return range(min(years), max(years) + 1)


def chinesecalendar_data(first_year: int = 2004, last_year: int | None = None) -> CalendarData:
    """CalendarData for first_year..last_year (default: last covered year)."""
    from chinese_calendar import constants

    covered = chinesecalendar_years()
    last_year = covered[-1] if last_year is None else last_year
    if first_year not in covered or last_year not in covered or first_year > last_year:
        raise ValueError(f"chinesecalendar 只覆盖 {covered[0]}-{covered[-1]} 年，"
                         f"无法提供 {first_year}-{last_year} 年")
    years = range(first_year, last_year + 1)
    holidays = {d: n for d, n in constants.holidays.items() if d.year in years}
    workdays = {d: n for d, n in constants.workdays.items() if d.year in years}
    names = {d: _chinese_name(n) for d, n in {**holidays, **workdays}.items()}
    return CalendarData(frozenset(holidays), frozenset(workdays), frozenset(years), names)


def _chinese_name(english: str) -> str:
    from chinese_calendar.constants import Holiday

    try:
        return Holiday(english).chinese
    except ValueError:
        return english


# --- the calendar ----------------------------------------------------------------

def _weekday_rank(ordinal: int) -> int:
    """Monday-Friday days among ordinals 1..ordinal (ordinal 1 is a Monday)."""
    weeks, rest = divmod(ordinal, 7)
    return 5 * weeks + min(rest, 5)


def _weekday_unrank(rank: int) -> int:
    """The ordinal of the Monday-Friday day with the given rank."""
    weeks, rest = divmod(rank - 1, 5)
    return 7 * weeks + rest + 1


def _require_positive(n: int) -> None:
    if n < 1:
        raise ValueError(f"天数必须大于等于 1，收到 {n}")


class WorkingDayCalendar:
    """Working-day arithmetic over a CalendarData (see the module docstring)."""

    def __init__(self, data: CalendarData) -> None:
        self.data = data
        years = sorted(data.confirmed_years)
        self._lo = date(years[0], 1, 1).toordinal() if years else 1
        self._hi = date(years[-1], 12, 31).toordinal() if years else 0
        self._workdays = [o for o in range(self._lo, self._hi + 1)
                          if self._rule(date.fromordinal(o))]
        self._base = _weekday_rank(self._lo - 1)
        self._top = self._base + len(self._workdays)

    @property
    def confirmed_years(self) -> frozenset[int]:
        return self.data.confirmed_years

    def _rule(self, day: date) -> bool:
        if day in self.data.makeup_workdays:
            return True
        return day.weekday() < 5 and day not in self.data.holidays

    def _rank(self, ordinal: int) -> int:
        """Working days with ordinal <= ``ordinal`` (from a fixed origin)."""
        if ordinal < self._lo:
            return _weekday_rank(ordinal)
        if ordinal <= self._hi:
            return self._base + bisect_right(self._workdays, ordinal)
        return self._top + _weekday_rank(ordinal) - _weekday_rank(self._hi)

    def _unrank(self, rank: int) -> date:
        """The working day whose rank is ``rank``."""
        if rank <= self._base:
            return date.fromordinal(_weekday_unrank(rank))
        if rank <= self._top:
            return date.fromordinal(self._workdays[rank - self._base - 1])
        return date.fromordinal(_weekday_unrank(rank - self._top + _weekday_rank(self._hi)))

    def _unconfirmed(self, first: date, last: date) -> frozenset[int]:
        """Unconfirmed years among the days first..last (inclusive)."""
        return frozenset(y for y in range(first.year, last.year + 1)
                         if y not in self.data.confirmed_years)

    def _check(self, strict: bool, first: date, last: date) -> None:
        if strict:
            missing = self._unconfirmed(first, last)
            if missing:
                raise UnconfirmedCalendar(min(missing))

    def unconfirmed_years(self, start: date, end: date) -> frozenset[int]:
        """Unconfirmed years among the days in (start, end] (order-free)."""
        low, high = sorted((start, end))
        return self._unconfirmed(low + _ONE_DAY, high) if low < high else frozenset()

    def is_workday(self, day: date, *, strict: bool = True) -> bool:
        self._check(strict, day, day)
        return self._rule(day)

    def holiday_name(self, day: date) -> str | None:
        """Display name (春节, 国庆节, ...) of a day off or make-up workday."""
        return self.data.holiday_names.get(day)

    def next_workday(self, day: date, *, strict: bool = True) -> date:
        result = self._unrank(self._rank(day.toordinal() - 1) + 1)
        self._check(strict, day, result)
        return result

    def workdays_after(self, start: date, n: int, *, strict: bool = True) -> date:
        _require_positive(n)
        result = self._unrank(self._rank(start.toordinal()) + n)
        self._check(strict, start + _ONE_DAY, result)
        return result

    def workdays_before(self, end: date, n: int, *, strict: bool = True) -> date:
        _require_positive(n)
        result = self._unrank(self._rank(end.toordinal() - 1) - n + 1)
        self._check(strict, result, end - _ONE_DAY)
        return result

    def workdays_between(self, start: date, end: date, *, strict: bool = True) -> int:
        low, high = sorted((start, end))
        if low < high:
            self._check(strict, low + _ONE_DAY, high)
        return self._rank(end.toordinal()) - self._rank(start.toordinal())

    def calendar_days_after(self, start: date, n: int, *, strict: bool = True) -> date:
        _require_positive(n)
        return self.next_workday(start + timedelta(days=n), strict=strict)

    def workday_deadline(self, start: date, n: int) -> DeadlineResult:
        """workdays_after(start, n) that flags instead of raising."""
        day = self.workdays_after(start, n, strict=False)
        return DeadlineResult(day, self._unconfirmed(start + _ONE_DAY, day))

    def calendar_deadline(self, start: date, n: int) -> DeadlineResult:
        """calendar_days_after(start, n) that flags instead of raising."""
        day = self.calendar_days_after(start, n, strict=False)
        return DeadlineResult(day, self._unconfirmed(start + timedelta(days=n), day))
