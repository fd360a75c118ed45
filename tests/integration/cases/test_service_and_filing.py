"""Service of the rectification order and the handling decision (GDLSIR Art. 47: 7 working days after
issue) and 报上级备案 of a handling decision (Art. 48: 10 days, calendar days): each is a clock of
the case that starts at the issue, is due on the day the BPMN timer uses, stops when its step is
done; a service not done in time asks the chief to urge it, and the case reaches 结案审批 only once
the decision is both served and filed.

The shared clock starts on Thu 2026-12-03 09:00 in Hengqin (2027 holidays not entered).
"""
from __future__ import annotations

from datetime import date, datetime, time

from app.deadlines import service as clocks
from tests.factories import CHINA, user
from tests.integration.cases import helpers as h
from tests.integration.cases.test_case_paths_api import at, close_case, decide
from tests.integration.cases.test_date_order import _refused
from tests.integration.cases.test_period_clocks import process_due, sweep

URGE = {"overdue_reason": "party_unreachable", "urge_opinion": "请于两个工作日内完成送达，必要时留置送达。"}


def _order_issued(flow, rectify_by: str) -> None:
    flow.filed_case()
    decide(flow, "rectify", stage="责令限期改正", then=[("制发限期改正指令书", "officer1")])
    flow.step("officer1", "制发限期改正指令书", h.rectification_order(rectify_by), stage="限期改正指令书送达",
              then=[("限期改正指令书送达", "officer1")])


def test_the_order_is_served_within_seven_working_days_then_the_rectify_date_runs(flow, api):
    _order_issued(flow, "2026-12-10")
    service = flow.clock_of("service")
    # issued Thu 3 Dec: 7 working days → Mon 14 Dec, the day the BPMN's reminder timer uses
    assert (service["state"], service["start_on"], service["due_on"]) == ("running", "2026-12-03", "2026-12-14")
    assert service["due_on"] == process_due(flow, "service")
    assert "filing" not in {c["rule"] for c in flow.case()["clocks"]}  # an order is not filed upward

    flow.advance_to(at("2026-12-04"))
    flow.step("officer1", "限期改正指令书送达", h.rectification_service("2026-12-04"), stage="等待改正", then=[])
    service = flow.clock_of("service")
    assert service["state"] == "stopped" and service["trace"].endswith("2026-12-04 停止计时")
    # the compliance timer waits for the rectify-by date as before
    assert flow.advance_to(at("2026-12-10", "23:59")) == 0
    assert flow.advance_to(at("2026-12-11")) == 1
    flow.expect(stage="等待改正", then=[("核查整改情况", "officer1")])


def test_the_order_may_not_be_served_after_the_rectify_date_it_states(flow, api):
    _order_issued(flow, "2026-12-08")
    flow.advance_to(at("2026-12-09"))
    error = _refused(flow, "officer1", "限期改正指令书送达", h.rectification_service("2026-12-09"))
    assert error["fields"] == {"order_served_on": [
        "限期改正指令书送达日期不得晚于责令改正期限（到期日）（2026-12-08）"]}
    error = _refused(flow, "officer1", "限期改正指令书送达", h.rectification_service("2026-12-02"))
    assert error["fields"] == {"order_served_on": ["限期改正指令书送达日期不得早于立案日期（2026-12-03）",
                                                   "限期改正指令书送达日期不得早于限期改正指令书开具日期（2026-12-03）"]}
    # served on the last day itself, recorded the next: the rectification clock needs at least one day,
    # so it runs to the day after service and the check is due when that day ends
    flow.step("officer1", "限期改正指令书送达", h.rectification_service("2026-12-08"), stage="等待改正", then=[])
    rectification = flow.clock_of("rectification")
    assert (rectification["start_on"], rectification["due_on"]) == ("2026-12-08", "2026-12-09")
    assert process_due(flow, "rectification") == "2026-12-09"
    assert flow.advance_to(at("2026-12-10")) == 1
    flow.expect(stage="等待改正", then=[("核查整改情况", "officer1")])


