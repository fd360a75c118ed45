"""Read-only views of workflow state handed to the application layer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class UserTaskView:
    """A READY manual (user) task."""

    task_id: str
    bpmn_id: str
    title: str
    lane: str | None
    form_key: str | None
    process_key: str
    properties: dict[str, str]
    data: dict
    due_at: datetime | None = None  # earliest boundary timer on the task or an enclosing activity (UTC)


@dataclass(frozen=True)
class TimerView:
    """A WAITING timer event with its absolute due time (timezone-aware UTC)."""

    task_id: str
    bpmn_id: str
    run_at: datetime


@dataclass(frozen=True)
class FinishedTaskView:
    """A COMPLETED task of any kind (user or script task, a timer or other event) with its BPMN
    extension properties and the data it completed with."""

    task_id: str
    bpmn_id: str
    properties: dict[str, str]
    data: dict
    timer: bool  # a timer event that fired (e.g. a period ran out)
