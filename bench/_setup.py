"""Shared helpers for the benchmarks: a throw-away database, the app on it, timing figures.

PostgreSQL gets a database of its own, created from BENCH_PG_URL (else TEST_PG_URL,
else postgresql://postgres@127.0.0.1:5432/test) and dropped at the end, like
tests/conftest.py does; SQLite gets a file in a temporary folder.
"""
from __future__ import annotations

import logging
import math
import os
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import Flask

from engine.clock import FixedClock

CHINA = ZoneInfo("Asia/Shanghai")
# the same fixed "now" as the test suite: Thursday 3 December 2026, 09:00 in Hengqin
NOW = datetime(2026, 12, 3, 9, 0, tzinfo=CHINA)
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL") or os.environ.get(
    "TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test"
)


@contextmanager
def throwaway_database(kind: str) -> Iterator[str]:
    """Yield an SQLAlchemy URL of an empty database that is removed afterwards."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="bench-") as folder:
            yield f"sqlite:///{Path(folder) / 'bench.db'}"
        return
    import psycopg

    name = f"bench_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        raise SystemExit(f"PostgreSQL 不可用 / not reachable at {PG_ADMIN_URL}: {exc}") from exc
    base = PG_ADMIN_URL.rsplit("/", 1)[0].split("://", 1)[1]
    try:
        yield f"postgresql+psycopg://{base}/{name}"
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def make_app(database_url: str, instance_path: Path, clock: FixedClock | None = None, **overrides) -> Flask:
    """The real app on `database_url`, migrated with the real Alembic migrations; `overrides` are config keys."""
    from flask_migrate import upgrade

    from app import create_app

    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": "bench-secret",
        "INSTANCE_PATH": str(instance_path),
        "STORAGE_PATH": str(instance_path / "storage"),
        "WTF_CSRF_ENABLED": False,
        "SCHEDULER_ENABLED": False,
        **overrides,
    }
    app = create_app(config, clock=clock or FixedClock(NOW))
    for noisy in ("alembic", "flask_migrate"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    with app.app_context():
        upgrade()
    return app


def make_demo_app(database_url: str, instance_path: Path, clock: FixedClock | None = None, **overrides):
    """`make_app` plus the demo users (tests/factories.create_demo_users); returns (app, engine)."""
    app = make_app(database_url, instance_path, clock, **overrides)
    from app.extensions import db
    from tests.factories import create_demo_users

    with app.app_context():
        create_demo_users(db.session)
        db.session.commit()
        engine = db.engine
    return app, engine


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def timed_ms(fn: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()
    return (time.perf_counter() - started) * 1000, result


def add_users(session, mix: dict[str, int], *, prefix: str = "bench",
              password: str = "bench-pass-2026") -> dict[str, list[int]]:
    """Bulk-insert `count` users per role code (`{prefix}_{role}_{n:03d}`), commit; their ids by role."""
    from sqlalchemy import insert, select

    from app.auth.models import Role, User, user_role
    from app.auth.passwords import hash_password

    hashed = hash_password(password)
    roles = {r.code: r.id for r in session.scalars(select(Role))}
    role_of = {f"{prefix}_{code}_{n:03d}": code for code, count in mix.items() for n in range(1, count + 1)}
    session.execute(insert(User.__table__), [
        {"username": name, "display_name": name, "password_hash": hashed, "team": "劳动保障监察一科",
         "is_active": True, "failed_logins": 0, "created_at": NOW} for name in role_of
    ])
    ids = dict(session.execute(select(User.username, User.id).where(User.username.in_(list(role_of)))).all())
    session.execute(insert(user_role), [{"user_id": ids[u], "role_id": roles[c]} for u, c in role_of.items()])
    session.commit()
    by_role: dict[str, list[int]] = {code: [] for code in mix}
    for name, code in role_of.items():
        by_role[code].append(ids[name])
    return by_role


def analyze(engine) -> None:
    """Refresh the planner statistics (PostgreSQL and SQLite), as after a bulk load."""
    from sqlalchemy import text

    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE"))


class StatementCounter:
    """Counts the SQL statements sent on `engine` while `active` is set."""

    def __init__(self, engine) -> None:
        from sqlalchemy import event

        self.count = 0
        self.active = False
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *args) -> None:
        if self.active:
            self.count += 1
