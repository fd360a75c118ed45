"""One record of a document between the process forms and the documents tab.

A process form that names a document (its number, issue date, service date: registry
`process_fields`) is pre-filled from the document issued in the system and may not contradict it:
a number the system did not issue for this case, another issue date, or another service date than
the one recorded on the documents tab is refused. A paper document (nothing issued in the system)
is typed in as before. The documents tab, in turn, reads what the process recorded
(`recorded_service`) so that it never starts a second clock for a period the process started
(app.documents.service_periods).
"""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.documents.models import Document, ServiceRecord
from app.documents.registry import DocumentKind, Registry
from app.errors import ValidationFailed
from app.forms.checks import day_of


def kinds_for_form(registry: Registry, form_key: str | None) -> list[DocumentKind]:
    return [k for k in registry.kinds.values() if k.process_fields and form_key in k.process_fields.forms]


def _documents(session: Session, kind: DocumentKind, case_id: int) -> list[Document]:
    """The case's documents of this kind that were issued (voided ones too), newest first."""
    return list(session.scalars(select(Document).where(
        Document.case_id == case_id, Document.kind == kind.code, Document.status.in_(("issued", "void")))
        .order_by(Document.id.desc())))


def last_service(document: Document) -> ServiceRecord | None:
    return document.services[-1] if document.services else None



def prefill(session: Session, registry: Registry, *, form_key: str | None, case_id: int,
            properties: dict[str, dict]) -> dict[str, str]:
    """Initial values of the form from the newest issued document of each linked kind."""
    values: dict[str, str] = {}
    for kind in kinds_for_form(registry, form_key):
        fields = kind.process_fields
        issued = [d for d in _documents(session, kind, case_id) if d.status == "issued"]
        if not issued:
            continue
        document, served = issued[0], last_service(issued[0])
        found = {fields.number: document.number, fields.issued_on: document.issued_on.isoformat()}
        if served is not None:
            found[fields.served_on] = served.served_on.isoformat()
            method = fields.form_method(served.method)
            if method in (properties.get(fields.method or "", {}).get("enum") or [method]):
                found[fields.method] = method
        values.update({k: v for k, v in found.items() if k and k in properties and v})
    return values


def check(session: Session, registry: Registry, *, form_key: str | None, case_id: int, data: dict[str, Any]) -> None:
    """Refuse a number, issue date or service date that contradicts the document issued in the system."""
    errors: dict[str, list[str]] = {}
    for kind in kinds_for_form(registry, form_key):
        errors.update(_contradictions(kind, _documents(session, kind, case_id), data))
    if errors:
        raise ValidationFailed("所填文书信息与系统中已签发的文书不一致：" + "；".join(m[0] for m in errors.values()),
                               fields=errors)


def _contradictions(kind: DocumentKind, documents: list[Document], data: dict[str, Any]) -> dict[str, list[str]]:
    fields = kind.process_fields
    issued = [d for d in documents if d.status == "issued"]
    typed = str(data.get(fields.number) or "").strip() if fields.number else ""
    document = next((d for d in documents if typed and d.number == typed), None)
    if document is not None and document.status == "void":
        return {fields.number: [f"文号“{typed}”的{kind.name}已作废（{document.void_reason}），请填写重新制作后签发的文号"]}
    if not issued:
        return {}  # issued on paper, outside the system: typed in as before
    if typed and document is None:
        numbers = "、".join(d.number for d in issued if d.number)
        return {fields.number: [f"系统中没有签发文号为“{typed}”的{kind.name}；本案已签发的{kind.name}文号为{numbers}"]}
    document = document or issued[0]
    errors: dict[str, list[str]] = {}
    label = f"{kind.name}（{document.number}）" if document.number else kind.name
    issued_on = day_of(data.get(fields.issued_on)) if fields.issued_on else None
    if issued_on is not None and issued_on != document.issued_on:
        errors[fields.issued_on] = [f"{label}的签发日期为{document.issued_on.isoformat()}，与所填日期不符"]
    served_on = day_of(data.get(fields.served_on)) if fields.served_on else None
    served = last_service(document)
    if served_on is not None and served is not None and served_on != served.served_on:
        errors[fields.served_on] = [
            f"{label}已在执法文书页登记送达（{served.method_label}），送达日期为{served.served_on.isoformat()}，"
            f"与所填日期不符；期限自送达之日起算，两处必须一致"]
    elif served_on is not None and document.issued_on and served_on < document.issued_on:
        errors[fields.served_on] = [f"送达日期不能早于{label}的签发日期{document.issued_on.isoformat()}"]
    return errors


def recorded_service(kind: DocumentKind, process_data: dict[str, Any], document: Document) -> date | None:
    """The service date of `document` the process recorded (its form's date field), if any."""
    fields = kind.process_fields
    if fields is None or not fields.served_on:
        return None
    if fields.number and str(process_data.get(fields.number) or "").strip() != (document.number or ""):
        return None  # the process recorded another document of the kind (or none yet)
    return day_of(process_data.get(fields.served_on))
