"""Driving a case end to end through the HTTP API, each step with the token of the user who does it.

`CaseDriver` knows only the API: it registers a ticket as the clerk, lets the chief and the
officer accept it, finds the case that opens, and then completes case tasks one at a time:

    flow.step("officer1", "调查取证记录", record("conclude"),
              stage="调查取证", then=[("拟定处理意见", "officer1")])

finds the task in the user's own list (`mine`, else `group` — claimed first), completes it and
checks the case afterwards: its `stage`, its `status`, and the open tasks as (title, who), where
`who` is the designated user for officer tasks (assignee_id = that user; the task is in the
user's `mine` list) or the lane's role code for group tasks (unassigned; in that role's `group`
list). Time moves only through `advance_to`, which wakes the due BPMN timers like the scheduler.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from tests.factories import PASSWORD, ApiClient, registration_data

# role code -> the demo user who works that role's group tasks; role code -> BPMN lane
ROLE_USER = {"clerk": "clerk", "chief": "chief", "leader": "leader", "reviewer": "reviewer", "officer": "officer1"}
LANES = {"clerk": "受理员", "officer": "执法人员", "chief": "科长", "leader": "局领导", "reviewer": "法制审核员"}
ROLES = set(ROLE_USER)
DEMO_USERS = ("clerk", "officer1", "officer2", "reviewer", "chief", "leader")
TODAY = "2026-12-03"
# 听证通知 at least 7 working days ahead (行政处罚法第六十四条、第八十五条): notified Thu 3 Dec, heard Mon 14 Dec
HEARING_DAY = "2026-12-14"
HEARING_AT = f"{HEARING_DAY}T15:00:00+08:00"


class Api(ApiClient):
    """ApiClient that also remembers who each token belongs to (id, roles) and logs in again once the
    shared clock has moved past a token's lifetime."""

    def __init__(self, app):
        super().__init__(app)
        self.users: dict[str, dict] = {}
        self.expires: dict[str, datetime] = {}

    def _now(self) -> datetime:
        return self.app.extensions["workflow"].clock.now()

    def token(self, username: str) -> str:
        if username in self.tokens and self._now() >= self.expires[username]:
            del self.tokens[username]
        if username not in self.tokens:
            r = self.client.post("/api/v1/auth/token", json={"username": username, "password": PASSWORD})
            assert r.status_code == 201, r.get_json()
            body = r.get_json()
            self.tokens[username] = body["token"]
            self.users[username] = body["user"]
            self.expires[username] = datetime.fromisoformat(body["expires_at"])
        return self.tokens[username]

    def user_id(self, username: str) -> int:
        self.token(username)
        return self.users[username]["id"]

    def roles(self, username: str) -> list[str]:
        self.token(username)
        return self.users[username]["roles"]

    def username_of(self, user_id: int | None) -> str | None:
        """The user with that id among those logged in, else among the demo users (logging them in)."""
        for username in [*self.users, *(u for u in DEMO_USERS if u not in self.users)]:
            if self.user_id(username) == user_id:
                return username
        return None

    def ok(self, method: str, username: str, path: str, status: int = 200, **kwargs) -> Any:
        r = self.call(method, username, path, **kwargs)
        assert r.status_code == status, (method, path, username, r.status_code, r.get_json())
        return r.get_json()


# --- form payloads (the engine tests' data, as the forms accept it) -------------------------------

def filing(approve: bool = True, filed_on: str = TODAY) -> dict:
    if approve:
        return {"filing_approval": "approve", "filed_on": filed_on, "case_cause": "拖欠农民工工资",
                "filing_opinion": "符合立案条件，同意立案"}
    return {"filing_approval": "reject", "filing_opinion": "不属于本部门管辖", "reject_reason": "已申请劳动仲裁"}


def inspectors(handler: str = "officer1", co_handler: str = "officer2", on: str = TODAY) -> dict:
    return {"handler": handler, "co_handler": co_handler, "assigned_on": on}


def record(next_step: str, on: str = TODAY, record_type: str = "inquiry_record") -> dict:
    return {"record_type": record_type, "record_date": on, "record_place": "横琴新家园三期项目部",
            "record_persons": "项目经理王某", "record_summary": "承认拖欠5名工人2026年9月至11月工资共计42300元",
            "next_step": next_step}


def proposal(decision_type: str, **fields: Any) -> dict:
    return {"decision_type": decision_type, "findings": "经查，该公司拖欠5名农民工工资共计42300元。",
            "legal_basis": "《保障农民工工资支付条例》第五十四条", "amount_owed": "42300.00", "worker_count": 5,
            **fields}


