"""Register tickets, start their intake process, keep their stage in step."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import service as audit
from app.auth.models import User
from app.cases import periods
from app.cases import service as cases
from app.deadlines import flows as deadline_flows
from app.deadlines import service as clocks
from app.errors import NotFound, ValidationFailed
from app.forms import date_order
from app.forms import service as forms_service
from app.forms.registry import FormRegistry
from app.numbering.service import issue_number
from app.parties import duplicates
from app.parties import service as parties
from app.tickets.models import Ticket
from app.workflow import hooks
from app.workflow import service as workflow
from app.workflow.environment import WorkflowEnvironment

INTAKE_PROCESS = "ticket_intake"
REGISTRATION_FORM = "ticket_registration"
ACCEPTANCE_RULE = "acceptance"  # 5 working days to accept, reject or refer (GD Art. 39)


def _received_at(value: str, tz: ZoneInfo) -> datetime:
    parsed = datetime.fromisoformat(value)
    if isinstance(parsed, datetime) and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    return parsed


def validated(session: Session, *, registry: FormRegistry, raw: dict[str, Any],
              env: WorkflowEnvironment | None = None) -> dict[str, Any]:
    """Registration data checked by the form (every complainant and party row) and by the rule that
    some unit owes the wages; the earlier single-party payload is read as one party, one complainant.
    With `env` (what a clerk submits), the form's dates are also checked against today (app/forms/date_order.py:
    a complaint cannot be received in the future)."""
    payload = parties.legacy_payload(raw)
    try:
        data = forms_service.validated(session, registry=registry, form_key=REGISTRATION_FORM, data=payload)
        if env is not None:
            date_order.check_now(env, registry.get(REGISTRATION_FORM), data)
        parties.check_owing_unit(data)
    except ValidationFailed as err:
        if payload is not raw and isinstance(raw, dict):  # errors under the names the caller sent
            err.fields = {parties.LEGACY_ERROR_KEYS.get(k, k): v for k, v in err.fields.items()
                          if parties.LEGACY_ERROR_KEYS.get(k, k) in raw or k not in parties.LEGACY_ERROR_KEYS}
        raise
    return data


def register(
    session: Session, *, env: WorkflowEnvironment, data: dict[str, Any], user: User,
) -> Ticket:
    """Create a ticket from validated registration data (see `validated`) with its parties and
    complainants, start its acceptance clock and intake process."""
    parties.check_owing_unit(data)
    now, tz, calendar = env.clock.now(), env.tz, env.calendar()
    received = _received_at(data["received_at"], tz)
    year = received.astimezone(tz).year
    number, seq = issue_number(session, kind="ticket", year=year)
    party_rows, people = parties.parties_from(data), parties.complainants_from(data)
    ticket = Ticket(
        number=number, year=year, sequence=seq,
        channel=data["channel"], project_nature=data.get("project_nature"), received_at=received,
        project_name=parties.normalise_project_name(data["project_name"]),
        respondent_name=parties.respondent_summary(party_rows)[:200],
        complainant_name=people[0].name, complainant_phone=people[0].phone or "",
        summary=data["summary"], people_count=data["people_count"], amount=Decimal(data["amount"]),
        migrant_worker_count=data.get("migrant_worker_count", 0), registered_by_id=user.id,
        created_at=now, updated_at=now, **parties.team_leader_values(data),
    )
    session.add(ticket)
    session.flush()
    parties.save_for_ticket(session, ticket, data)
    received_on = received.astimezone(tz).date()
    acceptance = clocks.start(
        session, calendar=calendar, rule_code=ACCEPTANCE_RULE, business_type="ticket", business_id=ticket.id,
        business_number=ticket.number, start_on=received_on, today=now.astimezone(tz).date(),
    )
    start_data = {"ticket_id": ticket.id, "received_on": received_on.isoformat(),
                  "deadlines": deadline_flows.deadlines_data([acceptance], tz)}
    workflow.start(
        session, env=env, process_key=INTAKE_PROCESS,
        business=workflow.BusinessRef(type="ticket", id=ticket.id, number=ticket.number,
                                      title=f"{ticket.project_name}（{ticket.respondent_name}）"),
        data=start_data,
    )
    audit.record(
        session, user_id=user.id, action="ticket.register", object_type="ticket", object_id=ticket.id,
        detail={"number": ticket.number, **registration_audit(data)},
    )
    return ticket


def registration_audit(data: dict[str, Any]) -> dict[str, Any]:
    """What the audit log keeps of a registration: the facts and names, no phone or ID number."""
    detail = {k: v for k, v in data.items()
              if k not in parties.GROUP_ROLES and k not in (parties.COMPLAINANTS, "team_leader_phone")}
    detail["complainants"] = [row["name"] for row in data.get(parties.COMPLAINANTS) or []]
    for group in parties.GROUP_ROLES:
        if data.get(group):
            detail[group] = [row["name"] for row in data[group]]
    return detail


def get(session: Session, *, ticket_id: int) -> Ticket:
    ticket = session.get(Ticket, ticket_id)
    if ticket is None:
        raise NotFound("工单不存在")
    return ticket


def recent(session: Session, *, limit: int = 50) -> list[Ticket]:
    return list(session.scalars(select(Ticket).order_by(Ticket.id.desc()).limit(limit)))


def project_intake(session: Session, env: WorkflowEnvironment, snapshot: hooks.InstanceSnapshot) -> None:
    """Keep the ticket's status and stage equal to its intake process."""
    ticket = session.get(Ticket, snapshot.business_id)
    if ticket is None:
        return
    if snapshot.completed:
        ticket.status = snapshot.data.get("outcome", "accepted")
        ticket.stage = "已办结"
        ticket.conclusion_note = snapshot.data.get("verification_notes")
        if ticket.status in ("accepted", "deemed_accepted"):
            if cases.for_ticket(session, ticket_id=ticket.id) is None:
                cases.open_from_ticket(session, env=env, ticket=ticket)
                ticket.stage = "已转立案审批"
    else:
        ticket.status = "open"
        ticket.stage = "、".join(view.title for view in snapshot.ready)[:128]
    if snapshot.data.get("outcome") == "duplicate" and snapshot.data.get("duplicate_of"):
        duplicates.record_merge(session, ticket=ticket, number=snapshot.data["duplicate_of"], user_id=None)
    restart_periods(session, env, ticket, snapshot)
    handler = snapshot.data.get("handler")
    for clock in clocks.clocks_for(session, business_type="ticket", business_id=ticket.id):
        if snapshot.completed and clock.stopped_on is None:
            clocks.stop(clock, stopped_on=snapshot.today)
        elif handler and clock.responsible_id is None:
            clocks.set_responsible(session, clock, username=handler)


