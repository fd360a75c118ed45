"""Start, load and save process instances; state and projections move together."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from SpiffWorkflow.bpmn import BpmnWorkflow
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.workflow import hooks, hot_cache
from app.workflow.environment import WorkflowEnvironment
from app.workflow.models import HumanTask, ProcessInstance, ProcessVersionRecord
from app.workflow.projections import sync_human_tasks, sync_timers
from engine.specs import ProcessVersion
from engine.types import FinishedTaskView


@dataclass(frozen=True)
class BusinessRef:
    type: str  # ticket | case
    id: int
    number: str
    title: str = ""
    team: str | None = None  # the section (科室); None: any section


def version_record(session: Session, pv: ProcessVersion) -> ProcessVersionRecord:
    """The stored row of a process version, created on first use."""
    stmt = select(ProcessVersionRecord).where(
        ProcessVersionRecord.process_key == pv.key, ProcessVersionRecord.version == pv.version
    )
    row = session.scalar(stmt)
    if row is not None:
        return row
    try:
        with session.begin_nested():
            row = ProcessVersionRecord(process_key=pv.key, version=pv.version, sources=dict(pv.sources))
            session.add(row)
        return row
    except IntegrityError:
        return session.scalar(stmt)


def process_version_of(env: WorkflowEnvironment, instance: ProcessInstance) -> ProcessVersion:
    rec = instance.process_version
    # the sources (deferred) are read only when this worker has not parsed the version yet
    return env.library.version(rec.process_key, rec.version, lambda: rec.sources)


def load(env: WorkflowEnvironment, instance: ProcessInstance) -> BpmnWorkflow:
    """The workflow of the stored state, to read (a page, a document). To change it and save, use
    `load_for_update`."""
    return env.serializer.loads(
        instance.state, process_version_of(env, instance), serializer_version=instance.serializer_version
    )


def _hot_key(instance: ProcessInstance) -> tuple[int, int, int]:
    return (instance.id, instance.version, instance.process_version_id)


def load_for_update(session: Session, env: WorkflowEnvironment, instance: ProcessInstance) -> BpmnWorkflow:
    """The workflow to run and then `save` in this transaction: the object the instance's last
    committed save left in this process when it is still at that row version (app/workflow/hot_cache.py),
    else restored from the stored state."""
    entry = env.hot.take(_hot_key(instance)) if env.hot is not None else None
    if entry is not None:
        hot_cache.set_baseline(session, instance.id, entry.baseline)
        return entry.workflow
    wf = load(env, instance)
    hot_cache.set_baseline(session, instance.id, hot_cache.Baseline(
        completed_ids=frozenset(env.serializer.completed_task_ids(instance.state or {})), timers=None))
    return wf


def release(session: Session, env: WorkflowEnvironment, instance: ProcessInstance, wf: BpmnWorkflow) -> None:
    """Give back a workflow taken by `load_for_update` and not run (e.g. its form was refused), so the
    next attempt need not deserialize it again."""
    baseline = hot_cache.pop_baseline(session, instance.id)
    if env.hot is not None and baseline is not None:
        env.hot.put(hot_cache.Entry(key=_hot_key(instance), workflow=wf, baseline=baseline))


def save(session: Session, env: WorkflowEnvironment, instance: ProcessInstance, wf: BpmnWorkflow, *,
         open_rows: list[HumanTask] | None = None) -> None:
    """Write the state and every projection; the caller commits. `open_rows`: the instance's open
    `human_task` rows, when the caller has read them in this transaction."""
    now = env.clock.now()
    completed = env.runtime.is_completed(wf)
    baseline = hot_cache.pop_baseline(session, instance.id)
    if baseline is None:  # not loaded through load_for_update (a new instance: state is {})
        baseline = hot_cache.Baseline(
            completed_ids=frozenset(env.serializer.completed_task_ids(instance.state or {})), timers=None)
    finished = _finished_since(env, baseline.completed_ids, wf)
    state = env.serializer.dumps(wf)
    instance.state = state
    instance.serializer_version = env.serializer.VERSION
    instance.status = "completed" if completed else "running"
    instance.updated_at = now
    session.flush()  # the version check: a concurrent save fails here, before any projection is written
    with session.no_autoflush:
        timers = _write_projections(session, env, instance, wf, completed, now, finished, baseline.timers,
                                    open_rows)
    session.flush()
    hot_cache.remember(session, env.hot, hot_cache.Entry(
        key=_hot_key(instance), workflow=wf,
        baseline=hot_cache.Baseline(completed_ids=frozenset(env.serializer.completed_task_ids(state)),
                                    timers=timers)))


def _finished_since(env: WorkflowEnvironment, completed_before: frozenset[str], wf: BpmnWorkflow
                    ) -> list[FinishedTaskView]:
    """The tasks with a watched BPMN property that completed after the stored state was saved
    (`completed_before`: its completed task ids; none for a new instance). Comparing with the
    stored state rather than hooking each engine call sees every way a task completes, and a
    save retried after a rollback compares with the same committed state again."""
    watched = hooks.watched_properties()
    candidates = env.runtime.completed_tasks_with(wf, watched) if watched else []
    return [task for task in candidates if task.task_id not in completed_before]


def _write_projections(session: Session, env: WorkflowEnvironment, instance: ProcessInstance, wf: BpmnWorkflow,
                       completed: bool, now, finished: list[FinishedTaskView],
                       stored_timers: frozenset | None, open_rows: list[HumanTask] | None) -> frozenset:
    """The projections of `wf`; returns the timer rows as they now stand."""
    timers = [] if completed else env.runtime.waiting_timers(wf)
    ready = [] if completed else env.runtime.ready_user_tasks(wf)
    wanted = sync_timers(session, instance, timers, stored=stored_timers)
    sync_human_tasks(session, instance, ready, now=now, lanes=env.lanes, open_rows=open_rows)
    data: dict[str, Any] = env.runtime.latest_data(wf)
    hooks.project(
        session,
        env,
        hooks.InstanceSnapshot(
            instance_id=instance.id, process_key=instance.process_key, business_type=instance.business_type,
            business_id=instance.business_id, completed=completed, data=data, ready=ready,
            today=now.astimezone(env.tz).date(), finished=finished,
        ),
    )
    return wanted


def start(
    session: Session, *, env: WorkflowEnvironment, process_key: str, business: BusinessRef, data: dict[str, Any]
) -> ProcessInstance:
    pv = env.library.current(process_key)
    record = version_record(session, pv)
    wf = env.runtime.start(pv, data)
    instance = ProcessInstance(
        process_key=process_key, process_version=record, serializer_version=env.serializer.VERSION,
        state={}, business_type=business.type, business_id=business.id, business_number=business.number,
        business_title=business.title[:200], team=business.team, created_at=env.clock.now(),
    )
    session.add(instance)
    session.flush()
    save(session, env, instance, wf)
    return instance


def instances_for(session: Session, *, business_type: str, business_id: int) -> list[ProcessInstance]:
    stmt = select(ProcessInstance).where(
        ProcessInstance.business_type == business_type, ProcessInstance.business_id == business_id
    )
    return list(session.scalars(stmt.order_by(ProcessInstance.id)))


def current_deadlines(session: Session, *, env: WorkflowEnvironment, business_type: str, business_id: int,
                      tracked: Callable[[ProcessVersion], set[str]] | None = None) -> dict[str, str]:
    """The `deadlines` the running process(es) of a ticket or case hold now (rule code -> ISO
    due time): the periods the BPMN computed with rule_deadline, e.g. 陈述申辩, 缴纳罚款.
    `tracked(version)` names the codes a process version follows otherwise (as clocks): left out."""
    found: dict[str, str] = {}
    for instance in instances_for(session, business_type=business_type, business_id=business_id):
        if instance.status == "running":
            skip = tracked(process_version_of(env, instance)) if tracked else set()
            data = env.runtime.latest_data(load(env, instance)).get("deadlines") or {}
            found.update({code: due for code, due in data.items() if code not in skip})
    return found
