import pytest


@pytest.mark.parametrize(
    ("arrears", "expected"),
    [
        ([{"amount": 120000}], ("Open major case", None, "major_case_form")),
        ([{"amount": 1000}] * 11, ("Open major case", None, "major_case_form")),
        ([{"amount": 1000}, {"amount": 2500}], ("Handle by simple procedure", None, "simple_case_form")),
    ],
)
def test_exclusive_gateway_routes_on_task_data(start_case, arrears, expected):
    case = start_case("case_triage", {"arrears": arrears})
    assert case.ready_summary() == [expected]
    bpmn_id = case.ready()[0].bpmn_id
    case.complete(bpmn_id)
    assert case.runtime.is_completed(case.wf)


def test_script_results_are_in_task_data(start_case):
    case = start_case("case_triage", {"arrears": [{"amount": 1000}, {"amount": 2500}]})
    assert case.task("simple_case").data["total"] == 3500
    assert case.task("simple_case").data["workers"] == 2
