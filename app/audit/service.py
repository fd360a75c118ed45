"""Record audit entries inside the caller's transaction."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.models import AuditEntry


def record(
    session: Session,
    *,
    user_id: int | None,
    action: str,
    object_type: str,
    object_id: str | int,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    entry = AuditEntry(
        user_id=user_id, action=action, object_type=object_type, object_id=str(object_id), detail=detail
    )
    session.add(entry)
    return entry


def entries_for(session: Session, *, object_type: str, object_id: str | int) -> list[AuditEntry]:
    stmt = (
        select(AuditEntry)
        .where(AuditEntry.object_type == object_type, AuditEntry.object_id == str(object_id))
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    return list(session.scalars(stmt))
