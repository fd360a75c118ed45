"""Pages: the inbox (站内消息) and the chief's deadline overview (期限总览)."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user

from app.auth.permissions import has_permission, requires
from app.context import clock, workflow_env
from app.deadlines import inbox, overview
from app.extensions import db

bp = Blueprint("deadlines", __name__)


@bp.get("/inbox")
def inbox_page():
    messages = inbox.messages(db.session, user_id=current_user.id)
    return render_template("deadlines/inbox.html", messages=messages)


@bp.post("/inbox/read")
def mark_read():
    message_id = request.form.get("message_id", type=int)
    inbox.mark_read(db.session, user_id=current_user.id, now=clock().now(), message_id=message_id)
    db.session.commit()
    return redirect(url_for("deadlines.inbox_page"))


@bp.get("/deadlines")
@requires(has_permission("task.reassign"))
def overview_page():
    env = workflow_env()
    today = clock().now().astimezone(env.tz).date()
    board = overview.board(db.session, calendar=env.calendar(), today=today)
    return render_template("deadlines/overview.html", board=board, today=today)
