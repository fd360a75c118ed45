"""The in-app inbox (站内消息)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.deadlines.models import InboxMessage


def post(session: Session, *, user_id: int, title: str, body: str, link: str | None, now: datetime) -> InboxMessage:
    message = InboxMessage(user_id=user_id, title=title[:200], body=body, link=link, created_at=now)
    session.add(message)
    return message


def unread_count(session: Session, *, user_id: int) -> int:
    stmt = select(func.count(InboxMessage.id)).where(InboxMessage.user_id == user_id, InboxMessage.read_at.is_(None))
    return session.scalar(stmt) or 0


def messages(session: Session, *, user_id: int, limit: int = 100) -> list[InboxMessage]:
    stmt = select(InboxMessage).where(InboxMessage.user_id == user_id)
    return list(session.scalars(stmt.order_by(InboxMessage.id.desc()).limit(limit)))


def mark_read(session: Session, *, user_id: int, now: datetime, message_id: int | None = None) -> int:
    stmt = update(InboxMessage).where(InboxMessage.user_id == user_id, InboxMessage.read_at.is_(None))
    if message_id is not None:
        stmt = stmt.where(InboxMessage.id == message_id)
    return session.execute(stmt.values(read_at=now)).rowcount
