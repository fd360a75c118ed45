"""Duplicate check (重复投诉检查): open tickets and open cases that share a party, the project or
a complainant with a new registration or an existing ticket.

A match is any of: the same 统一社会信用代码, the same unit name (normalised: no blanks, Chinese
brackets), the same project name, a complainant with the same ID number or the same phone.
Every lookup is an equality or IN on an indexed column (party.credit_code, party.name,
complainant.id_number, complainant.phone, ticket.project_name, case_file.project_name), and only
then are the few tickets and cases read by primary key; workflow state is never read.
Registration is not blocked: the clerk sees the matches, confirms 仍然登记, and the matches are
kept as `DuplicateLink` rows of the new ticket (kind "suspected"); the verifier may merge the
ticket into one of them (核处结论 重复投诉, kind "merged").
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import service as audit
from app.auth.models import User
from app.cases.models import Case
from app.errors import ValidationFailed
from app.parties.models import ORGANISATION_ROLES, Complainant, DuplicateLink, Party
from app.parties.service import (
    COMPLAINANTS,
    GROUP_ROLES,
    complainants_of,
    normalise_project_name,
    normalise_unit_name,
    parties_of,
)
from app.tickets.models import Ticket
from app.validation import (
    mask_id_number,
    mask_phone,
    validate_credit_code,
    validate_id_number,
    validate_phone,
)

OPEN_TICKET = ("open",)
OPEN_CASE = ("filing", "open")
LIMIT = 20  # matches shown; a lookup reads at most ROW_LIMIT rows per criterion
ROW_LIMIT = 500


@dataclass(frozen=True)
class Criteria:
    credit_codes: frozenset[str] = frozenset()
    unit_names: frozenset[str] = frozenset()
    project_name: str | None = None
    id_numbers: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.credit_codes or self.unit_names or self.project_name or self.id_numbers or self.phones)


@dataclass
class Match:
    kind: str  # ticket | case
    id: int
    number: str
    project_name: str
    respondent_name: str
    status_label: str
    reasons: list[str] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return "工单" if self.kind == "ticket" else "案件"


def _units(rows: Iterable[dict[str, Any]]) -> tuple[set[str], set[str]]:
    codes, names = set(), set()
    for row in rows:
        if row.get("credit_code"):
            codes.add(row["credit_code"])
        if row.get("name"):
            names.add(normalise_unit_name(row["name"]))
    return codes, names


def criteria_from_data(data: dict[str, Any]) -> Criteria:
    """From validated registration data."""
    unit_rows = [row for group, role in GROUP_ROLES.items() if role in ORGANISATION_ROLES
                 for row in data.get(group) or []]
    codes, names = _units(unit_rows)
    people = data.get(COMPLAINANTS) or []
    return Criteria(
        credit_codes=frozenset(codes), unit_names=frozenset(names),
        project_name=normalise_project_name(data["project_name"]) if data.get("project_name") else None,
        id_numbers=frozenset(p["id_number"] for p in people if p.get("id_number")),
        phones=frozenset(p["phone"] for p in people if p.get("phone")),
    )


def _lenient(check, value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return check(value)
    except ValueError:
        return None


def criteria_from_raw(raw: dict[str, Any], *, today: date) -> Criteria:
    """From a payload not (yet) validated (the API's check before registering): values that do not
    validate are left out rather than refused. The earlier single-party fields are read too."""
    from app.parties.service import legacy_payload

    raw = legacy_payload(raw) if isinstance(raw, dict) else {}
    unit_rows = []
    for group, role in GROUP_ROLES.items():
        rows = raw.get(group)
        if role in ORGANISATION_ROLES and isinstance(rows, list):
            unit_rows += [{"name": r.get("name") if isinstance(r.get("name"), str) else None,
                           "credit_code": _lenient(validate_credit_code, r.get("credit_code"))}
                          for r in rows if isinstance(r, dict)]
    codes, names = _units(unit_rows)
    rows = raw.get(COMPLAINANTS)
    people = [p for p in rows if isinstance(p, dict)] if isinstance(rows, list) else []

    def id_number(person: dict[str, Any]) -> str | None:
        id_type = person.get("id_type")
        if id_type is None:
            return None
        return _lenient(lambda value: validate_id_number(id_type, value, today=today), person.get("id_number"))

    ids = {id_number(p) for p in people}
    phones = {_lenient(validate_phone, p.get("phone")) for p in people}
    project = raw.get("project_name")
    return Criteria(frozenset(codes), frozenset(names),
                    normalise_project_name(project) if isinstance(project, str) and project.strip() else None,
                    frozenset(i for i in ids if i), frozenset(p for p in phones if p))


def criteria_for_ticket(session: Session, ticket: Ticket) -> Criteria:
    units = [p for p in parties_of(session, ticket_id=ticket.id) if p.is_organisation]
    people = complainants_of(session, ticket_id=ticket.id)
    return Criteria(
        credit_codes=frozenset(p.credit_code for p in units if p.credit_code),
        unit_names=frozenset(p.name for p in units), project_name=ticket.project_name,
        id_numbers=frozenset(p.id_number for p in people if p.id_number),
        phones=frozenset(p.phone for p in people if p.phone),
    )


def find(session: Session, criteria: Criteria, *, unmasked: bool, exclude_ticket_id: int | None = None) -> list[Match]:
    """Open tickets and open cases matching `criteria`, each with the reasons it matched (phones and
    ID numbers masked unless `unmasked`), newest first. `exclude_ticket_id`: the ticket itself and
    the case opened from it are left out."""
    if not criteria:
        return []
    found: dict[tuple[str, int], list[str]] = {}

    def note(ticket_id: int | None, case_id: int | None, reason: str) -> None:
        key = ("ticket", ticket_id) if ticket_id is not None else ("case", case_id)
        if key[1] is not None and reason not in found.setdefault(key, []):
            found[key].append(reason)

    if criteria.credit_codes:
        for t, c, code in session.execute(select(Party.ticket_id, Party.case_id, Party.credit_code).where(
                Party.credit_code.in_(sorted(criteria.credit_codes))).limit(ROW_LIMIT)):
            note(t, c, f"同一单位（统一社会信用代码 {code}）")
    if criteria.unit_names:
        for t, c, name in session.execute(select(Party.ticket_id, Party.case_id, Party.name).where(
                Party.name.in_(sorted(criteria.unit_names)), Party.role.in_(ORGANISATION_ROLES)).limit(ROW_LIMIT)):
            note(t, c, f"同一单位名称（{name}）")
    if criteria.id_numbers:
        for t, c, number, name in session.execute(
                select(Complainant.ticket_id, Complainant.case_id, Complainant.id_number, Complainant.name).where(
                    Complainant.id_number.in_(sorted(criteria.id_numbers))).limit(ROW_LIMIT)):
            shown = number if unmasked else mask_id_number(number)
            note(t, c, f"同一投诉人 {name}（证件号码 {shown}）")
    if criteria.phones:
        for t, c, phone, name in session.execute(
                select(Complainant.ticket_id, Complainant.case_id, Complainant.phone, Complainant.name).where(
                    Complainant.phone.in_(sorted(criteria.phones))).limit(ROW_LIMIT)):
            shown = phone if unmasked else mask_phone(phone)
            note(t, c, f"同一投诉人 {name}（联系电话 {shown}）")
    if criteria.project_name:
        for (ticket_id,) in session.execute(select(Ticket.id).where(
                Ticket.project_name == criteria.project_name, Ticket.status.in_(OPEN_TICKET)).limit(ROW_LIMIT)):
            note(ticket_id, None, "同一项目名称")
        for (case_id,) in session.execute(select(Case.id).where(
                Case.project_name == criteria.project_name, Case.status.in_(OPEN_CASE)).limit(ROW_LIMIT)):
            note(None, case_id, "同一项目名称")

    ticket_ids = {i for kind, i in found if kind == "ticket" and i != exclude_ticket_id}
    case_ids = {i for kind, i in found if kind == "case"}
    matches: list[Match] = []
    if ticket_ids:
        for t in session.scalars(select(Ticket).where(Ticket.id.in_(ticket_ids), Ticket.status.in_(OPEN_TICKET))):
            matches.append(Match("ticket", t.id, t.number, t.project_name, t.respondent_name, t.status_label,
                                 found[("ticket", t.id)]))
    if case_ids:
        for c in session.scalars(select(Case).where(Case.id.in_(case_ids), Case.status.in_(OPEN_CASE))):
            if exclude_ticket_id is not None and c.ticket_id == exclude_ticket_id:
                continue
            matches.append(Match("case", c.id, c.number, c.project_name, c.respondent_name, c.status_label,
                                 found[("case", c.id)]))
    matches.sort(key=lambda m: (m.kind != "case", -m.id))
    return matches[:LIMIT]


def for_ticket(session: Session, ticket: Ticket, *, unmasked: bool) -> list[Match]:
    return find(session, criteria_for_ticket(session, ticket), unmasked=unmasked, exclude_ticket_id=ticket.id)


def record_suspected(session: Session, *, ticket: Ticket, matches: list[Match], user: User, confirmed: bool) -> None:
    """Keep the matches the clerk was shown as links of the new ticket (reasons masked)."""
    for m in matches:
        session.add(DuplicateLink(ticket_id=ticket.id, target_type=m.kind, target_id=m.id, target_number=m.number,
                                  kind="suspected", reasons={"reasons": m.reasons}, created_by_id=user.id,
                                  created_at=ticket.created_at))
    if matches:
        audit.record(session, user_id=user.id, action="ticket.duplicate_warning", object_type="ticket",
                     object_id=ticket.id, detail={"confirmed": confirmed,
                                                  "matches": [f"{m.kind_label}{m.number}" for m in matches]})


def links_of(session: Session, *, ticket_id: int) -> list[DuplicateLink]:
    return list(session.scalars(select(DuplicateLink).where(DuplicateLink.ticket_id == ticket_id)
                                .order_by(DuplicateLink.id)))


def target_by_number(session: Session, number: str) -> tuple[str, int, str] | None:
    """(kind, id, number) of the ticket or case with that number."""
    number = number.strip()
    ticket = session.scalar(select(Ticket).where(Ticket.number == number))
    if ticket is not None:
        return "ticket", ticket.id, ticket.number
    case = session.scalar(select(Case).where(Case.number == number))
    if case is not None:
        return "case", case.id, case.number
    return None


MERGE_FIELD = "duplicate_of"


def check_merge_target(session: Session, *, ticket_id: int, number: str) -> tuple[str, int, str]:
    """The ticket or case a duplicate ticket is merged into: it must exist, not be the ticket itself
    (or its own case) and still be open."""
    target = target_by_number(session, number)
    if target is None:
        raise ValidationFailed("找不到该编号的工单或案件", fields={MERGE_FIELD: ["找不到该编号的工单或案件"]})
    kind, target_id, _ = target
    if kind == "ticket":
        ticket = session.get(Ticket, target_id)
        if target_id == ticket_id:
            raise ValidationFailed("不能并入本工单", fields={MERGE_FIELD: ["不能并入本工单"]})
        if ticket.status not in OPEN_TICKET:
            raise ValidationFailed("该工单已办结，请并入其转立的案件或选择其他工单",
                                   fields={MERGE_FIELD: ["该工单已办结，不能并入"]})
    else:
        case = session.get(Case, target_id)
        if case.ticket_id == ticket_id:
            raise ValidationFailed("不能并入由本工单转立的案件", fields={MERGE_FIELD: ["不能并入由本工单转立的案件"]})
        if case.status not in OPEN_CASE:
            raise ValidationFailed("该案件已结案或不予立案，不能并入", fields={MERGE_FIELD: ["该案件已结案或不予立案"]})
    return target


def record_merge(session: Session, *, ticket: Ticket, number: str, user_id: int | None) -> None:
    """The verifier's conclusion 重复投诉: the ticket is merged into `number` (once)."""
    target = target_by_number(session, number)
    if target is None:
        return
    kind, target_id, target_number = target
    exists = session.scalar(select(DuplicateLink.id).where(DuplicateLink.ticket_id == ticket.id,
                                                           DuplicateLink.kind == "merged"))
    if exists is None:
        session.add(DuplicateLink(ticket_id=ticket.id, target_type=kind, target_id=target_id,
                                  target_number=target_number, kind="merged", reasons=None,
                                  created_by_id=user_id))
