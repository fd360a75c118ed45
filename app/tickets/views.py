"""Pages: register a ticket (登记工单), the ticket page, the list."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.auth.permissions import has_permission, requires
from app.context import forms, workflow_env
from app.errors import ValidationFailed
from app.extensions import db
from app.forms import service as forms_service
from app.forms.html import posted_values
from app.parties import duplicates
from app.search.service import may_see_phone
from app.tickets import flows, service
from app.workflow import diagram

bp = Blueprint("tickets", __name__, url_prefix="/tickets")
REGISTRATION_FORM = "ticket_registration"


@bp.get("/")
@requires(has_permission("ticket.view"))
def index():
    return render_template("tickets/list.html", tickets=service.recent(db.session))


@bp.route("/new", methods=["GET", "POST"])
@requires(has_permission("ticket.register"))
def register():
    """登记工单. Before saving, the duplicate check: matching open tickets/cases are shown and the
    clerk either goes to one of them or confirms 仍然登记 (the matches are kept as links)."""
    form = forms_service.form_for(db.session, registry=forms(), form_key=REGISTRATION_FORM)
    values, errors, status, matches = {}, {}, 200, []
    if request.method == "POST":
        values = posted_values(form, request.form)
        confirmed = request.form.get("confirm_duplicates") == "1"
        try:
            data = service.validated(db.session, registry=forms(), raw=values, env=workflow_env())
            matches = duplicates.find(db.session, duplicates.criteria_from_data(data),
                                      unmasked=may_see_phone(current_user))
            if matches and not confirmed:
                flash("发现疑似重复投诉，请核实后选择“仍然登记”或转到已有工单/案件", "info")
                return render_template("tickets/new.html", form=form, values=values, errors={},
                                       matches=matches), 200
            ticket = service.register(db.session, env=workflow_env(), data=data, user=current_user)
            duplicates.record_suspected(db.session, ticket=ticket, matches=matches, user=current_user,
                                        confirmed=confirmed)
            db.session.commit()
        except ValidationFailed as exc:
            db.session.rollback()
            errors, status = exc.fields, 400
            flash(exc.message, "error")
        else:
            flash(f"工单已登记：{ticket.number}", "success")
            return redirect(url_for("tickets.show", ticket_id=ticket.id))
    return render_template("tickets/new.html", form=form, values=values, errors=errors, matches=matches), status


@bp.get("/<int:ticket_id>")
@requires(has_permission("ticket.view"))
def show(ticket_id: int):
    env = workflow_env()
    view = flows.ticket_view(db.session, ticket_id=ticket_id, calendar=env.calendar(),
                             today=env.clock.now().astimezone(env.tz).date())
    diagrams = diagram.instance_diagram(db.session, env=env, business_type="ticket", business_id=view.ticket.id)
    return render_template("tickets/show.html", view=view, ticket=view.ticket, diagrams=diagrams)
