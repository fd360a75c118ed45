"""Domain projectors: after every save of an instance, the owning domain
updates its own rows (e.g. a ticket's stage) in the same transaction."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from engine.types import UserTaskView


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


Projector = Callable[[Session, InstanceSnapshot], None]
_projectors: dict[str, Projector] = {}


def register_projector(business_type: str, projector: Projector) -> None:
    _projectors[business_type] = projector


def project(session: Session, snapshot: InstanceSnapshot) -> None:
    projector = _projectors.get(snapshot.business_type)
    if projector is not None:
        projector(session, snapshot)
