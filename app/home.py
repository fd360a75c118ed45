from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    if current_user.has_permission("task.work"):
        return redirect(url_for("tasks.mine"))
    return render_template("home.html")
