"""GET /api/v1/cases/<id> and /tickets/<id> carry the parties, complainants, 班组长 (masked by role) and
documents; the 班组长 is registered with the ticket, copied to the case, shown and corrected there."""
from __future__ import annotations

from sqlalchemy import select

from app.audit.models import AuditEntry
from app.cases.models import Case
from tests.integration.parties.helpers import ID_1, ID_3, file_case, full_registration, login, open_case

LEADER = {"team_leader_name": "梁振邦", "team_leader_phone": "138 2600 0202"}


def test_the_case_detail_has_parties_complainants_team_leader_and_documents(api, db_session):
    case = open_case(api, full_registration(**LEADER))
    r = api.post("chief", f"/api/v1/cases/{case['id']}/documents", json={"kind": "filing_approval"})
    assert r.status_code == 201, r.get_json()
    document = r.get_json()

    body = api.get("chief", f"/api/v1/cases/{case['id']}").get_json()
    assert body["personal_data_unmasked"] is True
    assert [p["role"] for p in body["parties"]] == ["construction_unit", "general_contractor", "subcontractor",
                                                    "responsible_unit", "responsible_person"]
    assert body["parties"][-1]["id_number"] == ID_3
    assert [(c["name"], c["phone"]) for c in body["complainants"]] == [
        ("黄国强", "13800138001"), ("陈秀英", "13800138011"), ("吴家乐", "+85362812345")]
    assert body["complainants"][0]["id_number"] == ID_1
    assert body["team_leader"] == {"name": "梁振邦", "phone": "13826000202"}
    (summary,) = body["documents"]
    assert summary == {
        "id": document["id"], "kind": "filing_approval", "title": "劳动保障监察立案审批表", "number": None,
        "status": "draft", "status_label": "草稿", "current_version": 1, "issued_on": None, "service_state": "—",
        "url": f"/api/v1/documents/{document['id']}",
        "download_url": f"/api/v1/documents/{document['id']}/file?version=1",
    }
    download = api.get("chief", summary["download_url"])
    assert download.status_code == 200 and download.data[:2] == b"PK"  # a .docx
    # the same parties as the parties endpoint gives
    assert body["parties"] == api.get("chief", f"/api/v1/cases/{case['id']}/parties").get_json()["items"]


def test_the_case_detail_masks_for_a_role_without_pii_rights(api, db_session):
    case = open_case(api, full_registration(**LEADER))
    file_case(api, case["id"])
    body = api.get("reviewer", f"/api/v1/cases/{case['id']}").get_json()
    assert body["personal_data_unmasked"] is False
    assert body["complainants"][0]["phone"] == "138****8001" and "*" in body["complainants"][0]["id_number"]
    assert "*" in body["parties"][-1]["id_number"] and body["parties"][2]["agent_phone"] == "138****0101"
    assert body["team_leader"] == {"name": "梁振邦", "phone": "138****0202"}
    assert ID_1 not in str(body) and "13826000202" not in str(body)
    assert body["documents"] == []


def test_the_ticket_detail_has_parties_complainants_team_leader_and_documents(api, db_session):
    ticket = api.post("clerk", "/api/v1/tickets", json=full_registration(**LEADER)).get_json()
    assert ticket["team_leader"] == {"name": "梁振邦", "phone": "13826000202"}
    r = api.post("clerk", f"/api/v1/tickets/{ticket['id']}/documents", json={"kind": "complaint_registration"})
    assert r.status_code == 201, r.get_json()
    body = api.get("clerk", f"/api/v1/tickets/{ticket['id']}").get_json()
    assert len(body["parties"]) == 5 and len(body["complainants"]) == 3
    assert body["team_leader"] == {"name": "梁振邦", "phone": "13826000202"}
    assert [(d["kind"], d["status"], d["current_version"]) for d in body["documents"]] == [
        ("complaint_registration", "draft", 1)]
    masked = api.get("reviewer", f"/api/v1/tickets/{ticket['id']}").get_json()
    assert masked["personal_data_unmasked"] is False and masked["complainant_phone"] == "138****8001"
    assert masked["team_leader"]["phone"] == "138****0202" and masked["complainants"][1]["phone"] == "138****8011"
    assert masked["documents"] == body["documents"]


