"""劳动保障智慧+系统 — the Flask application factory."""
from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from flask import Flask, redirect, request, url_for
from flask_login import current_user

from app.config import load_config
from app.extensions import csrf, db, login_manager, migrate
from engine.clock import Clock, SystemClock


def _register_models() -> None:
    # every model module, so that Alembic and the ORM see the whole schema
    from app.attachments import models as _attachments  # noqa: F401
    from app.audit import models as _audit  # noqa: F401
    from app.auth import models as _auth  # noqa: F401
    from app.cases import models as _cases  # noqa: F401
    from app.deadlines import models as _deadlines  # noqa: F401
    from app.documents import models as _documents  # noqa: F401
    from app.numbering import models as _numbering  # noqa: F401
    from app.parties import models as _parties  # noqa: F401
    from app.roster import models as _roster  # noqa: F401
    from app.scheduling import models as _scheduling  # noqa: F401
    from app.tickets import models as _tickets  # noqa: F401
    from app.workdays import models as _workdays  # noqa: F401
    from app.workflow import models as _workflow  # noqa: F401


def _register_blueprints(app: Flask) -> None:
    from app.api import openapi as _openapi  # noqa: F401
    from app.api.blueprint import api
    from app.attachments import api as _attachments_api  # noqa: F401
    from app.attachments.views import bp as attachments_bp
    from app.auth import api as _auth_api  # noqa: F401  (routes on the api blueprint)
    from app.auth.views import bp as auth_bp
    from app.cases import api as _cases_api  # noqa: F401
    from app.cases import enforcement as _enforcement_checks  # noqa: F401  (registers the task-form checks)
    from app.cases import known_dates as _case_dates  # noqa: F401  (registers the case dates forms refer to)
    from app.cases import projector as _case_projector  # noqa: F401  (registers the case hooks)
    from app.cases import surcharge as _surcharge_checks  # noqa: F401  (task-form checks and pre-fills)
    from app.cases import task_notes as _case_task_notes  # noqa: F401  (registers the task-page notes)
    from app.cases.views import bp as cases_bp
    from app.deadlines.rule_views import bp as clock_rules_bp
    from app.deadlines.views import bp as deadlines_bp
    from app.documents import api as _documents_api  # noqa: F401
    from app.documents import checks as _document_checks  # noqa: F401  (registers the task-form hooks)
    from app.documents.views import bp as documents_bp
    from app.home import bp as home_bp
    from app.ops.views import bp as ops_bp
    from app.parties import api as _parties_api  # noqa: F401
    from app.parties import checks as _party_checks  # noqa: F401  (registers the task-form checks)
    from app.parties.views import bp as parties_bp
    from app.roster import api as _roster_api  # noqa: F401
    from app.roster.views import bp as roster_bp
    from app.search.views import bp as search_bp
    from app.tasks import api as _tasks_api  # noqa: F401
    from app.tasks.views import bp as tasks_bp
    from app.tickets import api as _tickets_api  # noqa: F401
    from app.tickets import checks as _ticket_checks  # noqa: F401  (registers the task-form checks)
    from app.tickets.views import bp as tickets_bp
    from app.workdays.views import bp as workdays_bp

    for bp in (auth_bp, cases_bp, clock_rules_bp, deadlines_bp, home_bp, ops_bp, tasks_bp, tickets_bp, search_bp, workdays_bp, api):
        app.register_blueprint(bp)
    for bp in (roster_bp, attachments_bp, parties_bp, documents_bp):  # the case page's tabs
        app.register_blueprint(bp)
    csrf.exempt(api)


def _require_login(app: Flask) -> None:
    from app.api.auth import authenticate_request
    from app.ops.views import PUBLIC_ENDPOINTS, observe, start_timer

    public = PUBLIC_ENDPOINTS | {"auth.login", "static"}

    @app.before_request
    def guard():
        start_timer()
        if request.path.startswith("/api/"):
            return authenticate_request()
        if request.endpoint in public or request.endpoint is None:
            return None
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        return None

    app.after_request(observe)


def _build_workflow(app: Flask, clock: Clock) -> None:
    from app.deadlines.rule_cache import RuleCache
    from app.forms.registry import FormRegistry
    from app.workdays.provider import CalendarProvider
    from app.workflow.environment import build_environment
    from app.workflow.script_helpers import make_helpers

    tz = ZoneInfo(app.config["TIME_ZONE"])
    with app.app_context():
        engine = db.engine
    # the working-day calendar from the database, re-read when another worker changes it
    provider = CalendarProvider(engine, check_seconds=app.config.get("CALENDAR_REFRESH_SECONDS", 30))
    app.extensions["calendar_provider"] = provider
    rules = RuleCache(engine, check_seconds=app.config.get("CALENDAR_REFRESH_SECONDS", 30))
    app.extensions["clock_rules"] = rules
    app.extensions["workflow"] = build_environment(
        bpmn_path=app.config["BPMN_PATH"], clock=clock, helpers=make_helpers(provider.calendar, tz, rules.rule), tz=tz,
        calendar=provider.calendar, hot_cache_size=app.config.get("WORKFLOW_CACHE_SIZE", 0),
    )
    app.extensions["forms"] = FormRegistry.from_directory(app.config["FORMS_PATH"])


def _check_document_registry(app: Flask) -> None:
    """An invalid document registry stops the start with its Chinese message (a missing one does not:
    the documents tab says so and the tasks still work). Read once: the documents tab uses it."""
    from pathlib import Path

    from app.documents import registry

    folder = Path(app.config["DOCUMENT_TEMPLATES_PATH"])
    if (folder / "registry.json").is_file():
        registry.cached(app.extensions, folder)  # the first request reuses it


def create_app(config: dict | None = None, *, clock: Clock | None = None) -> Flask:
    """The only place that loads configuration, initialises extensions and registers
    blueprints, CLI commands and jobs. `config` overrides the environment (tests)."""
    app = Flask(__name__, instance_relative_config=False)
    app.config.update(load_config())
    app.config.update(config or {})
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("spiff").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    app.json.ensure_ascii = False  # Chinese stays readable in JSON

    _register_models()
    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "请先登录"

    @login_manager.user_loader
    def load_user(user_id: str):
        from app.auth.models import User

        user = db.session.get(User, int(user_id))
        return user if user is not None and user.is_active else None

    from app.numbering.service import configure as configure_numbers

    configure_numbers({"ticket": app.config["TICKET_NUMBER_PATTERN"], "case": app.config["CASE_NUMBER_PATTERN"]})
    _build_workflow(app, clock or SystemClock())
    _check_document_registry(app)

    from app.errors import register_error_handlers
    from app.templating import register_template_helpers

    register_error_handlers(app)
    register_template_helpers(app)
    _register_blueprints(app)
    _require_login(app)

    from app.cli import register_cli

    register_cli(app)
    from app.workdays.cli import calendar_cli

    app.cli.add_command(calendar_cli)
    return app
