"""Lease arithmetic with conditional UPDATEs: at most one holder at a time."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import insert, or_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.scheduling.models import SchedulerLease

LEASE_NAME = "scheduler"


def try_acquire(session: Session, *, holder: str, now: datetime, ttl_seconds: int) -> bool:
    """Take or renew the lease; true if `holder` holds it afterwards. Commits."""
    expires = now + timedelta(seconds=ttl_seconds)
    result = session.execute(
        update(SchedulerLease)
        .where(
            SchedulerLease.name == LEASE_NAME,
            or_(SchedulerLease.holder == holder, SchedulerLease.expires_at < now),
        )
        .values(holder=holder, heartbeat_at=now, expires_at=expires)
    )
    if result.rowcount == 1:
        session.commit()
        return True
    try:
        session.execute(
            insert(SchedulerLease).values(name=LEASE_NAME, holder=holder, heartbeat_at=now, expires_at=expires)
        )
        session.commit()
        return True
    except IntegrityError:
        session.rollback()
        return False


def release(session: Session, *, holder: str, now: datetime) -> None:
    session.execute(
        update(SchedulerLease)
        .where(SchedulerLease.name == LEASE_NAME, SchedulerLease.holder == holder)
        .values(expires_at=now)
    )
    session.commit()


def current(session: Session) -> SchedulerLease | None:
    return session.get(SchedulerLease, LEASE_NAME)
