"""Workflows kept in memory between saves, so that the next step of an instance skips reading
and deserializing its state.

After a transaction that saved an instance commits, the workflow object that was saved is
kept here with the row version it equals (the optimistic-lock `version`, which every UPDATE
of the row bumps). The next writer that loads the instance at that same version takes the
object out (one user at a time: taking removes it) instead of deserializing; any other
version (another worker saved meanwhile, a data correction) is a miss and the stored state is
read as before. Nothing uncommitted is ever kept: a rolled-back save leaves no entry, and an
object a failed step half-ran is never saved, so never kept.

Each entry also carries what its save projected (the ids of the completed tasks and the
waiting timers), so the next save compares with those instead of reading the old state and
the timer rows back.

Read-only uses (pages, documents, diagrams) load from the stored state as before. The cache
is per process and bounded (WORKFLOW_CACHE_SIZE instances, least recently saved dropped
first; 0 turns it off). After a database restore, restart the workers (as for any restore).
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from SpiffWorkflow.bpmn import BpmnWorkflow
from sqlalchemy import event
from sqlalchemy.orm import Session

PENDING = "hot_workflows.pending"  # session.info: instance id -> (cache, entry) saved, not yet committed
BASELINES = "hot_workflows.baselines"  # session.info: instance id -> Baseline of the workflow being worked on

TimerKey = tuple[str, str, object]  # (task guid, bpmn id, run_at): one `timer` row


@dataclass(frozen=True)
class Baseline:
    """What the stored state of an instance holds, as far as a save compares with it."""

    completed_ids: frozenset[str]
    timers: frozenset[TimerKey] | None  # None: not known, read the `timer` rows


@dataclass(frozen=True)
class Entry:
    key: tuple[int, int, int]  # (instance id, row version, process version id)
    workflow: BpmnWorkflow
    baseline: Baseline


class HotWorkflows:
    """A bounded, thread-safe map instance id -> the workflow of its last committed save."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[int, Entry] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def take(self, key: tuple[int, int, int]) -> Entry | None:
        """The entry saved at exactly `key`, removed from the cache; None otherwise."""
        with self._lock:
            entry = self._entries.pop(key[0], None)
            if entry is not None and entry.key == key:
                self.hits += 1
                return entry
            self.misses += 1
            return None

    def put(self, entry: Entry) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._entries.pop(entry.key[0], None)
            self._entries[entry.key[0]] = entry
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)


def remember(session: Session, cache: HotWorkflows | None, entry: Entry) -> None:
    """Keep `entry` once the session's transaction commits (a later save of the instance in the same
    transaction replaces it)."""
    if cache is not None and cache.size > 0:
        session.info.setdefault(PENDING, {})[entry.key[0]] = (cache, entry)


def set_baseline(session: Session, instance_id: int, baseline: Baseline) -> None:
    session.info.setdefault(BASELINES, {})[instance_id] = baseline


def pop_baseline(session: Session, instance_id: int) -> Baseline | None:
    return session.info.get(BASELINES, {}).pop(instance_id, None)


def _forget(session: Session) -> dict:
    session.info.pop(BASELINES, None)
    return session.info.pop(PENDING, None) or {}


@event.listens_for(Session, "after_commit")
def _publish(session: Session) -> None:
    for cache, entry in _forget(session).values():
        cache.put(entry)


@event.listens_for(Session, "after_soft_rollback")
def _forget_on_rollback(session: Session, previous_transaction) -> None:
    _forget(session)  # any rollback, a savepoint's included: what was saved may be gone


@event.listens_for(Session, "after_transaction_end")
def _forget_at_end(session: Session, transaction) -> None:
    if transaction.parent is None:  # the outermost transaction ended (after_commit has already run)
        _forget(session)
