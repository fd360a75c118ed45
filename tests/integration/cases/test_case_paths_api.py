"""Every path of a complaint, from the ticket to the closed case, through the HTTP API alone.

Each step is done by the user of the task's lane with that user's own token: officer tasks by
the designated handler officer1 (from his `mine` list), 科长/局领导/法制审核员/受理员 tasks from
the role's `group` list (claimed first, or completed directly by a member of the role).  After
every step the case's stage and status and the next open tasks (title, designated user or role)
are checked (`CaseDriver.step`).  Time moves only by setting the shared FixedClock and waking the
due BPMN timers as the scheduler would.  The clock starts on Thu 2026-12-03 09:00 in Hengqin; the
45-working-day decision clock of a case filed that day is due 2027-02-04 (2027 holidays not yet
entered: Monday-Friday).

The tests after the numbered paths pin application bugs these paths found (all fixed now): the
decision clock paused from the suspension approval, the approved number of extension days, a refused
withdrawal, each open task's own deadline, and the stage while waiting for the rectify date or while
suspended.
"""
from __future__ import annotations

from datetime import datetime

from tests.integration.cases import helpers as h

DECISION_DUE = "2027-02-04"
REMEDY_PERIODS_END = "2027-06-14"  # the later of reconsideration and litigation after service on 2026-12-14


def at(day: str, time: str = "09:00") -> datetime:
    return datetime.fromisoformat(f"{day}T{time}:00+08:00")


def close_case(flow, on: str, *, recovered: str = "42300.00", workers: int = 5) -> dict:
    """结案审批 (科长) → 告知投诉人处理结果 (承办人) → 归档 (受理员): the case is closed."""
    flow.step("chief", "结案审批", h.closure(on, recovered, workers), stage="结案审批",
              then=[("告知投诉人处理结果", "officer1")])
    flow.step("officer1", "告知投诉人处理结果", h.result_notice(on), stage="结案审批", then=[("归档", "clerk")])
    case = flow.step("clerk", "归档", h.archive(on), stage="已结案", status="closed", then=[])
    assert case["closed_on"] == flow.today()
    assert case["clocks"] and {c["state"] for c in case["clocks"]} == {"stopped"}  # the decision clock and periods
    return case


def decide(flow, decision_type: str, *, stage: str, then: list, **fields) -> dict:
    """调查取证记录 (conclude) → 拟定处理意见 → 审核处理意见 approved: the decision is recorded."""
    flow.step("officer1", "调查取证记录", h.record("conclude"), stage="调查取证",
              then=[("拟定处理意见", "officer1")])
    flow.step("officer1", "拟定处理意见", h.proposal(decision_type, **fields), stage="调查取证",
              then=[("审核处理意见", "chief")])
    return flow.step("chief", "审核处理意见", h.review(on=flow.today()), stage=stage, then=then)


# --- 1-3: the intake decides whether a case opens ------------------------------------------------------

def _ticket_is(flow, status: str, stage: str, tasks: list[tuple[str, str]]) -> dict:
    ticket = flow.ticket_detail()
    actual = sorted((t["title"], flow.who(t)) for t in ticket["open_tasks"])
    assert (ticket["status"], ticket["stage"], actual) == (status, stage, sorted(tasks)), ticket
    return ticket


def test_1_ticket_not_accepted_opens_no_case(flow, api):
    flow.register()
    _ticket_is(flow, "open", "指派办理人", [("指派办理人", "chief")])
    flow.assign_ticket("officer1")
    _ticket_is(flow, "open", "核查", [("核查", "officer1")])
    assert flow.verify_ticket("officer1", conclusion="reject") == []
    ticket = _ticket_is(flow, "rejected", "已办结", [])
    assert [c["state"] for c in ticket["clocks"]] == ["stopped"]
    assert flow.cases_of_ticket() == []
    assert api.ok("GET", "leader", "/api/v1/cases")["items"] == []
    assert api.ok("GET", "chief", "/api/v1/tasks?scope=group")["items"] == []
    assert api.ok("GET", "officer1", "/api/v1/tasks?scope=mine")["items"] == []


