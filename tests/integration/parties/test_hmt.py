"""是否涉港澳台 follows the recorded people: a Macao complainant makes the case involve Macao, on the
page and in the API; a case with mainland people only does not."""
from __future__ import annotations

from tests.integration.parties.helpers import (
    file_case,
    full_registration,
    login,
    open_case,
    unrelated_registration,
)


def test_a_macao_complainant_marks_the_ticket_and_case(api, client, db_session):
    # 吴家乐 has a Macao phone (+853) in the full registration
    ticket = api.post("clerk", "/api/v1/tickets", json=full_registration()).get_json()
    detail = api.get("clerk", f"/api/v1/tickets/{ticket['id']}").get_json()
    assert detail["hmt"] == {"involved": True, "reasons": ["投诉人 吴家乐（澳门电话）"]}


def test_a_complainant_with_a_macao_identity_card_marks_the_case(api, client, db_session):
    case = open_case(api, full_registration(complainants=[
        {"name": "黄国强", "phone": "13800138001"},
        {"name": "梁嘉欣", "id_type": "macao_id", "id_number": "1234567(8)", "phone": "13800138099",
         "service_address": "澳门氹仔孙逸仙大马路"}]))
    file_case(api, case["id"])
    body = api.get("reviewer", f"/api/v1/cases/{case['id']}").get_json()  # masked viewer: no number in reasons
    assert body["hmt"]["involved"] is True
    assert body["hmt"]["reasons"] == ["投诉人 梁嘉欣（澳门居民身份证）", "投诉人 梁嘉欣（地址在港澳台）"]
    assert "1234567" not in str(body["hmt"])
    page = login(client, "officer1").get(f"/cases/{case['id']}").get_data(as_text=True)
    assert "是否涉港澳台：</strong><span class=\"tag tag-warn\">是</span>" in page and "澳门居民身份证" in page


def test_mainland_people_only(api, client):
    registration = unrelated_registration()
    ticket = api.post("clerk", "/api/v1/tickets", json=registration).get_json()
    assert api.get("clerk", f"/api/v1/tickets/{ticket['id']}").get_json()["hmt"] == {"involved": False, "reasons": []}
    page = login(client, "clerk").get(f"/tickets/{ticket['id']}").get_data(as_text=True)
    assert "是否涉港澳台：</strong>否" in page
