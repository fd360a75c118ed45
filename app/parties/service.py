"""Parties and complainants of tickets and cases: from the registration data, copied to the case,
listed (masked for viewers who may not see PII), corrected by the case's officers (audited).

The registration form (forms/ticket_registration.json) holds one repeating group per party role;
its row forms are also the forms a correction is validated with, so the rules live in one place.
The single summary columns of a ticket or case (respondent_name, complainant_name,
complainant_phone) follow the first 欠薪单位 and the first complainant.
The 班组长 (team leader: name and phone, data catalogue B1) is one per ticket or case, so it is
kept in two columns of ticket / case_file, registered with the ticket, copied to the case and
corrected there like the parties.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import service as audit
from app.auth.models import User
from app.cases.models import Case
from app.errors import NotFound, ValidationFailed
from app.forms.registry import FormDefinition, FormRegistry
from app.forms.validation import item_form, validate_form
from app.parties.models import ORGANISATION_ROLES, PARTY_ROLES, Complainant, Party
from app.tickets.models import Ticket
from app.validation import ID_TYPES, mask_id_number, mask_phone

REGISTRATION_FORM = "ticket_registration"
# party role -> the repeating group of the registration form that holds it
ROLE_GROUPS = {
    "construction_unit": "construction_units",
    "general_contractor": "general_contractors",
    "subcontractor": "subcontractors",
    "responsible_unit": "responsible_units",
    "responsible_person": "responsible_persons",
}
GROUP_ROLES = {group: role for role, group in ROLE_GROUPS.items()}
COMPLAINANTS = "complainants"
PARTY_FIELDS = ("name", "credit_code", "nature", "legal_representative", "manager_name", "address", "agent_name",
                "agent_phone", "id_type", "id_number", "owes_wages")
COMPLAINANT_FIELDS = ("name", "gender", "phone", "id_type", "id_number", "service_address", "is_migrant_worker")
TEAM_LEADER_FIELDS = ("team_leader_name", "team_leader_phone")  # fields of the registration form, columns too
NO_OWING_UNIT = "请至少填写一个欠薪直接责任单位，或在建设/总包/分包单位中标明“是否欠薪单位”为“是”"
_BLANKS = re.compile(r"[\s\u3000]+")


def normalise_unit_name(name: str) -> str:
    """Unit names as stored and compared: no blanks, Chinese (full-width) brackets."""
    return _BLANKS.sub("", name).replace("(", "（").replace(")", "）")


def normalise_project_name(name: str) -> str:
    return _BLANKS.sub(" ", name).strip()


# --- registration data ---------------------------------------------------------------------------

def legacy_payload(raw: dict[str, Any]) -> dict[str, Any]:
    """The earlier single-party payload (respondent_name, complainant_name, complainant_phone) in
    the shape of the current form: one 欠薪直接责任单位 and one complainant. Other payloads unchanged."""
    if not isinstance(raw, dict) or not ({"complainant_name", "complainant_phone", "respondent_name"} & set(raw)):
        return raw
    data = dict(raw)
    name, phone = data.pop("complainant_name", None), data.pop("complainant_phone", None)
    respondent = data.pop("respondent_name", None)
    if COMPLAINANTS not in data and (name or phone):
        data[COMPLAINANTS] = [{"name": name, "phone": phone}]
    if respondent and not any(data.get(group) for group in GROUP_ROLES):
        data["responsible_units"] = [{"name": respondent}]
    return data


# error keys of the current form → the field of the earlier payload they came from
LEGACY_ERROR_KEYS = {"complainants[0].name": "complainant_name", "complainants[0].phone": "complainant_phone",
                     "complainants": "complainant_name", "responsible_units[0].name": "respondent_name",
                     "responsible_units": "respondent_name"}


def owing_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The units that owe the wages: every 欠薪直接责任单位, else the units the clerk marked."""
    rows = list(data.get("responsible_units") or [])
    for group in ("construction_units", "general_contractors", "subcontractors"):
        rows += [row for row in data.get(group) or [] if row.get("owes_wages")]
    return rows


def check_owing_unit(data: dict[str, Any]) -> None:
    if not owing_rows(data):
        raise ValidationFailed(NO_OWING_UNIT, fields={"responsible_units": [NO_OWING_UNIT]})


def _party(role: str, row: dict[str, Any], position: int) -> Party:
    values = {name: row.get(name) for name in PARTY_FIELDS if name in row}
    if role in ORGANISATION_ROLES:
        values["name"] = normalise_unit_name(values["name"])
    values["owes_wages"] = role == "responsible_unit" or bool(row.get("owes_wages"))
    return Party(role=role, position=position, **values)


def _complainant(row: dict[str, Any], position: int) -> Complainant:
    values = {name: row.get(name) for name in COMPLAINANT_FIELDS if name in row}
    values["is_migrant_worker"] = bool(values.get("is_migrant_worker"))
    return Complainant(position=position, **values)


def parties_from(data: dict[str, Any]) -> list[Party]:
    parties: list[Party] = []
    for role, group in ROLE_GROUPS.items():
        for row in data.get(group) or []:
            parties.append(_party(role, row, len(parties)))
    return parties


