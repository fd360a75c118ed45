"""A case with its inspectors, logged-in page clients and valid ID numbers for the roster and attachment tests."""
from __future__ import annotations

from flask import g
from flask.testing import FlaskClient

from app.cases import service as cases
from app.cases.models import Case
from app.tasks import flows
from app.validation.identity import gb11643_check_char
from tests.factories import PASSWORD, make_ticket, open_task, user


def open_case(app, session, env, *, handler: str = "officer1", co_handler: str | None = None) -> Case:
    """Register a ticket, let the chief assign it and officer1 accept it: a case opens. Its inspectors
    are set as the case process would set them."""
    ticket = make_ticket(session, env)
    registry = app.extensions["forms"]
    flows.complete(session, env=env, registry=registry, task_id=open_task(session, ticket.id).id,
                   user=user(session, "chief"), data={"handler": "officer1", "assigned_on": "2026-12-03"})
    session.commit()
    flows.complete(session, env=env, registry=registry, task_id=open_task(session, ticket.id).id,
                   user=user(session, "officer1"),
                   data={"verification_notes": "核实欠薪属实，双方存在劳动关系。", "conclusion": "accept"})
    session.commit()
    case = cases.for_ticket(session, ticket_id=ticket.id)
    case.handler_id = user(session, handler).id
    case.co_handler_id = user(session, co_handler).id if co_handler else None
    session.commit()
    return case


class PageClient(FlaskClient):
    """A test client whose every request loads its own session's user. The tests run inside one app
    context, which requests reuse, so Flask-Login's user cached in `g` would leak between clients."""

    def open(self, *args, **kwargs):
        g.pop("_login_user", None)
        g.pop("api_user", None)
        return super().open(*args, **kwargs)


def login(app, username: str) -> PageClient:
    client = PageClient(app, app.response_class, use_cookies=True)
    r = client.post("/login", data={"username": username, "password": PASSWORD})
    assert r.status_code == 302, r.get_data(as_text=True)
    return client


def mainland_id(body: str = "44040219850312123") -> str:
    """A resident ID number with its correct check character (Zhuhai, born 1985-03-12)."""
    return body + gb11643_check_char(body)


def wrong_check(number: str) -> str:
    last = number[-1]
    return number[:-1] + ("1" if last != "1" else "2")


MACAO_ID = "1234567(8)"
