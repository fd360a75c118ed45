"""The periods the process computes (陈述申辩, 听证申请, 送达, 缴纳罚款, 催告, 先行登记保存, 中止告知)
are legal clocks of the case: each starts when its period starts, is due on the day the BPMN
computed for its timer, reminds the handler, is listed on the case page and in the chief's
overview, and stops when its step is done, when its timer runs out (on its due day), or when
the case closes.

The shared clock starts on Thu 2026-12-03 09:00 in Hengqin (2027 holidays not entered).
"""
from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select

from app.cases import periods
from app.cases.models import Case
from app.deadlines import overview
from app.deadlines import service as clocks
from app.deadlines.models import InboxMessage
from app.deadlines.reminders import send_due_reminders
from app.tasks import flows as task_flows
from app.workflow import service as workflow
from engine.types import FinishedTaskView
from tests.factories import CHINA, PASSWORD, user
from tests.integration.cases import helpers as h
from tests.integration.cases.test_case_paths_api import _penalty_decided, at, close_case, decide


def process_due(flow, rule: str) -> str:
    """The due day the running process computed for its timers: `deadlines[rule]`."""
    found = workflow.current_deadlines(flow.session, env=flow.env, business_type="case", business_id=flow.case_id)
    return found[rule][:10]


def clock_rows(flow) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {}
    for clock in flow.case()["clocks"]:
        rows.setdefault(clock["rule"], []).append(clock)
    return rows


def sweep(flow, day: str):
    now = datetime.combine(date.fromisoformat(day), time(9), tzinfo=CHINA)
    return send_due_reminders(flow.session, calendar=flow.env.calendar(), today=now.date(), now=now)


def _notice_served(flow, fine: str, *, major_case: bool, both: bool) -> None:
    _penalty_decided(flow, fine, major_case=major_case)
    flow.complete("officer1", "拟处罚", h.penalty_proposal(fine, major_case=major_case))
    then = [("陈述申辩登记", "officer1")] + ([("听证申请登记", "officer1")] if both else [])
    flow.step("officer1", "事先告知书送达", h.prior_notice(), stage="陈述申辩及听证申请期间", then=then)


def test_penalty_periods_are_clocks_from_the_notice_to_the_payment(flow, api, client, db_session):
    _notice_served(flow, "50000.00", major_case=False, both=False)
    statement = flow.clock_of("statement_defence")
    # served Thu 3 Dec: 3 working days → Tue 8 Dec, the day the BPMN timer fires after
    assert (statement["state"], statement["start_on"], statement["due_on"]) == ("running", "2026-12-03", "2026-12-08")
    assert statement["due_on"] == process_due(flow, "statement_defence")
    # 50,000 for an organisation gives no hearing right: no 申请听证 period
    assert sorted(clock_rows(flow)) == ["decision", "statement_defence"]
    (clock,) = [c for c in clocks.clocks_for(db_session, business_type="case", business_id=flow.case_id)
                if c.rule_code == "statement_defence"]
    assert clock.responsible_id == user(db_session, "officer1").id  # the handler is reminded

    client.post("/login", data={"username": "chief", "password": PASSWORD})
    page = client.get(f"/cases/{flow.case_id}").get_data(as_text=True)
    assert "陈述、申辩" in page and "2026-12-08" in page
    assert "程序期间" not in page and "申请听证" not in page  # listed once, as a clock
    assert "陈述、申辩" in client.get("/deadlines").get_data(as_text=True)  # the chief's overview

    flow.complete("officer1", "陈述申辩登记", h.statement(raised=False))
    statement = flow.clock_of("statement_defence")
    assert statement["state"] == "stopped" and statement["trace"].endswith("2026-12-03 停止计时")

    flow.complete("leader", "负责人审批", h.leader_approval("50000.00"))
    flow.complete("officer1", "制作处罚决定书", h.penalty_decision())
    service = flow.clock_of("service")
    # decided Thu 3 Dec: 7 working days → Mon 14 Dec
    assert (service["state"], service["due_on"]) == ("running", "2026-12-14") and \
        service["due_on"] == process_due(flow, "service")

    filing = flow.clock_of("filing")
    # GDLSIR Art. 48, calendar days: 10 days → Sun 13 Dec, the next working day Mon 14 Dec
    assert (filing["state"], filing["start_on"], filing["due_on"]) == ("running", "2026-12-03", "2026-12-14") and \
        filing["due_on"] == process_due(flow, "filing")

    flow.complete("officer1", "处罚决定书送达", h.decision_service())
    payment = flow.clock_of("fine_payment")
    assert flow.clock_of("service")["state"] == "stopped"
    # served Thu 3 Dec: 15 days → Fri 18 Dec
    assert (payment["state"], payment["due_on"]) == ("running", "2026-12-18") and \
        payment["due_on"] == process_due(flow, "fine_payment")

    flow.advance_to(at("2026-12-14"))
    flow.complete("officer1", "缴纳确认", h.payment("50000.00", "2026-12-14"))
    payment = flow.clock_of("fine_payment")
    assert payment["state"] == "stopped" and payment["trace"].endswith("2026-12-14 停止计时")
    assert flow.clock_of("filing")["state"] == "running"  # paid, not yet filed: no 结案审批 yet
    assert [t["title"] for t in flow.case()["open_tasks"]] == ["报上级备案"]
    flow.complete("officer1", "报上级备案", h.decision_filing("2026-12-14"))
    filing = flow.clock_of("filing")
    assert filing["state"] == "stopped" and filing["trace"].endswith("2026-12-14 停止计时")
    case = close_case(flow, "2026-12-14")
    assert sorted(c["rule"] for c in case["clocks"]) == [
        "decision", "filing", "fine_payment", "service", "statement_defence"]


