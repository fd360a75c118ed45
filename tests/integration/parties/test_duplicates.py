"""重复投诉检查: matches by complainant or credit code are shown (not for an unrelated ticket), the clerk
confirms 仍然登记, links are kept, and the verifier merges the ticket into the earlier one."""
from __future__ import annotations

from sqlalchemy import select

from app.parties.models import DuplicateLink
from app.tickets.models import Ticket
from tests.integration.parties.helpers import (
    CODE_A,
    ID_1,
    full_registration,
    login,
    open_case,
    unrelated_registration,
)
from tests.integration.parties.test_registration import _page_form

_SEQ = iter(range(1, 1000))


def _other_project(**overrides):
    """A new ticket sharing nothing with full_registration() or an earlier _other_project() unless overridden."""
    n = next(_SEQ)
    fields = {"project_name": f"琴澳大道市政道路改造工程第{n}标段",
              "responsible_units": [{"name": f"珠海某路桥第{n}劳务有限公司"}],
              "complainants": [{"name": "何建军", "phone": f"1360013{n:04d}"}]}
    return unrelated_registration(**{**fields, **overrides})


def test_an_overlapping_complainant_is_found_but_not_an_unrelated_ticket(api, db_session):
    first = api.post("clerk", "/api/v1/tickets", json=full_registration()).get_json()
    unrelated = api.post("clerk", "/api/v1/tickets", json=_other_project())
    assert unrelated.status_code == 201 and unrelated.get_json()["possible_duplicates"] == []
    same_person = _other_project(complainants=[{"name": "黄国强", "phone": "13911112222", "id_type": "resident_id",
                                                "id_number": ID_1}])
    check = api.post("clerk", "/api/v1/tickets/duplicate-check", json=same_person).get_json()["items"]
    assert [(m["kind"], m["number"]) for m in check] == [("ticket", first["number"])]
    assert any("同一投诉人 黄国强（证件号码" in reason for reason in check[0]["reasons"])
    same_phone = _other_project(complainants=[{"name": "黄生", "phone": "138 0013 8001"}])
    (match,) = api.post("clerk", "/api/v1/tickets/duplicate-check", json=same_phone).get_json()["items"]
    assert match["number"] == first["number"] and "联系电话" in match["reasons"][0]
    registered = api.post("clerk", "/api/v1/tickets", json=same_person).get_json()  # not blocked
    assert [m["number"] for m in registered["possible_duplicates"]] == [first["number"]]
    link = db_session.scalar(select(DuplicateLink).where(DuplicateLink.ticket_id == registered["id"]))
    assert (link.kind, link.target_number) == ("suspected", first["number"])


def test_the_same_credit_code_finds_the_open_case(api, db_session):
    case = open_case(api)
    other_name = {"name": "中建某局珠海建设有限公司横琴项目部", "credit_code": CODE_A}
    (match,) = api.post("clerk", "/api/v1/tickets/duplicate-check",
                        json=_other_project(general_contractors=[other_name])).get_json()["items"]
    assert (match["kind"], match["number"]) == ("case", case["number"])
    assert match["reasons"] == [f"同一单位（统一社会信用代码 {CODE_A}）"]
    # the same unit name written with other brackets and blanks is the same unit
    (match,) = api.post("clerk", "/api/v1/tickets/duplicate-check", json=_other_project(
        responsible_units=[{"name": "珠海某建设 劳务有限公司"}])).get_json()["items"]
    assert match["number"] == case["number"] and "同一单位名称" in match["reasons"][0]


def test_the_clerk_sees_the_warning_and_confirms(client, api, db_session):
    first = api.post("clerk", "/api/v1/tickets", json=full_registration()).get_json()
    login(client, "clerk")
    form = _page_form(_other_project(complainants=[{"name": "黄国强", "phone": "13800138001"}]))
    r = client.post("/tickets/new", data=form)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "疑似重复投诉" in html and first["number"] in html and "仍然登记" in html
    assert f'/tickets/{first["id"]}' in html
    assert db_session.scalar(select(Ticket.id).where(Ticket.id != first["id"])) is None  # nothing saved yet
    r = client.post("/tickets/new", data={**form, "confirm_duplicates": "1"})
    assert r.status_code == 302
    page = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "疑似重复投诉" in page and "登记时提示的疑似重复" in page and first["number"] in page
    # the earlier ticket's page shows the new one too
    assert "疑似重复投诉" in client.get(f"/tickets/{first['id']}").get_data(as_text=True)
    # an unrelated registration goes straight through
    r = client.post("/tickets/new", data=_page_form(unrelated_registration(project_name="横琴某学校扩建工程")))
    assert r.status_code == 302


