"""The context a document template is rendered with (the contract is docs/documents.md).

`case_context` / `ticket_context` read the database (case or ticket, parties, complainants,
inspectors, legal clocks, clock rules) and the process data (the values the BPMN forms
recorded, merged over the ticket's or case's process instances); `document_context` adds what
belongs to one document (its number, date, version and the officer's inputs);
`missing_fields` lists the Chinese labels of the registry's required fields that are absent.

Everything in the context is plain data (dicts, lists, str, int, Decimal, date, datetime, bool):
a template only reads it. Values of the process data are typed by the form that records them
(numbers → Decimal, dates → date, date-times → datetime, integers → int) and `labels` gives the
Chinese text of the coded ones (enum values, booleans, user names).
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.documents.formatting import is_blank, to_decimal
from app.documents.registry import DocumentKind

log = logging.getLogger(__name__)
CHINA = ZoneInfo("Asia/Shanghai")


# --- settings --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DocumentSettings:
    issuing_body: str  # 作出文书的机关（落款）
    number_prefix: str  # 文号的地区简称，如“横琴”
    reconsideration_body: str  # 行政复议机关
    court: str  # 行政诉讼管辖法院（亦为申请强制执行的法院）
    address: str = ""
    phone: str = ""
    postcode: str = ""
    payment_bank: str = ""  # 罚款缴纳的指定银行及账户（DOCUMENT_PAYMENT_BANK）


DEFAULTS = {
    "DOCUMENT_ISSUING_BODY": "横琴粤澳深度合作区民生事务局",
    "DOCUMENT_NUMBER_PREFIX": "横琴",
    "DOCUMENT_RECONSIDERATION_BODY": "横琴粤澳深度合作区执行委员会",
    "DOCUMENT_COURT": "横琴粤澳深度合作区人民法院",
}


def settings_from_config(config: Mapping[str, Any]) -> DocumentSettings:
    def get(key: str) -> str:
        value = config.get(key)
        return DEFAULTS.get(key, "") if value is None or str(value).strip() == "" else str(value).strip()

    return DocumentSettings(
        issuing_body=get("DOCUMENT_ISSUING_BODY"), number_prefix=get("DOCUMENT_NUMBER_PREFIX"),
        reconsideration_body=get("DOCUMENT_RECONSIDERATION_BODY"), court=get("DOCUMENT_COURT"),
        address=get("DOCUMENT_ADDRESS"), phone=get("DOCUMENT_PHONE"), postcode=get("DOCUMENT_POSTCODE"),
        payment_bank=get("DOCUMENT_PAYMENT_BANK"),
    )


# --- labels ------------------------------------------------------------------------------------------

CHANNEL_LABELS = {"hotline_12345": "12345热线", "visit": "来访", "phone": "来电", "online": "网络平台",
                  "inspection": "巡查发现", "superior": "上级交办"}
OUTCOME_LABELS = {
    "open": "办理中", "not_filed": "不予立案", "rectification_ordered": "责令限期改正",
    "rectified": "责令限期改正，已按期改正", "compensation_ordered": "责令加付赔偿金",
    "handling_decision": "作出行政处理决定", "penalty": "行政处罚", "penalty_paid": "行政处罚（罚款已缴纳）",
    "penalty_enforced": "行政处罚（已申请人民法院强制执行）",
    "penalty_withdrawn_after_hearing": "听证后撤销拟处罚", "penalty_no_penalty": "不予行政处罚",
    "no_penalty": "不予行政处罚", "withdrawn": "撤销立案", "arbitration_advised": "告知申请劳动人事争议仲裁",
    "transferred_to_agency": "移送其他部门", "transferred_to_police": "移送公安机关",
}
# codes the BPMN scripts write that no form offers
_EXTRA_ENUMS = {
    "reject_ground": {"not_supplemented": "投诉人逾期未补正投诉材料"},
    "statement_status": {"silent": "期满未提出陈述、申辩"},
}
_TITLE_PREFIX = re.compile(r"^\S.*\s+(?=[\u4e00-\u9fff·]{2,8}$)")


def person_name(display_name: str | None) -> str | None:
    """A user's name as documents print it: the demo style "执法人员 李明" becomes "李明"."""
    if not display_name:
        return None
    return _TITLE_PREFIX.sub("", display_name.strip())


