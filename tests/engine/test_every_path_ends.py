"""Every path ends: structural checks of every process in bpmn/ on the parsed spec graph.

- every task, event and gateway is reachable from its start event and can reach an end event;
- every waiting element (user/receive task, intermediate catch event, event-based gateway) has a
  way out of its own: an outgoing sequence flow, not only a boundary event;
- every call activity calls a process some file of bpmn/ defines;
- an exclusive gateway without a default flow, whose conditions compare a form field with
  literals, covers every value the form's `enum` allows (a boolean field: True and False), and no
  condition names a value the form does not offer;
- no sequence flow dangles: both ends exist in the same process, and the two elements list it
  among their outgoing / incoming flows.

Each failure names the file, the process and the element (id and name), so the message says
what to fix in the diagram.
"""
from __future__ import annotations

import ast
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from SpiffWorkflow.bpmn.specs import BpmnProcessSpec
from SpiffWorkflow.bpmn.specs.defaults import (
    BoundaryEvent,
    CallActivity,
    EndEvent,
    EventBasedGateway,
    ExclusiveGateway,
    IntermediateCatchEvent,
    StartEvent,
    SubWorkflowTask,
)
from SpiffWorkflow.bpmn.specs.mixins.events.event_types import CatchingEvent
from SpiffWorkflow.spiff.parser import SpiffBpmnParser

from .case_helpers import BPMN_DIR

FORMS_DIR = BPMN_DIR.parent / "forms"
BPMN_NS = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
WAITING_TYPE_NAMES = ("UserTask", "ReceiveTask", "ManualTask")
FLOW_NODE_TAGS = {f"{BPMN_NS}{tag}" for tag in (
    "task", "userTask", "manualTask", "scriptTask", "serviceTask", "sendTask", "receiveTask", "businessRuleTask",
    "callActivity", "subProcess", "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent",
    "boundaryEvent", "exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway",
    "complexGateway")}


@cache
def parser() -> SpiffBpmnParser:
    parser = SpiffBpmnParser()
    for file in sorted(BPMN_DIR.glob("*.bpmn")):
        parser.add_bpmn_file(str(file))
    return parser


def specs_of(parser: SpiffBpmnParser) -> dict[str, BpmnProcessSpec]:
    """Every process and embedded subprocess spec of `parser`, by name."""
    specs: dict[str, BpmnProcessSpec] = {}
    for process_id in parser.get_process_ids():
        specs[process_id] = parser.get_spec(process_id)
        specs.update(parser.get_subprocess_specs(process_id, require_call_activity_specs=False))
    return specs


@cache
def all_specs() -> dict[str, BpmnProcessSpec]:
    return specs_of(parser())


@cache
def forms() -> dict[str, dict]:
    return {file.stem: json.loads(file.read_text(encoding="utf-8")) for file in sorted(FORMS_DIR.glob("*.json"))}


def element(spec: BpmnProcessSpec, task_spec) -> str:
    return f"{Path(spec.file).name}: {spec.name}/{task_spec.bpmn_id} ({task_spec.bpmn_name or type(task_spec).__name__})"


def is_element(task_spec) -> bool:
    """A BPMN element of the diagram (not one of SpiffWorkflow's own Start/End/boundary split and join specs)."""
    return task_spec.bpmn_id is not None and type(task_spec).__name__ not in ("BoundaryEventSplit", "BoundaryEventJoin")


def successors(task_spec) -> Iterator:
    """The elements a token can move to from `task_spec`: a boundary split stands for the activity and
    its boundary events; the join after a boundary event leads nowhere by itself."""
    for output in task_spec.outputs:
        name = type(output).__name__
        if name == "BoundaryEventSplit":
            yield from output.outputs
        elif name != "BoundaryEventJoin":
            yield output


def own_outputs(task_spec) -> list:
    """Outgoing sequence flows of the element itself (boundary events excluded)."""
    return [o for o in successors(task_spec) if not isinstance(o, BoundaryEvent) or o in task_spec.outputs]


def reaches_an_end(spec: BpmnProcessSpec) -> set[str]:
    """Names of the specs from which some path reaches an end event."""
    good = {name for name, ts in spec.task_specs.items() if isinstance(ts, EndEvent)}
    changed = True
    while changed:
        changed = False
        for name, ts in spec.task_specs.items():
            if name not in good and any(o.name in good for o in successors(ts)):
                good.add(name)
                changed = True
    return good


