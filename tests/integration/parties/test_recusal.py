"""回避: an approved recusal bars the inspector from assignment and reassignment; a name that matches a
party asks for confirmation; a recused inspector who holds the case is flagged on the case page."""
from __future__ import annotations

from sqlalchemy import select

from app.audit.models import AuditEntry
from tests.integration.parties.helpers import file_case, full_registration, login, open_case

ASSIGN = {"handler": "officer1", "co_handler": "officer2", "assigned_on": "2026-12-03"}


def _recuse(api, case_id: int, who: str = "officer1") -> dict:
    r = api.post(who, f"/api/v1/cases/{case_id}/recusals", json={"reason": "本人与分包单位法定代表人系亲属关系"})
    assert r.status_code == 201, r.get_json()
    item = r.get_json()
    assert item["status_label"] == "待科长审批"
    r = api.post("chief", f"/api/v1/cases/{case_id}/recusals/{item['id']}/decision",
                 json={"decision": "approve", "note": "同意回避"})
    assert r.status_code == 200 and r.get_json()["status"] == "approved"
    return item


def test_an_approved_recusal_blocks_the_assign_step(api, db_session):
    case = open_case(api)
    assign = file_case(api, case["id"])
    _recuse(api, case["id"])
    r = api.post("chief", f"/api/v1/tasks/{assign['id']}/complete", json=ASSIGN)
    assert r.status_code == 400
    error = r.get_json()["error"]
    assert error["fields"] == {"handler": ["执法人员 李明已获准回避本案，不得指派"]}
    assert "回避" in error["message"]
    actions = set(db_session.scalars(select(AuditEntry.action).where(AuditEntry.object_type == "case")))
    assert {"case.recusal_request", "case.recusal_approve"} <= actions


def test_a_rejected_recusal_does_not_block(api, db_session):
    case = open_case(api)
    assign = file_case(api, case["id"])
    item = api.post("officer1", f"/api/v1/cases/{case['id']}/recusals", json={"reason": "曾在该公司任职"}).get_json()
    api.post("chief", f"/api/v1/cases/{case['id']}/recusals/{item['id']}/decision", json={"decision": "reject"})
    assert api.post("chief", f"/api/v1/tasks/{assign['id']}/complete", json=ASSIGN).status_code == 200


def test_reassignment_refuses_a_recused_inspector_and_the_page_flags_the_holder(api, client, db_session):
    case = open_case(api)
    assign = file_case(api, case["id"])
    assert api.post("chief", f"/api/v1/tasks/{assign['id']}/complete", json=ASSIGN).status_code == 200
    _recuse(api, case["id"], who="officer2")  # officer2 withdraws after being assigned
    assert api.get("chief", f"/api/v1/cases/{case['id']}/recusals").get_json()["recused_holders"] != []
    login(client, "chief")
    page = client.get(f"/cases/{case['id']}").get_data(as_text=True)
    assert "执法人员 王芳已获准回避本案，但仍在承办，请改派承办执法人员" in page
    r = api.post("chief", f"/api/v1/cases/{case['id']}/reassign",
                 json={"handler": "officer2", "co_handler": "officer1", "reason": "调整"})
    assert r.status_code == 400 and r.get_json()["error"]["fields"] == {"handler": ["执法人员 王芳已获准回避本案，不得指派"]}
    (task,) = [t for t in api.get("officer1", "/api/v1/tasks?scope=mine").get_json()["items"]
               if t["business_type"] == "case"]
    r = api.post("chief", f"/api/v1/tasks/{task['id']}/reassign", json={"assignee": "officer2", "reason": "调整"})
    assert r.status_code == 400 and "已获准回避" in r.get_json()["error"]["message"]
    # the page's reassign form says so too
    r = client.post(f"/cases/{case['id']}/reassign", data={"handler": "officer1", "co_handler": "officer2",
                                                           "reason": "调整"}, follow_redirects=True)
    assert "已获准回避本案，不得指派" in r.get_data(as_text=True)


def test_a_name_matching_a_party_needs_confirmation(api, client, db_session):
    payload = full_registration()
    payload["subcontractors"][0]["legal_representative"] = "李明"  # officer1 is 执法人员 李明
    case = open_case(api, payload)
    assign = file_case(api, case["id"])
    r = api.post("chief", f"/api/v1/tasks/{assign['id']}/complete", json=ASSIGN)
    assert r.status_code == 400
    fields = r.get_json()["error"]["fields"]
    assert "分包单位“珠海某建设劳务有限公司”的法定代表人同名" in fields["handler"][0]
    assert "recusal_confirmed" in fields and "co_handler" not in fields
    r = api.post("chief", f"/api/v1/tasks/{assign['id']}/complete", json={**ASSIGN, "recusal_confirmed": True})
    assert r.status_code == 200


def test_the_recusal_section_of_the_parties_page(api, client, db_session):
    case = open_case(api)
    file_case(api, case["id"])
    login(client, "officer1")
    page = client.get(f"/cases/{case['id']}/parties").get_data(as_text=True)
    assert "申请回避" in page and "批准回避" not in page
    r = client.post(f"/cases/{case['id']}/recusals", data={"reason": "与投诉人系同乡好友"}, follow_redirects=True)
    assert "已提出回避申请" in r.get_data(as_text=True)
    assert api.post("officer1", f"/api/v1/cases/{case['id']}/recusals/1/decision",
                    json={"decision": "approve"}).status_code == 403
    login(client, "chief")
    page = client.get(f"/cases/{case['id']}/parties").get_data(as_text=True)
    assert "与投诉人系同乡好友" in page and "批准回避" in page
    assert "回避申请待审批 1" in client.get(f"/cases/{case['id']}").get_data(as_text=True)
