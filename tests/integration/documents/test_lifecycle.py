"""A document's life through the API: draft, new version, issue with a gapless number, void
(number kept), re-issue (new number), service (the period it starts), download, tampering."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from app.documents import pdf
from tests.factories import PASSWORD
from tests.integration.cases.helpers import Api, CaseDriver
from tests.integration.documents.lifecycle_helpers import NUMBERED, UNNUMBERED, docx_text, write_registry
from tests.integration.documents.pdf_required import require_pdf_tools

FACTS = {"facts": "拖欠12名农民工2026年9月至10月工资共计123456.78元。"}


@pytest.fixture
def case_driver(app, clock, env, db_session, tmp_path):
    app.config["DOCUMENT_TEMPLATES_PATH"] = str(write_registry(tmp_path / "templates"))
    driver = CaseDriver(Api(app), clock=clock, env=env, session=db_session)
    driver.filed_case(checked=False)
    return driver


def _generate(driver: CaseDriver, kind: str = NUMBERED, inputs=FACTS, as_: str = "officer1", status: int = 201):
    return driver.api.ok("POST", as_, f"/api/v1/cases/{driver.case_id}/documents", status,
                         json={"kind": kind, "inputs": inputs})


def _download(driver: CaseDriver, url: str, as_: str = "officer1"):
    r = driver.api.get(as_, url)
    assert r.status_code == 200, r.get_json()
    return r


def test_draft_versions_then_issue_takes_the_next_number(case_driver):
    api = case_driver.api
    refused = _generate(case_driver, inputs={}, status=400)
    assert refused["error"]["fields"] == {"facts": ["请填写违法事实"]}

    draft = _generate(case_driver)
    assert (draft["status"], draft["number"], draft["current_version"], draft["missing"]) == ("draft", None, 1, [])
    text = docx_text(_download(case_driver, draft["versions"][0]["docx_url"]).data)
    assert "〔签发时编号〕" in text and "违法事实：拖欠12名农民工" in text

    again = api.ok("POST", "officer1", f"/api/v1/documents/{draft['id']}/versions", 201,
                   json={"inputs": {"facts": "拖欠13名农民工工资。"}})
    assert again["current_version"] == 2 and [v["is_issued"] for v in again["versions"]] == [False, False]

    issued = api.ok("POST", "officer1", f"/api/v1/documents/{draft['id']}/issue")
    assert issued["status"] == "issued" and issued["number"] == "横琴人社监罚字〔2026〕第1号"
    assert issued["issued_on"] == "2026-12-03"
    final = issued["versions"][-1]
    assert final["is_issued"] and final["version"] == 3
    content = _download(case_driver, final["docx_url"]).data
    assert hashlib.sha256(content).hexdigest() == final["sha256"]
    text = docx_text(content)
    assert "横琴人社监罚字〔2026〕第1号" in text and "拖欠13名农民工工资" in text
    assert "横琴粤澳深度合作区民生事务局" in text

    # an issued document is frozen
    assert api.post("officer1", f"/api/v1/documents/{draft['id']}/issue").status_code == 409
    assert api.post("officer1", f"/api/v1/documents/{draft['id']}/versions", json={}).status_code == 409

    second = _generate(case_driver)
    assert api.ok("POST", "officer2", f"/api/v1/documents/{second['id']}/issue")["number"] == \
        "横琴人社监罚字〔2026〕第2号"
    record = _generate(case_driver, kind=UNNUMBERED, inputs=None)
    assert api.ok("POST", "officer1", f"/api/v1/documents/{record['id']}/issue")["number"] is None


def test_void_keeps_the_number_and_a_reissue_takes_a_new_one(case_driver):
    api = case_driver.api
    first = _generate(case_driver)
    api.ok("POST", "officer1", f"/api/v1/documents/{first['id']}/issue")
    short = api.post("officer1", f"/api/v1/documents/{first['id']}/void", json={"reason": "错"})
    assert short.status_code == 400 and "reason" in short.get_json()["error"]["fields"]
    voided = api.ok("POST", "officer1", f"/api/v1/documents/{first['id']}/void", json={"reason": "当事人名称有误"})
    assert (voided["status"], voided["number"], voided["void_reason"]) == ("void", "横琴人社监罚字〔2026〕第1号",
                                                                           "当事人名称有误")
    replacement = api.ok("POST", "officer1", f"/api/v1/documents/{first['id']}/reissue", 201)
    assert replacement["replaces_id"] == first["id"] and replacement["status"] == "draft"
    assert replacement["inputs"] == FACTS
    reissued = api.ok("POST", "officer1", f"/api/v1/documents/{replacement['id']}/issue")
    assert reissued["number"] == "横琴人社监罚字〔2026〕第2号"

    listing = api.ok("GET", "leader", f"/api/v1/cases/{case_driver.case_id}/documents")
    assert [(d["number"], d["status"]) for d in listing["items"]] == [
        ("横琴人社监罚字〔2026〕第1号", "void"), ("横琴人社监罚字〔2026〕第2号", "issued")]
    assert listing["may_edit"] is False  # the leader reads; the case's inspectors and the chief write


def test_only_the_cases_inspectors_or_the_chief_make_documents(case_driver):
    r = case_driver.api.post("reviewer", f"/api/v1/cases/{case_driver.case_id}/documents",
                             json={"kind": NUMBERED, "inputs": FACTS})
    assert r.status_code == 403 and "承办执法人员" in r.get_json()["error"]["message"]
    assert _generate(case_driver, as_="chief")["status"] == "draft"
    unknown = case_driver.api.post("officer1", f"/api/v1/cases/{case_driver.case_id}/documents",
                                   json={"kind": "no_such_kind"})
    assert unknown.status_code == 400 and unknown.get_json()["error"]["fields"] == {"kind": ["未知的文书种类"]}


def test_service_starts_the_payment_period_of_the_case(case_driver):
    api = case_driver.api
    document = _generate(case_driver)
    api.ok("POST", "officer1", f"/api/v1/documents/{document['id']}/issue")
    url = f"/api/v1/documents/{document['id']}/services"
    bad = api.post("officer1", url, json={"method": "mail", "recipient": "珠海某建筑公司", "delivered_on": "2026-12-03"})
    assert bad.status_code == 400
    assert set(bad.get_json()["error"]["fields"]) == {"tracking_number", "address"}
    future = api.post("officer1", url, json={"method": "direct", "recipient": "珠海某建筑公司", "signed_by": "张三",
                                             "delivered_on": "2026-12-04"})
    assert future.get_json()["error"]["fields"] == {"delivered_on": ["送达日期不能晚于今天"]}
    left = api.post("officer1", url, json={"method": "left", "recipient": "珠海某建筑公司", "delivered_on": "2026-12-03"})
    assert "witnesses" in left.get_json()["error"]["fields"]

    served = api.ok("POST", "officer1", url, 201, json={
        "method": "direct", "recipient": "珠海某建筑公司", "signed_by": "张三", "delivered_on": "2026-12-03"})
    assert served["served_on"] == "2026-12-03" and served["clock_id"]
    (clock,) = [c for c in case_driver.case()["clocks"] if c["rule"] == "fine_payment"]
    assert clock["due_on"] == "2026-12-18"  # 15 days from service (APL Art. 67)
    detail = api.ok("GET", "officer1", f"/api/v1/documents/{document['id']}")
    assert detail["service_state"] == "直接送达 2026-12-03"


def test_public_notice_is_served_when_its_period_ends(case_driver):
    api = case_driver.api
    document = _generate(case_driver)
    api.ok("POST", "officer1", f"/api/v1/documents/{document['id']}/issue")
    served = api.ok("POST", "officer1", f"/api/v1/documents/{document['id']}/services", 201, json={
        "method": "public", "recipient": "珠海某建筑公司（下落不明）", "notice_carrier": "横琴人社局网站",
        "delivered_on": "2026-12-03"})
    # 60 days after 2026-12-03 is 2027-02-01 (a Monday) — unless the calendar moves it
    assert (served["notice_period_days"], served["served_on"]) == (60, "2027-02-01")
    absconding = _generate(case_driver)
    api.ok("POST", "officer1", f"/api/v1/documents/{absconding['id']}/issue")
    short = api.ok("POST", "officer1", f"/api/v1/documents/{absconding['id']}/services", 201, json={
        "method": "public", "recipient": "欠薪逃匿的包工头", "notice_carrier": "项目工地公告栏",
        "delivered_on": "2026-12-03", "absconding": True})
    assert (short["notice_period_days"], short["served_on"]) == (3, "2026-12-07")  # 12-06 is a Sunday


def test_a_tampered_issued_file_is_refused(app, case_driver):
    api = case_driver.api
    document = _generate(case_driver)
    issued = api.ok("POST", "officer1", f"/api/v1/documents/{document['id']}/issue")
    storage = Path(app.config["STORAGE_PATH"]) / "documents"
    (path,) = [p for p in storage.rglob(f"{document['id']}-{NUMBERED}-v2.docx") if f"case-{case_driver.case_id}/" in str(p)]
    assert path.is_file()
    path.write_bytes(path.read_bytes() + b"tampered")
    r = api.get("officer1", issued["versions"][-1]["docx_url"])
    assert r.status_code == 409 and "SHA-256" in r.get_json()["error"]["message"]


def test_case_file_holds_cover_index_and_issued_documents_in_order(case_driver):
    api = case_driver.api
    decision = _generate(case_driver)
    api.ok("POST", "officer1", f"/api/v1/documents/{decision['id']}/issue")
    record = _generate(case_driver, kind=UNNUMBERED, inputs=None)
    api.ok("POST", "officer1", f"/api/v1/documents/{record['id']}/issue")
    voided = _generate(case_driver)
    api.ok("POST", "officer1", f"/api/v1/documents/{voided['id']}/issue")
    api.ok("POST", "officer1", f"/api/v1/documents/{voided['id']}/void", json={"reason": "重复制作，作废"})
    _generate(case_driver)  # a draft is not part of the file

    r = _download(case_driver, f"/api/v1/cases/{case_driver.case_id}/case-file")
    text = docx_text(r.data)
    assert "共2份文书" in text and "作废1份" in text
    # the registry's order: the record (询问笔录, order 5) before the decision (order 10)
    assert "1  测试询问笔录；2 横琴人社监罚字〔2026〕第1号 测试处罚决定书；" in text
    assert text.index("测试询问笔录\n") < text.index("测试处罚决定书\n横琴人社监罚字〔2026〕第1号")
    assert "第2号" not in text  # the voided one is left out


def test_pdf_copy_carries_the_number_and_party(case_driver, tmp_path):
    require_pdf_tools()
    api = case_driver.api
    document = _generate(case_driver)
    issued = api.ok("POST", "officer1", f"/api/v1/documents/{document['id']}/issue")
    assert issued["versions"][-1]["pdf_url"]
    r = _download(case_driver, issued["versions"][-1]["pdf_url"])
    assert r.mimetype == "application/pdf" and r.data.startswith(b"%PDF-")
    (tmp_path / "d.pdf").write_bytes(r.data)
    text = subprocess.run(["pdftotext", str(tmp_path / "d.pdf"), "-"], capture_output=True, check=True).stdout.decode()
    text = text.replace(" ", "").replace("\n", "")  # pdftotext spaces CJK from digits
    assert "横琴人社监罚字〔2026〕第1号" in text
    assert case_driver.case()["respondent_name"] in text


def test_without_libreoffice_the_pdf_is_refused_with_a_clear_message(case_driver, monkeypatch):
    api = case_driver.api
    monkeypatch.setenv("SOFFICE_PATH", "")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    document = _generate(case_driver)
    issued = api.ok("POST", "officer1", f"/api/v1/documents/{document['id']}/issue")
    assert issued["versions"][-1]["pdf_url"] is None
    listing = api.ok("GET", "officer1", f"/api/v1/cases/{case_driver.case_id}/documents")
    assert listing["pdf_available"] is False
    r = api.get("officer1", f"/api/v1/documents/{document['id']}/file?format=pdf")
    assert r.status_code == 400 and "LibreOffice" in r.get_json()["error"]["message"]


def test_case_file_leaves_out_an_issued_cover_and_index(case_driver):
    api = case_driver.api
    decision = _generate(case_driver)
    api.ok("POST", "officer1", f"/api/v1/documents/{decision['id']}/issue")
    for kind in ("case_file_cover", "case_file_index"):  # made and issued on the documents tab as well
        made = _generate(case_driver, kind=kind, inputs=None)
        api.ok("POST", "officer1", f"/api/v1/documents/{made['id']}/issue")

    text = docx_text(_download(case_driver, f"/api/v1/cases/{case_driver.case_id}/case-file").data)
    assert text.count("卷宗封面") == 1 and text.count("卷内目录") == 1  # printed once, not twice
    assert "共1份文书" in text and "1 横琴人社监罚字〔2026〕第1号 测试处罚决定书；" in text


def _fake_soffice(monkeypatch, tmp_path, run):
    """A LibreOffice that exists (SOFFICE_PATH) but converts with `run`; temp dirs go to tmp_path/tmp."""
    binary = tmp_path / "soffice"
    binary.write_text("#!/bin/sh\nexit 0\n")
    binary.chmod(0o755)
    monkeypatch.setenv("SOFFICE_PATH", str(binary))
    monkeypatch.setattr(subprocess, "run", run)
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return temp


def _writes_pdf(command, **kwargs):
    out_dir = Path(command[command.index("--outdir") + 1])
    for source in command[command.index("--outdir") + 2:]:
        (out_dir / (Path(source).stem + ".pdf")).write_bytes(b"%PDF-1.4 fake")
    return subprocess.CompletedProcess(command, 0, b"", b"")


def test_case_file_pdf_leaves_no_temporary_directory(case_driver, monkeypatch, tmp_path):
    temp = _fake_soffice(monkeypatch, tmp_path, _writes_pdf)
    r = _download(case_driver, f"/api/v1/cases/{case_driver.case_id}/case-file?format=pdf")
    assert r.mimetype == "application/pdf" and r.data == b"%PDF-1.4 fake"
    assert list(temp.iterdir()) == []


def test_a_hung_conversion_is_reported_in_chinese_and_cleaned_up(case_driver, monkeypatch, tmp_path):
    def hangs(command, **kwargs):
        raise subprocess.TimeoutExpired(command, kwargs.get("timeout"))

    temp = _fake_soffice(monkeypatch, tmp_path, hangs)
    r = case_driver.api.get("officer1", f"/api/v1/cases/{case_driver.case_id}/case-file?format=pdf")
    assert r.status_code == 400
    error = r.get_json()["error"]
    assert (error["code"], error["message"]) == ("pdf_unavailable", pdf.TIMED_OUT.format(seconds=pdf.TIMEOUT_SECONDS))
    assert "秒仍未完成" in error["message"]
    assert list(temp.iterdir()) == []


def test_a_missing_soffice_binary_is_a_clear_message_not_an_error_page(case_driver, monkeypatch, tmp_path):
    api = case_driver.api
    document = _generate(case_driver)
    api.ok("POST", "officer1", f"/api/v1/documents/{document['id']}/issue")
    monkeypatch.setenv("SOFFICE_PATH", str(tmp_path / "no" / "soffice"))
    assert pdf.available() is False
    assert api.ok("GET", "officer1", f"/api/v1/cases/{case_driver.case_id}/documents")["pdf_available"] is False
    r = api.get("officer1", f"/api/v1/documents/{document['id']}/file?format=pdf")
    assert r.status_code == 400 and "SOFFICE_PATH" in r.get_json()["error"]["message"]

    # the binary vanishes between the check and the start: still a message, on the page too
    def vanished(command, **kwargs):
        raise FileNotFoundError(command[0])

    _fake_soffice(monkeypatch, tmp_path, vanished)
    r = api.get("officer1", f"/api/v1/cases/{case_driver.case_id}/case-file?format=pdf")
    assert r.status_code == 400 and "不存在或不可执行" in r.get_json()["error"]["message"]
    client = case_driver.api.app.test_client()
    client.post("/login", data={"username": "officer1", "password": PASSWORD})
    page = client.get(f"/cases/{case_driver.case_id}/case-file?format=pdf", follow_redirects=True)
    assert page.status_code == 200 and "不存在或不可执行" in page.get_data(as_text=True)