def test_2_accepted_then_filing_refused_ends_as_not_filed(flow, api):
    case = flow.accepted_case()
    assert flow.ticket_detail()["status"] == "accepted"
    assert case["number"] == "横琴劳监立〔2026〕第1号"
    flow.expect(stage="立案审批", status="filing", then=[("立案审批", "chief")])
    assert case["clocks"] == [] and case["filed_on"] is None
    flow.step("chief", "立案审批", h.filing(approve=False), stage="不予立案", status="filing",
              then=[("告知投诉人不予立案", "clerk")])
    case = flow.step("clerk", "告知投诉人不予立案", {"notified_on": "2026-12-03", "notice_method": "mail"},
                     stage="不予立案", status="not_filed", then=[])
    assert (case["status_label"], case["closed_on"]) == ("不予立案", "2026-12-03")
    assert (case["filed_on"], case["decided_on"], case["outcome"], case["clocks"]) == (None, None, "not_filed", [])
    assert [e["task"] for e in case["history"]] == ["立案审批", "告知投诉人不予立案"]
    assert case["history"][0]["by"] == "科长 张伟"


def test_3_deemed_accepted_when_the_five_working_days_run_out(flow, api):
    flow.register()
    flow.assign_ticket("officer1")
    assert flow.advance_to(at("2026-12-10", "23:59")) == 0  # Thu 10 Dec is the 5th working day: still open
    _ticket_is(flow, "open", "核查", [("核查", "officer1")])
    assert flow.advance_to(at("2026-12-11", "00:01")) == 1
    ticket = _ticket_is(flow, "deemed_accepted", "已转立案审批", [])
    assert ticket["status_label"] == "逾期视为受理"
    assert [(e["task"], e["status"]) for e in ticket["history"]] == [
        ("指派办理人", "已办理"), ("核查", "已取消（期限届满或流程变化）")]
    assert api.ok("GET", "officer1", "/api/v1/tasks?scope=mine")["items"] == []
    case = flow.find_case()
    flow.expect(stage="立案审批", status="filing", then=[("立案审批", "chief")])
    assert (case["ticket_id"], case["project_name"]) == (flow.ticket["id"], "横琴新家园三期安置房项目")
    # the chief files it the same way as an accepted ticket's case
    flow.step("chief", "立案审批", h.filing(filed_on="2026-12-11"), stage="立案审批",
              then=[("指派承办执法人员", "chief")])
    assert flow.clock_of()["start_on"] == "2026-12-11"


# --- 4-5: 责令限期改正 -------------------------------------------------------------------------------------

