"""Fixtures for the end-to-end case tests: an API client that knows user ids, and the case driver."""
from __future__ import annotations

import pytest

from tests.integration.cases.helpers import Api, CaseDriver


@pytest.fixture
def api(app):
    # The paths span weeks of the FixedClock; tokens that outlive them spare a login (argon2) per user
    # per clock move. Api still logs in again if a token has expired.
    app.config["API_TOKEN_HOURS"] = 24 * 400
    return Api(app)


@pytest.fixture
def flow(api, clock, env, db_session):
    return CaseDriver(api, clock=clock, env=env, session=db_session)
