"""POST/DELETE /api/v1/auth/token: issue and revoke bearer tokens."""
from __future__ import annotations

from flask import current_app, jsonify, request
from marshmallow import Schema, fields, validate

from app.api.blueprint import api
from app.api.docs import documented
from app.api.request import load_json
from app.auth import service
from app.context import clock
from app.errors import NotAuthenticated
from app.extensions import db


class TokenRequestSchema(Schema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=64),
                             error_messages={"required": "请输入用户名"})
    password = fields.String(required=True, validate=validate.Length(min=1, max=128),
                             error_messages={"required": "请输入密码"})


class TokenSchema(Schema):
    token = fields.String(required=True)
    token_type = fields.String(required=True, metadata={"example": "Bearer"})
    expires_at = fields.AwareDateTime(required=True)
    user = fields.Dict(required=True)


@api.post("/auth/token")
@documented(summary="用户名密码换取访问令牌", tag="认证", body=TokenRequestSchema, response=TokenSchema,
            status=201, public=True)
def issue_token():
    data = load_json(TokenRequestSchema())
    now = clock().now()
    try:
        user = service.authenticate(
            db.session, username=data["username"], password=data["password"], now=now,
            channel="api", remote_addr=request.remote_addr,
        )
    except NotAuthenticated:
        db.session.commit()
        raise
    issued = service.issue_token(db.session, user=user, now=now, hours=current_app.config["API_TOKEN_HOURS"])
    db.session.commit()
    body = {
        "token": issued.token, "token_type": "Bearer", "expires_at": issued.expires_at,
        "user": {"id": user.id, "username": user.username, "display_name": user.display_name,
                 "roles": sorted(user.role_codes)},
    }
    return jsonify(TokenSchema().dump(body)), 201


@api.delete("/auth/token")
@documented(summary="撤销当前访问令牌", tag="认证", status=204)
def revoke_token():
    token = request.headers["Authorization"].partition(" ")[2].strip()
    service.revoke_token(db.session, token=token, now=clock().now())
    db.session.commit()
    return "", 204
