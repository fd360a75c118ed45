"""Factories and clients for tests: `make_ticket(session, env, **overrides)` and friends."""
from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask
from sqlalchemy import select

from app.auth.models import User
from app.auth.passwords import hash_password

PASSWORD = "demo-pass-2026"
CHINA = ZoneInfo("Asia/Shanghai")
USERS = {
    "clerk": ("受理员 陈晓", ["clerk"]),
    "officer1": ("执法人员 李明", ["officer"]),
    "officer2": ("执法人员 王芳", ["officer"]),
    "reviewer": ("法制审核员 赵静", ["reviewer"]),
    "chief": ("科长 张伟", ["chief"]),
    "leader": ("局领导 刘强", ["leader"]),
    "admin": ("系统管理员 周敏", ["admin"]),
    "ops": ("运维人员 吴磊", ["ops"]),
}


def create_demo_users(session) -> None:
    from app.auth.models import Role

    roles = {r.code: r for r in session.scalars(select(Role))}
    hashed = hash_password(PASSWORD)
    for username, (name, codes) in USERS.items():
        session.add(User(username=username, display_name=name, password_hash=hashed,
                         team="劳动保障监察一科", roles=[roles[c] for c in codes]))


def user(session, username: str) -> User:
    return session.scalar(select(User).where(User.username == username))


def registration_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "channel": "hotline_12345",
        "received_at": "2026-12-03T09:00:00+08:00",
        "project_nature": "private",
        "project_name": "横琴新家园三期安置房项目",
        "respondent_name": "广东某建筑工程有限公司",
        "complainant_name": "林志华",
        "complainant_phone": "13900139002",
        "summary": "林志华等5名工人反映被拖欠2026年9月至11月工资。",
        "people_count": 5,
        "amount": "42300.00",
        "migrant_worker_count": 5,
    }
    data.update(overrides)
    return data


def make_ticket(session, env, *, by: str = "clerk", **overrides: Any):
    from flask import current_app

    from app.tickets import service

    data = service.validated(session, registry=current_app.extensions["forms"], raw=registration_data(**overrides))
    ticket = service.register(session, env=env, data=data, user=user(session, by))
    session.commit()
    return ticket


def open_task(session, ticket_id: int):
    from app.tasks import service

    tasks = service.open_tasks(session, business_type="ticket", business_id=ticket_id)
    assert len(tasks) == 1, tasks
    return tasks[0]


class ApiClient:
    def __init__(self, app: Flask):
        self.app = app
        self.client = app.test_client()
        self.tokens: dict[str, str] = {}

    def token(self, username: str) -> str:
        if username not in self.tokens:
            r = self.client.post("/api/v1/auth/token", json={"username": username, "password": PASSWORD})
            assert r.status_code == 201, r.json
            self.tokens[username] = r.json["token"]
        return self.tokens[username]

    def call(self, method: str, username: str, path: str, **kwargs):
        headers = {"Authorization": f"Bearer {self.token(username)}"}
        return self.client.open(path, method=method, headers=headers, **kwargs)

    def get(self, username: str, path: str, **kwargs):
        return self.call("GET", username, path, **kwargs)

    def post(self, username: str, path: str, **kwargs):
        return self.call("POST", username, path, **kwargs)

    def put(self, username: str, path: str, **kwargs):
        return self.call("PUT", username, path, **kwargs)
