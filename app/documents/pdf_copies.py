"""The PDF copy of a document version, kept beside its .docx: converted once, its SHA-256 and page
count stored on the version (document_version.pdf_sha256, pdf_pages).

A stored copy is used only when its SHA-256 still matches: for an issued version a mismatch is
refused like a tampered .docx (409); a draft's copy is converted again. A missing copy is converted
again from the (verified) .docx. The page counts fill the case file's 卷内目录 (页号) and cover
(共N件M页), so a repeat print converts nothing.

Two workers converting the same version at once: the first to record its hash keeps its file, the
other's conversion is dropped (the UPDATE only succeeds while the hash is still the one read), so the
file on disk and the hash stored never disagree.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.orm import Session

from app.documents import pdf, storage
from app.documents.models import DocumentVersion
from app.errors import Conflict

TAMPERED = "文书的 PDF 文件与转换时的 SHA-256 不一致，可能已被篡改；请联系运维人员"


def count_pages(path: Path) -> int:
    """The number of pages of a PDF: pdfinfo when installed, else the page objects in the file."""
    if shutil.which("pdfinfo"):
        try:
            result = subprocess.run(["pdfinfo", str(path)], capture_output=True, timeout=60, check=False)
        except (OSError, subprocess.SubprocessError):
            result = None
        found = result and re.search(rb"^Pages:\s+(\d+)", result.stdout or b"", re.MULTILINE)
        if found and result.returncode == 0:
            return int(found.group(1))
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", path.read_bytes()))


def _valid(version: DocumentVersion, target: Path) -> bool:
    """Whether the stored copy may be used; a tampered copy of an issued version is refused."""
    if version.pdf_sha256 is None or not target.is_file():
        return False
    if storage.sha256_of(target) == version.pdf_sha256:
        return True
    if version.is_issued:
        raise Conflict(TAMPERED)
    return False


def _record(session: Session, version: DocumentVersion, produced: Path, target: Path) -> bool:
    """Record `produced` as the version's copy; False when another worker recorded its own first."""
    digest, pages = storage.sha256_of(produced), count_pages(produced)
    seen = version.pdf_sha256
    result = session.execute(
        update(DocumentVersion)
        .where(DocumentVersion.id == version.id,
               DocumentVersion.pdf_sha256.is_(None) if seen is None else DocumentVersion.pdf_sha256 == seen)
        .values(pdf_sha256=digest, pdf_pages=pages)
        .execution_options(synchronize_session=False))
    if result.rowcount == 1:
        os.replace(produced, target)
    session.expire(version, ["pdf_sha256", "pdf_pages"])  # ours, or the other worker's
    return result.rowcount == 1


def ensure(session: Session, pairs: list[tuple[DocumentVersion, Path]]) -> list[DocumentVersion]:
    """Give every (version, .docx path) a valid PDF copy, converting those without one in a single
    LibreOffice start; returns the versions whose copy another worker recorded meanwhile (not checked
    here). Raises pdf.PdfUnavailable (no LibreOffice, timeout) and Conflict (tampered)."""
    stale = [(v, docx) for v, docx in pairs if not _valid(v, docx.with_suffix(".pdf"))]
    lost: list[DocumentVersion] = []
    if not stale:
        return lost
    by_folder: dict[Path, list[tuple[DocumentVersion, Path]]] = {}
    for version, docx in stale:
        by_folder.setdefault(docx.parent, []).append((version, docx))
    for folder, group in by_folder.items():  # the work folder beside the files: os.replace stays on one disk
        with tempfile.TemporaryDirectory(prefix="pdf-", dir=folder) as work:
            produced = pdf.convert([docx for _, docx in group], Path(work))
            for (version, docx), made in zip(group, produced, strict=True):
                if not _record(session, version, made, docx.with_suffix(".pdf")):
                    lost.append(version)
    return lost


def pdf_of(session: Session, version: DocumentVersion, docx: Path) -> Path:
    """The verified PDF copy of one version (converted now if it has none)."""
    lost = ensure(session, [(version, docx)])
    target = docx.with_suffix(".pdf")
    if lost and not _valid(version, target):  # recorded by another worker whose file is not there yet
        raise pdf.PdfUnavailable("PDF 正在由另一请求生成，请稍后重试")
    return target