@dataclass(frozen=True)
class _FormFields:
    props: dict[str, dict[str, Any]]  # field name -> JSON Schema property (first form that defines it)
    enums: dict[str, dict[Any, str]]  # field name -> value -> label (all forms merged)
    users: frozenset[str]  # fields whose values are user names (x-options users:…)


_form_cache: dict[int, _FormFields] = {}


def _form_registry():
    try:
        from flask import current_app

        return current_app.extensions["forms"]
    except (RuntimeError, KeyError):
        from app.config import ROOT
        from app.forms.registry import FormRegistry

        global _default_registry
        if _default_registry is None:
            _default_registry = FormRegistry.from_directory(ROOT / "forms")
        return _default_registry


_default_registry = None


def form_fields() -> _FormFields:
    registry = _form_registry()
    cached = _form_cache.get(id(registry))
    if cached is not None:
        return cached
    props: dict[str, dict[str, Any]] = {}
    enums: dict[str, dict[Any, str]] = {}
    users: set[str] = set()
    for key in registry.keys():
        for name, prop in registry.get(key).properties.items():
            props.setdefault(name, prop)
            if "enum" in prop:
                names = prop.get("enumNames", prop["enum"])
                enums.setdefault(name, {}).update(dict(zip(prop["enum"], names, strict=False)))
            if str(prop.get("x-options", "")).startswith("users"):
                users.add(name)
    for name, extra in _EXTRA_ENUMS.items():
        enums.setdefault(name, {}).update(extra)
    result = _FormFields(props, enums, frozenset(users))
    _form_cache[id(registry)] = result
    return result


# --- typing the process data ------------------------------------------------------------------------

def _to_date(value: Any) -> date | None:
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return (value.astimezone(CHINA) if value.tzinfo else value).date()
    text = str(value).strip()
    if not text:
        return None
    if len(text) > 10:
        moment = _to_datetime(text)
        return moment.date() if moment else None
    return date.fromisoformat(text)


