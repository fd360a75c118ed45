"""The chief's deadline overview: overdue first, colours, on-time rate; chiefs only."""
from __future__ import annotations

from datetime import date

from app.deadlines import service as clocks
from tests.factories import PASSWORD


def _clock(session, env, business_id, start_on):
    return clocks.start(session, calendar=env.calendar(), rule_code="acceptance", business_type="ticket",
                        business_id=business_id, business_number=f"HQGD-2026-{business_id:06d}", start_on=start_on,
                        today=date(2026, 12, 3))


def test_overview_orders_by_urgency_and_reports_the_on_time_rate(app, db_session, env, client):
    _clock(db_session, env, 1, date(2026, 11, 20))  # due 11-27: overdue
    _clock(db_session, env, 2, date(2026, 12, 2))  # due 12-09: 4 working days left, red
    on_time = _clock(db_session, env, 3, date(2026, 11, 2))
    late = _clock(db_session, env, 4, date(2026, 11, 2))
    clocks.stop(on_time, stopped_on=date(2026, 11, 5))
    clocks.stop(late, stopped_on=date(2026, 11, 20))
    db_session.commit()
    client.post("/login", data={"username": "chief", "password": PASSWORD})
    page = client.get("/deadlines").get_data(as_text=True)
    assert page.index("HQGD-2026-000001") < page.index("HQGD-2026-000002")
    assert "逾期4" in page and 'class="row-red"' in page
    assert 'id="on-time-rate">50.0%' in page


def test_overview_is_for_chiefs_and_leaders(client):
    client.post("/login", data={"username": "officer1", "password": PASSWORD})
    assert client.get("/deadlines").status_code == 403
