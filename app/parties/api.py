"""/api/v1/cases/<id>/parties, /complainants (list masked as on the page, add, correct), /team-leader
(correct) and /recusals."""
from __future__ import annotations

from flask import jsonify

from app.api.auth import api_user
from app.api.blueprint import api
from app.api.docs import documented
from app.api.request import json_object, load_json
from app.api.summaries import TeamLeaderSchema
from app.auth.permissions import has_permission, requires
from app.cases.flows import visible_case
from app.cases.models import Case
from app.context import forms
from app.errors import Forbidden, ValidationFailed
from app.extensions import db
from app.parties import recusal
from app.parties import service as parties
from app.parties.schemas import (
    ComplainantInputSchema,
    ComplainantListSchema,
    ComplainantSchema,
    PartyInputSchema,
    PartyListSchema,
    PartySchema,
    RecusalDecisionSchema,
    RecusalListSchema,
    RecusalRequestSchema,
    RecusalSchema,
    TeamLeaderInputSchema,
    complainant_body,
    party_body,
)
from app.roster.service import may_edit_case_records, may_see_personal_data


def _editable(case_id: int) -> Case:
    case = visible_case(db.session, case_id=case_id, user=api_user())
    if not may_edit_case_records(api_user(), case):
        raise Forbidden("只有本案承办执法人员或科长可以更正当事人与投诉人")
    return case


@api.get("/cases/<int:case_id>/parties")
@documented(summary="案件当事人（建设/总包/分包单位、欠薪直接责任单位/责任人；按权限脱敏）", tag="案件",
            response=PartyListSchema)
@requires(has_permission("ticket.view"))
def list_parties(case_id: int):
    case = visible_case(db.session, case_id=case_id, user=api_user())
    unmasked = may_see_personal_data(api_user(), case)
    items = [party_body(parties.party_row(p, unmasked=unmasked)) for p in parties.parties_of(db.session, case_id=case.id)]
    return jsonify({"items": items, "unmasked": unmasked, "may_edit": may_edit_case_records(api_user(), case)})


@api.post("/cases/<int:case_id>/parties")
@documented(summary="添加当事人（承办执法人员或科长；记入审计）", tag="案件", body=PartyInputSchema,
            response=PartySchema, status=201)
@requires(has_permission("ticket.view"))
def add_party(case_id: int):
    case = _editable(case_id)
    body = json_object()
    party = parties.add_party(db.session, registry=forms(), case=case, user=api_user(), role=str(body.get("role", "")),
                              data={k: v for k, v in body.items() if k != "role"})
    db.session.commit()
    return jsonify(party_body(parties.party_row(party, unmasked=True))), 201


@api.put("/cases/<int:case_id>/parties/<int:party_id>")
@documented(summary="更正当事人（整条替换；可改类别；记入审计）", tag="案件", body=PartyInputSchema,
            response=PartySchema)
@requires(has_permission("ticket.view"))
def correct_party(case_id: int, party_id: int):
    case = _editable(case_id)
    party = parties.update_party(db.session, registry=forms(), case=case, user=api_user(), party_id=party_id,
                                 data=json_object())
    db.session.commit()
    return jsonify(party_body(parties.party_row(party, unmasked=True)))


@api.get("/cases/<int:case_id>/complainants")
@documented(summary="案件投诉人（按权限脱敏）", tag="案件", response=ComplainantListSchema)
@requires(has_permission("ticket.view"))
def list_complainants(case_id: int):
    case = visible_case(db.session, case_id=case_id, user=api_user())
    unmasked = may_see_personal_data(api_user(), case)
    items = [complainant_body(parties.complainant_row(c, unmasked=unmasked))
             for c in parties.complainants_of(db.session, case_id=case.id)]
    return jsonify({"items": items, "unmasked": unmasked, "may_edit": may_edit_case_records(api_user(), case)})


@api.post("/cases/<int:case_id>/complainants")
@documented(summary="添加投诉人（记入审计）", tag="案件", body=ComplainantInputSchema, response=ComplainantSchema,
            status=201)