def review(approve: bool = True, on: str = TODAY) -> dict:
    return {"decision_review": "approve" if approve else "return", "reviewed_on": on,
            "review_opinion": "同意" if approve else "请补充调查"}


def rectification_order(rectify_by: str, on: str = TODAY, amount: str = "42300.00") -> dict:
    return {"order_no": "横琴人社监令〔2026〕3号", "issued_on": on, "rectify_by": rectify_by, "amount_owed": amount,
            "worker_count": 5}


def rectification_service(on: str = TODAY) -> dict:
    """限期改正指令书送达 (the step after the order)."""
    return {"order_served_on": on, "order_service_method": "direct", "order_recipient": "王某",
            "order_receipt_no": "SD-2026-0007"}


def handling_service(on: str = TODAY) -> dict:
    """行政处理决定书送达."""
    return {"handling_served_on": on, "handling_service_method": "mail", "handling_mail_tracking_no": "EMS0002",
            "handling_receipt_no": "SD-2026-0008"}


def decision_filing(on: str = TODAY) -> dict:
    """报上级备案 of a penalty or handling decision."""
    return {"filing_record_date": on, "filing_authority": "珠海市人力资源和社会保障局", "filing_method": "system",
            "filing_ref": "BA-2026-0012"}


def rectification_check(complied: bool, on: str, paid: str = "42300.00") -> dict:
    return {"rectification_result": "complied" if complied else "not_complied", "checked_on": on,
            "paid_amount": paid if complied else "0.00", "check_note": "已足额支付" if complied else "仍未支付"}


def compensation_order(*, transfer_police: bool = True, impose_penalty: bool = False) -> dict:
    """责令加付赔偿金: 80 % of the 42,300.00 unpaid, due a week after the check on 9 Dec."""
    return {"order_no": "横琴人社监赔〔2026〕1号", "base_amount": "42300.00", "compensation_percent": 80,
            "compensation_amount": "33840.00", "compensation_due": "2026-12-16", "impose_penalty": impose_penalty,
            "transfer_police": transfer_police}


def police_transfer_proposal() -> dict:
    """拟移送公安机关: 5 workers, 3 months, 42,300.00 (below the Zhuhai amounts, transferred on evasion)."""
    return {"suspect_name": "王某", "suspect_id_type": "resident_id", "suspect_id_no": "440402198001011231",
            "worker_count": 5, "months_owed": 3, "amount_owed": "42300.00", "transfer_reason": "逃避支付且经责令仍不支付"}


def police_transfer_approval(on: str) -> dict:
    return {"police_transfer_approval": "approve", "approved_on": on, "approval_opinion": "同意移送"}


def suspension_application(ground: str = "awaiting_other_decision", reason: str = "待仲裁委确认劳动关系",
                           on: str = TODAY) -> dict:
    return {"suspension_ground": ground, "suspension_reason": reason, "applied_on": on}


def suspension_approval(on: str = TODAY) -> dict:
    return {"suspension_approval": "approve", "suspension_approved_on": on, "approval_opinion": "同意中止"}


def closure(on: str, recovered: str = "42300.00", workers: int = 5) -> dict:
    return {"closure_summary": "案件已处理完毕", "amount_recovered": recovered, "workers_paid": workers,
            "migrant_workers_paid": workers, "migrant_amount_recovered": recovered, "closure_opinion": "同意结案",
            "closed_on": on}


def result_notice(on: str) -> dict:
    return {"notified_on": on, "notice_method": "phone", "notice_content": "已处理完毕"}


def archive(on: str, number: str = "2026-WS-007") -> dict:
    return {"archive_no": number, "volumes": 1, "archived_on": on, "retention": "long"}


# --- the penalty procedure (tests/engine/penalty_helpers.py, dated December 2026) -------------------

def penalty_proposal(fine: str, *, major_case: bool = False, severity: str = "general", on: str = TODAY) -> dict:
    return {"proposed_fine": fine, "project_stoppage": False, "severity": severity,
            "violation_facts": "该单位拖欠农民工工资，经责令限期支付逾期仍未支付。",
            "evidence_summary": "现场检查笔录、询问笔录、限期改正指令书及送达回证。",
            "violated_provision": "《保障农民工工资支付条例》第十五条",
            "penalty_provision": "《保障农民工工资支付条例》第五十七条",
            "discretion_reason": "逾期未改正，按一般情节裁量。", "first_violation": True,
            "repeat_within_year": False, "major_case": major_case, "proposed_on": on}


