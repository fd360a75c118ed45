"""Server-side validation built from a form's JSON Schema (a marshmallow schema per form).

Supported: string (formats date, date-time, email; pattern, min/maxLength),
integer, number (minimum, maximum, multipleOf 0.01 as two decimals), boolean,
enum, required, and `allOf` of `if {properties: {f: {const}}} then {required}`.
Values come back JSON-safe: dates as ISO strings, amounts as strings with two decimals.
"""
from __future__ import annotations

from datetime import tzinfo
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from app.errors import ValidationFailed
from app.forms.registry import FormDefinition

CHINA = ZoneInfo("Asia/Shanghai")
REQUIRED = "此项为必填项"
_TYPE_MESSAGES = {
    "string": "请输入文字",
    "integer": "请输入整数",
    "number": "请输入有效的数字",
    "boolean": "请选择是或否",
    "date": "请输入有效的日期（年-月-日）",
    "date-time": "请输入有效的日期时间",
    "email": "请输入有效的电子邮箱",
}


def _two_decimals(value: Decimal) -> None:
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError("金额最多保留两位小数")


def _validators(prop: dict[str, Any]) -> list:
    rules: list = []
    if "enum" in prop:
        rules.append(validate.OneOf(prop["enum"], error="请从列表中选择"))
    if "minLength" in prop or "maxLength" in prop:
        rules.append(
            validate.Length(
                min=prop.get("minLength"), max=prop.get("maxLength"),
                error=f"长度应在{prop.get('minLength', 0)}到{prop.get('maxLength', '不限')}个字之间",
            )
        )
    if "pattern" in prop:
        rules.append(validate.Regexp(prop["pattern"], error=prop.get("x-patternMessage", "格式不正确")))
    if "minimum" in prop or "maximum" in prop:
        low, high = prop.get("minimum"), prop.get("maximum")
        message = f"应不小于{low}" if high is None else f"应在{low}到{high}之间"
        rules.append(validate.Range(min=low, max=high, error=message))
    return rules


def _field(prop: dict[str, Any], required: bool, tz: tzinfo) -> fields.Field:
    kind, fmt = prop.get("type", "string"), prop.get("format")
    common = {
        "required": required,
        "allow_none": not required,
        "validate": _validators(prop),
        "error_messages": {"required": REQUIRED, "null": REQUIRED, "invalid": _TYPE_MESSAGES.get(fmt or kind)},
    }
    if kind == "integer":
        return fields.Integer(strict=False, **common)
    if kind == "number":
        if prop.get("multipleOf") == 0.01:
            common["validate"].append(_two_decimals)
            return fields.Decimal(**common)
        return fields.Float(**common)
    if kind == "boolean":
        return fields.Boolean(**common)
    if fmt == "date":
        return fields.Date(**common)
    if fmt == "date-time":
        return fields.AwareDateTime(default_timezone=tz, **common)
    if fmt == "email":
        return fields.Email(**common)
    return fields.String(**common)


def _schema_class(form: FormDefinition, conditional: set[str], tz: tzinfo) -> type[Schema]:
    attrs: dict[str, Any] = {
        name: _field(prop, name in form.required or name in conditional, tz)
        for name, prop in form.properties.items()
    }
    attrs["Meta"] = type("Meta", (), {"unknown": EXCLUDE})
    return type(f"{form.key}_schema", (Schema,), attrs)


def _conditional_required(form: FormDefinition, raw: dict[str, Any]) -> set[str]:
    needed: set[str] = set()
    for clause in form.schema.get("allOf", []):
        condition = clause.get("if", {}).get("properties", {})
        if all(raw.get(name) == spec.get("const") for name, spec in condition.items()):
            needed.update(clause.get("then", {}).get("required", []))
    return needed


def _blank_to_none(form: FormDefinition, raw: dict[str, Any]) -> dict[str, Any]:
    cleaned = {}
    for name, value in raw.items():
        if name not in form.properties:
            continue
        cleaned[name] = None if isinstance(value, str) and value.strip() == "" else value
    return cleaned


def _json_safe(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()
    return value


def validate_form(form: FormDefinition, raw: dict[str, Any], tz: tzinfo = CHINA) -> dict[str, Any]:
    """Return the cleaned data or raise ValidationFailed naming the fields in Chinese.
    A date-time without offset is read in `tz` (the bureau's time zone)."""
    if not isinstance(raw, dict):
        raise ValidationFailed("提交的数据应为对象")
    raw = _blank_to_none(form, raw)
    schema = _schema_class(form, _conditional_required(form, raw), tz)()
    try:
        loaded = schema.load(raw)
    except ValidationError as err:
        messages = {name: list(m) if isinstance(m, list) else [str(m)] for name, m in err.messages.items()}
        titles = "、".join(form.properties.get(n, {}).get("title", n) for n in messages)
        raise ValidationFailed(f"请检查以下字段：{titles}", fields=messages) from err
    return {name: _json_safe(value) for name, value in loaded.items() if value is not None}
