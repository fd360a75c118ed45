"""The late-payment surcharge is computed, not typed; enforcement waits for the remedy periods.

A penalty of 50,000 on an organisation, no hearing, decision served Thu 2026-12-03: the payment
period ends Fri 18 Dec; each day after costs 3 % (1,500.00), at most the fine (APL Art. 72).
Reconsideration (60 days) ends Mon 1 Feb 2027, litigation (6 months) Thu 3 Jun 2027: only after that
may the bureau apply to the court, within 3 months (AEL Art. 53).
"""
from __future__ import annotations

from datetime import date

import pytest

from app.cases import enforcement
from app.errors import ValidationFailed
from app.forms.checks import TaskContext
from tests.factories import PASSWORD
from tests.integration.cases import helpers as h
from tests.integration.cases.test_case_paths_api import _penalty_decided, at


def served_and_unpaid(flow) -> None:
    """The decision served on 3 Dec and the payment period run out: 计算加处罚款 is open."""
    _penalty_decided(flow, "50000.00", major_case=False)
    flow.complete("officer1", "拟处罚", h.penalty_proposal("50000.00"))
    flow.complete("officer1", "事先告知书送达", h.prior_notice())
    flow.complete("officer1", "陈述申辩登记", h.statement(raised=False))
    flow.complete("leader", "负责人审批", h.leader_approval("50000.00"))
    flow.complete("officer1", "制作处罚决定书", h.penalty_decision())
    flow.complete("officer1", "报上级备案", h.decision_filing())
    flow.complete("officer1", "处罚决定书送达", h.decision_service())
    assert flow.advance_to(at("2026-12-19")) == 1


def task_detail(flow, username: str, title: str) -> dict:
    task, _ = flow.find_task(username, title)
    return flow.api.ok("GET", username, f"/api/v1/tasks/{task['id']}")


def refused(flow, username: str, title: str, data: dict) -> dict:
    task, _ = flow.find_task(username, title)
    error = flow.api.ok("POST", username, f"/api/v1/tasks/{task['id']}/complete", 400, json=data)["error"]
    flow.expect(stage=flow.case()["stage"], then=[(title, username)])  # nothing moved
    return error


# --- 计算加处罚款 ----------------------------------------------------------------------------------------

def test_the_surcharge_form_opens_with_the_amount_the_law_gives(flow, api, client):
    served_and_unpaid(flow)
    flow.advance_to(at("2026-12-21"))
    data = task_detail(flow, "officer1", "计算加处罚款")["data"]
    assert (data["overdue_from"], data["calculated_on"], data["overdue_days"], data["surcharge_amount"]) == (
        "2026-12-19", "2026-12-21", 3, "4500.00")
    assert data["surcharge_note"] == "罚款50000.00元×3%×3日（2026-12-19 至 2026-12-21）= 4500.00元"
    # the page shows the same figures, ready to submit
    client.post("/login", data={"username": "officer1", "password": PASSWORD})
    task, _ = flow.find_task("officer1", "计算加处罚款")
    page = client.get(f"/tasks/{task['id']}").get_data(as_text=True)
    assert 'value="4500.00"' in page and "罚款50000.00元×3%×3日" in page
    flow.step("officer1", "计算加处罚款", data, stage="催告", then=[("催告书送达", "officer1")])


