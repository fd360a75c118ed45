"""Helpers for the case_handling path tests.

The process library is built from a temporary directory holding copies of
``bpmn/case_*.bpmn`` with the penalty procedure replaced by the test stub, so the
tests do not depend on the real ``bpmn/case_penalty.bpmn``.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from SpiffWorkflow.util.task import TaskState

from engine.clocks import GUANGDONG_DEFAULTS, amount_until
from engine.specs import SpecLibrary

from .conftest import FIXTURES, Case

ROOT = Path(__file__).resolve().parents[2]
BPMN_DIR = ROOT / "bpmn"
PENALTY_STUB = FIXTURES / "case_stubs" / "case_penalty_stub.bpmn"
BEIJING = timezone(timedelta(hours=8))


def case_bpmn_files() -> list[Path]:
    """Our case process files: bpmn/case_*.bpmn without the penalty procedure."""
    return sorted(f for f in BPMN_DIR.glob("case_*.bpmn") if f.name != "case_penalty.bpmn")


def build_case_library(directory: Path) -> SpecLibrary:
    for source in case_bpmn_files():
        shutil.copy(source, directory / source.name)
    shutil.copy(PENALTY_STUB, directory / "case_penalty.bpmn")
    return SpecLibrary.from_directory(directory)


def workdays_after(start: str, n: int) -> str:
    """Stand-in for the app helper of the same name (app/workflow/script_helpers.py):
    end of the n-th Monday-Friday after ``start`` (start not counted), Beijing time."""
    day = date.fromisoformat(str(start)[:10])
    counted = 0
    while counted < int(n):
        day += timedelta(days=1)
        if day.weekday() < 5:
            counted += 1
    return datetime.combine(day, time(23, 59, 59), tzinfo=BEIJING).isoformat()


def rule_deadline(code: str, start: str, due: str | None = None) -> str:
    """Stand-in for the app helper of the same name: the Guangdong default rule, counted on a
    Monday-Friday calendar like ``workdays_after`` above; with ``due``, the calendar days from
    ``start`` to ``due`` (责令改正期限)."""
    rule = next(r for r in GUANGDONG_DEFAULTS if r.code == code)
    start_on = date.fromisoformat(str(start)[:10])
    amount = amount_until(start_on, date.fromisoformat(str(due)[:10])) if due is not None else rule.amount
    if rule.unit.value == "workdays":
        return workdays_after(start, amount)
    day = start_on + timedelta(days=amount)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, time(23, 59, 59), tzinfo=BEIJING).isoformat()


def snapshot(case: Case) -> list[tuple[str, str | None, str | None]]:
    """(title, lane, stage) of every ready user task."""
    return [(task.title, task.lane, task.data.get("stage")) for task in case.ready()]


def expect(case: Case, *expected: tuple[str, str | None, str | None]) -> None:
    """The ready tasks are exactly ``expected`` (in any order); officer tasks go to the designated handler."""
    actual = snapshot(case)
    assert sorted(actual) == sorted(expected), f"ready tasks: {actual}"
    for task in case.ready():
        assert task.form_key, task.title
        if task.lane == "执法人员":
            assert task.properties.get("assigneeField") == "handler", task.title
            assert task.data.get("handler") == "zhang.wei"


def assert_finished(case: Case) -> None:
    """Completed, nothing ready, nothing waiting (no timer, no event) anywhere."""
    assert case.runtime.is_completed(case.wf)
    assert case.ready() == []
    assert case.runtime.waiting_timers(case.wf) == []
    assert case.wf.get_tasks(state=TaskState.READY | TaskState.WAITING) == []
