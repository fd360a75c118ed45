"""Reminders: sent at their points, never twice, caught up once, escalating, in the inbox and by e-mail."""
from __future__ import annotations

import socket
import threading
from datetime import date, datetime, time

import pytest
from sqlalchemy import func, select

from app.deadlines import service as clocks
from app.deadlines.mail import SmtpSettings
from app.deadlines.models import InboxMessage, Reminder
from app.deadlines.reminders import send_due_reminders
from tests.factories import CHINA, PASSWORD, user


def _clock(session, env, responsible="officer1"):
    # acceptance: received Thu 2026-12-03 -> due Thu 2026-12-10; before_5 = 12-03, before_1 = 12-09
    clock = clocks.start(session, calendar=env.calendar(), rule_code="acceptance", business_type="ticket",
                         business_id=1, business_number="HQGD-2026-000001", start_on=date(2026, 12, 3),
                         today=date(2026, 12, 3),
                         responsible_id=user(session, responsible).id if responsible else None)
    session.commit()
    return clock


def _sweep(session, env, day: date, smtp=None):
    now = datetime.combine(day, time(9), tzinfo=CHINA)
    return send_due_reminders(session, calendar=env.calendar(), today=day, now=now, smtp=smtp)


def _kinds(session):
    return session.execute(select(Reminder.kind, Reminder.level).order_by(Reminder.id)).all()


def test_points_are_sent_once_each(app, db_session, env):
    clock = _clock(db_session, env)
    assert clock.next_reminder_on == date(2026, 12, 3)
    assert [s.kind for s in _sweep(db_session, env, date(2026, 12, 3))] == ["before_5"]
    assert _sweep(db_session, env, date(2026, 12, 3)) == []  # a rerun sends nothing
    assert clock.next_reminder_on == date(2026, 12, 9)
    assert _sweep(db_session, env, date(2026, 12, 4)) == []  # nothing due in between
    assert [s.kind for s in _sweep(db_session, env, date(2026, 12, 9))] == ["before_1"]
    assert [s.kind for s in _sweep(db_session, env, date(2026, 12, 10))] == ["due"]
    assert db_session.scalar(select(func.count(InboxMessage.id))) == 3


def test_missed_points_are_caught_up_once(app, db_session, env):
    _clock(db_session, env)
    # the scheduler was down from 12-03 to 12-10: only the latest point is sent, once
    assert [s.kind for s in _sweep(db_session, env, date(2026, 12, 10))] == ["due"]
    assert _sweep(db_session, env, date(2026, 12, 10)) == []
    assert [k for k, _ in _kinds(db_session)] == ["due"]


def test_overdue_reminders_escalate_to_chief_then_leader(app, db_session, env):
    _clock(db_session, env)
    _sweep(db_session, env, date(2026, 12, 10))
    sent = _sweep(db_session, env, date(2026, 12, 11))  # overdue 1 working day
    assert sorted((s.kind, s.level) for s in sent) == [("overdue_1", "assignee"), ("overdue_1", "chief")]
    _sweep(db_session, env, date(2026, 12, 14))  # Monday: overdue 2
    sent = _sweep(db_session, env, date(2026, 12, 15))  # overdue 3: the leader too
    assert sorted(s.level for s in sent) == ["assignee", "chief", "leader"]
    leader = user(db_session, "leader").id
    title = db_session.scalar(select(InboxMessage.title).where(InboxMessage.user_id == leader))
    assert title == "【期限提醒】HQGD-2026-000001 受理审查（受理、不予受理或告知）：已逾期3个工作日"


def test_unassigned_clock_reminds_the_chiefs(app, db_session, env):
    _clock(db_session, env, responsible=None)
    (sent,) = _sweep(db_session, env, date(2026, 12, 3))
    assert sent.recipient_id == user(db_session, "chief").id


def test_a_stopped_clock_reminds_nobody(app, db_session, env):
    clock = _clock(db_session, env)
    clocks.stop(clock, stopped_on=date(2026, 12, 4))
    db_session.commit()
    assert _sweep(db_session, env, date(2026, 12, 9)) == []


def test_inbox_page_and_unread_count(app, db_session, env, client):
    _clock(db_session, env)
    _sweep(db_session, env, date(2026, 12, 3))
    client.post("/login", data={"username": "officer1", "password": PASSWORD})
    page = client.get("/inbox").get_data(as_text=True)
    assert "还剩5个工作日到期" in page and 'id="nav-inbox">消息 <span class="badge">1</span>' in page
    client.post("/inbox/read")
    assert 'id="nav-inbox">消息</a>' in client.get("/inbox").get_data(as_text=True)


@pytest.fixture
def smtp_sink():
    from aiosmtpd.controller import Controller

    class Sink:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
            self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
            return "250 OK"

    handler = Sink()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield controller, handler
    finally:
        controller.stop()


def test_reminders_are_emailed_when_smtp_is_configured(app, db_session, env, smtp_sink):
    controller, sink = smtp_sink
    officer = user(db_session, "officer1")
    officer.email = "officer1@hq-labour.local"
    db_session.commit()
    _clock(db_session, env)
    settings = SmtpSettings(host="127.0.0.1", port=controller.port, user="",
                            password="", sender="noreply@hq-labour.local")
    _sweep(db_session, env, date(2026, 12, 3), smtp=settings)
    assert len(sink.messages) == 1 and sink.messages[0][0] == ["officer1@hq-labour.local"]
    assert db_session.scalar(select(Reminder.emailed)) is True
    officer.email = None
    db_session.commit()


def test_two_sweeps_at_once_send_each_reminder_once(app, db_session, env):
    if db_session.get_bind().dialect.name != "postgresql":
        pytest.skip("parallel writers: PostgreSQL only")
    _clock(db_session, env)
    from app.extensions import db

    results = []

    def sweep():
        with app.app_context():
            results.append(len(_sweep(db.session, env, date(2026, 12, 3))))
            db.session.remove()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(results) == [0, 1]
    assert db_session.scalar(select(func.count(InboxMessage.id))) == 1
