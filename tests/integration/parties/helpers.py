"""Registration payloads with every party group and several complainants, and a case opened from one."""
from __future__ import annotations

from typing import Any

from tests.factories import PASSWORD

CODE_A, CODE_B, CODE_C, CODE_D = "91440400MA4W00001T", "91440400MA4W00002X", "91440400MA4W000031", "91440400MA4W000044"
ID_1, ID_2, ID_3 = "440402198503120016", "440402199007210025", "450321198801050031"


def full_registration(**overrides: Any) -> dict[str, Any]:
    data = {
        "channel": "visit", "received_at": "2026-12-03T09:00:00+08:00", "project_nature": "government",
        "project_name": "横琴口岸综合交通枢纽配套工程", "summary": "黄国强等3名工人反映被拖欠2026年10月至11月工资。",
        "people_count": 3, "amount": "36000.00", "migrant_worker_count": 3,
        "complainants": [
            {"name": "黄国强", "gender": "男", "phone": "13800138001", "id_type": "resident_id", "id_number": ID_1,
             "is_migrant_worker": True, "service_address": "珠海市横琴新区新家园8栋"},
            {"name": "陈秀英", "gender": "女", "phone": "13800138011", "id_type": "resident_id", "id_number": ID_2,
             "is_migrant_worker": True},
            {"name": "吴家乐", "gender": "男", "phone": "+853 6281 2345", "is_migrant_worker": False},
        ],
        "construction_units": [{"name": "珠海横琴某投资有限公司", "credit_code": CODE_C, "nature": "国有企业",
                                "legal_representative": "谭志远", "address": "珠海市横琴新区口岸路1号"}],
        "general_contractors": [{"name": "中建某局珠海建设有限公司", "credit_code": CODE_A, "nature": "国有企业",
                                 "legal_representative": "邓国华", "manager_name": "钟伟明"}],
        "subcontractors": [{"name": "珠海某建设劳务有限公司", "credit_code": CODE_D, "nature": "私营企业",
                            "legal_representative": "何永康", "agent_name": "冯子健", "agent_phone": "13826000101"}],
        "responsible_units": [{"name": "珠海某建设劳务有限公司", "credit_code": CODE_D, "legal_representative": "何永康"}],
        "responsible_persons": [{"name": "何永康", "id_type": "resident_id", "id_number": ID_3}],
    }
    data.update(overrides)
    return data


def unrelated_registration(**overrides: Any) -> dict[str, Any]:
    fields = {"project_name": "横琴科学城配套商业楼", "complainants": [{"name": "何建军", "phone": "13600136004"}],
              "construction_units": [], "general_contractors": [], "subcontractors": [], "responsible_persons": [],
              "responsible_units": [{"name": "某装饰工程（珠海）有限公司", "credit_code": CODE_B}]}
    return full_registration(**{**fields, **overrides})


def login(client, username: str):
    client.post("/login", data={"username": username, "password": PASSWORD})
    return client


def open_case(api, payload: dict | None = None) -> dict:
    """Register, assign, verify (accept): the case awaiting 立案审批. Returns the case as the API lists it."""
    r = api.post("clerk", "/api/v1/tickets", json=payload or full_registration())
    assert r.status_code == 201, r.get_json()
    ticket = r.get_json()
    task = _only(api, "chief", "group")
    api.post("chief", f"/api/v1/tasks/{task['id']}/complete", json={"handler": "officer1", "assigned_on": "2026-12-03"})
    task = _only(api, "officer1", "mine")
    api.post("officer1", f"/api/v1/tasks/{task['id']}/complete",
             json={"verification_notes": "核实属实。", "conclusion": "accept"})
    (case,) = [c for c in api.get("chief", "/api/v1/cases").get_json()["items"] if c["ticket_id"] == ticket["id"]]
    return case


def file_case(api, case_id: int) -> dict:
    """立案审批 approved: the next task is 指派承办执法人员 (form case_assign)."""
    task = _only(api, "chief", "group", business_id=case_id)
    r = api.post("chief", f"/api/v1/tasks/{task['id']}/complete",
                 json={"filing_approval": "approve", "filed_on": "2026-12-03", "filing_opinion": "同意立案"})
    assert r.status_code == 200, r.get_json()
    (assign,) = r.get_json()["items"]
    return assign


def _only(api, username: str, scope: str, business_id: int | None = None) -> dict:
    items = api.get(username, f"/api/v1/tasks?scope={scope}").get_json()["items"]
    if business_id is not None:
        items = [t for t in items if t["business_id"] == business_id]
    assert len(items) == 1, items
    return items[0]