def test_4_order_to_rectify_complied_then_closed(flow, api):
    case = flow.accepted_case()
    case = flow.step("chief", "立案审批", h.filing(), stage="立案审批", then=[("指派承办执法人员", "chief")])
    assert (case["status"], case["filed_on"], case["case_cause"]) == ("open", "2026-12-03", "拖欠农民工工资")
    decision = flow.clock_of(case=case)
    assert (decision["state"], decision["start_on"], decision["due_on"]) == ("running", "2026-12-03", DECISION_DUE)
    case = flow.step("chief", "指派承办执法人员", h.inspectors(), stage="调查取证",
                     then=[("调查取证记录", "officer1")])
    assert (case["handler_id"], case["co_handler_id"]) == (api.user_id("officer1"), api.user_id("officer2"))
    flow.step("officer1", "调查取证记录", h.record("continue"), stage="调查取证",
              then=[("调查取证记录", "officer1")])

    flow.advance_to(at("2026-12-04"))  # the chief approves the proposal the next day: the decision is made
    case = decide(flow, "rectify", stage="责令限期改正", then=[("制发限期改正指令书", "officer1")])
    assert (case["outcome"], case["decided_on"]) == ("rectification_ordered", "2026-12-04")
    decision = flow.clock_of(case=case)
    assert (decision["state"], decision["remaining_workdays"]) == ("stopped", None)
    assert "；2026-12-04 停止计时" in decision["trace"]

    flow.step("officer1", "制发限期改正指令书", h.rectification_order("2026-12-09", on="2026-12-04"),
              stage="限期改正指令书送达", then=[("限期改正指令书送达", "officer1")])
    service = flow.clock_of("service")  # GDLSIR Art. 47: 7 working days from the issue on Fri 4 Dec
    assert (service["state"], service["start_on"], service["due_on"]) == ("running", "2026-12-04", "2026-12-15")
    # waiting for the pay-by date once served: no open task
    flow.step("officer1", "限期改正指令书送达", h.rectification_service("2026-12-04"), stage="等待改正", then=[])
    assert flow.clock_of("service")["state"] == "stopped"
    # 责令改正期限: from the service to the order's rectify-by date; the compliance timer reads it
    rectification = flow.clock_of("rectification")
    assert (rectification["state"], rectification["start_on"], rectification["due_on"]) == (
        "running", "2026-12-04", "2026-12-09")
    assert flow.advance_to(at("2026-12-09", "23:59")) == 0
    flow.expect(stage="等待改正", then=[])
    assert flow.advance_to(at("2026-12-10")) == 1
    flow.expect(stage="等待改正", then=[("核查整改情况", "officer1")])
    flow.step("officer1", "核查整改情况", h.rectification_check(True, "2026-12-10"), stage="结案审批",
              then=[("结案审批", "chief")])
    assert flow.clock_of("rectification")["trace"].endswith("2026-12-10 停止计时")

    flow.advance_to(at("2026-12-11"))
    case = close_case(flow, "2026-12-11")
    assert (case["filed_on"], case["decided_on"], case["closed_on"]) == ("2026-12-03", "2026-12-04", "2026-12-11")
    assert flow.clock_of(case=case)["trace"].count("停止计时") == 1  # stopped once, at the decision
    assert [e["task"] for e in case["history"]] == [
        "立案审批", "指派承办执法人员", "调查取证记录", "调查取证记录", "拟定处理意见", "审核处理意见",
        "制发限期改正指令书", "限期改正指令书送达", "核查整改情况", "结案审批", "告知投诉人处理结果", "归档"]
    assert api.ok("GET", "officer1", "/api/v1/tasks?scope=mine")["items"] == []


def test_5_order_ignored_compensation_then_transfer_to_police(flow, api):
    flow.filed_case()
    decide(flow, "rectify", stage="责令限期改正", then=[("制发限期改正指令书", "officer1")])
    flow.step("officer1", "制发限期改正指令书", h.rectification_order("2026-12-08"), stage="限期改正指令书送达",
              then=[("限期改正指令书送达", "officer1")])
    flow.step("officer1", "限期改正指令书送达", h.rectification_service(), stage="等待改正", then=[])
    rectification = flow.clock_of("rectification")
    assert (rectification["start_on"], rectification["due_on"]) == ("2026-12-03", "2026-12-08")
    assert flow.advance_to(at("2026-12-09")) == 1
    flow.expect(stage="等待改正", then=[("核查整改情况", "officer1")])
    flow.step("officer1", "核查整改情况", h.rectification_check(False, "2026-12-09"), stage="等待改正",
              then=[("责令加付赔偿金", "officer1")])
    # not complied: the check ends the period all the same
    assert flow.clock_of("rectification")["trace"].endswith("2026-12-09 停止计时")
    flow.step("officer1", "责令加付赔偿金",
              h.compensation_order(),
              stage="等待改正", then=[("加付赔偿金审批", "chief")])
    flow.step("chief", "加付赔偿金审批", {"approval_opinion": "同意", "approved_on": "2026-12-09"},
              stage="拟移送公安机关", then=[("拟移送公安机关", "officer1")])
    flow.step("officer1", "拟移送公安机关",
              h.police_transfer_proposal(),
              stage="拟移送公安机关", then=[("移送审批", "leader")])
    flow.step("leader", "移送审批", h.police_transfer_approval("2026-12-09"),
              stage="拟移送公安机关", then=[("移送公安机关", "officer1")])
    flow.step("officer1", "移送公安机关", {"transfer_doc_no": "横琴人社移〔2026〕1号", "police_unit": "珠海市公安局横琴分局",
                                          "transferred_on": "2026-12-09", "receipt_no": "GA-2026-001"},
              stage="结案审批", then=[("结案审批", "chief")])
    case = close_case(flow, "2026-12-09", recovered="0.00", workers=0)
    assert (case["decided_on"], case["closed_on"]) == ("2026-12-03", "2026-12-09")
    assert "移送审批" in [e["task"] for e in case["history"]]


