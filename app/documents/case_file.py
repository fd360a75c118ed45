"""The case file (卷宗) to print: cover (卷宗封面), table of contents (卷内目录) and every issued
document of the case and of the ticket it came from, in the order of the registry (the order of
the procedure), each starting on a new page. Voided documents are left out (the index says how
many were voided, so a gap in the numbers is explained), and so are a cover or index issued on the
documents tab: the case file renders its own, they would print twice.

Page numbers (卷内目录 页号, the cover's 共N件M页) come from each document's PDF copy
(app.documents.pdf_copies: converted once per version, its page count stored). Without LibreOffice,
or when a conversion fails, they stay blank for the clerk to write in, and the cover and the index
say why (`case_file.pages_note`).
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docx import Document as open_docx
from docx.enum.text import WD_BREAK
from docxcompose.composer import Composer
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.documents import context as contexts
from app.documents import pdf, pdf_copies, rendering
from app.documents.models import Document
from app.documents.service import DocumentEnvironment, base_context, subject_for_view, version_file

COVER, INDEX = "case_file_cover", "case_file_index"


PAGES_ABSENT = "服务器未安装 LibreOffice，未能计算页数：卷内目录的页号和本卷页数留空，请打印后手工填写"
PAGES_FAILED = "未能计算页数（{reason}）：卷内目录的页号和本卷页数留空，请打印后手工填写"


@dataclass(frozen=True)
class CaseFile:
    content: bytes
    documents: list[Document]
    voided: int
    file_name: str
    pages: dict[int, int] | None = None  # document id → page count; None when not counted
    pages_note: str | None = None  # why the page numbers are blank


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


def page_counts(session: Session, files: list[tuple[Document, object, Path]]) -> tuple[dict[int, int] | None, str | None]:
    """The page count of each (document, version, .docx) from its PDF copy, or None and the reason."""
    if not pdf.available():
        return None, PAGES_ABSENT
    try:
        pdf_copies.ensure(session, [(version, path) for _, version, path in files])
    except pdf.PdfUnavailable as exc:
        return None, PAGES_FAILED.format(reason=str(exc)[:200])
    return {d.id: version.pdf_pages for d, version, _ in files}, None


def build(session: Session, denv: DocumentEnvironment, *, case_id: int, user: User, today: date) -> CaseFile:
    subject = subject_for_view(session, subject_type="case", subject_id=case_id, user=user)
    issued, voided = _documents(session, denv, subject.record)
    base = base_context(session, denv, subject)
    files = [(d, *version_file(denv, d)) for d in issued]  # verified: a tampered file is refused here
    pages, note = page_counts(session, files)
    rows = [{"seq": i, "number": d.number or "", "title": d.title, "issuer": denv.settings.issuing_body,
             "issued_on": d.issued_on, "pages": (pages or {}).get(d.id) or "", "note": ""}
            for i, d in enumerate(issued, start=1)]
    base = dict(base, documents=rows, voided_count=voided, pages_note=note)
    parts = []
    for code in (COVER, INDEX):
        kind = denv.registry.get(code)
        context = contexts.document_context(base, kind=kind, number=None, issued_on=today, inputs={}, version=1)
        parts.append(rendering.render_docx(denv.registry.template_path(kind), context))
    composer = Composer(open_docx(io.BytesIO(parts[0])))
    pieces = [open_docx(io.BytesIO(parts[1]))] + [open_docx(str(path)) for _, _, path in files]
    for piece in pieces:
        composer.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        composer.append(piece)
    out = io.BytesIO()
    composer.save(out)
    return CaseFile(out.getvalue(), issued, voided, f"{subject.record.number}-卷宗.docx", pages, note)
