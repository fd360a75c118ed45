"""Paths through the penalty track (bpmn/case_penalty.bpmn), run as a top-level process.

Every step reloads the workflow from its JSON state (conftest.Case), and time moves only
through the FixedClock.  The start data carries the app's ``deadlines`` map; the process
sets each period's due time (deadlines["<rule code>"]) from the service date recorded
when the period starts, and its timers read exactly that map (so runtime.retime moves them).
"""

from __future__ import annotations

import json
from datetime import date, datetime, time

import pytest
from SpiffWorkflow.spiff.parser import VALIDATOR, SpiffBpmnParser

from engine.clocks import GUANGDONG_DEFAULTS, evaluate
from engine.specs import SpecLibrary

from . import penalty_helpers as ph
from .conftest import Case
from .penalty_helpers import CHIEF, LEADER, OFFICER, REVIEWER, after, pass_timer, ready, submit

TIMER_IDS = {"statement_period_ends", "hearing_request_period_ends", "service_overdue", "payment_period_ends",
             "demand_period_ends", "remedy_periods_end"}


@pytest.fixture(scope="module")
def penalty_library(tmp_path_factory) -> SpecLibrary:
    return ph.penalty_library(tmp_path_factory.mktemp("penalty_bpmn"))


@pytest.fixture
def runtime(clock):
    clock.set(ph.T0)
    return ph.penalty_runtime(clock)


@pytest.fixture
def start(runtime, serializer, clock, penalty_library):

    def start_penalty(data: dict) -> Case:
        pv = penalty_library.current("case_penalty")
        return Case(runtime, serializer, pv, runtime.start(pv, data))

    return start_penalty


def timers(case: Case) -> list[str]:
    return sorted(t.bpmn_id for t in case.runtime.waiting_timers(case.wf))


def result(case: Case) -> dict:
    assert case.runtime.is_completed(case.wf)
    assert case.ready() == [] and timers(case) == []
    return case.wf.data


def data(case: Case, bpmn_id: str) -> dict:
    return case.task(bpmn_id).data


def pay_decision(case: Case, fine: str) -> None:
    """负责人审批 (impose) → 制作处罚决定书 → 送达 → 缴纳确认 → paid, with 报上级备案 beside them,
    recorded last: the procedure ends only then, and keeps what the payment branch recorded."""
    submit(case, "leader_approval", ph.leader("impose", fine))
    assert ready(case) == [("制作处罚决定书", OFFICER)]
    submit(case, "issue_decision", ph.decision())
    assert ready(case) == [("处罚决定书送达", OFFICER), ("报上级备案", OFFICER)]
    assert timers(case) == ["service_overdue"]
    # decided Wed 25 March: 10 calendar days → Sat 4 April, in the 清明 holiday (4-6 April): Tue 7 April
    assert data(case, "record_filing")["deadlines"]["filing"] == ph.end_of_day(date(2026, 4, 7))
    submit(case, "serve_decision", ph.service())
    assert ready(case) == [("报上级备案", OFFICER), ("缴纳确认", OFFICER)]
    assert timers(case) == ["payment_period_ends"]
    assert data(case, "confirm_payment")["decided_fine"] == fine
    submit(case, "confirm_payment", ph.payment(fine))
    assert ready(case) == [("报上级备案", OFFICER)]  # paid, but not yet filed: the procedure goes on
    assert not case.runtime.is_completed(case.wf)
    submit(case, "record_filing", ph.filing())
    # the filing branch, started on the decision day, does not bring back that day's stage or periods
    assert case.wf.data["stage"] == "罚款已缴纳"
    assert {"filing", "service", "fine_payment", "reconsideration"} <= set(case.wf.data["deadlines"])


def issue(case: Case, decided_on: str = "2026-03-25") -> None:
    """制作处罚决定书, then 报上级备案 at once (it runs beside the service and payment; see pay_decision)."""
    submit(case, "issue_decision", ph.decision(decided_on))
    assert ("报上级备案", OFFICER) in ready(case)
    submit(case, "record_filing", ph.filing(decided_on))


