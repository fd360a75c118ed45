"""The chief reassigns a task or a whole case, with a recorded reason."""
from __future__ import annotations

from sqlalchemy import select

from app.audit.models import AuditEntry
from tests.factories import PASSWORD, registration_data


def _accepted_case(api):
    api.post("clerk", "/api/v1/tickets", json=registration_data())
    (a,) = api.get("chief", "/api/v1/tasks?scope=group").get_json()["items"]
    api.post("chief", f"/api/v1/tasks/{a['id']}/complete", json={"handler": "officer1", "assigned_on": "2026-12-03"})
    (v,) = api.get("officer1", "/api/v1/tasks?scope=mine").get_json()["items"]
    api.post("officer1", f"/api/v1/tasks/{v['id']}/complete",
             json={"verification_notes": "核实属实。", "conclusion": "accept"})
    (case,) = api.get("chief", "/api/v1/cases").get_json()["items"]
    (f,) = api.get("chief", "/api/v1/tasks?scope=group").get_json()["items"]
    (g,) = api.post("chief", f"/api/v1/tasks/{f['id']}/complete",
                    json={"filing_approval": "approve", "filed_on": "2026-12-03", "filing_opinion": "同意立案"}
                    ).get_json()["items"]
    api.post("chief", f"/api/v1/tasks/{g['id']}/complete",
             json={"handler": "officer1", "co_handler": "officer2", "assigned_on": "2026-12-03"})
    return case["id"]


def test_chief_reassigns_one_task_with_a_reason(api, db_session):
    api.post("clerk", "/api/v1/tickets", json=registration_data())
    (a,) = api.get("chief", "/api/v1/tasks?scope=group").get_json()["items"]
    api.post("chief", f"/api/v1/tasks/{a['id']}/complete", json={"handler": "officer1", "assigned_on": "2026-12-03"})
    (v,) = api.get("officer1", "/api/v1/tasks?scope=mine").get_json()["items"]
    r = api.post("chief", f"/api/v1/tasks/{v['id']}/reassign", json={"assignee": "officer2", "reason": ""})
    assert r.status_code == 400 and "reason" in r.get_json()["error"]["fields"]
    r = api.post("chief", f"/api/v1/tasks/{v['id']}/reassign", json={"assignee": "reviewer", "reason": "人员调整"})
    assert r.status_code == 400 and "不具有" in r.get_json()["error"]["message"]
    r = api.post("chief", f"/api/v1/tasks/{v['id']}/reassign", json={"assignee": "officer2", "reason": "李明休假"})
    assert r.status_code == 200
    assert api.get("officer1", "/api/v1/tasks?scope=mine").get_json()["items"] == []
    assert [t["id"] for t in api.get("officer2", "/api/v1/tasks?scope=mine").get_json()["items"]] == [v["id"]]
    detail = db_session.scalar(select(AuditEntry.detail).where(AuditEntry.action == "task.reassign"))
    assert detail["reason"] == "李明休假"
    assert api.post("officer1", f"/api/v1/tasks/{v['id']}/reassign",
                    json={"assignee": "officer1", "reason": "x"}).status_code == 403


def test_chief_reassigns_a_whole_case(api, db_session):
    case_id = _accepted_case(api)
    (task,) = api.get("officer1", "/api/v1/tasks?scope=mine").get_json()["items"]
    assert task["title"] == "调查取证记录"
    r = api.post("chief", f"/api/v1/cases/{case_id}/reassign",
                 json={"handler": "officer2", "co_handler": "officer1", "reason": "回避：李明与被投诉单位有利害关系"})
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["handler_id"] != task["assignee_id"]
    assert api.get("officer1", "/api/v1/tasks?scope=mine").get_json()["items"] == []
    (moved,) = api.get("officer2", "/api/v1/tasks?scope=mine").get_json()["items"]
    assert moved["title"] == "调查取证记录"
    # the next officer task goes to the new handler too
    r = api.post("officer2", f"/api/v1/tasks/{moved['id']}/complete", json={
        "record_type": "inquiry_record", "record_date": "2026-12-03", "record_summary": "询问被投诉单位负责人。",
        "next_step": "continue"})
    assert r.status_code == 200, r.get_json()
    (nxt,) = r.get_json()["items"]
    assert nxt["assignee_id"] == moved["assignee_id"]
    actions = db_session.scalars(select(AuditEntry.action).where(AuditEntry.action == "case.reassign")).all()
    assert actions == ["case.reassign"]


def test_the_co_handler_cannot_become_handler_alone(api, db_session):
    """主办/协办 are always two people: naming the current co-handler as handler without a new
    co-handler is refused, and nothing changes."""
    case_id = _accepted_case(api)
    before = api.get("chief", f"/api/v1/cases/{case_id}").get_json()
    inspectors = (before["handler_id"], before["co_handler_id"])
    r = api.post("chief", f"/api/v1/cases/{case_id}/reassign", json={"handler": "officer2", "reason": "人员调整"})
    assert r.status_code == 400
    error = r.get_json()["error"]
    assert "co_handler" in error["fields"] and "不得为同一人" in error["message"]
    case = api.get("chief", f"/api/v1/cases/{case_id}").get_json()
    assert (case["handler_id"], case["co_handler_id"]) == inspectors  # nothing changed
    (task,) = api.get("officer1", "/api/v1/tasks?scope=mine").get_json()["items"]
    assert task["title"] == "调查取证记录"  # still with the handler
    assert db_session.scalar(select(AuditEntry.id).where(AuditEntry.action == "case.reassign")) is None
    # naming the same person twice is refused too; a swap is fine
    r = api.post("chief", f"/api/v1/cases/{case_id}/reassign",
                 json={"handler": "officer2", "co_handler": "officer2", "reason": "人员调整"})
    assert r.status_code == 400 and "co_handler" in r.get_json()["error"]["fields"]
    r = api.post("chief", f"/api/v1/cases/{case_id}/reassign",
                 json={"handler": "officer2", "co_handler": "officer1", "reason": "人员调整"})
    assert r.status_code == 200
    body = r.get_json()
    assert (body["handler_id"], body["co_handler_id"]) == inspectors[::-1]  # swapped
    (task,) = api.get("officer2", "/api/v1/tasks?scope=mine").get_json()["items"]
    assert task["title"] == "调查取证记录"  # the open task went with the new handler
    assert api.get("officer1", "/api/v1/tasks?scope=mine").get_json()["items"] == []


def test_the_reassign_page_refuses_one_inspector_twice_and_keeps_the_input(api, client):
    case_id = _accepted_case(api)
    before = api.get("chief", f"/api/v1/cases/{case_id}").get_json()
    client.post("/login", data={"username": "chief", "password": PASSWORD})
    r = client.post(f"/cases/{case_id}/reassign",
                    data={"handler": "officer2", "co_handler": "officer2", "reason": "王芳接手本案"})
    assert r.status_code == 400
    page = r.get_data(as_text=True)
    assert "主办与协办执法人员不得为同一人" in page
    assert 'value="王芳接手本案"' in page  # the reason the chief typed is still there
    case = api.get("chief", f"/api/v1/cases/{case_id}").get_json()
    assert (case["handler_id"], case["co_handler_id"]) == (before["handler_id"], before["co_handler_id"])
    (task,) = api.get("officer1", "/api/v1/tasks?scope=mine").get_json()["items"]
    assert task["title"] == "调查取证记录"
