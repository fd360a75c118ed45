"""证据与附件: upload checked by extension and content, size limit, download with the Chinese
name and the same bytes, deletion that keeps the file, permissions; the API."""
from __future__ import annotations

import hashlib
import io
from urllib.parse import quote

from sqlalchemy import select

from app.attachments.models import CaseAttachment
from app.audit.models import AuditEntry
from tests.integration.attachments import files
from tests.integration.roster.helpers import login


def form(content: bytes, name: str, **overrides):
    data = {"category": "证据材料", "description": "工资发放记录截图", "obtained_on": "2026-12-02",
            "file": (io.BytesIO(content), name)}
    data.update(overrides)
    return data


def post(client, case_id, content, name, **overrides):
    return client.post(f"/cases/{case_id}/attachments", data=form(content, name, **overrides),
                       content_type="multipart/form-data")


def rows(session):
    session.expire_all()
    return session.scalars(select(CaseAttachment).order_by(CaseAttachment.id)).all()


def stored_files(storage):
    return sorted(p for p in storage.rglob("*") if p.is_file())


def test_upload_png_and_pdf_and_download_the_same_bytes(app, db_session, case, storage):
    client = login(app, "officer1")
    png, pdf = files.png(), files.pdf()
    assert post(client, case.id, png, "现场照片.png", category="现场检查笔录").status_code == 302
    assert post(client, case.id, pdf, "询问笔录（林志华）.pdf", category="询问笔录",
                description="对林志华的询问笔录").status_code == 302
    first, second = rows(db_session)
    assert (first.category, first.original_name, first.content_type, first.size) == (
        "现场检查笔录", "现场照片.png", "image/png", len(png))
    assert first.sha256 == hashlib.sha256(png).hexdigest() and second.sha256 == hashlib.sha256(pdf).hexdigest()
    assert str(second.obtained_on) == "2026-12-02" and second.uploaded_by.username == "officer1"
    on_disk = stored_files(storage)
    assert [p.parent for p in on_disk] == [storage / "attachments" / str(case.id)] * 2
    assert {p.name for p in on_disk} == {first.stored_name, second.stored_name}
    assert all(p.suffix in (".png", ".pdf") and "照片" not in p.name for p in on_disk)

    page = login(app, "officer2").get(f"/cases/{case.id}/attachments").get_data(as_text=True)
    assert "现场照片.png" in page and "询问笔录（林志华）.pdf" in page and "对林志华的询问笔录" in page
    r = login(app, "officer2").get(f"/cases/{case.id}/attachments/{second.id}/download")
    assert r.status_code == 200 and r.data == pdf and r.mimetype == "application/pdf"
    assert hashlib.sha256(r.data).hexdigest() == second.sha256 == r.headers["X-Content-SHA256"]
    disposition = r.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and f"filename*=UTF-8''{quote('询问笔录（林志华）.pdf')}" in disposition
    r = client.get(f"/cases/{case.id}/attachments/{first.id}/download")
    assert r.data == png and r.mimetype == "image/png"
    uploads = db_session.scalars(select(AuditEntry).where(AuditEntry.action == "attachment.upload")).all()
    assert len(uploads) == 2


def test_docx_is_accepted(app, db_session, case):
    r = post(login(app, "chief"), case.id, files.docx(), "审计报告.docx", category="审计报告")
    assert r.status_code == 302
    assert rows(db_session)[0].content_type.endswith("wordprocessingml.document")


def test_an_exe_renamed_pdf_is_rejected_by_its_content(app, db_session, case, storage):
    client = login(app, "officer1")
    r = post(client, case.id, files.exe(), "工资表.pdf")
    assert r.status_code == 400 and "不支持的文件类型" in r.get_data(as_text=True)
    r = post(client, case.id, files.exe(), "setup.exe")
    assert r.status_code == 400 and "不支持的文件类型" in r.get_data(as_text=True)
    r = post(client, case.id, files.png(), "照片.docx")  # a PNG is not a Word document either
    assert r.status_code == 400 and "不支持的文件类型" in r.get_data(as_text=True)
    assert rows(db_session) == [] and stored_files(storage) == []


def test_an_oversized_file_is_rejected(app, db_session, case, storage):
    app.config["ATTACHMENT_MAX_MB"] = 1
    client = login(app, "officer1")
    big = files.pdf() + b"0" * (1024 * 1024)
    r = post(client, case.id, big, "大文件.pdf")
    assert r.status_code == 400 and "文件超过1MB" in r.get_data(as_text=True)
    assert 'value="2026-12-02"' in r.get_data(as_text=True)  # what was typed is kept
    assert rows(db_session) == [] and stored_files(storage) == []
    assert post(client, case.id, files.pdf(), "小文件.pdf").status_code == 302


def test_missing_fields_are_shown_and_nothing_is_stored(app, db_session, case, storage):
    r = post(login(app, "officer1"), case.id, files.png(), "a.png", category="", description="",
             obtained_on="2026-12-31")
    page = r.get_data(as_text=True)
    assert r.status_code == 400
    assert "请选择材料类别" in page and "请填写说明" in page and "取得日期不能晚于今天" in page
    assert rows(db_session) == [] and stored_files(storage) == []


