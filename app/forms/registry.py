"""Read `forms/<form_key>.json` once per application."""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import NotFound


@dataclass(frozen=True)
class FormDefinition:
    key: str
    schema: dict[str, Any]

    @property
    def title(self) -> str:
        return self.schema.get("title", self.key)

    @property
    def properties(self) -> dict[str, dict[str, Any]]:
        return self.schema.get("properties", {})

    @property
    def required(self) -> set[str]:
        return set(self.schema.get("required", []))

    @property
    def conditionally_required(self) -> dict[str, str]:
        """Fields required only for some answers, with a Chinese hint (e.g. 核处结论为“不予受理”时必填)."""
        hints: dict[str, str] = {}
        for clause in self.schema.get("allOf", []):
            for name, spec in clause.get("if", {}).get("properties", {}).items():
                prop = self.properties.get(name, {})
                labels = dict(zip(prop.get("enum", []), prop.get("enumNames", []), strict=False))
                value = labels.get(spec.get("const"), spec.get("const"))
                for field in clause.get("then", {}).get("required", []):
                    hints[field] = f"{prop.get('title', name)}为“{value}”时必填"
        return hints

    def rows(self) -> list[list[str]]:
        """Layout rows from `x-layout`; fields not named there follow one per row."""
        layout = [list(row) for row in self.schema.get("x-layout", [])]
        placed = {name for row in layout for name in row}
        return layout + [[name] for name in self.properties if name not in placed]


class FormRegistry:
    def __init__(self, forms: dict[str, FormDefinition]):
        self._forms = forms

    @classmethod
    def from_directory(cls, path: str | Path) -> FormRegistry:
        forms = {}
        for file in sorted(Path(path).glob("*.json")):
            schema = json.loads(file.read_text(encoding="utf-8"))
            forms[file.stem] = FormDefinition(key=file.stem, schema=schema)
        return cls(forms)

    def get(self, key: str) -> FormDefinition:
        try:
            return self._forms[key]
        except KeyError:
            raise NotFound(f"表单 {key} 不存在") from None

    def keys(self) -> list[str]:
        return sorted(self._forms)

    def resolved(self, key: str, options: dict[str, list[tuple[str, str]]]) -> FormDefinition:
        """A copy whose dynamic choice lists (`x-options`) are filled in as enum/enumNames."""
        form = self.get(key)
        schema = copy.deepcopy(form.schema)
        for prop in schema.get("properties", {}).values():
            source = prop.get("x-options")
            if source:
                choices = options.get(source, [])
                prop["enum"] = [value for value, _ in choices]
                prop["enumNames"] = [label for _, label in choices]
        return FormDefinition(key=form.key, schema=schema)
