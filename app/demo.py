"""The demo data set: one account per role and a few tickets at different stages."""
from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth import service as auth_service
from app.auth.models import User
from app.cases import service as case_service
from app.forms.registry import FormRegistry
from app.tasks import flows as task_flows
from app.tasks import service as task_service
from app.tickets import service as ticket_service
from app.workflow.environment import WorkflowEnvironment

DEMO_PASSWORD = "demo-pass-2026"
TEAM = "劳动保障监察一科"
# user name, display name, roles, team
DEMO_USERS = [
    ("clerk", "受理员 陈晓", ["clerk"], TEAM),
    ("officer1", "执法人员 李明", ["officer"], TEAM),
    ("officer2", "执法人员 王芳", ["officer"], TEAM),
    ("reviewer", "法制审核员 赵静", ["reviewer"], None),
    ("chief", "科长 张伟", ["chief"], TEAM),
    ("leader", "局领导 刘强", ["leader"], None),
    ("admin", "系统管理员 周敏", ["admin"], None),
    ("ops", "运维人员 吴磊", ["ops"], None),
]
CERTIFICATES = {"officer1": "44040020260001", "officer2": "44040020260002"}

GENERAL_CONTRACTOR = {"name": "中建某局珠海建设有限公司", "credit_code": "91440400MA4W00001T", "nature": "国有企业",
                      "legal_representative": "邓国华", "manager_name": "钟伟明", "address": "珠海市横琴新区宝华路6号"}
# (days before today received, project, owner, general contractor, subcontractor (agent), responsible person,
#  complainants (name, gender, phone, ID number, migrant worker), people, amount, steps)
# The subcontractor owes the wages (欠薪直接责任单位); the sixth ticket shares the general contractor
# with the first, so its page shows a 疑似重复投诉 warning.
TICKETS = [
    (0, "横琴口岸综合交通枢纽配套工程",
     {"name": "珠海横琴某投资有限公司", "credit_code": "91440400MA4W000031", "nature": "国有企业",
      "legal_representative": "谭志远", "address": "珠海市横琴新区口岸路1号"},
     GENERAL_CONTRACTOR,
     {"name": "珠海某建设劳务有限公司", "credit_code": "91440400MA4W000044", "nature": "私营企业",
      "legal_representative": "何永康", "manager_name": "何永康", "address": "珠海市香洲区凤凰北路88号",
      "agent_name": "冯子健", "agent_phone": "13826000101"},
     ("何永康", "440402197902140060"),
     [("黄国强", "男", "13800138001", "440402198503120016", True), ("陈秀英", "女", "13800138011", None, True),
      ("吴家乐", "男", "+85362812345", None, False)], 12, "186500.00", []),
    (1, "横琴新家园三期安置房项目",
     {"name": "珠海大横琴某置业有限公司", "credit_code": "91440400MA4W000057", "nature": "国有企业",
      "legal_representative": "梁启明", "address": "珠海市横琴新区环岛北路2号"},
     {"name": "广东某建筑工程有限公司", "credit_code": "91440400MA4W00006A", "nature": "私营企业",
      "legal_representative": "苏建平", "manager_name": "袁海涛", "address": "广州市天河区体育西路100号"},
     {"name": "珠海某钢筋劳务分包有限公司", "credit_code": "91440400MA4W00007D", "nature": "私营企业",
      "legal_representative": "邱德胜", "address": "珠海市斗门区井岸镇新堂路5号", "agent_name": "邱小军",
      "agent_phone": "13922000202"},
     ("邱德胜", "440882198301010082"),
     [("林志华", "男", "13900139002", "440402199007210025", True), ("覃桂芳", "女", "13900139012",
                                                                      "450321198801050031", True)],
     5, "42300.00", ["assign"]),
    (2, "琴澳大道市政道路改造工程",
     {"name": "珠海市横琴某城市建设有限公司", "credit_code": "91440400MA4W00008G", "nature": "国有企业",
      "legal_representative": "卢振华", "address": "珠海市横琴新区琴政路8号"},
     {"name": "珠海某市政工程有限公司", "credit_code": "91440400MA4W00009K", "nature": "国有企业",
      "legal_representative": "严少波", "manager_name": "严少波", "address": "珠海市香洲区梅华西路3号"},
     {"name": "珠海某路桥劳务有限公司", "credit_code": "91440400MA4W0001AP", "nature": "私营企业",
      "legal_representative": "谢国栋", "address": "珠海市金湾区红旗镇藤山路9号", "agent_name": "谢文",
      "agent_phone": "13700137013"},
     ("谢国栋", "440404197508080090"),
     [("梁美玲", "女", "13700137003", "430524199209180049", True), ("刘建新", "男", "13700137023", None, True)],
     3, "18600.00", ["assign", "accept"]),
    (4, "横琴国际商务中心二期",
     {"name": "横琴某商务发展有限公司", "credit_code": "91440400MA4W0001BT", "nature": "港澳台投资企业",
      "legal_representative": "区嘉伦", "address": "珠海市横琴新区天羽道10号"},
     {"name": "珠海某建工集团有限公司", "credit_code": "91440400MA4W0001CX", "nature": "国有企业",
      "legal_representative": "孔令辉", "manager_name": "曾志勇", "address": "珠海市香洲区人民西路12号"},
     {"name": "珠海某劳务分包有限公司", "credit_code": "91440400MA4W00002X", "nature": "私营企业",
      "legal_representative": "罗永发", "address": "珠海市香洲区前山路7号", "agent_name": "罗嘉宝",
      "agent_phone": "13600136016"},
     ("罗永发", "440106198011110101"),
     [("罗志强", "男", "13600136006", "445224198704300058", True), ("田小芳", "女", "13600136026",
                                                                      "360721199506060071", True),
      ("麦家辉", "男", "13600136036", None, True)], 15, "328000.00",
     ["assign", "accept", "file", "inspectors", "documents"]),
    (3, "横琴科学城配套商业楼", None, None,
     {"name": "某装饰工程（珠海）有限公司", "nature": "外商投资企业", "legal_representative": "潘卓然",
      "address": "珠海市横琴新区港澳大道3号"},
     None, [("何建军", "男", "13600136004", None, True)], 1, "7800.00", ["assign", "reject"]),
    (12, "环岛东路综合管廊工程", None, GENERAL_CONTRACTOR,
     {"name": "珠海某管廊建设有限公司", "nature": "私营企业", "legal_representative": "郑伟雄",
      "address": "珠海市横琴新区环岛东路3018号"},
     None, [("郑小龙", "男", "13500135005", None, True), ("卢燕", "女", "13500135015", None, True)],
     8, "95000.00", []),
]


