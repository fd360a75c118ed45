"""Two real `flask scheduler` processes on one database: one holds the lease and sends
each due reminder once; when it is killed (-9) the other takes over and carries on.
Also: the lease holder keeps running its jobs on their interval, not only once.

The subprocesses run on the real clock (SystemClock), so the clocks are created
relative to the real today in Asia/Shanghai. PostgreSQL only: that is where the
lease and several processes matter.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from app.deadlines import service
from app.deadlines.models import InboxMessage, LegalClock, Reminder
from app.deadlines.reminders import recipients
from app.scheduling.models import SchedulerLease
from engine.clocks import latest_start
from tests.factories import user

postgresql_only = pytest.mark.skipif(
    os.environ.get("TEST_DATABASE", "sqlite") != "postgresql",
    reason="several scheduler processes on one database: PostgreSQL (the production database) only",
)

ROOT = Path(__file__).resolve().parents[3]
CHINA = ZoneInfo("Asia/Shanghai")
LEASE_SECONDS = 3
START_TIMEOUT = 15.0  # two interpreters import the app and build the workflow environment
TAKEOVER_TIMEOUT = 20.0  # lease (3 s) + beat (1 s) + catch-up + slack


def _spawn(database_url: str, instance: Path, name: str) -> tuple[subprocess.Popen, Path]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "SMTP_", "APP_ENV"))}
    env.update({
        "DATABASE_URL": database_url,
        "SECRET_KEY": "two-schedulers-secret",
        "INSTANCE_PATH": str(instance),
        "STORAGE_PATH": str(instance / "storage"),
        "SCHEDULER_LEASE_SECONDS": str(LEASE_SECONDS),
        "SCHEDULER_ENABLED": "true",
        "PYTHONUNBUFFERED": "1",
    })
    log = instance / f"{name}.log"
    with log.open("wb") as out:  # the child keeps its own copy of the descriptor
        process = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "scheduler"], cwd=ROOT, env=env,
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    return process, log


def _wait_for(predicate: Callable[[], object], timeout: float, what: str, logs: list[Path]) -> object:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            tails = "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}" for p in logs if p.exists())
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}\n{tails}")
        time.sleep(0.1)


def _shanghai_today() -> date:
    return datetime.now(CHINA).date()


@postgresql_only
def test_two_schedulers_one_lease_each_reminder_once_and_takeover(app, db_session, database_url, tmp_path):
    from app.extensions import db

    now = datetime.now(CHINA)
    if (now + timedelta(seconds=60)).date() != now.date():
        pytest.skip("less than a minute to midnight in Asia/Shanghai: 'today' would change under the test")
    today = now.date()
    calendar = app.extensions["calendar_provider"].calendar()
    # the last working day on or before today: a reminder point falls on it and is due by today
    point_day = today if calendar.is_workday(today, strict=False) else calendar.workdays_before(today, 1, strict=False)
    officer = user(db_session, "officer1").id

    def add_clock(rule_code: str, business_id: int, start_on: date) -> int:
        clock = service.start(db_session, calendar=calendar, rule_code=rule_code, business_type="ticket",
                              business_id=business_id, business_number=f"HQGD-TWO-{business_id}",
                              start_on=start_on, today=point_day, responsible_id=officer)
        assert clock.next_reminder_on is not None and clock.next_reminder_on <= today, clock.trace
        return clock.id

    def expected_rows(clock_id: int) -> int:
        clock = db_session.get(LegalClock, clock_id)
        kinds = [k for d, k in service.reminder_schedule(clock, calendar=calendar, until=today) if point_day <= d <= today]
        return len(recipients(db_session, clock, kinds[-1]))

    acceptance = service.rule_of(service.get_rule(db_session, "acceptance"))
    decision = service.rule_of(service.get_rule(db_session, "decision"))
    first = [
        add_clock("acceptance", 9001, latest_start(acceptance, point_day, calendar).day),  # due today
        add_clock("decision", 9002, latest_start(decision, point_day, calendar).day),  # due today
        add_clock("acceptance", 9003, point_day - timedelta(days=30)),  # long overdue: chief and leader too
        add_clock("decision", 9004, latest_start(decision, calendar.workdays_after(point_day, 5, strict=False),
                                                 calendar).day),  # five working days left
    ]
    expected = {cid: expected_rows(cid) for cid in first}
    assert expected[first[2]] > 1  # escalated to several levels
    db_session.commit()

    def counts(clock_ids: list[int]) -> tuple[dict[int, int], int]:
        with db.engine.connect() as conn:
            per_clock = dict(conn.execute(select(Reminder.clock_id, func.count()).where(Reminder.clock_id.in_(clock_ids))
                                          .group_by(Reminder.clock_id)).all())
            inbox = conn.execute(select(func.count()).select_from(InboxMessage)).scalar_one()
        return per_clock, inbox

    def lease_holder() -> SchedulerLease | None:
        with db.engine.connect() as conn:
            return conn.execute(select(SchedulerLease.holder, SchedulerLease.expires_at)).first()

    def holder_pid() -> int | None:
        row = lease_holder()
        if row is None or row.expires_at <= datetime.now(CHINA):
            return None
        return int(row.holder.rsplit(":", 1)[1])

    instance = tmp_path / "instance"
    instance.mkdir()
    processes: dict[int, subprocess.Popen] = {}
    logs: list[Path] = []
    try:
        for name in ("a", "b"):
            process, log = _spawn(database_url, instance, name)
            processes[process.pid] = process
            logs.append(log)

        # exactly one of the two holds the lease
        holder = _wait_for(lambda: holder_pid(), START_TIMEOUT, "a scheduler to take the lease", logs)
        assert holder in processes, f"lease held by {lease_holder()}, not by one of {list(processes)}"
        other = next(pid for pid in processes if pid != holder)
        for process in processes.values():
            assert process.poll() is None, f"scheduler {process.pid} exited with {process.returncode}"

        # the holder's catch-up sends every due reminder once
        _wait_for(lambda: counts(first)[0] == {cid: n for cid, n in expected.items() if n}, START_TIMEOUT,
                  f"the reminders {expected}", logs)
        time.sleep(1.5)  # another beat or so: the waiting one must not send anything
        per_clock, inbox = counts(first)
        assert per_clock == {cid: n for cid, n in expected.items() if n}
        assert inbox == sum(expected.values())  # a duplicate send would show here, not in the unique reminder rows
        assert holder_pid() == holder and processes[other].poll() is None
        db_session.expire_all()
        for cid in first:
            next_on = db_session.get(LegalClock, cid).next_reminder_on
            assert next_on is None or next_on > today

        # kill -9 the holder; its lease lapses and the other one takes over
        processes[holder].send_signal(signal.SIGKILL)
        processes[holder].wait(10)
        killed_at = time.monotonic()
        late = add_clock("acceptance", 9005, latest_start(acceptance, point_day, calendar).day)
        expected[late] = expected_rows(late)
        db_session.commit()
        _wait_for(lambda: holder_pid() == other, TAKEOVER_TIMEOUT, f"scheduler {other} to take over the lease", logs)
        took_over = time.monotonic() - killed_at
        assert took_over < TAKEOVER_TIMEOUT
        _wait_for(lambda: counts([late])[0] == {late: expected[late]}, TAKEOVER_TIMEOUT - took_over + 5,
                  f"the reminder of clock {late} after the takeover", logs)
        time.sleep(1.5)
        per_clock, inbox = counts([*first, late])
        assert per_clock == {cid: n for cid, n in expected.items() if n}
        assert inbox == sum(expected.values())
        assert processes[other].poll() is None
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.terminate()
        for process in processes.values():
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)
        db_session.rollback()
    assert all(p.poll() is not None for p in processes.values())


def test_the_lease_holder_runs_its_jobs_on_their_interval_after_the_catch_up(app, monkeypatch):
    """Regression: jobs added with next_run_time=None are paused in APScheduler 3 and ran only once."""
    from app.jobs import Job
    from app.scheduling import runner

    runs: list[datetime] = []
    monkeypatch.setattr(runner, "JOBS", [Job(name="tick", seconds=1, run=lambda _app, _session, now: runs.append(now))])
    started = time.monotonic()
    scheduler = runner._start_jobs(app)
    try:
        while not runs and time.monotonic() < started + 2:
            time.sleep(0.05)
        assert runs, "the catch-up run did not start at once"
        deadline = time.monotonic() + 4
        while len(runs) < 3 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(runs) >= 3, f"{len(runs)} run(s) in 4 s of a 1-second job; jobs: {scheduler.get_jobs()}"
    finally:
        scheduler.shutdown(wait=True)
