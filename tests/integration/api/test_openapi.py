"""The OpenAPI description is generated from the routes and marshmallow schemas."""


def test_openapi_lists_every_endpoint_with_schemas(client):
    r = client.get("/api/v1/openapi.json")
    assert r.status_code == 200
    spec = r.get_json()
    assert spec["openapi"].startswith("3.")
    paths = spec["paths"]
    for path, method in [
        ("/api/v1/auth/token", "post"), ("/api/v1/tasks", "get"), ("/api/v1/tasks/{task_id}", "get"),
        ("/api/v1/tasks/{task_id}/claim", "post"), ("/api/v1/tasks/{task_id}/complete", "post"),
        ("/api/v1/tickets", "post"), ("/api/v1/tickets/form", "get"), ("/api/v1/tickets/{ticket_id}", "get"),
        ("/api/v1/tickets/duplicate-check", "post"),
        ("/api/v1/cases/{case_id}/parties", "get"), ("/api/v1/cases/{case_id}/parties", "post"),
        ("/api/v1/cases/{case_id}/parties/{party_id}", "put"),
        ("/api/v1/cases/{case_id}/complainants", "get"), ("/api/v1/cases/{case_id}/complainants", "post"),
        ("/api/v1/cases/{case_id}/complainants/{complainant_id}", "put"),
        ("/api/v1/cases/{case_id}/recusals", "get"), ("/api/v1/cases/{case_id}/recusals", "post"),
        ("/api/v1/cases/{case_id}/recusals/{recusal_id}/decision", "post"),
    ]:
        assert method in paths[path], (path, method)
    schemas = spec["components"]["schemas"]
    assert {"Task", "TaskList", "TaskDetail", "RegisteredTicket", "TicketDetail", "Error"} <= set(schemas)
    assert {"PartyList", "ComplainantList", "PartyInput", "ComplainantInput", "DuplicateMatch", "Recusal"} <= set(schemas)
    assert "possible_duplicates" in schemas["RegisteredTicket"]["properties"]
    assert schemas["Task"]["properties"]["due_at"]["format"] == "date-time"
    task_list = paths["/api/v1/tasks"]["get"]
    assert task_list["security"] == [{"bearer": []}]
    assert task_list["responses"]["403"]["content"]["application/json"]["schema"]["$ref"].endswith("/Error")
    assert "security" not in paths["/api/v1/auth/token"]["post"]