def _user(session: Session, username: str) -> User:
    return session.scalar(select(User).where(User.username == username))


def _complete(session: Session, env: WorkflowEnvironment, forms: FormRegistry, ticket_id: int,
              username: str, data: dict) -> None:
    task = task_service.open_tasks(session, business_type="ticket", business_id=ticket_id)[0]
    task_flows.complete(session, env=env, registry=forms, task_id=task.id, user=_user(session, username), data=data)


def _complete_case(session: Session, env: WorkflowEnvironment, forms: FormRegistry, ticket_id: int,
                   username: str, data: dict) -> None:
    case = case_service.for_ticket(session, ticket_id=ticket_id)
    task = task_service.open_tasks(session, business_type="case", business_id=case.id)[0]
    task_flows.complete(session, env=env, registry=forms, task_id=task.id, user=_user(session, username), data=data)


def _registration(received: str, row: tuple) -> dict:
    """The registration as the clerk fills in the form: every party group, 1–3 complainants."""
    _, project, owner, contractor, subcontractor, person, complainants, people, amount, _ = row
    data = {
        "channel": "hotline_12345", "received_at": received, "project_nature": "private",
        "project_name": project, "people_count": people, "amount": amount, "migrant_worker_count": people,
        "summary": f"{complainants[0][0]}等{people}名工人反映{subcontractor['name']}拖欠工资，经多次催讨未果。",
        "complainants": [{"name": n, "gender": g, "phone": p, "id_type": "resident_id" if i else None, "id_number": i,
                          "is_migrant_worker": m, "service_address": "珠海市横琴新区横琴镇新家园" if i else None}
                         for n, g, p, i, m in complainants],
        "responsible_units": [{k: v for k, v in subcontractor.items() if not k.startswith("agent_")}],
        "subcontractors": [subcontractor],
    }
    if owner:
        data["construction_units"] = [owner]
    if contractor:
        data["general_contractors"] = [contractor]
    if person:
        data["responsible_persons"] = [{"name": person[0], "id_type": "resident_id", "id_number": person[1]}]
    return data