def prior_notice(on: str = TODAY) -> dict:
    return {"prior_notice_no": "横劳监告〔2026〕12号", "notice_issued_on": on, "rights_informed": True,
            "notice_service_date": on, "notice_service_method": "direct", "notice_recipient": "陈某（法定代表人）"}


def statement(raised: bool, on: str = TODAY) -> dict:
    if not raised:
        return {"statement_status": "waived", "statement_date": on}
    return {"statement_status": "raised", "statement_date": on, "statement_method": "written",
            "statement_summary": "已补发部分工资，请求从轻处罚。", "new_evidence": "工资发放银行流水"}


def statement_review(result: str = "rejected", on: str = TODAY) -> dict:
    return {"statement_review_result": result, "statement_review_opinion": "经复核，当事人理由不成立。",
            "statement_review_changes_amount": False, "statement_reviewed_on": on}


def hearing_request(on: str = TODAY) -> dict:
    return {"hearing_requested": True, "hearing_request_date": on, "hearing_request_method": "written"}


def hearing_notice(on: str = TODAY, at: str = HEARING_AT) -> dict:
    return {"hearing_notice_no": "横劳监听〔2026〕3号", "hearing_notice_date": on,
            "hearing_at": at, "hearing_place": "横琴劳动保障监察大队第一听证室",
            "hearing_chair": "reviewer", "hearing_clerk": "刘某", "hearing_public": "public",
            "hearing_notice_method": "direct"}


def hearing_held(at: str = HEARING_AT) -> dict:
    return {"hearing_outcome": "held", "hearing_held_at": at,
            "hearing_attendees": "当事人委托代理人张某；调查人员李明、王芳"}


def hearing_record() -> dict:
    return {"transcript_summary": "调查人员陈述违法事实和证据，当事人代理人质证并申辩，双方作最后陈述。",
            "party_signed": True, "chair_recommendation": "maintain",
            "hearing_report": "事实清楚，证据充分，建议维持拟处罚意见。"}


def legal_review(on: str = TODAY) -> dict:
    return {"facts_clear": True, "evidence_sufficient": True, "basis_correct": True, "procedure_lawful": True,
            "discretion_proper": True, "legal_review_result": "pass", "legal_review_opinion": "同意。",
            "legal_reviewer": "reviewer", "legal_reviewed_on": on}


def deliberation(on: str = TODAY) -> dict:
    return {"meeting_date": on, "meeting_host": "leader", "meeting_attendees": "刘强、张伟、赵静",
            "deliberation_conclusion": "impose", "deliberation_minutes": "与会人员一致同意按拟处罚意见作出处罚决定。"}


def leader_approval(fine: str, on: str = TODAY) -> dict:
    return {"leader_decision": "impose", "decided_fine": fine, "leader_opinion": "同意。", "leader_approved_on": on}


def penalty_decision(on: str = TODAY) -> dict:
    return {"penalty_decision_no": "横劳监罚〔2026〕8号", "penalty_decision_date": on,
            "party_name": "广东某建筑工程有限公司", "party_address": "珠海市横琴新区环岛东路1号",
            "facts_and_evidence": "拖欠农民工工资且经责令逾期未支付，有现场检查笔录等为证。",
            "penalty_content": "罚款，依据《保障农民工工资支付条例》第五十七条。", "payment_method": "bank",
            "payment_account": "中国银行珠海横琴分行 非税收入汇缴账户", "remedy_notice": True,
            "surcharge_notice": True, "sealed": True}


def decision_service(on: str = TODAY) -> dict:
    return {"decision_service_date": on, "decision_service_method": "mail",
            "decision_mail_tracking_no": "EMS1234567890", "decision_receipt_no": "SD-2026-0031"}


def payment(amount: str, on: str) -> dict:
    return {"fine_paid_on": on, "fine_paid_amount": amount, "fine_payment_channel": "bank",
            "fine_receipt_no": "JK-2026-00088"}


def surcharge(amount: str, days: int, overdue_from: str, on: str) -> dict:
    return {"overdue_from": overdue_from, "calculated_on": on, "overdue_days": days, "review_or_litigation": False,
            "surcharge_amount": amount, "surcharge_note": "罚款数额×3%×逾期天数"}


def demand(amount: str, on: str) -> dict:
    return {"demand_outcome": "served", "demand_no": "横劳监催〔2026〕2号", "demand_amount": amount,
            "demand_service_date": on, "demand_service_method": "left",
            "demand_left_record": "当事人拒收，已拍照、录像记录并留置于其经营场所。"}


