"""The new paths of the real ticket intake (bpmn/ticket_intake.bpmn): 补正, 告知/移送, 协调解决, 答复诉求人.

The workflow is saved and reloaded from JSON after every step (``Case``).
"""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest
from SpiffWorkflow.spiff.parser import VALIDATOR, SpiffBpmnParser

from engine.clock import FixedClock
from engine.runtime import WorkflowRuntime
from engine.serializer import StateSerializer
from engine.specs import SpecLibrary

from .case_helpers import BPMN_DIR, rule_deadline
from .conftest import Case

CLERK, CHIEF, OFFICER = "受理员", "科长", "执法人员"
START_DATA = {"ticket_id": 1, "received_on": "2026-12-03",
              "deadlines": {"acceptance": "2026-12-10T23:59:59+08:00"}}
ASSIGN = {"handler": "officer1", "assigned_on": "2026-12-03"}
REPLY = {"reply_method": "phone", "reply_type": "notified", "replied_on": "2026-12-08"}


def test_the_intake_file_passes_the_spiff_validator():
    parser = SpiffBpmnParser(validator=VALIDATOR)
    parser.add_bpmn_file(str(BPMN_DIR / "ticket_intake.bpmn"))
    assert parser.get_spec("ticket_intake")


@pytest.fixture(scope="module")
def intake_library(tmp_path_factory):
    directory = tmp_path_factory.mktemp("intake_bpmn")
    shutil.copy(BPMN_DIR / "ticket_intake.bpmn", directory / "ticket_intake.bpmn")
    return SpecLibrary.from_directory(directory)


@pytest.fixture
def new_ticket(intake_library, clock: FixedClock):
    runtime = WorkflowRuntime(clock=clock, helpers={"rule_deadline": rule_deadline})

    def start() -> Case:
        pv = intake_library.current("ticket_intake")
        serializer = StateSerializer(runtime.script_engine)
        case = Case(runtime, serializer, pv, runtime.start(pv, dict(START_DATA)))
        case.complete("assign_handler", ASSIGN)
        return case

    return start


def ready(case: Case) -> list[tuple[str, str | None, str | None]]:
    return case.ready_summary()


def data(case: Case) -> dict:
    """The workflow data once the process has completed."""
    return case.wf.data


def finished(case: Case) -> None:
    assert case.wf.is_completed() and case.ready() == []
    assert case.runtime.waiting_timers(case.wf) == []


def test_supplement_received_returns_to_verification_for_the_same_officer_then_accepted(new_ticket):
    """The acceptance period runs anew from the day the supplemented materials came back (GD Art. 39)."""
    case = new_ticket()
    case.complete("verify_ticket", {"verification_notes": "材料不全，缺工资欠条。", "conclusion": "supplement",
                                    "supplement_items": "工资欠条、考勤记录"})
    assert ready(case) == [("补正材料", CLERK, "ticket_supplement")]
    assert case.task("supplement_materials").properties.get("assigneeField") is None  # a group task for clerks
    case.complete("supplement_materials", {"supplement_received": "yes", "supplement_received_on": "2026-12-09"})
    assert ready(case) == [("核查", OFFICER, "ticket_verify")]
    verify = case.task("verify_ticket")
    assert verify.properties.get("assigneeField") == "handler" and verify.data["handler"] == "officer1"
    # received Thu 3 Dec (due Thu 10 Dec); materials back Wed 9 Dec: 5 working days from then, Wed 16 Dec
    (timer,) = case.runtime.waiting_timers(case.wf)
    assert (timer.bpmn_id, timer.run_at) == ("verify_deadline", datetime.fromisoformat("2026-12-16T23:59:59+08:00"))
    assert verify.data["deadlines"]["acceptance"] == "2026-12-16T23:59:59+08:00"
    case.complete("verify_ticket", {"verification_notes": "补正后核实欠薪属实。", "conclusion": "accept"})
    finished(case)
    assert data(case)["outcome"] == "accepted"


def test_supplement_not_received_is_rejected_and_the_complainant_is_answered(new_ticket):
    case = new_ticket()
    case.complete("verify_ticket", {"verification_notes": "材料不全，缺劳动关系证明。", "conclusion": "supplement",
                                    "supplement_items": "劳动关系证明"})
    case.complete("supplement_materials", {"supplement_received": "no"})
    assert ready(case) == [("答复诉求人", CLERK, "ticket_reply")]
    reply = case.task("reply_complainant").data
    assert reply["deadlines"] == START_DATA["deadlines"]  # nothing came back: the period is not restarted
    assert (reply["outcome"], reply["reject_ground"]) == ("rejected", "not_supplemented")
    assert not case.wf.is_completed()
    case.complete("reply_complainant", dict(REPLY, reply_type="not_accepted", reply_method="written"))
    finished(case)
    assert data(case)["outcome"] == "rejected" and data(case)["reply_method"] == "written"


def test_referred_then_answered(new_ticket):
    case = new_ticket()
    case.complete("verify_ticket", {"verification_notes": "属住建部门管辖事项。", "conclusion": "refer",
                                    "refer_to": "横琴粤澳深度合作区城市规划和建设局", "refer_type": "transfer"})
    assert ready(case) == [("答复诉求人", CLERK, "ticket_reply")]
    assert case.runtime.waiting_timers(case.wf) == []  # the acceptance timers are gone with 核查
    case.complete("reply_complainant", REPLY)
    finished(case)
    assert (data(case)["outcome"], data(case)["refer_type"]) == ("referred", "transfer")


def test_coordinated_is_resolved_then_answered(new_ticket):
    case = new_ticket()
    case.complete("verify_ticket", {
        "verification_notes": "经协调，企业同意支付。", "conclusion": "coordinated", "agreement_date": "2026-12-05",
        "resolved_people": 5, "resolved_amount": "42300.00", "resolved_migrant_people": 5,
        "resolved_migrant_amount": "42300.00"})
    assert ready(case) == [("答复诉求人", CLERK, "ticket_reply")]
    assert case.task("reply_complainant").data["outcome"] == "resolved"
    case.complete("reply_complainant", dict(REPLY, reply_type="resolved"))
    finished(case)
    assert data(case)["outcome"] == "resolved" and data(case)["resolved_people"] == 5


def test_the_original_reject_path_still_ends_without_a_reply(new_ticket):
    case = new_ticket()
    case.complete("verify_ticket", {"verification_notes": "已申请劳动仲裁。", "conclusion": "reject",
                                    "reject_ground": "in_arbitration_or_litigation"})
    finished(case)
    assert data(case)["outcome"] == "rejected"


def test_after_the_supplement_is_back_deemed_acceptance_waits_for_the_new_period(new_ticket, clock: FixedClock):
    case = new_ticket()
    case.complete("verify_ticket", {"verification_notes": "材料不全。", "conclusion": "supplement",
                                    "supplement_items": "工资欠条"})
    case.complete("supplement_materials", {"supplement_received": "yes", "supplement_received_on": "2026-12-09"})
    clock.set(datetime.fromisoformat("2026-12-11T09:00:00+08:00"))  # the first period ended on Thu 10 Dec
    case.advance()
    assert ready(case) == [("核查", OFFICER, "ticket_verify")]
    clock.set(datetime.fromisoformat("2026-12-17T09:00:00+08:00"))  # the new one ended on Wed 16 Dec
    case.advance()
    finished(case)
    assert data(case)["outcome"] == "deemed_accepted"