# --- the model itself ----------------------------------------------------------------------

def test_the_file_validates_against_the_bpmn_and_spiff_schemas():
    parser = SpiffBpmnParser(validator=VALIDATOR)
    parser.add_bpmn_files([str(ph.PENALTY_BPMN)])
    assert "case_penalty" in parser.get_process_ids()
    assert set(parser.get_subprocess_specs("case_penalty")) == {"rights_window", "decision_service"}


def test_every_user_task_has_a_form_lane_and_officer_assignee(penalty_library):
    pv = penalty_library.current("case_penalty")
    specs = list(pv.spec.task_specs.values()) + [
        ts for sub in pv.subprocess_specs.values() for ts in sub.task_specs.values()]
    user_tasks = [ts for ts in specs if getattr(ts, "manual", False)]
    assert len(user_tasks) == 22
    lanes = {OFFICER, CHIEF, REVIEWER, LEADER}
    # inner nodes of the expanded subprocesses keep their own lanes (the subprocesses are in no lane)
    by_id = {ts.bpmn_id: ts.lane for ts in user_tasks}
    assert (by_id["urge_service"], by_id["serve_decision"], by_id["review_statement"]) == (CHIEF, OFFICER, OFFICER)
    assert (by_id["legal_review"], by_id["approve_enforcement"]) == (REVIEWER, LEADER)
    for ts in user_tasks:
        props = ts.extensions["properties"]
        assert ts.lane in lanes, ts.bpmn_id
        assert props["formKey"] in ph.FORMS.keys(), ts.bpmn_id
        assert props["formKey"].startswith("case_penalty_") or props["formKey"] == "case_decision_filing"
        assert (props.get("assigneeField") == "handler") == (ts.lane == OFFICER), ts.bpmn_id
    timer_expressions = {ts.bpmn_id: ts.event_definition.expression for ts in specs
                         if ts.bpmn_id in TIMER_IDS and hasattr(ts, "event_definition")}
    assert timer_expressions == {
        "statement_period_ends": 'deadlines["statement_defence"]',
        "hearing_request_period_ends": 'deadlines["hearing_request"]',
        "service_overdue": 'deadlines["service"]',
        "payment_period_ends": 'deadlines["fine_payment"]',
        "demand_period_ends": 'deadlines["enforcement_demand"]',
        "remedy_periods_end": 'max(deadlines["reconsideration"], deadlines["litigation"])',
    }


@pytest.mark.parametrize(("party_kind", "fine", "stoppage", "expected"), [
    ("organisation", "99999.99", False, False),
    ("organisation", "100000.00", False, True),
    ("organisation", "50000.00", True, True),
    ("individual", "4999.99", False, False),
    ("individual", "5000.00", False, True),
])
def test_hearing_right_threshold(start, party_kind, fine, stoppage, expected):
    case = start(ph.start_data(party_kind, fine, project_stoppage=stoppage))
    submit(case, "propose_penalty", ph.propose(fine, project_stoppage=stoppage))
    assert data(case, "serve_prior_notice")["hearing_right"] is expected


# --- paths ---------------------------------------------------------------------------------

def test_1_organisation_50000_waives_statement_and_pays_on_time(start):
    case = start(ph.start_data("organisation", "50000.00"))
    assert ready(case) == [("拟处罚", OFFICER)]
    assert case.task("propose_penalty").properties["assigneeField"] == "handler"
    assert data(case, "propose_penalty")["stage"] == "拟作出行政处罚"

    submit(case, "propose_penalty", ph.propose("50000.00"))
    assert ready(case) == [("事先告知书送达", OFFICER)]
    assert data(case, "serve_prior_notice")["hearing_right"] is False

    submit(case, "serve_prior_notice", ph.prior_notice())
    assert ready(case) == [("陈述申辩登记", OFFICER)]  # no hearing right: only the statement branch waits
    assert timers(case) == ["statement_period_ends"]
    assert data(case, "record_statement")["stage"] == "陈述申辩及听证申请期间"

    submit(case, "record_statement", ph.statement_waived())
    assert ready(case) == [("负责人审批", LEADER)]  # not major, no hearing: no legal review
    assert timers(case) == []
    leader_data = data(case, "leader_approval")
    assert (leader_data["fine_amount"], leader_data["stage"]) == ("50000.00", "负责人审批")

    pay_decision(case, "50000.00")
    out = result(case)
    assert (out["penalty_result"], out["stage"]) == ("paid", "罚款已缴纳")


