"""PDF copies beside the .docx: converted once per version, hashed like the .docx (a changed copy of
an issued document is refused), and counted, so the printed case file's 卷内目录 carries each
document's page numbers and the cover the pages of the file; without LibreOffice the blanks stay and
the file says why."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app.documents import pdf
from tests.integration.cases.helpers import Api, CaseDriver
from tests.integration.documents.lifecycle_helpers import NUMBERED, UNNUMBERED, docx_text, write_registry
from tests.integration.documents.pdf_required import require_pdf_tools
from tests.integration.roster.helpers import login

LONG_FACTS = {"facts": "经查，该公司拖欠十二名农民工二〇二六年九月至十月的工资，经多次催告仍未支付；" * 90}


@pytest.fixture
def driver(app, clock, env, db_session, tmp_path):
    app.config["DOCUMENT_TEMPLATES_PATH"] = str(write_registry(tmp_path / "templates"))
    driver = CaseDriver(Api(app), clock=clock, env=env, session=db_session)
    driver.filed_case(checked=False)
    return driver


def _issue(driver: CaseDriver, kind: str, inputs) -> dict:
    made = driver.api.ok("POST", "officer1", f"/api/v1/cases/{driver.case_id}/documents", 201,
                         json={"kind": kind, "inputs": inputs})
    return driver.api.ok("POST", "officer1", f"/api/v1/documents/{made['id']}/issue")


def _pages(driver: CaseDriver, document: dict, tmp_path: Path) -> int:
    r = driver.api.get("officer1", document["versions"][-1]["pdf_url"])
    assert r.status_code == 200, r.get_json()
    target = tmp_path / f"{document['id']}.pdf"
    target.write_bytes(r.data)
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def _case_file_text(driver: CaseDriver) -> str:
    r = driver.api.get("officer1", f"/api/v1/cases/{driver.case_id}/case-file")
    assert r.status_code == 200, r.get_json()
    return docx_text(r.data)


def test_the_index_carries_page_numbers_and_the_cover_the_total(driver, tmp_path, monkeypatch):
    require_pdf_tools()
    record = _issue(driver, UNNUMBERED, None)  # order 5: first in the file
    decision = _issue(driver, NUMBERED, LONG_FACTS)
    first, second = _pages(driver, record, tmp_path), _pages(driver, decision, tmp_path)
    assert first == 1 and second >= 2  # the long facts run onto a second page

    text = _case_file_text(driver)
    assert f"1页号1；2页号2-{1 + second}；" in text
    assert f"本卷共2件{1 + second}页" in text and "注：" not in text

    # a repeat print converts nothing: the counts are kept with each version's PDF
    def no_conversion(*args, **kwargs):
        raise AssertionError("converted again")

    monkeypatch.setattr(pdf, "convert", no_conversion)
    assert f"本卷共2件{1 + second}页" in _case_file_text(driver)


def test_a_first_print_converts_the_documents_not_yet_converted(driver):
    require_pdf_tools()
    _issue(driver, UNNUMBERED, None)
    _issue(driver, NUMBERED, {"facts": "拖欠工资。"})
    text = _case_file_text(driver)  # no PDF downloaded before
    assert "1页号1；2页号2；" in text and "本卷共2件2页" in text


def test_without_libreoffice_the_page_numbers_stay_blank_and_the_file_says_why(app, driver, monkeypatch):
    _issue(driver, UNNUMBERED, None)
    monkeypatch.setenv("SOFFICE_PATH", "")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    text = _case_file_text(driver)
    assert "1页号；" in text and "本卷共1件＿＿＿＿页" in text
    assert text.count("注：服务器未安装 LibreOffice，未能计算页数") == 1
    tab = login(app, "officer1").get(f"/cases/{driver.case_id}/documents").get_data(as_text=True)
    assert "未安装 LibreOffice，无法计算页数" in tab


def _fake_converter(monkeypatch, tmp_path) -> list[list[str]]:
    binary = tmp_path / "soffice"
    binary.write_text("#!/bin/sh\nexit 0\n")
    binary.chmod(0o755)
    monkeypatch.setenv("SOFFICE_PATH", str(binary))
    calls: list[list[str]] = []
    real_run = subprocess.run

    def writes_pdf(command, **kwargs):
        if command[0] != str(binary):  # pdfinfo counting the pages
            return real_run(command, **kwargs)
        calls.append(command)
        out_dir = Path(command[command.index("--outdir") + 1])
        for source in command[command.index("--outdir") + 2:]:
            (out_dir / (Path(source).stem + ".pdf")).write_bytes(b"%PDF-1.4\n1 0 obj <</Type /Page>> endobj\n%%EOF")
        return subprocess.CompletedProcess(command, 0, b"", b"")

    monkeypatch.setattr(subprocess, "run", writes_pdf)
    return calls


def test_a_changed_pdf_of_an_issued_document_is_refused(app, driver, monkeypatch, tmp_path):
    calls = _fake_converter(monkeypatch, tmp_path)
    issued = _issue(driver, NUMBERED, {"facts": "拖欠工资。"})
    url = issued["versions"][-1]["pdf_url"]
    assert driver.api.get("officer1", url).status_code == 200
    assert driver.api.get("officer1", url).status_code == 200 and len(calls) == 1  # kept, not converted again

    storage = Path(app.config["STORAGE_PATH"]) / "documents" / f"case-{driver.case_id}"
    (copy,) = storage.glob(f"{issued['id']}-{NUMBERED}-v2.pdf")
    copy.write_bytes(copy.read_bytes().replace(b"%%EOF", b"changed %%EOF"))
    r = driver.api.get("officer1", url)
    assert r.status_code == 409 and "PDF" in r.get_json()["error"]["message"]
    assert "可能已被篡改" in r.get_json()["error"]["message"]
    printed = driver.api.get("officer1", f"/api/v1/cases/{driver.case_id}/case-file")
    assert printed.status_code == 409  # the case file does not print a changed copy's page count either

    copy.unlink()  # a lost copy is made again from the verified .docx
    assert driver.api.get("officer1", url).status_code == 200 and len(calls) == 2


def test_a_changed_pdf_of_a_draft_is_converted_again(app, driver, monkeypatch, tmp_path):
    calls = _fake_converter(monkeypatch, tmp_path)
    draft = driver.api.ok("POST", "officer1", f"/api/v1/cases/{driver.case_id}/documents", 201,
                          json={"kind": NUMBERED, "inputs": {"facts": "拖欠工资。"}})
    url = draft["versions"][-1]["pdf_url"]
    assert driver.api.get("officer1", url).status_code == 200
    (copy,) = (Path(app.config["STORAGE_PATH"]) / "documents").rglob(f"{draft['id']}-{NUMBERED}-v1.pdf")
    copy.write_bytes(b"%PDF-1.4 changed")
    r = driver.api.get("officer1", url)
    assert r.status_code == 200 and r.data != b"%PDF-1.4 changed" and len(calls) == 2
