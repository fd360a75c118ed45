"""Benchmark of one workflow step: completing a user task, ours vs. raw SpiffWorkflow.

    .venv/bin/python bench/engine_step.py             # PostgreSQL, a throw-away database
    .venv/bin/python bench/engine_step.py --sqlite    # a temporary SQLite file
    .venv/bin/python bench/engine_step.py --quick     # fewer samples
    .venv/bin/python bench/engine_step.py --profile   # break our path down even within the goal

Generates processes ``bench_seq_N`` of N sequential user tasks (N = 10, 40, 100; one
lane 执法人员, ``assigneeField = handler``, no form; see bench/_bpmn_gen.py) into a
temporary folder, builds the real app on it (BPMN_PATH, real migrations) and one officer.

Ours: ``app.workflow.service.start`` + commit, then per task, timed, one
``app.tasks.flows.complete(...)`` + ``session.commit()`` (load → permission → validate
→ run → save state + projections → commit). Between steps, untimed, the next task is
found through the ``human_task`` projection and the session is renewed with the user
loaded again, as the API's complete endpoint finds it.

Raw: the same BPMN through SpiffBpmnParser / BpmnWorkflow / BpmnWorkflowSerializer
(SPIFF_CONFIG); per task, timed: deserialize_json → ready manual task → data.update →
run → do_engine_steps → serialize_json. Raw+db: the same plus SELECT and UPDATE of the
blob in a one-row table in one transaction, a floor for any engine keeping state in a DB.

All paths carry the same start data (~1 KB form-like payload); their steps alternate so
they see the same machine load. Prints a table with the ratio ours/raw (goal ≤ 1.5x),
when the goal is missed (or with --profile) a wall-clock breakdown of our path per phase
with its SQL statements and a cProfile top list, and one JSON line last.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Protocol

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, text  # noqa: E402

from bench._bpmn_gen import process_key, write_sequential_processes  # noqa: E402
from bench._setup import (  # noqa: E402
    StatementCounter,  # noqa: E402
    percentile,
    throwaway_database,
)
from bench._setup import make_app as _setup_make_app  # noqa: E402

SIZES = (10, 40, 100)
# instances run per size (samples = N x instances); a warm-up instance of each path runs first
INSTANCES = {10: 6, 40: 2, 100: 1}
INSTANCES_QUICK = {10: 2, 40: 1, 100: 1}
RATIO_GOAL = 1.5
OFFICER = "bench_officer"
FORM: dict[str, Any] = {}  # the empty confirm form: what the app submits for a task without formKey
BREAKDOWN_N = int(os.environ.get("BENCH_BREAKDOWN_N", "40"))


class Probe(Protocol):
    def enable(self) -> None: ...
    def disable(self) -> None: ...


def payload() -> dict[str, Any]:
    """About 1 KB (UTF-8 JSON) of registration-like form data."""
    return {
        "channel": "hotline_12345",
        "received_at": "2026-12-03T09:00:00+08:00",
        "project_nature": "private",
        "project_name": "横琴新家园三期安置房项目",
        "project_address": "珠海市横琴粤澳深度合作区环岛东路3000号",
        "respondent_name": "广东某建筑工程有限公司",
        "respondent_credit_code": "91440400MA4UXXXX1K",
        "respondent_contact": "黄建国",
        "respondent_phone": "0756-8888001",
        "complainant_name": "林志华",
        "complainant_phone": "13900139002",
        "complainant_id_no": "440402198807120000",
        "summary": "林志华等5名工人反映被拖欠2026年9月至11月工资，多次向项目部讨要未果。",
        "people_count": 5,
        "amount": "42300.00",
        "migrant_worker_count": 5,
        "workers": [
            {"name": "林志华", "months": 3, "amount": "9600.00"},
            {"name": "陈国强", "months": 3, "amount": "9300.00"},
            {"name": "王小明", "months": 2, "amount": "7800.00"},
            {"name": "刘德胜", "months": 3, "amount": "8400.00"},
            {"name": "张伟", "months": 2, "amount": "7200.00"},
        ],
        "attachments": ["工资表.pdf", "考勤记录.xlsx", "劳动合同.jpg"],
        "verified": False,
        "notes": "",
    }


# ---------------------------------------------------------------- setup


def make_app(database_url: str, instance_path: Path, bpmn_path: Path):
    """The real app with BPMN_PATH = ``bpmn_path`` (see bench/_setup.make_app)."""
    return _setup_make_app(database_url, instance_path, BPMN_PATH=str(bpmn_path))


# ---------------------------------------------------------------- ours


class OursRun:
    """One instance of our path, driven a step at a time."""

    def __init__(self, runner: OursRunner, n: int) -> None:
        from app.workflow import service
        from app.workflow.service import BusinessRef

        self.runner, self.n = runner, n
        self.business_id = runner.next_business_id
        runner.next_business_id += 1
        session, _ = runner.fresh_session()
        instance = service.start(
            session,
            env=runner.env,
            process_key=process_key(n),
            business=BusinessRef(
                type="ticket", id=self.business_id, number=f"B-{self.business_id}", title="bench"
            ),
            data={"handler": OFFICER, "payload": payload()},
        )
        session.commit()
        self.instance_id = instance.id
        self.times: list[float] = []
        self.statements: list[int] = []
        self.mid_bytes = 0

    def step(self, probe: Probe | None = None) -> None:
        """One timed completion; ``probe`` (a cProfile.Profile or PhaseClock) is enabled around it."""
        from app.tasks import flows
        from app.tasks import service as task_service

        runner, index = self.runner, len(self.times)
        session, user = runner.fresh_session()
        open_rows = task_service.open_tasks(session, business_type="ticket", business_id=self.business_id)
        if len(open_rows) != 1 or open_rows[0].assignee_id != runner.user_id:
            raise AssertionError(f"step {index}: expected one task assigned to {OFFICER}, got {open_rows!r}")
        task_id = open_rows[0].id
        for row in open_rows:  # a request starts without the task row loaded
            session.expunge(row)
        runner.counter.count, runner.counter.active = 0, True
        if probe is not None:
            probe.enable()
        started = time.perf_counter()
        flows.complete(
            session, env=runner.env, registry=runner.registry, task_id=task_id, user=user, data=FORM
        )
        session.commit()
        elapsed = (time.perf_counter() - started) * 1000
        if probe is not None:
            probe.disable()
        runner.counter.active = False
        self.times.append(elapsed)
        self.statements.append(runner.counter.count)
        if index + 1 == self.n // 2:
            self.mid_bytes = runner.state_bytes(self.instance_id)

    def finish(self) -> dict[str, Any]:
        from app.workflow.models import ProcessInstance

        session, _ = self.runner.fresh_session()
        final = session.get(ProcessInstance, self.instance_id)
        if final.status != "completed":
            raise AssertionError(f"instance {self.instance_id} is {final.status} after {self.n} steps")
        end_bytes = len(json.dumps(final.state))
        self.runner.db.session.remove()
        return {
            "times": self.times,
            "statements": self.statements,
            "mid_bytes": self.mid_bytes,
            "end_bytes": end_bytes,
        }


class OursRunner:
    def __init__(self, app) -> None:
        from app.auth.models import User
        from app.auth.service import create_user
        from app.extensions import db

        self.app = app
        self.db = db
        self.env = app.extensions["workflow"]
        self.registry = app.extensions["forms"]
        session = db.session
        user = create_user(
            session,
            username=OFFICER,
            display_name="执法人员 基准",
            password="bench-pass-2026",
            role_codes=["officer"],
        )
        session.commit()
        self.user_id = user.id
        self.user_cls = User
        self.counter = StatementCounter(db.engine)
        self.next_business_id = 1

    def fresh_session(self):
        """A new session with the user loaded, as at the start of a request."""
        self.db.session.remove()
        session = self.db.session
        user = session.get(self.user_cls, self.user_id)
        _ = user.role_codes
        return session, user

    def state_bytes(self, instance_id: int) -> int:
        from app.workflow.models import ProcessInstance

        return len(json.dumps(self.db.session.get(ProcessInstance, instance_id).state))

    def begin(self, n: int) -> OursRun:
        return OursRun(self, n)

    def run_instance(self, n: int, *, probe: Probe | None = None) -> dict[str, Any]:
        run = self.begin(n)
        for _ in range(n):
            run.step(probe)
        return run.finish()


# ---------------------------------------------------------------- raw SpiffWorkflow


class RawRun:
    """One instance of the raw path, driven a step at a time.

    With the runner's ``engine`` set (the "raw+db" variant) each step also reads the blob
    from a one-row table first and writes it back after, in one transaction: the least
    that any engine keeping its state in the database pays.
    """

    def __init__(self, runner: RawRunner, n: int) -> None:
        from SpiffWorkflow.bpmn import BpmnWorkflow

        self.runner, self.n = runner, n
        key = process_key(n)
        wf = BpmnWorkflow(runner.parser.get_spec(key), runner.parser.get_subprocess_specs(key))
        wf.task_tree.data.update({"handler": OFFICER, "payload": payload()})
        wf.do_engine_steps()
        self.blob = runner.serializer.serialize_json(wf)
        self.row_id = 0
        if runner.engine is not None:
            runner.next_row_id += 1
            self.row_id = runner.next_row_id
            with runner.engine.begin() as conn:
                conn.execute(
                    text("INSERT INTO bench_raw_state (id, blob) VALUES (:id, :blob)"),
                    {"id": self.row_id, "blob": self.blob},
                )
        self.times: list[float] = []
        self.phases = {"deserialize_json": 0.0, "run + do_engine_steps": 0.0, "serialize_json": 0.0}
        self.mid_bytes = 0

    def step(self) -> None:
        if self.runner.engine is None:
            started = time.perf_counter()
            self.blob = self._advance(self.blob)
            self.times.append((time.perf_counter() - started) * 1000)
        else:
            with self.runner.engine.connect() as conn:  # checked out before the clock starts, like ours
                started = time.perf_counter()
                blob = conn.execute(
                    text("SELECT blob FROM bench_raw_state WHERE id = :id"), {"id": self.row_id}
                ).scalar_one()
                self.blob = self._advance(blob)
                conn.execute(
                    text("UPDATE bench_raw_state SET blob = :blob WHERE id = :id"),
                    {"id": self.row_id, "blob": self.blob},
                )
                conn.commit()
                self.times.append((time.perf_counter() - started) * 1000)
        if len(self.times) == self.n // 2:
            self.mid_bytes = len(self.blob)

    def _advance(self, blob: str) -> str:
        from SpiffWorkflow.util.task import TaskState

        ser = self.runner.serializer
        started = time.perf_counter()
        wf = ser.deserialize_json(blob)
        loaded = time.perf_counter()
        task = wf.get_tasks(state=TaskState.READY, manual=True)[0]
        task.data.update(FORM)
        task.run()
        wf.do_engine_steps()
        ran = time.perf_counter()
        blob = ser.serialize_json(wf)
        done = time.perf_counter()
        self.phases["deserialize_json"] += (loaded - started) * 1000
        self.phases["run + do_engine_steps"] += (ran - loaded) * 1000
        self.phases["serialize_json"] += (done - ran) * 1000
        return blob

    def finish(self) -> dict[str, Any]:
        if not self.runner.serializer.deserialize_json(self.blob).is_completed():
            raise AssertionError(f"raw {process_key(self.n)} not completed after {self.n} steps")
        return {
            "times": self.times,
            "mid_bytes": self.mid_bytes,
            "end_bytes": len(self.blob),
            "phases": self.phases,
        }


class RawRunner:
    def __init__(self, bpmn_path: Path, engine=None) -> None:
        from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
        from SpiffWorkflow.spiff.parser import SpiffBpmnParser
        from SpiffWorkflow.spiff.serializer import DEFAULT_CONFIG as SPIFF_CONFIG

        self.parser = SpiffBpmnParser()
        self.parser.add_bpmn_files_by_glob(str(bpmn_path / "*.bpmn"))
        self.serializer = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(dict(SPIFF_CONFIG)))
        self.engine = engine
        self.next_row_id = 0
        if engine is not None:
            with engine.begin() as conn:
                conn.execute(
                    text("CREATE TABLE bench_raw_state (id INTEGER PRIMARY KEY, blob TEXT NOT NULL)")
                )

    def begin(self, n: int) -> RawRun:
        return RawRun(self, n)

    def run_instance(self, n: int) -> dict[str, Any]:
        run = self.begin(n)
        for _ in range(n):
            run.step()
        return run.finish()


def run_interleaved(
    ours: OursRunner, raws: list[RawRunner], n: int
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One instance of each path, their steps alternating so all see the same machine load."""
    gc.collect()
    our_run, raw_runs = ours.begin(n), [raw.begin(n) for raw in raws]
    for _ in range(n):
        our_run.step()
        for run in raw_runs:
            run.step()
    return our_run.finish(), [run.finish() for run in raw_runs]


