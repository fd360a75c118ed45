"""Reading an HTML form post into the shape its JSON Schema describes.

Scalar fields arrive under their own name; a row of a repeating group arrives as
`name[i].field` (i as the page numbered it: rows may have been added or deleted in the
browser, so the numbers may have gaps). Rows come back in page order as a list of dicts,
the rows left blank dropped as validation drops them, so that errors keyed `name[i].field`
name the rows shown again.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from app.forms.registry import FormDefinition
from app.forms.validation import is_repeating, kept_rows

_ROW_KEY = re.compile(r"^(?P<name>[A-Za-z_][\w]*)\[(?P<index>\d{1,4})\]\.(?P<field>[A-Za-z_][\w]*)$")


def posted_values(form: FormDefinition, posted: Mapping[str, str], *, skip: tuple[str, ...] = ("csrf_token",)) -> dict[str, Any]:
    values: dict[str, Any] = {}
    rows: dict[str, dict[int, dict[str, str]]] = {}
    for key, value in posted.items():
        if key in skip:
            continue
        match = _ROW_KEY.match(key)
        if match and is_repeating(form.properties.get(match["name"], {})):
            rows.setdefault(match["name"], {}).setdefault(int(match["index"]), {})[match["field"]] = value
        elif key in form.properties and not is_repeating(form.properties[key]):
            values[key] = value
    for name, by_index in rows.items():
        values[name] = kept_rows([by_index[i] for i in sorted(by_index)])
    return values
