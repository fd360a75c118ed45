"""A full demo case for the template tests: every table a document reads, and process data as the
forms of every path record it (the names of forms/*.json), merged as the documents service merges
the latest data of a case's process instances."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

CHINA = ZoneInfo("Asia/Shanghai")
PARTY = "珠海市恒达建筑劳务有限公司"
PARTY_CREDIT_CODE = "91440400MA51XK2Q8T"
PARTY_ADDRESS = "珠海市横琴新区环岛东路3000号1801室"
LEGAL_REP = "陈大明"
CASE_NUMBER = "横琴劳监立〔2026〕第12号"
TICKET_NUMBER = "HQGD-2026-000031"
FILED_ON = date(2026, 11, 2)
ISSUED_ON = date(2026, 12, 3)


def _user(session, username: str, display_name: str, certificate_no: str | None):
    from app.auth.models import User

    found = session.scalar(select(User).where(User.username == username))
    if found:
        return found
    user = User(username=username, display_name=display_name, password_hash="!not-a-login",
                team="劳动保障监察一科", certificate_no=certificate_no)
    session.add(user)
    session.flush()
    return user


def build_case(session, *, calendar=None):
    """A ticket and the case it became, with four units, the person responsible, two complainants,
    two inspectors with certificate numbers and the case's 45(+30)-working-day decision clock."""
    from app.cases.models import Case
    from app.parties.models import Complainant, Party
    from app.tickets.models import Ticket

    clerk = _user(session, "tmp_clerk", "受理员 陈晓", None)
    handler = _user(session, "tmp_officer1", "执法人员 李明", "44000120190123")
    co_handler = _user(session, "tmp_officer2", "执法人员 王芳", "44000120200456")
    ticket = Ticket(
        number=TICKET_NUMBER, year=2026, sequence=31, channel="hotline_12345", project_nature="private",
        received_at=datetime(2026, 10, 28, 10, 30, tzinfo=CHINA), project_name="横琴新家园三期安置房项目",
        respondent_name=PARTY, complainant_name="林志华", complainant_phone="13900139002",
        summary="林志华等5名工人反映在横琴新家园三期安置房项目从事钢筋工作业，被拖欠2026年8月至10月工资共计42300元，"
                "请求责令支付。", people_count=5, amount=Decimal("42300.00"), migrant_worker_count=5, status="accepted",
        stage="", registered_by_id=clerk.id)
    session.add(ticket)
    session.flush()
    case = Case(
        number=CASE_NUMBER, year=2026, sequence=12, ticket_id=ticket.id, source="hotline_12345",
        project_name=ticket.project_name, respondent_name=PARTY, complainant_name="林志华",
        complainant_phone="13900139002", summary=ticket.summary, people_count=5, amount=Decimal("42300.00"),
        migrant_worker_count=5, team="劳动保障监察一科", status="open", stage="行政处罚", outcome="penalty",
        case_cause="拖欠农民工工资", filed_on=FILED_ON, decided_on=date(2026, 11, 20), handler_id=handler.id,
        co_handler_id=co_handler.id)
    session.add(case)
    session.flush()
    parties = [
        ("construction_unit", "珠海横琴新家园投资有限公司", "91440400MA4W8R7L3C", "周建国", "珠海市横琴新区宝华路6号"),
        ("general_contractor", "广东粤建工程集团有限公司", "91440000190321456K", "黄志强", "广州市天河区珠江新城华夏路8号"),
        ("responsible_unit", PARTY, PARTY_CREDIT_CODE, LEGAL_REP, PARTY_ADDRESS),
    ]
    for position, (role, name, code, rep, address) in enumerate(parties):
        for owner in ({"ticket_id": ticket.id}, {"case_id": case.id}):
            session.add(Party(role=role, name=name, credit_code=code, legal_representative=rep, address=address,
                              phone="0756-8868000", nature="有限责任公司", position=position, **owner))
    for owner in ({"ticket_id": ticket.id}, {"case_id": case.id}):
        session.add(Party(role="responsible_person", name=LEGAL_REP, id_type="resident_id",
                          id_number="440402198503151234", address="珠海市香洲区凤凰北路99号", position=9, **owner))
        session.add(Complainant(name="林志华", gender="男", phone="13900139002", id_type="resident_id",
                                id_number="452402199001011236", service_address="珠海市横琴新区石山村12号",
                                is_migrant_worker=True, position=0, **owner))
        session.add(Complainant(name="黄小芳", gender="女", phone="13800138005", id_type="resident_id",
                                id_number="452402199205052348", service_address="珠海市横琴新区石山村12号",
                                is_migrant_worker=True, position=1, **owner))
    session.flush()
    if calendar is not None:
        from app.deadlines import service as deadlines

        clock = deadlines.start(session, calendar=calendar, rule_code="decision", business_type="case",
                                business_id=case.id, business_number=case.number, start_on=FILED_ON, today=ISSUED_ON)
        deadlines.extend(session, calendar=calendar, clock_id=clock.id, approved_on=date(2026, 12, 1),
                         reason="案情复杂", user_id=None, today=ISSUED_ON)
    session.flush()
    return case, ticket