def test_deletion_keeps_the_file_and_hides_the_row(app, db_session, case, storage):
    uploader = login(app, "officer1")
    post(uploader, case.id, files.png(), "照片.png")
    attachment = rows(db_session)[0]
    path = storage / "attachments" / str(case.id) / attachment.stored_name
    assert login(app, "officer2").post(f"/cases/{case.id}/attachments/{attachment.id}/delete",
                                       data={"reason": "重复"}).status_code == 403
    r = uploader.post(f"/cases/{case.id}/attachments/{attachment.id}/delete", data={"reason": ""})
    assert r.status_code == 302, r.get_data(as_text=True)
    assert "请填写删除理由" in uploader.get(r.headers["Location"]).get_data(as_text=True)
    assert rows(db_session)[0].deleted_at is None
    r = uploader.post(f"/cases/{case.id}/attachments/{attachment.id}/delete", data={"reason": "上传错了案件"})
    assert r.status_code == 302
    deleted = rows(db_session)[0]
    assert deleted.deleted_at is not None and deleted.delete_reason == "上传错了案件"
    assert deleted.deleted_by_id == deleted.uploaded_by_id
    assert path.is_file() and path.read_bytes() == files.png()  # evidence is never destroyed
    page = uploader.get(f"/cases/{case.id}/attachments").get_data(as_text=True)
    assert "照片.png" not in page and "尚无证据或附件" in page
    assert uploader.get(f"/cases/{case.id}/attachments/{attachment.id}/download").status_code == 404
    entry = db_session.scalar(select(AuditEntry).where(AuditEntry.action == "attachment.delete"))
    assert entry.detail["reason"] == "上传错了案件"


def test_the_chief_may_delete_what_an_officer_uploaded(app, db_session, case):
    post(login(app, "officer1"), case.id, files.pdf(), "a.pdf")
    attachment = rows(db_session)[0]
    r = login(app, "chief").post(f"/cases/{case.id}/attachments/{attachment.id}/delete", data={"reason": "重复上传"})
    assert r.status_code == 302 and rows(db_session)[0].deleted_at is not None


def test_who_may_not_upload_gets_403(app, db_session, case, storage):
    for username in ("officer2", "leader", "reviewer"):
        client = login(app, username)
        assert client.get(f"/cases/{case.id}/attachments").status_code == 200
        assert post(client, case.id, files.png(), "a.png").status_code == 403
    assert login(app, "admin").get(f"/cases/{case.id}/attachments").status_code == 403
    assert rows(db_session) == [] and stored_files(storage) == []


def test_api_list_upload_download(api, db_session, case):
    pdf = files.pdf()
    data = form(pdf, "鉴定意见书.pdf", category="鉴定意见", description="工资核算鉴定")
    r = api.post("officer2", f"/api/v1/cases/{case.id}/attachments", data=data, content_type="multipart/form-data")
    assert r.status_code == 403
    data = form(pdf, "鉴定意见书.pdf", category="鉴定意见", description="工资核算鉴定")
    r = api.post("officer1", f"/api/v1/cases/{case.id}/attachments", data=data, content_type="multipart/form-data")
    assert r.status_code == 201, r.json
    assert r.json["sha256"] == hashlib.sha256(pdf).hexdigest() and r.json["original_name"] == "鉴定意见书.pdf"
    assert r.json["uploaded_by_name"] == "执法人员 李明"
    listing = api.get("officer2", f"/api/v1/cases/{case.id}/attachments").json
    assert [a["id"] for a in listing["items"]] == [r.json["id"]] and listing["may_upload"] is False
    download = api.get("officer2", listing["items"][0]["download_url"])
    assert download.status_code == 200 and download.data == pdf
    bad = form(files.exe(), "x.pdf")
    r = api.post("chief", f"/api/v1/cases/{case.id}/attachments", data=bad, content_type="multipart/form-data")
    assert r.status_code == 400 and r.json["error"]["fields"]["file"][0].startswith("不支持的文件类型")


def test_openapi_lists_the_attachment_endpoints(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    paths = spec["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/cases/{case_id}/attachments"])
    assert "get" in paths["/api/v1/cases/{case_id}/attachments/{attachment_id}/download"]
    assert {"Attachment", "AttachmentList"} <= set(spec["components"]["schemas"])


def test_a_request_over_the_global_upload_limit_gets_the_same_message(app, db_session, case, storage):
    app.config.update(ATTACHMENT_MAX_MB=20, MAX_CONTENT_LENGTH=1024 * 1024)
    big = files.pdf() + b"0" * (1024 * 1024)
    r = post(login(app, "officer1"), case.id, big, "大文件.pdf")
    assert r.status_code == 400 and "文件超过1MB" in r.get_data(as_text=True)
    assert post(login(app, "officer2"), case.id, big, "大文件.pdf").status_code == 403
    assert rows(db_session) == [] and stored_files(storage) == []
