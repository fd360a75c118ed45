"""Instance state <-> BpmnWorkflow, without the specs.

The state is SpiffWorkflow's own serialization minus ``spec`` and ``subprocess_specs``:
specs are stored once per process version, so saving never converts them and loading
reuses the already parsed spec objects of the :class:`~engine.specs.ProcessVersion`.
"""

from __future__ import annotations

import copy
from datetime import date
from functools import cache

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.default.workflow import (
    BpmnWorkflowConverter,
    TaskConverter,
    WorkflowConverter,
)
from SpiffWorkflow.bpmn.serializer.workflow import VERSION as SPIFF_SERIALIZER_VERSION
from SpiffWorkflow.spiff.serializer import DEFAULT_CONFIG as SPIFF_CONFIG
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from .errors import EngineError
from .specs import ProcessVersion


class SpeclessWorkflowConverter(BpmnWorkflowConverter):
    """Top-level workflow converter that leaves the specs out of the dict.

    Restoring needs ``spec`` / ``subprocess_specs`` in the dict again; they may be the spec
    objects themselves, which the registry passes through unchanged.
    """

    def to_dict(self, workflow: BpmnWorkflow) -> dict:
        # Skip BpmnWorkflowConverter.to_dict: it would convert both specs on every save.
        dct = WorkflowConverter.to_dict(self, workflow)
        dct["subprocesses"] = self.mapping_to_dict(workflow.subprocesses)
        dct["bpmn_events"] = self.registry.convert(workflow.bpmn_events)
        return dct


class JsonSafeTaskConverter(TaskConverter):
    """Task converter whose output is JSON-safe without SpiffWorkflow's JSON encoder.

    The stock converter leaves task data (and its deltas) unconverted, relying on the
    encoder of ``serialize_json``; :meth:`StateSerializer.dumps` returns a plain dict.
    """

    def to_dict(self, task: Task) -> dict:
        dct = super().to_dict(task)
        dct["data"] = self.registry.convert(dct["data"])
        if dct["delta"]:
            dct["delta"]["updates"] = self.registry.convert(dct["delta"]["updates"])
        return dct


@cache
def _spiff_serializer() -> BpmnWorkflowSerializer:
    config = dict(SPIFF_CONFIG)
    config[BpmnWorkflow] = SpeclessWorkflowConverter
    config[Task] = JsonSafeTaskConverter
    registry = BpmnWorkflowSerializer.configure(config)
    registry.register(date, lambda v: {"value": v.isoformat()}, lambda v: date.fromisoformat(v["value"]))
    return BpmnWorkflowSerializer(registry)


class StateSerializer:
    """Dumps and loads instance state; thread-safe, keep one per application."""

    VERSION: str = SPIFF_SERIALIZER_VERSION

    def __init__(self, script_engine: PythonScriptEngine | None = None) -> None:
        self._serializer = _spiff_serializer()
        self._script_engine = script_engine

    def dumps(self, wf: BpmnWorkflow) -> dict:
        """JSON-safe state of ``wf`` without ``spec`` / ``subprocess_specs``."""
        return self._serializer.to_dict(wf)

    @staticmethod
    def completed_task_ids(state: dict) -> set[str]:
        """Ids of the tasks COMPLETED in a saved ``state`` (subprocesses included), read from the dict
        without restoring the workflow: what a later save compares against to see what ran since."""
        workflows = [state, *(state.get("subprocesses") or {}).values()]
        return {task_id for wf in workflows for task_id, task in (wf.get("tasks") or {}).items()
                if task.get("state") == TaskState.COMPLETED}

    def loads(self, state: dict, pv: ProcessVersion, *, serializer_version: str) -> BpmnWorkflow:
        """Restore a workflow saved by :meth:`dumps` (with ``serializer_version``) on ``pv``.

        ``state`` is not modified. Older serializer versions are migrated first.
        """
        if serializer_version == self.VERSION:
            dct = dict(state, subprocesses=dict(state["subprocesses"]))
        else:
            dct = self._migrated(state, pv, serializer_version)
        dct["spec"] = pv.spec
        dct["subprocess_specs"] = pv.subprocess_specs
        wf = self._serializer.from_dict(dct)
        if self._script_engine is not None:
            wf.script_engine = self._script_engine
        return wf

    def _migrated(self, state: dict, pv: ProcessVersion, serializer_version: str) -> dict:
        # SpiffWorkflow migrations rewrite tasks against the serialized specs.
        dct = copy.deepcopy(state)
        dct["spec"] = self._serializer.to_dict(pv.spec)
        dct["subprocess_specs"] = {
            name: self._serializer.to_dict(spec) for name, spec in pv.subprocess_specs.items()
        }
        dct[BpmnWorkflowSerializer.VERSION_KEY] = serializer_version
        try:
            self._serializer.migrate(dct)
        except Exception as exc:  # SpiffWorkflow 3.2.0's 1.4 -> 1.5 step fails on subprocesses
            raise EngineError(
                f"cannot migrate state from serializer version {serializer_version}: {exc!r}"
            ) from exc
        return dct
