"""The scheduler loop: takes the lease, catches up on due timers at once, releases on stop."""
from __future__ import annotations

import threading
from datetime import timedelta

from app.scheduling import lease
from app.scheduling.runner import holder_name, run
from app.tickets.models import Ticket
from tests.factories import make_ticket


def test_scheduler_catches_up_on_due_timers_when_it_starts(app, db_session, env, clock):
    ticket_id = make_ticket(db_session, env).id
    clock.advance(timedelta(days=10))  # the deadline passed while no scheduler ran
    db_session.remove()
    stop = threading.Event()
    thread = threading.Thread(target=run, args=(app, stop))
    thread.start()
    try:
        for _ in range(100):
            db_session.expire_all()
            if db_session.get(Ticket, ticket_id).status == "deemed_accepted":
                break
            stop.wait(0.1)
        assert db_session.get(Ticket, ticket_id).status == "deemed_accepted"
        assert lease.current(db_session).holder == holder_name()
    finally:
        stop.set()
        thread.join(10)
        db_session.remove()
    assert lease.current(db_session).expires_at <= clock.now()  # released for the next one
