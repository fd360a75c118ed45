"""Recusal (回避): an inspector linked to a party must not carry the case.

An inspector applies for himself (or the chief records it for him) with a reason; the chief
(whoever may reassign) approves or rejects. An approved recusal makes the inspector ineligible
for the case: assigning the inspectors (form case_assign), reassigning the case and reassigning
one of its tasks refuse him with a Chinese error naming the field. If he holds the case when the
recusal is approved, the case page says that a replacement must be assigned.

A conservative hint on top: an inspector whose name equals a party's 法定代表人 / 负责人 /
授权委托人 / 欠薪直接责任人 or a complainant's name is not refused outright but must be
confirmed (field `recusal_confirmed`, 已核实无需回避). The name compared is the display name and
its last word ("执法人员 李明" → 李明). Every step is audited.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import service as audit
from app.auth.models import User
from app.cases.models import Case
from app.database import utcnow
from app.errors import Conflict, Forbidden, NotFound, ValidationFailed
from app.parties.models import Complainant, Party, Recusal

CONFIRM_FIELD = "recusal_confirmed"
ASSIGN_FIELDS = {"handler": "主办执法人员", "co_handler": "协办执法人员"}


def may_decide(user: User) -> bool:
    return user.has_permission("task.reassign")


def _user(session: Session, *, username: str | None = None, user_id: int | None = None) -> User | None:
    if user_id is not None:
        return session.get(User, user_id)
    if not username:
        return None
    return session.scalar(select(User).where(User.username == username))


def recusals(session: Session, *, case_id: int) -> list[Recusal]:
    return list(session.scalars(select(Recusal).where(Recusal.case_id == case_id).order_by(Recusal.id)))


def recused_user_ids(session: Session, *, case_id: int) -> set[int]:
    return set(session.scalars(select(Recusal.user_id).where(Recusal.case_id == case_id,
                                                             Recusal.status == "approved")))


def request(session: Session, *, case: Case, actor: User, username: str | None, reason: str) -> Recusal:
    """申请回避: an inspector for himself, or the chief for an inspector."""
    reason = (reason or "").strip()
    if len(reason) < 2:
        raise ValidationFailed("请填写回避理由", fields={"reason": ["请填写回避理由"]})
    target = actor if not username or username == actor.username else _user(session, username=username)
    if target is None or not target.is_active:
        raise ValidationFailed("执法人员不存在", fields={"username": ["用户不存在或已停用"]})
    if target.id != actor.id and not may_decide(actor):
        raise Forbidden("只能为本人申请回避；为他人登记回避须由科长办理")
    if "officer" not in target.role_codes:
        raise ValidationFailed("只有执法人员需要申请回避", fields={"username": ["所选人员不是执法人员"]})
    pending = session.scalar(select(Recusal).where(Recusal.case_id == case.id, Recusal.user_id == target.id,
                                                   Recusal.status.in_(("requested", "approved"))))
    if pending is not None:
        raise Conflict(f"{target.display_name}在本案已有{pending.status_label}的回避申请")
    recusal = Recusal(case_id=case.id, user_id=target.id, reason=reason, status="requested",
                      requested_by_id=actor.id)
    session.add(recusal)
    session.flush()
    audit.record(session, user_id=actor.id, action="case.recusal_request", object_type="case", object_id=case.id,
                 detail={"recusal_id": recusal.id, "inspector": target.username, "reason": reason})
    return recusal


def decide(session: Session, *, case: Case, actor: User, recusal_id: int, approve: bool, note: str = "") -> Recusal:
    """The chief approves (the inspector may no longer carry the case) or rejects."""
    if not may_decide(actor):
        raise Forbidden("只有科长可以审批回避申请")
    recusal = session.get(Recusal, recusal_id)
    if recusal is None or recusal.case_id != case.id:
        raise NotFound("回避申请不存在")
    if recusal.status != "requested":
        raise Conflict(f"该回避申请已处理（{recusal.status_label}）")
    recusal.status = "approved" if approve else "rejected"
    recusal.decided_by_id, recusal.decision_note = actor.id, (note or "").strip() or None
    recusal.decided_at = utcnow()
    audit.record(session, user_id=actor.id, action="case.recusal_" + ("approve" if approve else "reject"),
                 object_type="case", object_id=case.id,
                 detail={"recusal_id": recusal.id, "inspector_id": recusal.user_id, "note": recusal.decision_note})
    return recusal


def recused_holders(session: Session, case: Case) -> list[User]:
    """The case's current inspectors whose recusal was approved: a replacement must be assigned."""
    held = {i for i in (case.handler_id, case.co_handler_id) if i}
    ids = held & recused_user_ids(session, case_id=case.id)
    return [session.get(User, i) for i in sorted(ids)]


# --- the name hint ----------------------------------------------------------------------------------

def _names_of(user: User) -> set[str]:
    name = (user.display_name or "").strip()
    return {n for n in (name, name.split()[-1] if name.split() else "") if len(n) >= 2}


def name_hints(session: Session, *, case_id: int, user: User) -> list[str]:
    """Where the inspector's name appears among the case's parties and complainants."""
    names = _names_of(user)
    if not names:
        return []
    hints: list[str] = []
    for party in session.scalars(select(Party).where(Party.case_id == case_id)):
        for attr, label in (("legal_representative", "法定代表人"), ("manager_name", "负责人"),
                            ("agent_name", "授权委托人")):
            if getattr(party, attr) in names:
                hints.append(f"{party.role_label}“{party.name}”的{label}")
        if party.role == "responsible_person" and party.name in names:
            hints.append("欠薪直接责任人")
    for person in session.scalars(select(Complainant).where(Complainant.case_id == case_id)):
        if person.name in names:
            hints.append("投诉人")
    return hints


def check_assignment(session: Session, *, case_id: int, assignees: dict[str, str | None],
                     confirmed: bool = False) -> None:
    """Refuse inspectors who withdrew from the case; ask for confirmation when a name matches a party.
    `assignees`: field name → username (handler, co_handler, assignee)."""
    recused = recused_user_ids(session, case_id=case_id)
    refused: dict[str, list[str]] = {}
    hinted: dict[str, list[str]] = {}
    for field, username in assignees.items():
        user = _user(session, username=username)
        if user is None:
            continue
        if user.id in recused:
            refused[field] = [f"{user.display_name}已获准回避本案，不得指派"]
            continue
        hints = name_hints(session, case_id=case_id, user=user)
        if hints and not confirmed:
            hinted[field] = [f"{user.display_name}与本案{'、'.join(hints)}同名，请核实是否需要回避；"
                             f"确认无利害关系后勾选“已核实无需回避”再提交"]
    if refused:
        raise ValidationFailed("已获准回避的执法人员不得承办本案：" + "；".join(m[0] for m in refused.values()),
                               fields=refused)
    if hinted:
        hinted[CONFIRM_FIELD] = ["执法人员与当事人或投诉人同名，请核实后勾选"]
        raise ValidationFailed("执法人员与本案当事人或投诉人同名，请核实是否需要回避", fields=hinted)


def check_assign_form(session: Session, task, data: dict) -> None:
    """Form check of case_assign (指派承办执法人员)."""
    if task.business_type != "case":
        return
    check_assignment(session, case_id=task.business_id,
                     assignees={f: data.get(f) for f in ASSIGN_FIELDS},
                     confirmed=bool(data.get(CONFIRM_FIELD)))
