"""Login page, lock-out after five failures, login records, logout, login required."""
from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from app.auth.models import LoginEvent
from tests.factories import PASSWORD, user


def _login(client, username, password):
    return client.post("/login", data={"username": username, "password": password})


def test_login_page_is_chinese_and_public(client):
    r = client.get("/login")
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    assert "登录" in page and 'lang="zh-CN"' in page


def test_pages_require_login(client):
    r = client.get("/tasks/")
    assert r.status_code == 302 and "/login" in r.headers["Location"]
    assert client.get("/tickets/1").status_code == 302


def test_login_then_logout(client):
    r = _login(client, "officer1", PASSWORD)
    assert r.status_code == 302 and r.headers["Location"].endswith("/tasks/")
    assert "我的待办" in client.get("/tasks/").get_data(as_text=True)
    client.post("/logout")
    assert client.get("/tasks/").status_code == 302


def test_session_cookie_is_httponly_and_samesite(client):
    r = _login(client, "officer1", PASSWORD)
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_open_redirect_is_refused(client):
    r = client.post("/login?next=//evil.example/x", data={"username": "officer1", "password": PASSWORD})
    assert r.headers["Location"].endswith("/tasks/")


def test_five_failures_lock_the_account_for_fifteen_minutes(client, db_session, clock):
    for _ in range(4):
        r = _login(client, "clerk", "wrong-password")
        assert r.status_code == 401
        assert "用户名或密码错误（连续5次错误将锁定账号15分钟）" in r.get_data(as_text=True)
    r = _login(client, "clerk", "wrong-password")
    assert "账号已锁定15分钟" in r.get_data(as_text=True)
    # even the right password is refused while locked
    r = _login(client, "clerk", PASSWORD)
    assert r.status_code == 401 and "账号已锁定" in r.get_data(as_text=True)
    clock.advance(timedelta(minutes=15, seconds=1))
    assert _login(client, "clerk", PASSWORD).status_code == 302
    outcomes = db_session.scalars(
        select(LoginEvent.outcome).where(LoginEvent.username == "clerk").order_by(LoginEvent.id)
    ).all()
    assert outcomes == ["failure"] * 5 + ["lock", "locked", "success"]
    assert user(db_session, "clerk").last_login_at == clock.now()


def test_unknown_user_gets_the_same_message(client):
    unknown = _login(client, "nobody", "whatever-password")
    known = _login(client, "officer2", "whatever-password")
    assert unknown.status_code == known.status_code == 401
    assert unknown.get_data(as_text=True) == known.get_data(as_text=True).replace(
        'value="officer2"', 'value="nobody"')


def test_csrf_is_enforced_on_forms(migrated, database_url, instance_path, clock):
    from app import create_app
    from tests.conftest import make_config

    app = create_app(make_config(database_url, instance_path, WTF_CSRF_ENABLED=True), clock=clock)
    with app.app_context():
        client = app.test_client()
        r = _login(client, "officer1", PASSWORD)
        assert r.status_code == 400 and "页面已过期" in r.get_data(as_text=True)
        assert client.get("/tasks/").status_code == 302
        page = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        r = client.post("/login", data={"username": "officer1", "password": PASSWORD, "csrf_token": token})
        assert r.status_code == 302
        r = client.post("/logout")  # no token
        assert r.status_code == 400 and "页面已过期" in r.get_data(as_text=True)
        from app.extensions import db

        db.session.remove()
