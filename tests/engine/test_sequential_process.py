import pytest

from engine.errors import TaskNotReady


def test_user_tasks_follow_in_order_with_lanes_and_form_keys(start_case):
    case = start_case("ticket_intake", {"case_no": "2026-001"})

    assert case.ready_summary() == [("Register complaint", "clerk", "complaint_form")]
    register = case.task("register")
    assert register.process_key == "ticket_intake"
    assert register.properties == {"formKey": "complaint_form", "dueDays": "3"}
    assert register.data == {"case_no": "2026-001"}

    case.complete("register", {"employer": "Acme Ltd", "workers": 3})
    assert case.ready_summary() == [("Review complaint", "inspector", "review_form")]
    assert case.task("review").data == {"case_no": "2026-001", "employer": "Acme Ltd", "workers": 3}
    assert not case.runtime.is_completed(case.wf)

    case.complete("review", {"accepted": True})
    assert case.ready() == []
    assert case.runtime.is_completed(case.wf)
    assert case.wf.data["accepted"] is True


def test_view_data_is_a_copy(start_case):
    case = start_case("ticket_intake", {"case_no": "2026-002"})
    case.task("register").data["case_no"] = "changed"
    assert case.task("register").data == {"case_no": "2026-002"}


def test_completing_a_task_that_is_not_ready_raises(start_case):
    case = start_case("ticket_intake")
    register_id = case.task("register").task_id
    case.complete("register")

    with pytest.raises(TaskNotReady):
        case.runtime.complete(case.wf, register_id, {})
    with pytest.raises(TaskNotReady):
        case.runtime.complete(case.wf, "00000000-0000-0000-0000-000000000000", {})
    with pytest.raises(TaskNotReady):
        case.runtime.complete(case.wf, "not-a-uuid", {})
    assert case.ready_summary() == [("Review complaint", "inspector", "review_form")]


def test_engine_tasks_cannot_be_completed_by_users(start_case):
    case = start_case("ticket_intake")
    start_event = case.wf.get_tasks(spec_name="start")[0]
    with pytest.raises(TaskNotReady):
        case.runtime.complete(case.wf, str(start_event.id), {})
