import json
from datetime import UTC, date, datetime, timedelta
from xml.sax.saxutils import escape

import pytest

from engine.errors import ScriptError
from engine.specs import SpecLibrary

SCRIPT_PROCESS = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  id="script_defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="scripted" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:scriptTask id="run_script" name="Run script">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:script>{script}</bpmn:script>
    </bpmn:scriptTask>
    <bpmn:userTask id="check" name="Check"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="run_script"/>
    <bpmn:sequenceFlow id="f2" sourceRef="run_script" targetRef="check"/>
    <bpmn:sequenceFlow id="f3" sourceRef="check" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>
"""


@pytest.fixture
def run_script(tmp_path, start_case):
    def run(script: str, data: dict | None = None):
        (tmp_path / "scripted.bpmn").write_text(
            SCRIPT_PROCESS.format(script=escape(script)), encoding="utf-8"
        )
        pv = SpecLibrary.from_directory(tmp_path).current("scripted")
        return start_case("scripted", data, pv=pv)

    return run


@pytest.mark.parametrize(
    "script",
    [
        "content = open('/etc/passwd').read()",
        "os = __import__('os')",
        "import os",
        "from os import path",
        "classes = ().__class__.__base__.__subclasses__()",
        "result = [c for c in (1).__class__.__mro__]",
        "result = eval('1')",
        "result = getattr(1, 'real')",
    ],
)
def test_forbidden_operations_raise_script_error(run_script, script):
    with pytest.raises(ScriptError):
        run_script(script)


def test_script_error_message_is_readable(run_script):
    with pytest.raises(ScriptError, match=r"Run script.*open"):
        run_script("content = open('/etc/passwd').read()")


def test_failing_gateway_condition_raises_script_error(start_case):
    with pytest.raises(ScriptError, match="arrears"):
        start_case("case_triage", {})


def test_whitelisted_builtins_helpers_and_clock_are_available(run_script, clock):
    case = run_script(
        "names = sorted(set(employees))\n"
        "total = round(sum(abs(x) for x in [1.25, -2.5]), 1)\n"
        "pairs = list(zip(range(2), enumerate('ab')))\n"
        "deadline = due_in_days(now().isoformat(), 2)\n"
        "ok = all([isinstance(total, float), any([True]), min(1, 2) == 1, max(1, 2) == 2])",
        {"employees": ["li", "wang", "li"]},
    )
    data = case.task("check").data
    assert data["names"] == ["li", "wang"]
    assert data["total"] == 3.8
    assert data["ok"] is True
    assert data["deadline"] == (clock.now() + timedelta(days=2)).isoformat()


def test_dates_survive_the_json_state(run_script):
    case = run_script(
        "ordered = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)\n"
        "hearing = date(2026, 3, 9)\n"
        "period = timedelta(days=15)\n"
        "deadline = ordered + period"
    )
    json.dumps(case.serializer.dumps(case.wf))
    data = case.task("check").data
    assert data["ordered"] == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert data["hearing"] == date(2026, 3, 9)
    assert data["period"] == timedelta(days=15)
    assert data["deadline"] == datetime(2026, 3, 17, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("script", ["tz = timezone.utc", "items = {1, 2}", "mapping = {1: 'a'}"])
def test_scripts_cannot_leave_unstorable_data(run_script, script):
    with pytest.raises(ScriptError, match="cannot be stored|non-string key"):
        run_script(script)


def test_helper_names_must_not_be_private():
    from engine.scripting import make_script_engine

    with pytest.raises(ValueError):
        make_script_engine({"__import__": __import__})
