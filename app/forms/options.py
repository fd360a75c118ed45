"""Dynamic choice lists named by `x-options` in a form (e.g. `users:officer`)."""
from __future__ import annotations

from sqlalchemy.orm import Session

from app.auth import service as auth_service
from app.forms.registry import FormDefinition


def option_lists(session: Session, form: FormDefinition) -> dict[str, list[tuple[str, str]]]:
    lists: dict[str, list[tuple[str, str]]] = {}
    for prop in form.properties.values():
        source = prop.get("x-options")
        if not source or source in lists:
            continue
        kind, _, arg = source.partition(":")
        if kind == "users":
            users = auth_service.users_with_role(session, role_code=arg)
            lists[source] = [(u.username, f"{u.display_name}（{u.username}）") for u in users]
    return lists
