"""Bearer-token authentication for every API call but the token endpoint and the spec."""
from __future__ import annotations

from flask import g, request

from app.auth import service as auth_service
from app.auth.models import User
from app.context import clock
from app.errors import NotAuthenticated
from app.extensions import db

PUBLIC_ENDPOINTS = {"api.issue_token", "api.openapi"}


def authenticate_request() -> None:
    if request.endpoint in PUBLIC_ENDPOINTS:
        return
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticated("缺少访问令牌（Authorization: Bearer …）")
    user = auth_service.user_for_token(db.session, token=token.strip(), now=clock().now())
    if user is None:
        raise NotAuthenticated("访问令牌无效、已过期或已撤销")
    g.api_user = user


def api_user() -> User:
    return g.api_user