@requires(has_permission("ticket.view"))
def add_complainant(case_id: int):
    case = _editable(case_id)
    person = parties.add_complainant(db.session, registry=forms(), case=case, user=api_user(), data=json_object())
    db.session.commit()
    return jsonify(complainant_body(parties.complainant_row(person, unmasked=True))), 201


@api.put("/cases/<int:case_id>/complainants/<int:complainant_id>")
@documented(summary="更正投诉人（整条替换；记入审计）", tag="案件", body=ComplainantInputSchema,
            response=ComplainantSchema)
@requires(has_permission("ticket.view"))
def correct_complainant(case_id: int, complainant_id: int):
    case = _editable(case_id)
    person = parties.update_complainant(db.session, registry=forms(), case=case, user=api_user(),
                                        complainant_id=complainant_id, data=json_object())
    db.session.commit()
    return jsonify(complainant_body(parties.complainant_row(person, unmasked=True)))


# the API's names of the 班组长 fields → the registration form's
TEAM_LEADER_KEYS = {"name": "team_leader_name", "phone": "team_leader_phone"}


@api.put("/cases/<int:case_id>/team-leader")
@documented(summary="更正班组长（姓名、联系电话；整条替换，留空即清除；记入审计）", tag="案件",
            body=TeamLeaderInputSchema, response=TeamLeaderSchema)
@requires(has_permission("ticket.view"))
def correct_team_leader(case_id: int):
    case = _editable(case_id)
    body = json_object()
    data = {form_key: body.get(key) for key, form_key in TEAM_LEADER_KEYS.items() if body.get(key) is not None}
    try:
        parties.update_team_leader(db.session, registry=forms(), case=case, user=api_user(), data=data)
    except ValidationFailed as err:
        names = {form_key: key for key, form_key in TEAM_LEADER_KEYS.items()}
        err.fields = {names.get(k, k): v for k, v in err.fields.items()}
        raise
    db.session.commit()
    return jsonify(TeamLeaderSchema().dump({"name": case.team_leader_name, "phone": case.team_leader_phone}))


def _recusals(case: Case) -> dict:
    return RecusalListSchema().dump({
        "items": recusal.recusals(db.session, case_id=case.id),
        "recused_holders": [u.id for u in recusal.recused_holders(db.session, case)],
    })


@api.get("/cases/<int:case_id>/recusals")
@documented(summary="案件的回避申请及审批", tag="案件", response=RecusalListSchema)
@requires(has_permission("ticket.view"))
def list_recusals(case_id: int):
    return jsonify(_recusals(visible_case(db.session, case_id=case_id, user=api_user())))


@api.post("/cases/<int:case_id>/recusals")
@documented(summary="申请回避（执法人员为本人，或科长为执法人员登记）", tag="案件", body=RecusalRequestSchema,
            response=RecusalSchema, status=201)
@requires(has_permission("task.work"))
def request_recusal(case_id: int):
    data = load_json(RecusalRequestSchema())
    case = visible_case(db.session, case_id=case_id, user=api_user())
    item = recusal.request(db.session, case=case, actor=api_user(), username=data["username"], reason=data["reason"])
    db.session.commit()
    return jsonify(RecusalSchema().dump(item)), 201


@api.post("/cases/<int:case_id>/recusals/<int:recusal_id>/decision")
@documented(summary="科长审批回避申请（批准后该人员不得指派或改派承办本案）", tag="案件",
            body=RecusalDecisionSchema, response=RecusalSchema)
@requires(has_permission("task.reassign"))
def decide_recusal(case_id: int, recusal_id: int):
    data = load_json(RecusalDecisionSchema())
    case = visible_case(db.session, case_id=case_id, user=api_user())
    item = recusal.decide(db.session, case=case, actor=api_user(), recusal_id=recusal_id,
                          approve=data["decision"] == "approve", note=data["note"])
    db.session.commit()
    return jsonify(RecusalSchema().dump(item))