# ---------------------------------------------------------------- breakdown of our path


class PhaseClock:
    """Wall-clock time per phase, by wrapping functions of this process for one run."""

    def __init__(self) -> None:
        self.ms: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.sql: dict[str, list[float]] = defaultdict(list)
        self._undo: list[tuple[object, str, object, bool]] = []
        self._sql_started = 0.0
        self.active = False

    def enable(self) -> None:
        self.active = True

    def disable(self) -> None:
        self.active = False

    def wrap(self, owner: object, attr: str, label) -> None:
        had_own = attr in vars(owner)
        original = getattr(owner, attr)
        is_class = isinstance(owner, type)

        def wrapper(*args, **kwargs):
            if not self.active:
                return original(*args, **kwargs)
            name = label(args, kwargs) if callable(label) else label
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.ms[name] += (time.perf_counter() - started) * 1000
                self.calls[name] += 1

        self._undo.append((owner, attr, original if (had_own or is_class) else None, had_own or is_class))
        setattr(owner, attr, wrapper)

    def watch_sql(self, engine) -> None:
        def before(conn, cursor, statement, *rest):
            self._sql_started = time.perf_counter()

        def after(conn, cursor, statement, *rest):
            if not self.active:
                return
            words = statement.split()
            verb = words[0].upper()
            table = next(
                (w for i, w in enumerate(words) if i and words[i - 1].upper() in ("FROM", "INTO", "UPDATE")),
                "?",
            )
            self.sql[f"{verb} {table}"].append((time.perf_counter() - self._sql_started) * 1000)

        event.listen(engine, "before_cursor_execute", before)
        event.listen(engine, "after_cursor_execute", after)
        self._undo.append((engine, "__sql__", (before, after), False))

    def restore(self) -> None:
        for owner, attr, original, own in reversed(self._undo):
            if attr == "__sql__":
                event.remove(owner, "before_cursor_execute", original[0])
                event.remove(owner, "after_cursor_execute", original[1])
            elif own:
                setattr(owner, attr, original)
            else:
                delattr(owner, attr)
        self._undo.clear()