def test_2_organisation_150000_hearing_review_deliberation_then_enforced(start, clock):
    case = start(ph.start_data("organisation", "150000.00", major_case=True))
    submit(case, "propose_penalty", ph.propose("150000.00", major_case=True, severity="serious"))
    submit(case, "serve_prior_notice", ph.prior_notice())
    assert ready(case) == [("听证申请登记", OFFICER), ("陈述申辩登记", OFFICER)]
    assert timers(case) == ["hearing_request_period_ends", "statement_period_ends"]

    submit(case, "await_hearing_request", ph.hearing_request(True))
    assert ready(case) == [("陈述申辩登记", OFFICER)]
    submit(case, "record_statement", ph.statement_raised())
    assert ready(case) == [("复核陈述申辩意见", OFFICER)]
    submit(case, "review_statement", ph.statement_review("rejected"))
    assert ready(case) == [("听证通知", OFFICER)]
    assert data(case, "hearing_notice")["stage"] == "听证"

    submit(case, "hearing_notice", ph.hearing_notice())
    assert ready(case) == [("举行听证", OFFICER)]
    submit(case, "hold_hearing", ph.hearing("held"))
    assert ready(case) == [("听证笔录", OFFICER)]
    submit(case, "hearing_record", ph.hearing_record("maintain"))
    assert ready(case) == [("法制审核", REVIEWER)]
    submit(case, "legal_review", ph.legal_review("pass"))
    assert ready(case) == [("集体讨论", LEADER)]
    submit(case, "collective_deliberation", ph.deliberation())
    assert ready(case) == [("负责人审批", LEADER)]
    assert data(case, "leader_approval")["fine_amount"] == "150000.00"

    submit(case, "leader_approval", ph.leader("impose", "150000.00"))
    issue(case)
    assert ready(case) == [("处罚决定书送达", OFFICER)]

    # service period over: the non-interrupting timer adds the chief's reminder, service stays open
    assert pass_timer(case, clock, "service_overdue") is True
    assert ready(case) == [("处罚决定书送达", OFFICER), ("督办送达", CHIEF)]
    assert timers(case) == []
    submit(case, "urge_service", ph.urge())
    assert ready(case) == [("处罚决定书送达", OFFICER)]
    submit(case, "serve_decision", ph.service())
    assert ready(case) == [("缴纳确认", OFFICER)]

    assert pass_timer(case, clock, "payment_period_ends") is True
    assert ready(case) == [("计算加处罚款", OFFICER)]
    assert data(case, "compute_surcharge")["stage"] == "逾期未缴纳"
    submit(case, "compute_surcharge", ph.surcharge("22500.00", 5))
    assert ready(case) == [("催告书送达", OFFICER)]
    submit(case, "serve_demand", ph.demand("served", "172500.00"))
    assert ready(case) == [("催告期内缴纳确认", OFFICER)]
    assert timers(case) == ["demand_period_ends"]

    assert pass_timer(case, clock, "demand_period_ends") is True
    # the demand ran out: the process waits for the reconsideration (60 days) and litigation (6 months)
    # periods from the service on Thu 26 Mar; the later one ends on Sat 26 Sep 2026, a rest day → Mon 28 Sep
    assert ready(case) == [("复议诉讼期间缴纳确认", OFFICER)]
    assert data(case, "await_remedy_periods")["stage"] == "等待复议、诉讼期限届满"
    assert timers(case) == ["remedy_periods_end"]
    assert ph.due(case, "remedy_periods_end") == clock_due("litigation", "2026-03-26")
    assert pass_timer(case, clock, "remedy_periods_end") is True
    assert ready(case) == [("强制执行申请审批", LEADER)]
    application = data(case, "approve_enforcement")
    assert application["remedy_periods_end"] == "2026-09-28"
    assert application["deadlines"]["enforcement_application"] == ph.end_of_day(date(2026, 12, 28))
    submit(case, "approve_enforcement", ph.enforcement_approval("apply"))
    assert ready(case) == [("申请法院强制执行", OFFICER)]
    submit(case, "file_enforcement", ph.enforcement("172500.00"))
    out = result(case)
    assert (out["penalty_result"], out["stage"]) == ("enforced", "已申请法院强制执行")
    assert (out["surcharge_amount"], out["amount_applied"]) == ("22500.00", "172500.00")