def _documents(session: Session, documents, ticket_id: int, handler: str, today: str) -> None:
    """The filed case's first documents: 立案审批表, and an inquiry notice issued and served."""
    from datetime import date

    from app.documents import service as document_service
    from app.documents.service_records import record_service

    if documents is None:
        return
    denv, on = documents, date.fromisoformat(today)
    now = denv.workflow.clock.now()
    case = case_service.for_ticket(session, ticket_id=ticket_id)
    officer = _user(session, handler)
    subject = document_service.subject_for_edit(session, subject_type="case", subject_id=case.id, user=officer)
    for kind, inputs in (("filing_approval", {}),
                         ("inquiry_notice", {"inquiry_at": f"{today}T14:30", "inquiry_place": "横琴新区人社局三楼询问室",
                                             "materials": "营业执照副本、劳动合同、工资支付台账、考勤记录"})):
        draft = document_service.generate(session, denv, subject=subject, kind_code=kind, inputs=inputs, user=officer,
                                   today=on, now=now)
        issued = document_service.issue(session, denv, document_id=draft.document.id, user=officer, today=on, now=now)
    record_service(session, denv, document_id=issued.id, user=officer, today=on, now=now, payload={
        "method": "direct", "recipient": case.respondent_name, "signed_by": "项目负责人", "delivered_on": today})


def _ticket(session: Session, env: WorkflowEnvironment, forms: FormRegistry, tz: ZoneInfo, row: tuple,
            documents=None) -> None:
    days, steps = row[0], row[-1]
    received = (env.clock.now() - timedelta(days=days)).astimezone(tz).replace(microsecond=0)
    data = ticket_service.validated(session, registry=forms, raw=_registration(received.isoformat(), row))
    ticket = ticket_service.register(session, env=env, data=data, user=_user(session, "clerk"))
    today = env.clock.now().astimezone(tz).date().isoformat()
    handler = "officer2" if ticket.id % 2 else "officer1"
    for step in steps:
        if step == "assign":
            _complete(session, env, forms, ticket.id, "chief", {"handler": handler, "assigned_on": today})
        elif step == "accept":
            _complete(session, env, forms, ticket.id, handler,
                      {"verification_notes": "经电话核实，投诉人与被投诉单位存在劳动关系，欠薪属实。", "conclusion": "accept"})
        elif step == "file":
            _complete_case(session, env, forms, ticket.id, "chief",
                           {"filing_approval": "approve", "filed_on": today, "case_cause": "拖欠农民工工资",
                            "filing_opinion": "符合立案条件，同意立案。"})
        elif step == "inspectors":
            _complete_case(session, env, forms, ticket.id, "chief",
                           {"handler": handler, "co_handler": "officer2" if handler == "officer1" else "officer1",
                            "assigned_on": today})
        elif step == "documents":
            _documents(session, documents, ticket.id, handler, today)
        elif step == "reject":
            _complete(session, env, forms, ticket.id, handler,
                      {"verification_notes": "投诉人已就同一事项申请劳动仲裁，仲裁委已受理。", "conclusion": "reject",
                       "reject_ground": "in_arbitration_or_litigation"})


def seed(session: Session, *, env: WorkflowEnvironment, forms: FormRegistry, tz: ZoneInfo, documents=None) -> bool:
    """Create the demo set unless it exists; True if it was created now. `documents` (a
    DocumentEnvironment) lets the filed demo case carry its first issued documents."""
    if _user(session, "clerk") is not None:
        return False
    for username, name, roles, team in DEMO_USERS:
        auth_service.create_user(
            session, username=username, display_name=name, password=DEMO_PASSWORD, role_codes=roles,
            team=team, certificate_no=CERTIFICATES.get(username),
        )
    session.flush()
    for row in TICKETS:
        _ticket(session, env, forms, tz, row, documents)
    return True
