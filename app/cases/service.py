"""Open cases from accepted tickets, number them, find them."""
from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.cases.models import Case
from app.errors import NotFound
from app.numbering.service import issue_number
from app.parties import service as parties
from app.search import matching
from app.tickets.models import Ticket
from app.workflow import service as workflow
from app.workflow.environment import WorkflowEnvironment

CASE_PROCESS = "case_handling"


def open_from_ticket(
    session: Session, *, env: WorkflowEnvironment, ticket: Ticket,
) -> Case:
    """An accepted (or deemed accepted) ticket becomes a case awaiting 立案审批."""
    now = env.clock.now()
    year = now.astimezone(env.tz).year
    number, seq = issue_number(session, kind="case", year=year)
    registrar = session.get(User, ticket.registered_by_id) if ticket.registered_by_id else None
    case = Case(
        number=number, year=year, sequence=seq, ticket_id=ticket.id,
        source=ticket.channel, project_name=ticket.project_name, respondent_name=ticket.respondent_name,
        complainant_name=ticket.complainant_name, complainant_phone=ticket.complainant_phone,
        summary=ticket.summary, people_count=ticket.people_count, amount=ticket.amount,
        migrant_worker_count=ticket.migrant_worker_count, team=registrar.team if registrar else None,
        team_leader_name=ticket.team_leader_name, team_leader_phone=ticket.team_leader_phone,
        created_at=now, updated_at=now,
    )
    session.add(case)
    session.flush()
    parties.copy_to_case(session, ticket=ticket, case=case)
    workflow.start(
        session, env=env, process_key=CASE_PROCESS,
        business=workflow.BusinessRef(type="case", id=case.id, number=case.number,
                                      title=f"{case.project_name}（{case.respondent_name}）", team=case.team),
        data={"case_id": case.id, "case_no": case.number, "complainant_name": case.complainant_name or "",
              "respondent_name": case.respondent_name, "deadlines": {}},
    )
    return case


def get(session: Session, *, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound("案件不存在")
    return case


def for_ticket(session: Session, *, ticket_id: int) -> Case | None:
    return session.scalar(select(Case).where(Case.ticket_id == ticket_id))


def visible_cases(session: Session, *, user: User, query: str = "", limit: int = 100) -> list[Case]:
    """Cases the user may see, newest first; `query` matches as the search does (app/search/matching.py):
    number, project, any party's name or credit code, any complainant's name, phone or ID number."""
    stmt = select(Case)
    if not user.has_permission("case.view_all"):
        stmt = stmt.where(or_(Case.handler_id == user.id, Case.co_handler_id == user.id, Case.team == user.team,
                              Case.team.is_(None)))
    text = query.strip()
    if len(text) >= 2:
        newest = sorted(matching.case_ids(session, text), reverse=True)[:matching.ROW_LIMIT]
        stmt = stmt.where(Case.id.in_(newest))
    elif text:  # one character: the summary columns
        stmt = stmt.where(or_(*(column.contains(text, autoescape=True) for column in (
            Case.number, Case.project_name, Case.respondent_name, Case.complainant_name))))
    return list(session.scalars(stmt.order_by(Case.id.desc()).limit(limit)))
