"""Driving the intake through the API alone, as each role: lists, form schema, claim, complete."""
from __future__ import annotations

from tests.factories import registration_data


def _register(api, username="clerk", **overrides):
    r = api.post(username, "/api/v1/tickets", json=registration_data(**overrides))
    assert r.status_code == 201, r.get_json()
    return r.get_json()


def test_a_client_can_drive_intake_from_registration_to_acceptance(api):
    form = api.get("clerk", "/api/v1/tickets/form").get_json()
    assert form["properties"]["channel"]["enumNames"][0] == "12345热线"
    ticket = _register(api)
    assert ticket["number"] == "HQGD-2026-000001" and ticket["stage"] == "指派办理人"

    group = api.get("chief", "/api/v1/tasks?scope=group").get_json()["items"]
    assert [(t["title"], t["business_number"]) for t in group] == [("指派办理人", ticket["number"])]
    task = api.get("chief", f"/api/v1/tasks/{group[0]['id']}").get_json()
    handler = task["form"]["properties"]["handler"]
    assert handler["enum"] == ["officer1", "officer2"] and handler["title"] == "指派办理人"

    assert api.post("chief", f"/api/v1/tasks/{task['id']}/claim").status_code == 200
    assert [t["id"] for t in api.get("chief", "/api/v1/tasks?scope=mine").get_json()["items"]] == [task["id"]]
    r = api.post("chief", f"/api/v1/tasks/{task['id']}/complete",
                 json={"handler": "officer1", "assigned_on": "2026-12-03"})
    assert r.status_code == 200
    (verify,) = r.get_json()["items"]
    assert verify["title"] == "核查" and verify["lane"] == "执法人员"

    mine = api.get("officer1", "/api/v1/tasks?scope=mine").get_json()["items"]
    assert [t["id"] for t in mine] == [verify["id"]]
    assert api.get("officer2", "/api/v1/tasks?scope=mine").get_json()["items"] == []
    r = api.post("officer1", f"/api/v1/tasks/{verify['id']}/complete",
                 json={"verification_notes": "核实欠薪属实。", "conclusion": "accept"})
    assert r.status_code == 200 and r.get_json()["items"] == []

    detail = api.get("leader", f"/api/v1/tickets/{ticket['id']}").get_json()
    assert (detail["status"], detail["status_label"]) == ("accepted", "已受理")
    assert [h["task"] for h in detail["history"]] == ["指派办理人", "核查"]
    assert detail["history"][1]["by"] == "执法人员 李明"
    done = api.get("officer1", "/api/v1/tasks?scope=done").get_json()["items"]
    assert [t["title"] for t in done] == ["核查"]


def test_bad_form_data_is_400_naming_fields_and_changes_nothing(api):
    ticket = _register(api)
    (task,) = api.get("chief", "/api/v1/tasks?scope=group").get_json()["items"]
    r = api.post("chief", f"/api/v1/tasks/{task['id']}/complete",
                 json={"handler": "somebody", "assigned_on": "2026-13-45"})
    assert r.status_code == 400
    error = r.get_json()["error"]
    assert set(error["fields"]) == {"handler", "assigned_on"}
    assert "指派办理人" in error["message"] and "指派日期" in error["message"]
    assert error["fields"]["handler"] == ["请从列表中选择"]
    # still the same open task, still unclaimed
    again = api.get("chief", f"/api/v1/tasks/{task['id']}").get_json()
    assert again["status"] == "open" and again["assignee_id"] is None
    assert api.get("chief", f"/api/v1/tickets/{ticket['id']}").get_json()["history"] == []


def test_rejection_needs_its_ground(api):
    _register(api)
    (task,) = api.get("chief", "/api/v1/tasks?scope=group").get_json()["items"]
    api.post("chief", f"/api/v1/tasks/{task['id']}/complete", json={"handler": "officer2", "assigned_on": "2026-12-03"})
    (verify,) = api.get("officer2", "/api/v1/tasks?scope=mine").get_json()["items"]
    r = api.post("officer2", f"/api/v1/tasks/{verify['id']}/complete",
                 json={"verification_notes": "已进入仲裁程序。", "conclusion": "reject"})
    assert r.status_code == 400 and r.get_json()["error"]["fields"] == {"reject_ground": ["此项为必填项"]}


