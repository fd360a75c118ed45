"""Configuration from the environment."""
from __future__ import annotations

import pytest

from app.config import ConfigError, load_config


def test_defaults_use_sqlite_under_instance_and_generate_a_secret_once(tmp_path):
    config = load_config({"INSTANCE_PATH": str(tmp_path)})
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'labour.db'}"
    assert config["TIME_ZONE"] == "Asia/Shanghai" and config["SCHEDULER_ENABLED"] is True
    key_file = tmp_path / "secret_key"
    assert key_file.read_text() == config["SECRET_KEY"] and oct(key_file.stat().st_mode)[-3:] == "600"
    assert load_config({"INSTANCE_PATH": str(tmp_path)})["SECRET_KEY"] == config["SECRET_KEY"]


def test_production_refuses_to_start_without_a_secret(tmp_path):
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load_config({"INSTANCE_PATH": str(tmp_path), "APP_ENV": "production"})
    config = load_config({"INSTANCE_PATH": str(tmp_path), "APP_ENV": "production", "SECRET_KEY": "x" * 40})
    assert config["PRODUCTION"] and config["SESSION_COOKIE_SECURE"]


def test_environment_overrides(tmp_path):
    config = load_config({
        "INSTANCE_PATH": str(tmp_path), "DATABASE_URL": "postgresql+psycopg://db/labour",
        "SCHEDULER_ENABLED": "false", "STORAGE_PATH": "/srv/files", "TIME_ZONE": "Asia/Macau",
    })
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://db/labour"
    assert config["SCHEDULER_ENABLED"] is False and config["STORAGE_PATH"] == "/srv/files"
    assert config["TIME_ZONE"] == "Asia/Macau"


def test_number_patterns_are_configurable_and_checked():
    from app.numbering import service

    before = dict(service.PATTERNS)
    try:
        service.configure({"case": "珠横劳监〔{year}〕{seq}号"})
        assert service.PATTERNS["case"].format(year=2026, seq=7) == "珠横劳监〔2026〕7号"
        with pytest.raises(ValueError, match="必须包含"):
            service.configure({"case": "固定编号"})
        with pytest.raises(ValueError, match="无效"):
            service.configure({"ticket": "T-{month}-{seq}"})
    finally:
        service.PATTERNS.update(before)
