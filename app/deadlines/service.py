"""Start, pause, resume, extend and stop legal clocks; every change recomputes the due date.

The due date is never edited by hand: it is derived from the rule, the start,
the pauses and the extensions (engine.clocks.evaluate), and stored with its
trace only so that lists and sweeps can query it through an index.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import service as audit
from app.auth.models import User
from app.deadlines.models import ClockExtension, ClockPause, ClockRuleRecord, LegalClock
from app.errors import Conflict, NotFound, ValidationFailed
from engine.calendar import WorkingDayCalendar
from engine.clocks import ClockRule, ClockState, Extension, Pause, Unit, evaluate, reminder_points


def rule_of(record: ClockRuleRecord, clock: LegalClock | None = None) -> ClockRule:
    """The rule as configured, or as it stood when `clock` started."""
    return ClockRule(
        code=record.code, name=record.name, amount=clock.amount if clock else record.amount, unit=Unit(record.unit),
        source=record.source, pausable=record.pausable, extendable=record.extendable,
        extension_amount=clock.extension_amount if clock else record.extension_amount,
        start_event=record.start_event,
    )


def get_rule(session: Session, code: str) -> ClockRuleRecord:
    rule = session.get(ClockRuleRecord, code)
    if rule is None:
        raise NotFound(f"期限规则 {code} 不存在")
    return rule


def rules(session: Session) -> list[ClockRuleRecord]:
    return list(session.scalars(select(ClockRuleRecord).order_by(ClockRuleRecord.code)))


def state_of(clock: LegalClock, *, calendar: WorkingDayCalendar, today: date) -> ClockState:
    return evaluate(
        rule_of(clock.rule, clock), start=clock.start_on, today=today, calendar=calendar,
        pauses=[Pause(p.start_on, p.end_on, p.reason) for p in clock.pauses],
        extensions=[Extension(e.amount, e.approved_on, e.reason) for e in clock.extensions],
        stopped_on=clock.stopped_on,
    )


def reminder_schedule(clock: LegalClock, *, calendar: WorkingDayCalendar, until: date) -> list[tuple[date, str]]:
    """The clock's reminder points (before_N, due, overdue_K up to `until`) per its rule's settings."""
    settings = clock.rule.reminder_offsets or {}
    offsets = list(settings.get("before", [5, 1])) + ([0] if settings.get("due", True) else [])
    return reminder_points(
        rule_of(clock.rule, clock), clock.due_on, calendar, offsets,
        overdue_every_workday=settings.get("overdue_every_workday", True), until=until,
    )


def next_reminder_day(clock: LegalClock, *, calendar: WorkingDayCalendar, after: date) -> date | None:
    """The first reminder day on or after `after`; None when stopped or paused."""
    if clock.state != "running" or clock.due_on is None:
        return None
    horizon = calendar.workdays_after(max(after, clock.due_on), 1, strict=False)
    return min((day for day, _ in reminder_schedule(clock, calendar=calendar, until=horizon) if day >= after),
               default=None)


def recompute(clock: LegalClock, *, calendar: WorkingDayCalendar, today: date) -> ClockState:
    """Refresh the stored due date, trace, flags and the next reminder day."""
    state = state_of(clock, calendar=calendar, today=today)
    clock.due_on = state.due
    clock.trace = state.trace
    clock.unconfirmed_calendar = bool(state.unconfirmed_years)
    clock.extended = bool(clock.extensions)
    if clock.stopped_on is None:
        clock.state = "paused" if state.state == "paused" else "running"
    clock.next_reminder_on = next_reminder_day(clock, calendar=calendar, after=today)
    return state


def start(
    session: Session, *, calendar: WorkingDayCalendar, rule_code: str, business_type: str, business_id: int,
    business_number: str, start_on: date, today: date, responsible_id: int | None = None, amount: int | None = None,
) -> LegalClock:
    """`amount` overrides the rule's period for this clock (a period the document sets, e.g. 责令改正期限)."""
    rule = get_rule(session, rule_code)
    clock = LegalClock(
        rule=rule, business_type=business_type, business_id=business_id, business_number=business_number,
        start_on=start_on, responsible_id=responsible_id, amount=amount or rule.amount,
        extension_amount=rule.extension_amount,
    )
    session.add(clock)
    recompute(clock, calendar=calendar, today=today)
    session.flush()
    return clock


def get(session: Session, clock_id: int) -> LegalClock:
    clock = session.get(LegalClock, clock_id)
    if clock is None:
        raise NotFound("期限不存在")
    return clock


def clocks_for(session: Session, *, business_type: str, business_id: int) -> list[LegalClock]:
    stmt = select(LegalClock).where(LegalClock.business_type == business_type, LegalClock.business_id == business_id)
    return list(session.scalars(stmt.order_by(LegalClock.id)))


