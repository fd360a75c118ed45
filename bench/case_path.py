"""Benchmark of one whole case through the HTTP API: the penalty-with-hearing path, ticket to archive.

    .venv/bin/python bench/case_path.py             # PostgreSQL, a throw-away database
    .venv/bin/python bench/case_path.py --sqlite    # a temporary SQLite file
    .venv/bin/python bench/case_path.py --runs 10   # more cases (default 5)

Builds the real app on a throw-away database (real migrations, a FixedClock the driver moves),
creates the demo users (tests.factories.create_demo_users) and then drives complete cases, one
after the other, through the API with each role's own bearer token, using the CaseDriver and the
payload builders of tests/integration/cases/helpers.py. The path is the one of
tests/integration/cases/test_case_paths_api.py::test_7 plus its close_case helper:

    ticket: 登记 → 指派办理人 → 核查 (accept) → case: 立案审批 → 指派承办执法人员 → 调查取证记录 (conclude)
    → 拟定处理意见 → 审核处理意见 → 拟处罚 (organisation, 150,000, major case) → 事先告知书送达
    → 听证申请登记 → 陈述申辩登记 (raised) → 复核陈述申辩意见 → 听证通知 → 举行听证 → 听证笔录 → 法制审核
    → 集体讨论 → 负责人审批 → 制作处罚决定书 → 报上级备案 → 处罚决定书送达 → (payment timer fires) → 计算加处罚款
    → 催告书送达 → (demand timer fires) → 强制执行申请审批 → 申请法院强制执行 → 结案审批
    → 告知投诉人处理结果 → 归档

with the same checks after every step (stage, status, next open tasks and their routing) and the
same clock moves, each followed by app.workflow.timers.wake_due_instances as the scheduler's
sweep does. Every case starts with the clock set back to Thu 2026-12-03 09:00 (the payloads carry
fixed dates); the earlier cases are closed and hold no timers.

Timed: only the POST /api/v1/tasks/<id>/complete request (Flask test client, wall clock, token
already issued), grouped by task title; the SQL statements each one sends are counted too. Not
timed: logins, task lists, claims, form reads, the checks. A warm-up case runs first (--warmup,
default 1) and is left out of the figures. Reported: p50/p95 per task title across the runs, p50/p95
over all completions, completions per case, the closed case's stored state (len(json.dumps(state))
of every process_instance row with business_type 'case' of that case: sum and largest; the
ticket's instance is shown apart), the wall time of a whole case (checks included); a table, and
one JSON line last.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select  # noqa: E402

from bench._setup import NOW, StatementCounter, make_demo_app, percentile, throwaway_database  # noqa: E402
from engine.clock import FixedClock  # noqa: E402
from tests.integration.cases import helpers as h  # noqa: E402
from tests.integration.cases.test_case_paths_api import penalty_with_hearing_path  # noqa: E402

COMPLETE_PATH = re.compile(r"/api/v1/tasks/(\d+)/complete")
TOKEN_HOURS = 24 * 400  # the path spans a month of the FixedClock: one login per user for the whole bench



# ---------------------------------------------------------------- timing hooks on the test driver


class TimedApi(h.Api):
    """h.Api that times every POST /api/v1/tasks/<id>/complete (the request only, token in hand)."""

    def __init__(self, app, sql: StatementCounter) -> None:
        super().__init__(app)
        self.sql = sql
        self.title: str | None = None  # set by the driver just before it completes a task
        self.samples: list[tuple[str, float, int]] = []  # (title, ms, SQL statements)

    def call(self, method: str, username: str, path: str, **kwargs):
        headers = {"Authorization": f"Bearer {self.token(username)}"}  # a login, if any, is not timed
        match = COMPLETE_PATH.fullmatch(path)
        if method != "POST" or match is None:
            return self.client.open(path, method=method, headers=headers, **kwargs)
        self.sql.count, self.sql.active = 0, True
        started = time.perf_counter()
        response = self.client.open(path, method=method, headers=headers, **kwargs)
        elapsed = (time.perf_counter() - started) * 1000
        self.sql.active = False
        if response.status_code == 200:
            self.samples.append((self.title or f"task {match.group(1)}", elapsed, self.sql.count))
        self.title = None
        return response


class BenchDriver(h.CaseDriver):
    """CaseDriver that names each completion for TimedApi and wakes timers in an app context of its own
    (no app context stays open between requests, so every request gets a fresh session and `g`)."""

    def __init__(self, api: TimedApi, app, clock: FixedClock) -> None:
        super().__init__(api, clock=clock, env=app.extensions["workflow"])
        self.app = app
        self.woken: list[tuple[str, int]] = []

    def complete(self, username: str, title: str, data: dict, *, claim: bool = True) -> list[dict]:
        self.api.title = title
        return super().complete(username, title, data, claim=claim)

    def assign_ticket(self, handler: str = "officer1") -> None:
        self.api.title = "指派办理人"
        super().assign_ticket(handler)

    def verify_ticket(self, handler: str = "officer1", conclusion: str = "accept") -> list[dict]:
        self.api.title = "核查"
        return super().verify_ticket(handler, conclusion)

    def advance_to(self, when: datetime) -> int:
        from app.extensions import db

        with self.app.app_context():
            self.session = db.session
            try:
                woken = super().advance_to(when)
            finally:
                self.session = None
        self.woken.append((when.isoformat(), woken))
        return woken


# ---------------------------------------------------------------- the path (test_7 + close_case)


def state_sizes(app, case_id: int, ticket_id: int) -> dict[str, Any]:
    """len(json.dumps(state)) of every process_instance row of the case (and of its ticket)."""
    from app.extensions import db
    from app.workflow.models import ProcessInstance

    with app.app_context():
        rows = db.session.execute(
            select(ProcessInstance.id, ProcessInstance.business_type, ProcessInstance.process_key,
                   ProcessInstance.status, ProcessInstance.state)
            .where(((ProcessInstance.business_type == "case") & (ProcessInstance.business_id == case_id))
                   | ((ProcessInstance.business_type == "ticket") & (ProcessInstance.business_id == ticket_id)))
            .order_by(ProcessInstance.id)
        ).all()
    case_rows = [(r.id, r.process_key, r.status, len(json.dumps(r.state))) for r in rows if r.business_type == "case"]
    ticket_rows = [(r.id, r.process_key, r.status, len(json.dumps(r.state))) for r in rows
                   if r.business_type == "ticket"]
    assert case_rows, f"no process_instance row for case {case_id}"
    return {
        "instances": case_rows,
        "bytes": sum(b for *_, b in case_rows),
        "largest": max(b for *_, b in case_rows),
        "ticket_bytes": sum(b for *_, b in ticket_rows),
        "open": [r for r in case_rows + ticket_rows if r[2] != "completed"],
    }


def run_case(app, api: TimedApi, clock: FixedClock) -> dict[str, Any]:
    clock.set(NOW)  # the payloads carry fixed dates: every case starts on Thu 2026-12-03 09:00
    flow = BenchDriver(api, app, clock)
    first = len(api.samples)
    started = time.perf_counter()
    try:
        case = penalty_with_hearing_path(flow)
    except AssertionError as exc:
        done = [title for title, *_ in api.samples[first:]]
        raise SystemExit(
            f"the path failed after {len(done)} completions (last: {done[-1] if done else '-'}): {exc!r}"
        ) from exc
    wall = time.perf_counter() - started
    sizes = state_sizes(app, case["id"], flow.ticket["id"])
    return {"samples": api.samples[first:], "wall_s": wall, "case": case["number"], "woken": flow.woken, **sizes}


# ---------------------------------------------------------------- output


def _pad(label: str, width: int) -> str:
    """Left-justify counting CJK characters as two columns."""
    shown = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in label)
    return label + " " * max(0, width - shown)


def print_tables(kind: str, runs: list[dict[str, Any]], warmups: list[dict[str, Any]],
                 by_title: dict[str, list[tuple[float, int]]], all_ms: list[float]) -> None:
    width = 24
    print(f"\n POST /api/v1/tasks/<id>/complete on {kind}, by task (in path order): {len(runs)} cases; ms wall clock")
    print(" " + _pad("task", width) + f"{'n':>4} {'p50':>8} {'p95':>8} {'max':>8} {'SQL':>6}")
    print(" " + "-" * (width + 38))
    for title, samples in by_title.items():
        ms = [m for m, _ in samples]
        sql = sum(s for _, s in samples) / len(samples)
        print(" " + _pad(title, width) + f"{len(ms):>4} {percentile(ms, 50):>8.2f} {percentile(ms, 95):>8.2f} "
              f"{max(ms):>8.2f} {sql:>6.1f}")
    print(" " + "-" * (width + 38))
    print(" " + _pad("all completions", width) + f"{len(all_ms):>4} {percentile(all_ms, 50):>8.2f} "
          f"{percentile(all_ms, 95):>8.2f} {max(all_ms):>8.2f}")
    print(" SQL = statements per completion (mean)")

    print(f"\n per case ({'warm-up + ' if warmups else ''}timed cases)")
    print(f" {'':<8} {'case':<22} {'wall s':>7} {'done':>5} {'Σ complete s':>13} {'p50 ms':>7} {'p95 ms':>7} "
          f"{'state B':>9} {'largest':>9} {'ticket B':>9}")
    for label, run in [*(("warm-up", r) for r in warmups), *((f"run {i}", r) for i, r in enumerate(runs, 1))]:
        ms = [m for _, m, _ in run["samples"]]
        print(f" {label:<8} {_pad(run['case'], 22)} {run['wall_s']:>7.2f} {len(ms):>5} {sum(ms) / 1000:>13.2f} "
              f"{percentile(ms, 50):>7.2f} {percentile(ms, 95):>7.2f} {run['bytes']:>9,} {run['largest']:>9,} "
              f"{run['ticket_bytes']:>9,}")
    last = runs[-1]
    print("\n process_instance rows of the last closed case: "
          + ", ".join(f"#{i} {key} {status} {size:,} B" for i, key, status, size in last["instances"]))
    print(" clock moves (wake_due_instances → instances advanced): "
          + ", ".join(f"{when[:16]}→{n}" for when, n in last["woken"]))


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sqlite", action="store_true", help="a temporary SQLite file instead of PostgreSQL")
    parser.add_argument("--runs", type=int, default=5, help="timed cases (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed cases first (default 1)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    kind = "sqlite" if args.sqlite else "postgresql"
    began = time.perf_counter()
    load_before = os.getloadavg()[0]

    with tempfile.TemporaryDirectory(prefix="bench-case-") as tmp, throwaway_database(kind) as url:
        clock = FixedClock(NOW)
        app, engine = make_demo_app(url, Path(tmp) / "instance", clock, API_TOKEN_HOURS=TOKEN_HOURS)
        print(f"case_path on {kind}: migrated, demo users; {args.warmup} warm-up + {args.runs} timed cases; "
              f"{os.cpu_count()} CPUs, load average {load_before:.2f}", flush=True)
        api = TimedApi(app, StatementCounter(engine))
        warmups, runs = [], []
        for i in range(args.warmup + args.runs):
            result = run_case(app, api, clock)
            (warmups if i < args.warmup else runs).append(result)
            label = "warm-up" if i < args.warmup else f"run {i - args.warmup + 1}"
            print(f"  {label}: {result['case']} closed, {len(result['samples'])} completions, "
                  f"{result['wall_s']:.2f} s", flush=True)
            if result["open"]:
                print(f"  note: instances not completed after the archive: {result['open']}")
        engine.dispose()
    load_after = os.getloadavg()[0]

    counts = {len(r["samples"]) for r in runs}
    if len(counts) != 1:
        print(f"note: the cases had different numbers of completions: {sorted(counts)}")
    by_title: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for run in runs:
        for title, ms, sql in run["samples"]:
            by_title[title].append((ms, sql))
    all_ms = [m for run in runs for _, m, _ in run["samples"]]
    all_sql = [s for run in runs for *_, s in run["samples"]]
    print_tables(kind, runs, warmups, by_title, all_ms)

    slowest = sorted(((t, round(percentile([m for m, _ in s], 95), 2)) for t, s in by_title.items()),
                     key=lambda item: -item[1])[:5]
    walls = [r["wall_s"] for r in runs]
    last = runs[-1]
    if max(load_before, load_after) > (os.cpu_count() or 1) * 0.75:
        print(f"\n note: the machine was busy (load average {load_before:.2f} → {load_after:.2f} on "
              f"{os.cpu_count()} CPUs)")
    elapsed = time.perf_counter() - began
    print(f"\n completions per case {max(counts)}; complete p50 {percentile(all_ms, 50):.2f} ms, "
          f"p95 {percentile(all_ms, 95):.2f} ms; case wall p50 {percentile(walls, 50):.2f} s "
          f"(checks, lists and logins included); closed case state {last['bytes']:,} B in "
          f"{len(last['instances'])} instance(s), largest {last['largest']:,} B; elapsed {elapsed:.1f} s\n")
    print(json.dumps({
        "bench": "case_path", "db": kind, "runs": len(runs), "warmup": len(warmups),
        "completions_per_case": max(counts),
        "complete_p50_ms": round(percentile(all_ms, 50), 2),
        "complete_p95_ms": round(percentile(all_ms, 95), 2),
        "complete_max_ms": round(max(all_ms), 2),
        "sql_per_complete": round(sum(all_sql) / len(all_sql), 1),
        "slowest_tasks": [list(item) for item in slowest],
        "closed_case_state_bytes": last["bytes"],
        "largest_instance_state_bytes": last["largest"],
        "case_instances": len(last["instances"]),
        "ticket_state_bytes": last["ticket_bytes"],
        "case_wall_s": round(percentile(walls, 50), 2),
        "case_wall_s_max": round(max(walls), 2),
        "seconds": round(elapsed, 1),
    }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