# (label, indent) in display order; "(rest)" rows are computed
BREAKDOWN = (
    ("task_actions.get_task (session.get HumanTask)", 0),
    ("validate (task_form + validate_form)", 0),
    ("session.get ProcessInstance (row + JSON decode of state)", 0),
    ("service.load → StateSerializer.loads", 0),
    ("runtime.complete (run + do_engine_steps)", 0),
    ("service.save", 0),
    ("serializer.dumps", 1),
    ("runtime.ready_user_tasks + waiting_timers", 1),
    ("sync_timers", 1),
    ("sync_human_tasks", 1),
    ("hooks.project (ticket projector)", 1),
    ("session.flush (UPDATE state, UPDATE/INSERT human_task)", 1),
    ("session.commit", 0),
)


def breakdown_ours(ours: OursRunner, n: int) -> dict[str, Any]:
    """Run one instance of size n with phase clocks on; ms per step for each phase."""
    import sqlalchemy.orm

    from app.tasks import flows
    from app.workflow import hooks, service, task_actions

    env = ours.env
    clock = PhaseClock()
    clock.wrap(task_actions, "get_task", "task_actions.get_task (session.get HumanTask)")
    clock.wrap(flows, "task_form", "validate (task_form + validate_form)")
    clock.wrap(flows, "validate_form", "validate (task_form + validate_form)")
    clock.wrap(sqlalchemy.orm.Session, "get", lambda a, k: f"session.get {getattr(a[1], '__name__', a[1])}")
    clock.wrap(service, "load", "service.load → StateSerializer.loads")
    clock.wrap(env.runtime, "complete", "runtime.complete (run + do_engine_steps)")
    clock.wrap(service, "save", "service.save")
    clock.wrap(env.serializer, "dumps", "serializer.dumps")
    clock.wrap(env.runtime, "ready_user_tasks", "runtime.ready_user_tasks + waiting_timers")
    clock.wrap(env.runtime, "waiting_timers", "runtime.ready_user_tasks + waiting_timers")
    clock.wrap(service, "sync_timers", "sync_timers")
    clock.wrap(service, "sync_human_tasks", "sync_human_tasks")
    clock.wrap(hooks, "project", "hooks.project (ticket projector)")
    clock.wrap(sqlalchemy.orm.Session, "flush", "session.flush (all)")
    clock.wrap(sqlalchemy.orm.Session, "commit", "session.commit")
    clock.watch_sql(ours.db.engine)
    run = ours.begin(n)
    try:
        for _ in range(n):
            run.step(clock)
    finally:
        clock.restore()
    result = run.finish()
    total = sum(result["times"])
    ms = {k: v / n for k, v in clock.ms.items()}
    calls = {k: v / n for k, v in clock.calls.items()}
    ms["session.get ProcessInstance (row + JSON decode of state)"] = ms.get(
        "session.get ProcessInstance", 0.0
    )
    ms["session.flush (UPDATE state, UPDATE/INSERT human_task)"] = ms.get("session.flush (all)", 0.0)
    top = sum(ms.get(label, 0.0) for label, indent in BREAKDOWN if indent == 0)
    return {
        "per_step_ms": total / n,
        "ms": ms,
        "calls": calls,
        "other_ms": total / n - top,
        "sql": {k: (len(v) / n, sum(v) / len(v)) for k, v in sorted(clock.sql.items())},
    }