def unconfirmed_open(session: Session, *, limit: int = 500) -> list[LegalClock]:
    stmt = select(LegalClock).where(LegalClock.unconfirmed_calendar.is_(True), LegalClock.stopped_on.is_(None))
    return list(session.scalars(stmt.order_by(LegalClock.id).limit(limit)))


def _open(clock: LegalClock) -> None:
    if clock.stopped_on is not None:
        raise Conflict("该期限已停止计时")


def pause(
    session: Session, *, calendar: WorkingDayCalendar, clock_id: int, start_on: date, reason: str,
    user_id: int | None, today: date,
) -> LegalClock:
    clock = get(session, clock_id)
    _open(clock)
    if not clock.rule.pausable:
        raise ValidationFailed(f"“{clock.rule.name}”不能中止计时")
    if any(p.end_on is None for p in clock.pauses):
        raise Conflict("该期限已在中止中")
    if start_on < clock.start_on:
        raise ValidationFailed("中止日期不能早于起算日", fields={"start_on": ["中止日期不能早于起算日"]})
    clock.pauses.append(ClockPause(start_on=start_on, reason=reason, created_by_id=user_id))
    recompute(clock, calendar=calendar, today=today)
    audit.record(session, user_id=user_id, action="clock.pause", object_type="legal_clock", object_id=clock.id,
                 detail={"start_on": start_on.isoformat(), "reason": reason, "due_on": clock.due_on.isoformat()})
    return clock


def resume(
    session: Session, *, calendar: WorkingDayCalendar, clock_id: int, end_on: date, user_id: int | None, today: date,
) -> LegalClock:
    clock = get(session, clock_id)
    _open(clock)
    open_pause = next((p for p in clock.pauses if p.end_on is None), None)
    if open_pause is None:
        raise Conflict("该期限未处于中止状态")
    if end_on < open_pause.start_on:
        raise ValidationFailed("恢复日期不能早于中止日期", fields={"end_on": ["恢复日期不能早于中止日期"]})
    open_pause.end_on = end_on
    recompute(clock, calendar=calendar, today=today)
    audit.record(session, user_id=user_id, action="clock.resume", object_type="legal_clock", object_id=clock.id,
                 detail={"end_on": end_on.isoformat(), "due_on": clock.due_on.isoformat()})
    return clock


def extend(
    session: Session, *, calendar: WorkingDayCalendar, clock_id: int, approved_on: date, reason: str,
    user_id: int | None, today: date, amount: int | None = None,
) -> LegalClock:
    clock = get(session, clock_id)
    _open(clock)
    rule = clock.rule
    if not rule.extendable:
        raise ValidationFailed(f"“{rule.name}”不能延期")
    used = sum(e.amount for e in clock.extensions)
    amount = clock.extension_amount - used if amount is None else amount
    if amount <= 0 or used + amount > clock.extension_amount:
        raise ValidationFailed(f"延期不得超过{clock.extension_amount}个工作日（已延期{used}个）")
    if not reason.strip():
        raise ValidationFailed("请填写延期理由", fields={"reason": ["此项为必填项"]})
    before = clock.due_on
    clock.extensions.append(ClockExtension(amount=amount, approved_on=approved_on, reason=reason,
                                           approved_by_id=user_id))
    recompute(clock, calendar=calendar, today=today)
    audit.record(session, user_id=user_id, action="clock.extend", object_type="legal_clock", object_id=clock.id,
                 detail={"amount": amount, "reason": reason, "before": before.isoformat(),
                         "after": clock.due_on.isoformat()})
    return clock


def stop(clock: LegalClock, *, stopped_on: date, reason: str | None = None) -> LegalClock:
    """Stop the clock (the step it measures is done); nothing more is reminded. A reason, when
    given, is written into the trace (e.g. the document that started it was voided)."""
    if clock.stopped_on is None:
        clock.stopped_on = stopped_on
        clock.state = "stopped"
        clock.next_reminder_on = None
        clock.trace = f"{clock.trace}；{stopped_on.isoformat()} 停止计时" + (f"（{reason}）" if reason else "")
    return clock


def reopen(clock: LegalClock, *, calendar: WorkingDayCalendar, today: date) -> LegalClock:
    """Undo a stop (the step it measured was sent back); the clock counts on from its start."""
    if clock.stopped_on is not None:
        clock.stopped_on = None
        clock.state = "running"
        recompute(clock, calendar=calendar, today=today)
    return clock


def set_responsible(session: Session, clock: LegalClock, *, username: str) -> None:
    """The person reminded first (the handler once one is assigned)."""
    clock.responsible_id = session.scalar(select(User.id).where(User.username == username))


@dataclass(frozen=True)
class ClockView:
    clock: LegalClock
    state: ClockState


def views_for(session: Session, *, business_type: str, business_id: int, calendar: WorkingDayCalendar,
              today: date) -> list[ClockView]:
    """Every clock of a ticket or case with its state as of today (remaining days, trace)."""
    return [ClockView(c, state_of(c, calendar=calendar, today=today))
            for c in clocks_for(session, business_type=business_type, business_id=business_id)]
