"""The case file (卷宗) to print: cover (卷宗封面), table of contents (卷内目录) and every issued
document of the case and of the ticket it came from, in the order of the registry (the order of
the procedure), each starting on a new page. Voided documents are left out (the index says how
many were voided, so a gap in the numbers is explained), and so are a cover or index issued on the
documents tab: the case file renders its own, they would print twice.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from docx import Document as open_docx
from docx.enum.text import WD_BREAK
from docxcompose.composer import Composer
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.documents import context as contexts
from app.documents import rendering
from app.documents.models import Document
from app.documents.service import DocumentEnvironment, base_context, subject_for_view, version_file

COVER, INDEX = "case_file_cover", "case_file_index"


@dataclass(frozen=True)
class CaseFile:
    content: bytes
    documents: list[Document]
    voided: int
    file_name: str


def _documents(session: Session, denv: DocumentEnvironment, case) -> tuple[list[Document], int]:
    clauses = [Document.case_id == case.id]
    if case.ticket_id is not None:
        clauses.append(Document.ticket_id == case.ticket_id)
    rows = list(session.scalars(select(Document).where(
        or_(*clauses), Document.status.in_(("issued", "void")), Document.kind.not_in((COVER, INDEX)))))
    order = {code: kind.order for code, kind in denv.registry.kinds.items()}
    issued = sorted((d for d in rows if d.status == "issued"),
                    key=lambda d: (order.get(d.kind, 10_000), d.issued_on or date.min, d.id))
    return issued, sum(1 for d in rows if d.status == "void")


def build(session: Session, denv: DocumentEnvironment, *, case_id: int, user: User, today: date) -> CaseFile:
    subject = subject_for_view(session, subject_type="case", subject_id=case_id, user=user)
    issued, voided = _documents(session, denv, subject.record)
    base = base_context(session, denv, subject)
    rows = [{"seq": i, "number": d.number or "", "title": d.title, "issuer": denv.settings.issuing_body,
             "issued_on": d.issued_on, "pages": "", "note": ""} for i, d in enumerate(issued, start=1)]
    base = dict(base, documents=rows, voided_count=voided)
    parts = []
    for code in (COVER, INDEX):
        kind = denv.registry.get(code)
        context = contexts.document_context(base, kind=kind, number=None, issued_on=today, inputs={}, version=1)
        parts.append(rendering.render_docx(denv.registry.template_path(kind), context))
    composer = Composer(open_docx(io.BytesIO(parts[0])))
    pieces = [open_docx(io.BytesIO(parts[1]))] + [open_docx(str(version_file(denv, d)[1])) for d in issued]
    for piece in pieces:
        composer.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        composer.append(piece)
    out = io.BytesIO()
    composer.save(out)
    return CaseFile(out.getvalue(), issued, voided, f"{subject.record.number}-卷宗.docx")
