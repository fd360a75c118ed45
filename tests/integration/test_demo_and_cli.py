"""`flask seed-demo` is idempotent and refused in production; `flask create-user`."""
from __future__ import annotations

from sqlalchemy import func, select

from app.auth.models import User
from app.cases.models import Case
from app.tickets.models import Ticket


def test_seed_demo_on_a_fresh_database_builds_stages_once(tmp_path, clock):
    """What `make run` does: migrate, then seed-demo twice — the second run adds nothing."""
    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db
    from tests.conftest import make_config

    app = create_app(make_config(f"sqlite:///{tmp_path / 'demo.db'}", tmp_path), clock=clock)
    with app.app_context():
        upgrade()
        runner = app.test_cli_runner()
        first = runner.invoke(args=["seed-demo"])
        assert first.exit_code == 0 and "本次新建" in first.output and "demo-pass-2026" in first.output
        for username in ("clerk", "officer1", "officer2", "reviewer", "chief", "leader", "admin", "ops"):
            assert username in first.output
        second = runner.invoke(args=["seed-demo"])
        assert second.exit_code == 0 and "未重复加载" in second.output
        assert db.session.scalar(select(func.count(User.id))) == 8
        statuses = sorted(db.session.scalars(select(Ticket.status)).all())
        assert statuses == ["accepted", "accepted", "deemed_accepted", "open", "open", "rejected"]
        stages = sorted(db.session.scalars(select(Case.stage)).all())
        assert stages == ["立案审批", "立案审批", "调查取证"]  # two awaiting approval, one under investigation
        from app.parties.models import Complainant, Party

        per_ticket = db.session.execute(select(Complainant.ticket_id, func.count()).where(
            Complainant.ticket_id.is_not(None)).group_by(Complainant.ticket_id)).all()
        assert len(per_ticket) == 6 and {n for _, n in per_ticket} == {1, 2, 3}
        roles = set(db.session.scalars(select(Party.role).where(Party.case_id.is_not(None))))
        assert roles == {"construction_unit", "general_contractor", "subcontractor", "responsible_unit",
                         "responsible_person"}  # the cases carry the tickets' party groups
        from app.documents.models import Document

        documents = db.session.execute(select(Document.title, Document.number, Document.status)
                                       .order_by(Document.id)).all()
        assert documents == [("劳动保障监察立案审批表", None, "issued"),  # the case under investigation has its first documents
                             ("劳动保障监察询问通知书", "横琴人社监询字〔2026〕第1号", "issued")]
        db.session.remove()
        db.engine.dispose()


def test_seed_demo_is_refused_in_production(migrated, database_url, instance_path):
    from app import create_app
    from tests.conftest import make_config

    app = create_app(make_config(database_url, instance_path, PRODUCTION=True, APP_ENV="production"))
    r = app.test_cli_runner().invoke(args=["seed-demo"])
    assert r.exit_code != 0 and "生产环境" in r.output


def test_create_user_cli(app, db_session):
    r = app.test_cli_runner().invoke(
        args=["create-user", "tmp_inspector", "--name", "执法人员 新", "--role", "officer", "--password", "a-long-password"]
    )
    assert r.exit_code == 0, r.output
    created = db_session.scalar(select(User).where(User.username == "tmp_inspector"))
    assert created.role_codes == {"officer"} and created.password_hash.startswith("$argon2id$")
    r = app.test_cli_runner().invoke(
        args=["create-user", "tmp_x", "--name", "x", "--role", "nosuchrole", "--password", "a-long-password"]
    )
    assert r.exit_code != 0 and "角色不存在" in r.output
