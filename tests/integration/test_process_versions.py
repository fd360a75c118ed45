"""A changed BPMN file applies to new tickets; running ones finish on the version they started on."""
from __future__ import annotations

import shutil

from sqlalchemy import func, select

from app import create_app
from app.tasks import flows
from app.workflow.models import ProcessVersionRecord
from tests.conftest import ROOT, make_config
from tests.factories import make_ticket, open_task, user


def test_running_instances_keep_their_version(app, db_session, env, database_url, instance_path, clock, tmp_path):
    old_ticket = make_ticket(db_session, env)
    flows.complete(db_session, env=env, registry=app.extensions["forms"], task_id=open_task(db_session, old_ticket.id).id,
                   user=user(db_session, "chief"), data={"handler": "officer1", "assigned_on": "2026-12-03"})
    db_session.commit()
    old_ticket_id = old_ticket.id

    changed = tmp_path / "bpmn"
    shutil.copytree(ROOT / "bpmn", changed)
    path = changed / "ticket_intake.bpmn"
    path.write_text(path.read_text(encoding="utf-8").replace('name="核查"', 'name="核查（新版）"'), encoding="utf-8")

    new_app = create_app(make_config(database_url, instance_path, BPMN_PATH=str(changed)), clock=clock)
    with new_app.app_context():
        from app.extensions import db

        session, new_env = db.session, new_app.extensions["workflow"]
        new_ticket = make_ticket(session, new_env)
        flows.complete(session, env=new_env, registry=new_app.extensions["forms"],
                       task_id=open_task(session, new_ticket.id).id, user=user(session, "chief"),
                       data={"handler": "officer2", "assigned_on": "2026-12-03"})
        session.commit()
        assert open_task(session, new_ticket.id).title == "核查（新版）"
        # the old ticket's instance still runs on the old spec: same title, and it completes
        old_task = open_task(session, old_ticket_id)
        assert old_task.title == "核查"
        flows.complete(session, env=new_env, registry=new_app.extensions["forms"], task_id=old_task.id,
                       user=user(session, "officer1"), data={"verification_notes": "核实属实。", "conclusion": "accept"})
        session.commit()
        versions = session.scalars(select(ProcessVersionRecord.version)
                                   .where(ProcessVersionRecord.process_key == "ticket_intake")).all()
        assert len(versions) == 2 and len(set(versions)) == 2
        assert session.scalar(select(func.count(ProcessVersionRecord.id))
                              .where(ProcessVersionRecord.process_key == "case_handling")) == 1
        session.remove()
