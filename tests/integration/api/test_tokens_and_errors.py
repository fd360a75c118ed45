"""Bearer tokens and the API's error contract: JSON errors with the right status, never HTML."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.auth.models import ApiToken
from tests.factories import PASSWORD


def test_token_is_issued_and_stored_hashed(client, db_session):
    r = client.post("/api/v1/auth/token", json={"username": "chief", "password": PASSWORD})
    assert r.status_code == 201
    body = r.get_json()
    assert body["token_type"] == "Bearer" and body["user"]["roles"] == ["chief"]
    stored = db_session.scalars(select(ApiToken.token_hash)).all()
    assert body["token"] not in stored and len(stored[0]) == 64


def test_wrong_password_is_401_json(client):
    r = client.post("/api/v1/auth/token", json={"username": "chief", "password": "nope"})
    assert r.status_code == 401
    assert r.get_json()["error"]["code"] == "not_authenticated"


def test_missing_fields_are_400_with_field_errors(client):
    r = client.post("/api/v1/auth/token", json={"username": "chief"})
    assert r.status_code == 400
    error = r.get_json()["error"]
    assert error["code"] == "validation_failed" and "password" in error["fields"]
    r = client.post("/api/v1/auth/token", data="not json", content_type="text/plain")
    assert r.status_code == 400 and r.is_json


def test_calls_without_or_with_bad_token_are_401(client):
    r = client.get("/api/v1/tasks")
    assert r.status_code == 401 and r.get_json()["error"]["message"].startswith("缺少访问令牌")
    r = client.get("/api/v1/tasks", headers={"Authorization": "Bearer forged"})
    assert r.status_code == 401


def test_token_expires_and_can_be_revoked(api, clock):
    assert api.get("officer1", "/api/v1/tasks").status_code == 200
    r = api.call("DELETE", "officer1", "/api/v1/auth/token")
    assert r.status_code == 204
    assert api.get("officer1", "/api/v1/tasks").status_code == 401
    api.tokens.clear()
    assert api.get("officer1", "/api/v1/tasks").status_code == 200
    clock.advance(timedelta(hours=12, seconds=1))
    assert api.get("officer1", "/api/v1/tasks").status_code == 401


def test_forbidden_is_403_json(api):
    r = api.get("ops", "/api/v1/tasks")
    assert r.status_code == 403 and r.get_json()["error"]["code"] == "forbidden"


def test_unknown_things_are_404_json(api):
    assert api.get("chief", "/api/v1/tasks/999999").status_code == 404
    r = api.get("chief", "/api/v1/no-such-endpoint")
    assert r.status_code == 404 and r.get_json()["error"]["message"] == "找不到请求的资源"
    r = api.call("PUT", "chief", "/api/v1/tasks")
    assert r.status_code == 405 and r.is_json


def test_bad_scope_is_400(api):
    r = api.get("chief", "/api/v1/tasks?scope=everything")
    assert r.status_code == 400 and "scope" in r.get_json()["error"]["fields"]


def test_unexpected_errors_are_500_json_not_html(app, api, monkeypatch):
    from app.tasks import service

    def boom(*args, **kwargs):
        raise RuntimeError("simulated")

    monkeypatch.setattr(service, "task_list", boom)
    r = api.get("chief", "/api/v1/tasks")
    assert r.status_code == 500 and r.get_json()["error"]["code"] == "internal_error"