def test_registration_validates_like_a_clerk(api):
    bad = registration_data(complainant_phone="12345", amount="100.123", people_count=0, channel="fax")
    r = api.post("clerk", "/api/v1/tickets", json=bad)
    assert r.status_code == 400
    fields = r.get_json()["error"]["fields"]
    assert set(fields) == {"complainant_phone", "amount", "people_count", "channel"}
    assert fields["amount"] == ["金额最多保留两位小数"]
    ok = api.post("clerk", "/api/v1/tickets", json=registration_data(complainant_phone="+85366123456"))
    assert ok.status_code == 201  # a Macao mobile number is accepted


def test_role_rules(api):
    _register(api)
    (task,) = api.get("chief", "/api/v1/tasks?scope=group").get_json()["items"]
    # an officer may not do the chief's task, nor claim it
    assert api.post("officer1", f"/api/v1/tasks/{task['id']}/complete", json={}).status_code == 403
    assert api.post("officer1", f"/api/v1/tasks/{task['id']}/claim").status_code == 403
    assert api.get("officer1", f"/api/v1/tasks/{task['id']}").status_code == 403
    # the reviewer cannot register tickets
    assert api.post("reviewer", "/api/v1/tickets", json=registration_data()).status_code == 403
    # once claimed by one chief-role user, nobody else can claim it
    assert api.post("chief", f"/api/v1/tasks/{task['id']}/claim").status_code == 200
    assert api.post("chief", f"/api/v1/tasks/{task['id']}/claim").status_code == 200  # idempotent for the holder


def test_completed_task_cannot_be_completed_again(api):
    _register(api)
    (task,) = api.get("chief", "/api/v1/tasks?scope=group").get_json()["items"]
    body = {"handler": "officer1", "assigned_on": "2026-12-03"}
    assert api.post("chief", f"/api/v1/tasks/{task['id']}/complete", json=body).status_code == 200
    r = api.post("chief", f"/api/v1/tasks/{task['id']}/complete", json=body)
    assert r.status_code == 409 and "刷新" in r.get_json()["error"]["message"]


def test_a_claimed_task_can_be_given_back_through_the_api(api):
    _register(api)
    (task,) = api.get("chief", "/api/v1/tasks?scope=group").get_json()["items"]
    assert api.post("chief", f"/api/v1/tasks/{task['id']}/claim").status_code == 200
    assert api.get("chief", "/api/v1/tasks?scope=group").get_json()["items"] == []

    # only the holder may give it back
    r = api.post("leader", f"/api/v1/tasks/{task['id']}/give-back")
    assert r.status_code == 409 and r.get_json()["error"]["message"] == "只能退回自己领取的待办"
    r = api.post("chief", f"/api/v1/tasks/{task['id']}/give-back")
    assert r.status_code == 200 and r.get_json()["assignee_id"] is None
    assert [t["id"] for t in api.get("chief", "/api/v1/tasks?scope=group").get_json()["items"]] == [task["id"]]
    assert api.get("chief", "/api/v1/tasks?scope=mine").get_json()["items"] == []

    # a task the process assigned to a named officer cannot be given back
    r = api.post("chief", f"/api/v1/tasks/{task['id']}/complete", json={"handler": "officer1", "assigned_on": "2026-12-03"})
    (verify,) = r.get_json()["items"]
    r = api.post("officer1", f"/api/v1/tasks/{verify['id']}/give-back")
    assert r.status_code == 409 and "指定办理人" in r.get_json()["error"]["message"]
    assert [t["id"] for t in api.get("officer1", "/api/v1/tasks?scope=mine").get_json()["items"]] == [verify["id"]]


def test_a_complaint_cannot_be_received_in_the_future(api, client):
    r = api.post("clerk", "/api/v1/tickets", json=registration_data(received_at="2026-12-04T09:00:00+08:00"))
    assert r.status_code == 400
    (message,) = r.get_json()["error"]["fields"]["received_at"]
    assert message.startswith("来访时间不得晚于")
    assert api.get("chief", "/api/v1/tasks?scope=group").get_json()["items"] == []  # nothing registered
    # the same moment as now (Thu 3 Dec 09:00) is accepted
    assert api.post("clerk", "/api/v1/tickets", json=registration_data()).status_code == 201
