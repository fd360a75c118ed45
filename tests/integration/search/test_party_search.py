"""Search through the party and complainant tables: any unit's credit code, any complainant's phone or
ID number, a party that is not the summary respondent; each ticket or case once; PII masked by role."""
from __future__ import annotations

from tests.integration.parties.helpers import (
    CODE_A,
    CODE_B,
    ID_2,
    full_registration,
    login,
    open_case,
    unrelated_registration,
)

SUBCONTRACTOR = {"name": "珠海某幕墙工程有限公司", "credit_code": CODE_B, "nature": "私营企业",
                 "agent_name": "冯子健", "agent_phone": "13826000101"}
SECOND_PHONE = "13800138011"  # 陈秀英, the second complainant


def _case_with_subcontractor(api) -> dict:
    return open_case(api, full_registration(subcontractors=[SUBCONTRACTOR]))


def _search(api, username: str, query: str) -> list[dict]:
    r = api.get(username, "/api/v1/search", query_string={"q": query})
    assert r.status_code == 200, r.get_json()
    return r.get_json()["items"]


def _kinds(items: list[dict]) -> list[tuple[str, str]]:
    return [(i["kind"], i["number"]) for i in items]


def test_a_case_is_found_by_its_subcontractors_credit_code(api, db_session):
    case = _case_with_subcontractor(api)
    other = api.post("clerk", "/api/v1/tickets", json=unrelated_registration(
        responsible_units=[{"name": "某装饰工程（珠海）有限公司", "credit_code": CODE_A}])).get_json()
    items = _search(api, "chief", CODE_B)
    assert [i["kind"] for i in items] == ["case", "ticket"]  # the case, then the ticket it came from
    assert items[0]["number"] == case["number"] and other["number"] not in [i["number"] for i in items]
    assert items[0]["respondent_name"] == "珠海某建设劳务有限公司"  # the subcontractor is not the summary respondent
    assert items[0]["matched"] == [f"分包单位 珠海某幕墙工程有限公司（统一社会信用代码 {CODE_B}）"]
    # typed in lower case with blanks: the same code
    spaced = CODE_B[:4] + " " + CODE_B[4:10].lower() + " " + CODE_B[10:]
    assert _kinds(_search(api, "chief", spaced)) == _kinds(items)


def test_a_case_is_found_by_a_second_complainants_phone_and_id_number(api, db_session):
    case = _case_with_subcontractor(api)
    for query in (SECOND_PHONE, "138-0013-8011", "+86 138 0013 8011"):
        items = _search(api, "chief", query)
        assert [i["kind"] for i in items] == ["case", "ticket"], query
        assert items[0]["number"] == case["number"] and items[0]["complainant_name"] == "黄国强"
        assert items[0]["matched"] == [f"投诉人 陈秀英（联系电话 {SECOND_PHONE}）"]
    items = _search(api, "chief", ID_2)
    assert items[0]["number"] == case["number"] and items[0]["matched"] == [f"投诉人 陈秀英（证件号码 {ID_2}）"]
    # the case list's search box finds it the same way
    listed = api.get("chief", "/api/v1/cases", query_string={"q": SECOND_PHONE}).get_json()["items"]
    assert [c["number"] for c in listed] == [case["number"]]


def test_a_party_that_is_not_the_summary_respondent_is_found_by_name_once(api, db_session):
    case = _case_with_subcontractor(api)
    items = _search(api, "chief", "横琴某投资")  # the construction unit
    assert _kinds(items)[0] == ("case", case["number"]) and len(items) == 2
    assert items[0]["matched"] == ["建设单位 珠海横琴某投资有限公司"]
    # the respondent matches through the summary column and its party row (of the case and of the ticket):
    # each appears once
    items = _search(api, "chief", "珠海某建设劳务有限公司")
    assert [i["kind"] for i in items] == ["case", "ticket"]
    assert "欠薪直接责任单位 珠海某建设劳务有限公司" in items[0]["matched"]
    # unit names are stored with Chinese brackets: half-width brackets find them too
    other = api.post("clerk", "/api/v1/tickets", json=unrelated_registration()).get_json()
    assert _kinds(_search(api, "chief", "某装饰工程(珠海)")) == [("ticket", other["number"])]
    # wildcards are taken literally
    assert _search(api, "chief", "%%") == [] and _search(api, "chief", "__") == []


def test_phones_and_id_numbers_are_masked_for_a_role_without_pii_rights(api, client, db_session):
    case = _case_with_subcontractor(api)
    items = _search(api, "reviewer", SECOND_PHONE)
    assert [i["kind"] for i in items] == ["case", "ticket"]
    for item in items:
        assert item["complainant_phone"] == "138****8001"
        assert item["matched"] == ["投诉人 陈秀英（联系电话 138****8011）"]
    items = _search(api, "reviewer", ID_2)
    assert items[0]["matched"] == ["投诉人 陈秀英（证件号码 440***********0025）"]
    assert ID_2 not in str(items) and SECOND_PHONE not in str(items)
    # the case's inspectors and the chief see them
    assert _search(api, "chief", SECOND_PHONE)[0]["complainant_phone"] == "13800138001"
    # the page
    login(client, "reviewer")
    page = client.get("/search", query_string={"q": SECOND_PHONE}).get_data(as_text=True)
    results = page.split('id="search-results"')[1]
    assert case["number"] in results and "命中" in results and "138****8011" in results
    assert SECOND_PHONE not in results
    login(client, "chief")
    page = client.get("/search", query_string={"q": CODE_B}).get_data(as_text=True)
    assert case["number"] in page and "分包单位 珠海某幕墙工程有限公司" in page


def test_the_team_leader_is_found_by_name_and_phone(api, db_session):
    ticket = api.post("clerk", "/api/v1/tickets", json=full_registration(
        team_leader_name="梁振邦", team_leader_phone="+853 6281 0000")).get_json()
    items = _search(api, "clerk", "梁振邦")
    assert _kinds(items) == [("ticket", ticket["number"])] and items[0]["matched"] == ["班组长 梁振邦"]
    items = _search(api, "reviewer", "85362810000")
    assert items[0]["matched"] == ["班组长 梁振邦（联系电话 +853****0000）"]
