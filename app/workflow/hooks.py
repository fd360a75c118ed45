"""Domain hooks, run in the same transaction as the workflow save.

- Projectors: after every save of an instance, the owning domain updates its own
  rows (a ticket's status, a case's stage and clocks).
- Task listeners: after a user task is completed through a form, the owning domain may act
  on the task's BPMN properties (e.g. `clockAction` pauses the case clock).
- Watched properties: a domain names the BPMN properties it acts on whatever ran the task
  (`watch_properties("clockStart", "clockStop")`); every save then hands its projector, in
  `InstanceSnapshot.finished`, the tasks carrying them that completed since the previous save:
  user tasks, script tasks and timer events alike, whether a form, the timer sweep or a signal
  drove the run.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from engine.types import FinishedTaskView, UserTaskView

if TYPE_CHECKING:
    from app.workflow.environment import WorkflowEnvironment


@dataclass(frozen=True)
class InstanceSnapshot:
    instance_id: int
    process_key: str
    business_type: str
    business_id: int
    completed: bool
    data: dict[str, Any]
    ready: list[UserTaskView]
    today: date  # the local date of the change
    # tasks with a watched property that completed since the previous save, in task-tree order
    finished: list[FinishedTaskView] = field(default_factory=list)


@dataclass(frozen=True)
class CompletedTask:
    business_type: str
    business_id: int
    instance_id: int
    bpmn_id: str
    properties: dict[str, str]
    data: dict[str, Any]  # the task's data with what the user submitted (earlier forms' dates included)
    user_id: int
    today: date


Projector = Callable[[Session, "WorkflowEnvironment", InstanceSnapshot], None]
TaskListener = Callable[[Session, "WorkflowEnvironment", CompletedTask], None]
_projectors: dict[str, Projector] = {}
_task_listeners: dict[str, TaskListener] = {}
_watched: set[str] = set()


def register_projector(business_type: str, projector: Projector) -> None:
    _projectors[business_type] = projector


def register_task_listener(business_type: str, listener: TaskListener) -> None:
    _task_listeners[business_type] = listener


def watch_properties(*names: str) -> None:
    _watched.update(names)


def watched_properties() -> frozenset[str]:
    return frozenset(_watched)


def project(session: Session, env: WorkflowEnvironment, snapshot: InstanceSnapshot) -> None:
    projector = _projectors.get(snapshot.business_type)
    if projector is not None:
        projector(session, env, snapshot)


def task_completed(session: Session, env: WorkflowEnvironment, task: CompletedTask) -> None:
    listener = _task_listeners.get(task.business_type)
    if listener is not None:
        listener(session, env, task)
