"""What an officer sees after serving documents: an electronic service (with the party's consent)
and a 留置送达 (with witnesses, or with a photo/video record) each start the payment period; the
documents listing of the API carries the service and the download links; the task page lists the
documents of its step (本环节文书) with links to them."""
from __future__ import annotations

import json

import pytest

from tests.integration.cases.helpers import Api, CaseDriver
from tests.integration.documents.lifecycle_helpers import NUMBERED, UNNUMBERED, docx_text, write_registry
from tests.integration.roster.helpers import login

FACTS = {"facts": "拖欠农民工工资。"}


@pytest.fixture
def driver(app, clock, env, db_session, tmp_path):
    folder = write_registry(tmp_path / "templates")
    raw = json.loads((folder / "registry.json").read_text(encoding="utf-8"))
    raw["kinds"][NUMBERED]["step"] = "case_investigation:record_evidence"  # the open task after filing
    (folder / "registry.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    app.config["DOCUMENT_TEMPLATES_PATH"] = str(folder)
    driver = CaseDriver(Api(app), clock=clock, env=env, session=db_session)
    driver.filed_case(checked=False)
    return driver


def _issued(driver: CaseDriver) -> dict:
    made = driver.api.ok("POST", "officer1", f"/api/v1/cases/{driver.case_id}/documents", 201,
                         json={"kind": NUMBERED, "inputs": FACTS})
    return driver.api.ok("POST", "officer1", f"/api/v1/documents/{made['id']}/issue")


def _serve(driver: CaseDriver, document: dict, **fields) -> dict:
    return driver.api.ok("POST", "officer1", f"/api/v1/documents/{document['id']}/services", 201,
                         json={"recipient": "珠海某建筑公司", **fields})


def _running(driver: CaseDriver, rule: str = "fine_payment") -> list[dict]:
    return [c for c in driver.case()["clocks"] if c["rule"] == rule and c["state"] != "stopped"]


def test_electronic_service_with_the_partys_consent_starts_the_period(driver):
    document = _issued(driver)
    assert _running(driver) == []  # issuing alone starts nothing
    url = f"/api/v1/documents/{document['id']}/services"
    refused = driver.api.post("officer1", url, json={"method": "electronic", "recipient": "珠海某建筑公司",
                                                     "address": "legal@example.com", "delivered_on": "2026-12-03"})
    assert refused.status_code == 400
    assert refused.get_json()["error"]["fields"] == {"consent_reference": ["电子送达须填写电子送达确认书"]}

    served = _serve(driver, document, method="electronic", address="legal@example.com",
                    consent_reference="送达地址确认书（2026-12-01 当事人签署，同意电子送达）", delivered_on="2026-12-03")
    assert (served["method_label"], served["served_on"], served["address"]) == (
        "电子送达", "2026-12-03", "legal@example.com")
    assert served["consent_reference"].startswith("送达地址确认书") and served["clock_id"]
    (clock,) = _running(driver)
    assert (clock["start_on"], clock["due_on"]) == ("2026-12-03", "2026-12-18")  # 15 days from service


@pytest.mark.parametrize("proof", [{"witnesses": "村委会主任陈某、保安李某"},
                                   {"media_reference": "执法记录仪视频 HQ-20261203-01，现场照片3张"}],
                         ids=["witnesses", "photo-video"])
def test_service_left_at_the_premises_with_its_proof_starts_the_period(driver, proof):
    document = _issued(driver)
    assert _running(driver) == []
    served = _serve(driver, document, method="left", address="横琴新区某路1号该公司办公室",
                    delivered_on="2026-12-03", **proof)
    assert (served["method_label"], served["served_on"]) == ("留置送达", "2026-12-03")
    assert {k: served[k] for k in proof} == proof and served["clock_id"]
    (clock,) = _running(driver)
    assert (clock["start_on"], clock["due_on"]) == ("2026-12-03", "2026-12-18")


def test_the_listing_carries_the_service_and_working_download_links(driver):
    document = _issued(driver)
    draft = driver.api.ok("POST", "officer1", f"/api/v1/cases/{driver.case_id}/documents", 201,
                          json={"kind": UNNUMBERED})
    _serve(driver, document, method="left", witnesses="保安李某", delivered_on="2026-12-03")

    listing = driver.api.ok("GET", "officer1", f"/api/v1/cases/{driver.case_id}/documents")
    items = {d["id"]: d for d in listing["items"]}
    served = items[document["id"]]
    assert served["service_state"] == "留置送达 2026-12-03"
    assert [(s["method"], s["witnesses"], s["served_on"]) for s in served["services"]] == [
        ("left", "保安李某", "2026-12-03")]
    assert items[draft["id"]]["service_state"] == "—" and items[draft["id"]]["services"] == []
    final = served["versions"][-1]
    assert final["is_issued"] and final["docx_url"].endswith(f"/documents/{document['id']}/file?version=2")
    r = driver.api.get("officer1", final["docx_url"])
    assert r.status_code == 200 and r.headers["X-Content-SHA256"] == final["sha256"]
    assert document["number"] in docx_text(r.data)
    assert (final["pdf_url"] is not None) == listing["pdf_available"]


def test_the_task_page_lists_the_documents_of_its_step_with_links(app, driver):
    task, _ = driver.find_task("officer1", "调查取证记录")
    client = login(app, "officer1")
    page = client.get(f"/tasks/{task['id']}").get_data(as_text=True)
    assert "本环节文书" in page and "测试处罚决定书" in page and "测试询问笔录" not in page  # not this step's
    assert f"/cases/{driver.case_id}/documents/new?kind={NUMBERED}" in page.replace("&amp;", "&")

    document = _issued(driver)
    page = client.get(f"/tasks/{task['id']}").get_data(as_text=True)
    assert f'<a href="/documents/{document["id"]}">{document["number"]}</a>（已签发）' in page
    assert client.get(f"/documents/{document['id']}").status_code == 200
