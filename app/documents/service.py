"""Documents of a case or ticket: generate a draft, re-generate (a new version), issue (number,
freeze, SHA-256), void with a reason, re-issue, record service (送达) and start the period the
service opens. Nothing here imports flask; every write is audited and happens in the caller's
transaction (the number is taken there too, so a rolled-back issue leaves no gap).
"""
from __future__ import annotations

import copy
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import service as audit
from app.auth.models import User
from app.cases.flows import visible_case
from app.cases.models import Case
from app.documents import context as contexts
from app.documents import rendering, service_periods, storage
from app.documents.inputs import parse_inputs
from app.documents.models import Document, DocumentVersion
from app.documents.registry import DocumentKind, Registry
from app.documents.registry import sequence_key as registry_sequence_key
from app.errors import Conflict, Forbidden, NotFound, ValidationFailed
from app.numbering.service import next_number
from app.roster.service import may_edit_case_records
from app.tickets.models import Ticket
from app.workflow import service as workflow
from app.workflow.environment import WorkflowEnvironment

DRAFT_NUMBER = "〔签发时编号〕"
VOID_REASON_MIN = 4


@dataclass
class DocumentEnvironment:
    """What the document services need from the application (built per request by the views)."""

    registry: Registry
    storage_root: Path  # STORAGE_PATH/documents
    settings: contexts.DocumentSettings
    workflow: WorkflowEnvironment

    @property
    def calendar(self):
        return self.workflow.calendar()


@dataclass(frozen=True)
class Subject:
    """The case or ticket a document belongs to."""

    type: str  # case | ticket
    record: Case | Ticket

    @property
    def id(self) -> int:
        return self.record.id

    @property
    def number(self) -> str:
        return self.record.number


# --- access -------------------------------------------------------------------------------------

def subject_for_view(session: Session, *, subject_type: str, subject_id: int, user: User) -> Subject:
    if subject_type == "case":
        return Subject("case", visible_case(session, case_id=subject_id, user=user))
    if subject_type == "ticket":
        if not user.has_permission("ticket.view"):
            raise Forbidden("无权查看该工单")
        ticket = session.get(Ticket, subject_id)
        if ticket is None:
            raise NotFound("工单不存在")
        return Subject("ticket", ticket)
    raise NotFound("文书所属对象不存在")


def may_edit(user: User, subject: Subject) -> bool:
    if subject.type == "case":
        return may_edit_case_records(user, subject.record)
    return user.has_permission("ticket.register")


def subject_for_edit(session: Session, *, subject_type: str, subject_id: int, user: User) -> Subject:
    subject = subject_for_view(session, subject_type=subject_type, subject_id=subject_id, user=user)
    if not may_edit(user, subject):
        raise Forbidden("只有本案承办执法人员或科长可以制作、签发执法文书" if subject.type == "case"
                        else "无权制作该工单的文书")
    return subject


def document_for_view(session: Session, *, document_id: int, user: User) -> tuple[Document, Subject]:
    document = session.get(Document, document_id)
    if document is None:
        raise NotFound("文书不存在")
    subject_type, subject_id = document.owner
    return document, subject_for_view(session, subject_type=subject_type, subject_id=subject_id, user=user)


def document_for_edit(session: Session, *, document_id: int, user: User, lock: bool = False) -> tuple[Document, Subject]:
    stmt = select(Document).where(Document.id == document_id)
    document = session.scalars(stmt.with_for_update() if lock else stmt).first()
    if document is None:
        raise NotFound("文书不存在")
    subject_type, subject_id = document.owner
    return document, subject_for_edit(session, subject_type=subject_type, subject_id=subject_id, user=user)


def listing(session: Session, subject: Subject) -> list[Document]:
    column = Document.case_id if subject.type == "case" else Document.ticket_id
    return list(session.scalars(select(Document).where(column == subject.id).order_by(Document.id)))


def kind_of(denv: DocumentEnvironment, code: Any, subject: Subject) -> DocumentKind:
    kind = denv.registry.kinds.get(code) if isinstance(code, str) else None
    if kind is None:
        raise ValidationFailed("请选择文书种类", fields={"kind": ["未知的文书种类"]})
    if kind.subject != subject.type:
        raise ValidationFailed(f"{kind.name}不属于{'案件' if subject.type == 'case' else '工单'}文书",
                               fields={"kind": ["文书种类与对象不符"]})
    return kind


# --- context and rendering ----------------------------------------------------------------------

def process_data(session: Session, env: WorkflowEnvironment, subject: Subject) -> dict[str, Any]:
    """The merged data of the ticket's and the case's process instances (the case's wins)."""
    refs = [("ticket", subject.id)] if subject.type == "ticket" else []
    if subject.type == "case":
        if subject.record.ticket_id is not None:
            refs.append(("ticket", subject.record.ticket_id))
        refs.append(("case", subject.id))
    data: dict[str, Any] = {}
    for business_type, business_id in refs:
        for instance in workflow.instances_for(session, business_type=business_type, business_id=business_id):
            data.update(_latest_data(env, instance))
    return data


