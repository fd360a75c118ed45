"""是否涉港澳台: whether a ticket or case involves Hong Kong, Macao or Taiwan (data catalogue B3).

Derived from what is recorded, so it never disagrees with the parties and complainants and follows
their corrections: a complainant or person responsible holding a document only residents of Hong
Kong, Macao or Taiwan hold (app.validation.HMT_ID_TYPES), a phone number of +852 / +853 / +886,
or an address there. Each reason names who and why, never the number itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.parties.models import PARTY_ROLES, Complainant, Party
from app.validation import HMT_ID_TYPES, ID_TYPES

PHONE_REGIONS = {"+852": "香港", "+853": "澳门", "+886": "台湾"}
ADDRESS = re.compile(r"香港|澳門|澳门|臺灣|台湾|Hong\s*Kong|Maca[ou]|Taiwan", re.IGNORECASE)


@dataclass(frozen=True)
class HmtInvolvement:
    reasons: list[str] = field(default_factory=list)

    @property
    def involved(self) -> bool:
        return bool(self.reasons)

    @property
    def label(self) -> str:
        return "是" if self.involved else "否"


def _phone_region(phone: str | None) -> str | None:
    return next((region for prefix, region in PHONE_REGIONS.items() if phone and phone.startswith(prefix)), None)


def _person_reasons(who: str, *, id_type: str | None, phones: tuple[str | None, ...],
                    address: str | None) -> list[str]:
    found = []
    if id_type in HMT_ID_TYPES:
        found.append(f"{who}（{ID_TYPES[id_type]}）")
    region = next((r for r in map(_phone_region, phones) if r), None)
    if region:
        found.append(f"{who}（{region}电话）")
    if address and ADDRESS.search(address):
        found.append(f"{who}（地址在港澳台）")
    return found


def involvement(parties: list[Party], complainants: list[Complainant],
                team_leader_phone: str | None = None) -> HmtInvolvement:
    reasons: list[str] = []
    for c in complainants:
        reasons += _person_reasons(f"投诉人 {c.name}", id_type=c.id_type, phones=(c.phone,),
                                   address=c.service_address)
    for p in parties:
        reasons += _person_reasons(f"{PARTY_ROLES.get(p.role, p.role)} {p.name}", id_type=p.id_type,
                                   phones=(p.phone, p.agent_phone), address=p.address)
    region = _phone_region(team_leader_phone)
    if region:
        reasons.append(f"班组长（{region}电话）")
    return HmtInvolvement(reasons)
