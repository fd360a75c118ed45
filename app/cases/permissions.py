"""Who may see a case: its two inspectors and their section, the section chief, the leaders."""
from __future__ import annotations

from app.auth.models import User
from app.cases.models import Case


def may_view_case(user: User, case: Case) -> bool:
    if user.has_permission("case.view_all"):
        return True
    if user.id in (case.handler_id, case.co_handler_id):
        return True
    if "chief" in user.role_codes or "clerk" in user.role_codes or "reviewer" in user.role_codes:
        return case.team is None or case.team == user.team
    return "officer" in user.role_codes and case.team is not None and case.team == user.team