def test_the_verifier_concludes_duplicate_and_the_ticket_is_merged(api, client, db_session):
    first = api.post("clerk", "/api/v1/tickets", json=full_registration()).get_json()
    second = api.post("clerk", "/api/v1/tickets", json=full_registration()).get_json()
    tasks = api.get("chief", "/api/v1/tasks?scope=group").get_json()["items"]
    assign = next(t for t in tasks if t["business_id"] == second["id"])
    api.post("chief", f"/api/v1/tasks/{assign['id']}/complete", json={"handler": "officer1", "assigned_on": "2026-12-03"})
    (verify,) = api.get("officer1", "/api/v1/tasks?scope=mine").get_json()["items"]
    form = api.get("officer1", f"/api/v1/tasks/{verify['id']}").get_json()["form"]
    assert "重复投诉（并入已有工单/案件）" in form["properties"]["conclusion"]["enumNames"]
    payload = {"verification_notes": "与已登记工单系同一批工人同一事项。", "conclusion": "duplicate"}
    r = api.post("officer1", f"/api/v1/tasks/{verify['id']}/complete", json=payload)
    assert r.status_code == 400 and "duplicate_of" in r.get_json()["error"]["fields"]
    r = api.post("officer1", f"/api/v1/tasks/{verify['id']}/complete", json={**payload, "duplicate_of": "HQGD-9"})
    assert r.get_json()["error"]["fields"] == {"duplicate_of": ["找不到该编号的工单或案件"]}
    r = api.post("officer1", f"/api/v1/tasks/{verify['id']}/complete",
                 json={**payload, "duplicate_of": second["number"]})
    assert r.get_json()["error"]["fields"] == {"duplicate_of": ["不能并入本工单"]}
    r = api.post("officer1", f"/api/v1/tasks/{verify['id']}/complete",
                 json={**payload, "duplicate_of": first["number"]})
    assert r.status_code == 200
    (reply,) = r.get_json()["items"]
    assert reply["title"] == "答复诉求人"
    api.post("clerk", f"/api/v1/tasks/{reply['id']}/claim")  # a group task of the clerks
    r = api.post("clerk", f"/api/v1/tasks/{reply['id']}/complete",
                 json={"reply_method": "phone", "reply_type": "merged", "replied_on": "2026-12-03"})
    assert r.status_code == 200, r.get_json()
    detail = api.get("clerk", f"/api/v1/tickets/{second['id']}").get_json()
    assert detail["status_label"] == "重复投诉（已并入）"
    assert {"kind": "merged", "target_type": "ticket", "target_id": first["id"],
            "target_number": first["number"]} in detail["duplicate_links"]
    login(client, "clerk")
    page = client.get(f"/tickets/{second['id']}").get_data(as_text=True)
    assert "已并入" in page and first["number"] in page


def test_the_verify_task_page_lists_the_possible_duplicates(api, client, db_session):
    first = api.post("clerk", "/api/v1/tickets", json=full_registration()).get_json()
    second = api.post("clerk", "/api/v1/tickets", json=full_registration()).get_json()
    tasks = api.get("chief", "/api/v1/tasks?scope=group").get_json()["items"]
    assign = next(t for t in tasks if t["business_id"] == second["id"])
    api.post("chief", f"/api/v1/tasks/{assign['id']}/complete", json={"handler": "officer1", "assigned_on": "2026-12-03"})
    (verify,) = api.get("officer1", "/api/v1/tasks?scope=mine").get_json()["items"]
    login(client, "officer1")
    page = client.get(f"/tasks/{verify['id']}").get_data(as_text=True)
    assert "疑似重复投诉" in page and first["number"] in page and "并入的工单/案件编号" in page
