"""The documents tab and the process record the service of the same document once: the process
form starts from the issued document's number and recorded service and may not contradict them,
the documents tab keeps the clock the process started (same day, same due day as the BPMN timer),
and voiding a served document stops the period its service started.

The shared clock starts on Thu 2026-12-03 09:00 in Hengqin; the statement period is 3 working days.
"""
from __future__ import annotations

import pytest

from app.deadlines import service as clocks
from tests.integration.cases import helpers as h
from tests.integration.cases.helpers import Api, CaseDriver
from tests.integration.cases.test_case_paths_api import _penalty_decided, at
from tests.integration.cases.test_period_clocks import process_due

STEP = "事先告知书送达"
SERVED = {"method": "direct", "recipient": "广东某建筑工程有限公司", "signed_by": "陈某", "delivered_on": "2026-12-03"}


@pytest.fixture
def flow(app, clock, env, db_session):
    app.config["API_TOKEN_HOURS"] = 24 * 400
    driver = CaseDriver(Api(app), clock=clock, env=env, session=db_session)
    _penalty_decided(driver, "50000.00", major_case=False)
    driver.step("officer1", "拟处罚", h.penalty_proposal("50000.00"), stage="事先告知", then=[(STEP, "officer1")])
    return driver


def issued_notice(flow) -> dict:
    """The 行政处罚事先告知书 made and issued on the documents tab."""
    draft = flow.api.ok("POST", "officer1", f"/api/v1/cases/{flow.case_id}/documents", 201,
                        json={"kind": "penalty_prior_notice", "inputs": {}})
    assert draft["missing"] == [], draft["missing"]
    return flow.api.ok("POST", "officer1", f"/api/v1/documents/{draft['id']}/issue")


def statement_clocks(flow) -> list[dict]:
    """Every 陈述申辩 clock of the case (rows of legal_clock, stopped ones too)."""
    flow.session.expire_all()
    return [{"id": c.id, "start_on": c.start_on.isoformat(), "due_on": c.due_on.isoformat(), "state": c.state,
             "trace": c.trace}
            for c in clocks.clocks_for(flow.session, business_type="case", business_id=flow.case_id)
            if c.rule_code == "statement_defence"]


def step_form(flow) -> dict:
    task, _ = flow.find_task("officer1", STEP)
    return flow.api.ok("GET", "officer1", f"/api/v1/tasks/{task['id']}")


def complete_step(flow, data: dict, status: int = 200):
    task, _ = flow.find_task("officer1", STEP)
    flow._lists.clear()
    return flow.api.ok("POST", "officer1", f"/api/v1/tasks/{task['id']}/complete", status, json=data)


def test_served_on_the_documents_tab_then_the_step_keeps_one_clock_due_with_the_timer(flow):
    notice = issued_notice(flow)
    flow.api.ok("POST", "officer1", f"/api/v1/documents/{notice['id']}/services", 201, json=SERVED)
    (first,) = statement_clocks(flow)
    assert (first["start_on"], first["due_on"]) == ("2026-12-03", "2026-12-08")

    # the step's form starts from the system's record instead of asking for it again
    prefill = step_form(flow)["prefill"]
    assert prefill == {"prior_notice_no": notice["number"], "notice_issued_on": "2026-12-03",
                       "notice_service_date": "2026-12-03", "notice_service_method": "direct"}

    # a number the system did not issue, or another service date, is refused in Chinese
    wrong_number = complete_step(flow, {**prefill, "prior_notice_no": "横劳监告〔2026〕12号", "rights_informed": True,
                                        "notice_recipient": "陈某"}, status=400)["error"]
    assert wrong_number["fields"]["prior_notice_no"] == [
        f"系统中没有签发文号为“横劳监告〔2026〕12号”的行政处罚事先告知书；本案已签发的行政处罚事先告知书文号为{notice['number']}"]
    flow.advance_to(at("2026-12-04"))  # a day later: 12-04 is neither future nor before filing
    wrong_date = complete_step(flow, {**prefill, "notice_service_date": "2026-12-04", "rights_informed": True,
                                      "notice_recipient": "陈某"}, status=400)["error"]
    assert "送达日期为2026-12-03" in wrong_date["fields"]["notice_service_date"][0]
    assert statement_clocks(flow) == [first]  # nothing changed

    complete_step(flow, {**prefill, "rights_informed": True, "notice_recipient": "陈某（法定代表人）"})
    (clock,) = statement_clocks(flow)  # exactly one clock: the tab's, kept by the process
    assert clock["id"] == first["id"] and clock["state"] == "running"
    assert clock["due_on"] == process_due(flow, "statement_defence") == "2026-12-08"


