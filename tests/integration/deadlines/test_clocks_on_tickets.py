"""The acceptance clock of a ticket: started at registration, shown, stopped at the conclusion."""
from __future__ import annotations

from datetime import date

from app.deadlines import service as clocks
from app.tasks import flows
from tests.factories import PASSWORD, make_ticket, open_task, user


def _assign(app, session, env, ticket_id, handler="officer1"):
    flows.complete(session, env=env, registry=app.extensions["forms"], task_id=open_task(session, ticket_id).id,
                   user=user(session, "chief"), data={"handler": handler, "assigned_on": "2026-12-03"})
    session.commit()


def test_registration_starts_the_acceptance_clock(app, db_session, env):
    ticket = make_ticket(db_session, env, received_at="2026-12-05T10:00:00+08:00")  # a Saturday
    (clock,) = clocks.clocks_for(db_session, business_type="ticket", business_id=ticket.id)
    assert (clock.rule_code, clock.start_on, clock.due_on) == ("acceptance", date(2026, 12, 5), date(2026, 12, 11))
    assert clock.trace.startswith("收到投诉材料 2026-12-05，5个工作日 → 2026-12-11")
    # the BPMN timer reads the clock: end of the due day, Hengqin time
    assert open_task(db_session, ticket.id).due_at.isoformat() == "2026-12-11T15:59:59+00:00"


def test_handler_becomes_responsible_and_the_clock_stops_at_the_conclusion(app, db_session, env):
    ticket = make_ticket(db_session, env)
    _assign(app, db_session, env, ticket.id)
    (clock,) = clocks.clocks_for(db_session, business_type="ticket", business_id=ticket.id)
    assert clock.responsible_id == user(db_session, "officer1").id and clock.stopped_on is None
    flows.complete(db_session, env=env, registry=app.extensions["forms"], task_id=open_task(db_session, ticket.id).id,
                   user=user(db_session, "officer1"), data={"verification_notes": "核实属实。", "conclusion": "accept"})
    db_session.commit()
    db_session.refresh(clock)
    assert (clock.state, clock.stopped_on, clock.next_reminder_on) == ("stopped", date(2026, 12, 3), None)
    assert clock.trace.endswith("2026-12-03 停止计时")


def test_ticket_page_and_api_show_the_clock(app, db_session, env, client, api):
    ticket = make_ticket(db_session, env)
    client.post("/login", data={"username": "chief", "password": PASSWORD})
    page = client.get(f"/tickets/{ticket.id}").get_data(as_text=True)
    assert "法定期限" in page and "受理审查" in page and "2026-12-10" in page and "计时中" in page
    assert "《广东省劳动保障监察条例》第三十九条" in page
    body = api.get("chief", f"/api/v1/tickets/{ticket.id}").get_json()
    (clock,) = body["clocks"]
    assert clock["rule"] == "acceptance" and clock["due_on"] == "2026-12-10"
    assert clock["remaining_workdays"] == 5 and clock["state"] == "running" and clock["unconfirmed_calendar"] is False


def test_a_deadline_in_an_unconfirmed_year_is_flagged(app, db_session, env, client):
    ticket = make_ticket(db_session, env, received_at="2026-12-29T09:00:00+08:00")
    (clock,) = clocks.clocks_for(db_session, business_type="ticket", business_id=ticket.id)
    assert clock.unconfirmed_calendar and clock.due_on == date(2027, 1, 5)
    assert "2027年节假日安排未确认" in clock.trace
    client.post("/login", data={"username": "chief", "password": PASSWORD})
    assert "日历未确认" in client.get(f"/tickets/{ticket.id}").get_data(as_text=True)


