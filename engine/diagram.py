"""Draw a process's BPMN diagram (its BPMNDI layout) as a standalone SVG.

Only the diagram whose plane shows the process, or the collaboration with a participant
for it, is drawn; shapes and flows without layout are left out. ``active`` and ``done``
are BPMN element ids to highlight (current tasks and waiting events; completed elements).
Names of events, gateways and flows are put where they cross no line, shape or other name.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise
from xml.sax.saxutils import escape

NS = {
    "bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
    "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
    "dc": "http://www.omg.org/spec/DD/20100524/DC",
    "di": "http://www.omg.org/spec/DD/20100524/DI",
}
_B = f"{{{NS['bpmn']}}}"
NO_LAYOUT = "该流程图缺少布局信息"
INK, TEXT = "#404b57", "#1f2933"
FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, WenQuanYi Micro Hei, sans-serif"
# state -> (fill, stroke, stroke width); the page legend uses the same colours
STYLES = {"plain": ("#ffffff", INK, 1.5), "active": ("#ffe8a3", "#9c3d14", 3.5),
          "done": ("#d7f0dc", "#2f7d4a", 2)}
TASKS = {"task", "userTask", "scriptTask", "serviceTask", "manualTask", "sendTask", "receiveTask",
         "businessRuleTask"}
ACTIVITIES = TASKS | {"callActivity", "subProcess", "transaction", "adHocSubProcess"}
EVENTS = {"startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent"}
GATEWAYS = {"exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway", "complexGateway"}
CONTAINERS = ("participant", "lane")
HALO = ' stroke="#fff" stroke-width="4" stroke-linejoin="round" paint-order="stroke"'
_NO_LINE_START, _NO_LINE_END = set("，。、；：！？）》」』】,.;:!?)"), set("（《「『【(")
_VERTICAL_FORMS = str.maketrans("（）()", "︵︶︵︶")


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def overlaps(self, o: Box) -> bool:
        return self.x < o.x + o.w and o.x < self.x + self.w and self.y < o.y + o.h and o.y < self.y + self.h


@dataclass(frozen=True)
class Shape:
    box: Box
    label: Box | None  # BPMNLabel bounds, when the modeller placed the name
    expanded: bool  # an expanded subprocess: drawn under the flows and shapes inside it


def process_source(sources: Mapping[str, str], process_id: str) -> str | None:
    """The BPMN text, of ``sources`` (file name -> text), that defines ``process_id``."""
    for name in sorted(sources):
        try:
            if any(p.get("id") == process_id for p in ET.fromstring(sources[name]).iter(_B + "process")):
                return sources[name]
        except ET.ParseError:
            continue
    return None


def process_name(bpmn_xml: str, process_id: str) -> str | None:
    return next((p.get("name") for p in ET.fromstring(bpmn_xml).iter(_B + "process")
                 if p.get("id") == process_id), None)


def render_svg(bpmn_xml: str, process_id: str, *, active: set[str] = frozenset(),
               done: set[str] = frozenset()) -> str:
    try:
        root = ET.fromstring(bpmn_xml)
    except ET.ParseError:
        return _note("流程图无法解析")
    elements = {el.get("id"): el for el in root.iter() if el.get("id") and str(el.tag).startswith(_B)}
    plane = _plane(root, process_id)
    shapes, edges = _layout(plane, elements) if plane is not None else ({}, {})
    if not shapes:
        return _note(NO_LAYOUT)
    kind = {ref: elements[ref].tag[len(_B):] for ref in [*shapes, *edges]}
    state = {ref: "active" if ref in active else "done" if ref in done else "plain" for ref in kind}
    defaults = {el.get("default") for el in elements.values() if el.get("default")}
    arrow = "bpmn-arrow-" + re.sub(r"[^A-Za-z0-9_-]", "_", process_id)
    under = sorted((r for r in shapes if kind[r] in CONTAINERS or shapes[r].expanded),
                   key=lambda r: CONTAINERS.index(kind[r]) if kind[r] in CONTAINERS else 2)
    over = [r for r in shapes if r not in under and kind[r] != "boundaryEvent"]
    over += [r for r in shapes if kind[r] == "boundaryEvent"]  # on top of their host
    space = _Space([shapes[r].box for r in over], [seg for pts, _ in edges.values() for seg in pairwise(pts)])

    out: list[str] = []
    for ref in under:
        body = _container(kind[ref], elements[ref], shapes[ref].box) if kind[ref] in CONTAINERS else \
            _node(kind[ref], elements[ref], shapes[ref], state[ref])
        out.append(_group(ref, elements[ref], kind[ref], state[ref], body))
    out += [_edge(ref, kind[ref], pts, arrow, ref in defaults) for ref, (pts, _) in edges.items()]
    for ref in over:
        if body := _node(kind[ref], elements[ref], shapes[ref], state[ref]):
            out.append(_group(ref, elements[ref], kind[ref], state[ref], body))
    names = [_node_label(elements[r], shapes[r], space) for r in over if kind[r] in EVENTS | GATEWAYS]
    names += [_flow_label(elements[r].get("name") or "", pts, lb, space) for r, (pts, lb) in edges.items()]
    out += names

    boxes = [s.box for s in shapes.values()] + space.labels
    xs = [v for b in boxes for v in (b.x, b.x + b.w)] + [x for pts, _ in edges.values() for x, _y in pts]
    ys = [v for b in boxes for v in (b.y, b.y + b.h)] + [y for pts, _ in edges.values() for _x, y in pts]
    x0, y0, w, h = min(xs) - 10, min(ys) - 10, max(xs) - min(xs) + 20, max(ys) - min(ys) + 20
    title = process_name(bpmn_xml, process_id) or process_id
    marker = (f'<defs><marker id="{arrow}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" '
              f'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">'
              f'<path d="M0,0 L10,5 L0,10 z" fill="{INK}"/></marker></defs>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="bpmn-diagram" role="img" '
            f'aria-label="{_a(title)}" '
            f'viewBox="{_n(x0)} {_n(y0)} {_n(w)} {_n(h)}" width="{_n(w)}" height="{_n(h)}" '
            f'font-family="{FONT}" style="background:#fff"><title>{escape(title)}</title>{marker}'
            f'{"".join(out)}</svg>')


def _plane(root: ET.Element, process_id: str) -> ET.Element | None:
    owners = {process_id} | {
        collab.get("id") for collab in root.iter(_B + "collaboration")
        if any(p.get("processRef") == process_id for p in collab.iter(_B + "participant"))
    }
    planes = root.iter(f"{{{NS['bpmndi']}}}BPMNPlane")
    return next((p for p in planes if p.get("bpmnElement") in owners), None)


def _box(el: ET.Element | None) -> Box | None:
    try:
        return None if el is None else Box(*(float(el.get(k, "")) for k in ("x", "y", "width", "height")))
    except ValueError:
        return None


def _layout(plane: ET.Element, elements: dict) -> tuple[dict[str, Shape], dict]:
    shapes, edges = {}, {}
    for shape in plane.findall("bpmndi:BPMNShape", NS):
        ref, box = shape.get("bpmnElement"), _box(shape.find("dc:Bounds", NS))
        if ref in elements and box is not None:
            label = _box(shape.find("bpmndi:BPMNLabel/dc:Bounds", NS))
            shapes[ref] = Shape(box, label, shape.get("isExpanded") == "true")
    for edge in plane.findall("bpmndi:BPMNEdge", NS):
        try:
            points = [(float(w.get("x", "")), float(w.get("y", ""))) for w in edge.findall("di:waypoint", NS)]
        except ValueError:
            continue
        if edge.get("bpmnElement") in elements and len(points) >= 2:
            edges[edge.get("bpmnElement")] = (points, _box(edge.find("bpmndi:BPMNLabel/dc:Bounds", NS)))
    return shapes, edges


class _Space:
    """What a name must not cover: shapes, flows and the names already placed."""

    def __init__(self, shapes: list[Box], segments: list) -> None:
        self.shapes, self.labels = shapes, []
        self.segments = [Box(min(x0, x1), min(y0, y1), abs(x0 - x1) or 0.1, abs(y0 - y1) or 0.1)
                         for (x0, y0), (x1, y1) in segments]

    def place(self, candidates: list[Box], own: Box | None = None) -> Box:
        """The first candidate that covers nothing (2 px apart), else the one that covers least."""
        taken = [o for o in self.shapes if o != own] + self.labels + self.segments

        def covered(c: Box) -> int:
            return sum(Box(c.x - 2, c.y - 2, c.w + 4, c.h + 4).overlaps(o) for o in taken)

        chosen = next((c for c in candidates if not covered(c)), None) or min(candidates, key=covered)
        self.labels.append(chosen)
        return chosen


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _a(value: str) -> str:
    return escape(str(value), {'"': "&quot;"})


def _width(text: str, size: float) -> float:
    return sum(size * (1.0 if ord(c) > 0x2E7F else 0.58) for c in text)


def _greedy(tokens: list[str], limit: float, size: float) -> list[str]:
    lines, line = [], ""
    for token in tokens:
        if line and _width(line + token, size) > limit + 0.01 and token not in _NO_LINE_START \
                and not token.isspace():
            carry = line[-1] if line[-1] in _NO_LINE_END else ""
            lines.append(line[:len(line) - len(carry)].rstrip())
            line = carry
        if line or not token.isspace():
            line += token
    return [ln for ln in lines + [line.rstrip()] if ln]


def _wrap(text: str, width: float, size: float, max_lines: int) -> list[str]:
    """Lines at most ``width`` wide (CJK text breaks between any two characters), evenly filled."""
    tokens = re.findall(r"[A-Za-z0-9]+|\s+|.", " ".join(text.split()))
    lines = _greedy(tokens, width, size)
    if len(lines) > 1:  # as many lines, but balanced: 告知投诉人 / 不予立案
        limit = _width(text, size) / len(lines)
        while limit < width and len(_greedy(tokens, limit, size)) > len(lines):
            limit += size / 2
        lines = _greedy(tokens, min(limit, width), size)
    if len(lines) > max_lines:
        lines = lines[:max_lines - 1] + [lines[max_lines - 1][:-1] + "…"]
    return lines


def _text(lines: list[str], x: float, top: float, size: float, anchor: str = "middle",
          extra: str = "") -> str:
    spans = "".join(f'<tspan x="{_n(x)}" y="{_n(top + size * (i + 0.85) * 1.2)}">{escape(line)}</tspan>'
                    for i, line in enumerate(lines))
    return f'<text text-anchor="{anchor}" font-size="{_n(size)}" fill="{TEXT}"{extra}>{spans}</text>'


def _group(ref: str, el: ET.Element, kind: str, state: str, body: list[str]) -> str:
    title = f"<title>{escape(el.get('name'))}</title>" if el.get("name") else ""
    return (f'<g class="bpmn-element bpmn-{kind} bpmn-{state}" data-element-id="{_a(ref)}">'
            f'{title}{"".join(body)}</g>')


def _container(kind: str, el: ET.Element, box: Box) -> list[str]:
    """A pool or lane: its rectangle, and a 30 px band on the left with the name written vertically."""
    name, pool = el.get("name") or "", kind == "participant"
    size, weight = (15, "bold") if pool else (14, "normal")
    band = Box(box.x, box.y, 30, box.h)
    parts = [f'<rect x="{_n(box.x)}" y="{_n(box.y)}" width="{_n(box.w)}" height="{_n(box.h)}" fill="none" '
             f'stroke="{INK}" stroke-width="1.5"/><rect x="{_n(band.x)}" y="{_n(band.y)}" width="30" '
             f'height="{_n(band.h)}" fill="{"#eef1f5" if pool else "#f7f8fa"}" stroke="{INK}"/>']
    font = f'text-anchor="middle" font-size="{size}" font-weight="{weight}" fill="{TEXT}"'
    if len(name) * size * 1.1 <= box.h - 16:  # upright characters one under another (竖排)
        top = band.cy - len(name) * size * 1.1 / 2
        spans = "".join(f'<tspan x="{_n(band.cx)}" y="{_n(top + size * (i + 0.85) * 1.1)}">'
                        f"{escape(c)}</tspan>" for i, c in enumerate(name.translate(_VERTICAL_FORMS)))
        parts.append(f"<text {font}>{spans}</text>")
    elif name:
        at = f"{_n(band.cx + size * 0.35)} {_n(band.cy)}"
        parts.append(f'<text {font} transform="translate({at}) rotate(-90)">{escape(name)}</text>')
    return parts


def _node(kind: str, el: ET.Element, shape: Shape, state: str) -> list[str]:
    box, (fill, stroke, width) = shape.box, STYLES[state]
    paint = f'class="bpmn-{state}" fill="{fill}" stroke="{stroke}"'
    if kind in ACTIVITIES:
        collapsed = kind == "callActivity" or (kind not in TASKS and not shape.expanded)
        parts = [f'<rect x="{_n(box.x)}" y="{_n(box.y)}" width="{_n(box.w)}" height="{_n(box.h)}" rx="10" '
                 f'{paint} stroke-width="{max(width, 4) if kind == "callActivity" else width}"/>']
        parts += _task_marker(kind, box.x + 8, box.y + 7)
        if collapsed:  # the "+" of a process drawn elsewhere
            mx, my = box.cx, box.y + box.h - 10
            parts.append(f'<rect x="{_n(mx - 7)}" y="{_n(my - 7)}" width="14" height="14" fill="none" '
                         f'stroke="{INK}" stroke-width="1.2"/><path d="M{_n(mx - 4)},{_n(my)} h8 M{_n(mx)},'
                         f'{_n(my - 4)} v8" stroke="{INK}" stroke-width="1.5"/>')
        name, size = el.get("name") or "", 13
        if shape.expanded:  # name at the top left, the inside stays free for its own shapes
            return parts + [_text(_wrap(name, box.w - 20, size, 2), box.x + 10, box.y + 4, size, "start")]
        inner = box.h - (16 if collapsed else 0) - 12
        lines = _wrap(name, box.w - 12, size, max(1, int(inner // (size * 1.2))))
        return parts + [_text(lines, box.cx, box.y + 6 + (inner - len(lines) * size * 1.2) / 2, size)]
    if kind in EVENTS:
        r, cx, cy = min(box.w, box.h) / 2, box.cx, box.cy
        dash = ' stroke-dasharray="5 3"' if el.get("cancelActivity") == "false" else ""

        def circle(radius: float, stroke_width: float, attrs: str = paint) -> str:
            return (f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(radius)}" {attrs} '
                    f'stroke-width="{_n(stroke_width)}"{dash}/>')

        if kind in ("startEvent", "endEvent"):  # end events: a thick ring
            parts = [circle(r, max(width, 4) if kind == "endEvent" else width)]
        else:  # intermediate and boundary events: a double ring
            parts = [circle(r, width), circle(r - 3.5, 1.2, f'fill="none" stroke="{stroke}"')]
        return parts + _event_marker(el, cx, cy, r * 0.55, kind == "endEvent" or "Throw" in kind)
    if kind in GATEWAYS:
        cx, cy, hw, hh, d = box.cx, box.cy, box.w / 2, box.h / 2, box.w * 0.18
        parts = [f'<polygon points="{_n(cx)},{_n(box.y)} {_n(cx + hw)},{_n(cy)} {_n(cx)},{_n(cy + hh)} '
                 f'{_n(cx - hw)},{_n(cy)}" {paint} stroke-width="{width}"/>']
        marks = {"exclusiveGateway": f"M{_n(cx - d)},{_n(cy - d)} l{_n(2 * d)},{_n(2 * d)} "
                                     f"m0,{_n(-2 * d)} l{_n(-2 * d)},{_n(2 * d)}",
                 "parallelGateway": f"M{_n(cx - 1.3 * d)},{_n(cy)} h{_n(2.6 * d)} "
                                    f"M{_n(cx)},{_n(cy - 1.3 * d)} v{_n(2.6 * d)}"}
        if kind in marks:
            parts.append(f'<path d="{marks[kind]}" stroke="{INK}" stroke-width="3.5"/>')
        return parts
    return []  # data objects, annotations, ...: not drawn


def _task_marker(kind: str, x: float, y: float) -> list[str]:
    if kind == "userTask":  # a person: head and shoulders
        return [f'<path d="M{_n(x + 10.5)},{_n(y + 4)} a3.5,3.5 0 1,1 -7,0 a3.5,3.5 0 1,1 7,0 '
                f'M{_n(x)},{_n(y + 15)} q0,-7 7,-7 q7,0 7,7 z" fill="none" stroke="{INK}" '
                f'stroke-width="1.2"/>']
    if kind == "scriptTask":  # a sheet with lines of script
        return [f'<path d="M{_n(x + 2)},{_n(y)} h10 v15 h-10 z M{_n(x + 4.5)},{_n(y + 4)} '
                f'h5 m-5,3.5 h5 m-5,3.5 h5" fill="none" stroke="{INK}" stroke-width="1.2"/>']
    return []


def _event_marker(el: ET.Element, cx: float, cy: float, k: float, thrown: bool) -> list[str]:
    fill = INK if thrown else "none"
    if el.find("bpmn:timerEventDefinition", NS) is not None:  # a clock face with hands
        ticks = "".join(f"M{_n(cx + k * 0.75 * math.cos(a))},{_n(cy + k * 0.75 * math.sin(a))} "
                        f"L{_n(cx + k * math.cos(a))},{_n(cy + k * math.sin(a))} "
                        for a in (i * math.pi / 6 for i in range(12)))
        hands = f"M{_n(cx)},{_n(cy - k * 0.7)} L{_n(cx)},{_n(cy)} L{_n(cx + k * 0.5)},{_n(cy)}"
        return [f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(k)}" fill="#fff" stroke="{INK}" '
                f'stroke-width="1.5"/><path d="{ticks}{hands}" stroke="{INK}" stroke-width="1.2" '
                f'fill="none"/>']
    if el.find("bpmn:signalEventDefinition", NS) is not None:
        return [f'<polygon points="{_n(cx)},{_n(cy - k)} {_n(cx + k * 0.9)},{_n(cy + k * 0.6)} '
                f'{_n(cx - k * 0.9)},{_n(cy + k * 0.6)}" fill="{fill}" stroke="{INK}" stroke-width="1.5"/>']
    if el.find("bpmn:terminateEventDefinition", NS) is not None:
        return [f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(k)}" fill="{INK}"/>']
    return []


def _node_label(el: ET.Element, shape: Shape, space: _Space) -> str:
    """An event's or gateway's name: where the modeller put it, else around the shape."""
    name, size = el.get("name") or "", 12
    if not name:
        return ""
    b = shape.box
    lines = _wrap(name, max(shape.label.w if shape.label else 96, 60), size, 3)
    w, h = max(_width(line, size) for line in lines), len(lines) * size * 1.2
    spots = [(b.cx - w / 2, b.y + b.h + 2), (b.cx - w / 2, b.y - h - 2), (b.x + b.w, b.y - h),
             (b.x + b.w + 3, b.cy - h / 2), (b.x + b.w, b.y + b.h), (b.x - w, b.y - h),
             (b.x - w - 3, b.cy - h / 2), (b.x - w, b.y + b.h)]
    if shape.label:
        spots.insert(0, (shape.label.cx - w / 2, shape.label.y))
    spot = space.place([Box(x, y, w, h) for x, y in spots], own=b)
    return _text(lines, spot.cx, spot.y, size, extra=HALO)


def _flow_label(name: str, points: list[tuple[float, float]], label: Box | None, space: _Space) -> str:
    """A flow's name beside its first segment with room for it (else beside the first segment)."""
    if not name:
        return ""
    size = 12
    w, h = _width(name, size), size * 1.2
    spots = [(label.cx - w / 2, label.y)] if label else []
    for (x0, y0), (x1, y1) in pairwise(points):
        mx, my = (x0 + x1) / 2, (y0 + y1) / 2
        if abs(y1 - y0) >= abs(x1 - x0):  # vertical: right, then left of the line
            spots += [(mx + 5, my - h / 2), (mx - 5 - w, my - h / 2)] if abs(y1 - y0) >= h + 6 else []
        elif abs(x1 - x0) >= w + 8:  # horizontal: above, then below
            spots += [(mx - w / 2, my - h - 3), (mx - w / 2, my + 3)]
    (x0, y0), (x1, y1) = points[:2]
    spots.append(((x0 + x1) / 2 + 5, (y0 + y1) / 2 - h - 2))
    spot = space.place([Box(x, y, w, h) for x, y in spots])
    return _text([name], spot.cx, spot.y, size, extra=HALO)


