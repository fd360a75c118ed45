"""runtime.send_signal: a named BPMN signal delivered from outside."""
from __future__ import annotations

import json

import pytest

from engine.errors import TaskNotReady
from engine.runtime import WorkflowRuntime
from engine.serializer import StateSerializer
from engine.specs import ProcessVersion, SpecLibrary

BPMN = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" id="d" targetNamespace="t">
  <bpmn:signal id="sig_hold" name="apply_hold">
    <bpmn:extensionElements><spiffworkflow:variableName>hold_request</spiffworkflow:variableName></bpmn:extensionElements>
  </bpmn:signal>
  <bpmn:signal id="sig_note" name="add_note" />
  <bpmn:process id="signalled" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="work" name="调查"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:boundaryEvent id="hold" attachedToRef="work" cancelActivity="false">
      <bpmn:outgoing>f3</bpmn:outgoing><bpmn:signalEventDefinition signalRef="sig_hold"/>
    </bpmn:boundaryEvent>
    <bpmn:boundaryEvent id="note" attachedToRef="work" cancelActivity="false">
      <bpmn:outgoing>f5</bpmn:outgoing><bpmn:signalEventDefinition signalRef="sig_note"/>
    </bpmn:boundaryEvent>
    <bpmn:userTask id="approve_hold" name="审批中止"><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing></bpmn:userTask>
    <bpmn:userTask id="read_note" name="阅知"><bpmn:incoming>f5</bpmn:incoming><bpmn:outgoing>f6</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="done"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="hold_done"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="note_done"><bpmn:incoming>f6</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="done"/>
    <bpmn:sequenceFlow id="f3" sourceRef="hold" targetRef="approve_hold"/>
    <bpmn:sequenceFlow id="f4" sourceRef="approve_hold" targetRef="hold_done"/>
    <bpmn:sequenceFlow id="f5" sourceRef="note" targetRef="read_note"/>
    <bpmn:sequenceFlow id="f6" sourceRef="read_note" targetRef="note_done"/>
  </bpmn:process>
</bpmn:definitions>"""


@pytest.fixture
def pv(tmp_path) -> ProcessVersion:
    (tmp_path / "signalled.bpmn").write_text(BPMN, encoding="utf-8")
    return SpecLibrary.from_directory(tmp_path).current("signalled")


def _reload(wf, pv, serializer):
    return serializer.loads(json.loads(json.dumps(serializer.dumps(wf))), pv, serializer_version=serializer.VERSION)


def _titles(runtime, wf):
    return sorted(task.title for task in runtime.ready_user_tasks(wf))


def test_signal_opens_the_waiting_branch_with_its_payload(pv):
    runtime, serializer = WorkflowRuntime(), StateSerializer()
    wf = _reload(runtime.start(pv, {"case_no": "7"}), pv, serializer)
    runtime.send_signal(wf, "apply_hold", {"ground": "force_majeure"})
    wf = _reload(wf, pv, serializer)
    assert _titles(runtime, wf) == ["审批中止", "调查"]
    (approve,) = [t for t in runtime.ready_user_tasks(wf) if t.bpmn_id == "approve_hold"]
    assert approve.data["hold_request"] == {"ground": "force_majeure"}
    assert approve.data["case_no"] == "7"


def test_signal_without_a_variable_name_drops_the_payload(pv):
    runtime = WorkflowRuntime()
    wf = runtime.start(pv)
    runtime.send_signal(wf, "add_note", {"text": "x"})
    (note,) = [t for t in runtime.ready_user_tasks(wf) if t.bpmn_id == "read_note"]
    assert "text" not in note.data


def test_unknown_or_spent_signals_raise_task_not_ready_and_change_nothing(pv):
    runtime, serializer = WorkflowRuntime(), StateSerializer()
    wf = runtime.start(pv)
    before = serializer.dumps(wf)
    with pytest.raises(TaskNotReady, match="no_such_signal"):
        runtime.send_signal(wf, "no_such_signal")
    assert serializer.dumps(wf) == before

    runtime.send_signal(wf, "apply_hold")
    with pytest.raises(TaskNotReady, match="apply_hold"):  # a fired boundary event does not re-arm
        runtime.send_signal(wf, "apply_hold")

    (work,) = [t for t in runtime.ready_user_tasks(wf) if t.bpmn_id == "work"]
    runtime.complete(wf, work.task_id, {})
    with pytest.raises(TaskNotReady):  # the boundary events went with their activity
        runtime.send_signal(wf, "add_note")
    (approve,) = runtime.ready_user_tasks(wf)
    runtime.complete(wf, approve.task_id, {})
    assert runtime.is_completed(wf)