def complainants_from(data: dict[str, Any]) -> list[Complainant]:
    return [_complainant(row, i) for i, row in enumerate(data.get(COMPLAINANTS) or [])]


def team_leader_values(data: dict[str, Any]) -> dict[str, str | None]:
    """班组长姓名 / 班组长联系电话 from validated data (the phone already canonical), blanks as None."""
    values = {}
    for name in TEAM_LEADER_FIELDS:
        value = data.get(name)
        values[name] = (value.strip() or None) if isinstance(value, str) else None
    return values


def respondent_summary(parties: list[Party]) -> str:
    owing = [p for p in parties if p.owes_wages and p.is_organisation]
    first = sorted(owing, key=lambda p: (p.role != "responsible_unit", p.position))
    return first[0].name if first else (parties[0].name if parties else "")


def save_for_ticket(session: Session, ticket: Ticket, data: dict[str, Any]) -> tuple[list[Party], list[Complainant]]:
    parties, complainants = parties_from(data), complainants_from(data)
    for row in (*parties, *complainants):
        row.ticket_id = ticket.id
        session.add(row)
    return parties, complainants


def copy_to_case(session: Session, *, ticket: Ticket, case: Case) -> None:
    """A ticket's parties and complainants become the case's own rows (corrected there, not on the ticket)."""
    for party in parties_of(session, ticket_id=ticket.id):
        session.add(Party(case_id=case.id, role=party.role, position=party.position, created_at=case.created_at,
                          **{name: getattr(party, name) for name in PARTY_FIELDS + ("phone",
                                                                                     "legal_representative_id_number")}))
    for person in complainants_of(session, ticket_id=ticket.id):
        session.add(Complainant(case_id=case.id, position=person.position, note=person.note,
                                created_at=case.created_at,
                                **{name: getattr(person, name) for name in COMPLAINANT_FIELDS}))


def parties_of(session: Session, *, ticket_id: int | None = None, case_id: int | None = None) -> list[Party]:
    owner = Party.ticket_id == ticket_id if ticket_id is not None else Party.case_id == case_id
    parties = list(session.scalars(select(Party).where(owner).order_by(Party.position, Party.id)))
    order = list(PARTY_ROLES)
    return sorted(parties, key=lambda p: (order.index(p.role) if p.role in order else len(order), p.position, p.id))


def complainants_of(session: Session, *, ticket_id: int | None = None, case_id: int | None = None) -> list[Complainant]:
    owner = Complainant.ticket_id == ticket_id if ticket_id is not None else Complainant.case_id == case_id
    return list(session.scalars(select(Complainant).where(owner).order_by(Complainant.position, Complainant.id)))


# --- showing them ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class TeamLeader:
    """The 班组长 of a ticket or case as shown: the phone masked for viewers who may not see PII."""

    name: str | None
    phone: str | None

    def __bool__(self) -> bool:
        return bool(self.name or self.phone)


def team_leader(record: Ticket | Case, *, unmasked: bool) -> TeamLeader:
    return TeamLeader(record.team_leader_name, _masked(record.team_leader_phone, mask_phone, unmasked))


@dataclass(frozen=True)
class PartyRow:
    party: Party
    id_number: str | None
    legal_representative_id_number: str | None
    phone: str | None
    agent_phone: str | None

    @property
    def id_type_label(self) -> str | None:
        return ID_TYPES.get(self.party.id_type) if self.party.id_type else None


@dataclass(frozen=True)
class ComplainantRow:
    complainant: Complainant
    id_number: str | None
    phone: str | None

    @property
    def id_type_label(self) -> str | None:
        return ID_TYPES.get(self.complainant.id_type) if self.complainant.id_type else None


def _masked(value: str | None, mask, unmasked: bool) -> str | None:
    if not value:
        return value
    return value if unmasked else mask(value)


def party_row(party: Party, *, unmasked: bool) -> PartyRow:
    return PartyRow(party, _masked(party.id_number, mask_id_number, unmasked),
                    _masked(party.legal_representative_id_number, mask_id_number, unmasked),
                    _masked(party.phone, mask_phone, unmasked), _masked(party.agent_phone, mask_phone, unmasked))


def complainant_row(person: Complainant, *, unmasked: bool) -> ComplainantRow:
    return ComplainantRow(person, _masked(person.id_number, mask_id_number, unmasked),
                          _masked(person.phone, mask_phone, unmasked))


# --- corrections on a case ------------------------------------------------------------------------

def _registration(registry: FormRegistry) -> FormDefinition:
    return registry.get(REGISTRATION_FORM)


def party_form(registry: FormRegistry, role: str) -> FormDefinition:
    if role not in ROLE_GROUPS:
        raise ValidationFailed("当事人类别无效", fields={"role": ["请选择当事人类别：" + "、".join(PARTY_ROLES.values())]})
    return item_form(_registration(registry), ROLE_GROUPS[role])


def complainant_form(registry: FormRegistry) -> FormDefinition:
    return item_form(_registration(registry), COMPLAINANTS)


