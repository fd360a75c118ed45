"""The values an officer types when generating a document (registry `inputs`), typed and checked."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from app.documents.registry import DocumentKind
from app.errors import ValidationFailed

MAX_TEXT = 4000


def _one(kind_of_input: str, raw: Any) -> Any:
    text = str(raw).strip()
    if kind_of_input == "date":
        return date.fromisoformat(text).isoformat()
    if kind_of_input == "datetime":
        return datetime.fromisoformat(text).replace(second=0, microsecond=0).isoformat(timespec="minutes")
    if kind_of_input == "money":
        value = Decimal(text.replace(",", ""))
        if value < 0 or value != value.quantize(Decimal("0.01")):
            raise ValueError
        return str(value.quantize(Decimal("0.01")))
    if kind_of_input == "integer":
        value = int(text)
        if value < 0:
            raise ValueError
        return value
    if len(text) > MAX_TEXT:
        raise ValueError
    return text


MESSAGES = {
    "date": "请填写有效日期（YYYY-MM-DD）",
    "datetime": "请填写有效时间（YYYY-MM-DD HH:MM）",
    "money": "请填写不小于0的金额，最多两位小数",
    "integer": "请填写不小于0的整数",
}


def parse_inputs(kind: DocumentKind, raw: Any) -> dict[str, Any]:
    """The inputs the kind declares, typed; unknown keys are ignored; errors per field in Chinese."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ValidationFailed("文书填写内容格式不正确", fields={"inputs": ["应为对象"]})
    values: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for spec in kind.inputs:
        value = raw.get(spec.name)
        if value is None or str(value).strip() == "":
            if spec.required:
                errors[spec.name] = [f"请填写{spec.label}"]
            continue
        try:
            values[spec.name] = _one(spec.type, value)
        except (ValueError, InvalidOperation):
            errors[spec.name] = [MESSAGES.get(spec.type, f"{spec.label}过长（不超过{MAX_TEXT}字）")]
    if errors:
        raise ValidationFailed("文书填写内容有误", fields=errors)
    return values
