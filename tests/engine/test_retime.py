"""A moved legal clock moves the timers that read it (runtime.retime)."""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from engine.clock import FixedClock
from engine.runtime import WorkflowRuntime
from engine.serializer import StateSerializer
from engine.specs import ProcessVersion, SpecLibrary

BPMN = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="deadline_wait" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="decide" name="作出决定"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:boundaryEvent id="limit" attachedToRef="decide">
      <bpmn:outgoing>f3</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDate>deadlines["decision"]</bpmn:timeDate></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:endEvent id="done"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="expired"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="decide"/>
    <bpmn:sequenceFlow id="f2" sourceRef="decide" targetRef="done"/>
    <bpmn:sequenceFlow id="f3" sourceRef="limit" targetRef="expired"/>
  </bpmn:process>
</bpmn:definitions>"""


def _library(tmp_path) -> ProcessVersion:
    (tmp_path / "deadline_wait.bpmn").write_text(BPMN, encoding="utf-8")
    return SpecLibrary.from_directory(tmp_path).current("deadline_wait")


def test_retime_moves_the_timer_and_survives_a_reload(tmp_path):
    clock = FixedClock(datetime(2026, 12, 3, 1, 0, tzinfo=UTC))
    runtime, serializer, pv = WorkflowRuntime(clock=clock), StateSerializer(), _library(tmp_path)
    wf = runtime.start(pv, {"deadlines": {"decision": "2026-12-10T23:59:59+08:00"}})
    (timer,) = runtime.waiting_timers(wf)
    assert timer.run_at == datetime(2026, 12, 10, 15, 59, 59, tzinfo=UTC)

    runtime.retime(wf, {"decision": "2026-12-18T23:59:59+08:00"})
    wf = serializer.loads(json.loads(json.dumps(serializer.dumps(wf))), pv, serializer_version=serializer.VERSION)
    (timer,) = runtime.waiting_timers(wf)
    assert timer.run_at == datetime(2026, 12, 18, 15, 59, 59, tzinfo=UTC)

    clock.set(datetime(2026, 12, 12, tzinfo=UTC))  # past the old due date: nothing fires
    runtime.advance(wf)
    assert [t.title for t in runtime.ready_user_tasks(wf)] == ["作出决定"]
    clock.advance(timedelta(days=7))
    runtime.advance(wf)
    assert runtime.is_completed(wf) and runtime.ready_user_tasks(wf) == []