def _to_datetime(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value.astimezone(CHINA) if isinstance(value, datetime) and value.tzinfo else value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    text = str(value).strip()
    if not text:
        return None
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment.astimezone(CHINA) if moment.tzinfo else moment


def _typed_value(value: Any, prop: Mapping[str, Any]) -> Any:
    """A form value as its schema types it; left unchanged when it does not parse."""
    if value is None or isinstance(value, (bool, dict, list)):
        return value
    kind, fmt = prop.get("type"), prop.get("format")
    try:
        if kind == "number":
            return to_decimal(value)
        if kind == "integer":
            return int(value)
        if fmt == "date":
            return _to_date(value)
        if fmt == "date-time":
            return _to_datetime(value)
    except (ValueError, TypeError):
        return value
    return value


def typed_data(process_data: Mapping[str, Any]) -> dict[str, Any]:
    fields = form_fields()
    data: dict[str, Any] = {}
    for name, value in process_data.items():
        if name == "deadlines":
            continue
        prop = fields.props.get(name)
        data[name] = _typed_value(value, prop) if prop else value
    data["deadlines"] = dict(process_data.get("deadlines") or {})
    return data


def _labels(data: Mapping[str, Any], user_names: Mapping[str, str]) -> dict[str, str]:
    fields = form_fields()
    labels: dict[str, str] = {}
    for name, value in data.items():
        if isinstance(value, bool):
            labels[name] = "是" if value else "否"
        elif name in fields.enums and value in fields.enums[name]:
            labels[name] = fields.enums[name][value]
        elif name in fields.users and isinstance(value, str) and value in user_names:
            labels[name] = user_names[value]
    return labels


def _user_names(session, usernames: Iterable[str]) -> dict[str, str]:
    from app.auth.models import User

    wanted = {u for u in usernames if isinstance(u, str) and u}
    if not wanted:
        return {}
    rows = session.execute(select(User.username, User.display_name).where(User.username.in_(wanted)))
    return {username: person_name(display) or username for username, display in rows}


# --- parties, complainants, inspectors ---------------------------------------------------------------

def _blank_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


def party_dict(party) -> dict[str, Any]:
    from app.parties.models import ORGANISATION_ROLES, PARTY_ROLES
    from app.validation import ID_TYPES

    organisation = party.role in ORGANISATION_ROLES
    credit_code = _blank_to_none(party.credit_code)
    id_number = _blank_to_none(party.id_number)
    return {
        "name": party.name, "role": party.role, "role_label": PARTY_ROLES.get(party.role, party.role),
        "is_organisation": organisation, "credit_code": credit_code, "nature": _blank_to_none(party.nature),
        "legal_representative": _blank_to_none(party.legal_representative),
        "legal_representative_id_number": _blank_to_none(party.legal_representative_id_number),
        "manager_name": _blank_to_none(party.manager_name), "address": _blank_to_none(party.address),
        "phone": _blank_to_none(party.phone), "agent_name": _blank_to_none(party.agent_name),
        "agent_phone": _blank_to_none(party.agent_phone), "id_type": party.id_type,
        "id_type_label": ID_TYPES.get(party.id_type or "", party.id_type), "id_number": id_number,
        "owes_wages": bool(getattr(party, "owes_wages", False)) or party.role == "responsible_unit",
        # the number that identifies the party: 统一社会信用代码 of a unit, 证件号码 of a person
        "identifier": credit_code if organisation else id_number,
        "identifier_label": "统一社会信用代码" if organisation else (
            ID_TYPES.get(party.id_type or "", "身份证件") + "号码"),
    }


def _fallback_party(name: str | None) -> dict[str, Any] | None:
    if not name:
        return None
    return {"name": name, "role": "responsible_unit", "role_label": "欠薪直接责任单位", "is_organisation": True,
            "credit_code": None, "nature": None, "legal_representative": None,
            "legal_representative_id_number": None, "manager_name": None, "address": None, "phone": None,
            "agent_name": None, "agent_phone": None, "id_type": None, "id_type_label": None, "id_number": None,
            "owes_wages": True, "identifier": None, "identifier_label": "统一社会信用代码"}


def principal_party(parties: list[dict[str, Any]], party_kind: str | None = None) -> dict[str, Any] | None:
    """The party a document is addressed to: the 欠薪直接责任人 when the process data says the party
    is an individual (party_kind = individual) and one is recorded; else the 欠薪直接责任单位, else a
    unit marked as owing wages, else the first unit, else the first party."""
    if party_kind == "individual":
        for party in parties:
            if party["role"] == "responsible_person":
                return party
    for test in (lambda p: p["role"] == "responsible_unit", lambda p: p["owes_wages"],
                 lambda p: p["is_organisation"], lambda p: True):
        for party in parties:
            if test(party):
                return party
    return None


def complainant_dict(c) -> dict[str, Any]:
    from app.validation import ID_TYPES

    return {"name": c.name, "gender": _blank_to_none(c.gender), "phone": _blank_to_none(c.phone),
            "id_type": c.id_type, "id_type_label": ID_TYPES.get(c.id_type or "", c.id_type),
            "id_number": _blank_to_none(c.id_number), "service_address": _blank_to_none(c.service_address),
            "is_migrant_worker": bool(c.is_migrant_worker), "note": _blank_to_none(c.note)}


def _fallback_complainant(name: str | None, phone: str | None) -> dict[str, Any] | None:
    if not name:
        return None
    return {"name": name, "gender": None, "phone": _blank_to_none(phone), "id_type": None, "id_type_label": None,
            "id_number": None, "service_address": None, "is_migrant_worker": False, "note": None}


def _rows(session, model, *, case_id: int | None = None, ticket_id: int | None = None) -> list:
    column = model.case_id if case_id is not None else model.ticket_id
    key = case_id if case_id is not None else ticket_id
    return list(session.scalars(select(model).where(column == key).order_by(model.position, model.id)))


def _inspector(user) -> dict[str, Any] | None:
    if user is None:
        return None
    return {"name": person_name(user.display_name), "certificate_no": _blank_to_none(user.certificate_no),
            "username": user.username}


# --- clocks and periods --------------------------------------------------------------------------------

_UNIT_TEXT = {"workdays": "个工作日", "calendar_days": "日", "months": "个月"}


def _periods(session) -> dict[str, dict[str, Any]]:
    from app.deadlines.models import ClockRuleRecord
    from engine.clocks import GUANGDONG_DEFAULTS

    periods = {r.code: {"name": r.name, "amount": r.amount, "unit": str(r.unit)} for r in GUANGDONG_DEFAULTS}
    for record in session.scalars(select(ClockRuleRecord)):
        periods[record.code] = {"name": record.name, "amount": record.amount, "unit": record.unit}
    for period in periods.values():
        period["text"] = f"{period['amount']}{_UNIT_TEXT.get(period['unit'], '日')}"
    return periods


def _clocks(session, *, business_type: str, business_id: int, calendar, today: date) -> dict[str, dict[str, Any]]:
    from app.deadlines.models import LegalClock
    from app.deadlines.service import state_of

    clocks: dict[str, dict[str, Any]] = {}
    stmt = select(LegalClock).where(LegalClock.business_type == business_type,
                                    LegalClock.business_id == business_id).order_by(LegalClock.id)
    for clock in session.scalars(stmt):
        due = clock.due_on
        if calendar is not None:
            try:
                due = state_of(clock, calendar=calendar, today=today).due
            except Exception:  # an unconfirmed calendar year: keep the stored due date
                log.debug("clock %s: using the stored due date", clock.id, exc_info=True)
        clocks[clock.rule_code] = {"name": clock.rule.name if clock.rule else clock.rule_code, "start_on": clock.start_on,
                                   "due": due, "state": clock.state, "extended": clock.extended}
    return clocks


def _deadline_dates(raw: Mapping[str, Any]) -> dict[str, date]:
    found: dict[str, date] = {}
    for code, value in raw.items():
        try:
            day = _to_date(value)
        except (ValueError, TypeError):
            continue
        if day is not None:
            found[code] = day
    return found


def _today() -> date:
    try:
        from flask import current_app

        return current_app.extensions["workflow"].clock.now().astimezone(CHINA).date()
    except (RuntimeError, KeyError, AttributeError):
        return datetime.now(CHINA).date()


# --- derived values per procedure ------------------------------------------------------------------------

def _first(*values: Any) -> Any:
    for value in values:
        if not is_blank(value):
            return value
    return None


def _derived(data: Mapping[str, Any], labels: Mapping[str, str], deadlines: Mapping[str, date],
             case: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    g = data.get
    fine = _first(g("decided_fine"), g("deliberation_fine") if g("deliberation_conclusion") == "adjust" else None,
                  g("fine_amount"), g("proposed_fine"))
    surcharge = g("surcharge_amount")
    total_due = None
    if fine is not None:
        try:
            total_due = to_decimal(fine) + (to_decimal(surcharge) if not is_blank(surcharge) else Decimal(0))
        except ValueError:
            total_due = None
    penalty = {
        "proposed_fine": _first(g("fine_amount"), g("proposed_fine")),
        "fine": fine, "surcharge": surcharge, "total_due": _first(g("demand_amount"), total_due),
        "project_stoppage": bool(g("project_stoppage")), "hearing_right": bool(g("hearing_right")),
        "severity": labels.get("severity"), "facts": g("violation_facts"), "evidence": g("evidence_summary"),
        "violated_provision": g("violated_provision"), "penalty_provision": g("penalty_provision"),
        "discretion_reason": g("discretion_reason"), "proposed_on": g("proposed_on"),
        "prior_notice_number": g("prior_notice_no"), "prior_notice_date": g("notice_issued_on"),
        "prior_notice_served_on": g("notice_service_date"), "statement_status": labels.get("statement_status"),
        "statement": g("statement_summary"), "statement_review": labels.get("statement_review_result"),
        "statement_review_opinion": g("statement_review_opinion"), "hearing_requested": g("hearing_requested"),
        "decision_number": g("penalty_decision_no"), "decision_date": g("penalty_decision_date"),
        "decision_served_on": g("decision_service_date"), "payment_due": deadlines.get("fine_payment"),
        "statement_due": deadlines.get("statement_defence"), "hearing_request_due": deadlines.get("hearing_request"),
    }
    handling = {
        "facts": _first(g("facts"), g("findings")), "legal_basis": g("legal_basis"),
        "proposed_amount": _first(g("proposed_amount"), g("amount_owed")),
        "amount": _first(g("decided_amount"), g("proposed_amount"), g("amount_owed")),
        "pay_by": g("pay_by"), "notice_number": g("notice_no"), "notice_served_on": g("notice_served_on"),
        "statement_made": labels.get("statement_made"), "statement": g("statement_content"),
        "statement_adopted": labels.get("statement_adopted"), "review_note": g("review_note"),
        "decision_number": g("decision_no"), "statement_due": deadlines.get("statement_defence"),
    }
    rectification = {
        "facts": _first(g("findings"), case.get("summary")), "legal_basis": g("legal_basis"),
        "amount": _first(g("amount_owed"), case.get("amount")),
        "worker_count": _first(g("worker_count"), case.get("people_count")),
        "migrant_worker_count": _first(g("migrant_worker_count"), case.get("migrant_worker_count")),
        "rectify_by": g("rectify_by"), "order_number": g("order_no"), "issued_on": g("issued_on"),
    }
    no_penalty = {
        "ground": _first(labels.get("no_penalty_basis"), labels.get("no_penalty_ground")),
        "facts": _first(g("violation_facts"), g("findings"), case.get("summary")),
    }
    return {"penalty": penalty, "handling": handling, "rectification": rectification, "no_penalty": no_penalty}


# --- the contexts -------------------------------------------------------------------------------------------

def _org(settings: DocumentSettings, periods: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    return {
        "name": settings.issuing_body, "number_prefix": settings.number_prefix,
        "address": settings.address or None, "phone": settings.phone or None, "postcode": settings.postcode or None,
        "reconsideration_body": settings.reconsideration_body, "court": settings.court,
        "payment_bank": settings.payment_bank or None,
        "reconsideration_days": periods.get("reconsideration", {}).get("amount", 60),
        "litigation_months": periods.get("litigation", {}).get("amount", 6),
    }


def _ticket_dict(ticket, names: Mapping[int, str]) -> dict[str, Any]:
    return {
        "id": ticket.id, "number": ticket.number, "received_at": _to_datetime(ticket.received_at),
        "channel": CHANNEL_LABELS.get(ticket.channel, ticket.channel), "channel_code": ticket.channel,
        "project_nature": form_fields().enums.get("project_nature", {}).get(ticket.project_nature,
                                                                           ticket.project_nature),
        "project_name": ticket.project_name, "respondent_name": ticket.respondent_name,
        "complainant_name": ticket.complainant_name, "complainant_phone": ticket.complainant_phone,
        "summary": ticket.summary, "people_count": ticket.people_count, "amount": ticket.amount,
        "migrant_worker_count": ticket.migrant_worker_count, "status": ticket.status_label,
        "status_code": ticket.status, "registered_by": names.get(ticket.registered_by_id),
        "conclusion_note": ticket.conclusion_note,
    }


def _base(session, *, settings, calendar, process_data, business_type: str, business_id: int,
          parties_rows, complainant_rows, fallback_party: str | None, fallback_complainant: tuple,
          user_ids: Iterable[int | None]) -> dict[str, Any]:
    from app.auth.models import User

    today = _today()
    data = typed_data(process_data or {})
    fields = form_fields()
    usernames = [v for k, v in data.items() if k in fields.users or k in ("handler", "co_handler")]
    user_names = _user_names(session, usernames)
    labels = _labels(data, user_names)
    ids = [i for i in user_ids if i]
    users = {u.id: u for u in session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}

    parties = [party_dict(p) for p in parties_rows]
    if not parties and fallback_party:
        parties = [_fallback_party(fallback_party)]
    complainants = [complainant_dict(c) for c in complainant_rows]
    if not complainants:
        fallback = _fallback_complainant(*fallback_complainant)
        complainants = [fallback] if fallback else []

    periods = _periods(session)
    clocks = _clocks(session, business_type=business_type, business_id=business_id, calendar=calendar, today=today)
    deadlines = {code: clock["due"] for code, clock in clocks.items() if clock["due"]}
    deadlines.update(_deadline_dates(data["deadlines"]))
    data["deadlines"] = dict(deadlines)
    return {
        "org": _org(settings, periods), "today": today, "data": data, "labels": labels, "deadlines": deadlines,
        "clocks": clocks, "periods": periods, "parties": parties,
        "party": principal_party(parties, data.get("party_kind")),
        "responsible_person": next((p for p in parties if p["role"] == "responsible_person"), None),
        "complainants": complainants, "complainant": complainants[0] if complainants else None,
        "documents": [], "_users": users,
    }


def case_context(session, case, *, settings: DocumentSettings, calendar, process_data: Mapping[str, Any]) -> dict:
    """The context of a case's documents (see docs/documents.md for every key)."""
    from app.parties.models import Complainant, Party
    from app.tickets.models import Ticket

    ticket = session.get(Ticket, case.ticket_id) if case.ticket_id else None
    base = _base(
        session, settings=settings, calendar=calendar, process_data=process_data, business_type="case",
        business_id=case.id, parties_rows=_rows(session, Party, case_id=case.id),
        complainant_rows=_rows(session, Complainant, case_id=case.id), fallback_party=case.respondent_name,
        fallback_complainant=(case.complainant_name, case.complainant_phone),
        user_ids=[case.handler_id, case.co_handler_id, ticket.registered_by_id if ticket else None],
    )
    users = base.pop("_users")
    names = {uid: person_name(u.display_name) for uid, u in users.items()}
    inspectors = [i for i in (_inspector(users.get(case.handler_id)), _inspector(users.get(case.co_handler_id))) if i]
    data, labels, deadlines = base["data"], base["labels"], base["deadlines"]
    outcome = data.get("outcome") or case.outcome
    case_dict = {
        "id": case.id, "number": case.number, "year": case.year,
        "cause": _first(case.case_cause, data.get("case_cause"), "拖欠劳动者工资"),
        "source": CHANNEL_LABELS.get(case.source, case.source), "source_code": case.source,
        "filed_on": _first(case.filed_on, data.get("filed_on")), "project_name": case.project_name,
        "respondent_name": case.respondent_name, "summary": case.summary,
        "facts": _first(data.get("violation_facts"), data.get("findings"), data.get("facts"), case.summary),
        "people_count": case.people_count, "amount": case.amount, "migrant_worker_count": case.migrant_worker_count,
        "handler": names.get(case.handler_id), "co_handler": names.get(case.co_handler_id),
        "handlers": "、".join(i["name"] for i in inspectors if i["name"]) or None,
        "team": case.team, "status": case.status_label, "status_code": case.status, "stage": case.stage,
        "outcome": OUTCOME_LABELS.get(outcome, outcome) if outcome else None, "outcome_code": outcome,
        "decided_on": case.decided_on, "closed_on": _first(case.closed_on, data.get("closed_on")),
        "decision_due": deadlines.get("decision"), "received_at": _to_datetime(ticket.received_at) if ticket else None,
        "ticket_number": ticket.number if ticket else None,
    }
    context = {
        **base, "case": case_dict, "ticket": _ticket_dict(ticket, names) if ticket else None,
        "inspectors": inspectors, "inspector_names": case_dict["handlers"],
    }
    context.update(_derived(data, labels, deadlines, case_dict))
    return context


def ticket_context(session, ticket, *, settings: DocumentSettings, calendar, process_data: Mapping[str, Any]) -> dict:
    """The context of a ticket's documents: as a case's, with `case` set to the case the ticket became
    (or None) and `inspectors` the ticket's handler."""
    from app.auth.models import User
    from app.parties.models import Complainant, Party

    base = _base(
        session, settings=settings, calendar=calendar, process_data=process_data, business_type="ticket",
        business_id=ticket.id, parties_rows=_rows(session, Party, ticket_id=ticket.id),
        complainant_rows=_rows(session, Complainant, ticket_id=ticket.id), fallback_party=ticket.respondent_name,
        fallback_complainant=(ticket.complainant_name, ticket.complainant_phone), user_ids=[ticket.registered_by_id],
    )
    users = base.pop("_users")
    names = {uid: person_name(u.display_name) for uid, u in users.items()}
    handler = base["data"].get("handler")
    handler_user = session.scalar(select(User).where(User.username == handler)) if isinstance(handler, str) else None
    from app.cases.models import Case

    case = session.scalar(select(Case).where(Case.ticket_id == ticket.id))
    inspectors = [i for i in (_inspector(handler_user),) if i]
    context = {
        **base, "ticket": _ticket_dict(ticket, names),
        "case": {"id": case.id, "number": case.number} if case else None,
        "inspectors": inspectors, "inspector_names": "、".join(i["name"] for i in inspectors if i["name"]) or None,
    }
    context.update(_derived(base["data"], base["labels"], base["deadlines"], {
        "summary": ticket.summary, "amount": ticket.amount, "people_count": ticket.people_count,
        "migrant_worker_count": ticket.migrant_worker_count}))
    return context


# --- one document ---------------------------------------------------------------------------------------------

class DocumentInputError(ValueError):
    """An input the officer typed does not fit its type; `label` names the field in Chinese."""

    def __init__(self, name: str, label: str, message: str):
        super().__init__(f"{label}：{message}")
        self.name, self.label = name, label


def _typed_input(spec, value: Any) -> Any:
    if is_blank(value):
        return None
    try:
        if spec.type == "date":
            return _to_date(value)
        if spec.type == "datetime":
            return _to_datetime(value)
        if spec.type == "money":
            amount = to_decimal(value)
            if amount < 0:
                raise ValueError
            return amount
        if spec.type == "integer":
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError
            return int(value)
    except (ValueError, TypeError, ArithmeticError):
        expected = {"date": "日期（年-月-日）", "datetime": "日期时间", "money": "金额", "integer": "整数"}[spec.type]
        raise DocumentInputError(spec.name, spec.label, f"请输入有效的{expected}") from None
    text = str(value).strip() if not isinstance(value, str) else value.strip()
    return text


def document_context(base: dict, *, kind: DocumentKind, number: str | None, issued_on: date,
                     inputs: Mapping[str, Any], version: int) -> dict:
    """`base` plus `doc` (number, name, issued_on, version …) and `input`: the officer's inputs typed
    per the registry. An input left empty takes the process data's value of the same name (its Chinese
    label for a coded value), so a document generated after its step's form is saved needs no retyping."""
    inputs = dict(inputs or {})
    data, labels = base.get("data") or {}, base.get("labels") or {}
    typed: dict[str, Any] = {}
    for spec in kind.inputs:
        value = inputs.pop(spec.name, None)
        if is_blank(value):
            value = labels.get(spec.name) if spec.name in labels and spec.type in ("string", "text") else None
            if value is None:
                value = data.get(spec.name)
        typed[spec.name] = _typed_input(spec, value)
    for name, value in inputs.items():  # not declared: kept as given
        typed[name] = value
    doc = {"code": kind.code, "name": kind.name, "number": number, "issued_on": issued_on, "version": version,
           "stage": kind.stage, "served": kind.served}
    documents = paginate(base.get("documents") or [])
    return {**base, "doc": doc, "input": typed, "documents": documents,
            "case_file": _case_file(documents, base.get("voided_count"), base.get("pages_note"))}


def paginate(documents: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The case file's documents as the cover and the index read them. Each entry may give `number`,
    `name` (or `title`), `responsible` (or `issuer`; 责任者), `issued_on`, `pages` and `remark` (or
    `note`); it gets `seq` (1, 2 …) and, when every earlier entry has a page count, its page numbers
    in the file: `page_from`, `page_to` and `page_range` ("3" or "3-4", 页号)."""
    result: list[dict[str, Any]] = []
    page: int | None = 1
    for index, entry in enumerate(documents, start=1):
        item = dict(entry)
        item.setdefault("seq", index)
        item["name"] = _first(item.get("name"), item.get("title"))
        item["responsible"] = _first(item.get("responsible"), item.get("issuer"))
        item["remark"] = _first(item.get("remark"), item.get("note"))
        pages = item.get("pages")
        item["pages"] = pages if isinstance(pages, int) and not isinstance(pages, bool) and pages > 0 else None
        item["page_from"] = item["page_to"] = item["page_range"] = None
        if item["pages"] and page is not None:
            item["page_from"], item["page_to"] = page, page + item["pages"] - 1
            item["page_range"] = str(page) if item["pages"] == 1 else f"{page}-{item['page_to']}"
            page += item["pages"]
        else:
            page = None  # an unknown count: the later page numbers are unknown too
        result.append(item)
    return result


def _case_file(documents: list[dict[str, Any]], voided: Any, pages_note: Any = None) -> dict[str, Any]:
    known = all(d["pages"] for d in documents)
    return {"count": len(documents), "pages": sum(d["pages"] for d in documents) if known and documents else None,
            "voided": voided, "pages_note": pages_note or None}


# --- required fields ---------------------------------------------------------------------------------------------

# required only when the party is a unit (a person has no 法定代表人 or 统一社会信用代码)
_ORGANISATION_ONLY = frozenset({"party.legal_representative", "party.credit_code"})
_ABSENT = object()


def resolve(context: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted path (`data.penalty_amount`, `party.credit_code`, `inspectors.0.name`)."""
    value: Any = context
    for part in path.split("."):
        if isinstance(value, Mapping):
            value = value.get(part, _ABSENT)
        elif isinstance(value, (list, tuple)) and part.isdigit():
            index = int(part)
            value = value[index] if index < len(value) else _ABSENT
        else:
            value = getattr(value, part, _ABSENT)
        if value is _ABSENT or value is None:
            return None
    return value


def missing_fields(kind: DocumentKind, context: Mapping[str, Any]) -> list[str]:
    """The Chinese labels of `kind.required` whose value is absent or blank, in registry order."""
    missing: list[str] = []
    party = context.get("party") or {}
    for path, label in kind.required:
        if path in _ORGANISATION_ONLY and isinstance(party, Mapping) and party and not party.get("is_organisation"):
            continue
        if is_blank(resolve(context, path)):
            missing.append(label)
    return missing