def enforcement_approval(on: str) -> dict:
    return {"enforcement_decision": "apply", "enforcement_opinion": "同意。",
            "enforcement_approved_on": on}


def enforcement(amount: str, on: str) -> dict:
    return {"enforcement_court": "横琴粤澳深度合作区人民法院", "enforcement_filed_on": on,
            "enforcement_application_no": "横劳监执〔2026〕1号", "amount_applied": amount,
            "application_materials": "行政处罚决定书、催告书及送达回证、当事人意见"}


class CaseDriver:
    def __init__(self, api: Api, *, clock=None, env=None, session=None):
        self.api, self.clock, self.env, self.session = api, clock, env, session
        self.ticket: dict | None = None
        self.case_id: int | None = None
        self._lists: dict[tuple[str, str], list[dict]] = {}
        self._forms: dict[str, dict] = {}

    # --- intake ----------------------------------------------------------------------------------

    def register(self, **overrides: Any) -> dict:
        self.ticket = self.api.ok("POST", "clerk", "/api/v1/tickets", 201, json=registration_data(**overrides))
        return self.ticket

    def ticket_detail(self, as_: str = "leader") -> dict:
        return self.api.ok("GET", as_, f"/api/v1/tickets/{self.ticket['id']}")

    def _ticket_task(self, username: str, scope: str, title: str) -> dict:
        items = self.api.ok("GET", username, f"/api/v1/tasks?scope={scope}")["items"]
        (task,) = [t for t in items if t["business_type"] == "ticket" and t["business_id"] == self.ticket["id"]
                   and t["title"] == title]
        return task

    def assign_ticket(self, handler: str = "officer1") -> None:
        task = self._ticket_task("chief", "group", "指派办理人")
        self.api.ok("POST", "chief", f"/api/v1/tasks/{task['id']}/claim")
        self.api.ok("POST", "chief", f"/api/v1/tasks/{task['id']}/complete",
                    json={"handler": handler, "assigned_on": TODAY})

    def verify_ticket(self, handler: str = "officer1", conclusion: str = "accept") -> list[dict]:
        task = self._ticket_task(handler, "mine", "核查")
        body = {"verification_notes": "核实欠薪属实。", "conclusion": conclusion}
        if conclusion == "reject":
            body = {"verification_notes": "投诉人已就同一事项申请劳动仲裁。", "conclusion": "reject",
                    "reject_ground": "in_arbitration_or_litigation"}
        return self.api.ok("POST", handler, f"/api/v1/tasks/{task['id']}/complete", json=body)["items"]

    def cases_of_ticket(self, as_: str = "leader") -> list[dict]:
        items = self.api.ok("GET", as_, "/api/v1/cases")["items"]
        return [c for c in items if c["ticket_id"] == self.ticket["id"]]

    def find_case(self) -> dict:
        (case,) = self.cases_of_ticket()
        self.case_id = case["id"]
        return self.case()

    def accepted_case(self, **overrides: Any) -> dict:
        """A ticket registered, assigned to officer1 and accepted: the case awaiting 立案审批."""
        self.register(**overrides)
        self.assign_ticket()
        assert self.verify_ticket() == []
        return self.find_case()

    def filed_case(self, *, checked: bool = True, **overrides: Any) -> dict:
        """… then 立案审批 approved and officer1/officer2 assigned: the case in 调查取证.
        `checked=False` skips the per-step checks (the paths check this stretch; the bug tests only need it done)."""
        self.accepted_case(**overrides)
        if not checked:
            self.complete("chief", "立案审批", filing())
            self.complete("chief", "指派承办执法人员", inspectors())
            return self.case()
        self.step("chief", "立案审批", filing(), stage="立案审批", then=[("指派承办执法人员", "chief")])
        return self.step("chief", "指派承办执法人员", inspectors(), stage="调查取证",
                         then=[("调查取证记录", "officer1")])

    # --- the case -----------------------------------------------------------------------------------

    def case(self, as_: str = "leader") -> dict:
        return self.api.ok("GET", as_, f"/api/v1/cases/{self.case_id}")

    def clock_of(self, rule: str = "decision", case: dict | None = None) -> dict:
        case = case or self.case()
        (clock,) = [c for c in case["clocks"] if c["rule"] == rule]
        return clock

    def task_list(self, username: str, scope: str) -> list[dict]:
        """GET /tasks?scope=… as `username`; remembered until the driver changes something (the lists
        `expect` reads are the ones the next step finds its task in)."""
        key = (username, scope)
        if key not in self._lists:
            self._lists[key] = self.api.ok("GET", username, f"/api/v1/tasks?scope={scope}")["items"]
        return self._lists[key]

    def find_task(self, username: str, title: str) -> tuple[dict, str]:
        """The open case task `title` in the user's own lists: (task, scope)."""
        scopes = ("mine", "group") if "officer" in self.api.roles(username) else ("group", "mine")
        for scope in scopes:
            found = [t for t in self.task_list(username, scope)
                     if t["business_type"] == "case" and t["business_id"] == self.case_id and t["title"] == title]
            if found:
                (task,) = found
                return task, scope
        raise AssertionError(f"{username} has no open task {title!r}; the case has "
                             f"{[(t['title'], t['role_code'], t['assignee_id']) for t in self.case()['open_tasks']]}")

    def form(self, username: str, task: dict) -> dict:
        """The task's form (JSON Schema) as its user reads it; once per form."""
        if task["form_key"] not in self._forms:
            detail = self.api.ok("GET", username, f"/api/v1/tasks/{task['id']}")
            assert (detail["id"], detail["form"]["type"]) == (task["id"], "object"), detail
            self._forms[task["form_key"]] = detail["form"]
        return self._forms[task["form_key"]]

    def complete(self, username: str, title: str, data: dict, *, claim: bool = True) -> list[dict]:
        task, scope = self.find_task(username, title)
        properties = self.form(username, task)["properties"]
        assert set(data) <= set(properties), f"not in the form of {title}: {set(data) - set(properties)}"
        self._lists.clear()
        if scope == "group" and claim:
            claimed = self.api.ok("POST", username, f"/api/v1/tasks/{task['id']}/claim")
            assert claimed["assignee_id"] == self.api.user_id(username)
        return self.api.ok("POST", username, f"/api/v1/tasks/{task['id']}/complete", json=data)["items"]

    def step(self, username: str, title: str, data: dict, *, stage: str, status: str = "open",
             then: list[tuple[str, str]] = (), claim: bool = True) -> dict:
        """Complete `title` as `username`, then check the case's stage, status and next open tasks."""
        self.complete(username, title, data, claim=claim)
        return self.expect(stage=stage, status=status, then=then)

    def expect(self, *, stage: str, status: str = "open", then: list[tuple[str, str]] = ()) -> dict:
        """The case shows `stage` and `status`, and exactly the open tasks `then` as (title, who)."""
        self._lists.clear()
        case = self.case()
        actual = sorted((t["title"], self.who(t)) for t in case["open_tasks"])
        assert (case["stage"], case["status"], actual) == (stage, status, sorted(then)), (
            case["stage"], case["status"], actual)
        for task in case["open_tasks"]:
            self._check_routing(task, case)
        return case

    def who(self, task: dict) -> str:
        """The designated user of an assigned task, else the role its lane offers it to."""
        if task["assignee_id"] is None:
            return task["role_code"]
        return self.api.username_of(task["assignee_id"]) or f"user#{task['assignee_id']}"

    def _check_routing(self, task: dict, case: dict) -> None:
        assert task["role_code"] in ROLES and task["lane"] == LANES[task["role_code"]], task
        if task["assignee_id"] is not None:  # designated: the case's handler, in the handler's own list
            assert task["role_code"] == "officer", task
            username = self.api.username_of(task["assignee_id"])
            assert username is not None and task["assignee_id"] == case["handler_id"], task
            scope = "mine"
        else:  # a group task: offered to the lane's role
            assert task["role_code"] != "officer", f"officer task without a designated handler: {task}"
            username, scope = ROLE_USER[task["role_code"]], "group"
        assert task["id"] in [t["id"] for t in self.task_list(username, scope)], (username, scope, task)

    def signal(self, username: str, name: str, reason: str, status: int = 200) -> dict:
        self._lists.clear()
        return self.api.ok("POST", username, f"/api/v1/cases/{self.case_id}/signals/{name}", status,
                           json={"reason": reason})

    # --- time ------------------------------------------------------------------------------------------

    def today(self) -> str:
        """The date in Hengqin, as the forms write it."""
        return self.clock.now().astimezone(self.env.tz).date().isoformat()

    def advance_to(self, when: datetime) -> int:
        """Move the clock and let the due BPMN timers fire, as the scheduler's sweep does."""
        from app.workflow.timers import wake_due_instances

        assert when >= self.clock.now()
        self._lists.clear()
        self.clock.set(when)
        return wake_due_instances(self.session, env=self.env, now=self.clock.now())