# --- 6-7: 行政处罚 ---------------------------------------------------------------------------------------

def _penalty_decided(flow, fine: str, *, major_case: bool) -> None:
    flow.filed_case()
    case = decide(flow, "penalty", party_kind="organisation", proposed_fine=fine, project_stoppage=False,
                  major_case=major_case, stage="拟作出行政处罚", then=[("拟处罚", "officer1")])
    assert (case["outcome"], case["decided_on"], flow.clock_of(case=case)["state"]) == (
        "penalty", "2026-12-03", "stopped")


def test_6_penalty_without_hearing_paid_on_time(flow, api):
    _penalty_decided(flow, "50000.00", major_case=False)
    flow.step("officer1", "拟处罚", h.penalty_proposal("50000.00"), stage="事先告知",
              then=[("事先告知书送达", "officer1")])
    # 50,000 for an organisation is below the 100,000 hearing threshold: only the statement period runs
    flow.step("officer1", "事先告知书送达", h.prior_notice(), stage="陈述申辩及听证申请期间",
              then=[("陈述申辩登记", "officer1")])
    flow.step("officer1", "陈述申辩登记", h.statement(raised=False), stage="负责人审批",
              then=[("负责人审批", "leader")])  # not major, no hearing: no legal review, no deliberation
    flow.step("leader", "负责人审批", h.leader_approval("50000.00"), stage="处罚决定",
              then=[("制作处罚决定书", "officer1")])
    flow.step("officer1", "制作处罚决定书", h.penalty_decision(), stage="处罚决定书送达",
              then=[("处罚决定书送达", "officer1"), ("报上级备案", "officer1")])
    filing = flow.clock_of("filing")  # GDLSIR Art. 48: 10 days from the decision on Thu 3 Dec → Sun 13 → Mon 14
    assert (filing["state"], filing["start_on"], filing["due_on"]) == ("running", "2026-12-03", "2026-12-14")
    flow.step("officer1", "处罚决定书送达", h.decision_service(), stage="罚款缴纳",
              then=[("缴纳确认", "officer1"), ("报上级备案", "officer1")])
    # paid within the 15 days (due Fri 18 Dec): the payment timer never fires
    assert flow.advance_to(at("2026-12-14")) == 0
    # paid, not yet filed: the case cannot go to 结案审批
    flow.step("officer1", "缴纳确认", h.payment("50000.00", "2026-12-14"), stage="报上级备案",
              then=[("报上级备案", "officer1")])
    assert flow.advance_to(at("2026-12-14", "10:00")) == 0
    flow.step("officer1", "报上级备案", h.decision_filing("2026-12-14"), stage="结案审批",
              then=[("结案审批", "chief")])
    filing = flow.clock_of("filing")
    assert filing["state"] == "stopped" and filing["trace"].endswith("2026-12-14 停止计时")
    case = close_case(flow, "2026-12-14", recovered="42300.00")
    assert [e["task"] for e in case["history"]][5:] == [
        "拟处罚", "事先告知书送达", "陈述申辩登记", "负责人审批", "制作处罚决定书", "处罚决定书送达", "缴纳确认",
        "报上级备案", "结案审批", "告知投诉人处理结果", "归档"]
    assert case["history"][8]["by"] == "局领导 刘强"