_LATEST: OrderedDict[tuple[int, int], dict[str, Any]] = OrderedDict()
_LATEST_SIZE = 256


def _latest_data(env: WorkflowEnvironment, instance) -> dict[str, Any]:
    """An instance's latest data, kept per (instance, version): every save bumps the version, so a
    cached value is never stale; it spares deserializing the workflow for each document."""
    key = (instance.id, instance.version)
    found = _LATEST.get(key)
    if found is None:
        found = env.runtime.latest_data(workflow.load(env, instance))
        _LATEST[key] = found
        if len(_LATEST) > _LATEST_SIZE:
            _LATEST.popitem(last=False)
    else:
        _LATEST.move_to_end(key)
    return copy.deepcopy(found)


def base_context(session: Session, denv: DocumentEnvironment, subject: Subject) -> dict[str, Any]:
    data = process_data(session, denv.workflow, subject)
    if subject.type == "case":
        return contexts.case_context(session, subject.record, settings=denv.settings, calendar=denv.calendar,
                                     process_data=data)
    return contexts.ticket_context(session, subject.record, settings=denv.settings, calendar=denv.calendar,
                                   process_data=data)


def _render_and_store(session: Session, denv: DocumentEnvironment, document: Document, subject: Subject,
                      kind: DocumentKind, *, base: dict, issued_on: date, user: User, issued: bool) -> DocumentVersion:
    context = contexts.document_context(
        base, kind=kind, number=document.number or (DRAFT_NUMBER if kind.number_pattern else None),
        issued_on=issued_on, inputs=document.inputs or {}, version=document.current_version + 1)
    content = rendering.render_docx(denv.registry.template_path(kind), context)
    document.current_version += 1
    relative = f"{subject.type}-{subject.id}/{document.id}-{kind.code}-v{document.current_version}.docx"
    sha = storage.write(denv.storage_root, relative, content)
    version = DocumentVersion(document=document, version=document.current_version, is_issued=issued,
                              stored_name=relative, sha256=sha, size=len(content), created_by_id=user.id)
    session.add(version)
    return version


# --- drafts -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DraftResult:
    document: Document
    version: DocumentVersion
    missing: list[str]  # what issuing will still require


def generate(session: Session, denv: DocumentEnvironment, *, subject: Subject, kind_code: Any, inputs: Any,
             user: User, today: date, now: datetime) -> DraftResult:
    """A new draft of `kind` (version 1)."""
    kind = kind_of(denv, kind_code, subject)
    values = parse_inputs(kind, inputs)
    document = Document(kind=kind.code, title=kind.name, status="draft", inputs=values, created_by_id=user.id,
                        created_at=now, updated_at=now,
                        **({"case_id": subject.id} if subject.type == "case" else {"ticket_id": subject.id}))
    session.add(document)
    session.flush()
    return _draft_version(session, denv, document, subject, kind, user=user, today=today, now=now, action="create")


def regenerate(session: Session, denv: DocumentEnvironment, *, document_id: int, inputs: Any, user: User,
               today: date, now: datetime) -> DraftResult:
    """A new version of a draft, from the case as it is now (and new inputs, if given)."""
    document, subject = document_for_edit(session, document_id=document_id, user=user, lock=True)
    if document.status != "draft":
        raise Conflict(f"{document.title}已{document.status_label}，不能重新生成；如需更正请作废后重新制作")
    kind = kind_of(denv, document.kind, subject)
    if inputs is not None:
        document.inputs = parse_inputs(kind, inputs)
    document.updated_at = now
    return _draft_version(session, denv, document, subject, kind, user=user, today=today, now=now,
                          action="regenerate")


def _draft_version(session, denv, document, subject, kind, *, user, today, now, action) -> DraftResult:
    base = base_context(session, denv, subject)
    probe = contexts.document_context(base, kind=kind, number=DRAFT_NUMBER, issued_on=today,
                                      inputs=document.inputs or {}, version=document.current_version + 1)
    missing = contexts.missing_fields(kind, probe)
    version = _render_and_store(session, denv, document, subject, kind, base=base, issued_on=today, user=user,
                                issued=False)
    session.flush()
    audit.record(session, user_id=user.id, action=f"document.{action}", object_type=subject.type,
                 object_id=subject.id, detail={"document_id": document.id, "kind": kind.code,
                                               "version": version.version, "sha256": version.sha256})
    return DraftResult(document, version, missing)


# --- issue, void, re-issue ---------------------------------------------------------------------

def format_number(kind: DocumentKind, *, prefix: str, year: int, seq: int) -> str:
    return kind.number_pattern.format(prefix=prefix, year=year, seq=seq)