# The merged process data of a case that went through every path (values as the forms store them:
# amounts as strings with two decimals, dates ISO, date-times ISO with offset, user names for users)
CASE_DATA: dict[str, Any] = {
    "case_id": 0, "case_no": CASE_NUMBER, "complainant_name": "林志华", "respondent_name": PARTY,
    "stage": "处罚决定", "outcome": "penalty",
    # 立案 (case_filing_approval, case_assign)
    "filing_approval": "approve", "filed_on": "2026-11-02", "case_cause": "拖欠农民工工资",
    "filing_opinion": "符合立案条件，同意立案", "reject_reason": "投诉人已就同一事项申请劳动人事争议仲裁",
    "handler": "tmp_officer1", "co_handler": "tmp_officer2", "assigned_on": "2026-11-02",
    # 调查取证 (case_investigation_record, case_evidence_preservation)
    "record_type": "inquiry_record", "record_date": "2026-11-05", "record_place": "横琴新家园三期项目部会议室",
    "record_persons": "项目经理王建华", "record_summary": "承认拖欠5名工人2026年8月至10月工资共计42300元",
    "next_step": "conclude", "document_no": "横琴人社监保字〔2026〕第3号", "preserved_on": "2026-11-06",
    "approved_by": "刘强", "items": "1. 2026年8月至10月工资发放表3份\n2. 考勤记录表1册\n3. 劳务分包合同复印件1份",
    "keeper": "王芳", "place": "横琴劳动保障监察大队证物室",
    # 延期、中止 (case_extension_review, case_extension_approval, case_suspension_*)
    "extension_review": "approve", "extension_days": 30, "extension_reason": "涉及多个分包单位，需委托审计工资台账",
    "review_opinion": "同意延期", "extension_approval": "approve", "extension_approved_on": "2026-12-01",
    "approval_opinion": "同意", "suspension_ground": "awaiting_other_decision",
    "suspension_reason": "须以劳动人事争议仲裁委员会对劳动关系的裁决为依据", "applied_on": "2026-11-10",
    "suspension_approval": "approve", "suspension_approved_on": "2026-11-11", "resumed_on": "2026-11-18",
    "resume_reason": "劳动人事争议仲裁委员会已作出裁决",
    # 处理意见 (case_decision_proposal)
    "decision_type": "penalty", "findings": "该单位自2026年8月起拖欠林志华等5名农民工工资共计42300元，至今未支付。",
    "legal_basis": "《中华人民共和国劳动法》第五十条、《保障农民工工资支付条例》第十一条",
    "amount_owed": "42300.00", "worker_count": 5, "migrant_worker_count": 5, "party_kind": "organisation",
    "withdraw_ground": "corrected_no_penalty", "withdrawal_approval": "approve", "approved_on": "2026-11-25",
    # 责令改正 (case_rectification_order)
    "order_no": "横琴人社监令字〔2026〕第3号", "issued_on": "2026-11-12", "rectify_by": "2026-11-19",
    "service_method": "direct", "served_on": "2026-11-12",
    # 行政处理 (case_handling_notice, case_statement_defence)
    "notice_no": "横琴人社监理告字〔2026〕第2号", "facts": "该单位拖欠林志华等5名农民工2026年8月至10月工资共计42300元。",
    "proposed_amount": "42300.00", "notice_served_on": "2026-11-13", "statement_made": "yes",
    "statement_content": "已支付部分工资，请求给予宽限期。", "statement_adopted": "no",
    "review_note": "当事人未提交已支付工资的证据",
    # 行政处罚 (case_penalty_*)
    "proposed_fine": "50000.00", "project_stoppage": False, "severity": "general",
    "violation_facts": "该单位在横琴新家园三期安置房项目中拖欠林志华等5名农民工工资共计42300元，经本机关于2026年11月12日"
                       "责令限期支付，逾期仍未支付。",
    "evidence_summary": "现场检查笔录、询问笔录、工资发放表、劳动保障监察限期改正指令书及送达回证",
    "violated_provision": "《保障农民工工资支付条例》第十五条",
    "penalty_provision": "《保障农民工工资支付条例》第五十七条",
    "discretion_reason": "当事人系初次违法，按一般情节裁量。", "first_violation": True, "repeat_within_year": False,
    "major_case": True, "proposed_on": "2026-11-20", "hearing_threshold": 100000, "hearing_right": True,
    "prior_notice_no": "横琴人社监罚告字〔2026〕第5号", "notice_issued_on": "2026-11-20", "rights_informed": True,
    "notice_service_date": "2026-11-20", "notice_service_method": "direct", "notice_recipient": "陈大明（法定代表人）",
    "statement_status": "raised", "statement_date": "2026-11-23", "statement_method": "written",
    "statement_summary": "已补发部分工资，请求从轻处罚。", "new_evidence": "工资发放银行流水",
    "statement_review_result": "rejected", "statement_review_opinion": "当事人提交的银行流水不能证明已足额支付工资",
    "statement_review_changes_amount": False, "statement_reviewed_on": "2026-11-24",
    "hearing_requested": True, "hearing_request_date": "2026-11-24", "hearing_request_method": "written",
    "fine_amount": "50000.00", "hearing_notice_no": "横琴人社监听字〔2026〕第1号", "hearing_notice_date": "2026-11-24",
    "hearing_at": "2026-12-01T15:00:00+08:00", "hearing_place": "横琴劳动保障监察大队第一听证室",
    "hearing_chair": "reviewer", "hearing_clerk": "刘晓燕", "hearing_public": "public",
    "hearing_notice_method": "direct", "hearing_outcome": "held", "hearing_held_at": "2026-12-01T15:00:00+08:00",
    "hearing_attendees": "当事人委托代理人张律师；调查人员李明、王芳",
    "transcript_summary": "调查人员陈述违法事实和证据。\n当事人代理人质证并申辩。\n双方作最后陈述。",
    "party_signed": True, "chair_recommendation": "maintain", "hearing_report": "事实清楚，证据充分，建议维持。",
    "facts_clear": True, "evidence_sufficient": True, "basis_correct": True, "procedure_lawful": True,
    "discretion_proper": True, "legal_review_result": "pass", "legal_review_opinion": "事实清楚，证据确凿，程序合法，同意。",
    "legal_reviewer": "reviewer", "legal_reviewed_on": "2026-12-02", "meeting_date": "2026-12-02",
    "meeting_host": "leader", "meeting_attendees": "刘强、张伟、赵静", "deliberation_conclusion": "impose",
    "deliberation_minutes": "刘强：同意按拟处罚意见处罚。\n张伟：同意。\n赵静：同意。",
    "leader_decision": "impose", "decided_fine": "50000.00", "leader_opinion": "同意。", "leader_approved_on": "2026-12-02",
    "penalty_decision_no": "横琴人社监罚字〔2026〕第8号", "penalty_decision_date": "2026-12-03",
    "decision_service_date": "2026-12-03", "decision_service_method": "direct",
    "payment_account": "中国银行珠海横琴分行 非税收入汇缴账户 6216 6100 0000 1234",
    "overdue_from": "2026-12-19", "calculated_on": "2026-12-21", "overdue_days": 3, "surcharge_amount": "4500.00",
    "demand_no": "横琴人社监催字〔2026〕第2号", "demand_amount": "54500.00", "demand_service_date": "2026-12-21",
    # 不予处罚 (case_no_penalty)
    "no_penalty_basis": "minor_corrected",
    # 移送 (case_police_transfer, case_agency_transfer)
    "suspect_name": LEGAL_REP, "suspect_id_type": "resident_id", "suspect_id_no": "440402198503151234",
    "months_owed": 3, "transfer_reason": "该单位有能力支付而不支付劳动者劳动报酬，数额较大，经责令支付仍不支付。",
    "evidence_list": "1. 涉嫌犯罪案件移送审批表\n2. 限期改正指令书及送达回证\n3. 询问笔录、工资表等证据材料",
    "police_unit": "珠海市公安局横琴分局",
    # 结案、归档 (case_closure, case_archive)
    "closure_summary": "当事人已缴纳罚款，拖欠工资已全部支付。", "amount_recovered": "42300.00", "workers_paid": 5,
    "migrant_workers_paid": 5, "migrant_amount_recovered": "42300.00", "closed_on": "2026-12-28",
    "closure_opinion": "同意结案", "archive_no": "2026-WS-007", "volumes": 1, "archived_on": "2026-12-30",
    "retention": "long",
    "deadlines": {
        "statement_defence": "2026-11-25T23:59:59+08:00", "hearing_request": "2026-11-27T23:59:59+08:00",
        "evidence_preservation": "2026-11-17T23:59:59+08:00", "service": "2026-12-14T23:59:59+08:00",
        "fine_payment": "2026-12-18T23:59:59+08:00", "enforcement_demand": "2026-12-31T23:59:59+08:00",
    },
}

