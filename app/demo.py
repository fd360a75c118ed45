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

TICKETS = [
    # (days before today received, project, respondent, complainant, phone, people, amount, steps)
    (0, "横琴口岸综合交通枢纽配套工程", "珠海某建设劳务有限公司", "黄国强", "13800138001", 12, "186500.00", []),
    (1, "横琴新家园三期安置房项目", "广东某建筑工程有限公司", "林志华", "13900139002", 5, "42300.00", ["assign"]),
    (2, "琴澳大道市政道路改造工程", "珠海某市政工程有限公司", "梁美玲", "13700137003", 3, "18600.00",
     ["assign", "accept"]),
    (4, "横琴国际商务中心二期", "珠海某劳务分包有限公司", "罗志强", "13600136006", 15, "328000.00",
     ["assign", "accept", "file", "inspectors"]),
    (3, "横琴科学城配套商业楼", "某装饰工程（珠海）有限公司", "何建军", "13600136004", 1, "7800.00",
     ["assign", "reject"]),
    (12, "环岛东路综合管廊工程", "珠海某管廊建设有限公司", "郑小龙", "13500135005", 8, "95000.00", []),
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


def _ticket(session: Session, env: WorkflowEnvironment, forms: FormRegistry, tz: ZoneInfo, row: tuple) -> None:
    days, project, respondent, complainant, phone, people, amount, steps = row
    received = (env.clock.now() - timedelta(days=days)).astimezone(tz).replace(microsecond=0)
    data = {
        "channel": "hotline_12345", "received_at": received.isoformat(), "project_nature": "private",
        "project_name": project, "respondent_name": respondent, "complainant_name": complainant,
        "complainant_phone": phone, "summary": f"{complainant}等{people}名工人反映{respondent}拖欠工资，经多次催讨未果。",
        "people_count": people, "amount": amount, "migrant_worker_count": people,
    }
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
        elif step == "reject":
            _complete(session, env, forms, ticket.id, handler,
                      {"verification_notes": "投诉人已就同一事项申请劳动仲裁，仲裁委已受理。", "conclusion": "reject",
                       "reject_ground": "in_arbitration_or_litigation"})


def seed(session: Session, *, env: WorkflowEnvironment, forms: FormRegistry, tz: ZoneInfo) -> bool:
    """Create the demo set unless it exists; True if it was created now."""
    if _user(session, "clerk") is not None:
        return False
    for username, name, roles, team in DEMO_USERS:
        auth_service.create_user(
            session, username=username, display_name=name, password=DEMO_PASSWORD, role_codes=roles,
            team=team, certificate_no=CERTIFICATES.get(username),
        )
    session.flush()
    for row in TICKETS:
        _ticket(session, env, forms, tz, row)
    return True