def test_an_amount_other_than_the_laws_is_refused_with_the_right_one(flow, api):
    served_and_unpaid(flow)
    flow.advance_to(at("2026-12-21"))
    typed = h.surcharge("5000.00", 3, "2026-12-19", "2026-12-21")
    error = refused(flow, "officer1", "计算加处罚款", typed)
    assert error["code"] == "validation_failed"
    assert error["fields"] == {"surcharge_amount": [
        "加处罚款金额应为 4500.00 元：罚款50000.00元×3%×3日（2026-12-19 至 2026-12-21）= 4500.00元"]}
    assert error["message"] == error["fields"]["surcharge_amount"][0]
    error = refused(flow, "officer1", "计算加处罚款", h.surcharge("4500.00", 4, "2026-12-18", "2026-12-21"))
    assert set(error["fields"]) == {"overdue_from", "overdue_days"}
    assert error["fields"]["overdue_from"] == ["逾期起算日应为缴款期限届满次日 2026-12-19"]
    error = refused(flow, "officer1", "计算加处罚款", h.surcharge("6000.00", 4, "2026-12-19", "2026-12-22"))
    assert error["fields"] == {"calculated_on": ["计算截止日不能晚于今天（2026-12-21）"]}
    error = refused(flow, "officer1", "计算加处罚款", h.surcharge("0.00", 0, "2026-12-19", "2026-12-18"))
    assert error["fields"] == {"calculated_on": ["计算截止日应晚于缴款期限最后一日 2026-12-18"]}
    # reconsideration days are not counted (APL Art. 73): 3 days late, 1 of them under review
    excluded = {**h.surcharge("3000.00", 2, "2026-12-19", "2026-12-21"), "review_or_litigation": True,
                "excluded_days": 1}
    flow.step("officer1", "计算加处罚款", excluded, stage="催告", then=[("催告书送达", "officer1")])


def test_the_surcharge_stops_at_the_fine(flow, api):
    served_and_unpaid(flow)
    flow.advance_to(at("2027-01-25"))  # 38 days late: 3 % × 38 = 114 % of the fine
    data = task_detail(flow, "officer1", "计算加处罚款")["data"]
    assert (data["overdue_days"], data["surcharge_amount"]) == (38, "50000.00")
    assert data["surcharge_note"].endswith("已达罚款数额，以罚款数额为限")
    error = refused(flow, "officer1", "计算加处罚款", {**data, "surcharge_amount": "57000.00"})
    assert error["fields"] == {"surcharge_amount": ["加处罚款不得超过罚款数额 50000.00 元（《行政处罚法》第七十二条）"]}


# --- paid late: the surcharge paid must be the law's as of the payment day ------------------------------

def test_paid_within_the_demand_period_with_the_surcharge_up_to_that_day(flow, api):
    served_and_unpaid(flow)
    flow.advance_to(at("2026-12-21"))
    flow.complete("officer1", "计算加处罚款", h.surcharge("4500.00", 3, "2026-12-19", "2026-12-21"))
    flow.complete("officer1", "催告书送达", h.demand("54500.00", "2026-12-21"))
    flow.advance_to(at("2026-12-28"))
    paid = {"fine_paid_on": "2026-12-28", "fine_paid_amount": "50000.00", "surcharge_paid": "4500.00",
            "fine_receipt_no": "JK-2026-00120"}
    assert task_detail(flow, "officer1", "催告期内缴纳确认")["data"]["surcharge_paid"] == "15000.00"
    error = refused(flow, "officer1", "催告期内缴纳确认", paid)
    assert error["fields"]["surcharge_paid"] == [
        "截至缴纳日 2026-12-28 应缴加处罚款 15000.00 元：罚款50000.00元×3%×10日（2026-12-19 至 2026-12-28）"
        "= 15000.00元；未足额缴纳的不能确认为已履行"]
    flow.step("officer1", "催告期内缴纳确认", {**paid, "surcharge_paid": "15000.00"}, stage="结案审批",
              then=[("结案审批", "chief")])


# --- enforcement waits for the remedy periods ---------------------------------------------------------

