"""Every path of the case_handling process (bpmn/case_handling.bpmn and its call activities).

The workflow is saved and reloaded from JSON after every step (``Case``); a FixedClock
moves time for the timers. The penalty procedure is the test stub.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from SpiffWorkflow.spiff.parser import VALIDATOR, SpiffBpmnParser

from engine.clock import FixedClock
from engine.errors import TaskNotReady
from engine.runtime import WorkflowRuntime
from engine.serializer import StateSerializer

from .case_helpers import (
    BPMN_DIR,
    PENALTY_STUB,
    assert_finished,
    build_case_library,
    case_bpmn_files,
    expect,
    rule_deadline,
    workdays_after,
)
from .conftest import Case

CLERK, OFFICER, CHIEF, LEADER = "受理员", "执法人员", "科长", "局领导"
START_DATA = {
    "case_id": 7,
    "case_no": "横琴人社监立〔2026〕7号",
    "complainant_name": "陈某",
    "respondent_name": "珠海某建设工程有限公司",
    "deadlines": {"decision": "2026-05-08T23:59:59+08:00"},
}


@pytest.fixture(scope="module")
def case_library(tmp_path_factory):
    return build_case_library(tmp_path_factory.mktemp("case_bpmn"))


@pytest.fixture
def case_runtime(clock: FixedClock) -> WorkflowRuntime:
    return WorkflowRuntime(clock=clock, helpers={"workdays_after": workdays_after, "rule_deadline": rule_deadline})


@pytest.fixture
def new_case(case_library, case_runtime):
    def start(data: dict | None = None) -> Case:
        pv = case_library.current("case_handling")
        serializer = StateSerializer(case_runtime.script_engine)
        return Case(case_runtime, serializer, pv, case_runtime.start(pv, dict(START_DATA, **(data or {}))))

    return start


def signal(case: Case, name: str, payload: dict | None = None) -> None:
    case.runtime.send_signal(case.wf, name, payload)
    case.reload()


# --- common stretches ------------------------------------------------------------------

def file_and_assign(case: Case) -> None:
    expect(case, ("立案审批", CHIEF, "立案审批"))
    case.complete("approve_filing", {"filing_approval": "approve", "filing_opinion": "符合立案条件，同意立案",
                                     "filed_on": "2026-03-02"})
    expect(case, ("指派承办执法人员", CHIEF, "立案审批"))
    case.complete("assign_inspectors", {"handler": "zhang.wei", "co_handler": "li.na", "assigned_on": "2026-03-02"})
    expect(case, ("调查取证记录", OFFICER, "调查取证"))


def record(case: Case, next_step: str, record_type: str = "inquiry_record") -> None:
    case.complete("record_evidence", {
        "record_type": record_type, "record_date": "2026-03-03", "record_place": "横琴新区某项目部",
        "record_persons": "项目经理王某", "record_summary": "承认拖欠12名工人2026年1月工资共计人民币5万元",
        "next_step": next_step,
    })


def decide(case: Case, decision_type: str, **fields) -> None:
    """Conclude the investigation with ``decision_type`` approved by the chief."""
    record(case, "conclude")
    expect(case, ("拟定处理意见", OFFICER, "调查取证"))
    case.complete("propose_decision", {
        "decision_type": decision_type, "findings": "经查，该公司拖欠12名农民工工资共计5万元。",
        "legal_basis": "《保障农民工工资支付条例》第五十四条", "amount_owed": "50000.00", "worker_count": 12,
        **fields,
    })
    expect(case, ("审核处理意见", CHIEF, "调查取证"))
    case.complete("review_decision", {"decision_review": "approve", "review_opinion": "同意"})


ORDER_SERVICE = {"order_served_on": "2026-03-04", "order_service_method": "direct", "order_recipient": "王某",
                 "order_receipt_no": "SD-2026-0007"}


def serve_order(case: Case, service: dict | None = None) -> None:
    """限期改正指令书送达 follows the order; the compliance timer waits only after it."""
    expect(case, ("限期改正指令书送达", OFFICER, "限期改正指令书送达"))
    assert case.runtime.waiting_timers(case.wf)[0].bpmn_id == "order_service_overdue"
    case.complete("serve_rectification_order", service or ORDER_SERVICE)


HANDLING_SERVICE = {"handling_served_on": "2026-03-10", "handling_service_method": "mail",
                    "handling_mail_tracking_no": "EMS0001", "handling_receipt_no": "SD-2026-0008"}
FILING = {"filing_record_date": "2026-03-11", "filing_authority": "广东省人力资源和社会保障厅", "filing_method": "system"}


def serve_and_file_handling_decision(case: Case) -> None:
    """After the decision: its service and 报上级备案 run side by side; both end before the closure."""
    expect(case, ("行政处理决定书送达", OFFICER, "行政处理决定书送达"), ("报上级备案", OFFICER, "报上级备案"))
    case.complete("serve_handling_decision", HANDLING_SERVICE)
    expect(case, ("报上级备案", OFFICER, "报上级备案"))  # served: the closure still waits for the filing
    case.complete("record_filing", FILING)


def close(case: Case, outcome: str) -> None:
    """结案审批 → 告知投诉人处理结果 → 归档, then nothing is left."""
    expect(case, ("结案审批", CHIEF, "结案审批"))
    case.complete("approve_closure", {
        "closure_summary": "案件已处理完毕", "amount_recovered": "50000.00", "workers_paid": 12,
        "migrant_workers_paid": 12, "migrant_amount_recovered": "50000.00", "closure_opinion": "同意结案",
        "closed_on": "2026-03-20",
    })
    expect(case, ("告知投诉人处理结果", OFFICER, "结案审批"))
    case.complete("notify_result", {"notified_on": "2026-03-20", "notice_method": "phone",
                                    "notice_content": "已处理完毕"})
    expect(case, ("归档", CLERK, "结案审批"))
    case.complete("archive", {"archive_no": "2026-WS-007", "volumes": 1, "archived_on": "2026-03-23",
                              "retention": "long"})
    assert_finished(case)
    assert case.wf.data["stage"] == "已结案"
    assert case.wf.data["outcome"] == outcome


# --- the BPMN files ---------------------------------------------------------------------

def test_every_case_bpmn_file_passes_the_spiff_schema_validator():
    files = case_bpmn_files() + [PENALTY_STUB]
    assert {f.name for f in files} >= {
        "case_handling.bpmn", "case_investigation.bpmn", "case_extension.bpmn", "case_suspension.bpmn",
        "case_rectification.bpmn", "case_handling_decision.bpmn", "case_police_transfer.bpmn",
    }
    for path in files:
        parser = SpiffBpmnParser(validator=VALIDATOR)
        parser.add_bpmn_file(str(path))
        assert parser.get_process_ids()
    parser = SpiffBpmnParser(validator=VALIDATOR)
    parser.add_bpmn_files([str(f) for f in files])
    assert sorted(parser.get_subprocess_specs("case_handling")) == [
        "case_extension", "case_handling_decision", "case_investigation", "case_penalty",
        "case_police_transfer", "case_rectification", "case_suspension",
        "handling_service", "order_service",  # the embedded service subprocesses
    ]


def test_every_user_task_has_a_form_file_and_a_known_lane(case_library):
    pv = case_library.current("case_handling")
    forms = BPMN_DIR.parent / "forms"
    for spec in [pv.spec, *pv.subprocess_specs.values()]:
        if spec.name == "case_penalty":
            continue
        for task_spec in spec.task_specs.values():
            if not getattr(task_spec, "manual", False):
                continue
            assert task_spec.lane in {CLERK, OFFICER, CHIEF, LEADER}, task_spec.bpmn_id
            form_key = task_spec.extensions["properties"]["formKey"]
            assert (forms / f"{form_key}.json").is_file(), form_key


# --- filing ---------------------------------------------------------------------------------

def test_filing_refused_tells_the_complainant_and_ends(new_case):
    case = new_case()
    expect(case, ("立案审批", CHIEF, "立案审批"))
    case.complete("approve_filing", {"filing_approval": "reject", "filing_opinion": "不属于本部门管辖",
                                     "reject_reason": "已申请劳动仲裁"})
    expect(case, ("告知投诉人不予立案", CLERK, "不予立案"))
    case.complete("notify_not_filed", {"notified_on": "2026-03-03", "notice_method": "mail"})
    assert_finished(case)
    assert case.wf.data["outcome"] == "not_filed"


# --- decision branches ------------------------------------------------------------------------

def test_order_to_rectify_complied_then_closed(new_case, clock):
    case = new_case()
    file_and_assign(case)
    decide(case, "rectify")
    expect(case, ("制发限期改正指令书", OFFICER, "责令限期改正"))
    case.complete("issue_rectification_order", {
        "order_no": "横琴人社监令〔2026〕3号", "issued_on": "2026-03-04", "rectify_by": "2026-03-09",
        "amount_owed": "50000.00", "worker_count": 12,
    })
    serve_order(case)
    expect(case)  # waiting for the pay-by date
    (timer,) = case.runtime.waiting_timers(case.wf)
    assert (timer.bpmn_id, timer.run_at) == ("rectify_deadline", datetime(2026, 3, 9, 15, 59, 59, tzinfo=UTC))
    clock.set(datetime(2026, 3, 9, 15, 0, tzinfo=UTC))
    assert not case.advance()
    clock.set(datetime(2026, 3, 10, 1, 0, tzinfo=UTC))
    assert case.advance()
    expect(case, ("核查整改情况", OFFICER, "等待改正"))
    case.complete("check_rectification", {"rectification_result": "complied", "checked_on": "2026-03-10",
                                          "paid_amount": "50000.00", "check_note": "已足额支付"})
    close(case, "rectified")


def test_the_rectify_by_date_is_the_rectification_period_and_moves_with_the_clock(new_case, clock):
    """The compliance timer reads deadlines["rectification"], computed at service from the order's
    date (calendar days, a day off moved to the next working day), so runtime.retime moves it."""
    case = new_case()
    file_and_assign(case)
    decide(case, "rectify")
    case.complete("issue_rectification_order", {
        "order_no": "横琴人社监令〔2026〕6号", "issued_on": "2026-03-04", "rectify_by": "2026-03-07",  # a Saturday
        "amount_owed": "50000.00", "worker_count": 12,
    })
    serve_order(case)
    (timer,) = case.runtime.waiting_timers(case.wf)
    assert (timer.bpmn_id, timer.run_at) == ("rectify_deadline", datetime(2026, 3, 9, 15, 59, 59, tzinfo=UTC))
    case.runtime.retime(case.wf, {"rectification": "2026-03-11T23:59:59+08:00"})
    (timer,) = case.runtime.waiting_timers(case.wf)
    assert timer.run_at == datetime(2026, 3, 11, 15, 59, 59, tzinfo=UTC)
    clock.set(datetime(2026, 3, 10, 1, 0, tzinfo=UTC))
    assert not case.advance()
    clock.set(datetime(2026, 3, 12, 1, 0, tzinfo=UTC))
    assert case.advance()
    expect(case, ("核查整改情况", OFFICER, "等待改正"))


def test_order_ignored_additional_compensation_then_police_transfer(new_case, clock):
    case = new_case()
    file_and_assign(case)
    decide(case, "rectify")
    case.complete("issue_rectification_order", {
        "order_no": "横琴人社监令〔2026〕4号", "issued_on": "2026-03-04", "rectify_by": "2026-03-06",
        "amount_owed": "120000.00", "worker_count": 12,
    })
    serve_order(case)
    clock.set(datetime(2026, 3, 9, 1, 0, tzinfo=UTC))
    case.advance()
    expect(case, ("核查整改情况", OFFICER, "等待改正"))
    case.complete("check_rectification", {"rectification_result": "not_complied", "checked_on": "2026-03-09",
                                          "paid_amount": "0.00"})
    expect(case, ("责令加付赔偿金", OFFICER, "等待改正"))
    case.complete("order_compensation", {
        "base_amount": "120000.00", "compensation_percent": 80, "compensation_amount": "96000.00",
        "compensation_due": "2026-03-16", "impose_penalty": False, "transfer_police": True,
    })
    expect(case, ("加付赔偿金审批", CHIEF, "等待改正"))
    case.complete("approve_compensation", {"approval_opinion": "同意", "approved_on": "2026-03-09"})
    expect(case, ("拟移送公安机关", OFFICER, "拟移送公安机关"))
    case.complete("prepare_police_transfer", {
        "suspect_name": "王某", "suspect_id_type": "resident_id", "suspect_id_no": "440402198001011231",
        "worker_count": 12, "months_owed": 3, "amount_owed": "120000.00", "transfer_reason": "逃避支付且经责令仍不支付",
    })
    expect(case, ("移送审批", LEADER, "拟移送公安机关"))
    case.complete("approve_police_transfer", {"police_transfer_approval": "approve", "approval_opinion": "同意移送"})
    expect(case, ("移送公安机关", OFFICER, "拟移送公安机关"))
    case.complete("transfer_to_police", {"transfer_doc_no": "横琴人社移〔2026〕1号", "transferred_on": "2026-03-11",
                                         "police_unit": "珠海市公安局横琴分局"})
    close(case, "transferred_to_police")
    assert case.wf.data["compensation_percent"] == 80


def test_order_ignored_compensation_and_penalty(new_case, clock):
    case = new_case()
    file_and_assign(case)
    decide(case, "rectify")
    case.complete("issue_rectification_order", {
        "order_no": "横琴人社监令〔2026〕5号", "issued_on": "2026-03-04", "rectify_by": "2026-03-06",
        "amount_owed": "50000.00", "worker_count": 12,
    })
    serve_order(case)
    clock.set(datetime(2026, 3, 9, 1, 0, tzinfo=UTC))
    case.advance()
    case.complete("check_rectification", {"rectification_result": "not_complied", "checked_on": "2026-03-09",
                                          "paid_amount": "0.00"})
    case.complete("order_compensation", {
        "base_amount": "50000.00", "compensation_percent": 50, "compensation_amount": "25000.00",
        "compensation_due": "2026-03-16", "impose_penalty": True, "transfer_police": False,
        "party_kind": "organisation", "proposed_fine": "50000.00", "project_stoppage": False, "major_case": False,
    })
    case.complete("approve_compensation", {"approval_opinion": "同意", "approved_on": "2026-03-09"})
    expect(case, ("行政处罚程序（测试桩）", OFFICER, "加付赔偿金"))
    case.complete("penalty_stub_task")
    close(case, "penalty_paid")


def test_penalty_path_through_the_call_activity(new_case):
    case = new_case()
    file_and_assign(case)
    decide(case, "penalty", party_kind="organisation", proposed_fine="80000.00", project_stoppage=False,
           major_case=False)
    expect(case, ("行政处罚程序（测试桩）", OFFICER, "行政处罚"))
    (stub,) = case.ready()
    assert {k: stub.data[k] for k in ("party_kind", "proposed_fine", "project_stoppage", "major_case",
                                       "handler", "co_handler")} == {
        "party_kind": "organisation", "proposed_fine": "80000.00", "project_stoppage": False,
        "major_case": False, "handler": "zhang.wei", "co_handler": "li.na"}
    case.complete("penalty_stub_task")
    close(case, "penalty_paid")
    assert case.wf.data["penalty_result"] == "paid"


def test_handling_decision_with_statement_and_defence(new_case):
    case = new_case()
    file_and_assign(case)
    decide(case, "handling_decision")
    expect(case, ("制发行政处理事先告知书", OFFICER, "行政处理事先告知"))
    case.complete("issue_handling_notice", {"notice_no": "横琴人社监告〔2026〕2号", "notice_served_on": "2026-03-04",
                                            "proposed_amount": "50000.00", "service_method": "direct"})
    expect(case, ("记录陈述申辩", OFFICER, "陈述申辩"))
    (timer,) = case.runtime.waiting_timers(case.wf)
    assert (timer.bpmn_id, timer.run_at) == ("statement_deadline", datetime(2026, 3, 9, 15, 59, 59, tzinfo=UTC))
    case.complete("record_statement", {"statement_made": "yes", "statement_content": "已支付部分工资",
                                       "statement_adopted": "partly", "review_note": "部分采纳"})
    expect(case, ("作出行政处理决定", CHIEF, "陈述申辩"))
    assert case.runtime.waiting_timers(case.wf) == []
    case.complete("decide_handling", {"decision_no": "横琴人社监处〔2026〕2号", "decided_on": "2026-03-10",
                                      "decided_amount": "40000.00", "pay_by": "2026-03-20"})
    serve_and_file_handling_decision(case)
    close(case, "handling_decision")


def test_handling_decision_statement_period_expires(new_case, clock):
    case = new_case()
    file_and_assign(case)
    decide(case, "handling_decision")
    case.complete("issue_handling_notice", {"notice_no": "横琴人社监告〔2026〕3号", "notice_served_on": "2026-03-04",
                                            "proposed_amount": "50000.00", "service_method": "direct"})
    clock.set(datetime(2026, 3, 9, 16, 0, tzinfo=UTC))
    assert case.advance()
    expect(case, ("作出行政处理决定", CHIEF, "陈述申辩"))
    assert case.ready()[0].data["statement_made"] == "no"
    case.complete("decide_handling", {"decision_no": "横琴人社监处〔2026〕3号", "decided_on": "2026-03-10",
                                      "decided_amount": "50000.00", "pay_by": "2026-03-20"})
    serve_and_file_handling_decision(case)
    close(case, "handling_decision")


def test_the_period_tasks_are_reported_once_completed_whatever_ran_them(new_case, clock):
    """A script task starts the statement period and its timer event ends it: both are reported with
    their clock properties, and a saved state tells which were completed before it."""
    case = new_case()
    file_and_assign(case)
    decide(case, "handling_decision")
    case.complete("issue_handling_notice", {"notice_no": "横琴人社监告〔2026〕4号", "notice_served_on": "2026-03-04",
                                            "proposed_amount": "50000.00", "service_method": "direct"})
    watched = ("clockStart", "clockStop")
    (started,) = case.runtime.completed_tasks_with(case.wf, watched)
    assert (started.bpmn_id, started.properties["clockStart"], started.timer) == (
        "set_statement_deadline", "statement_defence:notice_served_on", False)
    assert started.data["deadlines"]["statement_defence"] == "2026-03-09T23:59:59+08:00"
    saved = case.serializer.dumps(case.wf)
    assert started.task_id in case.serializer.completed_task_ids(saved)

    clock.set(datetime(2026, 3, 9, 16, 0, tzinfo=UTC))
    assert case.advance()
    before = case.serializer.completed_task_ids(saved)
    (lapsed,) = [t for t in case.runtime.completed_tasks_with(case.wf, watched) if t.task_id not in before]
    assert (lapsed.bpmn_id, lapsed.properties["clockStop"], lapsed.timer) == (
        "statement_deadline", "statement_defence", True)


def test_no_penalty(new_case):
    case = new_case()
    file_and_assign(case)
    decide(case, "no_penalty")
    expect(case, ("不予处罚决定", OFFICER, "不予处罚"))
    case.complete("no_penalty", {"no_penalty_basis": "minor_corrected", "notified_on": "2026-03-05",
                                 "decided_on": "2026-03-06", "decision_no": "横琴人社监不罚〔2026〕1号",
                                 "amount": "0.00"})
    close(case, "no_penalty")


def test_withdrawal_refused_once_then_approved(new_case):
    case = new_case()
    file_and_assign(case)
    decide(case, "withdraw", withdraw_ground="complaint_withdrawn")
    expect(case, ("撤销立案审批", CHIEF, "撤销立案审批"))
    case.complete("approve_withdrawal", {"withdraw_ground": "complaint_withdrawn", "withdrawal_approval": "reject",
                                         "approval_opinion": "撤诉材料不全，继续调查"})
    expect(case, ("调查取证记录", OFFICER, "调查取证"))
    decide(case, "withdraw", withdraw_ground="complaint_withdrawn")
    case.complete("approve_withdrawal", {"withdraw_ground": "complaint_withdrawn", "withdrawal_approval": "approve",
                                         "approval_opinion": "同意撤销立案"})
    close(case, "withdrawn")


def test_arbitration_advice(new_case):
    case = new_case()
    file_and_assign(case)
    decide(case, "arbitration")
    expect(case, ("建议仲裁", OFFICER, "建议仲裁"))
    case.complete("arbitration_advice", {"advice_no": "横琴人社监仲〔2026〕1号", "worker_count": 3,
                                         "arbitration_amount": "30000.00", "served_on": "2026-03-05",
                                         "reason": "劳动关系存在争议，事实无法查清"})
    close(case, "arbitration_advised")


def test_transfer_to_another_agency(new_case):
    case = new_case()
    file_and_assign(case)
    decide(case, "transfer_agency")
    expect(case, ("移送其他部门", OFFICER, "移送其他部门"))
    case.complete("agency_transfer", {"agency": "珠海市横琴新区住房和建设局", "transfer_no": "横琴人社移〔2026〕2号",
                                      "transferred_on": "2026-03-05", "reason": "属住建部门职责"})
    close(case, "transferred_to_agency")


def test_transfer_to_police_directly(new_case):
    case = new_case()
    file_and_assign(case)
    decide(case, "transfer_police")
    expect(case, ("拟移送公安机关", OFFICER, "拟移送公安机关"))
    case.complete("prepare_police_transfer", {
        "suspect_name": "王某", "suspect_id_type": "resident_id", "suspect_id_no": "440402198001011231",
        "worker_count": 12, "months_owed": 4, "amount_owed": "150000.00", "transfer_reason": "转移财产逃匿",
    })
    case.complete("approve_police_transfer", {"police_transfer_approval": "reject", "approval_opinion": "证据不足"})
    close(case, "police_transfer_refused")


# --- investigation sub-paths ----------------------------------------------------------------

def test_mediation_performed_on_the_spot_withdraws_the_case(new_case):
    case = new_case()
    file_and_assign(case)
    record(case, "mediate")
    expect(case, ("调解", OFFICER, "调查取证"))
    case.complete("mediate", {"mediation_requested_by": "complainant", "other_party_consents": True,
                              "mediated_on": "2026-03-04", "agreement": "当场支付全部工资",
                              "agreed_amount": "50000.00", "paid_amount": "50000.00",
                              "mediation_result": "performed"})
    expect(case, ("撤销立案审批", CHIEF, "撤销立案审批"))
    task = case.task("approve_withdrawal")
    assert (task.data["decision_type"], task.data["withdraw_ground"]) == ("withdraw", "mediated_performed")
    case.complete("approve_withdrawal", {"withdraw_ground": "mediated_performed", "withdrawal_approval": "approve",
                                         "approval_opinion": "调解协议已当场履行完毕"})
    close(case, "withdrawn")


def test_mediation_failed_falls_back_to_the_investigation(new_case):
    case = new_case()
    file_and_assign(case)
    record(case, "mediate")
    case.complete("mediate", {"mediation_requested_by": "complainant", "other_party_consents": False,
                              "mediated_on": "2026-03-04", "mediation_result": "failed"})
    expect(case, ("调查取证记录", OFFICER, "调查取证"))
    decide(case, "no_penalty")
    case.complete("no_penalty", {"no_penalty_basis": "facts_not_established", "decided_on": "2026-03-06"})
    close(case, "no_penalty")


def test_commissioned_audit_carries_the_clock_actions(new_case):
    case = new_case()
    file_and_assign(case)
    record(case, "commission")
    expect(case, ("发起委托审计/鉴定", OFFICER, "调查取证"))
    assert case.task("start_commission").properties["clockAction"] == "pause:decision:委托审计"
    case.complete("start_commission", {"commission_type": "audit", "institution": "珠海某会计师事务所",
                                       "commissioned_on": "2026-03-04", "matter": "核算2025年全年工资发放"})
    expect(case, ("收到审计/鉴定结论", OFFICER, "委托审计/鉴定"))
    assert case.task("receive_conclusion").properties["clockAction"] == "resume:decision"
    case.complete("receive_conclusion", {"received_on": "2026-03-20", "conclusion": "欠发工资共计51234.56元",
                                         "audited_amount": "51234.56"})
    expect(case, ("调查取证记录", OFFICER, "调查取证"))
    decide(case, "arbitration")
    case.complete("arbitration_advice", {"advice_no": "横琴人社监仲〔2026〕2号", "worker_count": 1,
                                         "arbitration_amount": "51234.56", "served_on": "2026-03-23"})
    close(case, "arbitration_advised")


def test_evidence_preservation_timer_fires_and_escalates_to_the_chief(new_case, clock):
    case = new_case()
    file_and_assign(case)
    record(case, "preserve", record_type="site_inspection")
    expect(case, ("先行登记保存证据", OFFICER, "调查取证"))
    case.complete("preserve_evidence", {"preserved_on": "2026-03-03", "items": "2025年工资表、考勤表各1册",
                                        "approved_by": "科长刘某", "keeper": "执法人员张伟"})
    expect(case, ("对登记保存证据作出处理决定", OFFICER, "先行登记保存"))
    (timer,) = case.runtime.waiting_timers(case.wf)
    # 7 working days after Tue 3 March: Thu 12 March, end of day in Beijing
    assert (timer.bpmn_id, timer.run_at) == ("preservation_deadline", datetime(2026, 3, 12, 15, 59, 59, tzinfo=UTC))
    clock.set(datetime(2026, 3, 12, 15, 0, tzinfo=UTC))
    assert not case.advance()
    clock.advance(timedelta(hours=1))
    assert case.advance()
    expect(case, ("逾期督办：登记保存证据处理", CHIEF, "先行登记保存"))
    case.complete("escalate_preserved_evidence", {"evidence_decision": "return", "decided_on": "2026-03-13",
                                                  "decision_note": "复制后退还"})
    expect(case, ("调查取证记录", OFFICER, "调查取证"))
    decide(case, "no_penalty")
    case.complete("no_penalty", {"no_penalty_basis": "minor_corrected", "decided_on": "2026-03-16"})
    close(case, "no_penalty")


def test_evidence_decided_in_time_and_the_app_can_retime_the_deadline(new_case, clock):
    case = new_case()
    file_and_assign(case)
    record(case, "preserve")
    case.complete("preserve_evidence", {"preserved_on": "2026-03-03", "items": "工资表1册"})
    case.runtime.retime(case.wf, {"evidence_preservation": "2026-03-13T23:59:59+08:00"})
    case.reload()
    (timer,) = case.runtime.waiting_timers(case.wf)
    assert timer.run_at == datetime(2026, 3, 13, 15, 59, 59, tzinfo=UTC)
    clock.set(datetime(2026, 3, 12, 16, 0, tzinfo=UTC))  # past the BPMN's own estimate
    assert not case.advance()
    case.complete("decide_preserved_evidence", {"evidence_decision": "confiscate_copy", "decided_on": "2026-03-12"})
    expect(case, ("调查取证记录", OFFICER, "调查取证"))
    assert case.runtime.waiting_timers(case.wf) == []
    decide(case, "arbitration")
    case.complete("arbitration_advice", {"advice_no": "横琴人社监仲〔2026〕3号", "served_on": "2026-03-13"})
    close(case, "arbitration_advised")


# --- extension and suspension (signals) ---------------------------------------------------------

def test_extension_requested_during_the_investigation(new_case):
    case = new_case()
    file_and_assign(case)
    signal(case, "apply_extension", {"reason": "涉及人数多，案情复杂"})
    expect(case, ("调查取证记录", OFFICER, "调查取证"), ("延期审核", CHIEF, "延期审批"))
    assert case.task("review_extension").data["extension_request"] == {"reason": "涉及人数多，案情复杂"}
    case.complete("review_extension", {"extension_review": "approve", "extension_days": 30,
                                       "extension_reason": "案情复杂", "review_opinion": "同意"})
    expect(case, ("调查取证记录", OFFICER, "调查取证"), ("延期审批", LEADER, "延期审批"))
    case.complete("approve_extension", {"extension_approval": "approve", "extension_approved_on": "2026-03-05",
                                        "approval_opinion": "同意延长30个工作日"})
    expect(case, ("调查取证记录", OFFICER, "调查取证"), ("书面告知投诉人延期", OFFICER, "延期审批"))
    assert case.task("notify_extension").properties["clockAction"] == "extend:decision"
    case.complete("notify_extension", {"notified_on": "2026-03-06", "notice_method": "mail",
                                       "notice_no": "横琴人社监延〔2026〕1号"})
    expect(case, ("调查取证记录", OFFICER, "调查取证"))
    with pytest.raises(TaskNotReady):  # one extension per investigation (GD Art. 44: at most 30 working days)
        signal(case, "apply_extension")
    decide(case, "arbitration")
    case.complete("arbitration_advice", {"advice_no": "横琴人社监仲〔2026〕4号", "served_on": "2026-03-13"})
    close(case, "arbitration_advised")


def test_extension_refused_by_the_chief(new_case):
    case = new_case()
    file_and_assign(case)
    signal(case, "apply_extension")
    case.complete("review_extension", {"extension_review": "reject", "review_opinion": "尚在期限内，无需延期"})
    expect(case, ("调查取证记录", OFFICER, "调查取证"))
    decide(case, "no_penalty")
    case.complete("no_penalty", {"no_penalty_basis": "minor_corrected", "decided_on": "2026-03-06"})
    close(case, "no_penalty")


def test_pending_extension_is_cancelled_when_the_case_closes(new_case):
    case = new_case()
    file_and_assign(case)
    signal(case, "apply_extension")
    record(case, "conclude")
    case.complete("propose_decision", {"decision_type": "arbitration", "findings": "劳动关系存在争议"})
    expect(case, ("审核处理意见", CHIEF, "调查取证"), ("延期审核", CHIEF, "延期审批"))
    case.complete("review_decision", {"decision_review": "approve", "review_opinion": "同意"})
    expect(case, ("延期审核", CHIEF, "延期审批"), ("建议仲裁", OFFICER, "建议仲裁"))
    case.complete("arbitration_advice", {"advice_no": "横琴人社监仲〔2026〕5号", "served_on": "2026-03-13"})
    expect(case, ("延期审核", CHIEF, "延期审批"), ("结案审批", CHIEF, "结案审批"))
    case.complete("approve_closure", {"closure_summary": "建议仲裁", "amount_recovered": "0.00", "workers_paid": 0,
                                      "migrant_workers_paid": 0, "closure_opinion": "同意结案"})
    case.complete("notify_result", {"notified_on": "2026-03-20", "notice_method": "phone"})
    case.complete("archive", {"archive_no": "2026-WS-008", "volumes": 1, "archived_on": "2026-03-23"})
    assert_finished(case)
    assert (case.wf.data["stage"], case.wf.data["outcome"]) == ("已结案", "arbitration_advised")


def test_suspension_then_resume(new_case, clock):
    case = new_case()
    file_and_assign(case)
    record(case, "continue")
    signal(case, "apply_suspension")
    expect(case, ("调查取证记录", OFFICER, "调查取证"), ("中止调查申请", OFFICER, "中止审批"))
    case.complete("request_suspension", {"suspension_ground": "awaiting_other_decision",
                                         "suspension_reason": "待劳动人事争议仲裁委员会确认劳动关系",
                                         "applied_on": "2026-03-03"})
    expect(case, ("调查取证记录", OFFICER, "调查取证"), ("中止调查审批", LEADER, "中止审批"))
    case.complete("approve_suspension", {"suspension_approval": "approve", "suspension_approved_on": "2026-03-04",
                                         "approval_opinion": "同意中止"})
    expect(case, ("调查取证记录", OFFICER, "调查取证"), ("书面告知投诉人中止调查", OFFICER, "中止调查"))
    assert case.task("notify_suspension").properties["clockAction"] == "pause:decision:中止"
    (timer,) = case.runtime.waiting_timers(case.wf)
    assert (timer.bpmn_id, timer.run_at) == ("suspension_notice_deadline",
                                             datetime(2026, 3, 9, 15, 59, 59, tzinfo=UTC))
    case.complete("notify_suspension", {"notified_on": "2026-03-05", "notice_method": "mail",
                                        "complainant_reachable": True})
    expect(case, ("调查取证记录", OFFICER, "调查取证"), ("恢复调查", OFFICER, "中止调查"))
    assert case.task("resume_investigation").properties["clockAction"] == "resume:decision"
    case.complete("resume_investigation", {"resumed_on": "2026-04-01", "resume_reason": "仲裁裁决已作出"})
    expect(case, ("调查取证记录", OFFICER, "调查取证"))
    decide(case, "rectify")
    case.complete("issue_rectification_order", {
        "order_no": "横琴人社监令〔2026〕9号", "issued_on": "2026-04-02", "rectify_by": "2026-04-07",
        "amount_owed": "50000.00", "worker_count": 12,
    })
    serve_order(case, dict(ORDER_SERVICE, order_served_on="2026-04-02"))
    clock.set(datetime(2026, 4, 8, 1, 0, tzinfo=UTC))
    case.advance()
    case.complete("check_rectification", {"rectification_result": "complied", "checked_on": "2026-04-08",
                                          "paid_amount": "50000.00"})
    close(case, "rectified")


def test_suspension_notice_overdue_escalates_and_refusal_ends_the_branch(new_case, clock):
    case = new_case()
    file_and_assign(case)
    signal(case, "apply_suspension")
    case.complete("request_suspension", {"suspension_ground": "force_majeure", "suspension_reason": "台风",
                                         "applied_on": "2026-03-02"})
    case.complete("approve_suspension", {"suspension_approval": "approve", "suspension_approved_on": "2026-03-02",
                                         "approval_opinion": "同意"})
    clock.set(datetime(2026, 3, 5, 16, 0, tzinfo=UTC))  # 3 working days after Mon 2 March have passed
    assert case.advance()
    expect(case, ("调查取证记录", OFFICER, "调查取证"), ("逾期督办：中止告知", CHIEF, "中止调查"))
    assert case.task("escalate_suspension_notice").properties["clockAction"] == "pause:decision:中止"
    case.complete("escalate_suspension_notice", {"notified_on": "2026-03-06", "notice_method": "mail",
                                                 "complainant_reachable": True})
    case.complete("resume_investigation", {"resumed_on": "2026-03-10", "resume_reason": "台风结束"})
    expect(case, ("调查取证记录", OFFICER, "调查取证"))
    decide(case, "no_penalty")
    case.complete("no_penalty", {"no_penalty_basis": "minor_corrected", "decided_on": "2026-03-11"})
    close(case, "no_penalty")


def test_suspension_refused(new_case):
    case = new_case()
    file_and_assign(case)
    signal(case, "apply_suspension")
    case.complete("request_suspension", {"suspension_ground": "complainant_unreachable",
                                         "suspension_reason": "投诉人电话停机", "applied_on": "2026-03-03"})
    case.complete("approve_suspension", {"suspension_approval": "reject", "approval_opinion": "请先尝试公告联系"})
    expect(case, ("调查取证记录", OFFICER, "调查取证"))
    assert case.runtime.waiting_timers(case.wf) == []
    decide(case, "arbitration")
    case.complete("arbitration_advice", {"advice_no": "横琴人社监仲〔2026〕6号", "served_on": "2026-03-13"})
    close(case, "arbitration_advised")


def test_signals_are_refused_before_filing_and_after_the_decision(new_case):
    case = new_case()
    with pytest.raises(TaskNotReady, match="apply_suspension"):
        signal(case, "apply_suspension")
    file_and_assign(case)
    decide(case, "no_penalty")
    for name in ("apply_extension", "apply_suspension"):
        with pytest.raises(TaskNotReady):
            signal(case, name)
    expect(case, ("不予处罚决定", OFFICER, "不予处罚"))


def test_start_data_without_a_decision_deadline_still_runs(new_case):
    case = new_case({"deadlines": {}})
    file_and_assign(case)
    assert case.ready()[0].data["case_no"] == "横琴人社监立〔2026〕7号"
