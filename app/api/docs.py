"""`@documented` attaches OpenAPI metadata to an API view; `build_spec` turns the
registered routes and their marshmallow schemas into the OpenAPI document."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask
from marshmallow import Schema

from app.api.schemas import ErrorSchema

_ERROR_RESPONSES = {
    "400": "输入有误", "401": "未认证", "403": "无权限", "404": "不存在", "409": "冲突，请刷新后重试",
}


def documented(
    *,
    summary: str,
    tag: str,
    body: type[Schema] | dict | None = None,
    response: type[Schema] | dict | None = None,
    status: int = 200,
    query: dict[str, dict[str, Any]] | None = None,
    public: bool = False,
) -> Callable:
    def decorate(view: Callable) -> Callable:
        view.__openapi__ = {
            "summary": summary, "tag": tag, "body": body, "response": response,
            "status": status, "query": query or {}, "public": public,
        }
        return view

    return decorate


def _content(schema: type[Schema] | dict) -> dict:
    return {"application/json": {"schema": schema}}


def _operation(meta: dict, path_params: list[str]) -> dict:
    op: dict[str, Any] = {"summary": meta["summary"], "tags": [meta["tag"]], "responses": {}}
    params = [{"in": "path", "name": p, "required": True, "schema": {"type": "integer"}} for p in path_params]
    params += [{"in": "query", "name": n, "schema": s} for n, s in meta["query"].items()]
    if params:
        op["parameters"] = params
    if meta["body"] is not None:
        op["requestBody"] = {"required": True, "content": _content(meta["body"])}
    ok: dict[str, Any] = {"description": "成功"}
    if meta["response"] is not None:
        ok["content"] = _content(meta["response"])
    op["responses"][str(meta["status"])] = ok
    for code, text in _ERROR_RESPONSES.items():
        op["responses"][code] = {"description": text, "content": _content(ErrorSchema)}
    if not meta["public"]:
        op["security"] = [{"bearer": []}]
    return op


def build_spec(app: Flask) -> dict:
    spec = APISpec(
        title="劳动保障智慧+系统 API", version="1", openapi_version="3.0.3", plugins=[MarshmallowPlugin()],
        info={"description": "横琴劳动保障监察案件办理系统的 JSON 接口。除获取令牌外，均需 Authorization: Bearer <token>。"},
    )
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    paths: dict[str, dict[str, dict]] = {}
    for rule in app.url_map.iter_rules():
        view = app.view_functions.get(rule.endpoint)
        meta = getattr(view, "__openapi__", None)
        if meta is None:
            continue
        path = rule.rule
        for arg in rule.arguments:
            path = path.replace(f"<int:{arg}>", f"{{{arg}}}").replace(f"<{arg}>", f"{{{arg}}}")
        methods = sorted(m.lower() for m in rule.methods - {"HEAD", "OPTIONS"})
        for method in methods:
            paths.setdefault(path, {})[method] = _operation(meta, sorted(rule.arguments))
    for path in sorted(paths):
        spec.path(path=path, operations=paths[path])
    return spec.to_dict()
