"""Pages: a case's 当事人与投诉人 (/cases/<id>/parties) with corrections and 回避 applications,
and the block the case page and the ticket page include."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.auth.models import User
from app.auth.permissions import has_permission, requires
from app.cases.flows import officers, visible_case
from app.cases.models import Case
from app.context import forms
from app.errors import Conflict, Forbidden, NotFound, ValidationFailed
from app.extensions import db
from app.forms.html import posted_values
from app.parties import duplicates, hmt, recusal
from app.parties import service as parties
from app.parties.models import PARTY_ROLES, Recusal
from app.roster.service import may_edit_case_records, may_see_personal_data
from app.search.service import may_see_phone
from app.tasks.service import users_by_id
from app.tickets.models import Ticket

bp = Blueprint("parties", __name__, url_prefix="/cases")


@dataclass(frozen=True)
class PartiesView:
    case: Case
    parties: list[parties.PartyRow]
    complainants: list[parties.ComplainantRow]
    team_leader: parties.TeamLeader
    unmasked: bool
    may_edit: bool
    hmt: hmt.HmtInvolvement
    recusals: list[Recusal]
    recused_holders: list[User]
    people: dict[int, User]


def parties_view(case: Case, user: User) -> PartiesView:
    unmasked = may_see_personal_data(user, case)
    party_records = parties.parties_of(db.session, case_id=case.id)
    complainant_records = parties.complainants_of(db.session, case_id=case.id)
    rows = [parties.party_row(p, unmasked=unmasked) for p in party_records]
    people = [parties.complainant_row(c, unmasked=unmasked) for c in complainant_records]
    recusals = recusal.recusals(db.session, case_id=case.id)
    users = users_by_id(db.session, {r.user_id for r in recusals} | {r.requested_by_id for r in recusals}
                        | {r.decided_by_id for r in recusals if r.decided_by_id})
    return PartiesView(case, rows, people, parties.team_leader(case, unmasked=unmasked), unmasked,
                       may_edit_case_records(user, case),
                       hmt.involvement(party_records, complainant_records, case.team_leader_phone), recusals,
                       recusal.recused_holders(db.session, case), users)


@bp.app_template_global()
def case_parties_block(case: Case) -> PartiesView:
    """For the include on the case page (parties/_case_block.html)."""
    return parties_view(case, current_user)


@dataclass(frozen=True)
class TicketPartiesView:
    parties: list[parties.PartyRow]
    complainants: list[parties.ComplainantRow]
    team_leader: parties.TeamLeader
    unmasked: bool
    hmt: hmt.HmtInvolvement
    matches: list[duplicates.Match]
    links: list


@bp.app_template_global()
def ticket_parties_block(ticket: Ticket) -> TicketPartiesView:
    """For the include on the ticket page (parties/_ticket_block.html): parties, complainants, 疑似重复投诉."""
    unmasked = may_see_phone(current_user)
    party_records = parties.parties_of(db.session, ticket_id=ticket.id)
    complainant_records = parties.complainants_of(db.session, ticket_id=ticket.id)
    return TicketPartiesView(
        [parties.party_row(p, unmasked=unmasked) for p in party_records],
        [parties.complainant_row(c, unmasked=unmasked) for c in complainant_records],
        parties.team_leader(ticket, unmasked=unmasked),
        unmasked,
        hmt.involvement(party_records, complainant_records, ticket.team_leader_phone),
        duplicates.for_ticket(db.session, ticket, unmasked=unmasked) if ticket.status == "open" else [],
        duplicates.links_of(db.session, ticket_id=ticket.id),
    )


@bp.app_template_global()
def ticket_duplicate_matches(ticket_id: int) -> list[duplicates.Match]:
    """For the verify task page (parties/_task_duplicates.html): the open tickets/cases this one may repeat."""
    ticket = db.session.get(Ticket, ticket_id)
    if ticket is None or ticket.status != "open":
        return []
    return duplicates.for_ticket(db.session, ticket, unmasked=may_see_phone(current_user))


def _editable(case_id: int) -> Case:
    case = visible_case(db.session, case_id=case_id, user=current_user)
    if not may_edit_case_records(current_user, case):
        raise Forbidden("只有本案承办执法人员或科长可以更正当事人与投诉人")
    return case


@bp.get("/<int:case_id>/parties")
@requires(has_permission("ticket.view"))
def index(case_id: int):
    case = visible_case(db.session, case_id=case_id, user=current_user)
    view = parties_view(case, current_user)
    return render_template("parties/index.html", view=view, case=case, roles=PARTY_ROLES,
                           officers=officers(db.session) if recusal.may_decide(current_user) else [],
                           may_decide=recusal.may_decide(current_user))


def _edit_page(case: Case, *, kind: str, role: str | None, item_id: int | None, values: dict, errors: dict,
               status: int = 200):
    if kind == "team_leader":
        form, heading = parties.team_leader_form(forms()), "更正班组长"
    else:
        form = parties.complainant_form(forms()) if kind == "complainant" else parties.party_form(forms(), role)
        heading = ("更正" if item_id else "添加") + PARTY_ROLES.get(role or "", "投诉人")
    return render_template("parties/edit.html", case=case, form=form, kind=kind, role=role, item_id=item_id,
                           heading=heading, values=values, errors=errors), status


def _party_values(party) -> dict:
    return {name: getattr(party, name) for name in parties.PARTY_FIELDS + ("role",)}


@dataclass
class Submission:
    """What a POST of an edit page came to: the redirect once saved, else the page's values and errors."""

    values: dict
    errors: dict = field(default_factory=dict)
    status: int = 200
    done: Response | None = None


