"""The documents a process step issues (registry `step`), for the task page: 本环节文书."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.documents.models import Document
from app.documents.registry import DocumentKind, Registry


def kinds_for_step(registry: Registry, bpmn_id: str, business_type: str) -> list[DocumentKind]:
    """Kinds whose registry step names this task (`<process id>:<task id>`; task ids are matched
    without the process, as the task list keeps the id of the task, not of its call activity)."""
    return [k for k in registry.kinds.values()
            if k.step and k.step.rsplit(":", 1)[-1] == bpmn_id and k.subject == business_type]


def step_documents(session: Session, registry: Registry, *, bpmn_id: str, business_type: str,
                   business_id: int) -> list[tuple[DocumentKind, list[Document]]]:
    kinds = kinds_for_step(registry, bpmn_id, business_type)
    if not kinds:
        return []
    column = Document.case_id if business_type == "case" else Document.ticket_id
    existing = list(session.scalars(select(Document).where(
        column == business_id, Document.kind.in_([k.code for k in kinds])).order_by(Document.id)))
    return [(k, [d for d in existing if d.kind == k.code]) for k in sorted(kinds, key=lambda k: k.order)]
