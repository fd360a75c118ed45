"""engine.diagram: the BPMN layout drawn as SVG, with highlighted elements."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from engine.diagram import NO_LAYOUT, STYLES, process_name, process_source, render_svg

BPMN = Path(__file__).resolve().parents[2] / "bpmn"
SVG = "{http://www.w3.org/2000/svg}"
BPMN_NS = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"


def _intake() -> str:
    return (BPMN / "ticket_intake.bpmn").read_text(encoding="utf-8")


def _group(root: ET.Element, element_id: str) -> ET.Element:
    (group,) = [g for g in root.iter(SVG + "g") if g.get("data-element-id") == element_id]
    return group


def _text(element: ET.Element) -> str:
    return "".join(element.itertext())


def test_intake_diagram_with_the_verification_highlighted():
    svg = render_svg(_intake(), "ticket_intake", active={"verify_ticket"}, done={"assign_handler"})
    root = ET.fromstring(svg)  # well-formed, standalone
    assert root.tag == SVG + "svg"
    x, y, width, height = map(float, root.get("viewBox").split())
    assert x <= 100 and y <= 60 and x + width >= 1000 and y + height >= 600  # the pool's DI bounds
    assert "指派办理人" in svg and "核查" in svg
    for lane_id, name in {"lane_clerk": "受理员", "lane_chief": "科长", "lane_officer": "执法人员"}.items():
        group = _group(root, lane_id)
        assert group.find(SVG + "title").text == name
        assert _text(group.find(SVG + "text")) == name  # written vertically, one character per line

    flows = {el.get("id") for el in ET.fromstring(_intake()).iter(BPMN_NS + "sequenceFlow")}
    assert len(flows) >= 10  # every flow of the file is drawn, however many paths it gains
    for flow in flows:
        (line,) = list(_group(root, flow).iter(SVG + "polyline"))
        assert line.get("marker-end", "").startswith("url(#")

    fill, stroke, _ = STYLES["active"]
    (rect,) = list(_group(root, "verify_ticket").iter(SVG + "rect"))
    assert "bpmn-active" in rect.get("class") and (rect.get("fill"), rect.get("stroke")) == (fill, stroke)
    (rect,) = list(_group(root, "assign_handler").iter(SVG + "rect"))
    assert "bpmn-done" in rect.get("class") and rect.get("fill") == STYLES["done"][0]
    (rect,) = list(_group(root, "mark_accepted").iter(SVG + "rect"))
    assert "bpmn-plain" in rect.get("class")


def test_shapes_by_element_type():
    root = ET.fromstring(render_svg(_intake(), "ticket_intake"))
    gateway = _group(root, "conclusion_gateway")
    assert gateway.find(SVG + "polygon") is not None  # a diamond
    assert gateway.find(SVG + "path") is not None  # with an X
    assert float(_group(root, "accepted_end").find(SVG + "circle").get("stroke-width")) >= 4  # thick end
    assert float(_group(root, "ticket_registered").find(SVG + "circle").get("stroke-width")) < 4
    # a timer on its host: a double ring and a clock face
    assert len(list(_group(root, "verify_deadline").iter(SVG + "circle"))) == 3
    names = [_text(t) for t in root.iter(SVG + "text")]
    assert "受理" in names and "不予受理" in names and "核处结论" in names  # flow and gateway names


def test_call_activity_has_a_thick_border_and_a_plus_marker():
    source = (BPMN / "case_handling.bpmn").read_text(encoding="utf-8")
    root = ET.fromstring(render_svg(source, "case_handling", active={"investigation"}))
    rects = list(_group(root, "investigation").iter(SVG + "rect"))
    assert float(rects[0].get("stroke-width")) >= 4 and "bpmn-active" in rects[0].get("class")
    assert len(rects) == 2  # the box and the "+" marker's square
    assert "案" in _text(_group(root, "case_handling_participant"))
    # a long name is wrapped inside its 120 px box, at most 8 characters a line
    lines = [_text(t) for t in _group(root, "notify_not_filed").iter(SVG + "tspan")]
    assert "".join(lines) == "告知投诉人不予立案" and max(map(len, lines)) <= 8


def test_text_is_escaped():
    source = _intake().replace('name="核查"', 'name="核查 &lt;b&gt;&amp;"')
    svg = render_svg(source, "ticket_intake")
    ET.fromstring(svg)
    assert "<b>" not in svg and "核查 &lt;b&gt;&amp;" in svg


def test_a_file_without_layout_gets_a_note():
    source = re.sub(r"<bpmndi:BPMNDiagram.*</bpmndi:BPMNDiagram>", "", _intake(), flags=re.S)
    svg = render_svg(source, "ticket_intake", active={"verify_ticket"})
    root = ET.fromstring(svg)
    assert NO_LAYOUT == "该流程图缺少布局信息" and NO_LAYOUT in svg and float(root.get("width")) <= 400


def test_only_the_diagram_of_the_process_is_drawn():
    assert NO_LAYOUT in render_svg(_intake(), "some_other_process")
    # a plane that shows the process itself (no collaboration) is used too
    source = _intake().replace('bpmnElement="ticket_intake_collaboration"', 'bpmnElement="ticket_intake"')
    assert "核查" in render_svg(source, "ticket_intake")


def test_shapes_without_layout_are_left_out():
    source = re.sub(r'<bpmndi:BPMNShape id="verify_ticket_di".*?</bpmndi:BPMNShape>', "", _intake(),
                    flags=re.S)
    source = re.sub(r'<bpmndi:BPMNEdge id="flow_accept_di".*?</bpmndi:BPMNEdge>', "", source, flags=re.S)
    root = ET.fromstring(render_svg(source, "ticket_intake", active={"verify_ticket"}))
    ids = {g.get("data-element-id") for g in root.iter(SVG + "g")}
    assert "verify_ticket" not in ids and "flow_accept" not in ids and "assign_handler" in ids


@pytest.mark.parametrize("path", sorted(BPMN.glob("*.bpmn")), ids=lambda p: p.name)
def test_every_process_file_renders(path):
    sources = {p.name: p.read_text(encoding="utf-8") for p in BPMN.glob("*.bpmn")}
    (process_id,) = re.findall(r'<bpmn:process id="([^"]+)"', sources[path.name])
    assert process_source(sources, process_id) == sources[path.name]
    assert process_name(sources[path.name], process_id)
    root = ET.fromstring(render_svg(sources[path.name], process_id))
    assert NO_LAYOUT not in "".join(root.itertext())