def test_3_individual_10000_silent_and_no_hearing_request_then_pays(start, clock):
    case = start(ph.start_data("individual", "10000.00"))
    submit(case, "propose_penalty", ph.propose("10000.00"))
    assert data(case, "serve_prior_notice")["hearing_right"] is True
    submit(case, "serve_prior_notice", ph.prior_notice("2026-03-02"))
    assert ready(case) == [("听证申请登记", OFFICER), ("陈述申辩登记", OFFICER)]
    assert data(case, "record_statement")["deadlines"] | {} == {
        **ph.deadlines(), "statement_defence": "2026-03-05T23:59:59+08:00",
        "hearing_request": "2026-03-09T23:59:59+08:00"}

    assert pass_timer(case, clock, "statement_period_ends") is True
    assert ready(case) == [("听证申请登记", OFFICER)]
    assert timers(case) == ["hearing_request_period_ends"]

    assert pass_timer(case, clock, "hearing_request_period_ends") is True
    assert ready(case) == [("负责人审批", LEADER)]  # no hearing, not major: straight to the leader
    leader_data = data(case, "leader_approval")
    assert (leader_data["statement_status"], leader_data["hearing_requested"]) == ("silent", False)

    pay_decision(case, "10000.00")
    assert result(case)["penalty_result"] == "paid"


def test_4_statement_adopted_lowers_the_amount(start):
    case = start(ph.start_data("organisation", "80000.00"))
    submit(case, "propose_penalty", ph.propose("80000.00"))
    submit(case, "serve_prior_notice", ph.prior_notice())
    submit(case, "record_statement", ph.statement_raised())
    assert ready(case) == [("复核陈述申辩意见", OFFICER)]
    submit(case, "review_statement", ph.statement_review("adopted", "60000.00"))
    assert ready(case) == [("负责人审批", LEADER)]
    leader_data = data(case, "leader_approval")
    assert (leader_data["proposed_fine"], leader_data["fine_amount"]) == ("80000.00", "60000.00")

    pay_decision(case, "60000.00")
    out = result(case)
    assert (out["penalty_result"], out["decided_fine"]) == ("paid", "60000.00")


def test_5_leader_decides_no_penalty(start):
    case = start(ph.start_data("individual", "3000.00"))
    submit(case, "propose_penalty", ph.propose("3000.00", severity="minor"))
    assert data(case, "serve_prior_notice")["hearing_right"] is False
    submit(case, "serve_prior_notice", ph.prior_notice())
    submit(case, "record_statement", ph.statement_raised())
    submit(case, "review_statement", ph.statement_review("adopted"))
    assert ready(case) == [("负责人审批", LEADER)]
    submit(case, "leader_approval", ph.leader("no_penalty"))
    out = result(case)
    assert (out["penalty_result"], out["stage"]) == ("no_penalty", "不予行政处罚")