def xml_flow_nodes(root: ET.Element, container_id: str) -> dict[str, str]:
    """id -> name of the flow nodes the diagram draws directly in process or subprocess `container_id`."""
    (container,) = [c for c in root.iter() if c.get("id") == container_id]
    return {c.get("id"): c.get("name") or c.tag.removeprefix(BPMN_NS) for c in container if c.tag in FLOW_NODE_TAGS}


SPEC_NAMES = sorted(all_specs())


def _path_problems(spec: BpmnProcessSpec, root: ET.Element) -> list[str]:
    """The parser builds a spec by walking the sequence flows from the start event, so an element of the
    diagram that is not in the spec is one no path from the start reaches."""
    problems = [f"{spec.name}: no {kind}" for kind, cls in (("start event", StartEvent), ("end event", EndEvent))
                if not any(isinstance(ts, cls) for ts in spec.task_specs.values())]
    to_end = reaches_an_end(spec)
    reached = {ts.bpmn_id for ts in spec.task_specs.values()}
    for node_id, node_name in xml_flow_nodes(root, spec.name).items():
        if node_id not in reached:
            problems.append(f"{Path(spec.file).name}: {spec.name}/{node_id} ({node_name}): "
                            "not reachable from the start event")
    for ts in spec.task_specs.values():
        if not is_element(ts):
            continue
        if ts.name not in to_end:
            problems.append(f"{element(spec, ts)}: no path from here reaches an end event")
    return problems


@pytest.mark.parametrize("name", SPEC_NAMES)
def test_every_element_is_reached_from_the_start_and_reaches_an_end_event(name):
    spec = all_specs()[name]
    problems = _path_problems(spec, ET.parse(spec.file).getroot())
    assert not problems, "\n".join(problems)


def _waiting_problems(spec: BpmnProcessSpec) -> list[str]:
    to_end = reaches_an_end(spec)
    problems = []
    for ts in spec.task_specs.values():
        if not is_element(ts):
            continue
        waiting = (type(ts).__name__ in WAITING_TYPE_NAMES or isinstance(ts, IntermediateCatchEvent | EventBasedGateway)
                   or (isinstance(ts, CatchingEvent) and not isinstance(ts, StartEvent | BoundaryEvent)))
        if not waiting:
            continue
        exits = own_outputs(ts)
        if not exits:
            problems.append(f"{element(spec, ts)}: waits with no outgoing sequence flow of its own")
        elif not any(o.name in to_end for o in exits):
            problems.append(f"{element(spec, ts)}: none of its outgoing flows leads to an end event")
        if isinstance(ts, EventBasedGateway):
            for o in exits:
                if not isinstance(o, CatchingEvent):
                    problems.append(f"{element(spec, ts)}: an event-based gateway leads to {o.bpmn_id}, not an event")
        definition = getattr(ts, "event_definition", None)
        expression = getattr(definition, "expression", "x")
        if isinstance(ts, IntermediateCatchEvent) and not (expression or "").strip():
            problems.append(f"{element(spec, ts)}: a timer without an expression never fires")
    return problems


@pytest.mark.parametrize("name", SPEC_NAMES)
def test_every_waiting_element_has_a_way_out(name):
    problems = _waiting_problems(all_specs()[name])
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", SPEC_NAMES)
def test_every_call_activity_calls_an_existing_process(name):
    spec = all_specs()[name]
    known = set(parser().get_process_ids())
    problems = [f"{element(spec, ts)}: calls {ts.spec!r}, which no file of bpmn/ defines"
                for ts in spec.task_specs.values()
                if isinstance(ts, CallActivity) and not isinstance(ts, SubWorkflowTask) and ts.spec not in known]
    assert not problems, "\n".join(problems)


# --- exclusive gateways: default flow or conditions exhaustive over the form's values ------------------------

