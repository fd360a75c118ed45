"""Server-side validation built from a form's JSON Schema (a marshmallow schema per form).

Supported: string (formats date, date-time, email, credit-code, phone; pattern, min/maxLength),
integer, number (minimum, maximum, multipleOf 0.01 as two decimals), boolean,
enum, required, and `allOf` of `if {properties: {f: {const}}} then {required}`.
Values come back JSON-safe: dates as ISO strings, amounts as strings with two decimals.
`credit-code` and `phone` values, and identity numbers (a string property with
`"x-idNumberFor": "<field holding the 证件类型 code>"`, checked by that type, see
app/validation/identity.py) come back in canonical form; their errors name the field.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from app.errors import ValidationFailed
from app.forms.registry import FormDefinition
from app.validation import validate_credit_code, validate_id_number, validate_phone

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
    "credit-code": "请输入有效的统一社会信用代码",
    "phone": "请输入有效的电话号码",
}
_NORMALISED_FORMATS: dict[str, Callable[[str], str]] = {"credit-code": validate_credit_code, "phone": validate_phone}


class _Normalised(fields.String):
    """A string checked by `check`, which returns the canonical form or raises ValueError in Chinese."""

    def __init__(self, check: Callable[[str], str], **kwargs: Any):
        super().__init__(**kwargs)
        self._check = check

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            return self._check(text)
        except ValueError as err:
            raise ValidationError(str(err)) from err


class _IdNumber(fields.String):
    """An identity number checked by the 证件类型 code in field `type_field` of the same submission."""

    def __init__(self, type_field: str, tz: tzinfo, **kwargs: Any):
        super().__init__(**kwargs)
        self._type_field, self._tz = type_field, tz

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        id_type = (data or {}).get(self._type_field)
        if id_type is None:
            raise ValidationError("请先选择证件类型")
        try:
            return validate_id_number(id_type, text, today=datetime.now(self._tz).date())
        except ValueError as err:
            raise ValidationError(str(err)) from err


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
    if "x-idNumberFor" in prop:
        return _IdNumber(prop["x-idNumberFor"], tz, **common)
    if fmt in _NORMALISED_FORMATS:
        return _Normalised(_NORMALISED_FORMATS[fmt], **common)
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


def _distinct_errors(form: FormDefinition, loaded: dict[str, Any]) -> dict[str, list[str]]:
    """`x-distinct`: groups of fields that must not hold the same value (e.g. the two inspectors)."""
    errors: dict[str, list[str]] = {}
    for group in form.schema.get("x-distinct", []):
        first_holder: dict[Any, str] = {}
        for name in group:
            value = loaded.get(name)
            if value is None:
                continue
            if value in first_holder:
                other = form.properties.get(first_holder[value], {}).get("title", first_holder[value])
                errors[name] = [f"不得与“{other}”为同一人（同一值）"]
            else:
                first_holder[value] = name
    return errors


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
    distinct = _distinct_errors(form, loaded)
    if distinct:
        titles = "、".join(form.properties.get(n, {}).get("title", n) for n in distinct)
        raise ValidationFailed(f"请检查以下字段：{titles}", fields=distinct)
    return {name: _json_safe(value) for name, value in loaded.items() if value is not None}
