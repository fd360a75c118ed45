from datetime import UTC, datetime, timedelta, timezone


def test_boundary_timer_reports_due_date_from_helper(start_case, clock):
    t0 = clock.now()
    case = start_case("rectification", {"ordered_at": t0.isoformat()})

    assert case.ready_summary() == [("Confirm wages paid", None, "payment_form")]
    (timer,) = case.runtime.waiting_timers(case.wf)
    assert timer.bpmn_id == "payment_deadline"
    assert timer.run_at == t0 + timedelta(days=5)
    assert timer.run_at.tzinfo is not None and timer.run_at.utcoffset() == timedelta(0)
    assert type(timer.run_at) is datetime


def test_boundary_timer_fires_only_after_the_clock_passes_it(start_case, clock):
    t0 = clock.now()
    case = start_case("rectification", {"ordered_at": t0.isoformat()})

    assert case.advance() is False
    clock.advance(timedelta(days=5) - timedelta(seconds=1))
    assert case.advance() is False
    assert case.ready_summary() == [("Confirm wages paid", None, "payment_form")]

    clock.advance(timedelta(seconds=2))
    assert case.advance() is True
    assert case.ready_summary() == [("Decide on penalty", None, "penalty_form")]
    assert case.runtime.waiting_timers(case.wf) == []
    assert case.advance() is False


def test_intermediate_duration_timer_counts_from_the_engine_clock(start_case, clock):
    t0 = clock.now()
    case = start_case("rectification", {"ordered_at": t0.isoformat()})
    clock.advance(timedelta(days=1))
    case.complete("await_payment", {"paid": True})

    assert case.ready() == []
    (timer,) = case.runtime.waiting_timers(case.wf)
    assert (timer.bpmn_id, timer.run_at) == ("cooling_off", t0 + timedelta(days=4))

    clock.set(t0 + timedelta(days=3, hours=23))
    assert case.advance() is False
    assert case.ready() == []

    clock.set(t0 + timedelta(days=4, minutes=1))
    assert case.advance() is True
    assert case.ready_summary() == [("Close case", None, "closing_form")]
    case.complete("close_case")
    assert case.runtime.is_completed(case.wf)


def test_timer_due_dates_use_the_time_zone_of_the_expression(start_case):
    local_order = datetime(2026, 3, 2, 17, 0, tzinfo=timezone(timedelta(hours=8)))
    case = start_case("rectification", {"ordered_at": local_order.isoformat()})
    (timer,) = case.runtime.waiting_timers(case.wf)
    assert timer.run_at == datetime(2026, 3, 7, 9, 0, tzinfo=UTC)
