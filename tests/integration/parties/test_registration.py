"""Registering a ticket with several complainants and every party group, by page and by API."""
from __future__ import annotations

from sqlalchemy import select

from app.audit.models import AuditEntry
from app.parties.models import Complainant, Party
from app.tickets.models import Ticket
from tests.factories import registration_data
from tests.integration.parties.helpers import CODE_A, CODE_D, ID_1, full_registration, login


def test_api_registers_every_group_and_every_complainant(api, db_session):
    r = api.post("clerk", "/api/v1/tickets", json=full_registration())
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    assert body["respondent_name"] == "珠海某建设劳务有限公司"  # the 欠薪直接责任单位 is the summary
    assert body["complainant_name"] == "黄国强" and body["possible_duplicates"] == []
    detail = api.get("clerk", f"/api/v1/tickets/{body['id']}").get_json()
    assert [p["role_label"] for p in detail["parties"]] == ["建设单位", "总包单位", "分包单位", "欠薪直接责任单位",
                                                            "欠薪直接责任人"]
    sub = detail["parties"][2]
    assert sub["agent_name"] == "冯子健" and sub["agent_phone"] == "13826000101" and sub["credit_code"] == CODE_D
    assert [c["name"] for c in detail["complainants"]] == ["黄国强", "陈秀英", "吴家乐"]
    assert detail["complainants"][2]["phone"] == "+85362812345"  # Macao number in canonical form
    assert detail["complainants"][0]["service_address"] == "珠海市横琴新区新家园8栋"
    audit = db_session.scalar(select(AuditEntry.detail).where(AuditEntry.action == "ticket.register"))
    assert audit["complainants"] == ["黄国强", "陈秀英", "吴家乐"] and ID_1 not in str(audit)
    assert "13800138001" not in str(audit)


def test_api_errors_name_the_row_and_the_field_in_chinese(api, db_session):
    data = full_registration()
    data["complainants"][1]["id_number"] = "440402199007210026"  # wrong check digit
    data["complainants"][2]["phone"] = "12345"
    data["general_contractors"][0]["credit_code"] = "91440400MA4W00001X"
    data["responsible_persons"][0] = {"name": "何永康", "id_number": "440402197902140060"}  # no 证件类型
    r = api.post("clerk", "/api/v1/tickets", json=data)
    assert r.status_code == 400
    error = r.get_json()["error"]
    assert error["code"] == "validation_failed"
    assert set(error["fields"]) == {"complainants[1].id_number", "complainants[2].phone",
                                    "general_contractors[0].credit_code", "responsible_persons[0].id_number"}
    assert "校验" in error["fields"]["complainants[1].id_number"][0]
    assert error["fields"]["responsible_persons[0].id_number"] == ["请先选择证件类型"]
    assert "投诉人第3项·联系电话" in error["message"]
    assert db_session.scalar(select(Ticket.id)) is None


def test_a_complainant_and_a_unit_that_owes_wages_are_required(api, db_session):
    r = api.post("clerk", "/api/v1/tickets", json=full_registration(complainants=[]))
    assert r.status_code == 400 and r.get_json()["error"]["fields"] == {"complainants": ["请至少填写一名投诉人"]}
    r = api.post("clerk", "/api/v1/tickets", json=full_registration(responsible_units=[]))
    assert r.status_code == 400 and "responsible_units" in r.get_json()["error"]["fields"]
    # no 欠薪直接责任单位, but the clerk marks the subcontractor as the unit that owes the wages
    subcontractor = {**full_registration()["subcontractors"][0], "owes_wages": True}
    r = api.post("clerk", "/api/v1/tickets", json=full_registration(responsible_units=[], subcontractors=[subcontractor]))
    assert r.status_code == 201 and r.get_json()["respondent_name"] == "珠海某建设劳务有限公司"


def test_the_earlier_single_party_payload_still_registers(api, db_session):
    r = api.post("clerk", "/api/v1/tickets", json=registration_data())
    assert r.status_code == 201
    ticket_id = r.get_json()["id"]
    (party,) = db_session.scalars(select(Party).where(Party.ticket_id == ticket_id))
    assert (party.role, party.name, party.owes_wages) == ("responsible_unit", "广东某建筑工程有限公司", True)
    (person,) = db_session.scalars(select(Complainant).where(Complainant.ticket_id == ticket_id))
    assert (person.name, person.phone) == ("林志华", "13900139002")
    r = api.post("clerk", "/api/v1/tickets", json=registration_data(complainant_phone="123"))
    assert r.status_code == 400 and set(r.get_json()["error"]["fields"]) == {"complainant_phone"}


def _page_form(data: dict) -> dict:
    """The registration as the page posts it: name[i].field."""
    form = {k: str(v) for k, v in data.items() if not isinstance(v, list)}
    for group, rows in data.items():
        if isinstance(rows, list):
            for i, row in enumerate(rows):
                for field, value in row.items():
                    form[f"{group}[{i}].{field}"] = "true" if value is True else "false" if value is False else value
    return form


def test_the_page_registers_several_complainants_and_every_group(client, db_session):
    login(client, "clerk")
    page = client.get("/tickets/new").get_data(as_text=True)
    for label in ("投诉人", "建设单位", "总包单位", "分包单位", "欠薪直接责任单位", "欠薪直接责任人", "授权委托人姓名",
                  "法律文书指定送达地址", "添加一行", "js/repeat.js", 'name="complainants[0].name"',
                  "data-repeat-template"):
        assert label in page, label
    form = _page_form(full_registration())
    form["complainants[7].name"], form["complainants[7].phone"] = "麦家辉", "13600136036"  # a row added in the browser
    r = client.post("/tickets/new", data=form)
    assert r.status_code == 302, r.get_data(as_text=True)[:2000]
    ticket = db_session.scalar(select(Ticket))
    names = db_session.scalars(select(Complainant.name).where(Complainant.ticket_id == ticket.id)
                               .order_by(Complainant.position))
    assert list(names) == ["黄国强", "陈秀英", "吴家乐", "麦家辉"]
    page = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "中建某局珠海建设有限公司" in page and CODE_A in page and "冯子健" in page and "麦家辉" in page


def test_the_page_shows_each_rows_error_and_keeps_what_was_typed(client, db_session):
    login(client, "clerk")
    form = _page_form(full_registration())
    form["complainants[1].id_number"] = "440402199007210026"
    form["subcontractors[0].agent_phone"] = "555"
    r = client.post("/tickets/new", data=form)
    html = r.get_data(as_text=True)
    assert r.status_code == 400
    assert "投诉人第2项·证件号码" in html and "投诉人第1项" not in html
    assert 'value="440402199007210026"' in html and 'value="吴家乐"' in html  # the rows are shown again
    assert html.count("field-error") >= 2 and "请输入有效的电话号码" in html
    assert db_session.scalar(select(Ticket.id)) is None
