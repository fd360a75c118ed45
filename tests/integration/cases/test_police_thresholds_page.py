"""拟移送公安机关: the task page shows the form's description (the legal standard) and, from the
case's own figures, whether the Zhuhai amounts for 拒不支付劳动报酬罪 are reached — a note, not a block."""
from __future__ import annotations

from datetime import datetime

from tests.factories import PASSWORD
from tests.integration.cases import helpers as h


def _to_police_transfer(flow) -> dict:
    """Filed, ordered to rectify, not complied, 加付赔偿金 with transfer: the officer's 拟移送公安机关 task."""
    flow.filed_case(checked=False)
    flow.complete("officer1", "调查取证记录", h.record("conclude"))
    flow.complete("officer1", "拟定处理意见", h.proposal("rectify"))
    flow.complete("chief", "审核处理意见", h.review())
    flow.complete("officer1", "制发限期改正指令书", h.rectification_order("2026-12-08"))
    flow.complete("officer1", "限期改正指令书送达", h.rectification_service())
    flow.advance_to(datetime.fromisoformat("2026-12-09T09:00:00+08:00"))
    flow.complete("officer1", "核查整改情况", h.rectification_check(False, "2026-12-09"))
    flow.complete("officer1", "责令加付赔偿金", {
        "order_no": "横琴人社监赔〔2026〕1号", "base_amount": "42300.00", "compensation_percent": 80,
        "compensation_amount": "33840.00", "compensation_due": "2026-12-16", "impose_penalty": False,
        "transfer_police": True})
    flow.complete("chief", "加付赔偿金审批", {"approval_opinion": "同意", "approved_on": "2026-12-09"})
    task, _ = flow.find_task("officer1", "拟移送公安机关")
    return task


def _page(client, task_id: int) -> str:
    client.post("/login", data={"username": "officer1", "password": PASSWORD})
    r = client.get(f"/tasks/{task_id}")
    assert r.status_code == 200
    return r.get_data(as_text=True)


def test_the_page_shows_the_standard_and_that_the_case_figures_do_not_reach_it(flow, client):
    task = _to_police_transfer(flow)  # 5 workers, 42,300.00 元, no roster
    page = _page(client, task["id"])
    assert 'id="form-description"' in page and "二万元以上" in page and "粤高法发〔2015〕4号" in page
    assert "移送数额标准核对" in page
    assert "按案件登记数据：涉及 5 人、金额 42,300.00 元" in page
    assert "十名以上劳动者且累计十万元以上：未达到" in page
    assert "一名劳动者三个月以上且二万元以上：无法按人核对，请导入欠薪工人名册" in page
    # a note, not a block: the officer can still submit the transfer
    assert 'id="submit-task"' in page


def test_the_roster_decides_the_single_worker_test_and_the_api_carries_the_note(flow, api, client):
    task = _to_police_transfer(flow)
    for name, id_no, owed, paid in (("林志华", "440402198001011231", "25000.00", "0.00"),
                                    ("陈大明", "11010519491231002X", "17300.00", "0.00")):
        api.ok("POST", "officer1", f"/api/v1/cases/{flow.case_id}/workers", 201, json={
            "name": name, "id_type": "resident_id", "id_number": id_no, "is_migrant_worker": True,
            "amount_owed": owed, "amount_paid": paid})
    page = _page(client, task["id"])
    assert "按欠薪工人名册：尚未支付 2 人、合计 42,300.00 元" in page
    assert "一名劳动者二万元以上：已达到（1 人未付金额在二万元以上，最高 25,000.00 元），须核实拖欠是否满3个月" in page
    assert "结论：按现有数据已达到移送数额标准" in page
    (note,) = api.ok("GET", "officer1", f"/api/v1/tasks/{task['id']}")["notes"]
    assert note["level"] == "warn" and any("已达到（1 人" in line for line in note["lines"])