def profile_top(ours: OursRunner, n: int, limit: int = 15) -> str:
    """cProfile of one instance of size n (timed sections only): functions by own time."""
    import io

    profiler = cProfile.Profile()
    ours.run_instance(n, probe=profiler)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats(os.environ.get("BENCH_PROFILE_SORT", "tottime")).print_stats(limit)
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    site = str(Path(pstats.__file__).parent)
    return "\n".join(
        line.replace(site, "<stdlib>").replace(str(Path(sys.prefix)), "<venv>") for line in lines[start:]
    )


def print_breakdown(
    kind: str, n: int, ours_b: dict[str, Any], raw_phases: dict[str, float], raw_steps: int, top: str
) -> None:
    per_step = ours_b["per_step_ms"]
    print()
    print(
        f"Where our time goes — N={n}, one instance, {kind}: {per_step:.2f} ms per complete "
        f"(wall clock, phase timers on)"
    )
    print(f"{'phase':<60} {'ms/step':>8} {'calls':>6} {'share':>6}")
    for label, indent in BREAKDOWN:
        ms = ours_b["ms"].get(label, 0.0)
        calls = ours_b["calls"].get(
            label,
            ours_b["calls"].get(
                {
                    "session.get ProcessInstance (row + JSON decode of state)": "session.get ProcessInstance",
                    "session.flush (UPDATE state, UPDATE/INSERT human_task)": "session.flush (all)",
                }.get(label, ""),
                0,
            ),
        )
        print(f"{'  ' * indent + label:<60} {ms:>8.2f} {calls:>6.1f} {ms / per_step * 100:>5.1f}%")
    print(
        f"{'(rest: ORM glue, task row update, pool)':<60} {ours_b['other_ms']:>8.2f} {'':>6} "
        f"{ours_b['other_ms'] / per_step * 100:>5.1f}%"
    )
    for label in ("session.get Ticket",):
        if label in ours_b["ms"]:
            print(f"{'  (inside the above) ' + label:<60} {ours_b['ms'][label]:>8.2f}")
    sql_total = sum(count * mean for count, mean in ours_b["sql"].values())
    sql_count = sum(count for count, _ in ours_b["sql"].values())
    print(
        f"SQL: {sql_count:.1f} statements per complete, {sql_total:.2f} ms in cursor.execute "
        f"({sql_total / per_step * 100:.0f}% of the step)"
    )
    for key, (count, mean) in sorted(ours_b["sql"].items(), key=lambda kv: -kv[1][0] * kv[1][1]):
        print(f"    {key:<40} {count:>4.1f}/step  {mean:>6.2f} ms each")
    print(
        "raw path, same N, per step: "
        + ", ".join(f"{label} {ms / raw_steps:.2f} ms" for label, ms in raw_phases.items())
    )
    print()
    print("cProfile, our timed sections, top functions by own time:")
    print(top)


