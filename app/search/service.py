"""One query over tickets and cases: number, project, any party's name or credit code, any
complainant's name, phone or ID number, the 班组长 (see app/search/matching.py for what matches).

Each ticket or case appears once, with the reasons it matched (`matched`). Phones and ID numbers,
in the row and in the reasons, are masked for viewers who may not see them (PII, data catalogue §B):
on a case as its parties tab masks them (app/roster/service.may_see_personal_data), on a ticket as
the ticket page does (`may_see_phone`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.cases.models import Case
from app.cases.permissions import may_view_case
from app.roster.service import may_see_personal_data
from app.search import matching
from app.tickets.models import Ticket
from app.validation import mask_id_number, mask_phone

LIMIT = 50  # tickets and cases each
REASON_LABELS = {"credit_code": "统一社会信用代码", "phone": "联系电话", "id_number": "证件号码"}


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
    matched: list[str] = field(default_factory=list)  # why it was found, beyond the columns shown


def may_see_phone(user: User) -> bool:
    return user.has_permission("ticket.register") or user.has_permission("task.reassign")


def _phone(phone: str | None, unmasked: bool) -> str:
    if not phone:
        return ""
    return phone if unmasked else mask_phone(phone)


def reason_text(reason: matching.Reason, *, unmasked: bool) -> str:
    if reason.kind is None or not reason.value:
        return reason.who
    value = reason.value
    if not unmasked and reason.kind == "phone":
        value = mask_phone(value)
    elif not unmasked and reason.kind == "id_number":
        value = mask_id_number(value)
    return f"{reason.who}（{REASON_LABELS[reason.kind]} {value}）"


def _reasons(reasons: list[matching.Reason], unmasked: bool) -> list[str]:
    texts: list[str] = []
    for reason in reasons:
        text = reason_text(reason, unmasked=unmasked)
        if text not in texts:
            texts.append(text)
    return texts


def _newest(ids, count: int) -> list[int]:
    return sorted(ids, reverse=True)[:count]


def search(session: Session, *, user: User, query: str) -> list[Hit]:
    """Cases the user may see, then tickets, each newest first and at most LIMIT of each."""
    found = matching.find(session, query)
    hits: list[Hit] = []
    if found.cases:
        cases = session.scalars(select(Case).where(Case.id.in_(_newest(found.cases, matching.ROW_LIMIT)))
                              .order_by(Case.id.desc()))
        visible = [c for c in cases if may_view_case(user, c)][:LIMIT]
        for c in visible:
            unmasked = may_see_personal_data(user, c)
            hits.append(Hit("case", c.id, c.number, c.project_name, c.respondent_name, c.complainant_name or "",
                            _phone(c.complainant_phone, unmasked), c.status_label,
                            _reasons(found.cases[c.id], unmasked)))
    if found.tickets:
        unmasked = may_see_phone(user)
        tickets = session.scalars(select(Ticket).where(Ticket.id.in_(_newest(found.tickets, LIMIT)))
                                  .order_by(Ticket.id.desc()))
        hits += [Hit("ticket", t.id, t.number, t.project_name, t.respondent_name, t.complainant_name,
                     _phone(t.complainant_phone, unmasked), t.status_label, _reasons(found.tickets[t.id], unmasked))
                 for t in tickets]
    return hits