def test_lapsed_periods_stop_on_their_due_day_and_count_as_on_time(flow, api, env, db_session):
    _notice_served(flow, "150000.00", major_case=True, both=True)  # ≥ 100,000: the party may ask for a hearing
    hearing = flow.clock_of("hearing_request")
    assert (hearing["state"], hearing["due_on"]) == ("running", "2026-12-10")  # 5 working days
    assert hearing["due_on"] == process_due(flow, "hearing_request")

    assert flow.advance_to(at("2026-12-09")) == 1  # the statement period ran out at the end of Tue 8 Dec
    statement = flow.clock_of("statement_defence")
    assert statement["state"] == "stopped" and statement["trace"].endswith("2026-12-08 停止计时")
    assert flow.clock_of("hearing_request")["state"] == "running"

    assert flow.advance_to(at("2026-12-11")) == 1
    hearing = flow.clock_of("hearing_request")
    assert hearing["state"] == "stopped" and hearing["trace"].endswith("2026-12-10 停止计时")
    flow.expect(stage="法制审核", then=[("法制审核", "reviewer")])
    board = overview.board(db_session, calendar=env.calendar(), today=date(2026, 12, 11))
    assert board.closed == board.on_time  # the party's periods lapsing is not the bureau being late


def test_a_period_reminds_the_handler_and_escalates_when_overdue(flow, api, client, db_session):
    _notice_served(flow, "50000.00", major_case=False, both=False)
    flow.complete("officer1", "陈述申辩登记", h.statement(raised=False))
    flow.complete("leader", "负责人审批", h.leader_approval("50000.00"))
    flow.complete("officer1", "制作处罚决定书", h.penalty_decision())  # service due Mon 14 Dec
    flow.complete("officer1", "报上级备案", h.decision_filing())  # filed at once: only the service reminds
    number = flow.case()["number"]
    officer1, chief = user(db_session, "officer1").id, user(db_session, "chief").id

    flow.advance_to(at("2026-12-11"))
    assert [(s.kind, s.recipient_id) for s in sweep(flow, "2026-12-11")] == [("before_1", officer1)]
    flow.advance_to(at("2026-12-15"))  # not served in time
    assert sorted((s.kind, s.level, s.recipient_id) for s in sweep(flow, "2026-12-15")) == [
        ("overdue_1", "assignee", officer1), ("overdue_1", "chief", chief)]
    titles = db_session.scalars(select(InboxMessage.title).where(InboxMessage.user_id == officer1)
                                .order_by(InboxMessage.id)).all()
    assert titles == [f"【期限提醒】{number} 送达处理（处罚）决定书：还剩1个工作日到期",
                      f"【期限提醒】{number} 送达处理（处罚）决定书：已逾期1个工作日"]
    client.post("/login", data={"username": "officer1", "password": PASSWORD})
    assert "送达处理（处罚）决定书：已逾期1个工作日" in client.get("/inbox").get_data(as_text=True)

    flow.complete("officer1", "处罚决定书送达", h.decision_service("2026-12-15"))
    service = flow.clock_of("service")
    assert (service["state"], service["remaining_workdays"]) == ("stopped", None)
    assert service["trace"].endswith("2026-12-15 停止计时")  # served late: counted late
    assert sweep(flow, "2026-12-16") == []  # a stopped period reminds nobody; 缴纳罚款 runs to 30 Dec


