from flask import Blueprint, jsonify, render_template, request
from flask_login import current_user
from marshmallow import Schema, fields

from app.api.auth import api_user
from app.api.blueprint import api
from app.api.docs import documented
from app.auth.permissions import has_permission, requires
from app.extensions import db
from app.search import service

bp = Blueprint("search", __name__)

_MASKED = "（无权查看者得到脱敏号码）"


class SearchHitSchema(Schema):
    kind = fields.String(required=True, metadata={"enum": ["case", "ticket"], "description": "案件 / 工单"})
    id = fields.Integer(required=True)
    number = fields.String(required=True, metadata={"description": "案件编号 / 工单编号"})
    project_name = fields.String(required=True)
    respondent_name = fields.String(required=True, metadata={"description": "欠薪单位（摘要）"})
    complainant_name = fields.String(required=True, metadata={"description": "第一投诉人"})
    complainant_phone = fields.String(required=True, metadata={"description": "第一投诉人联系电话" + _MASKED})
    status = fields.String(required=True, metadata={"description": "状态（中文）"})
    matched = fields.List(fields.String(), required=True, metadata={
        "description": "命中的当事人、投诉人或班组长，如“分包单位 某公司（统一社会信用代码 …）”" + _MASKED})


class SearchResultSchema(Schema):
    items = fields.List(fields.Nested(SearchHitSchema), required=True)


@bp.get("/search")
@requires(has_permission("ticket.view"))
def page():
    query = request.args.get("q", "")
    hits = service.search(db.session, user=current_user, query=query)
    return render_template("search/results.html", hits=hits, query=query)


@api.get("/search")
@documented(summary="综合查询：编号、项目、任一当事人名称或统一社会信用代码、任一投诉人姓名、电话或证件号码、"
                    "班组长（去重；电话与证件号码按角色脱敏）", tag="查询",
            response=SearchResultSchema, query={"q": {"type": "string", "minLength": 2}})
@requires(has_permission("ticket.view"))
def search_api():
    hits = service.search(db.session, user=api_user(), query=request.args.get("q", ""))
    return jsonify(SearchResultSchema().dump({"items": hits}))
