"""Two people completing the same task at once: one wins, the other gets 409, nothing half-written."""
from __future__ import annotations

import os
import threading

import pytest
from sqlalchemy import func, select

from app.errors import Conflict
from app.tasks import flows
from app.workflow.models import HumanTask, ProcessInstance
from tests.factories import make_ticket, open_task, user

pytestmark = pytest.mark.skipif(
    os.environ.get("TEST_DATABASE", "sqlite") != "postgresql",
    reason="row locks and parallel writers: PostgreSQL (the production database) only",
)


def test_simultaneous_completions_one_wins_one_conflicts(app, db_session, env, monkeypatch):
    ticket = make_ticket(db_session, env)
    task = open_task(db_session, ticket.id)
    task_id, instance_id = task.id, task.instance_id
    version_before = db_session.get(ProcessInstance, instance_id).version

    both_loaded = threading.Barrier(2, timeout=10)
    original = env.runtime.complete

    def complete_after_both_loaded(wf, task_guid, data):
        both_loaded.wait()  # both threads hold the same old state now
        return original(wf, task_guid, data)

    monkeypatch.setattr(env.runtime, "complete", complete_after_both_loaded)
    outcomes: dict[str, str] = {}

    def worker(name: str, handler: str) -> None:
        from app.extensions import db

        with app.app_context():
            session = db.session
            try:
                flows.complete(session, env=env, registry=app.extensions["forms"], task_id=task_id,
                               user=user(session, "chief"), data={"handler": handler, "assigned_on": "2026-12-03"})
                session.commit()
                outcomes[name] = "ok"
            except Conflict:
                session.rollback()
                outcomes[name] = "conflict"
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=(n, h)) for n, h in (("a", "officer1"), ("b", "officer2"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes.values()) == ["conflict", "ok"]

    from app.extensions import db

    session = db.session
    session.expire_all()  # this thread's identity map still holds the rows as they were before
    instance = session.get(ProcessInstance, instance_id)
    assert instance.version == version_before + 1
    rows = session.scalars(select(HumanTask).where(HumanTask.instance_id == instance_id).order_by(HumanTask.id)).all()
    assert [(r.title, r.status) for r in rows] == [("指派办理人", "completed"), ("核查", "open")]
    winner = "officer1" if outcomes["a"] == "ok" else "officer2"
    assert rows[0].submitted["handler"] == winner
    assert rows[1].assignee_id == user(session, winner).id
    assert session.scalar(select(func.count(HumanTask.id)).where(HumanTask.status == "open")) == 1
