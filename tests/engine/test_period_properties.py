"""The clockStart / clockStop properties of bpmn/*.bpmn (app/cases/periods.py) are consistent with
what the processes compute: known rules, the same start date as the element's rule_deadline call,
and every period that starts has a step that stops it."""
from __future__ import annotations

import re

from engine.clocks import GUANGDONG_DEFAULTS
from engine.specs import SpecLibrary

from .case_helpers import BPMN_DIR

RULES = {rule.code for rule in GUANGDONG_DEFAULTS}
RULE_DEADLINE = re.compile(r"""rule_deadline\(\s*["'](\w+)["']\s*,\s*(\w+)\s*(?:,\s*(\w+)\s*)?\)""")


def _elements():
    pv = SpecLibrary.from_directory(BPMN_DIR).current("case_handling")
    for spec in (pv.spec, *pv.subprocess_specs.values()):
        for task_spec in spec.task_specs.values():
            properties = (getattr(task_spec, "extensions", None) or {}).get("properties") or {}
            if "clockStart" in properties or "clockStop" in properties:
                yield spec.name, task_spec, properties


def test_starts_use_the_date_their_element_passes_to_rule_deadline():
    started = set()
    for _, task_spec, properties in _elements():
        script = getattr(task_spec, "script", None) or getattr(task_spec, "postscript", None) or ""
        computed = {rule: (start, due or None) for rule, start, due in RULE_DEADLINE.findall(script)}
        for entry in filter(None, (e.strip() for e in properties.get("clockStart", "").split(","))):
            rule, date_field, *options = entry.split(":")
            due_field = next((o.split("=", 1)[1] for o in options if o.split("=", 1)[0] == "due"), None)
            assert rule in RULES, (task_spec.bpmn_id, rule)
            assert computed.get(rule) == (date_field, due_field), (task_spec.bpmn_id, rule, computed)
            started.add(rule)
    assert started == {"service", "evidence_preservation", "suspension_notice", "statement_defence",
                       "hearing_request", "fine_payment", "enforcement_demand", "enforcement_application",
                       "filing", "rectification"}


def test_every_started_period_has_a_step_that_stops_it():
    elements = list(_elements())
    stopped = {code.strip() for _, _, p in elements for code in p.get("clockStop", "").split(",") if code.strip()}
    started = {e.split(":")[0].strip() for _, _, p in elements for e in p.get("clockStart", "").split(",") if e.strip()}
    assert stopped <= RULES
    assert started <= stopped
