"""Evidence and attachments of a case: upload (type checked by extension and by content, size
limited, stored under a random name with its SHA-256), list, download, delete-by-marking.

Files live in `<storage_root>/<case id>/<uuid><ext>`; the caller passes `storage_root`
(STORAGE_PATH/attachments). Nothing here imports flask. Every write is audited.
"""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.attachments.models import CATEGORIES, CaseAttachment
from app.audit import service as audit
from app.auth.models import User
from app.cases.models import Case
from app.database import utcnow
from app.errors import Forbidden, NotFound, ValidationFailed
from app.roster import service as roster

WHAT = "证据与附件"
UNSUPPORTED = "不支持的文件类型"
DESCRIPTION_MAX = 500
CHUNK = 64 * 1024
# extension -> (content type, what its first bytes must be)
TYPES = {
    ".pdf": ("application/pdf", "pdf"),
    ".jpg": ("image/jpeg", "jpeg"),
    ".jpeg": ("image/jpeg", "jpeg"),
    ".png": ("image/png", "png"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    ".doc": ("application/msword", "ole"),
    ".xls": ("application/vnd.ms-excel", "ole"),
}
SIGNATURES = {
    "pdf": b"%PDF-",
    "jpeg": b"\xff\xd8\xff",
    "png": b"\x89PNG\r\n\x1a\n",
    "docx": b"PK\x03\x04",
    "xlsx": b"PK\x03\x04",
    "ole": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # Word 97–2003 and Excel 97–2003 compound files
}
OOXML_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
ACCEPT = ",".join(TYPES)
LABELS = {"category": "材料类别", "description": "说明", "obtained_on": "取得日期", "file": "文件"}


@dataclass(frozen=True)
class AttachmentsView:
    case: Case
    items: list[CaseAttachment]
    may_upload: bool
    deletable: frozenset[int]


def may_delete(user: User, attachment: CaseAttachment) -> bool:
    return user.id == attachment.uploaded_by_id or "chief" in user.role_codes


def listing(session: Session, *, case_id: int, user: User) -> AttachmentsView:
    case = roster.viewable_case(session, case_id=case_id, user=user)
    items = list(session.scalars(
        select(CaseAttachment).where(CaseAttachment.case_id == case.id, CaseAttachment.deleted_at.is_(None))
        .order_by(CaseAttachment.obtained_on, CaseAttachment.id)))
    return AttachmentsView(case=case, items=items, may_upload=roster.may_edit_case_records(user, case),
                           deletable=frozenset(a.id for a in items if may_delete(user, a)))


# --- checks -------------------------------------------------------------------------------------

def clean_name(filename: str | None) -> str:
    """The user's file name without any folder part or control characters (kept for downloads only)."""
    name = unicodedata.normalize("NFC", filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if not unicodedata.category(ch).startswith("C")).strip()
    if len(name) > 255:
        stem, ext = os.path.splitext(name)
        name = stem[: 255 - len(ext)] + ext
    return name


def _obtained_on(value: Any, today: date) -> date:
    if isinstance(value, date):
        day = value
    else:
        text = str(value or "").strip()
        if not text:
            raise ValueError("请填写取得日期")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError("取得日期格式应为 YYYY-MM-DD")
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise ValueError("取得日期无效") from None
    if day > today:
        raise ValueError("取得日期不能晚于今天")
    return day


def clean_metadata(*, category: Any, description: Any, obtained_on: Any, filename: str | None,
                   today: date) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    data: dict[str, Any] = {"category": str(category or "").strip(), "description": str(description or "").strip()}
    if data["category"] not in CATEGORIES:
        errors["category"] = ["请选择材料类别：" + "、".join(CATEGORIES)]
    if not data["description"]:
        errors["description"] = ["请填写说明"]
    elif len(data["description"]) > DESCRIPTION_MAX:
        errors["description"] = [f"说明不应超过{DESCRIPTION_MAX}个字"]
    try:
        data["obtained_on"] = _obtained_on(obtained_on, today)
    except ValueError as exc:
        errors["obtained_on"] = [str(exc)]
    data["original_name"] = clean_name(filename)
    data["extension"] = os.path.splitext(data["original_name"])[1].lower()
    if not data["original_name"]:
        errors["file"] = ["请选择要上传的文件"]
    elif data["extension"] not in TYPES:
        errors["file"] = [UNSUPPORTED + "（可上传 PDF、JPG、PNG、DOC、DOCX、XLS、XLSX）"]
    if errors:
        message = errors["file"][0] if "file" in errors else "请检查以下字段：" + "、".join(LABELS[f] for f in errors)
        raise ValidationFailed(message, fields=errors)
    return data


def content_matches(path: Path, extension: str) -> bool:
    """Do the file's first bytes (and, for .docx/.xlsx, its zip parts) match its extension?"""
    kind = TYPES[extension][1]
    with path.open("rb") as fh:
        head = fh.read(16)
    if not head.startswith(SIGNATURES[kind]):
        return False
    if kind in OOXML_PART:
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            return False
        return "[Content_Types].xml" in names and OOXML_PART[kind] in names
    return True


def too_large(max_mb: float) -> ValidationFailed:
    message = f"文件超过{max_mb:g}MB"
    return ValidationFailed(message, fields={"file": [message]})


def _store(stream: IO[bytes], target: Path, *, max_bytes: int, max_mb: float) -> tuple[int, str]:
    """Copy the upload to `target` (via a temporary name), returning (size, SHA-256); nothing is left on error."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    digest, size = hashlib.sha256(), 0
    try:
        with partial.open("wb") as out:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise too_large(max_mb)
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            raise ValidationFailed("文件为空", fields={"file": ["文件为空"]})
        if not content_matches(partial, target.suffix):
            raise ValidationFailed(UNSUPPORTED, fields={"file": [UNSUPPORTED + "：文件内容与扩展名不符"]})
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return size, digest.hexdigest()


# --- writes -------------------------------------------------------------------------------------

def uploadable_case(session: Session, *, case_id: int, user: User) -> Case:
    return roster.editable_case(session, case_id=case_id, user=user, what=WHAT)


def upload(session: Session, *, case_id: int, user: User, stream: IO[bytes] | None, filename: str | None,
           category: Any, description: Any, obtained_on: Any, storage_root: Path, max_mb: float,
           today: date, now: datetime | None = None) -> CaseAttachment:
    case = uploadable_case(session, case_id=case_id, user=user)
    data = clean_metadata(category=category, description=description, obtained_on=obtained_on,
                          filename=filename, today=today)
    stored_name = uuid.uuid4().hex + data["extension"]
    target = Path(storage_root) / str(case.id) / stored_name
    size, sha256 = _store(stream, target, max_bytes=int(max_mb * 1024 * 1024), max_mb=max_mb)
    attachment = CaseAttachment(
        case_id=case.id, category=data["category"], description=data["description"],
        obtained_on=data["obtained_on"], original_name=data["original_name"], stored_name=stored_name,
        content_type=TYPES[data["extension"]][0], size=size, sha256=sha256, uploaded_by_id=user.id,
        uploaded_at=now or utcnow(),
    )
    session.add(attachment)
    session.flush()
    audit.record(session, user_id=user.id, action="attachment.upload", object_type="case_attachment",
                 object_id=attachment.id, detail={"after": {
                     "case_id": case.id, "category": attachment.category, "original_name": attachment.original_name,
                     "stored_name": stored_name, "size": size, "sha256": sha256}})
    return attachment


def _live(session: Session, *, case_id: int, attachment_id: int) -> CaseAttachment:
    attachment = session.get(CaseAttachment, attachment_id)
    if attachment is None or attachment.case_id != case_id or attachment.is_deleted:
        raise NotFound("附件不存在或已删除")
    return attachment


def for_download(session: Session, *, case_id: int, attachment_id: int, user: User,
                 storage_root: Path) -> tuple[CaseAttachment, Path]:
    roster.viewable_case(session, case_id=case_id, user=user)
    attachment = _live(session, case_id=case_id, attachment_id=attachment_id)
    path = Path(storage_root) / str(attachment.case_id) / attachment.stored_name
    if not path.is_file():
        raise NotFound("附件文件缺失，请联系系统管理员")
    return attachment, path


def delete(session: Session, *, case_id: int, attachment_id: int, user: User, reason: str,
           now: datetime | None = None) -> CaseAttachment:
    """Hide an attachment (uploader or chief); the row and the file stay, with who, when and why."""
    roster.viewable_case(session, case_id=case_id, user=user)
    attachment = _live(session, case_id=case_id, attachment_id=attachment_id)
    if not may_delete(user, attachment):
        raise Forbidden("只有上传人或科长可以删除附件")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("请填写删除理由", fields={"reason": ["请填写删除理由"]})
    attachment.deleted_at, attachment.deleted_by_id = now or utcnow(), user.id
    attachment.delete_reason = reason[:DESCRIPTION_MAX]
    session.flush()
    audit.record(session, user_id=user.id, action="attachment.delete", object_type="case_attachment",
                 object_id=attachment.id, detail={"case_id": case_id, "reason": attachment.delete_reason,
                                                  "original_name": attachment.original_name,
                                                  "sha256": attachment.sha256})
    return attachment
