"""The document registry (document_templates/registry.json): one entry per kind of document.

Each kind says its Chinese name, its template file, its number pattern and the
sequence it draws from, the fields that must be present before it can be issued,
the process step that issues it, the extra inputs the officer types when
generating it, which legal clock (a rule code of app/deadlines) its service
starts, and which process-form fields record its number and service (`process_fields`). The registry is data: a clerk or administrator edits it with the
templates, not the code.

Number patterns use `{prefix}` (configuration DOCUMENT_NUMBER_PREFIX, e.g. 横琴),
`{year}` and `{seq}` (optionally formatted, `{seq:03d}`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path


class RegistryError(ValueError):
    """The registry file is malformed or names a template that does not exist."""


SEQUENCE_PREFIX = "doc:"  # a document sequence's key in number_sequence, beside "ticket" and "case"


def sequence_key(sequence: str) -> str:
    return f"{SEQUENCE_PREFIX}{sequence}"


def _sequence_room() -> int:
    """How long a sequence name may be: the number_sequence key column less the prefix."""
    from app.numbering.models import NumberSequence

    return NumberSequence.__table__.c.kind.type.length - len(SEQUENCE_PREFIX)


@dataclass(frozen=True)
class DocumentInput:
    """A value the officer types when generating the document (e.g. 询问时间, 询问地点)."""

    name: str
    label: str
    type: str = "string"  # string | text | date | datetime | money | integer
    required: bool = True


@dataclass(frozen=True)
class ProcessFields:
    """Where the process forms record this document: the names (process-data fields, the same in
    every form listed) of its number, issue date, service date and method. A form listed here is
    pre-filled from the document issued in the system and may not contradict it."""

    forms: tuple[str, ...] = ()
    number: str | None = None
    issued_on: str | None = None
    served_on: str | None = None
    method: str | None = None
    method_codes: tuple[tuple[str, str], ...] = ()  # (service method code, the form's option) where they differ

    def form_method(self, code: str) -> str:
        return dict(self.method_codes).get(code, code)


@dataclass(frozen=True)
class DocumentKind:
    code: str
    name: str  # 文书名称
    template: str  # file name under document_templates/
    number_pattern: str | None  # None: the document carries no number (笔录, 审批表 …)
    sequence: str  # numbering sequence key; kinds may share one (e.g. all 送达回证)
    subject: str = "case"  # case | ticket
    stage: str = ""  # 程序阶段 shown as a group in the documents tab
    order: int = 0  # position in the case file (卷内目录)
    step: str | None = None  # process step that issues it: "<process id>:<task id>"
    service_clock: str | None = None  # clock rule code the date served starts
    served: bool = False  # whether it is served on a party/complainant (送达)
    required: tuple[tuple[str, str], ...] = ()  # (context path, Chinese label)
    inputs: tuple[DocumentInput, ...] = ()
    description: str = ""
    process_fields: ProcessFields | None = None


@dataclass
class Registry:
    kinds: dict[str, DocumentKind] = field(default_factory=dict)
    template_dir: Path = Path(".")

    def get(self, code: str) -> DocumentKind:
        try:
            return self.kinds[code]
        except KeyError:
            raise KeyError(code) from None

    def for_subject(self, subject: str) -> list[DocumentKind]:
        return sorted((k for k in self.kinds.values() if k.subject == subject), key=lambda k: (k.order, k.code))

    def template_path(self, kind: DocumentKind) -> Path:
        return self.template_dir / kind.template


def _kind(code: str, raw: dict) -> DocumentKind:
    try:
        required = tuple((item["path"], item["label"]) for item in raw.get("required", []))
        inputs = tuple(
            DocumentInput(name=i["name"], label=i["label"], type=i.get("type", "string"),
                          required=bool(i.get("required", True)))
            for i in raw.get("inputs", [])
        )
        linked = raw.get("process_fields")
        process_fields = None if not linked else ProcessFields(
            forms=tuple(linked["forms"]), number=linked.get("number"), issued_on=linked.get("issued_on"),
            served_on=linked.get("served_on"), method=linked.get("method"),
            method_codes=tuple(sorted((linked.get("method_codes") or {}).items())))
        return DocumentKind(
            code=code, name=raw["name"], template=raw["template"],
            number_pattern=raw.get("number_pattern"), sequence=raw.get("sequence", code),
            subject=raw.get("subject", "case"), stage=raw.get("stage", ""), order=int(raw.get("order", 0)),
            step=raw.get("step"), service_clock=raw.get("service_clock"), served=bool(raw.get("served", False)),
            required=required, inputs=inputs, description=raw.get("description", ""),
            process_fields=process_fields,
        )
    except (KeyError, TypeError) as exc:
        raise RegistryError(f"文书登记表中 {code} 的配置不完整：缺少 {exc}") from exc


def cached(store: dict, template_dir: str | Path) -> Registry:
    """The registry of `template_dir`, read once per process and again only when its registry.json
    changes; `store` keeps it (the application's `extensions`)."""
    template_dir = Path(template_dir)
    stamp = (str(template_dir), (template_dir / "registry.json").stat().st_mtime)
    entry = store.get("documents_registry")
    if entry is None or entry[0] != stamp:
        entry = (stamp, load(template_dir))
        store["documents_registry"] = entry
    return entry[1]


def load(template_dir: str | Path) -> Registry:
    template_dir = Path(template_dir)
    path = template_dir / "registry.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise RegistryError(f"无法读取文书登记表 {path}：{exc}") from exc
    registry = Registry(template_dir=template_dir)
    room = _sequence_room()
    for code, entry in raw.get("kinds", {}).items():
        kind = _kind(code, entry)
        if not isinstance(kind.sequence, str) or not kind.sequence:
            raise RegistryError(f"文书 {kind.name}（{code}）的编号序列 sequence 应为非空文字")
        if len(kind.sequence) > room:
            raise RegistryError(f"文书 {kind.name}（{code}）的编号序列名称 {kind.sequence!r} 有 {len(kind.sequence)} 个字符，"
                                f"最多 {room} 个；请在登记表中改用较短的 sequence")
        if not (template_dir / kind.template).is_file():
            raise RegistryError(f"文书 {kind.name}（{code}）的模板 {kind.template} 不存在")
        if kind.number_pattern is not None:
            try:
                kind.number_pattern.format(prefix="横琴", year=2026, seq=1)
            except (KeyError, IndexError, ValueError) as exc:
                raise RegistryError(f"文书 {kind.name} 的编号格式 {kind.number_pattern!r} 无效") from exc
            if "{seq" not in kind.number_pattern:
                raise RegistryError(f"文书 {kind.name} 的编号格式必须包含 {{seq}}")
        registry.kinds[code] = kind
    return registry