# ---------------------------------------------------------------- main


def summarise(values: list[float]) -> tuple[float, float]:
    return percentile(values, 50), percentile(values, 95)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sqlite", action="store_true", help="use a temporary SQLite file instead of PostgreSQL"
    )
    parser.add_argument("--quick", action="store_true", help="fewer samples")
    parser.add_argument(
        "--profile", action="store_true", help="break our path down even if the ratio meets the goal"
    )
    args = parser.parse_args()
    kind = "sqlite" if args.sqlite else "postgresql"
    instances = INSTANCES_QUICK if args.quick else INSTANCES
    began = time.perf_counter()
    load_before = os.getloadavg()[0]

    with tempfile.TemporaryDirectory(prefix="bench-engine-") as tmp, throwaway_database(kind) as url:
        tmp_path = Path(tmp)
        bpmn_path = tmp_path / "bpmn"
        write_sequential_processes(bpmn_path, SIZES)
        app = make_app(url, tmp_path / "instance", bpmn_path)
        size_of_payload = len(json.dumps(payload(), ensure_ascii=False).encode("utf-8"))
        print(
            f"engine_step on {kind}: sizes {SIZES}, instances per size {instances}, payload {size_of_payload} "
            f"bytes (UTF-8 JSON); the three paths' steps interleaved; {os.cpu_count()} CPUs, "
            f"load average {load_before:.2f}",
            flush=True,
        )
        results: dict[str, dict[str, Any]] = {}
        raw_phases: dict[int, tuple[dict[str, float], int]] = {}
        breakdown = None
        with app.app_context():
            from app.extensions import db

            raw, raw_db = RawRunner(bpmn_path), RawRunner(bpmn_path, engine=db.engine)
            ours = OursRunner(app)
            run_interleaved(ours, [raw, raw_db], 10)  # warm-up: imports, caches, connection pool
            for n in SIZES:
                our_times, our_statements, raw_times, raw_db_times = [], [], [], []
                phases: dict[str, float] = defaultdict(float)
                for _ in range(instances[n]):
                    our_run, (raw_run, raw_db_run) = run_interleaved(ours, [raw, raw_db], n)
                    our_times += our_run["times"]
                    our_statements += our_run["statements"]
                    raw_times += raw_run["times"]
                    raw_db_times += raw_db_run["times"]
                    for label, ms in raw_run["phases"].items():
                        phases[label] += ms
                raw_phases[n] = (dict(phases), len(raw_times))
                o50, o95 = summarise(our_times)
                r50, r95 = summarise(raw_times)
                d50, d95 = summarise(raw_db_times)
                results[str(n)] = {
                    "ours_p50_ms": round(o50, 2),
                    "ours_p95_ms": round(o95, 2),
                    "raw_p50_ms": round(r50, 2),
                    "raw_p95_ms": round(r95, 2),
                    "ratio_p50": round(o50 / r50, 2),
                    "ratio_p95": round(o95 / r95, 2),
                    "state_bytes": our_run["end_bytes"],
                    "raw_state_bytes": raw_run["end_bytes"],
                    "state_bytes_mid": our_run["mid_bytes"],
                    "raw_state_bytes_mid": raw_run["mid_bytes"],
                    "raw_db_p50_ms": round(d50, 2),
                    "raw_db_p95_ms": round(d95, 2),
                    "ratio_db_p50": round(o50 / d50, 2),
                    "ratio_db_p95": round(o95 / d95, 2),
                    "sql_statements_per_complete": round(sum(our_statements) / len(our_statements), 1),
                    "samples": len(our_times),
                }
                print(f"  N={n}: {len(our_times)} steps of each path", flush=True)
            worst = max(max(r["ratio_p50"], r["ratio_p95"]) for r in results.values())
            if worst > RATIO_GOAL or args.profile:
                breakdown = (breakdown_ours(ours, BREAKDOWN_N), profile_top(ours, BREAKDOWN_N))
            db.session.remove()
            db.engine.dispose()
    load_after = os.getloadavg()[0]

    print()
    print(
        f"One user-task completion, {kind}. ours = flows.complete + commit; raw = deserialize_json → run → "
        f"serialize_json;\nraw+db = raw plus SELECT and UPDATE of the blob in one transaction (a floor for any "
        f"engine that keeps state in the DB)"
    )
    header = (
        f"{'N':>4} {'ours p50':>9} {'ours p95':>9} {'raw p50':>8} {'raw p95':>8} {'x p50':>6} {'x p95':>6}  "
        f"{'raw+db p50':>10} {'p95':>6} {'x p50':>5} {'x p95':>5}  {'SQL':>4}  "
        f"{'state mid':>9} {'end':>7}  {'raw mid':>7} {'end':>7}"
    )
    print(header)
    print("-" * len(header))
    for n in SIZES:
        r = results[str(n)]
        flag = "" if max(r["ratio_p50"], r["ratio_p95"]) <= RATIO_GOAL else "  > goal"
        print(
            f"{n:>4} {r['ours_p50_ms']:>7.2f}ms {r['ours_p95_ms']:>7.2f}ms {r['raw_p50_ms']:>6.2f}ms "
            f"{r['raw_p95_ms']:>6.2f}ms {r['ratio_p50']:>5.2f}x {r['ratio_p95']:>5.2f}x  "
            f"{r['raw_db_p50_ms']:>8.2f}ms {r['raw_db_p95_ms']:>6.2f} {r['ratio_db_p50']:>4.2f}x "
            f"{r['ratio_db_p95']:>4.2f}x  {r['sql_statements_per_complete']:>4.1f}  "
            f"{r['state_bytes_mid']:>9,} {r['state_bytes']:>7,}  {r['raw_state_bytes_mid']:>7,} "
            f"{r['raw_state_bytes']:>7,}{flag}"
        )
    print(
        f"goal: ours/raw ≤ {RATIO_GOAL}x at p50 and p95 (x = ratio). SQL = statements per complete. Sizes in "
        f"bytes: len(json.dumps(instance.state)) (no specs) / len(serialize_json(wf)) (specs included), "
        f"mid-way and at the end"
    )
    if max(load_before, load_after) > (os.cpu_count() or 1) * 0.75:
        print(
            f"note: the machine was busy (load average {load_before:.2f} → {load_after:.2f} on {os.cpu_count()} "
            f"CPUs); each SQL round trip waits for the database process to be scheduled, so ours suffers more "
            f"than raw"
        )

    if breakdown is not None:
        phases, steps = raw_phases[BREAKDOWN_N]
        print_breakdown(kind, BREAKDOWN_N, breakdown[0], phases, steps, breakdown[1])

    print()
    print(f"elapsed {time.perf_counter() - began:.1f} s")
    print(json.dumps({"bench": "engine_step", "db": kind, "results": results}, ensure_ascii=False))


if __name__ == "__main__":
    main()
