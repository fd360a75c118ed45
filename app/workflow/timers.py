"""The due-timer job: wake only the instances whose timers have passed."""
from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.workflow import service
from app.workflow.environment import WorkflowEnvironment
from app.workflow.models import ProcessInstance, Timer

log = logging.getLogger(__name__)


def due_instance_ids(session: Session, *, now: datetime, limit: int = 200) -> list[int]:
    stmt = select(Timer.instance_id).where(Timer.run_at <= now).group_by(Timer.instance_id).limit(limit)
    return list(session.scalars(stmt))


def wake_due_instances(session: Session, *, env: WorkflowEnvironment, now: datetime) -> int:
    """Advance every instance with a due timer, one transaction each: one bad instance
    does not stop the sweep, and a rerun finds nothing left to do."""
    advanced = 0
    for instance_id in due_instance_ids(session, now=now):
        try:
            instance = session.get(ProcessInstance, instance_id)
            wf = service.load_for_update(session, env, instance)
            env.runtime.advance(wf)
            service.save(session, env, instance, wf)
            session.commit()
            advanced += 1
        except StaleDataError:
            session.rollback()  # someone completed a task meanwhile; the next sweep retries
        except Exception:
            session.rollback()
            log.exception("could not advance process instance %s", instance_id)
    return advanced
