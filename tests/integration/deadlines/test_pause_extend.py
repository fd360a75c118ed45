"""Pausing, resuming and extending a decision clock; the BPMN timer that reads it moves with it."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app import create_app
from app.audit.models import AuditEntry
from app.deadlines import flows as deadline_flows
from app.deadlines import service as clocks
from app.errors import Conflict, ValidationFailed
from app.workflow import service as workflow
from app.workflow.models import Timer
from tests.conftest import make_config

DECISION_WAIT = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="decision_wait" isExecutable="true">
    <bpmn:laneSet id="ls"><bpmn:lane id="l" name="执法人员"><bpmn:flowNodeRef>decide</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="decide" name="作出处理决定"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:boundaryEvent id="limit" attachedToRef="decide" cancelActivity="false">
      <bpmn:outgoing>f3</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDate>deadlines["decision"]</bpmn:timeDate></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:endEvent id="done"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="late"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="decide"/>
    <bpmn:sequenceFlow id="f2" sourceRef="decide" targetRef="done"/>
    <bpmn:sequenceFlow id="f3" sourceRef="limit" targetRef="late"/>
  </bpmn:process>
</bpmn:definitions>"""


def _start_decision_clock(session, env, start_on=date(2026, 12, 3)):
    return clocks.start(session, calendar=env.calendar(), rule_code="decision", business_type="case", business_id=7,
                        business_number="横琴劳监立〔2026〕第7号", start_on=start_on, today=date(2026, 12, 3))


def test_pause_and_resume_push_the_due_date_by_the_paused_working_days(app, db_session, env):
    clock = _start_decision_clock(db_session, env)
    assert clock.due_on == date(2027, 2, 4) and clock.unconfirmed_calendar  # 45 WD, 2027 not yet entered
    cal = env.calendar()
    clocks.pause(db_session, calendar=cal, clock_id=clock.id, start_on=date(2026, 12, 20), reason="中止",
                 user_id=None, today=date(2026, 12, 21))
    assert clock.state == "paused" and clock.next_reminder_on is None
    clocks.resume(db_session, calendar=cal, clock_id=clock.id, end_on=date(2026, 12, 31), user_id=None,
                  today=date(2026, 12, 31))
    assert clock.state == "running"
    assert clock.due_on == date(2027, 2, 16)  # + 8 working days (12-21 … 12-30)
    assert "中止 2026-12-20 至 2026-12-31（8个工作日）" in clock.trace
    actions = db_session.scalars(select(AuditEntry.action).where(AuditEntry.object_type == "legal_clock")).all()
    assert actions == ["clock.pause", "clock.resume"]


def test_extension_adds_thirty_working_days_once(app, db_session, env):
    clock = _start_decision_clock(db_session, env, start_on=date(2026, 9, 1))
    assert clock.due_on == date(2026, 11, 9)
    clocks.extend(db_session, calendar=env.calendar(), clock_id=clock.id, approved_on=date(2026, 10, 30),
                  reason="案情复杂，需委托审计", user_id=None, today=date(2026, 10, 30))
    assert clock.due_on == date(2026, 12, 21) and clock.extended
    with pytest.raises(ValidationFailed, match="延期不得超过30个工作日"):
        clocks.extend(db_session, calendar=env.calendar(), clock_id=clock.id, approved_on=date(2026, 11, 2),
                      reason="再次延期", user_id=None, today=date(2026, 11, 2))


def test_rules_that_cannot_pause_refuse_it(app, db_session, env):
    clock = clocks.start(db_session, calendar=env.calendar(), rule_code="acceptance", business_type="ticket",
                         business_id=1, business_number="HQGD-2026-000001", start_on=date(2026, 12, 3),
                         today=date(2026, 12, 3))
    with pytest.raises(ValidationFailed, match="不能中止计时"):
        clocks.pause(db_session, calendar=env.calendar(), clock_id=clock.id, start_on=date(2026, 12, 4),
                     reason="中止", user_id=None, today=date(2026, 12, 4))
    clocks.stop(clock, stopped_on=date(2026, 12, 4))
    with pytest.raises(Conflict):
        clocks.resume(db_session, calendar=env.calendar(), clock_id=clock.id, end_on=date(2026, 12, 5),
                      user_id=None, today=date(2026, 12, 5))


def test_a_suspension_moves_the_bpmn_timer(migrated, database_url, instance_path, clock, tmp_path):
    (tmp_path / "decision_wait.bpmn").write_text(DECISION_WAIT, encoding="utf-8")
    app = create_app(make_config(database_url, instance_path, BPMN_PATH=str(tmp_path)), clock=clock)
    with app.app_context():
        from app.extensions import db

        session, env = db.session, app.extensions["workflow"]
        decision = _start_decision_clock(session, env)
        instance = workflow.start(session, env=env, process_key="decision_wait",
                                  business=workflow.BusinessRef(type="case", id=7, number="横琴劳监立〔2026〕第7号"),
                                  data={"deadlines": deadline_flows.deadlines_data([decision], env.tz)})
        session.commit()
        before = session.scalar(select(Timer.run_at).where(Timer.instance_id == instance.id))
        assert before.isoformat() == "2027-02-04T15:59:59+00:00"
        clocks.pause(session, calendar=env.calendar(), clock_id=decision.id, start_on=date(2026, 12, 20),
                     reason="中止", user_id=None, today=date(2026, 12, 31))
        assert deadline_flows.move_timers(session, env=env, clock=decision, tz=env.tz) == 1
        session.commit()
        after = session.scalar(select(Timer.run_at).where(Timer.instance_id == instance.id))
        assert after.isoformat() == "2027-02-16T15:59:59+00:00"
        session.remove()
        from tests.conftest import _clean

        _clean(db)