TICKET_DATA: dict[str, Any] = {
    "handler": "tmp_officer1", "assigned_on": "2026-10-28", "verification_notes": "核实欠薪属实。",
    "conclusion": "reject", "reject_ground": "in_arbitration_or_litigation",
    "supplement_items": "1. 投诉人身份证复印件\n2. 劳动关系证明（工卡、考勤记录或工资条）",
    "refer_to": "珠海市横琴新区住房和城乡建设局", "refer_type": "notify_complainant", "deadlines": {},
}

# The officer's inputs per document kind (the others need none)
INPUTS: dict[str, dict[str, Any]] = {
    "supplement_notice": {"supplement_by": "2026-12-10"},
    "inquiry_notice": {"inquiry_at": "2026-12-08T09:30:00+08:00", "inquiry_place": "横琴劳动保障监察大队三楼询问室",
                       "materials": "1. 营业执照副本复印件\n2. 2026年8月至10月工资发放表及考勤记录"},
    "inquiry_record": {"started_at": "2026-12-03T09:30:00+08:00", "ended_at": "2026-12-03T10:45:00+08:00",
                       "interviewee_gender": "男", "recorder": "王芳",
                       "content": "问：你单位是否拖欠工人工资？\n答：是，因为总包单位未按时拨付工程款。"},
    "site_inspection_record": {"started_at": "2026-12-03T14:00:00+08:00", "record_place": "横琴新家园三期安置房项目工地",
                               "content": "现场查见维权信息告示牌未设置，工资发放表未经工人签名。"},
    "evidence_preservation_notice": {},
    "evidence_preservation_list": {"list_remark": "原件"},
    "resumption_notice": {},
    "rectification_order": {"rectify_by": "2026-12-10"},
    "handling_decision": {"decided_amount": "42300.00", "pay_by": "2026-12-15",
                          "evidence": "询问笔录、工资发放表、考勤记录"},
    "arbitration_advice": {"reason": "双方对劳动关系存在争议，经全面调查事实仍无法查清。"},
    "agency_transfer_letter": {"agency": "珠海市横琴新区市场监督管理局", "reason": "当事人涉嫌无照经营。"},
    "police_transfer": {"copy_to": "横琴粤澳深度合作区人民检察院"},
    "collective_discussion": {"meeting_place": "局三楼会议室", "recorder": "刘晓燕"},
    "statement_record": {"started_at": "2026-11-23T10:00:00+08:00", "statement_place": "横琴劳动保障监察大队",
                         "speaker": LEGAL_REP},
    "hearing_notice": {},
    "penalty_decision": {},
    "no_penalty_decision": {},
    "service_receipt": {"document_name": "行政处罚决定书", "document_number": "横琴人社监罚字〔2026〕第8号",
                        "service_method": "直接送达"},
    "public_notice": {"document_name": "行政处罚决定书", "document_number": "横琴人社监罚字〔2026〕第8号",
                      "notice_reason": "当事人下落不明", "notice_days": 60},
    "enforcement_application": {"applicant_representative": "刘强"},
}

DOCUMENTS = [
    {"number": CASE_NUMBER, "name": "立案审批表", "issued_on": date(2026, 11, 2), "pages": 1},
    {"number": "横琴人社监令字〔2026〕第3号", "name": "劳动保障监察限期改正指令书", "issued_on": date(2026, 11, 12),
     "pages": 2},
    {"number": "横琴人社监罚字〔2026〕第8号", "name": "行政处罚决定书", "issued_on": date(2026, 12, 3), "pages": 3,
     "remark": "已送达"},
]


def merged_process_data(session, env, *, business_type: str, business_id: int) -> dict[str, Any]:
    """The latest data of every process instance of a ticket or case, merged (deadlines too), as the
    documents service passes it."""
    from app.workflow import service as workflow

    data: dict[str, Any] = {}
    deadlines: dict[str, Any] = {}
    for instance in workflow.instances_for(session, business_type=business_type, business_id=business_id):
        latest = env.runtime.latest_data(workflow.load(env, instance))
        deadlines.update(latest.get("deadlines") or {})
        data.update(latest)
    data["deadlines"] = deadlines
    return data
