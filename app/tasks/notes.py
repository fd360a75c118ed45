"""Notes a domain shows the officer on a task page, by form key (a hint, never a block).

A note source sees the task (which ticket or case) and returns notes; domains register their
sources when the application starts (see app/__init__.py), as they do their form checks.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.workflow.models import HumanTask


@dataclass(frozen=True)
class TaskNote:
    title: str
    lines: list[str] = field(default_factory=list)
    level: str = "info"  # info | warn

    def as_dict(self) -> dict:
        return {"title": self.title, "lines": list(self.lines), "level": self.level}


NoteSource = Callable[[Session, HumanTask], list[TaskNote]]
_sources: dict[str, list[NoteSource]] = {}


def register(form_key: str, source: NoteSource) -> None:
    if source not in _sources.setdefault(form_key, []):
        _sources[form_key].append(source)


def for_task(session: Session, task: HumanTask) -> list[TaskNote]:
    return [note for source in _sources.get(task.form_key or "", []) for note in source(session, task)]