def test_6_legal_review_returns_once_then_passes(start, clock):
    """Round 1 leaves statement/review/hearing data behind; round 2 must not see it again,
    even though the hearing branch (holding the old values) reaches the join last."""
    case = start(ph.start_data("organisation", "120000.00", major_case=True))
    submit(case, "propose_penalty", ph.propose("120000.00", major_case=True))
    submit(case, "serve_prior_notice", ph.prior_notice())
    submit(case, "await_hearing_request", ph.hearing_request(True))
    submit(case, "record_statement", ph.statement_raised())
    submit(case, "review_statement", ph.statement_review("partly", "110000.00"))
    assert ready(case) == [("听证通知", OFFICER)]
    submit(case, "hearing_notice", ph.hearing_notice())
    submit(case, "hold_hearing", ph.hearing("absent"))
    assert ready(case) == [("法制审核", REVIEWER)]  # party absent = waiver; hearing procedure still ran
    assert data(case, "legal_review")["fine_amount"] == "110000.00"

    submit(case, "legal_review", ph.legal_review("correct"))
    assert ready(case) == [("拟处罚", OFFICER)]
    assert data(case, "propose_penalty")["stage"] == "拟作出行政处罚"

    # Round 2, after the first periods have run out: the new notice starts new periods.
    clock.set(after("2026-03-10T09:00:00+08:00"))
    submit(case, "propose_penalty", ph.propose("100000.00", major_case=True))
    submit(case, "serve_prior_notice", ph.prior_notice("2026-03-10", "横劳监告〔2026〕15号"))
    assert ready(case) == [("听证申请登记", OFFICER), ("陈述申辩登记", OFFICER)]
    assert {t.bpmn_id: t.run_at.isoformat() for t in case.runtime.waiting_timers(case.wf)} == {
        "statement_period_ends": "2026-03-13T15:59:59+00:00",
        "hearing_request_period_ends": "2026-03-17T15:59:59+00:00",
    }
    submit(case, "record_statement", ph.statement_waived())
    assert ready(case) == [("听证申请登记", OFFICER)]
    submit(case, "await_hearing_request", ph.hearing_request(False))
    assert ready(case) == [("法制审核", REVIEWER)]  # major case
    review_data = data(case, "legal_review")
    assert review_data["statement_status"] == "waived"
    assert "statement_review_fine" not in review_data and "statement_review_result" not in review_data
    assert (review_data["hearing_requested"], review_data["fine_amount"]) == (False, "100000.00")

    submit(case, "legal_review", ph.legal_review("pass"))
    assert ready(case) == [("集体讨论", LEADER)]
    submit(case, "collective_deliberation", ph.deliberation())
    assert ready(case) == [("负责人审批", LEADER)]
    pay_decision(case, "100000.00")
    assert result(case)["penalty_result"] == "paid"


def test_7_party_absent_from_hearing_then_leader_withdraws(start):
    case = start(ph.start_data("individual", "20000.00"))
    submit(case, "propose_penalty", ph.propose("20000.00"))
    submit(case, "serve_prior_notice", ph.prior_notice())
    submit(case, "record_statement", ph.statement_waived())
    submit(case, "await_hearing_request", ph.hearing_request(True))
    submit(case, "hearing_notice", ph.hearing_notice())
    submit(case, "hold_hearing", ph.hearing("held"))
    submit(case, "hearing_record", ph.hearing_record("withdraw"))
    assert ready(case) == [("法制审核", REVIEWER)]
    submit(case, "legal_review", ph.legal_review("pass"))
    assert ready(case) == [("负责人审批", LEADER)]  # not major: no collective deliberation
    submit(case, "leader_approval", ph.leader("withdraw"))
    assert result(case)["penalty_result"] == "withdrawn_after_hearing"