def penalty_with_hearing_path(flow) -> dict:
    """The whole penalty-with-hearing path, paid late and enforced; returns the closed case
    (also driven by bench/case_path.py)."""
    _penalty_decided(flow, "150000.00", major_case=True)
    flow.step("officer1", "拟处罚", h.penalty_proposal("150000.00", major_case=True, severity="serious"),
              stage="事先告知", then=[("事先告知书送达", "officer1")])
    flow.step("officer1", "事先告知书送达", h.prior_notice(), stage="陈述申辩及听证申请期间",
              then=[("陈述申辩登记", "officer1"), ("听证申请登记", "officer1")])
    flow.step("officer1", "听证申请登记", h.hearing_request(), stage="陈述申辩及听证申请期间",
              then=[("陈述申辩登记", "officer1")])
    flow.step("officer1", "陈述申辩登记", h.statement(raised=True), stage="陈述申辩及听证申请期间",
              then=[("复核陈述申辩意见", "officer1")])
    flow.step("officer1", "复核陈述申辩意见", h.statement_review("rejected"), stage="听证",
              then=[("听证通知", "officer1")])
    flow.step("officer1", "听证通知", h.hearing_notice(), stage="听证", then=[("举行听证", "officer1")])
    # notified Thu 3 Dec, heard Mon 14 Dec (7 working days ahead); the rest follows the hearing
    assert flow.advance_to(at(h.HEARING_DAY, "15:00")) == 0
    day = h.HEARING_DAY
    flow.step("officer1", "举行听证", h.hearing_held(), stage="听证", then=[("听证笔录", "officer1")])
    flow.step("officer1", "听证笔录", h.hearing_record(), stage="法制审核", then=[("法制审核", "reviewer")])
    flow.step("reviewer", "法制审核", h.legal_review(day), stage="集体讨论", then=[("集体讨论", "leader")])
    flow.step("leader", "集体讨论", h.deliberation(day), stage="负责人审批", then=[("负责人审批", "leader")],
              claim=False)  # a member of the role may complete an unclaimed group task directly
    flow.step("leader", "负责人审批", h.leader_approval("150000.00", day), stage="处罚决定",
              then=[("制作处罚决定书", "officer1")])
    flow.step("officer1", "制作处罚决定书", h.penalty_decision(day), stage="处罚决定书送达",
              then=[("处罚决定书送达", "officer1"), ("报上级备案", "officer1")])
    flow.step("officer1", "报上级备案", h.decision_filing(day), stage="处罚决定书送达",
              then=[("处罚决定书送达", "officer1")])
    flow.step("officer1", "处罚决定书送达", h.decision_service(day), stage="罚款缴纳",
              then=[("缴纳确认", "officer1")])

    # served Mon 14 Dec: 15 days → Tue 29 Dec end of day; not paid
    assert flow.advance_to(at("2026-12-29", "23:59")) == 0
    flow.expect(stage="罚款缴纳", then=[("缴纳确认", "officer1")])
    assert flow.advance_to(at("2026-12-30")) == 1
    flow.expect(stage="逾期未缴纳", then=[("计算加处罚款", "officer1")])
    flow.advance_to(at("2026-12-31"))
    flow.step("officer1", "计算加处罚款", h.surcharge("9000.00", 2, "2026-12-30", "2026-12-31"), stage="催告",
              then=[("催告书送达", "officer1")])
    flow.step("officer1", "催告书送达", h.demand("159000.00", "2026-12-31"), stage="催告",
              then=[("催告期内缴纳确认", "officer1")])
    # demand served Thu 31 Dec: 10 days → Sun 10 Jan, so Mon 11 Jan end of day; still not paid
    assert flow.advance_to(at("2027-01-11", "23:59")) == 0
    flow.expect(stage="催告", then=[("催告期内缴纳确认", "officer1")])
    assert flow.advance_to(at("2027-01-12")) == 1
    # the process waits for the remedy periods from the service on Mon 14 Dec: reconsideration 60 days
    # (Fri 12 Feb 2027) and litigation 6 months (Mon 14 Jun 2027); AEL Art. 53
    case = flow.expect(stage="等待复议、诉讼期限届满", then=[("复议诉讼期间缴纳确认", "officer1")])
    periods = {p["rule"]: p["due_at"][:10] for p in case["process_deadlines"]}
    assert (periods["reconsideration"], periods["litigation"]) == ("2027-02-12", REMEDY_PERIODS_END)
    assert flow.advance_to(at(REMEDY_PERIODS_END, "23:59")) == 0
    flow.expect(stage="等待复议、诉讼期限届满", then=[("复议诉讼期间缴纳确认", "officer1")])
    assert flow.advance_to(at("2027-06-15")) == 1
    case = flow.expect(stage="申请强制执行", then=[("强制执行申请审批", "leader")])
    application = flow.clock_of("enforcement_application", case=case)
    assert (application["state"], application["start_on"], application["due_on"]) == (
        "running", REMEDY_PERIODS_END, "2027-09-14")  # within 3 months after the periods end
    flow.step("leader", "强制执行申请审批", h.enforcement_approval("2027-06-15"), stage="申请强制执行",
              then=[("申请法院强制执行", "officer1")])
    flow.step("officer1", "申请法院强制执行", h.enforcement("159000.00", "2027-06-15"), stage="结案审批",
              then=[("结案审批", "chief")])
    assert flow.clock_of("enforcement_application")["state"] == "stopped"
    case = close_case(flow, "2027-06-15", recovered="0.00", workers=0)
    return case


