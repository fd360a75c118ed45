"""Generated BPMN for the benchmarks: a process of N sequential user tasks.

`sequential_process(n)` returns the XML of process ``bench_seq_<n>``: a start event,
``n`` user tasks one after another, an end event, all in one lane 执法人员 (the officer
role's name, seeded by migration 0002). Every user task has the Spiff property
``assigneeField = handler`` (so the app assigns it to the user named in data["handler"])
and no ``formKey`` (so the app shows its empty confirm form). No diagram layout.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr

OFFICER_LANE = "执法人员"

_HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core"
                  id="{key}_definitions" targetNamespace="http://hengqin.gov.cn/labour/bpmn/bench">
"""


def process_key(n: int) -> str:
    return f"bench_seq_{n}"


def sequential_process(n: int, *, lane: str = OFFICER_LANE, assignee_field: str = "handler") -> str:
    if n < 1:
        raise ValueError("n must be at least 1")
    key = process_key(n)
    tasks = [f"task_{i:03d}" for i in range(1, n + 1)]
    nodes = ["start", *tasks, "end"]
    flows = [(f"flow_{i:03d}", nodes[i], nodes[i + 1]) for i in range(len(nodes) - 1)]
    incoming = {target: fid for fid, _, target in flows}
    outgoing = {source: fid for fid, source, _ in flows}

    out = [_HEADER.format(key=key)]
    out.append(f'  <bpmn:collaboration id="{key}_collaboration">\n')
    out.append(f'    <bpmn:participant id="{key}_participant" name="顺序办理 {n} 步" processRef="{key}" />\n')
    out.append("  </bpmn:collaboration>\n")
    out.append(f'  <bpmn:process id="{key}" name="基准：顺序办理 {n} 步" isExecutable="true">\n')
    out.append(f'    <bpmn:laneSet id="{key}_lanes">\n')
    out.append(f'      <bpmn:lane id="lane_officer" name={quoteattr(lane)}>\n')
    out.extend(f"        <bpmn:flowNodeRef>{node}</bpmn:flowNodeRef>\n" for node in nodes)
    out.append("      </bpmn:lane>\n    </bpmn:laneSet>\n")
    out.append('    <bpmn:startEvent id="start" name="开始">\n')
    out.append(f"      <bpmn:outgoing>{outgoing['start']}</bpmn:outgoing>\n    </bpmn:startEvent>\n")
    for i, task in enumerate(tasks, start=1):
        out.append(f'    <bpmn:userTask id="{task}" name="办理步骤 {i}">\n')
        out.append("      <bpmn:extensionElements>\n        <spiffworkflow:properties>\n")
        out.append(
            f'          <spiffworkflow:property name="assigneeField" value={quoteattr(assignee_field)} />\n'
        )
        out.append("        </spiffworkflow:properties>\n      </bpmn:extensionElements>\n")
        out.append(f"      <bpmn:incoming>{incoming[task]}</bpmn:incoming>\n")
        out.append(f"      <bpmn:outgoing>{outgoing[task]}</bpmn:outgoing>\n    </bpmn:userTask>\n")
    out.append('    <bpmn:endEvent id="end" name="结束">\n')
    out.append(f"      <bpmn:incoming>{incoming['end']}</bpmn:incoming>\n    </bpmn:endEvent>\n")
    out.extend(
        f'    <bpmn:sequenceFlow id="{fid}" sourceRef="{source}" targetRef="{target}" />\n'
        for fid, source, target in flows
    )
    out.append("  </bpmn:process>\n</bpmn:definitions>\n")
    return "".join(out)


def write_sequential_processes(
    folder: str | Path, sizes: tuple[int, ...], *, validate: bool = True
) -> dict[int, Path]:
    """Write ``bench_seq_<n>.bpmn`` for every n into ``folder``; optionally XSD-validate them."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for n in sizes:
        path = folder / f"{process_key(n)}.bpmn"
        path.write_text(sequential_process(n), encoding="utf-8")
        files[n] = path
    if validate:
        from SpiffWorkflow.spiff.parser import VALIDATOR, SpiffBpmnParser

        parser = SpiffBpmnParser(validator=VALIDATOR)
        parser.add_bpmn_files([str(p) for p in files.values()])
        for n in sizes:
            spec = parser.get_spec(process_key(n))
            user_tasks = [s for s in spec.task_specs.values() if getattr(s, "manual", False)]
            if len(user_tasks) != n:
                raise AssertionError(f"{process_key(n)}: expected {n} user tasks, parsed {len(user_tasks)}")
    return files
