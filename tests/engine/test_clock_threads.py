import threading
from datetime import UTC, datetime, timedelta, timezone

from SpiffWorkflow.bpmn.specs.event_definitions import timer as spiff_timer

from engine.clock import FixedClock, SystemClock, engine_now, use_clock
from engine.runtime import WorkflowRuntime


def due_in_days(start: str, days: int) -> str:
    return (datetime.fromisoformat(start) + timedelta(days=days)).isoformat()


def test_fixed_clock_moves_only_when_told():
    start = datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=8)))
    clock = FixedClock(start)
    assert clock.now() == start and clock.now().utcoffset() == timedelta(0)
    clock.advance(timedelta(hours=1))
    assert clock.now() == start + timedelta(hours=1)
    clock.set(start)
    assert clock.now() == start


def test_system_clock_is_aware_utc():
    assert SystemClock().now().utcoffset() == timedelta(0)


def test_engine_clock_is_scoped_to_the_block():
    fixed = FixedClock(datetime(2030, 1, 1, tzinfo=UTC))
    with use_clock(fixed):
        assert engine_now() == fixed.now()
        assert spiff_timer.datetime.now(UTC) == fixed.now()
    assert abs(engine_now() - datetime.now(UTC)) < timedelta(seconds=5)


def test_threads_with_different_clocks_see_their_own_time(library):
    pv = library.current("rectification")
    base = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    barrier = threading.Barrier(2, timeout=30)
    errors = []

    def work(offset_days):
        clock = FixedClock(base + timedelta(days=offset_days))
        runtime = WorkflowRuntime(clock=clock, helpers={"due_in_days": due_in_days})
        try:
            for _ in range(30):
                barrier.wait()
                wf = runtime.start(pv, {"ordered_at": clock.now().isoformat()})
                runtime.complete(wf, runtime.ready_user_tasks(wf)[0].task_id, {})
                (timer,) = runtime.waiting_timers(wf)
                if timer.run_at != clock.now() + timedelta(days=3):
                    errors.append((offset_days, timer.run_at))
        except Exception as exc:  # reported by the assertion below
            barrier.abort()
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(days,)) for days in (0, 100)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