def test_7_penalty_with_hearing_review_deliberation_paid_late_enforced(flow, api):
    case = penalty_with_hearing_path(flow)
    assert (case["decided_on"], case["closed_on"]) == ("2026-12-03", "2027-06-15")
    by = {e["task"]: e["by"] for e in case["history"]}
    assert (by["法制审核"], by["集体讨论"], by["强制执行申请审批"]) == ("法制审核员 赵静", "局领导 刘强", "局领导 刘强")


# --- 8-9: 中止 and 延期 (signals on the running investigation) -----------------------------------------------

def test_8_suspension_pauses_the_decision_clock_until_the_investigation_resumes(flow, api):
    flow.filed_case()
    flow.step("officer1", "调查取证记录", h.record("continue"), stage="调查取证",
              then=[("调查取证记录", "officer1")])
    case = flow.signal("officer1", "apply_suspension", "待劳动人事争议仲裁委员会确认劳动关系")
    assert [t["title"] for t in case["open_tasks"]] == ["调查取证记录", "中止调查申请"]
    flow.expect(stage="中止审批", then=[("调查取证记录", "officer1"), ("中止调查申请", "officer1")])
    flow.signal("officer1", "apply_suspension", "再次申请", status=409)  # one application at a time
    flow.step("officer1", "中止调查申请",
              h.suspension_application(),
              stage="中止审批", then=[("调查取证记录", "officer1"), ("中止调查审批", "leader")])
    assert flow.clock_of()["state"] == "running"

    flow.advance_to(at("2026-12-04"))  # approved and notified on Fri 4 Dec
    flow.step("leader", "中止调查审批", h.suspension_approval("2026-12-04"),
              stage="中止调查", then=[("调查取证记录", "officer1"), ("书面告知投诉人中止调查", "officer1")])
    flow.step("officer1", "书面告知投诉人中止调查",
              {"notified_on": "2026-12-04", "notice_method": "mail", "complainant_reachable": True},
              stage="中止调查", then=[("调查取证记录", "officer1"), ("恢复调查", "officer1")])
    decision = flow.clock_of()
    assert (decision["state"], decision["due_on"], decision["remaining_workdays"]) == ("paused", DECISION_DUE, 44)
    assert "中止 2026-12-04 起尚未恢复" in decision["trace"]

    flow.advance_to(at("2026-12-17"))  # still suspended two weeks later: no working day is used up
    decision = flow.clock_of()
    assert (decision["state"], decision["remaining_workdays"]) == ("paused", 44)
    flow.step("officer1", "恢复调查", {"resumed_on": "2026-12-17", "resume_reason": "仲裁裁决已作出"},
              stage="调查取证", then=[("调查取证记录", "officer1")])
    decision = flow.clock_of()
    # paused Fri 4 … Wed 16 Dec = 9 working days: Thu 4 Feb 2027 + 9 working days
    assert (decision["state"], decision["due_on"]) == ("running", "2027-02-17")
    assert "中止 2026-12-04 至 2026-12-17（9个工作日）→ 2027-02-17" in decision["trace"]
    case = decide(flow, "arbitration", stage="建议仲裁", then=[("建议仲裁", "officer1")])
    assert flow.clock_of(case=case)["state"] == "stopped"


