"""One query over tickets and cases: number, project, party, complainant name or phone.

Phone numbers are masked for roles that may not see them (PII, data catalogue §B).
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.cases.models import Case
from app.cases.permissions import may_view_case
from app.tickets.models import Ticket
from app.validation.phones import mask_phone

LIMIT = 50


@dataclass(frozen=True)
class Hit:
    kind: str  # ticket | case
    id: int
    number: str
    project_name: str
    respondent_name: str
    complainant_name: str
    complainant_phone: str
    status: str


def may_see_phone(user: User) -> bool:
    return user.has_permission("ticket.register") or user.has_permission("task.reassign")


def _phone(user: User, phone: str | None) -> str:
    if not phone:
        return ""
    return phone if may_see_phone(user) else mask_phone(phone)


def search(session: Session, *, user: User, query: str) -> list[Hit]:
    text = query.strip()
    if len(text) < 2:
        return []
    like = f"%{text}%"
    tickets = session.scalars(select(Ticket).where(or_(
        Ticket.number.like(like), Ticket.project_name.like(like), Ticket.respondent_name.like(like),
        Ticket.complainant_name.like(like), Ticket.complainant_phone.like(like),
    )).order_by(Ticket.id.desc()).limit(LIMIT))
    cases = session.scalars(select(Case).where(or_(
        Case.number.like(like), Case.project_name.like(like), Case.respondent_name.like(like),
        Case.complainant_name.like(like), Case.complainant_phone.like(like),
    )).order_by(Case.id.desc()).limit(LIMIT))
    hits = [Hit("case", c.id, c.number, c.project_name, c.respondent_name, c.complainant_name or "",
                _phone(user, c.complainant_phone), c.status_label) for c in cases if may_view_case(user, c)]
    hits += [Hit("ticket", t.id, t.number, t.project_name, t.respondent_name, t.complainant_name,
                 _phone(user, t.complainant_phone), t.status_label) for t in tickets]
    return hits
