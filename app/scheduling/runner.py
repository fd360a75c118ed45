"""`flask scheduler`: wait for the lease, then run the jobs with APScheduler while holding it.

A second scheduler against the same database waits; when the holder dies its
lease lapses (SCHEDULER_LEASE_SECONDS, 30 by default) and the waiting one takes over.
"""
from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import UTC, datetime

from apscheduler.schedulers.background import BackgroundScheduler
from flask import Flask

from app.extensions import db
from app.jobs import JOBS, Job
from app.scheduling import lease

log = logging.getLogger(__name__)


def holder_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _run_job(app: Flask, job: Job) -> None:
    with app.app_context():
        now = app.extensions["workflow"].clock.now()
        try:
            job.run(app, db.session, now)
        except Exception:
            db.session.rollback()
            log.exception("job %s failed", job.name)
        finally:
            db.session.remove()


def _start_jobs(app: Flask) -> BackgroundScheduler:
    """Every job runs at once (catching up on what fell due while no scheduler ran), then on its
    interval; the catch-up runs in the scheduler's threads, so the lease keeps being renewed."""
    scheduler = BackgroundScheduler(timezone=app.config["TIME_ZONE"])
    now = datetime.now(UTC)
    for job in JOBS:
        scheduler.add_job(
            _run_job, "interval", seconds=job.seconds, args=[app, job], id=job.name, name=job.name,
            max_instances=1, coalesce=True,
            next_run_time=now,
        )
    scheduler.start()
    return scheduler


def run(app: Flask, stop: threading.Event | None = None) -> None:
    stop = stop or threading.Event()
    holder, ttl = holder_name(), app.config["SCHEDULER_LEASE_SECONDS"]
    beat = max(1, ttl // 3)
    scheduler: BackgroundScheduler | None = None
    log.info("scheduler %s waiting for the lease", holder)
    while not stop.is_set():
        with app.app_context():
            now = app.extensions["workflow"].clock.now()
            try:
                held = lease.try_acquire(db.session, holder=holder, now=now, ttl_seconds=ttl)
            except Exception:
                db.session.rollback()
                log.exception("lease renewal failed")
                held = False
            finally:
                db.session.remove()
        if held and scheduler is None:
            log.info("scheduler %s holds the lease; starting jobs", holder)
            scheduler = _start_jobs(app)
        elif not held and scheduler is not None:
            log.warning("scheduler %s lost the lease; stopping jobs", holder)
            scheduler.shutdown(wait=True)
            scheduler = None
        stop.wait(beat)
    if scheduler is not None:
        scheduler.shutdown(wait=True)
        with app.app_context():
            lease.release(db.session, holder=holder, now=app.extensions["workflow"].clock.now())
            db.session.remove()