def _compared_values(node: ast.expr) -> tuple[str, set] | None:
    """(field, values) for `field == lit`, `lit == field`, `field in (lit, ...)`, `field is True|False`, a bare
    `field` (True), `not field` (False), and `or` of such tests on one field; None for anything else."""
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
        parts = [_compared_values(value) for value in node.values]
        if any(p is None for p in parts) or len({p[0] for p in parts}) != 1:
            return None
        return parts[0][0], set().union(*(p[1] for p in parts))
    if isinstance(node, ast.Name):
        return node.id, {True}
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not) and isinstance(node.operand, ast.Name):
        return node.operand.id, {False}
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        left, op, right = node.left, node.ops[0], node.comparators[0]
        if isinstance(right, ast.Name) and isinstance(left, ast.Constant):
            left, right = right, left
        if not isinstance(left, ast.Name):
            return None
        if isinstance(op, ast.Eq | ast.Is) and isinstance(right, ast.Constant):
            return left.id, {right.value}
        if isinstance(op, ast.In) and isinstance(right, ast.Tuple | ast.List | ast.Set) and all(
                isinstance(e, ast.Constant) for e in right.elts):
            return left.id, {e.value for e in right.elts}
    return None


def _preceding_form_keys(spec: BpmnProcessSpec, gateway) -> list[str]:
    """formKeys of the user tasks whose completion leads to `gateway` through non-user elements."""
    keys, seen, todo = [], set(), list(gateway.inputs)
    while todo:
        ts = todo.pop()
        if ts.name in seen:
            continue
        seen.add(ts.name)
        form_key = ((getattr(ts, "extensions", None) or {}).get("properties") or {}).get("formKey")
        if form_key:
            keys.append(form_key)
        else:
            todo.extend(ts.inputs)
    return keys


def _field_domain(form_keys: list[str], field: str) -> tuple[str, set] | None:
    """(form key, allowed values) of `field` in the first of the forms that declares it with an enum or as a
    boolean; None when the field is no enum/boolean of those forms (e.g. set by a script)."""
    for key in form_keys:
        prop = (forms().get(key) or {}).get("properties", {}).get(field)
        if prop is None:
            continue
        if "enum" in prop:
            return key, set(prop["enum"])
        if prop.get("type") == "boolean":
            return key, {True, False}
    return None


def _gateway_problems(spec: BpmnProcessSpec, gateway) -> list[str]:
    problems, has_default = [], gateway.default_task_spec is not None
    conditions = [(condition.args[0], target) for condition, target in gateway.cond_task_specs if condition is not None]
    if not conditions:
        return []
    compared: dict[str, set] = {}
    unknown = []
    for expression, _target in conditions:
        found = _compared_values(ast.parse(expression.strip(), mode="eval").body)
        if found is None:
            unknown.append(expression)
        else:
            compared.setdefault(found[0], set()).update(found[1])
    form_keys = _preceding_form_keys(spec, gateway)
    for field, values in compared.items():
        domain = _field_domain(form_keys, field) or _field_domain(sorted(forms()), field)
        if domain is None:
            if not has_default:
                problems.append(f"{element(spec, gateway)}: no default flow and {field!r} is no enum or boolean "
                                f"field of a form (forms looked at: {form_keys})")
            continue
        form_key, allowed = domain
        strangers = values - allowed
        if strangers:
            problems.append(f"{element(spec, gateway)}: compares {field!r} with {sorted(map(repr, strangers))}, "
                            f"not values of forms/{form_key}.json (allowed: {sorted(map(repr, allowed))})")
        uncovered = allowed - values
        if not has_default and uncovered:
            problems.append(f"{element(spec, gateway)}: no default flow and no condition covers {field!r} = "
                            f"{sorted(map(repr, uncovered))} (forms/{form_key}.json)")
    if not has_default and (unknown or len(compared) > 1):
        problems.append(f"{element(spec, gateway)}: no default flow and its conditions are not one form field "
                        f"compared with literals, so they may all be false: {[e for e, _ in conditions]}")
    return problems


@pytest.mark.parametrize("name", SPEC_NAMES)
def test_exclusive_gateways_have_a_default_or_cover_every_form_value(name):
    spec = all_specs()[name]
    problems = [problem for ts in spec.task_specs.values() if isinstance(ts, ExclusiveGateway)
                for problem in _gateway_problems(spec, ts)]
    assert not problems, "\n".join(problems)