def test_suspension_notice_runs_while_the_decision_clock_is_paused(flow, api):
    flow.filed_case(checked=False)
    flow.signal("officer1", "apply_suspension", "待仲裁委确认劳动关系")
    flow.complete("officer1", "中止调查申请", h.suspension_application())
    flow.advance_to(at("2026-12-04"))
    flow.complete("leader", "中止调查审批", h.suspension_approval("2026-12-04"))
    notice = flow.clock_of("suspension_notice")
    # approved Fri 4 Dec: 3 working days → Wed 9 Dec; the period rule is not paused by the suspension
    assert (notice["state"], notice["start_on"], notice["due_on"]) == ("running", "2026-12-04", "2026-12-09")
    assert notice["due_on"] == process_due(flow, "suspension_notice")
    assert flow.clock_of("decision")["state"] == "paused"

    flow.advance_to(at("2026-12-07"))
    flow.complete("officer1", "书面告知投诉人中止调查",
                  {"notified_on": "2026-12-07", "notice_method": "mail", "complainant_reachable": True})
    notice = flow.clock_of("suspension_notice")
    assert notice["state"] == "stopped" and notice["trace"].endswith("2026-12-07 停止计时")
    assert flow.clock_of("decision")["state"] == "paused"


def test_evidence_preservation_runs_on_past_its_timer_until_the_chief_decides(flow, api):
    flow.filed_case(checked=False)
    flow.complete("officer1", "调查取证记录", h.record("preserve"))
    flow.complete("officer1", "先行登记保存证据", {"preserved_on": "2026-12-03", "items": "工资表3册、考勤记录1册"})
    preservation = flow.clock_of("evidence_preservation")  # started by a script task
    assert (preservation["state"], preservation["due_on"]) == ("running", "2026-12-14")
    assert preservation["due_on"] == process_due(flow, "evidence_preservation")

    assert flow.advance_to(at("2026-12-15")) == 1  # the timer hands the decision to the chief
    assert [t["title"] for t in flow.case()["open_tasks"]] == ["逾期督办：登记保存证据处理"]
    preservation = flow.clock_of("evidence_preservation")
    assert (preservation["state"], preservation["remaining_workdays"]) == ("overdue", -1)  # still owed
    flow.complete("chief", "逾期督办：登记保存证据处理", {"evidence_decision": "return", "decided_on": "2026-12-15"})
    preservation = flow.clock_of("evidence_preservation")
    assert preservation["state"] == "stopped" and preservation["trace"].endswith("2026-12-15 停止计时")