def test_the_step_first_then_the_documents_tab_keeps_the_process_clock(flow):
    notice = issued_notice(flow)
    assert step_form(flow)["prefill"] == {"prior_notice_no": notice["number"], "notice_issued_on": "2026-12-03"}
    complete_step(flow, {**h.prior_notice(), "prior_notice_no": notice["number"]})
    (started,) = statement_clocks(flow)
    assert started["due_on"] == process_due(flow, "statement_defence") == "2026-12-08"

    # the audited case: recording the same service on the tab stopped this clock and started another
    record = flow.api.ok("POST", "officer1", f"/api/v1/documents/{notice['id']}/services", 201, json=SERVED)
    (clock,) = statement_clocks(flow)
    assert record["clock_id"] == clock["id"] == started["id"] and clock["state"] == "running"

    # a later, different date on the tab would part the clock from the BPMN timer: refused
    flow.advance_to(at("2026-12-04"))
    refused = flow.api.post("officer1", f"/api/v1/documents/{notice['id']}/services",
                            json={**SERVED, "delivered_on": "2026-12-04"})
    assert refused.status_code == 400
    error = refused.get_json()["error"]
    assert "流程中已登记行政处罚事先告知书" in error["message"] and "2026-12-03" in error["message"]
    assert set(error["fields"]) == {"delivered_on"}
    assert statement_clocks(flow) == [clock]


def test_voiding_a_served_notice_stops_its_period_with_the_reason(flow):
    notice = issued_notice(flow)
    flow.api.ok("POST", "officer1", f"/api/v1/documents/{notice['id']}/services", 201, json=SERVED)
    complete_step(flow, {**h.prior_notice(), "prior_notice_no": notice["number"]})
    flow.advance_to(at("2026-12-04"))

    flow.api.ok("POST", "officer1", f"/api/v1/documents/{notice['id']}/void", json={"reason": "当事人名称写错，重新制作"})
    (clock,) = statement_clocks(flow)
    assert clock["state"] == "stopped"
    assert clock["trace"].endswith(f"2026-12-04 停止计时（行政处罚事先告知书（{notice['number']}）已作废：当事人名称写错，重新制作）")


def test_voiding_a_notice_served_only_in_the_process_stops_the_process_clock(flow):
    notice = issued_notice(flow)
    complete_step(flow, {**h.prior_notice(), "prior_notice_no": notice["number"]})
    flow.api.ok("POST", "officer1", f"/api/v1/documents/{notice['id']}/void", json={"reason": "文书内容有误"})
    (clock,) = statement_clocks(flow)
    assert clock["state"] == "stopped" and "已作废：文书内容有误" in clock["trace"]


def test_a_void_number_is_refused_and_a_paper_notice_is_typed_in_as_before(flow):
    notice = issued_notice(flow)
    flow.api.ok("POST", "officer1", f"/api/v1/documents/{notice['id']}/void", json={"reason": "重复制作，作废"})
    refused = complete_step(flow, {**h.prior_notice(), "prior_notice_no": notice["number"]}, status=400)["error"]
    assert refused["fields"]["prior_notice_no"] == [
        f"文号“{notice['number']}”的行政处罚事先告知书已作废（重复制作，作废），请填写重新制作后签发的文号"]
    # nothing issued in the system any more: the notice was made on paper, its number is typed in
    assert step_form(flow)["prefill"] == {}
    complete_step(flow, h.prior_notice())
    assert len(statement_clocks(flow)) == 1
