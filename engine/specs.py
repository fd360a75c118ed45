"""BPMN process specs, parsed once per process version.

A process version is the sha256 of the content of the BPMN files a process needs: the
file defining it plus the files of every process it calls (directly or transitively),
taken in file-name order. A running instance keeps the version it started on; the
application stores each version's sources once and gets the parsed spec back through
:meth:`SpecLibrary.version`.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from SpiffWorkflow.bpmn.specs import BpmnProcessSpec
from SpiffWorkflow.spiff.parser import SpiffBpmnParser

from .errors import SpecNotFound


@dataclass(frozen=True)
class ProcessVersion:
    key: str
    version: str
    sources: dict[str, str]
    spec: BpmnProcessSpec
    subprocess_specs: dict[str, BpmnProcessSpec]

    def property_values(self, name: str) -> list[str]:
        """The values of the BPMN extension property ``name`` on any element of this version,
        subprocesses included (e.g. every ``clockStart`` the version declares)."""
        values = []
        for spec in (self.spec, *self.subprocess_specs.values()):
            for task_spec in spec.task_specs.values():
                properties = (getattr(task_spec, "extensions", None) or {}).get("properties") or {}
                if name in properties:
                    values.append(properties[name])
        return values


def content_version(sources: dict[str, str]) -> str:
    """Version hash of a set of BPMN sources (file name -> XML text)."""
    digest = hashlib.sha256()
    for name in sorted(sources):
        digest.update(sources[name].encode("utf-8"))
    return digest.hexdigest()


class SpecLibrary:
    """The current process versions of a BPMN directory plus a cache of other versions."""

    def __init__(self, current: dict[str, ProcessVersion]) -> None:
        self._current = current
        self._cache: dict[tuple[str, str], ProcessVersion] = {
            (pv.key, pv.version): pv for pv in current.values()
        }
        self._lock = threading.Lock()

    @classmethod
    def from_directory(cls, path: str | Path) -> SpecLibrary:
        """Parse every ``*.bpmn`` file of ``path`` once.

        Keys are the executable processes that no call activity of the directory calls.
        """
        sources = {file.name: file.read_text(encoding="utf-8") for file in sorted(Path(path).glob("*.bpmn"))}
        parser = _parse(sources)
        called = _called_process_ids(parser)
        current = {}
        for key in sorted(set(parser.get_process_ids()) - called):
            spec = parser.get_spec(key)
            subprocess_specs = parser.get_subprocess_specs(key)
            needed = {spec.file} | {sub.file for sub in subprocess_specs.values()}
            own_sources = {name: sources[name] for name in sorted(needed)}
            current[key] = ProcessVersion(
                key, content_version(own_sources), own_sources, spec, subprocess_specs
            )
        return cls(current)

    def keys(self) -> list[str]:
        return list(self._current)

    def current(self, key: str) -> ProcessVersion:
        try:
            return self._current[key]
        except KeyError:
            raise SpecNotFound(f"unknown process {key!r}") from None

    def version(self, key: str, version: str,
                sources: dict[str, str] | Callable[[], dict[str, str]]) -> ProcessVersion:
        """The spec of ``key`` at ``version``, parsed from ``sources`` on first use (a callable is
        called only then: the caller need not read stored sources it will not need)."""
        with self._lock:
            cached = self._cache.get((key, version))
            if cached is None:
                cached = _parse_version(key, version, sources() if callable(sources) else sources)
                self._cache[(key, version)] = cached
            return cached


def _parse(sources: dict[str, str]) -> SpiffBpmnParser:
    parser = SpiffBpmnParser()
    for name, text in sources.items():
        parser.add_bpmn_str(text.encode("utf-8"), filename=name)
    return parser


def _parse_version(key: str, version: str, sources: dict[str, str]) -> ProcessVersion:
    if content_version(sources) != version:
        raise SpecNotFound(f"sources of {key!r} do not match version {version}")
    parser = _parse(sources)
    if key not in parser.get_process_ids():
        raise SpecNotFound(f"process {key!r} is not defined in the sources of version {version}")
    spec = parser.get_spec(key)
    return ProcessVersion(key, version, dict(sources), spec, parser.get_subprocess_specs(key))


def _called_process_ids(parser: SpiffBpmnParser) -> set[str]:
    called: set[str] = set()
    for process_id in parser.get_process_ids():
        called.update(parser.get_subprocess_specs(process_id))
    return called