def test_the_openapi_description_shows_the_detail_keys(client):
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    case = schemas["CaseDetail"]["properties"]
    assert {"parties", "complainants", "team_leader", "documents", "personal_data_unmasked"} <= set(case)
    assert case["documents"]["items"]["$ref"].endswith("/DocumentSummary")
    assert {"download_url", "service_state", "number", "issued_on"} <= set(schemas["DocumentSummary"]["properties"])
    assert {"team_leader", "documents"} <= set(schemas["TicketDetail"]["properties"])
    assert "matched" in schemas["SearchHit"]["properties"]
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "put" in paths["/api/v1/cases/{case_id}/team-leader"]


def test_the_team_leader_is_registered_validated_copied_and_corrected(api, client, db_session):
    r = api.post("clerk", "/api/v1/tickets", json=full_registration(team_leader_name="梁振邦",
                                                                     team_leader_phone="12345"))
    assert r.status_code == 400 and "team_leader_phone" in r.get_json()["error"]["fields"]
    # the registration page has the fields; the ticket page shows them
    login(client, "clerk")
    form = client.get("/tickets/new").get_data(as_text=True)
    assert "班组长姓名" in form and "班组长联系电话" in form and 'name="team_leader_phone"' in form
    case = open_case(api, full_registration(**LEADER))
    row = db_session.get(Case, case["id"])
    assert (row.team_leader_name, row.team_leader_phone) == ("梁振邦", "13826000202")
    page = client.get(f"/tickets/{row.ticket_id}").get_data(as_text=True)
    assert "班组长" in page and "梁振邦" in page and "13826000202" in page
    # the registration audit keeps the name, not the phone
    detail = db_session.scalar(select(AuditEntry.detail).where(AuditEntry.action == "ticket.register",
                                                               AuditEntry.object_id == str(row.ticket_id)))
    assert detail["team_leader_name"] == "梁振邦" and "team_leader_phone" not in detail

    # the tab: masked for the reviewer, corrected by the chief (page and API), audited
    file_case(api, case["id"])
    login(client, "reviewer")
    tab = client.get(f"/cases/{case['id']}/parties").get_data(as_text=True)
    assert "班组长" in tab and "138****0202" in tab and "13826000202" not in tab
    assert client.get(f"/cases/{case['id']}/team-leader").status_code == 403
    assert api.put("reviewer", f"/api/v1/cases/{case['id']}/team-leader", json={"name": "甲"}).status_code == 403
    login(client, "chief")
    tab = client.get(f"/cases/{case['id']}/parties").get_data(as_text=True)
    assert "13826000202" in tab and f"/cases/{case['id']}/team-leader" in tab
    r = client.post(f"/cases/{case['id']}/team-leader", data={"team_leader_name": "梁振邦", "team_leader_phone": "abc"})
    assert r.status_code == 400 and "请输入有效的电话号码" in r.get_data(as_text=True)
    r = client.post(f"/cases/{case['id']}/team-leader",
                    data={"team_leader_name": "梁振华", "team_leader_phone": "0756-1234567"})
    assert r.status_code == 302
    assert "梁振华" in client.get(f"/cases/{case['id']}").get_data(as_text=True)
    r = api.put("chief", f"/api/v1/cases/{case['id']}/team-leader", json={"name": "梁振华", "phone": "x"})
    assert r.status_code == 400 and list(r.get_json()["error"]["fields"]) == ["phone"]
    r = api.put("chief", f"/api/v1/cases/{case['id']}/team-leader", json={"name": "梁振华", "phone": "6281 1111"})
    assert r.status_code == 200 and r.get_json() == {"name": "梁振华", "phone": "62811111"}
    assert api.get("chief", f"/api/v1/cases/{case['id']}").get_json()["team_leader"]["phone"] == "62811111"
    entries = list(db_session.scalars(select(AuditEntry).where(AuditEntry.action == "case.team_leader_correct")
                                      .order_by(AuditEntry.id)))
    assert [e.detail["after"] for e in entries] == [{"name": "梁振华", "phone": "075****4567"},
                                                    {"name": "梁振华", "phone": "****1111"}]
    # the ticket keeps what was registered
    assert api.get("chief", f"/api/v1/tickets/{row.ticket_id}").get_json()["team_leader"]["name"] == "梁振邦"
