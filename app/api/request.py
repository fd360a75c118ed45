"""Parsing request bodies into validated dicts (400 with field errors otherwise)."""
from __future__ import annotations

from typing import Any

from flask import request
from marshmallow import Schema, ValidationError

from app.errors import ValidationFailed


def json_object() -> dict[str, Any]:
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        raise ValidationFailed("请求体应为 JSON 对象")
    return payload


def load_json(schema: Schema) -> dict[str, Any]:
    try:
        return schema.load(json_object())
    except ValidationError as err:
        raise ValidationFailed("请检查输入", fields=err.messages) from err
