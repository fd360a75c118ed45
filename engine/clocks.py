"""Legal clocks (法定时限): pure due-date arithmetic over the working-day calendar.

``evaluate`` applies a ``ClockRule`` to a start day, extensions and pauses,
recomputing the due date from scratch with a Chinese trace.  No I/O.

Counting (domain-law.md §6; CPL Art. 85 by analogy): the start day is never
counted.  WORKDAYS: the n-th working day after the start.  CALENDAR_DAYS:
start + n days.  MONTHS: the same day of the month n months later (clamped to
the month end).  Calendar-day and month periods ending on a day off move to
the next working day, so every due date is a working day.

Order: base period -> extensions (by approval day, in the rule's unit, total
at most ``rule.extension_amount``) -> pauses (by start day).

Pauses (中止 / 委托审计 / 鉴定 / 公告): a pause stops the clock from ``start`` up
to but not including ``end`` (counting resumes on ``end``).  Its working days
(WORKDAYS rules) or calendar days (other rules) push the due date back.  Days
before the first counted day, or already covered by an earlier pause, are not
excluded (again); a pause starting after the due date computed so far changes
nothing.  An open pause counts up to ``today`` (``stopped_on`` if stopped):
while paused, ``due`` is the day the clock would end if it resumed today.

Unconfirmed years: never raises ``UnconfirmedCalendar``; such years count
Monday-Friday and are listed in ``unconfirmed_years`` and the trace.

Hearing notice (APL Art. 64 "七日前"): 7 *working* days, as APL Art. 85 makes
the APL's 2/3/5/7 days working days.  ``evaluate`` gives the earliest hearing
day for a notice sent on ``start``; ``latest_start`` the last day to send the
notice for a given hearing day.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Literal

from engine.calendar import DeadlineResult, WorkingDayCalendar

_ONE_DAY = timedelta(days=1)

ClockStatus = Literal["running", "paused", "extended", "overdue", "stopped"]


class Unit(StrEnum):
    WORKDAYS = "workdays"
    CALENDAR_DAYS = "calendar_days"
    MONTHS = "months"


_AMOUNT_LABEL = {Unit.WORKDAYS: "个工作日", Unit.CALENDAR_DAYS: "日", Unit.MONTHS: "个月"}


@dataclass(frozen=True)
class ClockRule:
    """One configurable time limit; ``extension_amount`` caps the extensions."""

    code: str
    name: str
    amount: int
    unit: Unit
    source: str
    pausable: bool
    extendable: bool
    extension_amount: int = 0
    start_event: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "unit", Unit(self.unit))
        if self.amount < 1:
            raise ValueError(f"时限“{self.name}”的期间必须大于等于 1，收到 {self.amount}")
        if self.extendable != (self.extension_amount > 0):
            raise ValueError(f"时限“{self.name}”：可延期的时限须填写大于 0 的延长期间，"
                             f"不可延期的时限延长期间须为 0")


@dataclass(frozen=True)
class Pause:
    """Clock stopped on ``start`` .. ``end - 1``; ``end is None`` = still paused."""

    start: date
    end: date | None
    reason: str

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"{self.reason}：恢复日期 {self.end} 早于开始日期 {self.start}")


@dataclass(frozen=True)
class Extension:
    amount: int
    approved_on: date
    reason: str

    def __post_init__(self) -> None:
        if self.amount < 1:
            raise ValueError(f"延长期间必须大于等于 1，收到 {self.amount}")


@dataclass(frozen=True)
class ClockState:
    """Result of ``evaluate``; remaining counts are None for a stopped clock.

    remaining_workdays: working days in (today, due], negative when overdue.
    remaining_days: calendar days from today to due (any unit).
    """

    due: date
    state: ClockStatus
    remaining_workdays: int | None
    remaining_days: int | None
    unconfirmed_years: frozenset[int]
    trace: str

    @property
    def confirmed(self) -> bool:
        return not self.unconfirmed_years


def _wd(code: str, name: str, amount: int, source: str, start_event: str,
        unit: Unit = Unit.WORKDAYS) -> ClockRule:
    return ClockRule(code, name, amount, unit, source, False, False, 0, start_event)


def _cd(code: str, name: str, amount: int, source: str, start_event: str) -> ClockRule:
    return _wd(code, name, amount, source, start_event, Unit.CALENDAR_DAYS)


def _mo(code: str, name: str, amount: int, source: str, start_event: str) -> ClockRule:
    return _wd(code, name, amount, source, start_event, Unit.MONTHS)


GUANGDONG_DEFAULTS: tuple[ClockRule, ...] = (
    _wd("acceptance", "受理审查（受理、不予受理或告知）", 5,
        "《广东省劳动保障监察条例》第三十九条", "收到投诉材料"),
    ClockRule("decision", "作出处理决定", 45, Unit.WORKDAYS,
              "《广东省劳动保障监察条例》第四十四条、第四十五条", True, True, 30, "立案"),
    _wd("suspension_notice", "书面告知投诉人中止调查", 3,
        "《广东省劳动保障监察条例》第四十五条", "中止批准"),
    _wd("service", "送达处理（处罚）决定书", 7,
        "《广东省劳动保障监察条例》第四十七条；《行政处罚法》第六十一条", "作出决定"),
    _wd("evidence_preservation", "对先行登记保存的证据作出处理决定", 7,
        "《行政处罚法》第五十六条", "先行登记保存"),
    _wd("statement_defence", "陈述、申辩", 3, "执法实践（可配置）", "送达事先告知书"),
    _wd("hearing_request", "申请听证", 5, "《行政处罚法》第六十四条", "送达事先告知书"),
    _wd("hearing_notice", "听证通知（举行听证前）", 7,
        "《行政处罚法》第六十四条、第八十五条", "发出听证通知"),
    _cd("fine_payment", "缴纳罚款", 15, "《行政处罚法》第六十七条", "收到行政处罚决定书"),
    _cd("enforcement_demand", "催告期满（可申请强制执行）", 10,
        "《行政强制法》第五十四条", "催告书送达"),
    _mo("enforcement_application", "申请人民法院强制执行", 3, "《行政强制法》第五十三条",
        "复议、诉讼期限届满"),
    _cd("reconsideration", "申请行政复议", 60, "《行政复议法》第二十条", "知道该行政行为"),
    _mo("litigation", "提起行政诉讼", 6, "《行政诉讼法》第四十六条", "知道作出行政行为"),
    _cd("public_notice_service", "公告送达期满", 60,
        "《广东省劳动保障监察条例》第四十七条", "发布公告"),
    _cd("public_notice_service_absconding", "公告送达期满（欠薪逃匿、群体性事件）", 3,
        "《广东省劳动保障监察条例》第四十七条", "发布公告"),
    _cd("filing", "报上一级备案", 10, "《广东省劳动保障监察条例》第四十八条",
        "作出处罚（处理）决定"),
    # the amount is only a default: each clock takes the days from service to the order's rectify-by date
    _cd("rectification", "责令改正期限", 15, "《广东省劳动保障监察条例》第四十四条；限期改正指令书所载期限",
        "限期改正指令书送达"),
)


# --- date arithmetic ---------------------------------------------------------------

def amount_until(start: date, due: date) -> int:
    """The calendar days from ``start`` (not counted) to ``due``, the period of a calendar-day clock
    whose due date a document sets (责令改正期限); at least 1, so a due date on the start day
    itself runs to the next day."""
    return max((due - start).days, 1)


def add_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later, clamped to the month end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    first_next = date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    return date(year, month + 1, min(day.day, (first_next - _ONE_DAY).day))


def _settle(calendar: WorkingDayCalendar, nominal: date) -> DeadlineResult:
    """The holiday rule: ``nominal`` or, if it is a day off, the next working day."""
    day = calendar.next_workday(nominal, strict=False)
    return DeadlineResult(day, calendar.unconfirmed_years(nominal - _ONE_DAY, day))


_iso = date.isoformat


@dataclass
class _Run:
    """Accumulates the offset (rule unit) and paused days while evaluating."""

    rule: ClockRule
    start: date
    calendar: WorkingDayCalendar
    offset: int = 0
    paused: int = 0
    due: date = date.min
    unconfirmed: set[int] = field(default_factory=set)
    clauses: list[str] = field(default_factory=list)

    def recompute(self) -> str:
        """Update ``due``; return a note when the holiday rule moved it."""
        unit, cal = self.rule.unit, self.calendar
        if unit is Unit.WORKDAYS:
            result, nominal = cal.workday_deadline(self.start, self.offset + self.paused), None
        else:
            months = self.offset if unit is Unit.MONTHS else 0
            days = self.paused + (0 if unit is Unit.MONTHS else self.offset)
            nominal = add_months(self.start, months) + timedelta(days=days)
            result = _settle(cal, nominal)
        self.due = result.day
        self.unconfirmed |= result.unconfirmed_years
        if nominal is None or nominal == result.day:
            return ""
        holiday = cal.holiday_name(nominal)
        kind = f"{holiday}假期" if holiday else "休息日"
        return f"（{_iso(nominal)}为{kind}，顺延至{_iso(result.day)}）"

    def apply_base(self) -> None:
        rule = self.rule
        self.offset = rule.amount
        note = self.recompute()
        self.clauses.append(f"{rule.start_event or '起算'} {_iso(self.start)}，"
                            f"{rule.amount}{_AMOUNT_LABEL[rule.unit]} → {_iso(self.due)}{note}")

    def apply_extension(self, ext: Extension) -> None:
        self.offset += ext.amount
        note = self.recompute()
        self.clauses.append(f"延期 {ext.amount}{_AMOUNT_LABEL[self.rule.unit]}"
                            f"（{_iso(ext.approved_on)} 批准）→ {_iso(self.due)}{note}")

    def excluded(self, low: date, high: date) -> int:
        """Days excluded by a pause over [low, high), in the pause unit."""
        if high <= low:
            return 0
        if self.rule.unit is not Unit.WORKDAYS:
            return (high - low).days
        self.unconfirmed |= self.calendar.unconfirmed_years(low - _ONE_DAY, high - _ONE_DAY)
        return self.calendar.workdays_between(low - _ONE_DAY, high - _ONE_DAY, strict=False)

    def apply_pause(self, pause: Pause, covered: date, ref: date) -> date:
        """Apply one pause; return the day up to which pauses now cover."""
        span = _pause_span(pause, ref)
        if pause.start > self.due:
            self.clauses.append(f"{pause.reason} {span}：晚于当时的期限 {_iso(self.due)}，"
                                f"不影响期限")
            return covered
        high = pause.end if pause.end is not None else max(ref, pause.start)
        low = max(pause.start, self.start + _ONE_DAY, covered)
        count = self.excluded(low, high)
        self.paused += count
        note = self.recompute()
        unit = "个工作日" if self.rule.unit is Unit.WORKDAYS else "日"
        overlap = "，与此前停止计时期间重叠部分不重复扣除" if covered > pause.start else ""
        self.clauses.append(f"{pause.reason} {span}（{count}{unit}{overlap}）→ "
                            f"{_iso(self.due)}{note}")
        return max(covered, high)


def _pause_span(pause: Pause, ref: date) -> str:
    if pause.end is None:
        return f"{_iso(pause.start)} 起尚未恢复，计至 {_iso(ref)}"
    return f"{_iso(pause.start)} 至 {_iso(pause.end)}"


def _validate(rule: ClockRule, pauses: Sequence[Pause], extensions: Sequence[Extension]) -> None:
    if extensions and not rule.extendable:
        raise ValueError(f"时限“{rule.name}”不可延期")
    total = sum(e.amount for e in extensions)
    if total > rule.extension_amount > 0:
        raise ValueError(f"时限“{rule.name}”延期合计 {total}{_AMOUNT_LABEL[rule.unit]}，"
                         f"超过上限 {rule.extension_amount}{_AMOUNT_LABEL[rule.unit]}")
    if pauses and not rule.pausable:
        raise ValueError(f"时限“{rule.name}”不适用中止或扣除期间")


def _unconfirmed_note(years: Iterable[int]) -> str:
    listed = "、".join(str(y) for y in sorted(years))
    return f"（{listed}年节假日安排未确认，按周一至周五推算）" if listed else ""


def evaluate(rule: ClockRule, *, start: date, today: date, calendar: WorkingDayCalendar,
             pauses: Sequence[Pause] = (), extensions: Sequence[Extension] = (),
             stopped_on: date | None = None) -> ClockState:
    """Due date, status and trace of one clock as of ``today`` (module docstring)."""
    _validate(rule, pauses, extensions)
    ref = stopped_on if stopped_on is not None else today
    run = _Run(rule, start, calendar)
    run.apply_base()
    for ext in sorted(extensions, key=lambda e: e.approved_on):
        run.apply_extension(ext)
    covered, paused_now = date.min, False
    for pause in sorted(pauses, key=lambda p: (p.start, p.end or date.max)):
        counted = pause.start <= run.due
        covered = run.apply_pause(pause, covered, ref)
        paused_now |= counted and pause.end is None and pause.start <= ref
    if stopped_on is not None:
        run.clauses.append(f"{_iso(stopped_on)} 停止计时")
        return _state(run, "stopped", None, None)
    run.unconfirmed |= calendar.unconfirmed_years(today, run.due)
    remaining = calendar.workdays_between(today, run.due, strict=False)
    status: ClockStatus = ("paused" if paused_now else "overdue" if today > run.due
                           else "extended" if extensions else "running")
    return _state(run, status, remaining, (run.due - today).days)


def _state(run: _Run, status: ClockStatus, remaining: int | None,
           days: int | None) -> ClockState:
    trace = "；".join(run.clauses) + _unconfirmed_note(run.unconfirmed)
    return ClockState(run.due, status, remaining, days, frozenset(run.unconfirmed), trace)


def latest_start(rule: ClockRule, due: date, calendar: WorkingDayCalendar) -> DeadlineResult:
    """The last start day whose base period still ends by ``due``.

    Used for the hearing notice: the last day to send it for a hearing on ``due``.
    """
    if rule.unit is Unit.WORKDAYS:
        day = calendar.workdays_before(due, rule.amount, strict=False)
        return DeadlineResult(day, calendar.unconfirmed_years(day, due))
    if rule.unit is Unit.CALENDAR_DAYS:
        return DeadlineResult(due - timedelta(days=rule.amount))
    raise ValueError(f"时限“{rule.name}”按月计算，不支持倒推")


def reminder_points(rule: ClockRule, due: date, calendar: WorkingDayCalendar,
                    offsets: Iterable[int] = (5, 1, 0), overdue_every_workday: bool = True,
                    *, until: date) -> list[tuple[date, str]]:
    """Reminder days, sorted: ``before_N`` (N-th working day before ``due``),
    ``due``, then ``overdue_K`` (K-th working day after) up to ``until``.

    ``until`` bounds only the overdue series.  Every due date is a working day
    whatever the unit, so ``rule`` does not change the points.
    """
    del rule
    points: list[tuple[date, str]] = []
    for offset in sorted(set(offsets), reverse=True):
        if offset < 0:
            raise ValueError(f"提醒提前量不能为负数：{offset}")
        if offset == 0:
            points.append((due, "due"))
        else:
            points.append((calendar.workdays_before(due, offset, strict=False),
                           f"before_{offset}"))
    k = 1
    while overdue_every_workday and (day := calendar.workdays_after(due, k, strict=False)) <= until:
        points.append((day, f"overdue_{k}"))
        k += 1
    return sorted(points)


_FEN = Decimal("0.01")
_DAILY_RATE = Decimal("0.03")


def surcharge(fine: Decimal, days_late: int) -> Decimal:
    """Late-payment surcharge (加处罚款, APL Art. 72): 3 % of the fine per day,
    at most the fine itself, rounded half-up to the fen."""
    fine = Decimal(fine)
    if fine < 0 or days_late < 0:
        raise ValueError(f"罚款金额和逾期天数不能为负数：{fine}，{days_late}")
    return min(fine * _DAILY_RATE * days_late, fine).quantize(_FEN, rounding=ROUND_HALF_UP)
