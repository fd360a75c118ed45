"""Restricted script engine for BPMN scripts, gateway conditions and timer expressions.

Scripts see a whitelist of builtins, the ``datetime`` / ``date`` / ``timedelta`` /
``timezone`` classes, ``now()`` (the engine clock) and the helpers passed in by the
application. There is no ``__import__`` (so no ``import`` statement), no ``open`` and
no dunder names or attributes. This narrows what scripts can do; it is not a sandbox
for hostile authors, as BPMN files are trusted deployment artefacts.

After every script, task data must hold only values the state serializer can store
(JSON types plus ``datetime`` / ``date`` / ``timedelta``), so a script cannot leave the
workflow unsaveable.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from types import CodeType
from typing import Any

from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment

from .clock import engine_now

SAFE_BUILTINS = (
    "len",
    "min",
    "max",
    "sum",
    "abs",
    "round",
    "sorted",
    "any",
    "all",
    "int",
    "float",
    "str",
    "bool",
    "dict",
    "list",
    "set",
    "tuple",
    "range",
    "enumerate",
    "zip",
    "isinstance",
)
STORABLE_SCALARS = (str, int, float, bool, type(None), datetime, date, timedelta)


class ScriptRejected(Exception):
    """A script uses a forbidden name or leaves unstorable data behind."""


class RestrictedEnvironment(TaskDataEnvironment):
    """TaskDataEnvironment that vets and caches compiled code and checks the resulting data."""

    def evaluate(self, expression: str, context: dict, external_context: dict | None = None) -> Any:
        return super().evaluate(_compile(expression, "eval"), context, external_context)

    def execute(self, script: str, context: dict, external_context: dict | None = None) -> bool:
        super().execute(_compile(script, "exec"), context, external_context)
        for key, value in context.items():
            _check_storable(key, value)
        return True


def make_script_engine(helpers: Mapping[str, Callable] | None = None) -> PythonScriptEngine:
    """Build the script engine; ``helpers`` become callable names in scripts and expressions."""
    env_globals: dict[str, Any] = {
        "__builtins__": {name: getattr(builtins, name) for name in SAFE_BUILTINS},
        "datetime": datetime,
        "date": date,
        "timedelta": timedelta,
        "timezone": timezone,
        "now": engine_now,
    }
    for name in helpers or {}:
        if name.startswith("_"):
            raise ValueError(f"helper names must not start with '_': {name!r}")
    env_globals.update(helpers or {})
    return PythonScriptEngine(environment=RestrictedEnvironment(env_globals))


@lru_cache(maxsize=2048)
def _compile(source: str, mode: str) -> CodeType:
    code = compile(source, "<string>", mode)
    forbidden = sorted(name for name in _all_names(code) if name.startswith("__"))
    if forbidden:
        raise ScriptRejected(f"forbidden name(s) in script: {', '.join(forbidden)}")
    return code


def _all_names(code: CodeType) -> set[str]:
    names = set(code.co_names) | set(code.co_varnames)
    for const in code.co_consts:
        if isinstance(const, CodeType):
            names |= _all_names(const)
    return names


def _check_storable(path: str, value: Any) -> None:
    if isinstance(value, STORABLE_SCALARS):
        return
    if isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            _check_storable(f"{path}[{index}]", item)
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise ScriptRejected(f"task data '{path}' has a non-string key {key!r}")
            _check_storable(f"{path}.{key}", item)
        return
    raise ScriptRejected(f"task data '{path}' holds a {type(value).__name__}, which cannot be stored")