def test_the_rectify_by_date_is_a_clock_of_the_case_from_the_service_to_the_compliance_check(flow, api, db_session):
    """责令改正期限: starts when the order is served, due on the order's rectify-by date (calendar days,
    Thu 3 Dec → Thu 10 Dec: 7 days), the compliance timer fires when that day ends, the handler is
    reminded on the due day and the chief only from the 2nd working day overdue; the check stops it."""
    _order_issued(flow, "2026-12-10")
    assert "rectification" not in {c["rule"] for c in flow.case()["clocks"]}  # not before the service
    flow.step("officer1", "限期改正指令书送达", h.rectification_service("2026-12-03"), stage="等待改正", then=[])
    rectification = flow.clock_of("rectification")
    assert (rectification["state"], rectification["start_on"], rectification["due_on"]) == (
        "running", "2026-12-03", "2026-12-10")
    assert rectification["name"] == "责令改正期限" and "7日" in rectification["trace"]
    assert process_due(flow, "rectification") == "2026-12-10"  # the timer reads the same day

    officer1, chief = user(db_session, "officer1").id, user(db_session, "chief").id
    (clock_id,) = [c.id for c in clocks.clocks_for(flow.session, business_type="case", business_id=flow.case_id)
                   if c.rule_code == "rectification"]

    def reminded(day: str) -> list[tuple[str, str, int]]:
        return sorted((s.kind, s.level, s.recipient_id) for s in sweep(flow, day) if s.clock_id == clock_id)

    assert reminded("2026-12-09") == []  # the employer's period: nothing before it ends
    assert reminded("2026-12-10") == [("due", "assignee", officer1)]
    assert flow.advance_to(at("2026-12-10", "23:59")) == 0
    assert flow.advance_to(at("2026-12-11")) == 1  # the day after the rectify-by date
    flow.expect(stage="等待改正", then=[("核查整改情况", "officer1")])
    assert reminded("2026-12-11") == [("overdue_1", "assignee", officer1)]
    assert reminded("2026-12-14") == [("overdue_2", "assignee", officer1), ("overdue_2", "chief", chief)]

    flow.advance_to(at("2026-12-14"))
    flow.step("officer1", "核查整改情况", h.rectification_check(True, "2026-12-14"), stage="结案审批",
              then=[("结案审批", "chief")])
    rectification = flow.clock_of("rectification")
    assert rectification["state"] == "stopped" and rectification["trace"].endswith("2026-12-14 停止计时")


def test_an_order_not_served_in_time_is_urged_by_the_chief_and_still_served(flow, api, db_session):
    _order_issued(flow, "2026-12-31")
    assert flow.advance_to(at("2026-12-14", "23:59")) == 0  # due Mon 14 Dec: nothing yet
    assert flow.advance_to(at("2026-12-15")) == 1
    flow.expect(stage="限期改正指令书送达", then=[("限期改正指令书送达", "officer1"), ("督办送达", "chief")])
    officer1, chief = user(db_session, "officer1").id, user(db_session, "chief").id
    assert sorted((s.kind, s.level, s.recipient_id) for s in sweep(flow, "2026-12-15")) == [
        ("overdue_1", "assignee", officer1), ("overdue_1", "chief", chief)]

    flow.step("chief", "督办送达", {**URGE, "urged_on": "2026-12-15"}, stage="限期改正指令书送达",
              then=[("限期改正指令书送达", "officer1")])
    flow.step("officer1", "限期改正指令书送达", h.rectification_service("2026-12-15"), stage="等待改正", then=[])
    service = flow.clock_of("service")
    assert service["state"] == "stopped" and service["trace"].endswith("2026-12-15 停止计时")  # late