def test_handling_decision_statement_period_starts_in_a_script_task_and_lapses(flow, api):
    flow.filed_case(checked=False)
    flow.complete("officer1", "调查取证记录", h.record("conclude"))
    flow.complete("officer1", "拟定处理意见", h.proposal("handling_decision"))
    flow.complete("chief", "审核处理意见", h.review())
    flow.complete("officer1", "制发行政处理事先告知书",
                  {"notice_no": "横劳监处告〔2026〕4号", "proposed_amount": 42300, "service_method": "direct",
                   "notice_served_on": "2026-12-03"})
    statement = flow.clock_of("statement_defence")
    assert (statement["state"], statement["due_on"]) == ("running", "2026-12-08")
    assert statement["due_on"] == process_due(flow, "statement_defence")
    assert flow.advance_to(at("2026-12-09")) == 1
    statement = flow.clock_of("statement_defence")
    assert statement["state"] == "stopped" and statement["trace"].endswith("2026-12-08 停止计时")
    assert [t["title"] for t in flow.case()["open_tasks"]] == ["作出行政处理决定"]


def test_a_retried_save_starts_the_period_once(flow, api, app, db_session):
    _penalty_decided(flow, "50000.00", major_case=False)
    flow.complete("officer1", "拟处罚", h.penalty_proposal("50000.00"))
    task, _ = flow.find_task("officer1", "事先告知书送达")
    # the first attempt is rolled back (e.g. a conflict at commit); the officer submits again
    task_flows.complete(db_session, env=flow.env, registry=app.extensions["forms"], task_id=task["id"],
                        user=user(db_session, "officer1"), data=h.prior_notice())
    db_session.rollback()
    flow.complete("officer1", "事先告知书送达", h.prior_notice())
    (instance,) = workflow.instances_for(db_session, business_type="case", business_id=flow.case_id)
    workflow.save(db_session, flow.env, instance, workflow.load(flow.env, instance))  # saved again unchanged
    db_session.commit()
    assert len(clock_rows(flow)["statement_defence"]) == 1


def test_a_new_start_of_a_running_period_replaces_it(flow, api, db_session):
    _notice_served(flow, "50000.00", major_case=False, both=False)
    case = flow.case()
    # the prior notice served again on Mon 7 Dec while the first statement period still runs
    served_again = FinishedTaskView(
        task_id="re-served", bpmn_id="serve_prior_notice",
        properties={"clockStart": "statement_defence:notice_service_date, "
                                  "hearing_request:notice_service_date:hearing_right=True"},
        data={"notice_service_date": "2026-12-07", "hearing_right": False}, timer=False)
    periods.apply_periods(db_session, flow.env, db_session.get(Case, case["id"]), [served_again],
                          today=date(2026, 12, 7))
    db_session.commit()
    first, second = clock_rows(flow)["statement_defence"]
    assert first["state"] == "stopped" and first["trace"].endswith("2026-12-07 停止计时")
    assert (second["state"], second["start_on"], second["due_on"]) == ("running", "2026-12-07", "2026-12-10")
    assert "hearing_request" not in clock_rows(flow)


def test_closing_the_case_stops_a_period_still_running(flow, api, db_session):
    flow.filed_case(checked=False)
    preserved = FinishedTaskView(task_id="t", bpmn_id="set_preservation_deadline",
                                 properties={"clockStart": "evidence_preservation:preserved_on"},
                                 data={"preserved_on": "2026-12-03"}, timer=False)
    periods.apply_periods(db_session, flow.env, db_session.get(Case, flow.case_id), [preserved],
                          today=date(2026, 12, 3))
    db_session.commit()
    assert flow.clock_of("evidence_preservation")["state"] == "running"
    decide(flow, "withdraw", withdraw_ground="complaint_withdrawn", stage="撤销立案审批",
           then=[("撤销立案审批", "chief")])
    flow.advance_to(at("2026-12-04"))
    flow.complete("chief", "撤销立案审批", {"withdraw_ground": "complaint_withdrawn", "withdrawal_approval": "approve",
                                          "approved_on": "2026-12-04", "approval_opinion": "同意撤销立案"})
    close_case(flow, "2026-12-04", recovered="0.00", workers=0)
    preservation = flow.clock_of("evidence_preservation")
    assert preservation["state"] == "stopped" and preservation["trace"].endswith("2026-12-04 停止计时")
