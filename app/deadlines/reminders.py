"""The reminder sweep: find clocks whose next reminder day has come (an indexed
column, so the cost grows with what is due, not with what is open), send the
latest reminder point to each escalation level, move the pointer on.

Each reminder is a row with a unique (clock, kind, recipient): a rerun, a restart
or a second scheduler inserts nothing twice. Points missed while no scheduler
ran are caught up once: only the latest passed point is sent.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.auth import service as auth_service
from app.deadlines import inbox, mail
from app.deadlines.models import LegalClock, Reminder
from app.deadlines.service import next_reminder_day, reminder_schedule
from engine.calendar import WorkingDayCalendar

log = logging.getLogger(__name__)
KIND_LABELS = {"due": "今日到期"}


@dataclass(frozen=True)
class Sent:
    clock_id: int
    kind: str
    recipient_id: int
    level: str


def kind_label(kind: str) -> str:
    if kind.startswith("before_"):
        return f"还剩{kind.split('_')[1]}个工作日到期"
    if kind.startswith("overdue_"):
        return f"已逾期{kind.split('_')[1]}个工作日"
    return KIND_LABELS.get(kind, kind)


def _overdue_days(kind: str) -> int:
    return int(kind.split("_")[1]) if kind.startswith("overdue_") else 0


def recipients(session: Session, clock: LegalClock, kind: str) -> list[tuple[str, int]]:
    """(level, user id) pairs: the responsible person, then chief and leader as the clock runs late."""
    escalation = clock.rule.escalation or {}
    levels = escalation.get("levels", ["assignee"])
    thresholds = escalation.get("after_overdue_workdays", [0] * len(levels))
    late = _overdue_days(kind)
    result: list[tuple[str, int]] = []
    for level, threshold in zip(levels, thresholds, strict=False):
        if late < threshold:
            continue
        if level == "assignee" and clock.responsible_id:
            result.append((level, clock.responsible_id))
        elif level == "assignee":  # nobody assigned yet: the chiefs who assign
            result += [(level, user.id) for user in auth_service.users_with_role(session, role_code="chief")]
        elif level in ("chief", "leader"):
            result += [(level, user.id) for user in auth_service.users_with_role(session, role_code=level)]
    seen: set[int] = set()
    return [(level, uid) for level, uid in result if not (uid in seen or seen.add(uid))]


def _message(clock: LegalClock, kind: str) -> tuple[str, str]:
    title = f"【期限提醒】{clock.business_number} {clock.rule.name}：{kind_label(kind)}"
    body = f"{clock.business_number}「{clock.rule.name}」期限为 {clock.due_on.isoformat()}，{kind_label(kind)}。\n计算过程：{clock.trace}"
    return title, body


def _remind_clock(session: Session, clock: LegalClock, *, calendar: WorkingDayCalendar, today: date,
                  now: datetime) -> list[Sent]:
    since = clock.next_reminder_on or today
    passed = [(day, kind) for day, kind in reminder_schedule(clock, calendar=calendar, until=today)
              if since <= day <= today]
    sent: list[Sent] = []
    if passed:
        _, kind = passed[-1]
        title, body = _message(clock, kind)
        for level, user_id in recipients(session, clock, kind):
            try:
                with session.begin_nested():
                    session.add(Reminder(clock_id=clock.id, kind=kind, level=level, recipient_id=user_id,
                                         scheduled_on=passed[-1][0], sent_at=now))
            except IntegrityError:
                continue  # already sent (rerun or another scheduler)
            inbox.post(session, user_id=user_id, title=title, body=body, link=None, now=now)
            sent.append(Sent(clock.id, kind, user_id, level))
    clock.next_reminder_on = next_reminder_day(clock, calendar=calendar, after=today + timedelta(days=1))
    return sent


def send_due_reminders(session: Session, *, calendar: WorkingDayCalendar, today: date, now: datetime,
                       smtp: mail.SmtpSettings | None = None, limit: int = 500) -> list[Sent]:
    stmt = (select(LegalClock.id).where(LegalClock.next_reminder_on <= today)
            .order_by(LegalClock.next_reminder_on, LegalClock.id).limit(limit))
    all_sent: list[Sent] = []
    for clock_id in list(session.scalars(stmt)):
        try:
            sent = _remind_clock(session, session.get(LegalClock, clock_id), calendar=calendar, today=today, now=now)
            session.commit()
        except Exception:
            session.rollback()
            log.exception("reminders for clock %s failed; retried tomorrow", clock_id)
            _postpone(session, clock_id, today + timedelta(days=1))
            continue
        all_sent += sent
        if smtp is not None:
            _email(session, sent, smtp)
    return all_sent


def _postpone(session: Session, clock_id: int, day: date) -> None:
    """Keep one failing clock from blocking the front of the sweep."""
    try:
        session.execute(update(LegalClock).where(LegalClock.id == clock_id).values(next_reminder_on=day))
        session.commit()
    except Exception:
        session.rollback()
        log.exception("could not postpone clock %s", clock_id)


def _email(session: Session, sent: list[Sent], smtp: mail.SmtpSettings) -> None:
    for item in sent:
        user = auth_service.get_user(session, user_id=item.recipient_id)
        if user is None or not user.email:
            continue
        clock = session.get(LegalClock, item.clock_id)
        title, body = _message(clock, item.kind)
        try:
            mail.send(smtp, to=user.email, subject=title, body=body)
        except OSError:
            log.exception("could not e-mail reminder to %s", user.email)
            continue
        row = session.scalar(select(Reminder).where(Reminder.clock_id == item.clock_id, Reminder.kind == item.kind,
                                                    Reminder.recipient_id == item.recipient_id))
        row.emailed = True
        session.commit()
