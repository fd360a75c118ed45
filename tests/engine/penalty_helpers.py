"""Helpers for the penalty-track tests (bpmn/case_penalty.bpmn).

Form payloads are passed through the application's own form validation
(``app.forms.validation.validate_form`` with ``forms/case_penalty_*.json``), so the
data a test completes a task with is exactly what the web form would submit.  The
process computes its legal deadlines with the application's ``workdays_after`` helper
(app/workflow/script_helpers.py) over the chinesecalendar working-day calendar.
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from app.forms.registry import FormRegistry
from app.forms.validation import validate_form
from app.workflow.script_helpers import make_helpers
from engine.calendar import WorkingDayCalendar, chinesecalendar_data
from engine.clock import FixedClock
from engine.clocks import GUANGDONG_DEFAULTS
from engine.runtime import WorkflowRuntime
from engine.specs import SpecLibrary

from .conftest import Case

ROOT = Path(__file__).resolve().parents[2]
PENALTY_BPMN = ROOT / "bpmn" / "case_penalty.bpmn"
FORMS = FormRegistry.from_directory(ROOT / "forms")

CHINA = timezone(timedelta(hours=8))
T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # Monday 09:00 in Hengqin

OFFICER, CHIEF, REVIEWER, LEADER = "执法人员", "科长", "法制审核员", "局领导"
CALENDAR = WorkingDayCalendar(chinesecalendar_data(2025, 2026))


def penalty_runtime(clock: FixedClock) -> WorkflowRuntime:
    """A runtime with the app's script helpers (``workdays_after``)."""
    rules = {rule.code: rule for rule in GUANGDONG_DEFAULTS}
    return WorkflowRuntime(clock=clock, helpers=make_helpers(lambda: CALENDAR, ZoneInfo("Asia/Shanghai"), rules.__getitem__))


def penalty_library(directory: Path) -> SpecLibrary:
    """A library holding only case_penalty.bpmn, so the called process is a top-level key."""
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copy(PENALTY_BPMN, directory / PENALTY_BPMN.name)
    return SpecLibrary.from_directory(directory)


def end_of_day(day: date) -> str:
    return datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=CHINA).isoformat()


def deadlines(start: datetime = T0, **days: int) -> dict[str, str]:
    """ISO due times by rule code, a few days apart from ``start``: the map the app hands in.
    The process recomputes its own periods from the service dates when they start."""
    offsets = {"statement_defence": 3, "hearing_request": 7, "service": 16, "fine_payment": 30,
               "enforcement_demand": 45, "enforcement_application": 120}
    offsets.update(days)
    base = start.astimezone(CHINA).date()
    return {code: end_of_day(base + timedelta(days=n)) for code, n in offsets.items()}


def after(deadline_iso: str, minutes: int = 1) -> datetime:
    return datetime.fromisoformat(deadline_iso) + timedelta(minutes=minutes)


def due(case: Case, bpmn_id: str) -> datetime:
    """Due time (UTC) of the waiting timer ``bpmn_id``."""
    (timer,) = [t for t in case.runtime.waiting_timers(case.wf) if t.bpmn_id == bpmn_id]
    return timer.run_at


def pass_timer(case: Case, clock: FixedClock, bpmn_id: str) -> bool:
    """Move the clock just past the timer ``bpmn_id`` (one minute before: nothing fires) and run."""
    run_at = due(case, bpmn_id)
    clock.set(run_at - timedelta(minutes=1))
    assert case.advance() is False
    clock.set(run_at + timedelta(minutes=1))
    return case.advance()


def start_data(party_kind: str, proposed_fine: str, *, major_case: bool = False,
               project_stoppage: bool = False, **extra) -> dict:
    return {"party_kind": party_kind, "proposed_fine": proposed_fine, "project_stoppage": project_stoppage,
            "major_case": major_case, "handler": "wangwei", "co_handler": "lina",
            "deadlines": deadlines(), **extra}


def ready(case: Case) -> list[tuple[str, str | None]]:
    """(title, lane) of the ready user tasks, sorted (parallel branches have no fixed order)."""
    return sorted((task.title, task.lane) for task in case.ready())


