"""Service (送达) of an issued document: method, recipient, date; the date served starts the period
the registry names (`service_clock`, e.g. 陈述申辩 after a prior notice, 缴纳罚款 after a penalty
decision) as a legal clock of the case, with reminders like every other clock, unless the process
already started that period from the same day (app.documents.service_periods: one clock per period).

Methods (GD Art. 47; CPL Art. 87–95): 直接送达 (signed by the recipient), 留置送达 (witnesses, or
photo/video record), 邮寄送达 (tracking number), 电子送达 (with the party's written consent),
公告送达 (a notice period of 60 days, or 3 days in absconding / mass-incident wage cases: the
document counts as served when the period ends; a period ending on a holiday ends on the next
working day).
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from app.audit import service as audit
from app.auth.models import User
from app.deadlines import service as clocks
from app.documents import service_periods
from app.documents.models import SERVICE_METHODS, Document, ServiceRecord
from app.documents.service import DocumentEnvironment, document_for_edit, kind_of
from app.documents.service import process_data as process_data_of
from app.errors import Conflict, ValidationFailed
from engine.clocks import evaluate

PUBLIC_NOTICE_RULES = {False: "public_notice_service", True: "public_notice_service_absconding"}
LABELS = {
    "method": "送达方式", "recipient": "受送达人", "signed_by": "签收人", "address": "送达地点/地址",
    "witnesses": "见证人", "media_reference": "拍照、录像记录", "tracking_number": "邮件单号",
    "consent_reference": "电子送达确认书", "notice_published_on": "公告日期", "notice_carrier": "公告载体",
    "delivered_on": "送达日期", "note": "备注",
}
# what each method cannot do without (beside recipient and date)
METHOD_REQUIRES = {
    "direct": ("signed_by",),
    "mail": ("tracking_number", "address"),
    "electronic": ("consent_reference", "address"),
    "public": ("notice_carrier",),
}
MAX_LENGTH = {"recipient": 200, "signed_by": 64, "address": 300, "witnesses": 200, "media_reference": 200,
              "tracking_number": 64, "consent_reference": 200, "notice_carrier": 200, "note": 2000}


def _text(payload: dict, key: str, errors: dict) -> str | None:
    value = payload.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        errors[key] = [f"{LABELS[key]}应为文字"]
        return None
    value = value.strip()
    if len(value) > MAX_LENGTH[key]:
        errors[key] = [f"{LABELS[key]}不超过{MAX_LENGTH[key]}字"]
    return value or None


def _date(payload: dict, key: str, errors: dict) -> date | None:
    value = payload.get(key)
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        errors[key] = [f"{LABELS[key]}应为有效日期（YYYY-MM-DD）"]
        return None


def clean(payload: Any, *, issued_on: date, today: date) -> dict[str, Any]:
    if not isinstance(payload, dict):
        raise ValidationFailed("送达记录格式不正确")
    errors: dict[str, list[str]] = {}
    method = payload.get("method")
    if method not in SERVICE_METHODS:
        errors["method"] = ["请选择送达方式：" + "、".join(SERVICE_METHODS.values())]
    values: dict[str, Any] = {key: _text(payload, key, errors) for key in MAX_LENGTH}
    values["method"] = method
    values["delivered_on"] = _date(payload, "delivered_on", errors)
    values["notice_published_on"] = _date(payload, "notice_published_on", errors)
    values["absconding"] = payload.get("absconding") in (True, "true", "on", "1", "yes")
    if method == "public":
        values["delivered_on"] = values["delivered_on"] or values["notice_published_on"]
        values["notice_published_on"] = values["delivered_on"]
    if not values["recipient"]:
        errors.setdefault("recipient", ["请填写受送达人"])
    if values["delivered_on"] is None:
        errors.setdefault("delivered_on", ["请填写送达日期" if method != "public" else "请填写公告日期"])
    elif values["delivered_on"] > today:
        errors["delivered_on"] = ["送达日期不能晚于今天"]
    elif values["delivered_on"] < issued_on:
        errors["delivered_on"] = [f"送达日期不能早于签发日期 {issued_on.isoformat()}"]
    for key in METHOD_REQUIRES.get(method, ()):
        if not values.get(key):
            errors.setdefault(key, [f"{SERVICE_METHODS[method]}须填写{LABELS[key]}"])
    if method == "left" and not (values["witnesses"] or values["media_reference"]):
        errors["witnesses"] = ["留置送达须记录见证人，或以拍照、录像方式记录送达过程"]
    if errors:
        raise ValidationFailed("送达记录有误", fields=errors)
    return values


def _served_on(session: Session, denv: DocumentEnvironment, values: dict, today: date) -> tuple[date, int | None]:
    if values["method"] != "public":
        return values["delivered_on"], None
    record = clocks.get_rule(session, PUBLIC_NOTICE_RULES[values["absconding"]])
    state = evaluate(clocks.rule_of(record), start=values["delivered_on"], today=today, calendar=denv.calendar)
    return state.due, record.amount


def record_service(session: Session, denv: DocumentEnvironment, *, document_id: int, payload: Any, user: User,
                   today: date, now: datetime) -> ServiceRecord:
    document, subject = document_for_edit(session, document_id=document_id, user=user, lock=True)
    kind = kind_of(denv, document.kind, subject)
    if document.status != "issued":
        raise Conflict("只有已签发且未作废的文书可以登记送达")
    if not kind.served:
        raise Conflict(f"{kind.name}无需送达")
    values = clean(payload, issued_on=document.issued_on, today=today)
    served_on, period_days = _served_on(session, denv, values, today)
    process_data = process_data_of(session, denv.workflow, subject) if kind.service_clock else {}
    service_periods.check_agrees(kind, document, served_on, process_data)
    record = ServiceRecord(
        document=document, method=values["method"], recipient=values["recipient"], signed_by=values["signed_by"],
        address=values["address"], witnesses=values["witnesses"], media_reference=values["media_reference"],
        tracking_number=values["tracking_number"], consent_reference=values["consent_reference"],
        notice_published_on=values["notice_published_on"], notice_period_days=period_days,
        notice_carrier=values["notice_carrier"], delivered_on=values["delivered_on"], served_on=served_on,
        note=values["note"], recorded_by_id=user.id, recorded_at=now,
    )
    session.add(record)
    clock = service_periods.period_for_service(
        session, calendar=denv.calendar, document=document, kind=kind, served_on=served_on, today=today,
        responsible_id=getattr(subject.record, "handler_id", None), process_data=process_data)
    if clock is not None:
        session.flush()
        record.clock_id = clock.id
    session.flush()
    audit.record(session, user_id=user.id, action="document.serve", object_type=subject.type, object_id=subject.id,
                 detail={"document_id": document.id, "number": document.number, "method": values["method"],
                         "recipient": values["recipient"], "served_on": served_on.isoformat(),
                         "clock": kind.service_clock})
    return record


def service_state(document: Document) -> str:
    """送达情况 as a list shows it."""
    if not document.services:
        return "未送达"
    last = document.services[-1]
    return f"{last.method_label} {last.served_on.isoformat()}"