def _handling_decided(flow, on: str = "2026-12-09") -> dict:
    """行政处理: notice served Thu 3 Dec, the statement period lapses, the chief decides on `on`."""
    flow.filed_case()
    decide(flow, "handling_decision", stage="行政处理事先告知", then=[("制发行政处理事先告知书", "officer1")])
    flow.complete("officer1", "制发行政处理事先告知书",
                  {"notice_no": "横劳监处告〔2026〕4号", "proposed_amount": 42300, "service_method": "direct",
                   "notice_served_on": "2026-12-03"})
    assert flow.advance_to(at("2026-12-09")) == 1
    flow.advance_to(datetime.combine(date.fromisoformat(on), time(9), tzinfo=CHINA))
    return flow.step("chief", "作出行政处理决定",
                     {"decision_no": "横劳监理〔2026〕2号", "decided_on": on, "decided_amount": "42300.00",
                      "pay_by": "2026-12-31"},
                     stage="行政处理决定书送达",
                     then=[("行政处理决定书送达", "officer1"), ("报上级备案", "officer1")])


def test_a_handling_decision_is_served_and_filed_before_the_case_closes(flow, api):
    case = _handling_decided(flow)
    service, filing = flow.clock_of("service", case), flow.clock_of("filing", case)
    # decided Wed 9 Dec: service 7 working days → Fri 18 Dec; filing 10 days → Sat 19 Dec → Mon 21 Dec
    assert (service["state"], service["start_on"], service["due_on"]) == ("running", "2026-12-09", "2026-12-18")
    assert (filing["state"], filing["start_on"], filing["due_on"]) == ("running", "2026-12-09", "2026-12-21")
    assert (service["due_on"], filing["due_on"]) == (process_due(flow, "service"), process_due(flow, "filing"))

    flow.advance_to(at("2026-12-10"))
    # served first: the decision's procedure still waits for the filing, the case is not yet for closure
    flow.step("officer1", "行政处理决定书送达", h.handling_service("2026-12-10"), stage="报上级备案",
              then=[("报上级备案", "officer1")])
    assert flow.clock_of("service")["state"] == "stopped"
    error = _refused(flow, "officer1", "报上级备案", h.decision_filing("2026-12-08"))
    assert error["fields"] == {"filing_record_date": ["报上级备案日期不得早于处理决定日期（2026-12-09）"]}
    flow.step("officer1", "报上级备案", h.decision_filing("2026-12-10"), stage="结案审批",
              then=[("结案审批", "chief")])
    filing = flow.clock_of("filing")
    assert filing["state"] == "stopped" and filing["trace"].endswith("2026-12-10 停止计时")
    case = close_case(flow, "2026-12-10")
    assert case["outcome"] == "handling_decision"
    assert [e["task"] for e in case["history"]][-6:] == [
        "作出行政处理决定", "行政处理决定书送达", "报上级备案", "结案审批", "告知投诉人处理结果", "归档"]


def test_a_handling_decision_not_served_in_time_is_urged_and_filing_reminds_on_its_own(flow, api, db_session):
    _handling_decided(flow)
    officer1, chief = user(db_session, "officer1").id, user(db_session, "chief").id
    assert flow.advance_to(at("2026-12-19")) == 1  # the service period ran out at the end of Fri 18 Dec
    flow.expect(stage="行政处理决定书送达", then=[("行政处理决定书送达", "officer1"), ("报上级备案", "officer1"),
                                           ("督办送达", "chief")])
    # Mon 21 Dec: the service is one working day late (handler and chief), the filing due today (handler)
    assert sorted((s.kind, s.level, s.recipient_id) for s in sweep(flow, "2026-12-21")) == sorted([
        ("overdue_1", "assignee", officer1), ("overdue_1", "chief", chief), ("due", "assignee", officer1)])
    flow.advance_to(at("2026-12-21"))
    flow.complete("chief", "督办送达", {**URGE, "urged_on": "2026-12-21"})
    flow.complete("officer1", "报上级备案", h.decision_filing("2026-12-21"))
    flow.step("officer1", "行政处理决定书送达", h.handling_service("2026-12-21"), stage="结案审批",
              then=[("结案审批", "chief")])
    assert {c["rule"]: c["state"] for c in flow.case()["clocks"]} == {
        "decision": "stopped", "statement_defence": "stopped", "service": "stopped", "filing": "stopped"}
