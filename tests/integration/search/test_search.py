"""Searching tickets and cases by number, project, party, complainant name or phone; phones masked by role."""
from tests.factories import PASSWORD, make_ticket


def test_search_finds_tickets_by_party_and_phone_and_masks_for_reviewers(app, db_session, env, client, api):
    ticket = make_ticket(db_session, env, respondent_name="珠海某幕墙工程有限公司", complainant_phone="13812345678")
    make_ticket(db_session, env, respondent_name="另一家公司", complainant_phone="13900000000")
    client.post("/login", data={"username": "clerk", "password": PASSWORD})
    page = client.get("/search?q=幕墙").get_data(as_text=True)
    assert ticket.number in page and "另一家公司" not in page and "13812345678" in page
    assert ticket.number in client.get("/search?q=12345678").get_data(as_text=True)
    items = api.get("reviewer", "/api/v1/search?q=幕墙").get_json()["items"]
    assert [(i["number"], i["complainant_phone"]) for i in items] == [(ticket.number, "138****5678")]
    assert api.get("reviewer", "/api/v1/search?q=x").get_json()["items"] == []  # too short
