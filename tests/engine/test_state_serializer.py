import copy
import json

from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.spiff.serializer import DEFAULT_CONFIG as SPIFF_CONFIG

from engine.serializer import StateSerializer


def test_serializer_version_is_spiffworkflows():
    assert StateSerializer.VERSION == "1.5"


def test_state_has_no_specs_and_is_much_smaller_than_the_full_serialization(start_case):
    case = start_case("investigation", {"case_no": "2026-010"})
    case.complete("assign", {"inspectors": ["wang", "li"]})

    state = case.serializer.dumps(case.wf)
    assert "spec" not in state and "subprocess_specs" not in state
    assert state["subprocesses"]
    full = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(SPIFF_CONFIG)).serialize_json(case.wf)
    assert len(json.dumps(state)) * 2 < len(full)


def test_loads_does_not_modify_the_state(start_case):
    case = start_case("investigation")
    case.complete("assign")
    state = json.loads(json.dumps(case.serializer.dumps(case.wf)))
    before = copy.deepcopy(state)

    case.serializer.loads(state, case.pv, serializer_version=StateSerializer.VERSION)
    assert state == before


def test_loads_migrates_older_serializer_versions(start_case):
    case = start_case("ticket_intake", {"case_no": "2026-011"})
    state = json.loads(json.dumps(case.serializer.dumps(case.wf)))

    case.wf = case.serializer.loads(state, case.pv, serializer_version="1.4")
    assert case.ready_summary() == [("Register complaint", "clerk", "complaint_form")]
    case.complete("register")
    case.complete("review")
    assert case.runtime.is_completed(case.wf)


def test_loads_attaches_the_script_engine(start_case, runtime):
    case = start_case("case_triage", {"arrears": []})
    assert case.wf.script_engine is runtime.script_engine