def test_9_extension_adds_thirty_working_days(flow, api):
    flow.filed_case()
    case = flow.signal("chief", "apply_extension", "涉及人数多，案情复杂")  # the chief may apply too
    flow.expect(stage="延期审批", then=[("调查取证记录", "officer1"), ("延期审核", "chief")])
    flow.step("chief", "延期审核", {"extension_review": "approve", "extension_days": 30, "extension_reason": "案情复杂",
                                   "review_opinion": "同意"},
              stage="延期审批", then=[("调查取证记录", "officer1"), ("延期审批", "leader")])
    flow.step("leader", "延期审批", {"extension_approval": "approve", "extension_approved_on": "2026-12-03",
                                    "approval_opinion": "同意延长30个工作日"},
              stage="延期审批", then=[("调查取证记录", "officer1"), ("书面告知投诉人延期", "officer1")])
    assert flow.clock_of()["due_on"] == DECISION_DUE  # not extended before the complainant is told
    flow.step("officer1", "书面告知投诉人延期", {"notified_on": "2026-12-03", "notice_method": "mail",
                                                 "notice_no": "横琴人社监延〔2026〕1号"},
              stage="调查取证", then=[("调查取证记录", "officer1")])
    decision = flow.clock_of()
    # Thu 4 Feb 2027 + 30 working days (Monday-Friday) = Thu 18 Mar 2027
    assert (decision["state"], decision["due_on"]) == ("extended", "2027-03-18")
    assert "延期 30个工作日（2026-12-03 批准）→ 2027-03-18" in decision["trace"]
    flow.signal("officer1", "apply_extension", "再次延期", status=409)  # at most one extension (30 working days)
    case = decide(flow, "no_penalty", stage="不予处罚", then=[("不予处罚决定", "officer1")])
    assert flow.clock_of(case=case)["state"] == "stopped"


# --- 10-11: 撤销立案 ----------------------------------------------------------------------------------------

def test_10_withdrawal_on_a_gd_article_46_ground(flow, api):
    flow.filed_case()
    case = decide(flow, "withdraw", withdraw_ground="complaint_withdrawn", stage="撤销立案审批",
                  then=[("撤销立案审批", "chief")])
    assert (case["outcome"], case["decided_on"]) == ("withdrawn", "2026-12-03")
    task, _ = flow.find_task("chief", "撤销立案审批")
    ground = api.ok("GET", "chief", f"/api/v1/tasks/{task['id']}")["form"]["properties"]["withdraw_ground"]
    assert "complaint_withdrawn" in ground["enum"] and "mediated_performed" in ground["enum"]
    flow.step("chief", "撤销立案审批", {"withdraw_ground": "complaint_withdrawn", "withdrawal_approval": "approve",
                                       "approved_on": "2026-12-03", "approval_opinion": "投诉人撤回投诉，同意撤销立案"},
              stage="结案审批", then=[("结案审批", "chief")])
    case = close_case(flow, "2026-12-03", recovered="0.00", workers=0)
    assert case["outcome"] == "withdrawn"


def test_11_mediation_performed_on_the_spot_withdraws_the_case(flow, api):
    flow.filed_case()
    flow.step("officer1", "调查取证记录", h.record("mediate"), stage="调查取证", then=[("调解", "officer1")])
    case = flow.step("officer1", "调解",
                     {"mediation_requested_by": "complainant", "other_party_consents": True,
                      "mediated_on": "2026-12-03", "agreement": "当场支付全部工资", "agreed_amount": "42300.00",
                      "paid_amount": "42300.00", "mediation_result": "performed"},
                     stage="撤销立案审批", then=[("撤销立案审批", "chief")])
    assert (case["outcome"], case["decided_on"]) == ("withdrawn", "2026-12-03")
    flow.step("chief", "撤销立案审批", {"withdraw_ground": "mediated_performed", "withdrawal_approval": "approve",
                                       "approval_opinion": "调解协议已当场履行完毕"},
              stage="结案审批", then=[("结案审批", "chief")])
    case = close_case(flow, "2026-12-03")
    assert [e["task"] for e in case["history"]][2:5] == ["调查取证记录", "调解", "撤销立案审批"]


# --- application bugs found by these paths (fixed; kept as regression tests) ---------------------------------

