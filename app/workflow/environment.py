"""The engine objects one application uses: spec library, runtime, serializer.

Built once in create_app and kept in `app.extensions["workflow"]`. Nothing in
it is state another worker needs: specs are parsed from files or from the
sources stored in `process_version`, and cached per version.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from app.workflow.hot_cache import HotWorkflows
from app.workflow.projections import LaneRoles
from engine.calendar import WorkingDayCalendar
from engine.clock import Clock
from engine.runtime import WorkflowRuntime
from engine.serializer import StateSerializer
from engine.specs import SpecLibrary


@dataclass
class WorkflowEnvironment:
    library: SpecLibrary
    runtime: WorkflowRuntime
    serializer: StateSerializer
    tz: ZoneInfo
    calendar: Callable[[], WorkingDayCalendar]  # the current working-day calendar
    hot: HotWorkflows | None = None  # workflows of the last committed saves (app/workflow/hot_cache.py)
    lanes: LaneRoles = field(default_factory=LaneRoles)  # lane name -> role code

    @property
    def clock(self) -> Clock:
        return self.runtime.clock


def build_environment(
    *, bpmn_path: str | Path, clock: Clock, helpers: Mapping[str, Callable], tz: ZoneInfo,
    calendar: Callable[[], WorkingDayCalendar], hot_cache_size: int = 0,
) -> WorkflowEnvironment:
    runtime = WorkflowRuntime(clock=clock, helpers=helpers)
    return WorkflowEnvironment(
        library=SpecLibrary.from_directory(bpmn_path),
        runtime=runtime,
        serializer=StateSerializer(runtime.script_engine),
        tz=tz,
        calendar=calendar,
        hot=HotWorkflows(hot_cache_size) if hot_cache_size > 0 else None,
    )
