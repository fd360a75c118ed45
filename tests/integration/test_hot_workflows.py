"""The workflow kept in memory between saves (app/workflow/hot_cache.py) never stands in for a
state it does not equal: another worker's save, a rolled-back step, a reassignment."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app import create_app
from app.errors import ValidationFailed
from app.tasks import flows
from app.tasks import reassign as reassign_service
from app.workflow import service as workflow
from app.workflow.models import HumanTask, ProcessInstance
from tests.conftest import make_config
from tests.factories import make_ticket, open_task, user

ASSIGN = {"handler": "officer1", "assigned_on": "2026-12-03"}
ACCEPT = {"verification_notes": "核实欠薪属实，双方存在劳动关系。", "conclusion": "accept"}


def _complete(app, session, task_id, username, data):
    flows.complete(session, env=app.extensions["workflow"], registry=app.extensions["forms"], task_id=task_id,
                   user=user(session, username), data=data)
    session.commit()


def _data(session, env, instance_id):
    return env.runtime.latest_data(workflow.load(env, session.get(ProcessInstance, instance_id)))


def test_sequential_steps_reuse_the_saved_workflow(app, db_session, env):
    ticket = make_ticket(db_session, env)
    instance_id = open_task(db_session, ticket.id).instance_id
    hits = env.hot.hits
    _complete(app, db_session, open_task(db_session, ticket.id).id, "chief", ASSIGN)
    assert env.hot.hits == hits + 1  # the workflow the registration saved
    verify = open_task(db_session, ticket.id)
    assert (verify.title, verify.assignee_id) == ("核查", user(db_session, "officer1").id)
    _complete(app, db_session, verify.id, "officer1", ACCEPT)
    assert env.hot.hits == hits + 2
    db_session.refresh(ticket)
    assert ticket.status == "accepted"
    assert db_session.get(ProcessInstance, instance_id).status == "completed"


def test_another_workers_save_is_not_overwritten(app, db_session, env, database_url, instance_path, clock):
    """Worker A saved the instance and keeps its workflow; worker B then reassigns the ticket; A's next
    step must run on B's state (handler officer2), not on the workflow A kept."""
    ticket = make_ticket(db_session, env)
    instance_id = open_task(db_session, ticket.id).instance_id
    _complete(app, db_session, open_task(db_session, ticket.id).id, "chief", ASSIGN)

    other = create_app(make_config(database_url, instance_path), clock=clock)
    from app.extensions import db

    with other.app_context():
        session = db.session
        reassign_service.reassign_case(session, env=other.extensions["workflow"], business_type="ticket",
                                       business_id=ticket.id, actor=user(session, "chief"), handler="officer2",
                                       co_handler=None, reason="原承办人出差")
        session.commit()
        session.remove()
        db.engine.dispose()

    db_session.expire_all()
    verify = open_task(db_session, ticket.id)
    assert verify.assignee_id == user(db_session, "officer2").id
    misses = env.hot.misses
    _complete(app, db_session, verify.id, "officer2", ACCEPT)
    assert env.hot.misses == misses + 1  # the kept workflow was older than the stored state
    assert _data(db_session, env, instance_id)["handler"] == "officer2"
    assert db_session.get(ProcessInstance, instance_id).status == "completed"


def test_a_rolled_back_step_leaves_nothing_kept(app, db_session, env, monkeypatch):
    ticket = make_ticket(db_session, env)
    instance_id = open_task(db_session, ticket.id).instance_id
    task_id = open_task(db_session, ticket.id).id

    from app.workflow import hooks

    def failing_listener(*_args, **_kwargs):
        raise ValidationFailed("模拟失败")

    monkeypatch.setattr(hooks, "task_completed", failing_listener)
    with pytest.raises(ValidationFailed):
        flows.complete(db_session, env=env, registry=app.extensions["forms"], task_id=task_id,
                       user=user(db_session, "chief"), data=ASSIGN)
    db_session.rollback()
    monkeypatch.undo()
    assert len(env.hot) == 0  # the half-done step's workflow is not kept

    # the step is still open and runs from the stored state
    assert open_task(db_session, ticket.id).id == task_id
    misses = env.hot.misses
    _complete(app, db_session, task_id, "chief", {"handler": "officer2", "assigned_on": "2026-12-03"})
    assert env.hot.misses == misses + 1
    assert _data(db_session, env, instance_id)["handler"] == "officer2"
    rows = db_session.scalars(select(HumanTask).where(HumanTask.instance_id == instance_id)
                              .order_by(HumanTask.id)).all()
    assert [(r.title, r.status) for r in rows] == [("指派办理人", "completed"), ("核查", "open")]


def test_the_cache_can_be_turned_off(migrated, database_url, instance_path, clock):
    off = create_app(make_config(database_url, instance_path, WORKFLOW_CACHE_SIZE=0), clock=clock)
    assert off.extensions["workflow"].hot is None
    with off.app_context():
        from app.extensions import db

        session = db.session
        env = off.extensions["workflow"]
        ticket = make_ticket(session, env)
        _complete(off, session, open_task(session, ticket.id).id, "chief", ASSIGN)
        assert open_task(session, ticket.id).title == "核查"
        session.remove()
        from tests.conftest import _clean

        _clean(db)
        db.engine.dispose()


def test_metrics_show_how_often_the_cache_served(app, db_session, env, client):
    ticket = make_ticket(db_session, env)
    _complete(app, db_session, open_task(db_session, ticket.id).id, "chief", ASSIGN)
    text = client.get("/metrics").get_data(as_text=True)
    assert "workflow_cache_hits_total 1.0" in text
    assert "workflow_cache_entries 1.0" in text


def test_a_refused_form_keeps_the_workflow_for_the_next_attempt(app, db_session, env):
    ticket = make_ticket(db_session, env)
    task_id = open_task(db_session, ticket.id).id
    with pytest.raises(ValidationFailed):
        flows.complete(db_session, env=env, registry=app.extensions["forms"], task_id=task_id,
                       user=user(db_session, "chief"), data={"assigned_on": "2026-12-03"})  # no handler
    db_session.rollback()
    hits = env.hot.hits
    _complete(app, db_session, task_id, "chief", ASSIGN)
    assert env.hot.hits == hits + 1
    assert open_task(db_session, ticket.id).title == "核查"
