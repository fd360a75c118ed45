"""Which tickets and cases a search text matches, and why.

A text is matched against
- the summary columns of ticket and case_file (number, project, respondent, first complainant and
  phone, 班组长姓名) by substring, as before;
- the `party` rows (every unit and person responsible, not only the summary respondent) and the
  `complainant` rows (every complainant) of tickets and cases: names by substring (unit names also
  in their stored form: no blanks, Chinese brackets);
- and, when the text reads as one, a credit code, a phone number or an ID number in canonical form
  (app/validation) by equality on the indexed columns: party.credit_code, party.id_number,
  complainant.phone, complainant.id_number, ticket/case_file.team_leader_phone and the summary
  complainant_phone. A phone typed as "138 0013 8001" or "+86 13800138001" finds 13800138001.

Every lookup reads at most ROW_LIMIT rows; the owners are collected by id (a ticket or case found
through several rows appears once, with every reason) and read by primary key by the caller.
Workflow state is never read.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.cases.models import Case
from app.parties.models import PARTY_ROLES, Complainant, Party
from app.parties.service import normalise_unit_name
from app.tickets.models import Ticket
from app.validation import ID_TYPES, validate_credit_code, validate_id_number, validate_phone

MIN_LENGTH = 2
ROW_LIMIT = 500


@dataclass(frozen=True)
class Reason:
    """Why a ticket or case matched: `who` (e.g. 分包单位 珠海某劳务有限公司), and the matched code,
    phone or ID number (`value`, of `kind` credit_code | phone | id_number) when it was one."""

    who: str
    kind: str | None = None
    value: str | None = None


@dataclass
class Matches:
    tickets: dict[int, list[Reason]] = field(default_factory=dict)
    cases: dict[int, list[Reason]] = field(default_factory=dict)

    def note(self, ticket_id: int | None, case_id: int | None, reason: Reason | None = None) -> None:
        target = self.tickets if ticket_id is not None else self.cases
        key = ticket_id if ticket_id is not None else case_id
        if key is None:
            return
        reasons = target.setdefault(key, [])
        if reason is not None and reason not in reasons:
            reasons.append(reason)


@dataclass(frozen=True)
class Terms:
    """The search text and the canonical values it may stand for."""

    text: str
    unit_name: str
    credit_code: str | None
    phone: str | None
    id_numbers: frozenset[str]


def _lenient(check, *args) -> str | None:
    try:
        return check(*args)
    except ValueError:
        return None


def terms(text: str) -> Terms | None:
    text = text.strip()
    if len(text) < MIN_LENGTH:
        return None
    has_digit = any(ch.isdigit() for ch in unicodedata.normalize("NFKC", text))
    ids: set[str] = set()
    if has_digit:
        ids = {value for id_type in ID_TYPES if (value := _lenient(validate_id_number, id_type, text))}
        ids.add(re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).upper())
    return Terms(
        text=text, unit_name=normalise_unit_name(text),
        credit_code=_lenient(validate_credit_code, text) if has_digit else None,
        phone=_lenient(validate_phone, text) if has_digit else None,
        id_numbers=frozenset(ids),
    )


def _contains(column, value: str):
    return column.contains(value, autoescape=True)


def _summary(model, t: Terms):
    conditions = [_contains(model.number, t.text), _contains(model.project_name, t.text),
                  _contains(model.respondent_name, t.text), _contains(model.complainant_name, t.text),
                  _contains(model.complainant_phone, t.text), _contains(model.team_leader_name, t.text)]
    if t.unit_name != t.text:
        conditions.append(_contains(model.respondent_name, t.unit_name))
    if t.phone:
        conditions += [model.complainant_phone == t.phone, model.team_leader_phone == t.phone]
    return or_(*conditions)


def find(session: Session, text: str) -> Matches:
    """The tickets and cases `text` matches (ids, each with its reasons); empty below MIN_LENGTH."""
    found = Matches()
    t = terms(text)
    if t is None:
        return found

    for model, is_ticket in ((Ticket, True), (Case, False)):
        rows = session.execute(select(model.id, model.team_leader_name, model.team_leader_phone)
                               .where(_summary(model, t)).order_by(model.id.desc()).limit(ROW_LIMIT))
        for record_id, leader, leader_phone in rows:
            reason = None
            if t.phone and leader_phone == t.phone:
                reason = Reason(f"班组长 {leader or ''}".strip(), "phone", leader_phone)
            elif leader and t.text in leader:
                reason = Reason(f"班组长 {leader}")
            found.note(record_id if is_ticket else None, None if is_ticket else record_id, reason)

    names = [_contains(Party.name, t.text)]
    if t.unit_name != t.text:
        names.append(_contains(Party.name, t.unit_name))
    for p in session.execute(select(Party.ticket_id, Party.case_id, Party.role, Party.name)
                             .where(or_(*names)).order_by(Party.id.desc()).limit(ROW_LIMIT)):
        found.note(p.ticket_id, p.case_id, Reason(f"{PARTY_ROLES.get(p.role, p.role)} {p.name}"))
    if t.credit_code:
        for p in session.execute(select(Party.ticket_id, Party.case_id, Party.role, Party.name)
                                 .where(Party.credit_code == t.credit_code).limit(ROW_LIMIT)):
            found.note(p.ticket_id, p.case_id,
                       Reason(f"{PARTY_ROLES.get(p.role, p.role)} {p.name}", "credit_code", t.credit_code))
    if t.id_numbers:
        for p in session.execute(select(Party.ticket_id, Party.case_id, Party.role, Party.name, Party.id_number)
                                 .where(Party.id_number.in_(sorted(t.id_numbers))).limit(ROW_LIMIT)):
            found.note(p.ticket_id, p.case_id,
                       Reason(f"{PARTY_ROLES.get(p.role, p.role)} {p.name}", "id_number", p.id_number))

    for c in session.execute(select(Complainant.ticket_id, Complainant.case_id, Complainant.name)
                             .where(_contains(Complainant.name, t.text))
                             .order_by(Complainant.id.desc()).limit(ROW_LIMIT)):
        found.note(c.ticket_id, c.case_id, Reason(f"投诉人 {c.name}"))
    if t.phone:
        for c in session.execute(select(Complainant.ticket_id, Complainant.case_id, Complainant.name)
                                 .where(Complainant.phone == t.phone).limit(ROW_LIMIT)):
            found.note(c.ticket_id, c.case_id, Reason(f"投诉人 {c.name}", "phone", t.phone))
    if t.id_numbers:
        for c in session.execute(select(Complainant.ticket_id, Complainant.case_id, Complainant.name,
                                        Complainant.id_number)
                                 .where(Complainant.id_number.in_(sorted(t.id_numbers))).limit(ROW_LIMIT)):
            found.note(c.ticket_id, c.case_id, Reason(f"投诉人 {c.name}", "id_number", c.id_number))
    return found


def case_ids(session: Session, text: str) -> set[int]:
    """The ids of the cases `text` matches (for the case list's search box)."""
    return set(find(session, text).cases)
