"""A case gets the ticket's parties and complainants; its page lists them (masked for roles without
PII permission); its officers correct them, audited."""
from __future__ import annotations

from sqlalchemy import select

from app.audit.models import AuditEntry
from app.cases.models import Case
from tests.integration.parties.helpers import CODE_B, ID_1, file_case, full_registration, login, open_case


def test_the_case_gets_the_tickets_parties_and_complainants(api, db_session):
    case = open_case(api)
    parties = api.get("chief", f"/api/v1/cases/{case['id']}/parties").get_json()
    assert parties["unmasked"] is True and parties["may_edit"] is True
    assert [p["role"] for p in parties["items"]] == ["construction_unit", "general_contractor", "subcontractor",
                                                     "responsible_unit", "responsible_person"]
    people = api.get("chief", f"/api/v1/cases/{case['id']}/complainants").get_json()["items"]
    assert [(p["name"], p["id_number"]) for p in people][:2] == [("黄国强", ID_1), ("陈秀英", "440402199007210025")]
    assert people[0]["service_address"] == "珠海市横琴新区新家园8栋" and people[0]["is_migrant_worker"] is True


def test_a_role_without_pii_permission_sees_masked_numbers(api, client, db_session):
    case = open_case(api)
    file_case(api, case["id"])
    # the reviewer may see the case (its section) but is not one of its inspectors
    body = api.get("reviewer", f"/api/v1/cases/{case['id']}/complainants").get_json()
    assert body["unmasked"] is False and body["may_edit"] is False
    first = body["items"][0]
    assert first["id_number"] != ID_1 and "*" in first["id_number"] and first["phone"] != "13800138001"
    person = api.get("reviewer", f"/api/v1/cases/{case['id']}/parties").get_json()["items"][-1]
    assert person["role"] == "responsible_person" and "*" in person["id_number"]
    login(client, "reviewer")
    page = client.get(f"/cases/{case['id']}").get_data(as_text=True)
    assert "当事人 / 投诉人" in page and "黄国强" in page and "中建某局珠海建设有限公司" in page
    assert ID_1 not in page and "13800138001" not in page
    tab = client.get(f"/cases/{case['id']}/parties").get_data(as_text=True)
    assert "已脱敏显示" in tab and ID_1 not in tab and "更正" not in tab
    assert api.post("reviewer", f"/api/v1/cases/{case['id']}/complainants",
                    json={"name": "甲", "phone": "13800000000"}).status_code == 403


def test_officers_add_and_correct_parties_and_complainants_audited(api, client, db_session):
    case = open_case(api)
    r = api.post("chief", f"/api/v1/cases/{case['id']}/parties",
                 json={"role": "subcontractor", "name": "某装饰工程(珠海)有限公司", "credit_code": CODE_B,
                       "agent_name": "潘小明", "agent_phone": "13711112222", "owes_wages": True})
    assert r.status_code == 201, r.get_json()
    added = r.get_json()
    assert added["name"] == "某装饰工程（珠海）有限公司"  # Chinese brackets, as stored for the duplicate check
    r = api.post("chief", f"/api/v1/cases/{case['id']}/parties", json={"role": "responsible_person", "name": "甲",
                                                                       "id_type": "resident_id", "id_number": "123"})
    assert r.status_code == 400 and "id_number" in r.get_json()["error"]["fields"]
    parties = api.get("chief", f"/api/v1/cases/{case['id']}/parties").get_json()["items"]
    unit = next(p for p in parties if p["role"] == "responsible_unit")
    r = api.put("chief", f"/api/v1/cases/{case['id']}/parties/{unit['id']}",
                json={"name": "珠海某建设劳务有限公司第二分公司", "legal_representative": "何永康"})
    assert r.status_code == 200
    db_session.expire_all()
    assert db_session.get(Case, case["id"]).respondent_name == "珠海某建设劳务有限公司第二分公司"
    people = api.get("chief", f"/api/v1/cases/{case['id']}/complainants").get_json()["items"]
    r = api.put("chief", f"/api/v1/cases/{case['id']}/complainants/{people[0]['id']}",
                json={"name": "黄国强", "phone": "13800138099", "is_migrant_worker": True})
    assert r.status_code == 200 and r.get_json()["phone"] == "13800138099"
    assert db_session.get(Case, case["id"]).complainant_phone == "13800138099"
    actions = list(db_session.scalars(select(AuditEntry.action).where(AuditEntry.object_type == "case")
                                      .order_by(AuditEntry.id)))
    assert actions[-3:] == ["case.party_add", "case.party_correct", "case.complainant_correct"]
    # and the page: the chief adds a complainant through the form
    login(client, "chief")
    assert "添加投诉人" in client.get(f"/cases/{case['id']}/parties").get_data(as_text=True)
    r = client.post(f"/cases/{case['id']}/complainants/new", data={"name": "麦家辉", "phone": "abc"})
    assert r.status_code == 400 and "请输入有效的电话号码" in r.get_data(as_text=True)
    r = client.post(f"/cases/{case['id']}/complainants/new", data={"name": "麦家辉", "phone": "13600136036",
                                                                   "is_migrant_worker": "true"})
    assert r.status_code == 302
    assert "麦家辉" in client.get(f"/cases/{case['id']}/parties").get_data(as_text=True)


def test_officer_edits_need_to_be_on_the_case(api, db_session):
    case = open_case(api, full_registration())
    r = api.put("officer2", f"/api/v1/cases/{case['id']}/complainants/1", json={"name": "x", "phone": "13800000000"})
    assert r.status_code == 403
