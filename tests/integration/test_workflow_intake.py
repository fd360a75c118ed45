"""The intake process through app/workflow: projections, versions, timers."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from app.tasks import flows
from app.tickets.models import Ticket
from app.workflow import service as workflow
from app.workflow.models import HumanTask, ProcessInstance, ProcessVersionRecord, Timer
from app.workflow.timers import wake_due_instances
from tests.factories import CHINA, make_ticket, open_task, user


def _complete(app, session, env, task_id, username, data):
    flows.complete(session, env=env, registry=app.extensions["forms"], task_id=task_id,
                   user=user(session, username), data=data)
    session.commit()


def _assert_projection_matches_engine(session, env, instance_id):
    instance = session.get(ProcessInstance, instance_id)
    wf = workflow.load(env, instance)
    ready = {(v.task_id, v.bpmn_id) for v in env.runtime.ready_user_tasks(wf)}
    rows = set(session.execute(
        select(HumanTask.task_guid, HumanTask.bpmn_id).where(
            HumanTask.instance_id == instance_id, HumanTask.status == "open")
    ).all())
    assert rows == ready
    timers = {(t.task_id, t.run_at) for t in env.runtime.waiting_timers(wf)}
    rows = set(session.execute(select(Timer.task_guid, Timer.run_at).where(Timer.instance_id == instance_id)).all())
    assert rows == timers


def test_registration_starts_intake_with_chief_task_and_deadline(app, db_session, env):
    ticket = make_ticket(db_session, env)
    assert ticket.number == "HQGD-2026-000001"
    task = open_task(db_session, ticket.id)
    assert (task.title, task.lane, task.role_code, task.assignee_id) == ("指派办理人", "科长", "chief", None)
    # received Thu 2026-12-03: 5 working days later is Thu 2026-12-10, end of day in Hengqin
    assert task.due_at.astimezone(CHINA).isoformat() == "2026-12-10T23:59:59+08:00"
    assert ticket.stage == "指派办理人"


def test_projection_equals_engine_after_every_step(app, db_session, env):
    ticket = make_ticket(db_session, env)
    instance_id = open_task(db_session, ticket.id).instance_id
    _assert_projection_matches_engine(db_session, env, instance_id)
    _complete(app, db_session, env, open_task(db_session, ticket.id).id, "chief",
              {"handler": "officer1", "assigned_on": "2026-12-03"})
    _assert_projection_matches_engine(db_session, env, instance_id)
    verify = open_task(db_session, ticket.id)
    assert verify.assignee_id == user(db_session, "officer1").id
    _complete(app, db_session, env, verify.id, "officer1",
              {"verification_notes": "核实欠薪属实，双方存在劳动关系。", "conclusion": "accept"})
    _assert_projection_matches_engine(db_session, env, instance_id)
    db_session.refresh(ticket)
    assert (ticket.status, ticket.stage) == ("accepted", "已转立案审批")
    assert db_session.get(ProcessInstance, instance_id).status == "completed"


def test_rejection_records_the_ground(app, db_session, env):
    ticket = make_ticket(db_session, env)
    _complete(app, db_session, env, open_task(db_session, ticket.id).id, "chief",
              {"handler": "officer2", "assigned_on": "2026-12-03"})
    _complete(app, db_session, env, open_task(db_session, ticket.id).id, "officer2",
              {"verification_notes": "已申请劳动仲裁并已受理。", "conclusion": "reject",
               "reject_ground": "in_arbitration_or_litigation"})
    db_session.refresh(ticket)
    assert ticket.status == "rejected"
    done = db_session.scalars(select(HumanTask).where(HumanTask.status == "completed").order_by(HumanTask.id)).all()
    assert done[-1].submitted["reject_ground"] == "in_arbitration_or_litigation"


def test_state_is_stored_without_specs_and_versions_once(app, db_session, env):
    first = make_ticket(db_session, env)
    make_ticket(db_session, env, project_name="另一个项目")
    instance = db_session.get(ProcessInstance, open_task(db_session, first.id).instance_id)
    assert "spec" not in instance.state and "subprocess_specs" not in instance.state
    assert instance.serializer_version == env.serializer.VERSION
    assert db_session.scalar(select(func.count(ProcessVersionRecord.id))) == 1
    assert "ticket_intake.bpmn" in instance.process_version.sources


def test_deemed_acceptance_when_no_decision_in_five_working_days(app, db_session, env, clock):
    ticket = make_ticket(db_session, env)
    _complete(app, db_session, env, open_task(db_session, ticket.id).id, "chief",
              {"handler": "officer1", "assigned_on": "2026-12-03"})
    clock.set(clock.now() + timedelta(days=7))  # Thu 12-10 09:00: still within the 5th working day
    assert wake_due_instances(db_session, env=env, now=clock.now()) == 0
    assert open_task(db_session, ticket.id).title == "核查"
    clock.set(clock.now() + timedelta(days=1))  # Fri 12-11: the deadline has passed
    assert wake_due_instances(db_session, env=env, now=clock.now()) == 1
    db_session.expire_all()
    assert db_session.get(Ticket, ticket.id).status == "deemed_accepted"
    assert db_session.scalar(select(func.count(Timer.id))) == 0
    cancelled = db_session.scalars(select(HumanTask).where(HumanTask.status == "cancelled")).all()
    assert [t.title for t in cancelled] == ["核查"]
    # a second sweep finds nothing to do
    assert wake_due_instances(db_session, env=env, now=clock.now()) == 0


def test_wake_job_loads_only_due_instances(app, db_session, env, clock, monkeypatch):
    current = make_ticket(db_session, env, received_at="2026-12-03T09:00:00+08:00")  # due Thu 12-10
    early = make_ticket(db_session, env, received_at="2026-12-01T09:00:00+08:00")  # due Tue 12-08
    early_instance = open_task(db_session, early.id).instance_id
    loaded = []
    original = workflow.load_for_update
    monkeypatch.setattr(workflow, "load_for_update",
                        lambda s, e, inst: loaded.append(inst.id) or original(s, e, inst))
    clock.set(clock.now() + timedelta(days=6))  # Wed 12-09
    assert wake_due_instances(db_session, env=env, now=clock.now()) == 1
    assert loaded == [early_instance]
    db_session.expire_all()
    assert db_session.get(Ticket, early.id).status == "deemed_accepted"
    assert db_session.get(Ticket, current.id).status == "open"


def test_ticket_registered_after_its_deadline_is_deemed_accepted_at_once(app, db_session, env):
    late = make_ticket(db_session, env, received_at="2026-11-20T09:00:00+08:00")
    assert late.status == "deemed_accepted"
    open_tasks = db_session.scalars(select(HumanTask).where(HumanTask.status == "open")).all()
    assert [(t.business_type, t.title) for t in open_tasks] == [("case", "立案审批")]  # filed for approval