def sequence_key(kind: DocumentKind) -> str:
    """The number_sequence key of the kind's sequence (the registry refuses a name too long for it)."""
    return registry_sequence_key(kind.sequence)


def issue(session: Session, denv: DocumentEnvironment, *, document_id: int, user: User, today: date,
          now: datetime) -> Document:
    """Sign and issue (签发): the next gapless number of the kind and year, the final version frozen."""
    document, subject = document_for_edit(session, document_id=document_id, user=user, lock=True)
    if document.status != "draft":
        raise Conflict(f"{document.title}已{document.status_label}，不能再次签发")
    kind = kind_of(denv, document.kind, subject)
    base = base_context(session, denv, subject)
    probe = contexts.document_context(base, kind=kind, number=DRAFT_NUMBER, issued_on=today,
                                      inputs=document.inputs or {}, version=document.current_version + 1)
    missing = contexts.missing_fields(kind, probe)
    if missing:
        raise ValidationFailed(f"{kind.name}缺少必备内容，不能签发：{'、'.join(missing)}",
                               fields={"missing": missing})
    if kind.number_pattern:
        seq = next_number(session, kind=sequence_key(kind), year=today.year)  # row lock until commit
        document.sequence_key, document.year, document.sequence = sequence_key(kind), today.year, seq
        document.number = format_number(kind, prefix=denv.settings.number_prefix, year=today.year, seq=seq)
    document.status, document.issued_on, document.issued_by_id, document.updated_at = "issued", today, user.id, now
    version = _render_and_store(session, denv, document, subject, kind, base=base, issued_on=today, user=user,
                                issued=True)
    session.flush()
    audit.record(session, user_id=user.id, action="document.issue", object_type=subject.type, object_id=subject.id,
                 detail={"document_id": document.id, "kind": kind.code, "number": document.number,
                         "version": version.version, "sha256": version.sha256})
    return document


def void(session: Session, denv: DocumentEnvironment, *, document_id: int, reason: Any, user: User, today: date,
         now: datetime) -> Document:
    """Void (作废) a draft or an issued document; an issued one keeps its number, marked void. A served
    document's period (the clock its service started) stops, the reason written into its trace."""
    document, subject = document_for_edit(session, document_id=document_id, user=user, lock=True)
    if document.status == "void":
        raise Conflict(f"{document.title}已作废")
    reason = (reason or "").strip() if isinstance(reason, str) else ""
    if len(reason) < VOID_REASON_MIN:
        raise ValidationFailed("请填写作废原因", fields={"reason": [f"作废原因至少{VOID_REASON_MIN}个字"]})
    reason_note = "（该文书已有送达记录，作废后请向受送达人说明）" if document.services else ""
    document.status, document.void_reason = "void", reason[:1000]
    document.voided_at, document.voided_by_id, document.updated_at = now, user.id, now
    kind = denv.registry.kinds.get(document.kind)
    stopped = []
    if kind is not None and kind.service_clock and (document.services or kind.process_fields):
        stopped = service_periods.stop_for_void(
            session, document=document, kind=kind, reason=reason[:200], today=today,
            process_data=process_data(session, denv.workflow, subject))
    audit.record(session, user_id=user.id, action="document.void", object_type=subject.type, object_id=subject.id,
                 detail={"document_id": document.id, "number": document.number, "reason": reason + reason_note,
                         "stopped_clocks": [c.id for c in stopped]})
    return document


def reissue(session: Session, denv: DocumentEnvironment, *, document_id: int, user: User, today: date,
            now: datetime) -> DraftResult:
    """A new draft replacing a voided document (same kind and inputs); it gets a new number when issued."""
    document, subject = document_for_edit(session, document_id=document_id, user=user, lock=True)
    if document.status != "void":
        raise Conflict("只有已作废的文书可以重新制作")
    kind = kind_of(denv, document.kind, subject)
    replacement = Document(kind=kind.code, title=kind.name, status="draft", inputs=dict(document.inputs or {}),
                           replaces_id=document.id, case_id=document.case_id, ticket_id=document.ticket_id,
                           created_by_id=user.id, created_at=now, updated_at=now)
    session.add(replacement)
    session.flush()
    return _draft_version(session, denv, replacement, subject, kind, user=user, today=today, now=now,
                          action="reissue")


def version_file(denv: DocumentEnvironment, document: Document, version_no: int | None = None
                 ) -> tuple[DocumentVersion, Path]:
    versions = {v.version: v for v in document.versions}
    version = versions.get(version_no if version_no is not None else document.current_version)
    if version is None:
        raise NotFound("该版本不存在")
    path = storage.path_of(denv.storage_root, version.stored_name)
    if not path.is_file():
        raise NotFound("文书文件缺失，请联系运维人员从备份恢复")
    if version.is_issued and storage.sha256_of(path) != version.sha256:
        raise Conflict("文书文件与签发时的 SHA-256 不一致，可能已被篡改；请联系运维人员")
    return version, path