def test_8_paid_within_the_demand_period(start, clock):
    case = start(ph.start_data("organisation", "50000.00"))
    submit(case, "propose_penalty", ph.propose("50000.00"))
    submit(case, "serve_prior_notice", ph.prior_notice())
    submit(case, "record_statement", ph.statement_waived())
    submit(case, "leader_approval", ph.leader("impose", "50000.00"))
    issue(case)
    submit(case, "serve_decision", ph.service())  # served before the reminder: no 督办 task
    assert pass_timer(case, clock, "payment_period_ends") is True
    submit(case, "compute_surcharge", ph.surcharge("7500.00", 5))
    submit(case, "serve_demand", ph.demand("served", "57500.00"))
    assert ready(case) == [("催告期内缴纳确认", OFFICER)]
    submit(case, "confirm_late_payment", ph.late_payment("50000.00", "7500.00"))
    assert result(case)["penalty_result"] == "paid"


@pytest.mark.parametrize(("at", "bpmn_id", "payload"), [
    ("serve_demand", "serve_demand", ph.demand("paid", "57500.00")),
    ("await_remedy_periods", "await_remedy_periods", ph.remedy_payment("50000.00", "50000.00")),
    ("approve_enforcement", "approve_enforcement", ph.enforcement_approval("paid")),
])
def test_9_paid_before_demand_or_enforcement(start, clock, at, bpmn_id, payload):
    case = start(ph.start_data("organisation", "50000.00"))
    submit(case, "propose_penalty", ph.propose("50000.00"))
    submit(case, "serve_prior_notice", ph.prior_notice())
    submit(case, "record_statement", ph.statement_waived())
    submit(case, "leader_approval", ph.leader("impose", "50000.00"))
    issue(case)
    submit(case, "serve_decision", ph.service())
    assert pass_timer(case, clock, "payment_period_ends") is True
    submit(case, "compute_surcharge", ph.surcharge("7500.00", 5))
    if at in ("await_remedy_periods", "approve_enforcement"):
        submit(case, "serve_demand", ph.demand("served", "57500.00"))
        assert pass_timer(case, clock, "demand_period_ends") is True
    if at == "approve_enforcement":
        assert pass_timer(case, clock, "remedy_periods_end") is True
    submit(case, bpmn_id, payload)
    assert result(case)["penalty_result"] == "paid"


def test_retime_moves_the_statement_and_hearing_request_periods(start, clock):
    """The app moves the legal clocks (e.g. a corrected service date); timers inside the
    rights window follow without a restart."""
    case = start(ph.start_data("individual", "10000.00"))
    submit(case, "propose_penalty", ph.propose("10000.00"))
    submit(case, "serve_prior_notice", ph.prior_notice("2026-03-02"))
    moved = ph.deadlines(statement_defence=8, hearing_request=10)
    case.runtime.retime(case.wf, moved)
    case.reload()
    clock.set(after("2026-03-09T23:59:59+08:00"))  # past both periods as first computed
    assert case.advance() is False
    assert ready(case) == [("听证申请登记", OFFICER), ("陈述申辩登记", OFFICER)]
    clock.set(after(moved["statement_defence"]))
    assert case.advance() is True
    assert ready(case) == [("听证申请登记", OFFICER)]


RULES = {rule.code: rule for rule in GUANGDONG_DEFAULTS}


def clock_due(code: str, start: str) -> datetime:
    """Due time per engine.clocks (end of the due day, Beijing time) for a period starting on ``start``."""
    day = date.fromisoformat(start)
    state = evaluate(RULES[code], start=day, today=day, calendar=ph.CALENDAR)
    return datetime.combine(state.due, time(23, 59, 59), tzinfo=ph.CHINA)