def test_entering_next_years_holidays_recomputes_flagged_clocks_and_their_timers(app, db_session, env):
    from app.deadlines.flows import refresh_unconfirmed
    from app.workdays import service as workdays

    ticket = make_ticket(db_session, env, received_at="2026-12-29T09:00:00+08:00")
    (clock,) = clocks.clocks_for(db_session, business_type="ticket", business_id=ticket.id)
    assert clock.due_on == date(2027, 1, 5) and clock.unconfirmed_calendar
    workdays.set_year(db_session, year=2027, holidays={date(2027, 1, 1): "元旦"}, makeup_workdays=set(),
                      source="manual", user_id=None)
    db_session.commit()
    app.extensions["calendar_provider"].invalidate()
    try:
        assert refresh_unconfirmed(db_session, env=env, today=date(2026, 12, 29)) == 1
        db_session.refresh(clock)
        assert clock.due_on == date(2027, 1, 6) and not clock.unconfirmed_calendar
        assert open_task(db_session, ticket.id).due_at.isoformat() == "2027-01-06T15:59:59+00:00"
    finally:
        from sqlalchemy import delete

        from app.workdays.models import CalendarDay, CalendarYear

        db_session.execute(delete(CalendarDay).where(CalendarDay.year == 2027))
        db_session.execute(delete(CalendarYear).where(CalendarYear.year == 2027))
        db_session.commit()
        app.extensions["calendar_provider"].invalidate()


def test_task_lists_flag_deadlines_in_an_unconfirmed_year(app, db_session, env, client):
    make_ticket(db_session, env, received_at="2026-12-29T09:00:00+08:00")
    make_ticket(db_session, env, received_at="2026-12-03T09:00:00+08:00")
    client.post("/login", data={"username": "chief", "password": PASSWORD})
    page = client.get("/tasks/group").get_data(as_text=True)
    assert page.count(">日历未确认</span>") == 1  # only the one due in January 2027


def test_acceptance_period_runs_anew_from_the_day_the_supplement_comes_back(app, db_session, env, clock, api):
    """GD Art. 39 (the bureau's reading): received Thu 3 Dec, 补正 requested, materials back Wed 9 Dec → 核查 must
    decide by Wed 16 Dec (5 working days after 9 Dec), and only then is the ticket deemed accepted, not after 10 Dec."""
    from datetime import datetime

    from app.tickets.models import Ticket
    from app.workflow.timers import wake_due_instances

    forms = app.extensions["forms"]
    ticket = make_ticket(db_session, env, received_at="2026-12-03T09:00:00+08:00")
    _assign(app, db_session, env, ticket.id)
    flows.complete(db_session, env=env, registry=forms, task_id=open_task(db_session, ticket.id).id,
                   user=user(db_session, "officer1"),
                   data={"verification_notes": "材料不全，缺工资欠条。", "conclusion": "supplement",
                         "supplement_items": "工资欠条"})
    db_session.commit()
    clock.set(datetime.fromisoformat("2026-12-09T10:00:00+08:00"))
    flows.complete(db_session, env=env, registry=forms, task_id=open_task(db_session, ticket.id).id,
                   user=user(db_session, "clerk"),
                   data={"supplement_received": "yes", "supplement_received_on": "2026-12-09"})
    db_session.commit()

    verify = open_task(db_session, ticket.id)
    assert verify.title == "核查" and verify.due_at.isoformat() == "2026-12-16T15:59:59+00:00"
    first, again = clocks.clocks_for(db_session, business_type="ticket", business_id=ticket.id)
    assert (first.start_on, first.due_on, first.stopped_on) == (date(2026, 12, 3), date(2026, 12, 10), date(2026, 12, 9))
    assert "自2026-12-09起重新起算" in first.trace
    assert (again.start_on, again.due_on, again.state) == (date(2026, 12, 9), date(2026, 12, 16), "running")
    assert again.responsible_id == user(db_session, "officer1").id
    shown = api.get("chief", f"/api/v1/tickets/{ticket.id}").get_json()["clocks"]
    assert [(c["start_on"], c["due_on"], c["state"]) for c in shown] == [
        ("2026-12-03", "2026-12-10", "stopped"), ("2026-12-09", "2026-12-16", "running")]

    clock.set(datetime.fromisoformat("2026-12-11T09:00:00+08:00"))  # the first period is over: nothing happens
    assert wake_due_instances(db_session, env=env, now=clock.now()) == 0
    assert open_task(db_session, ticket.id).title == "核查"
    clock.set(datetime.fromisoformat("2026-12-17T00:00:01+08:00"))  # the new one ended with Wed 16 Dec
    assert wake_due_instances(db_session, env=env, now=clock.now()) == 1
    db_session.expire_all()
    assert db_session.get(Ticket, ticket.id).status == "deemed_accepted"
    assert {c.stopped_on for c in clocks.clocks_for(db_session, business_type="ticket", business_id=ticket.id)} == {
        date(2026, 12, 9), date(2026, 12, 17)}
