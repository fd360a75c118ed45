"""The new intake paths driven through the API alone: 协调解决 with 答复诉求人, and 补正 back to 核查.

After every step (a refused submission too) the ticket's status and stage are checked as
`GET /api/v1/tickets/<id>` shows them.
"""
from __future__ import annotations

from tests.factories import registration_data


def _shows(api, ticket, status, stage):
    detail = api.get("leader", f"/api/v1/tickets/{ticket['id']}").get_json()
    assert (detail["status"], detail["stage"]) == (status, stage)
    return detail


def _register_and_assign(api, officer="officer1"):
    r = api.post("clerk", "/api/v1/tickets", json=registration_data())
    assert r.status_code == 201, r.get_json()
    ticket = r.get_json()
    _shows(api, ticket, "open", "指派办理人")
    (task,) = api.get("chief", "/api/v1/tasks?scope=group").get_json()["items"]
    r = api.post("chief", f"/api/v1/tasks/{task['id']}/complete", json={"handler": officer, "assigned_on": "2026-12-03"})
    assert r.status_code == 200
    (verify,) = r.get_json()["items"]
    assert verify["title"] == "核查"
    _shows(api, ticket, "open", "核查")
    return ticket, verify


def test_coordinated_ticket_is_answered_then_resolved(api):
    ticket, verify = _register_and_assign(api)
    body = {"verification_notes": "经协调，企业同意一次性支付。", "conclusion": "coordinated"}
    r = api.post("officer1", f"/api/v1/tasks/{verify['id']}/complete", json=body)
    assert r.status_code == 400
    assert set(r.get_json()["error"]["fields"]) == {
        "agreement_date", "resolved_people", "resolved_amount", "resolved_migrant_people", "resolved_migrant_amount"}
    _shows(api, ticket, "open", "核查")
    body.update(agreement_date="2026-12-05", resolved_people=5, resolved_amount="42300.00",
                resolved_migrant_people=5, resolved_migrant_amount="42300.00")
    r = api.post("officer1", f"/api/v1/tasks/{verify['id']}/complete", json=body)  # the clock says Thu 3 Dec
    assert r.status_code == 400
    assert r.get_json()["error"]["fields"] == {"agreement_date": ["协议日期不得晚于今天（2026-12-03）"]}
    _shows(api, ticket, "open", "核查")
    body["agreement_date"] = "2026-12-03"
    r = api.post("officer1", f"/api/v1/tasks/{verify['id']}/complete", json=dict(body, resolved_amount="1.005"))
    assert r.status_code == 400 and set(r.get_json()["error"]["fields"]) == {"resolved_amount"}
    _shows(api, ticket, "open", "核查")
    r = api.post("officer1", f"/api/v1/tasks/{verify['id']}/complete", json=body)
    assert r.status_code == 200, r.get_json()

    group = api.get("clerk", "/api/v1/tasks?scope=group").get_json()["items"]
    assert [(t["title"], t["business_number"]) for t in group] == [("答复诉求人", ticket["number"])]
    assert group[0]["lane"] == "受理员"
    _shows(api, ticket, "open", "答复诉求人")

    reply = group[0]
    assert api.post("clerk", f"/api/v1/tasks/{reply['id']}/claim").status_code == 200
    _shows(api, ticket, "open", "答复诉求人")
    r = api.post("clerk", f"/api/v1/tasks/{reply['id']}/complete",
                 json={"reply_method": "phone", "reply_type": "resolved", "replied_on": "2026-12-03"})
    assert r.status_code == 200 and r.get_json()["items"] == []
    detail = _shows(api, ticket, "resolved", "已办结")
    assert [h["task"] for h in detail["history"]] == ["指派办理人", "核查", "答复诉求人"]


def test_supplement_goes_to_the_clerks_and_back_to_the_same_officer(api):
    ticket, verify = _register_and_assign(api, officer="officer2")
    r = api.post("officer2", f"/api/v1/tasks/{verify['id']}/complete",
                 json={"verification_notes": "材料不全，缺工资欠条。", "conclusion": "supplement"})
    assert r.status_code == 400 and set(r.get_json()["error"]["fields"]) == {"supplement_items"}
    _shows(api, ticket, "open", "核查")
    r = api.post("officer2", f"/api/v1/tasks/{verify['id']}/complete",
                 json={"verification_notes": "材料不全，缺工资欠条。", "conclusion": "supplement",
                       "supplement_items": "工资欠条、考勤记录"})
    assert r.status_code == 200
    _shows(api, ticket, "open", "补正材料")

    (task,) = api.get("clerk", "/api/v1/tasks?scope=group").get_json()["items"]
    assert (task["title"], task["lane"]) == ("补正材料", "受理员")
    r = api.post("clerk", f"/api/v1/tasks/{task['id']}/complete", json={"supplement_received": "yes"})
    assert r.status_code == 400 and set(r.get_json()["error"]["fields"]) == {"supplement_received_on"}
    _shows(api, ticket, "open", "补正材料")
    r = api.post("clerk", f"/api/v1/tasks/{task['id']}/complete",
                 json={"supplement_received": "yes", "supplement_received_on": "2026-12-03"})
    assert r.status_code == 200
    _shows(api, ticket, "open", "核查")

    (again,) = api.get("officer2", "/api/v1/tasks?scope=mine").get_json()["items"]
    assert again["title"] == "核查" and again["id"] != verify["id"]
    assert api.get("officer1", "/api/v1/tasks?scope=mine").get_json()["items"] == []
    # 补正 is one-time (一次性告知补正): a second request is refused and the task stays open
    r = api.post("officer2", f"/api/v1/tasks/{again['id']}/complete",
                 json={"verification_notes": "仍缺考勤记录。", "conclusion": "supplement", "supplement_items": "考勤记录"})
    assert r.status_code == 400
    error = r.get_json()["error"]
    assert set(error["fields"]) == {"conclusion"} and "不得再次要求补正" in error["message"]
    assert [t["id"] for t in api.get("officer2", "/api/v1/tasks?scope=mine").get_json()["items"]] == [again["id"]]
    assert api.get("clerk", "/api/v1/tasks?scope=group").get_json()["items"] == []
    _shows(api, ticket, "open", "核查")
    r = api.post("officer2", f"/api/v1/tasks/{again['id']}/complete",
                 json={"verification_notes": "补正后核实欠薪属实。", "conclusion": "accept"})
    assert r.status_code == 200
    detail = _shows(api, ticket, "accepted", "已转立案审批")
    assert [h["task"] for h in detail["history"]] == ["指派办理人", "核查", "补正材料", "核查"]