@pytest.mark.parametrize(("notice_on", "decided_on", "served_on", "demand_on"), [
    ("2026-03-02", "2026-03-25", "2026-03-26", "2026-04-14"),  # plain weeks
    ("2026-09-23", "2026-09-28", "2026-09-30", "2026-10-20"),  # working days across 中秋、国庆 2026
    ("2026-02-12", "2026-03-20", "2026-03-21", "2026-04-21"),  # 春节; 15th day = 清明; 10th day = 劳动节
])
def test_the_timers_match_the_guangdong_clocks(start, clock, notice_on, decided_on, served_on, demand_on):
    def on(day: str) -> None:
        clock.set(datetime.fromisoformat(f"{day}T09:00:00+08:00"))

    on(notice_on)
    case = start(ph.start_data("organisation", "150000.00"))
    submit(case, "propose_penalty", ph.propose("150000.00"))
    submit(case, "serve_prior_notice", ph.prior_notice(notice_on))
    assert {t.bpmn_id: t.run_at for t in case.runtime.waiting_timers(case.wf)} == {
        "statement_period_ends": clock_due("statement_defence", notice_on),
        "hearing_request_period_ends": clock_due("hearing_request", notice_on),
    }
    submit(case, "record_statement", ph.statement_waived())
    submit(case, "await_hearing_request", ph.hearing_request(False))
    submit(case, "leader_approval", ph.leader("impose", "150000.00"))
    on(decided_on)
    issue(case, decided_on)
    assert ph.due(case, "service_overdue") == clock_due("service", decided_on)
    on(served_on)
    submit(case, "serve_decision", ph.service(served_on))
    assert ph.due(case, "payment_period_ends") == clock_due("fine_payment", served_on)
    assert pass_timer(case, clock, "payment_period_ends") is True
    submit(case, "compute_surcharge", ph.surcharge("22500.00", 5))
    on(demand_on)
    submit(case, "serve_demand", ph.demand("served", "172500.00", demand_on))
    assert ph.due(case, "demand_period_ends") == clock_due("enforcement_demand", demand_on)


def test_state_stays_json_between_every_step(start):
    case = start(ph.start_data("organisation", "50000.00"))
    submit(case, "propose_penalty", ph.propose("50000.00"))
    state = case.serializer.dumps(case.wf)
    assert json.loads(json.dumps(state)) == state


CALLER = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="caller_defs" targetNamespace="t">
  <bpmn:process id="penalty_caller" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:callActivity id="penalty" name="行政处罚" calledElement="case_penalty">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:callActivity>
    <bpmn:userTask id="close" name="结案审批"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="penalty"/>
    <bpmn:sequenceFlow id="f2" sourceRef="penalty" targetRef="close"/>
    <bpmn:sequenceFlow id="f3" sourceRef="close" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>"""


def test_runs_as_a_call_activity_with_the_service_reminder(tmp_path, runtime, serializer, clock):
    clock.set(ph.T0)
    library = ph.penalty_library(tmp_path)
    (tmp_path / "penalty_caller.bpmn").write_text(CALLER, encoding="utf-8")
    library = SpecLibrary.from_directory(tmp_path)
    assert library.keys() == ["penalty_caller"]
    pv = library.current("penalty_caller")
    case = Case(runtime, serializer, pv, runtime.start(pv, ph.start_data("organisation", "50000.00")))
    submit(case, "propose_penalty", ph.propose("50000.00"))
    submit(case, "serve_prior_notice", ph.prior_notice())
    submit(case, "record_statement", ph.statement_waived())
    submit(case, "leader_approval", ph.leader("impose", "50000.00"))
    issue(case)
    assert pass_timer(case, clock, "service_overdue") is True
    assert ready(case) == [("处罚决定书送达", OFFICER), ("督办送达", CHIEF)]
    # served while the chief's reminder is still open: the reminder is withdrawn (terminate end)
    submit(case, "serve_decision", ph.service())
    assert ready(case) == [("缴纳确认", OFFICER)]
    submit(case, "confirm_payment", ph.payment("50000.00"))
    assert ready(case) == [("结案审批", None)]
    closing = case.task("close").data
    assert (closing["penalty_result"], closing["stage"]) == ("paid", "罚款已缴纳")
    case.complete("close")
    assert case.runtime.is_completed(case.wf)
    # SpiffWorkflow 3.2 quirk: the terminate end event finds no catcher and is queued as an
    # "external" event in wf.bpmn_events (saved with the state); nothing reads it.
    assert [type(e.event_definition).__name__ for e in case.wf.bpmn_events] == ["TerminateEventDefinition"]
