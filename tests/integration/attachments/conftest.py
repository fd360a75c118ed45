from __future__ import annotations

import pytest

from tests.integration.roster.helpers import open_case


@pytest.fixture
def case(app, db_session, env):
    """A case handled by officer1; officer2 is in the same team but not on the case."""
    return open_case(app, db_session, env)


@pytest.fixture(autouse=True)
def storage(app, tmp_path):
    """Each test stores its files in its own folder."""
    app.config["STORAGE_PATH"] = str(tmp_path / "storage")
    return tmp_path / "storage"
