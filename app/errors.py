"""Errors every layer may raise, and how they reach the user.

Services raise `DomainError` subclasses; the API answers them as
`{"error": {"code", "message", "fields"}}` with the matching status, pages
flash the Chinese message. No request ends in an HTML 500 on the API.
"""
from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)


class DomainError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, fields: dict[str, list[str]] | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}
        if code:
            self.code = code


class ValidationFailed(DomainError):
    status, code = 400, "validation_failed"


class NotAuthenticated(DomainError):
    status, code = 401, "not_authenticated"


class Forbidden(DomainError):
    status, code = 403, "forbidden"


class NotFound(DomainError):
    status, code = 404, "not_found"


class Conflict(DomainError):
    status, code = 409, "conflict"


_HTTP_MESSAGES = {
    400: "请求格式有误",
    401: "请先登录",
    403: "没有权限执行此操作",
    404: "找不到请求的资源",
    405: "不支持该请求方法",
    409: "数据已被他人修改，请刷新后重试",
    413: "上传的文件过大",
    415: "请求内容类型不受支持",
    429: "请求过于频繁",
    500: "服务器内部错误，请稍后重试",
}


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def domain_error(err: DomainError):
        if _wants_json():
            return jsonify(error_body(err.code, err.message, err.fields)), err.status
        return render_template("error.html", status=err.status, message=err.message), err.status

    @app.errorhandler(HTTPException)
    def http_error(err: HTTPException):
        status = err.code or 500
        message = _HTTP_MESSAGES.get(status, err.description or "请求失败")
        if status == 400 and getattr(err, "description", "").startswith("The CSRF"):
            message = "页面已过期，请刷新后重新提交"
        if _wants_json():
            code = (err.name or "error").lower().replace(" ", "_")
            return jsonify(error_body(code, message)), status
        return render_template("error.html", status=status, message=message), status

    @app.errorhandler(Exception)
    def unexpected(err: Exception):
        log.exception("unhandled error on %s %s", request.method, request.path)
        from app.extensions import db

        db.session.rollback()
        if _wants_json():
            return jsonify(error_body("internal_error", _HTTP_MESSAGES[500])), 500
        return render_template("error.html", status=500, message=_HTTP_MESSAGES[500]), 500
