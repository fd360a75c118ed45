"""Register tickets, start their intake process, keep their stage in step."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import service as audit
from app.auth.models import User
from app.cases import service as cases
from app.deadlines import flows as deadline_flows
from app.deadlines import service as clocks
from app.errors import NotFound
from app.numbering.service import issue_number
from app.tickets.models import Ticket
from app.workflow import hooks
from app.workflow import service as workflow
from app.workflow.environment import WorkflowEnvironment

INTAKE_PROCESS = "ticket_intake"
ACCEPTANCE_RULE = "acceptance"  # 5 working days to accept, reject or refer (GD Art. 39)


def _received_at(value: str, tz: ZoneInfo) -> datetime:
    parsed = datetime.fromisoformat(value)
    if isinstance(parsed, datetime) and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    return parsed


def register(
    session: Session, *, env: WorkflowEnvironment, data: dict[str, Any], user: User,
) -> Ticket:
    """Create a ticket from validated registration data, start its acceptance clock and intake process."""
    now, tz, calendar = env.clock.now(), env.tz, env.calendar()
    received = _received_at(data["received_at"], tz)
    year = received.astimezone(tz).year
    number, seq = issue_number(session, kind="ticket", year=year)
    ticket = Ticket(
        number=number, year=year, sequence=seq,
        channel=data["channel"], project_nature=data.get("project_nature"), received_at=received,
        project_name=data["project_name"], respondent_name=data["respondent_name"],
        complainant_name=data["complainant_name"], complainant_phone=data["complainant_phone"],
        summary=data["summary"], people_count=data["people_count"], amount=Decimal(data["amount"]),
        migrant_worker_count=data.get("migrant_worker_count", 0), registered_by_id=user.id,
        created_at=now, updated_at=now,
    )
    session.add(ticket)
    session.flush()
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
        detail={"number": ticket.number, **{k: v for k, v in data.items() if k != "complainant_phone"}},
    )
    return ticket


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
    handler = snapshot.data.get("handler")
    for clock in clocks.clocks_for(session, business_type="ticket", business_id=ticket.id):
        if snapshot.completed and clock.stopped_on is None:
            clocks.stop(clock, stopped_on=snapshot.today)
        elif handler and clock.responsible_id is None:
            clocks.set_responsible(session, clock, username=handler)


hooks.register_projector("ticket", project_intake)