def _submit(case: Case, form, save: Callable[[dict], object], done: Callable[[object], str]) -> Submission:
    """Save the posted form with `save` and commit, then back to the tab with `done(saved)`; a refusal keeps
    what was typed and shows the errors beside the fields (400), nothing saved."""
    values = posted_values(form, request.form)
    try:
        saved = save(values)
        db.session.commit()
    except ValidationFailed as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return Submission(values, exc.fields, 400)
    flash(done(saved), "success")
    return Submission(values, done=redirect(url_for("parties.index", case_id=case.id)))


@bp.route("/<int:case_id>/parties/new", methods=["GET", "POST"])
@requires(has_permission("ticket.view"))
def add_party(case_id: int):
    case = _editable(case_id)
    role = request.values.get("role", "")
    if role not in PARTY_ROLES:
        raise NotFound("当事人类别无效")
    sent = Submission({})
    if request.method == "POST":
        sent = _submit(case, parties.party_form(forms(), role),
                       lambda data: parties.add_party(db.session, registry=forms(), case=case, user=current_user,
                                                      role=role, data=data),
                       lambda party: f"已添加{party.role_label}：{party.name}")
    return sent.done or _edit_page(case, kind="party", role=role, item_id=None, values=sent.values,
                                   errors=sent.errors, status=sent.status)


@bp.route("/<int:case_id>/parties/<int:party_id>/edit", methods=["GET", "POST"])
@requires(has_permission("ticket.view"))
def edit_party(case_id: int, party_id: int):
    case = _editable(case_id)
    party = next((p for p in parties.parties_of(db.session, case_id=case.id) if p.id == party_id), None)
    if party is None:
        raise NotFound("当事人不存在")
    sent = Submission(_party_values(party))
    if request.method == "POST":
        sent = _submit(case, parties.party_form(forms(), party.role),
                       lambda data: parties.update_party(db.session, registry=forms(), case=case, user=current_user,
                                                         party_id=party_id, data=data),
                       lambda _: "当事人信息已更正")
    return sent.done or _edit_page(case, kind="party", role=party.role, item_id=party_id, values=sent.values,
                                   errors=sent.errors, status=sent.status)


@bp.route("/<int:case_id>/complainants/new", methods=["GET", "POST"])
@bp.route("/<int:case_id>/complainants/<int:complainant_id>/edit", methods=["GET", "POST"])
@requires(has_permission("ticket.view"))
def edit_complainant(case_id: int, complainant_id: int | None = None):
    case = _editable(case_id)
    person = None
    if complainant_id is not None:
        person = next((c for c in parties.complainants_of(db.session, case_id=case.id) if c.id == complainant_id), None)
        if person is None:
            raise NotFound("投诉人不存在")
    sent = Submission({name: getattr(person, name) for name in parties.COMPLAINANT_FIELDS} if person else {})

    def save(data: dict):
        if person is None:
            return parties.add_complainant(db.session, registry=forms(), case=case, user=current_user, data=data)
        return parties.update_complainant(db.session, registry=forms(), case=case, user=current_user,
                                          complainant_id=person.id, data=data)

    if request.method == "POST":
        sent = _submit(case, parties.complainant_form(forms()), save, lambda _: "投诉人信息已保存")
    return sent.done or _edit_page(case, kind="complainant", role=None, item_id=complainant_id, values=sent.values,
                                   errors=sent.errors, status=sent.status)


@bp.route("/<int:case_id>/team-leader", methods=["GET", "POST"])
@requires(has_permission("ticket.view"))
def edit_team_leader(case_id: int):
    case = _editable(case_id)
    sent = Submission({name: getattr(case, name) for name in parties.TEAM_LEADER_FIELDS})
    if request.method == "POST":
        sent = _submit(case, parties.team_leader_form(forms()),
                       lambda data: parties.update_team_leader(db.session, registry=forms(), case=case,
                                                               user=current_user, data=data),
                       lambda _: "班组长信息已保存")
    return sent.done or _edit_page(case, kind="team_leader", role=None, item_id=None, values=sent.values,
                                   errors=sent.errors, status=sent.status)


@bp.post("/<int:case_id>/recusals")
@requires(has_permission("task.work"))
def request_recusal(case_id: int):
    case = visible_case(db.session, case_id=case_id, user=current_user)
    try:
        item = recusal.request(db.session, case=case, actor=current_user, username=request.form.get("username"),
                               reason=request.form.get("reason", ""))
        db.session.commit()
        flash(f"已提出回避申请（{item.status_label}）", "success")
    except (ValidationFailed, Conflict, Forbidden) as exc:
        db.session.rollback()
        flash(exc.message, "error")
    return redirect(url_for("parties.index", case_id=case_id) + "#recusals")


@bp.post("/<int:case_id>/recusals/<int:recusal_id>/decision")
@requires(has_permission("task.reassign"))
def decide_recusal(case_id: int, recusal_id: int):
    case = visible_case(db.session, case_id=case_id, user=current_user)
    approve = request.form.get("decision") == "approve"
    try:
        item = recusal.decide(db.session, case=case, actor=current_user, recusal_id=recusal_id, approve=approve,
                              note=request.form.get("note", ""))
        db.session.commit()
        message = f"回避申请：{item.status_label}"
        if approve and item.user_id in (case.handler_id, case.co_handler_id):
            message += "。该执法人员正在承办本案，请改派承办执法人员"
        flash(message, "success")
    except (ValidationFailed, Conflict, Forbidden, NotFound) as exc:
        db.session.rollback()
        flash(exc.message, "error")
    return redirect(url_for("parties.index", case_id=case_id) + "#recusals")