def submit(case: Case, bpmn_id: str, payload: dict, **unvalidated) -> dict:
    """Validate ``payload`` with the task's form, then complete the task with the cleaned data
    plus ``unvalidated`` (values the app adds itself, e.g. recomputed ``deadlines``)."""
    task = case.task(bpmn_id)
    form = FORMS.get(task.form_key)
    assert set(payload) <= set(form.properties), f"not in {task.form_key}: {set(payload) - set(form.properties)}"
    cleaned = validate_form(form, payload)
    case.complete(bpmn_id, {**cleaned, **unvalidated})
    return cleaned


# --- form payloads ---------------------------------------------------------------------------

def propose(fine: str, *, major_case: bool = False, project_stoppage: bool = False,
            severity: str = "general") -> dict:
    return {
        "proposed_fine": fine, "project_stoppage": project_stoppage, "severity": severity,
        "violation_facts": "该单位未按规定开设和使用农民工工资专用账户，经责令限期改正逾期未改正。",
        "evidence_summary": "现场检查笔录、询问笔录、限期改正指令书及送达回证。",
        "violated_provision": "《保障农民工工资支付条例》第二十六条",
        "penalty_provision": "《保障农民工工资支付条例》第五十五条",
        "discretion_reason": "逾期未改正，按一般情节裁量。",
        "first_violation": True, "repeat_within_year": False, "major_case": major_case,
        "proposed_on": "2026-03-02",
    }


def prior_notice(served_on: str = "2026-03-02", notice_no: str = "横劳监告〔2026〕12号") -> dict:
    return {"prior_notice_no": notice_no, "notice_issued_on": served_on, "rights_informed": True,
            "notice_service_date": served_on, "notice_service_method": "direct",
            "notice_recipient": "陈某（法定代表人）"}


def statement_waived() -> dict:
    return {"statement_status": "waived", "statement_date": "2026-03-03"}


def statement_raised() -> dict:
    return {"statement_status": "raised", "statement_date": "2026-03-03", "statement_method": "written",
            "statement_summary": "已于2026年2月补开专用账户并补发工资，请求从轻处罚。",
            "new_evidence": "专用账户开户证明、工资发放银行流水"}


def statement_review(result: str, new_fine: str | None = None) -> dict:
    payload = {"statement_review_result": result, "statement_review_opinion": "经复核，当事人已改正，部分理由成立。",
               "statement_review_changes_amount": new_fine is not None, "statement_reviewed_on": "2026-03-04"}
    if new_fine is not None:
        payload["statement_review_fine"] = new_fine
    return payload


def hearing_request(requested: bool) -> dict:
    if not requested:
        return {"hearing_requested": False}
    return {"hearing_requested": True, "hearing_request_date": "2026-03-04", "hearing_request_method": "written"}


def hearing_notice() -> dict:
    return {"hearing_notice_no": "横劳监听〔2026〕3号", "hearing_notice_date": "2026-03-09",
            "hearing_at": "2026-03-20T09:30:00+08:00", "hearing_place": "横琴劳动保障监察大队第一听证室",
            "hearing_chair": "zhaomin", "hearing_clerk": "刘某", "hearing_public": "public",
            "hearing_notice_method": "direct"}


def hearing(outcome: str = "held") -> dict:
    if outcome == "held":
        return {"hearing_outcome": "held", "hearing_held_at": "2026-03-20T09:30:00+08:00",
                "hearing_attendees": "当事人委托代理人张某、李某；调查人员王伟、李娜"}
    return {"hearing_outcome": "absent", "hearing_held_at": "2026-03-20T09:30:00+08:00",
            "absence_note": "当事人经合法通知无正当理由未到场，视为放弃听证。"}


def hearing_record(recommendation: str = "maintain") -> dict:
    return {"transcript_summary": "调查人员陈述违法事实和证据，当事人代理人质证并申辩，双方作最后陈述。",
            "party_signed": True, "chair_recommendation": recommendation,
            "hearing_report": "事实清楚，证据充分，建议维持拟处罚意见。"}


def legal_review(result: str) -> dict:
    payload = {"facts_clear": True, "evidence_sufficient": True, "basis_correct": result == "pass",
               "procedure_lawful": True, "discretion_proper": True, "legal_review_result": result,
               "legal_review_opinion": "同意。" if result == "pass" else "处罚依据引用条款有误，退回补正。",
               "legal_reviewer": "zhaomin", "legal_reviewed_on": "2026-03-23"}
    if result == "correct":
        payload["correction_items"] = "更正处罚依据条款并重新履行告知程序。"
    return payload


