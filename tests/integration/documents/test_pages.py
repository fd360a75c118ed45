"""The documents tab as an officer uses it: choose a kind, fill what the case does not hold,
preview the draft, issue it, record its service, void it with a reason, print the case file."""
from __future__ import annotations

import re

import pytest

from tests.integration.cases.helpers import Api, CaseDriver
from tests.integration.documents.lifecycle_helpers import NUMBERED, docx_text, write_registry
from tests.integration.roster.helpers import login


@pytest.fixture
def case_id(app, clock, env, db_session, tmp_path):
    app.config["DOCUMENT_TEMPLATES_PATH"] = str(write_registry(tmp_path / "templates"))
    driver = CaseDriver(Api(app), clock=clock, env=env, session=db_session)
    driver.filed_case(checked=False)
    return driver.case_id


def _document_id(response) -> int:
    return int(re.search(r"/documents/(\d+)$", response.headers["Location"]).group(1))


def test_officer_makes_issues_serves_and_voids_a_document(app, case_id):
    client = login(app, "officer1")
    tab = client.get(f"/cases/{case_id}/documents").get_data(as_text=True)
    assert "尚未制作文书" in tab and "测试处罚决定书" in tab and "打印卷宗" in tab

    form = client.get(f"/cases/{case_id}/documents/new?kind={NUMBERED}").get_data(as_text=True)
    assert "违法事实" in form
    refused = client.post(f"/cases/{case_id}/documents", data={"kind": NUMBERED, "facts": ""})
    assert refused.status_code == 400 and "请填写违法事实" in refused.get_data(as_text=True)

    created = client.post(f"/cases/{case_id}/documents", data={"kind": NUMBERED, "facts": "拖欠工资共计5万元。"})
    assert created.status_code == 302
    document_id = _document_id(created)
    page = client.get(f"/documents/{document_id}").get_data(as_text=True)
    assert "草稿" in page and "签发并编号" in page and "违法事实：拖欠工资共计5万元。" in page  # the preview

    issued = client.post(f"/documents/{document_id}/issue", follow_redirects=True).get_data(as_text=True)
    assert "已签发，文号 横琴人社监罚字〔2026〕第1号" in issued and "登记送达" in issued

    bad = client.post(f"/documents/{document_id}/services", data={"method": "mail", "recipient": "某公司",
                                                                   "delivered_on": "2026-12-03"})
    assert bad.status_code == 400 and "邮寄送达须填写邮件单号" in bad.get_data(as_text=True)
    served = client.post(f"/documents/{document_id}/services", follow_redirects=True, data={
        "method": "direct", "recipient": "某公司", "signed_by": "张三", "delivered_on": "2026-12-03"})
    assert "已登记送达，送达日期 2026-12-03" in served.get_data(as_text=True)

    download = client.get(f"/documents/{document_id}/download")
    assert download.status_code == 200 and "横琴人社监罚字〔2026〕第1号" in docx_text(download.data)

    voided = client.post(f"/documents/{document_id}/void", data={"reason": "送达地址有误"}, follow_redirects=True)
    text = voided.get_data(as_text=True)
    assert "已作废，文号保留不再使用" in text and "作废原因：送达地址有误" in text and "重新制作" in text
    tab = client.get(f"/cases/{case_id}/documents").get_data(as_text=True)
    assert "横琴人社监罚字〔2026〕第1号" in tab and "已作废" in tab

    case_file = client.get(f"/cases/{case_id}/case-file")
    assert case_file.status_code == 200 and "卷宗封面" in docx_text(case_file.data)


def test_a_reader_sees_the_tab_without_the_buttons(app, case_id):
    officer = login(app, "officer1")
    officer.post(f"/cases/{case_id}/documents", data={"kind": NUMBERED, "facts": "拖欠工资。"})
    leader = login(app, "leader")
    tab = leader.get(f"/cases/{case_id}/documents").get_data(as_text=True)
    assert "测试处罚决定书" in tab and "制作文书" not in tab
    refused = leader.post(f"/cases/{case_id}/documents", data={"kind": NUMBERED, "facts": "x"})
    assert refused.status_code == 403
