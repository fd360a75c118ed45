import threading
from unittest import mock

import pytest
from SpiffWorkflow.spiff.parser import SpiffBpmnParser

from engine.errors import SpecNotFound
from engine.specs import SpecLibrary, content_version


@pytest.fixture
def bpmn_dir(tmp_path, library):
    for key in library.keys():
        for name, text in library.current(key).sources.items():
            (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_keys_are_the_processes_not_only_called_by_others(library):
    assert library.keys() == ["case_triage", "investigation", "rectification", "ticket_intake"]
    assert sorted(library.current("investigation").sources) == ["evidence.bpmn", "investigation.bpmn"]
    assert list(library.current("investigation").subprocess_specs) == ["evidence"]


def test_version_is_a_stable_hash_of_the_needed_files(library, bpmn_dir):
    pv = library.current("investigation")
    assert pv.version == content_version(pv.sources)
    assert len(pv.version) == 64
    copy = SpecLibrary.from_directory(bpmn_dir)
    assert {key: copy.current(key).version for key in copy.keys()} == {
        key: library.current(key).version for key in library.keys()
    }


def test_unknown_process_raises(library):
    with pytest.raises(SpecNotFound):
        library.current("no_such_process")


def test_changing_a_called_process_changes_the_callers_version_only(library, bpmn_dir):
    edit(bpmn_dir / "evidence.bpmn", 'name="Record inquiry"', 'name="Record inquiry transcript"')
    changed = SpecLibrary.from_directory(bpmn_dir)
    assert changed.current("investigation").version != library.current("investigation").version
    assert changed.current("ticket_intake").version == library.current("ticket_intake").version


def test_running_case_keeps_its_version_after_the_file_changes(start_case, library, bpmn_dir):
    v1 = library.current("ticket_intake")
    case = start_case("ticket_intake", {"case_no": "2026-020"})
    case.complete("register", {"employer": "Acme Ltd"})

    edit(bpmn_dir / "sequential.bpmn", 'name="Review complaint"', 'name="Review and sign"')
    new_library = SpecLibrary.from_directory(bpmn_dir)
    v2 = new_library.current("ticket_intake")
    assert v2.version != v1.version

    case.pv = new_library.version("ticket_intake", v1.version, v1.sources)
    case.reload()
    assert case.ready_summary() == [("Review complaint", "inspector", "review_form")]
    case.complete("review")
    assert case.runtime.is_completed(case.wf)

    new_case = start_case("ticket_intake", pv=v2)
    new_case.complete("register")
    assert new_case.ready_summary() == [("Review and sign", "inspector", "review_form")]


def test_versions_are_parsed_once_and_cached(library):
    pv = library.current("investigation")
    assert library.version("investigation", pv.version, pv.sources) is pv

    fresh = SpecLibrary({})
    results = []
    barrier = threading.Barrier(8)

    def fetch():
        barrier.wait()
        results.append(fresh.version("investigation", pv.version, pv.sources))

    with mock.patch.object(
        SpiffBpmnParser, "add_bpmn_str", autospec=True, side_effect=SpiffBpmnParser.add_bpmn_str
    ) as parse:
        threads = [threading.Thread(target=fetch) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len({id(result) for result in results}) == 1 and len(results) == 8
    assert parse.call_count == len(pv.sources)
    assert results[0].version == pv.version and results[0].spec is not pv.spec


def test_sources_must_match_the_version(library):
    pv = library.current("ticket_intake")
    tampered = {name: text.replace("Review complaint", "Other") for name, text in pv.sources.items()}
    with pytest.raises(SpecNotFound):
        SpecLibrary({}).version("ticket_intake", pv.version, tampered)
    with pytest.raises(SpecNotFound):
        SpecLibrary({}).version("case_triage", pv.version, pv.sources)
