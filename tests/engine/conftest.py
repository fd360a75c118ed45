"""Shared fixtures for the engine tests.

Like SpiffWorkflow's own test base, :class:`Case` restores the workflow from its
serialized, JSON round-tripped state after every step.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from SpiffWorkflow.bpmn import BpmnWorkflow

from engine.clock import FixedClock
from engine.runtime import WorkflowRuntime
from engine.serializer import StateSerializer
from engine.specs import ProcessVersion, SpecLibrary
from engine.types import UserTaskView

FIXTURES = Path(__file__).parent / "fixtures"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def due_in_days(start: str, days: int) -> str:
    """Test helper exposed to scripts: ISO datetime ``days`` calendar days after ``start``."""
    return (datetime.fromisoformat(start) + timedelta(days=days)).isoformat()


class Case:
    """One workflow instance, saved and reloaded after every step."""

    def __init__(
        self, runtime: WorkflowRuntime, serializer: StateSerializer, pv: ProcessVersion, wf: BpmnWorkflow
    ) -> None:
        self.runtime = runtime
        self.serializer = serializer
        self.pv = pv
        self.wf = wf
        self.reload()

    def reload(self) -> None:
        state = json.loads(json.dumps(self.serializer.dumps(self.wf)))
        self.wf = self.serializer.loads(state, self.pv, serializer_version=self.serializer.VERSION)

    def ready(self) -> list[UserTaskView]:
        return self.runtime.ready_user_tasks(self.wf)

    def ready_summary(self) -> list[tuple[str, str | None, str | None]]:
        return [(task.title, task.lane, task.form_key) for task in self.ready()]

    def task(self, bpmn_id: str) -> UserTaskView:
        (task,) = [task for task in self.ready() if task.bpmn_id == bpmn_id]
        return task

    def complete(self, bpmn_id: str, data: dict | None = None) -> None:
        self.runtime.complete(self.wf, self.task(bpmn_id).task_id, data or {})
        self.reload()

    def advance(self) -> bool:
        changed = self.runtime.advance(self.wf)
        self.reload()
        return changed


@pytest.fixture(scope="session")
def library() -> SpecLibrary:
    return SpecLibrary.from_directory(FIXTURES)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
def runtime(clock: FixedClock) -> WorkflowRuntime:
    return WorkflowRuntime(clock=clock, helpers={"due_in_days": due_in_days})


@pytest.fixture
def serializer(runtime: WorkflowRuntime) -> StateSerializer:
    return StateSerializer(runtime.script_engine)


@pytest.fixture
def start_case(runtime: WorkflowRuntime, serializer: StateSerializer, library: SpecLibrary):
    def start(key: str, data: dict | None = None, pv: ProcessVersion | None = None) -> Case:
        pv = pv or library.current(key)
        return Case(runtime, serializer, pv, runtime.start(pv, data))

    return start
