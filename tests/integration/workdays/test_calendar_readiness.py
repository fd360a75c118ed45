"""/readyz: the calendar check fails without the current year and reports next year."""
from __future__ import annotations

from datetime import datetime

from app.scheduling import lease
from app.workdays import service
from tests.conftest import CHINA


def test_readyz_reports_the_calendar(client, db_session, clock, notice_2027):
    lease.try_acquire(db_session, holder="host:1", now=clock.now(), ttl_seconds=30)
    r = client.get("/readyz")
    assert r.get_json()["checks"]["calendar"] == {"ok": True, "detail": "2026年节假日安排已确认；2027年节假日安排未确认"}

    service.enter_manual(db_session, year=2027, text=notice_2027, user_id=None)
    db_session.commit()
    check = client.get("/readyz").get_json()["checks"]["calendar"]
    assert check == {"ok": True, "detail": "2026年节假日安排已确认；2027年节假日安排已确认"}


def test_readyz_fails_when_the_current_year_is_missing(client, db_session, clock):
    clock.set(datetime(2027, 1, 1, 0, 30, tzinfo=CHINA))  # still 2026 in UTC: the local year counts
    lease.try_acquire(db_session, holder="host:1", now=clock.now(), ttl_seconds=30)
    r = client.get("/readyz")
    assert r.status_code == 503
    check = r.get_json()["checks"]["calendar"]
    assert not check["ok"] and "2027年节假日安排未确认" in check["detail"]
    assert r.get_json()["checks"]["scheduler"]["ok"]


def test_an_unconfirmed_next_year_does_not_fail_readiness(db_session, clock):
    from app.ops.service import check_calendar

    assert check_calendar(db_session, year=2026).ok
    assert not check_calendar(db_session, year=2027).ok
