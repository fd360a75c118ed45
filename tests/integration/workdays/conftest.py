"""The calendar tables are kept between tests (seeded by migration 0003): undo every year >= 2027."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.factories import PASSWORD

FIRST_TEST_YEAR = 2027

@pytest.fixture
def notice_2027() -> str:
    """A made-up 2027 notice (2027-01-01 is a Friday, 02-05 a Friday, 02-20 a Saturday)."""
    return "2027-01-01~2027-01-03 休 元旦\n2027-02-05~02-11 休 春节\n2027-02-20 班 春节调休\n"


@pytest.fixture(autouse=True)
def restore_calendar(app):
    yield
    from app.extensions import db

    db.session.remove()
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM workday_calendar_day WHERE year >= :y"), {"y": FIRST_TEST_YEAR})
        conn.execute(text("DELETE FROM workday_calendar_year WHERE year >= :y"), {"y": FIRST_TEST_YEAR})
        conn.execute(text("UPDATE workday_calendar_revision SET revision = revision + 1"))


@pytest.fixture
def login(client):
    def as_user(username: str):
        r = client.post("/login", data={"username": username, "password": PASSWORD})
        assert r.status_code == 302, r.get_data(as_text=True)
        return client

    return as_user
