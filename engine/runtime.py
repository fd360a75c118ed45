"""Runs workflows: start, user-task completion, timers.

Every call into SpiffWorkflow happens with the runtime's clock active (see
:mod:`engine.clock`) and the runtime's restricted script engine attached.

Failure contract: when :meth:`WorkflowRuntime.start`, :meth:`~WorkflowRuntime.complete`
or :meth:`~WorkflowRuntime.advance` raises :class:`~engine.errors.ScriptError`, the
workflow object is left half-run. Callers must discard it and reload the instance from
its last saved state; never save it.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from uuid import UUID

from SpiffWorkflow.bpmn import BpmnEvent, BpmnWorkflow
from SpiffWorkflow.bpmn.specs.control import BoundaryEventSplit
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.exceptions import WorkflowException
from SpiffWorkflow.spiff.specs.event_definitions import SignalEventDefinition
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.deep_merge import DeepMerge
from SpiffWorkflow.util.task import TaskState

from .clock import Clock, SystemClock, install_spiff_clock, use_clock
from .errors import EngineError, ScriptError, TaskNotReady
from .scripting import make_script_engine
from .specs import ProcessVersion
from .types import FinishedTaskView, TimerView, UserTaskView

_DEADLINE_EXPRESSION = re.compile(r"""^\s*deadlines\[\s*["']([a-z_]+)["']\s*\]\s*$""")


def _deadline_key(definition: object) -> str | None:
    if not isinstance(definition, TimerEventDefinition):
        return None
    match = _DEADLINE_EXPRESSION.match(definition.expression or "")
    return match.group(1) if match else None


class WorkflowRuntime:
    """Stateless driver for BpmnWorkflow objects; thread-safe, keep one per application."""

    def __init__(
        self,
        *,
        clock: Clock | None = None,
        helpers: Mapping[str, Callable] | None = None,
    ) -> None:
        install_spiff_clock()
        self.clock: Clock = clock or SystemClock()
        self.script_engine = make_script_engine(helpers)

    def start(self, pv: ProcessVersion, data: dict | None = None) -> BpmnWorkflow:
        """Create a workflow on ``pv`` with ``data`` as start data and run it to its first wait."""
        wf = BpmnWorkflow(pv.spec, pv.subprocess_specs, script_engine=self.script_engine)
        wf.task_tree.data.update(copy.deepcopy(data or {}))
        with self._running(wf):
            wf.do_engine_steps()
        return wf

    def attach(self, wf: BpmnWorkflow) -> BpmnWorkflow:
        """Give a deserialized workflow this runtime's script engine."""
        wf.script_engine = self.script_engine
        return wf

    def is_completed(self, wf: BpmnWorkflow) -> bool:
        return wf.is_completed()

    def ready_user_tasks(self, wf: BpmnWorkflow) -> list[UserTaskView]:
        """READY manual tasks, subprocesses included, in task-tree (depth-first) order."""
        return [_user_task_view(task) for task in wf.get_tasks(state=TaskState.READY, manual=True)]

    def ready_user_task(self, wf: BpmnWorkflow, task_id: str) -> UserTaskView | None:
        """The one READY user task ``task_id`` (None when it is not ready), without listing them all."""
        try:
            return _user_task_view(_ready_user_task(wf, task_id))
        except TaskNotReady:
            return None

    def complete(self, wf: BpmnWorkflow, task_id: str, data: dict) -> None:
        """Merge ``data`` into the READY user task ``task_id``, run it, then the engine steps."""
        task = _ready_user_task(wf, task_id)
        with self._running(wf):
            form = copy.deepcopy(data)
            if hasattr(task.task_spec, "add_data_from_form"):
                task.task_spec.add_data_from_form(task, form)
            else:
                DeepMerge.merge(task.data, form)
            task.run()
            wf.do_engine_steps()

    def waiting_timers(self, wf: BpmnWorkflow) -> list[TimerView]:
        """WAITING timer events with absolute due times, soonest first.

        Cycle timers report their next due time; a timer whose expression has not been
        evaluated yet (none after an engine run) is left out.
        """
        timers = []
        for task in wf.event_manager.tasks.values():
            definition = getattr(task.task_spec, "event_definition", None)
            if task.state != TaskState.WAITING or not isinstance(definition, TimerEventDefinition):
                continue
            run_at = _due_time(definition.details(task).value)
            if run_at is not None:
                timers.append(TimerView(str(task.id), task.task_spec.bpmn_id, run_at))
        return sorted(timers, key=lambda timer: (timer.run_at, timer.bpmn_id, timer.task_id))

    def retime(self, wf: BpmnWorkflow, deadlines: Mapping[str, str]) -> None:
        """Move the timers that read a legal clock: a timer whose expression is
        ``deadlines["<key>"]`` takes the new ISO due time at once, and the ``deadlines``
        data of the ready and waiting tasks is updated for timers created later.
        """
        with self._running(wf):
            for task in wf.get_tasks(state=TaskState.WAITING | TaskState.READY):
                task.data.setdefault("deadlines", {}).update(deadlines)
                key = _deadline_key(getattr(task.task_spec, "event_definition", None))
                if key in deadlines:
                    task.internal_data["event_value"] = deadlines[key]
                    task.internal_data.pop("event_fired", None)
            wf.refresh_timers()

    def completed_tasks_with(self, wf: BpmnWorkflow, properties: Collection[str]) -> list[FinishedTaskView]:
        """COMPLETED tasks (subprocesses included, in task-tree order) whose BPMN element carries one of
        the extension ``properties``; user tasks, script tasks and events alike."""
        found = []
        for task in wf.get_tasks(state=TaskState.COMPLETED):
            own = getattr(task.task_spec, "extensions", None) or {}
            props = own.get("properties") or {}
            if any(name in props for name in properties):
                found.append(FinishedTaskView(
                    task_id=str(task.id), bpmn_id=task.task_spec.bpmn_id, properties=dict(props),
                    data=dict(task.data),
                    timer=isinstance(getattr(task.task_spec, "event_definition", None), TimerEventDefinition),
                ))
        return found

    def latest_data(self, wf: BpmnWorkflow) -> dict:
        """Where the process stands now: the data of the newest ready user task (subprocesses
        included); while only timers or events wait, the data of the most recently completed
        task; the workflow's own data once it has completed."""
        if wf.is_completed():
            return dict(wf.data)
        newest = lambda tasks: max(tasks, key=lambda task: task.last_state_change)  # noqa: E731
        ready = wf.get_tasks(state=TaskState.READY, manual=True)
        if ready:
            return dict(newest(ready).data)
        completed = wf.get_tasks(state=TaskState.COMPLETED)
        return dict(newest(completed).data) if completed else dict(wf.task_tree.data)

    def merge_data(self, wf: BpmnWorkflow, data: Mapping[str, object]) -> None:
        """Merge ``data`` into every ready and waiting task and the latest completed one (e.g. a
        new ``handler`` after the chief reassigns a case): the tasks still to come see it, and so
        does :meth:`latest_data`."""
        with self._running(wf):
            tasks = wf.get_tasks(state=TaskState.WAITING | TaskState.READY)
            completed = wf.get_tasks(state=TaskState.COMPLETED)
            if completed:
                tasks.append(max(completed, key=lambda task: task.last_state_change))
            for task in tasks:
                DeepMerge.merge(task.data, copy.deepcopy(dict(data)))

    def advance(self, wf: BpmnWorkflow) -> bool:
        """Fire the timers due at the clock's time and run on; True if any task ran."""
        ran: list[Task] = []
        with self._running(wf):
            wf.refresh_timers()
            wf.do_engine_steps(did_complete_task=ran.append)
        return bool(ran)

    def send_signal(self, wf: BpmnWorkflow, name: str, payload: Mapping | None = None) -> None:
        """Deliver the BPMN signal ``name`` from outside, then run the engine steps.

        Every event waiting for the signal catches it (e.g. a non-interrupting boundary
        event of the running investigation). ``payload`` lands in the catching task's data
        under the signal's ``spiffworkflow:variableName``; a signal without one drops it.
        Raises :class:`TaskNotReady`, leaving ``wf`` unchanged, when nothing waits for it.
        """
        event = BpmnEvent(SignalEventDefinition(name), payload=copy.deepcopy(dict(payload or {})))
        with self._running(wf):
            if wf.event_manager.catch(event, internal=False) == 0:
                raise TaskNotReady(f"nothing in this workflow waits for the signal {name!r}")
            wf.do_engine_steps()

    @contextmanager
    def _running(self, wf: BpmnWorkflow) -> Iterator[None]:
        self.attach(wf)
        with use_clock(self.clock):
            try:
                yield
            except EngineError:
                raise
            except WorkflowException as exc:
                raise ScriptError(_describe(exc)) from exc
            except Exception as exc:  # broad on purpose: e.g. a malformed timer value
                raise ScriptError(f"{type(exc).__name__}: {exc}") from exc


def _ready_user_task(wf: BpmnWorkflow, task_id: str) -> Task:
    try:
        task = wf.get_task_from_id(UUID(task_id))
    except (ValueError, WorkflowException):
        raise TaskNotReady(f"no task {task_id!r} in this workflow") from None
    if task.state != TaskState.READY or not task.task_spec.manual:
        state = TaskState.get_name(task.state)
        raise TaskNotReady(f"task {task.task_spec.bpmn_id!r} ({task_id}) is {state}, not a ready user task")
    return task


def _boundary_due(task: Task) -> datetime | None:
    """The earliest waiting boundary timer on the task itself or on an enclosing (sub)process
    activity: the deadline of this task, not of the whole instance."""
    dues: list[datetime] = []
    current: Task | None = task
    while current is not None:
        parent = current.parent
        if parent is not None and isinstance(parent.task_spec, BoundaryEventSplit):
            for sibling in parent.children:
                definition = getattr(sibling.task_spec, "event_definition", None)
                if sibling.state == TaskState.WAITING and isinstance(definition, TimerEventDefinition):
                    due = _due_time(definition.details(sibling).value)
                    if due is not None:
                        dues.append(due)
        if parent is None:  # the root of a subprocess: continue from the activity that runs it
            owner_id = getattr(current.workflow, "parent_task_id", None)
            parent = current.workflow.parent_workflow.get_task_from_id(owner_id) if owner_id else None
        current = parent
    return min(dues, default=None)


def _user_task_view(task: Task) -> UserTaskView:
    spec = task.task_spec
    properties = dict(getattr(spec, "extensions", {}).get("properties", {}))
    return UserTaskView(
        task_id=str(task.id),
        bpmn_id=spec.bpmn_id,
        title=spec.bpmn_name or spec.bpmn_id,
        lane=spec.lane,
        form_key=properties.get("formKey"),
        process_key=task.workflow.spec.name,
        properties=properties,
        data=dict(task.data),
        due_at=_boundary_due(task),
    )


def _due_time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    parsed = TimerEventDefinition.parse_time_or_duration(value)
    if not isinstance(parsed, datetime):
        return None
    # Rebuild as a plain datetime: SpiffWorkflow's timer module builds clock-aware subclasses.
    return datetime.combine(parsed.date(), parsed.time(), parsed.tzinfo).astimezone(UTC)


def _describe(exc: WorkflowException) -> str:
    message = str(exc)
    cause = exc.__cause__ or exc.__context__
    if cause is not None and str(cause) not in message:
        message += f" [{type(cause).__name__}: {cause}]"
    spec = exc.task_spec
    if spec is None:
        return message
    label = getattr(spec, "bpmn_name", None) or getattr(spec, "bpmn_id", None) or spec.name
    return f"{label}: {message}"