def restart_periods(session: Session, env: WorkflowEnvironment, ticket: Ticket, snapshot: hooks.InstanceSnapshot) -> None:
    """`clockStart` on an intake task restarts a ticket clock from a date of its data: 补正材料 received
    (supplement_received=yes) starts the acceptance period anew on supplement_received_on (GD Art. 39, the
    bureau's reading: the complete materials are received that day). The BPMN moves its own timer with
    `deadlines["acceptance"] = rule_deadline(...)`; the running clock stops and a new one starts from that day."""
    for task in snapshot.finished:
        for start in periods.parse_starts(task.properties.get(periods.START, "")):
            raw = task.data.get(start.date_field)
            if not start.applies(task.data) or not raw:
                continue
            start_on = date.fromisoformat(str(raw)[:10])
            running = [c for c in clocks.clocks_for(session, business_type="ticket", business_id=ticket.id)
                       if c.rule_code == start.rule_code and c.stopped_on is None]
            if any(c.start_on == start_on for c in running):
                continue
            responsible = next((c.responsible_id for c in running), None)
            for clock in running:
                clocks.stop(clock, stopped_on=max(snapshot.today, clock.start_on),
                            reason=f"自{start_on.isoformat()}起重新起算")
            clocks.start(session, calendar=env.calendar(), rule_code=start.rule_code, business_type="ticket",
                         business_id=ticket.id, business_number=ticket.number, start_on=start_on,
                         today=snapshot.today, responsible_id=responsible)


hooks.register_projector("ticket", project_intake)
