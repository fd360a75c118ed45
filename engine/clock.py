"""Engine clocks, and the hook that makes them authoritative for SpiffWorkflow timers.

SpiffWorkflow's timer event definitions read the current time through the
module-level name ``datetime`` of ``SpiffWorkflow.bpmn.specs.event_definitions.timer``.
:func:`install_spiff_clock` replaces that name once with a ``datetime`` subclass whose
``now()`` returns the time of the clock activated by :func:`use_clock` in the current
context (thread / task), or the real time when none is active.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol

from SpiffWorkflow.bpmn.specs.event_definitions import timer as spiff_timer


class Clock(Protocol):
    def now(self) -> datetime:
        """Current time, timezone-aware UTC."""


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A manually driven clock for tests and simulations."""

    def __init__(self, now: datetime) -> None:
        self._now = _require_aware(now)

    def now(self) -> datetime:
        return self._now

    def set(self, now: datetime) -> None:
        self._now = _require_aware(now)

    def advance(self, delta: timedelta) -> None:
        self._now += delta


def _require_aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("clock times must be timezone-aware")
    return value.astimezone(UTC)


_active_clock: ContextVar[Clock | None] = ContextVar("engine_clock", default=None)


def engine_now() -> datetime:
    """Time of the clock active in this context, else the real time (aware UTC)."""
    clock = _active_clock.get()
    return clock.now() if clock is not None else datetime.now(UTC)


@contextmanager
def use_clock(clock: Clock) -> Iterator[None]:
    """Make ``clock`` the engine time for the current context while the block runs."""
    token = _active_clock.set(clock)
    try:
        yield
    finally:
        _active_clock.reset(token)


class _EngineDatetime(datetime):
    """``datetime`` whose ``now()`` follows the engine clock; used only inside SpiffWorkflow."""

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> datetime:
        current = engine_now()
        if tz is None:
            return current.astimezone().replace(tzinfo=None)
        return current.astimezone(tz)


_install_lock = threading.Lock()


def install_spiff_clock() -> None:
    """Route SpiffWorkflow's timer ``datetime.now()`` calls to the engine clock (idempotent)."""
    with _install_lock:
        if spiff_timer.datetime is not _EngineDatetime:
            spiff_timer.datetime = _EngineDatetime