def test_suspension_pauses_the_decision_clock_from_the_approval_date(flow, api):
    flow.filed_case(checked=False)
    flow.signal("officer1", "apply_suspension", "待仲裁委确认劳动关系")
    flow.complete("officer1", "中止调查申请", h.suspension_application())
    flow.advance_to(at("2026-12-04"))
    flow.complete("leader", "中止调查审批", h.suspension_approval("2026-12-04"))
    suspended = flow.clock_of()["state"]
    flow.advance_to(at("2026-12-07"))  # the complainant is told on Monday, within the 3 working days
    flow.complete("officer1", "书面告知投诉人中止调查",
                  {"notified_on": "2026-12-07", "notice_method": "mail", "complainant_reachable": True})
    flow.advance_to(at("2026-12-17"))
    flow.complete("officer1", "恢复调查", {"resumed_on": "2026-12-17", "resume_reason": "仲裁裁决已作出"})
    # 办案时限自批准之日中止计算: paused from the approval, Fri 4 … Wed 16 Dec = 9 working days
    assert (suspended, flow.clock_of()["due_on"]) == ("paused", "2027-02-17")


def test_extension_uses_the_approved_number_of_days(flow, api):
    flow.filed_case(checked=False)
    flow.signal("officer1", "apply_extension", "需补充调取银行流水")
    flow.complete("chief", "延期审核", {"extension_review": "approve", "extension_days": 10,
                                      "extension_reason": "补充调取银行流水", "review_opinion": "同意延长10个工作日"})
    flow.complete("leader", "延期审批", {"extension_approval": "approve", "extension_approved_on": "2026-12-03",
                                       "approval_opinion": "同意"})
    flow.advance_to(at("2026-12-04"))
    flow.complete("officer1", "书面告知投诉人延期", {"notified_on": "2026-12-04", "notice_method": "mail"})
    decision = flow.clock_of()
    assert decision["due_on"] == "2027-02-18"  # Thu 4 Feb 2027 + 10 working days
    assert "延期 10个工作日（2026-12-03 批准）" in decision["trace"]


def test_refused_withdrawal_keeps_the_decision_open(flow, api):
    flow.filed_case(checked=False)
    decide(flow, "withdraw", withdraw_ground="complaint_withdrawn", stage="撤销立案审批",
           then=[("撤销立案审批", "chief")])
    case = flow.step("chief", "撤销立案审批", {"withdraw_ground": "complaint_withdrawn", "withdrawal_approval": "reject",
                                              "approval_opinion": "投诉人未书面撤回，继续调查"},
                     stage="调查取证", then=[("调查取证记录", "officer1")])
    assert (case["outcome"], case["decided_on"], flow.clock_of(case=case)["state"]) == (None, None, "running")


def test_each_open_task_shows_its_own_deadline(flow, api):
    flow.filed_case(checked=False)
    flow.signal("officer1", "apply_suspension", "待仲裁委确认劳动关系")
    flow.complete("officer1", "中止调查申请", h.suspension_application("force_majeure", "台风"))
    flow.complete("leader", "中止调查审批", h.suspension_approval("2026-12-03"))
    due = {t["title"]: t["due_at"] for t in flow.case()["open_tasks"]}
    # the notice is due 3 working days after the approval; the investigation record has no such deadline
    assert due == {"书面告知投诉人中止调查": "2026-12-08T15:59:59+00:00", "调查取证记录": None}


def test_stage_while_waiting_for_the_rectify_date(flow, api):
    flow.filed_case(checked=False)
    decide(flow, "rectify", stage="责令限期改正", then=[("制发限期改正指令书", "officer1")])
    flow.step("officer1", "制发限期改正指令书", h.rectification_order("2026-12-08"), stage="限期改正指令书送达",
              then=[("限期改正指令书送达", "officer1")])
    flow.step("officer1", "限期改正指令书送达", h.rectification_service(), stage="等待改正", then=[])


def test_stage_while_suspended(flow, api):
    flow.filed_case(checked=False)
    flow.signal("officer1", "apply_suspension", "待仲裁委确认劳动关系")
    flow.complete("officer1", "中止调查申请", h.suspension_application("force_majeure", "台风"))
    flow.step("leader", "中止调查审批", h.suspension_approval("2026-12-03"),
              stage="中止调查", then=[("调查取证记录", "officer1"), ("书面告知投诉人中止调查", "officer1")])
