"""The registry refuses, when it is loaded (and so when the application starts), a numbering sequence
whose name does not fit the number_sequence key: it used to be cut silently, so two long names with
the same first characters would have shared one series of numbers."""
from __future__ import annotations

import json

import pytest

from app.documents import registry
from app.documents.service import sequence_key
from tests.conftest import make_config
from tests.integration.documents.lifecycle_helpers import NUMBERED, REGISTRY, write_registry


def _with_sequence(folder, sequence: str):
    write_registry(folder)
    raw = json.loads(json.dumps(REGISTRY))
    raw["kinds"][NUMBERED]["sequence"] = sequence
    (folder / "registry.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return folder


def test_a_sequence_name_that_fits_is_kept_whole(tmp_path):
    name = "s" * 28  # 32 characters with the "doc:" prefix
    kind = registry.load(_with_sequence(tmp_path, name)).get(NUMBERED)
    assert sequence_key(kind) == "doc:" + name


def test_a_sequence_name_too_long_is_refused_with_its_length(tmp_path):
    with pytest.raises(registry.RegistryError) as refused:
        registry.load(_with_sequence(tmp_path, "penalty_decision_of_the_bureau_2026"))
    message = str(refused.value)
    assert "测试处罚决定书（test_decision）" in message and "有 35 个字符，最多 28 个" in message


def test_the_application_does_not_start_with_such_a_registry(migrated, database_url, instance_path, tmp_path):
    from app import create_app

    folder = _with_sequence(tmp_path, "x" * 29)
    with pytest.raises(registry.RegistryError, match="编号序列名称"):
        create_app(make_config(database_url, instance_path, DOCUMENT_TEMPLATES_PATH=str(folder)))