def team_leader_form(registry: FormRegistry) -> FormDefinition:
    """The registration form's two 班组长 fields, as a form of their own (the case's correction)."""
    registration = _registration(registry)
    return FormDefinition(key=f"{registration.key}.team_leader", schema={
        "title": "班组长", "type": "object",
        "properties": {name: registration.properties[name] for name in TEAM_LEADER_FIELDS},
        "x-layout": [list(TEAM_LEADER_FIELDS)]})


def _audit_party(party: Party) -> dict[str, Any]:
    return {"role": party.role, "name": party.name, "credit_code": party.credit_code,
            "legal_representative": party.legal_representative, "owes_wages": party.owes_wages,
            "id_number": mask_id_number(party.id_number) if party.id_number else None}


def _audit_complainant(person: Complainant) -> dict[str, Any]:
    return {"name": person.name, "phone": mask_phone(person.phone) if person.phone else None,
            "id_number": mask_id_number(person.id_number) if person.id_number else None,
            "is_migrant_worker": person.is_migrant_worker}


def sync_case_summary(session: Session, case: Case) -> None:
    """The case's single respondent / complainant columns (lists, search) follow its first rows."""
    session.flush()
    parties = parties_of(session, case_id=case.id)
    if parties:
        case.respondent_name = respondent_summary(parties)[:200]
    people = complainants_of(session, case_id=case.id)
    if people:
        case.complainant_name, case.complainant_phone = people[0].name, people[0].phone


def add_party(session: Session, *, registry: FormRegistry, case: Case, user: User, role: str,
              data: dict[str, Any]) -> Party:
    cleaned = validate_form(party_form(registry, role), data)
    position = len(parties_of(session, case_id=case.id))
    party = _party(role, cleaned, position)
    party.case_id = case.id
    session.add(party)
    session.flush()
    sync_case_summary(session, case)
    audit.record(session, user_id=user.id, action="case.party_add", object_type="case", object_id=case.id,
                 detail={"party_id": party.id, **_audit_party(party)})
    return party


def update_party(session: Session, *, registry: FormRegistry, case: Case, user: User, party_id: int,
                 data: dict[str, Any]) -> Party:
    party = session.get(Party, party_id)
    if party is None or party.case_id != case.id:
        raise NotFound("当事人不存在")
    role = data.get("role") or party.role
    cleaned = validate_form(party_form(registry, role), data)
    before = _audit_party(party)
    fresh = _party(role, cleaned, party.position)
    party.role = role
    for name in PARTY_FIELDS:
        if name in party_form(registry, role).properties or name == "owes_wages":
            setattr(party, name, getattr(fresh, name))
    sync_case_summary(session, case)
    audit.record(session, user_id=user.id, action="case.party_correct", object_type="case", object_id=case.id,
                 detail={"party_id": party.id, "before": before, "after": _audit_party(party)})
    return party


def add_complainant(session: Session, *, registry: FormRegistry, case: Case, user: User,
                    data: dict[str, Any]) -> Complainant:
    cleaned = validate_form(complainant_form(registry), data)
    person = _complainant(cleaned, len(complainants_of(session, case_id=case.id)))
    person.case_id = case.id
    session.add(person)
    session.flush()
    sync_case_summary(session, case)
    audit.record(session, user_id=user.id, action="case.complainant_add", object_type="case", object_id=case.id,
                 detail={"complainant_id": person.id, **_audit_complainant(person)})
    return person


def update_complainant(session: Session, *, registry: FormRegistry, case: Case, user: User, complainant_id: int,
                       data: dict[str, Any]) -> Complainant:
    person = session.get(Complainant, complainant_id)
    if person is None or person.case_id != case.id:
        raise NotFound("投诉人不存在")
    cleaned = validate_form(complainant_form(registry), data)
    before = _audit_complainant(person)
    fresh = _complainant(cleaned, person.position)
    for name in COMPLAINANT_FIELDS:
        setattr(person, name, getattr(fresh, name, None))
    sync_case_summary(session, case)
    audit.record(session, user_id=user.id, action="case.complainant_correct", object_type="case",
                 object_id=case.id,
                 detail={"complainant_id": person.id, "before": before, "after": _audit_complainant(person)})
    return person


def _audit_team_leader(case: Case) -> dict[str, Any]:
    return {"name": case.team_leader_name,
            "phone": mask_phone(case.team_leader_phone) if case.team_leader_phone else None}


def update_team_leader(session: Session, *, registry: FormRegistry, case: Case, user: User,
                       data: dict[str, Any]) -> Case:
    """Correct the case's 班组长 (both fields replaced; blank clears), audited with the phone masked."""
    cleaned = validate_form(team_leader_form(registry), data)
    before = _audit_team_leader(case)
    for name, value in team_leader_values(cleaned).items():
        setattr(case, name, value)
    audit.record(session, user_id=user.id, action="case.team_leader_correct", object_type="case", object_id=case.id,
                 detail={"before": before, "after": _audit_team_leader(case)})
    return case
