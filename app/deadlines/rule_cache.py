"""The clock rules as the BPMN helpers read them: cached per process, re-read every 30 s,
so that an administrator's change (e.g. 陈述申辩 3 → 5 working days) reaches new periods."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from app.deadlines.models import ClockRuleRecord
from engine.clocks import ClockRule, Unit


class RuleCache:
    def __init__(self, engine: Engine, *, check_seconds: float = 30.0,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self._engine, self._check_seconds, self._monotonic = engine, check_seconds, monotonic
        self._lock = threading.Lock()
        self._rules: dict[str, ClockRule] = {}
        self._loaded_at: float | None = None

    def rule(self, code: str) -> ClockRule:
        with self._lock:
            if self._loaded_at is None or self._monotonic() - self._loaded_at > self._check_seconds:
                self._rules = self._load()
                self._loaded_at = self._monotonic()
            return self._rules[code]

    def invalidate(self) -> None:
        with self._lock:
            self._loaded_at = None

    def _load(self) -> dict[str, ClockRule]:
        with Session(self._engine) as session:
            return {
                r.code: ClockRule(code=r.code, name=r.name, amount=r.amount, unit=Unit(r.unit), source=r.source,
                                  pausable=r.pausable, extendable=r.extendable, extension_amount=r.extension_amount,
                                  start_event=r.start_event)
                for r in session.scalars(select(ClockRuleRecord))
            }
