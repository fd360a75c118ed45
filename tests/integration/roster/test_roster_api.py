"""/api/v1/cases/<id>/workers: masked per role, one row with field errors, import, OpenAPI."""
from __future__ import annotations

import io

from openpyxl import Workbook
from sqlalchemy import func, select

from app.roster.models import CaseWorker
from app.validation import mask_id_number
from tests.integration.roster.helpers import MACAO_ID, mainland_id, wrong_check


def payload(**overrides):
    data = {"name": "林志华", "id_type": "resident_id", "id_number": mainland_id(), "phone": "13900139002",
            "is_migrant_worker": True, "amount_owed": "8460.00", "amount_paid": 1000}
    data.update(overrides)
    return data


def test_add_list_and_masking(api, db_session, case):
    r = api.post("officer1", f"/api/v1/cases/{case.id}/workers", json=payload())
    assert r.status_code == 201, r.json
    assert r.json["id_number"] == mainland_id() and r.json["amount_paid"] == "1000.00"
    r = api.post("officer1", f"/api/v1/cases/{case.id}/workers",
                 json=payload(name="陈大文", id_type="澳门居民身份证", id_number="12345678", is_migrant_worker="否"))
    assert r.status_code == 201 and r.json["id_number"] == MACAO_ID and r.json["id_type"] == "macao_id"

    body = api.get("officer1", f"/api/v1/cases/{case.id}/workers").json
    assert body["unmasked"] is True and body["may_edit"] is True
    assert [w["id_number"] for w in body["items"]] == [mainland_id(), MACAO_ID]
    assert body["totals"] == {"people": 2, "migrant_workers": 1, "owed": "16920.00", "paid": "2000.00",
                              "outstanding": "14920.00"}
    body = api.get("officer2", f"/api/v1/cases/{case.id}/workers").json
    assert body["unmasked"] is False and body["may_edit"] is False
    assert [w["id_number"] for w in body["items"]] == [mask_id_number(mainland_id()), mask_id_number(MACAO_ID)]
    assert body["items"][0]["phone"] == "139****9002"


def test_bad_input_is_400_with_fields_and_nothing_saved(api, db_session, case):
    r = api.post("officer1", f"/api/v1/cases/{case.id}/workers",
                 json=payload(id_number=wrong_check(mainland_id()), amount_owed="-1", phone="123"))
    assert r.status_code == 400
    fields = r.json["error"]["fields"]
    assert fields["id_number"] == ["居民身份证校验位错误"]
    assert fields["amount_owed"] == ["欠薪金额不能为负数"]
    assert "请输入有效的电话号码" in fields["phone"][0]
    assert db_session.scalar(select(func.count(CaseWorker.id))) == 0


def test_refusals(api, case):
    for username in ("officer2", "leader", "reviewer"):
        r = api.post(username, f"/api/v1/cases/{case.id}/workers", json=payload())
        assert r.status_code == 403 and r.json["error"]["code"] == "forbidden"
    assert api.get("admin", f"/api/v1/cases/{case.id}/workers").status_code == 403
    assert api.get("officer1", "/api/v1/cases/999999/workers").status_code == 404


def test_import(api, db_session, case):
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "证件类型", "证件号码", "是否农民工", "欠薪金额"])
    ws.append(["林志华", "居民身份证", mainland_id(), "是", 100])
    ws.append(["陈大文", "澳门居民身份证", MACAO_ID, "否", 200])
    buffer = io.BytesIO()
    wb.save(buffer)
    data = buffer.getvalue()
    r = api.post("officer2", f"/api/v1/cases/{case.id}/workers/import",
                 data={"file": (io.BytesIO(data), "a.xlsx")}, content_type="multipart/form-data")
    assert r.status_code == 403
    r = api.post("officer1", f"/api/v1/cases/{case.id}/workers/import",
                 data={"file": (io.BytesIO(data), "a.xlsx")}, content_type="multipart/form-data")
    assert r.status_code == 201, r.json
    assert r.json["imported"] == 2 and r.json["duplicates"] == []
    ws.append(["王强", "居民身份证", wrong_check(mainland_id("44040219920715321")), "是", 300])
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    r = api.post("chief", f"/api/v1/cases/{case.id}/workers/import",
                 data={"file": (buffer, "b.xlsx")}, content_type="multipart/form-data")
    assert r.status_code == 400
    assert r.json["error"]["fields"]["file"] == ["第4行：证件号码：居民身份证校验位错误"]
    assert db_session.scalar(select(func.count(CaseWorker.id))) == 2


def test_openapi_lists_the_roster_endpoints(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    paths = spec["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/cases/{case_id}/workers"])
    assert "post" in paths["/api/v1/cases/{case_id}/workers/import"]
    assert {"Worker", "WorkerInput", "Roster", "WorkerTotals", "RosterImport"} <= set(spec["components"]["schemas"])
