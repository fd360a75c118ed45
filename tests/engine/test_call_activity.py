def test_user_tasks_inside_a_call_activity(start_case):
    case = start_case("investigation", {"case_no": "2026-007"})
    assert case.ready_summary() == [("Assign inspectors", None, "assign_form")]

    case.complete("assign", {"inspectors": ["wang", "li"]})
    (inquiry,) = case.ready()
    assert (inquiry.title, inquiry.form_key, inquiry.process_key) == (
        "Record inquiry",
        "inquiry_record_form",
        "evidence",
    )
    assert inquiry.data["inspectors"] == ["wang", "li"]

    case.complete("record_inquiry", {"documents": ["payroll.pdf", "contract.pdf"]})
    (decide,) = case.ready()
    assert (decide.title, decide.process_key) == ("Decide", "investigation")
    assert decide.data["evidence_count"] == 2

    case.complete("decide", {"decision": "order"})
    assert case.runtime.is_completed(case.wf)
