"""Configuration from environment variables (the README lists them).

`load_config()` is called by `create_app` only; everything else reads
`current_app.config` or receives plain values.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """The configuration cannot start the application."""


def _bool(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key(env: dict[str, str], instance: Path, production: bool) -> str:
    key = env.get("SECRET_KEY")
    if key:
        return key
    if production:
        raise ConfigError("SECRET_KEY must be set when APP_ENV=production")
    key_file = instance / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_hex(32)
    instance.mkdir(parents=True, exist_ok=True)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def load_config(env: dict[str, str] | None = None) -> dict:
    env = dict(os.environ if env is None else env)
    instance = Path(env.get("INSTANCE_PATH") or ROOT / "instance")
    production = env.get("APP_ENV", "development") == "production"
    database_url = env.get("DATABASE_URL") or f"sqlite:///{instance / 'labour.db'}"
    return {
        "APP_ENV": "production" if production else env.get("APP_ENV", "development"),
        "PRODUCTION": production,
        "INSTANCE_PATH": str(instance),
        "SECRET_KEY": _secret_key(env, instance, production),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "STORAGE_PATH": env.get("STORAGE_PATH") or str(instance / "storage"),
        "SCHEDULER_ENABLED": _bool(env.get("SCHEDULER_ENABLED"), True),
        "SCHEDULER_LEASE_SECONDS": int(env.get("SCHEDULER_LEASE_SECONDS", "30")),
        "TIME_ZONE": env.get("TIME_ZONE", "Asia/Shanghai"),
        "BPMN_PATH": env.get("BPMN_PATH") or str(ROOT / "bpmn"),
        "FORMS_PATH": env.get("FORMS_PATH") or str(ROOT / "forms"),
        "DOCUMENT_TEMPLATES_PATH": env.get("DOCUMENT_TEMPLATES_PATH") or str(ROOT / "document_templates"),
        "DOCUMENT_ISSUING_BODY": env.get("DOCUMENT_ISSUING_BODY", "横琴粤澳深度合作区民生事务局"),
        "DOCUMENT_NUMBER_PREFIX": env.get("DOCUMENT_NUMBER_PREFIX", "横琴"),
        "DOCUMENT_RECONSIDERATION_BODY": env.get("DOCUMENT_RECONSIDERATION_BODY", "横琴粤澳深度合作区执行委员会"),
        "DOCUMENT_COURT": env.get("DOCUMENT_COURT", "横琴粤澳深度合作区人民法院"),
        "DOCUMENT_ADDRESS": env.get("DOCUMENT_ADDRESS", ""),
        "DOCUMENT_PHONE": env.get("DOCUMENT_PHONE", ""),
        "DOCUMENT_POSTCODE": env.get("DOCUMENT_POSTCODE", ""),
        "DOCUMENT_PAYMENT_BANK": env.get("DOCUMENT_PAYMENT_BANK", ""),
        "API_TOKEN_HOURS": int(env.get("API_TOKEN_HOURS", "12")),
        "TICKET_NUMBER_PATTERN": env.get("TICKET_NUMBER_PATTERN", "HQGD-{year}-{seq:06d}"),
        "CASE_NUMBER_PATTERN": env.get("CASE_NUMBER_PATTERN", "横琴劳监立〔{year}〕第{seq}号"),
        "CALENDAR_REFRESH_SECONDS": int(env.get("CALENDAR_REFRESH_SECONDS", "30")),
        "WORKFLOW_CACHE_SIZE": int(env.get("WORKFLOW_CACHE_SIZE", "200")),
        "SMTP_HOST": env.get("SMTP_HOST", ""),
        "SMTP_PORT": int(env.get("SMTP_PORT", "25")),
        "SMTP_USER": env.get("SMTP_USER", ""),
        "SMTP_PASSWORD": env.get("SMTP_PASSWORD", ""),
        "SMTP_SENDER": env.get("SMTP_SENDER", ""),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool(env.get("SESSION_COOKIE_SECURE"), production),
        "WTF_CSRF_TIME_LIMIT": None,
        # the whole request may carry an attachment of ATTACHMENT_MAX_MB plus the form around it
        "ATTACHMENT_MAX_MB": int(env.get("ATTACHMENT_MAX_MB", "20")),
        "MAX_CONTENT_LENGTH": (int(env.get("ATTACHMENT_MAX_MB", "20")) + 1) * 1024 * 1024,
        "JSON_AS_ASCII": False,
    }