def deliberation() -> dict:
    return {"meeting_date": "2026-03-24", "meeting_host": "sunjun", "meeting_attendees": "孙军、周敏、吴涛、郑华",
            "deliberation_conclusion": "impose", "deliberation_minutes": "与会人员一致同意按拟处罚意见作出处罚决定。"}


def leader(decision: str, fine: str | None = None) -> dict:
    payload = {"leader_decision": decision, "leader_opinion": "同意。", "leader_approved_on": "2026-03-25"}
    if fine is not None:
        payload["decided_fine"] = fine
    if decision == "no_penalty":
        payload["no_penalty_ground"] = "first_minor"
    return payload


def decision(decided_on: str = "2026-03-25") -> dict:
    return {"penalty_decision_no": "横劳监罚〔2026〕8号", "penalty_decision_date": decided_on, "party_name": "珠海横琴某建设有限公司",
            "party_address": "珠海市横琴新区环岛东路1号", "facts_and_evidence": "未按规定开设农民工工资专用账户，有现场检查笔录等为证。",
            "penalty_content": "罚款，依据《保障农民工工资支付条例》第五十五条。", "payment_method": "bank",
            "payment_account": "中国银行珠海横琴分行 非税收入汇缴账户", "remedy_notice": True,
            "surcharge_notice": True, "sealed": True}


def service(served_on: str = "2026-03-26") -> dict:
    return {"decision_service_date": served_on, "decision_service_method": "mail",
            "decision_mail_tracking_no": "EMS1234567890", "decision_receipt_no": "SD-2026-0031"}


def filing(filed_on: str = "2026-03-27") -> dict:
    return {"filing_record_date": filed_on, "filing_authority": "珠海市人力资源和社会保障局", "filing_method": "system",
            "filing_ref": "BA-2026-0012"}


def urge() -> dict:
    return {"overdue_reason": "party_unreachable", "urge_opinion": "请于两个工作日内完成送达，必要时留置送达。",
            "urged_on": "2026-03-19"}


def payment(amount: str) -> dict:
    return {"fine_paid_on": "2026-03-30", "fine_paid_amount": amount, "fine_payment_channel": "bank",
            "fine_receipt_no": "JK-2026-00088"}


def surcharge(amount: str, days: int) -> dict:
    return {"overdue_from": "2026-04-01", "calculated_on": "2026-04-05", "overdue_days": days,
            "review_or_litigation": False, "surcharge_amount": amount, "surcharge_note": "罚款数额×3%×逾期天数"}


def demand(outcome: str, amount: str = "0", served_on: str = "2026-04-14") -> dict:
    if outcome == "paid":
        return {"demand_outcome": "paid", "fine_paid_on": served_on, "fine_paid_amount": amount,
                "fine_receipt_no": "JK-2026-00102"}
    return {"demand_outcome": "served", "demand_no": "横劳监催〔2026〕2号", "demand_amount": amount,
            "demand_service_date": served_on, "demand_service_method": "left",
            "demand_left_record": "当事人拒收，已拍照、录像记录并留置于其经营场所。"}


def late_payment(fine: str, surcharge_paid: str) -> dict:
    return {"fine_paid_on": "2026-04-10", "fine_paid_amount": fine, "surcharge_paid": surcharge_paid,
            "fine_receipt_no": "JK-2026-00120"}


def enforcement_approval(decision_code: str) -> dict:
    return {"enforcement_decision": decision_code, "enforcement_opinion": "同意。",
            "enforcement_approved_on": "2026-10-20"}


def remedy_payment(fine: str, surcharge_paid: str, paid_on: str = "2026-06-10") -> dict:
    return {"fine_paid_on": paid_on, "fine_paid_amount": fine, "surcharge_paid": surcharge_paid,
            "fine_receipt_no": "JK-2026-00130"}


def enforcement(amount: str) -> dict:
    return {"enforcement_court": "横琴粤澳深度合作区人民法院", "enforcement_filed_on": "2026-10-21",
            "enforcement_application_no": "横劳监执〔2026〕1号",
            "amount_applied": amount, "application_materials": "行政处罚决定书、催告书及送达回证、当事人意见"}