def _edge(ref: str, kind: str, points: list[tuple[float, float]], arrow: str, default: bool) -> str:
    path = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
    style = (f'stroke-width="1.5" marker-end="url(#{arrow})"' if kind == "sequenceFlow"
             else 'stroke-width="1.2" stroke-dasharray="6 4"')  # message flows, associations
    slash = ""
    if default:  # a gateway's default flow: a short slash across its start
        (x0, y0), (x1, y1) = points[:2]
        length = math.hypot(x1 - x0, y1 - y0) or 1
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        mx, my = x0 + ux * 10, y0 + uy * 10
        slash = (f'<path d="M{_n(mx - 5 * ux - 5 * uy)},{_n(my - 5 * uy + 5 * ux)} l{_n(10 * ux + 10 * uy)},'
                 f'{_n(10 * uy - 10 * ux)}" stroke="{INK}" stroke-width="1.5"/>')
    return (f'<g class="bpmn-element bpmn-{kind}" data-element-id="{_a(ref)}">'
            f'<polyline points="{path}" fill="none" stroke="{INK}" {style}/>{slash}</g>')


def _note(message: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="bpmn-diagram" viewBox="0 0 320 48" width="320" '
            f'height="48" font-family="{FONT}"><rect x="0.5" y="0.5" width="319" height="47" rx="4" '
            f'fill="#f8fafb" stroke="#d9dee4"/><text x="160" y="29" text-anchor="middle" font-size="14" '
            f'fill="#65717e">{escape(message)}</text></svg>')