def test_the_gateway_check_reports_an_uncovered_value_and_a_stray_literal():
    """The check above can fail: a ticket_verify gateway missing 'duplicate' and naming 'acept'."""
    class Condition:
        def __init__(self, expression):
            self.args = [expression]

    class Gateway:
        bpmn_id, bpmn_name, default_task_spec, inputs = "g", "核处结论", None, []
        cond_task_specs = [(Condition(f'conclusion == "{v}"'), v)
                           for v in ("accept", "reject", "supplement", "refer", "coordinated", "acept")]

    class Spec:
        file, name = "x.bpmn", "x"

    problems = _gateway_problems(Spec(), Gateway())
    assert any("'acept'" in p and "not values of forms/ticket_verify.json" in p for p in problems), problems
    assert any("no condition covers 'conclusion' = [\"'duplicate'\"]" in p for p in problems), problems


# --- sequence flows (read from the XML: the parser drops what it cannot connect) -----------------------------

def _flow_problems(file: Path, text: str | None = None) -> Iterator[str]:
    root = ET.fromstring(text) if text is not None else ET.parse(file).getroot()
    for container in root.iter():
        if container.tag not in (f"{BPMN_NS}process", f"{BPMN_NS}subProcess"):
            continue
        children = list(container)
        nodes = {c.get("id"): c for c in children if c.get("id") and c.tag != f"{BPMN_NS}sequenceFlow"}
        flows = {c.get("id"): c for c in children if c.tag == f"{BPMN_NS}sequenceFlow"}
        where = f"{file.name}: {container.get('id')}"
        for flow_id, flow in flows.items():
            for end, listed_as in (("sourceRef", "outgoing"), ("targetRef", "incoming")):
                node = nodes.get(flow.get(end))
                if node is None:
                    yield f"{where}/{flow_id}: {end} {flow.get(end)!r} is no element of this process"
                    continue
                listed = [e.text.strip() for e in node.findall(f"{BPMN_NS}{listed_as}") if e.text]
                if listed and flow_id not in listed:
                    yield f"{where}/{flow_id}: {node.get('id')} does not list it among its {listed_as} flows"
        for node_id, node in nodes.items():
            for listed_as in ("incoming", "outgoing"):
                for ref in node.findall(f"{BPMN_NS}{listed_as}"):
                    if (ref.text or "").strip() not in flows:
                        yield f"{where}/{node_id}: {listed_as} {ref.text!r} is no sequence flow of this process"


@pytest.mark.parametrize("file", sorted(BPMN_DIR.glob("*.bpmn")), ids=lambda f: f.name)
def test_no_sequence_flow_dangles(file):
    problems = list(_flow_problems(file))
    assert not problems, "\n".join(problems)


def test_the_checks_name_the_element_of_a_broken_diagram():
    """The checks can fail: 答复诉求人 of ticket_intake without its outgoing flow, and a flow to a missing end."""
    source = (BPMN_DIR / "ticket_intake.bpmn").read_text(encoding="utf-8")
    cut = source.replace("<bpmn:outgoing>flow_replied_end</bpmn:outgoing>", "").replace(
        '<bpmn:sequenceFlow id="flow_replied_end" sourceRef="reply_complainant" targetRef="replied_end" />', "")
    assert cut != source
    broken = SpiffBpmnParser()
    broken.add_bpmn_str(cut.encode("utf-8"), filename="ticket_intake.bpmn")
    spec = specs_of(broken)["ticket_intake"]
    where = "ticket_intake.bpmn: ticket_intake/"
    assert f"{where}reply_complainant (答复诉求人): waits with no outgoing sequence flow of its own" in (
        _waiting_problems(spec))
    paths = _path_problems(spec, ET.fromstring(cut.encode("utf-8")))
    assert f"{where}reply_complainant (答复诉求人): no path from here reaches an end event" in paths
    assert f"{where}mark_referred (告知/移送): no path from here reaches an end event" in paths
    assert f"{where}replied_end (已答复办结): not reachable from the start event" in paths

    dangling = source.replace('targetRef="replied_end" />', 'targetRef="replied_nd" />')
    assert list(_flow_problems(BPMN_DIR / "ticket_intake.bpmn", dangling)) == [
        "ticket_intake.bpmn: ticket_intake/flow_replied_end: targetRef 'replied_nd' is no element of this process"]