def test_paid_while_waiting_for_the_remedy_periods_ends_the_penalty(flow, api):
    served_and_unpaid(flow)
    flow.advance_to(at("2026-12-21"))
    flow.complete("officer1", "计算加处罚款", h.surcharge("4500.00", 3, "2026-12-19", "2026-12-21"))
    flow.complete("officer1", "催告书送达", h.demand("54500.00", "2026-12-21"))
    assert flow.advance_to(at("2027-01-04")) == 1  # the demand period ran out on 31 Dec: no application yet
    task = task_detail(flow, "officer1", "复议诉讼期间缴纳确认")
    assert task["due_at"] == "2027-06-03T15:59:59+00:00"  # the end of the day the remedy periods end
    flow.expect(stage="等待复议、诉讼期限届满", then=[("复议诉讼期间缴纳确认", "officer1")])
    flow.advance_to(at("2027-02-01"))
    paid = {"fine_paid_on": "2027-02-01", "fine_paid_amount": "50000.00", "surcharge_paid": "67500.00",
            "fine_receipt_no": "JK-2027-00003"}
    error = refused(flow, "officer1", "复议诉讼期间缴纳确认", paid)
    assert error["fields"] == {"surcharge_paid": ["加处罚款不得超过罚款数额 50000.00 元（《行政处罚法》第七十二条）"]}
    case = flow.step("officer1", "复议诉讼期间缴纳确认", {**paid, "surcharge_paid": "50000.00"}, stage="结案审批",
                     then=[("结案审批", "chief")])
    assert "enforcement_application" not in {c["rule"] for c in case["clocks"]}
    assert flow.advance_to(at("2027-06-04")) == 0  # no timer left waiting


def test_the_application_cannot_be_dated_before_the_periods_end(flow, api):
    served_and_unpaid(flow)
    flow.advance_to(at("2026-12-21"))
    flow.complete("officer1", "计算加处罚款", h.surcharge("4500.00", 3, "2026-12-19", "2026-12-21"))
    flow.complete("officer1", "催告书送达", h.demand("54500.00", "2026-12-21"))
    flow.advance_to(at("2027-01-04"))
    assert flow.advance_to(at("2027-06-04")) == 1
    flow.expect(stage="申请强制执行", then=[("强制执行申请审批", "leader")])
    error = refused(flow, "leader", "强制执行申请审批", h.enforcement_approval("2027-06-03"))
    assert error["message"] == "复议、诉讼期限至 2027-06-03 届满，届满后方可申请人民法院强制执行（《行政强制法》第五十三条）"
    assert error["fields"] == {"enforcement_approved_on": ["审批日期应在复议、诉讼期限届满（2027-06-03）之后"]}
    flow.complete("leader", "强制执行申请审批", h.enforcement_approval("2027-06-04"))
    error = refused(flow, "officer1", "申请法院强制执行", h.enforcement("54500.00", "2027-05-31"))
    # before the approval, so before the periods' end too: the dates-in-order rule answers first
    assert error["fields"] == {"enforcement_filed_on": ["强制执行申请日期不得早于强制执行申请审批日期（2027-06-04）"]}
    flow.step("officer1", "申请法院强制执行", h.enforcement("54500.00", "2027-06-04"), stage="结案审批",
              then=[("结案审批", "chief")])


def test_an_approval_before_the_periods_end_is_refused(app, env, db_session):
    """A process started before the wait existed reaches the approval early: it is refused by date."""
    context = TaskContext(env=env, today=date(2027, 1, 4), process={"decision_service_date": "2026-12-03"})
    with pytest.raises(ValidationFailed) as refused_early:
        enforcement.check_approval(db_session, None, {"enforcement_decision": "apply"}, context)
    assert refused_early.value.fields == {"enforcement_decision": [
        "复议、诉讼期限至 2027-06-03 届满，届满后方可申请人民法院强制执行（《行政强制法》第五十三条）"]}
    enforcement.check_approval(db_session, None, {"enforcement_decision": "paid"}, context)  # no date needed
    later = TaskContext(env=env, today=date(2027, 6, 4), process=context.process)
    enforcement.check_approval(db_session, None, {"enforcement_decision": "apply",
                                                  "enforcement_approved_on": "2027-06-04"}, later)
