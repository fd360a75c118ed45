"""The statement-and-defence period (and every rule) is configurable; running clocks keep their rule."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.audit.models import AuditEntry
from app.deadlines import service as clocks
from tests.factories import PASSWORD


def _statement_clock(session, env, business_id):
    return clocks.start(session, calendar=env.calendar(), rule_code="statement_defence", business_type="case",
                        business_id=business_id, business_number=f"C-{business_id}", start_on=date(2026, 12, 3),
                        today=date(2026, 12, 3))


def test_admin_changes_a_period_for_new_clocks_only(app, db_session, env, client):
    running = _statement_clock(db_session, env, 1)
    db_session.commit()
    assert running.due_on == date(2026, 12, 8)  # 3 working days
    client.post("/login", data={"username": "admin", "password": PASSWORD})
    assert "陈述、申辩" in client.get("/admin/clock-rules/").get_data(as_text=True)
    r = client.post("/admin/clock-rules/statement_defence",
                    data={"amount": "5", "extension_amount": "0", "before": "2,1", "remind_on_due_day": "on"})
    assert r.status_code == 302
    try:
        fresh = _statement_clock(db_session, env, 2)
        assert fresh.due_on == date(2026, 12, 10)  # 5 working days
        clocks.recompute(running, calendar=env.calendar(), today=date(2026, 12, 4))
        assert running.due_on == date(2026, 12, 8)  # unchanged: started under the 3-day rule
        detail = db_session.scalar(select(AuditEntry.detail).where(AuditEntry.action == "clock_rule.update"))
        assert detail["before"]["amount"] == 3 and detail["after"]["amount"] == 5
    finally:
        rule = clocks.get_rule(db_session, "statement_defence")
        rule.amount, rule.reminder_offsets = 3, {**rule.reminder_offsets, "before": [5, 1], "due": True}
        db_session.commit()


def test_bad_settings_are_refused_and_officers_cannot_edit(app, db_session, client):
    client.post("/login", data={"username": "admin", "password": PASSWORD})
    r = client.post("/admin/clock-rules/decision", data={"amount": "0", "extension_amount": "30", "before": "a,b"})
    assert r.status_code == 400 and "期限应在1到366之间" in r.get_data(as_text=True)
    assert clocks.get_rule(db_session, "decision").amount == 45
    client.post("/logout")
    client.post("/login", data={"username": "officer1", "password": PASSWORD})
    assert client.post("/admin/clock-rules/decision", data={"amount": "60"}).status_code == 403
