"""Server-side validation built from a form's JSON Schema (a marshmallow schema per form).

Supported: string (formats date, date-time, email, credit-code, phone; pattern, min/maxLength),
integer, number (minimum, maximum, multipleOf 0.01 as two decimals), boolean,
enum, required, and `allOf` of `if {properties: {f: {const}}} then {required}`.
Values come back JSON-safe: dates as ISO strings, amounts as strings with two decimals.
Repeating groups: a property `{"type": "array", "items": {"type": "object", ...}}` (with
`minItems`/`maxItems`, `x-minItemsMessage`) is a list of rows, each validated as a form of its
own (`items` may use everything above); rows whose fields are all blank are dropped, and row
errors are keyed `name[i].field` (i counts the kept rows from 0).
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


def is_repeating(prop: dict[str, Any]) -> bool:
    return prop.get("type") == "array" and prop.get("items", {}).get("type") == "object"


def item_form(form: FormDefinition, name: str) -> FormDefinition:
    """The form one row of the repeating group `name` is validated (and rendered) with."""
    return FormDefinition(key=f"{form.key}.{name}", schema=form.properties[name]["items"])


def _schema_class(form: FormDefinition, conditional: set[str], tz: tzinfo) -> type[Schema]:
    attrs: dict[str, Any] = {
        name: _field(prop, name in form.required or name in conditional, tz)
        for name, prop in form.properties.items() if not is_repeating(prop)
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


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _blank_to_none(form: FormDefinition, raw: dict[str, Any]) -> dict[str, Any]:
    cleaned = {}
    for name, value in raw.items():
        if name not in form.properties or is_repeating(form.properties[name]):
            continue
        cleaned[name] = None if _blank(value) else value
    return cleaned


def kept_rows(value: Any) -> list[Any] | None:
    """The rows of a repeating group as submitted, without the rows left entirely blank;
    None when the value is not a list."""
    if value is None:
        return []
    if not isinstance(value, list):
        return None
    return [row for row in value if not (isinstance(row, dict) and all(_blank(v) for v in row.values()))]


def _repeating(form: FormDefinition, raw: dict[str, Any], tz: tzinfo,
               errors: dict[str, list[str]]) -> dict[str, list[dict[str, Any]]]:
    """Validate every row of every repeating group; errors go into `errors` as `name[i].field`."""
    loaded: dict[str, list[dict[str, Any]]] = {}
    for name, prop in form.properties.items():
        if not is_repeating(prop):
            continue
        rows = kept_rows(raw.get(name))
        title = prop.get("title", name)
        if rows is None:
            errors[name] = [f"{title}应为列表"]
            continue
        low, high = prop.get("minItems", 1 if name in form.required else 0), prop.get("maxItems")
        if len(rows) < low:
            errors[name] = [prop.get("x-minItemsMessage", f"请至少填写{low}项{title}")]
        if high is not None and len(rows) > high:
            errors[name] = [f"{title}最多{high}项"]
        sub, out = item_form(form, name), []
        for index, row in enumerate(rows):
            if not isinstance(row, dict):
                errors[f"{name}[{index}]"] = ["每一项应为对象"]
                continue
            try:
                out.append(validate_form(sub, row, tz))
            except ValidationFailed as err:
                for field, messages in err.fields.items():
                    errors[f"{name}[{index}].{field}"] = messages
        loaded[name] = out
    return loaded


def field_title(form: FormDefinition, key: str) -> str:
    """The Chinese name of an error key: `complainants[1].phone` → 投诉人第2项·联系电话."""
    name, bracket, rest = key.partition("[")
    prop = form.properties.get(name, {})
    if not bracket:
        return prop.get("title", name)
    index, _, field = rest.partition("].")
    item = prop.get("items", {}).get("properties", {}).get(field, {})
    label = f"{prop.get('title', name)}第{int(index.rstrip(']')) + 1}项"
    return f"{label}·{item.get('title', field)}" if field else label


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
    messages: dict[str, list[str]] = {}
    groups = _repeating(form, raw, tz, messages)
    scalars = _blank_to_none(form, raw)
    schema = _schema_class(form, _conditional_required(form, scalars), tz)()
    loaded: dict[str, Any] = {}
    try:
        loaded = schema.load(scalars)
    except ValidationError as err:
        messages.update({name: list(m) if isinstance(m, list) else [str(m)] for name, m in err.messages.items()})
    if not messages:
        messages = _distinct_errors(form, loaded)
    if messages:
        titles = "、".join(field_title(form, n) for n in messages)
        raise ValidationFailed(f"请检查以下字段：{titles}", fields=messages)
    cleaned = {name: _json_safe(value) for name, value in loaded.items() if value is not None}
    cleaned.update({name: rows for name, rows in groups.items() if rows})
    return cleaned
