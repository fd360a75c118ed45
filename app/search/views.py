from flask import Blueprint, jsonify, render_template, request
from flask_login import current_user

from app.api.auth import api_user
from app.api.blueprint import api
from app.api.docs import documented
from app.auth.permissions import has_permission, requires
from app.extensions import db
from app.search import service

bp = Blueprint("search", __name__)


@bp.get("/search")
@requires(has_permission("ticket.view"))
def page():
    query = request.args.get("q", "")
    hits = service.search(db.session, user=current_user, query=query)
    return render_template("search/results.html", hits=hits, query=query)


@api.get("/search")
@documented(summary="综合查询：编号、项目、当事人、投诉人姓名或电话（按角色脱敏）", tag="查询",
            response={"type": "object"}, query={"q": {"type": "string", "minLength": 2}})
@requires(has_permission("ticket.view"))
def search_api():
    hits = service.search(db.session, user=api_user(), query=request.args.get("q", ""))
    return jsonify({"items": [hit.__dict__ for hit in hits]})
