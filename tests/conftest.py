"""Fixtures shared by the whole suite.

TEST_DATABASE=sqlite (default) or postgresql chooses the database; `make test`
runs the suite once with each. PostgreSQL gets a throw-away database per run
(created from TEST_PG_URL, default postgresql://postgres@127.0.0.1:5432/test)
and the run fails loudly when no server answers. The schema is built by the
Alembic migrations, once per run; each test starts from empty business tables.
"""
from __future__ import annotations

import os
import uuid
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from engine.clock import FixedClock

ROOT = Path(__file__).resolve().parent.parent
CHINA = ZoneInfo("Asia/Shanghai")
# Thursday 3 December 2026, 09:00 in Hengqin
NOW = datetime(2026, 12, 3, 9, 0, tzinfo=CHINA)
KEPT_TABLES = {"alembic_version", "role", "permission", "role_permission", "user_account", "user_role",
               "workday_calendar_day", "workday_calendar_year", "workday_calendar_revision", "clock_rule"}
PG_ADMIN_URL = os.environ.get("TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")


def _database_kind() -> str:
    kind = os.environ.get("TEST_DATABASE", "sqlite")
    if kind not in ("sqlite", "postgresql"):
        raise pytest.UsageError("TEST_DATABASE must be sqlite or postgresql")
    return kind


def _create_pg_database() -> tuple[str, str]:
    import psycopg

    name = f"test_run_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        pytest.exit(f"PostgreSQL 不可用 / not reachable at {PG_ADMIN_URL}: {exc}", returncode=3)
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    return name, f"postgresql+psycopg://{base.split('://', 1)[1]}/{name}"


def _drop_pg_database(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    if _database_kind() == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
        return
    name, url = _create_pg_database()
    yield url
    _drop_pg_database(name)


@pytest.fixture(scope="session")
def instance_path(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("instance")


def make_config(database_url: str, instance_path: Path, **overrides) -> dict:
    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": "test-secret",
        "INSTANCE_PATH": str(instance_path),
        "STORAGE_PATH": str(instance_path / "storage"),
        "WTF_CSRF_ENABLED": False,
        "SCHEDULER_LEASE_SECONDS": 30,
    }
    config.update(overrides)
    return config


@pytest.fixture(scope="session")
def migrated(database_url, instance_path):
    """Run the real migrations once per test run."""
    from flask_migrate import upgrade

    from app import create_app

    app = create_app(make_config(database_url, instance_path))
    with app.app_context():
        upgrade()
        from app.extensions import db
        from tests.factories import create_demo_users

        create_demo_users(db.session)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return True


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def app(migrated, database_url, instance_path, clock):
    from app import create_app

    app = create_app(make_config(database_url, instance_path), clock=clock)

    def _fresh_request_globals():
        # The fixture keeps one app context open, so `g` would be shared by every request of a
        # test; drop what Flask-Login and the API cached so each request authenticates anew.
        from flask import g

        g.pop("_login_user", None)
        g.pop("api_user", None)

    app.before_request_funcs.setdefault(None, []).insert(0, _fresh_request_globals)

    with app.app_context():
        yield app
        from app.extensions import db

        db.session.remove()
        _clean(db)
        db.engine.dispose()


def _clean(db) -> None:
    tables = [t.name for t in db.metadata.sorted_tables if t.name not in KEPT_TABLES]
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(tables):
                conn.execute(text(f"DELETE FROM {table}"))
        conn.execute(text("UPDATE user_account SET failed_logins = 0, locked_until = NULL"))
        conn.execute(text("DELETE FROM user_role WHERE user_id IN (SELECT id FROM user_account WHERE username LIKE 'tmp_%')"))
        conn.execute(text("DELETE FROM user_account WHERE username LIKE 'tmp_%'"))


@pytest.fixture
def db_session(app):
    from app.extensions import db

    return db.session


@pytest.fixture
def env(app):
    return app.extensions["workflow"]


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def api(app):
    """An API client that logs in as a demo user: `api.as_user('chief').get(...)`."""
    from tests.factories import ApiClient

    return ApiClient(app)


def pytest_terminal_summary(terminalreporter):
    skipped = terminalreporter.stats.get("skipped", [])
    browser = [r for r in skipped if "Chromium" in str(r.longrepr)]
    if browser:
        terminalreporter.write_sep("!", f"浏览器测试被跳过 / {len(browser)} BROWSER TESTS SKIPPED: Chromium not installed",
                                   red=True, bold=True)
