"""Login and logout pages (登录 / 退出)."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import login_user, logout_user

from app.auth import service
from app.auth.forms import LoginForm
from app.context import clock
from app.errors import NotAuthenticated
from app.extensions import db

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("tasks.mine")


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        try:
            user = service.authenticate(
                db.session, username=form.username.data.strip(), password=form.password.data,
                now=clock().now(), channel="web", remote_addr=request.remote_addr,
            )
        except NotAuthenticated as exc:
            db.session.commit()  # keep the failure record and the lock
            error = exc.message
        else:
            db.session.commit()
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
    status = 401 if error else 200
    return render_template("auth/login.html", form=form, error=error), status


@bp.route("/logout", methods=["POST"])
def logout():
    logout_user()
    flash("您已安全退出", "info")
    return redirect(url_for("auth.login"))
