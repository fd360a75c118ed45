"""/healthz, /readyz and /metrics; the scheduler lease behind readiness."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from app.scheduling import lease


def test_healthz_answers_without_login(client):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.get_json() == {"status": "ok"}


def test_readyz_needs_a_fresh_scheduler_heartbeat(client, db_session, clock):
    r = client.get("/readyz")
    assert r.status_code == 503
    checks = r.get_json()["checks"]
    assert checks["database"]["ok"] and checks["migrations"]["ok"]
    assert checks["scheduler"] == {"ok": False, "detail": "调度器从未运行"}

    assert lease.try_acquire(db_session, holder="host:1", now=clock.now(), ttl_seconds=30)
    r = client.get("/readyz")
    assert r.status_code == 200 and r.get_json()["status"] == "ready"

    clock.advance(timedelta(minutes=2))
    r = client.get("/readyz")
    assert r.status_code == 503 and "心跳已过期" in r.get_json()["checks"]["scheduler"]["detail"]


def test_readyz_reports_outdated_migrations(client, db_session, clock):
    lease.try_acquire(db_session, holder="host:1", now=clock.now(), ttl_seconds=30)
    head = db_session.scalar(text("SELECT version_num FROM alembic_version"))
    db_session.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    db_session.commit()
    try:
        r = client.get("/readyz")
        assert r.status_code == 503
        assert "不一致" in r.get_json()["checks"]["migrations"]["detail"]
    finally:
        db_session.execute(text("UPDATE alembic_version SET version_num = :head"), {"head": head})
        db_session.commit()


def test_lease_has_one_holder_and_lapses(db_session, clock):
    now = clock.now()
    assert lease.try_acquire(db_session, holder="a", now=now, ttl_seconds=30)
    assert not lease.try_acquire(db_session, holder="b", now=now + timedelta(seconds=10), ttl_seconds=30)
    assert lease.try_acquire(db_session, holder="a", now=now + timedelta(seconds=20), ttl_seconds=30)  # renew
    assert not lease.try_acquire(db_session, holder="b", now=now + timedelta(seconds=45), ttl_seconds=30)
    assert lease.try_acquire(db_session, holder="b", now=now + timedelta(seconds=51), ttl_seconds=30)  # lapsed
    assert lease.current(db_session).holder == "b"
    assert not lease.try_acquire(db_session, holder="a", now=now + timedelta(seconds=52), ttl_seconds=30)


def test_metrics_are_prometheus_text(client):
    client.get("/healthz")
    r = client.get("/metrics")
    assert r.status_code == 200 and "http_requests_total" in r.get_data(as_text=True)
