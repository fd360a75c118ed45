"""Render a docxtpl template (.docx with Jinja tags) with a context: `render_docx(path, context) -> bytes`.

The Jinja environment:
- has the filters of app.documents.formatting (`capitals`, `money`, `cn_date`, …);
- escapes &, < and > in every value (autoescape), so a party named "A&B<公司>" cannot break the XML;
- prints an absent value (a missing key, an attribute of something absent, None) as a blank
  line ＿＿＿＿ instead of failing: the fields a document cannot lack are checked before
  rendering by `context.missing_fields`; anything else may legitimately be empty and is then
  filled in by hand on the printed document;
- prints dates as 2026年12月3日, datetimes as 2026年12月3日15时00分, Decimal amounts as
  42,300.00 and booleans as 是/否 when a template prints them without a filter.

Speed: a template is parsed once (its XML cleaned by docxtpl and compiled by Jinja) and kept
until the file changes (mtime/size); each rendering then only loads the package, renders the
compiled templates and saves.
"""
from __future__ import annotations

import io
import re
import threading
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate

from app.documents.formatting import BLANK, FILTERS, cn_date, cn_datetime, money

# XML 1.0 forbids most control characters; \t, \n and docxtpl's \a (new paragraph) are kept
_CONTROL = re.compile(r"[\x00-\x06\x08\x0b\x0c\x0e-\x1f]")


class BlankUndefined(jinja2.Undefined):
    """An absent value: prints as a blank line, is false, iterates as empty, and any attribute or
    item of it is absent too (so `party.agent.name` never fails)."""

    __slots__ = ()

    def __str__(self) -> str:
        return BLANK

    def __getattr__(self, name: str) -> BlankUndefined:
        if name.startswith("__"):
            raise AttributeError(name)
        return self

    def __getitem__(self, key: Any) -> BlankUndefined:
        return self

    def __call__(self, *args: Any, **kwargs: Any) -> BlankUndefined:
        return self

    def _false(self, other: Any) -> bool:
        return False

    def _absent(self, *args: Any) -> BlankUndefined:
        return self

    __lt__ = __le__ = __gt__ = __ge__ = _false
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _absent
    __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = __pos__ = __neg__ = _absent


def _finalize(value: Any) -> Any:
    if value is None or isinstance(value, jinja2.Undefined):
        return BLANK
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return cn_datetime(value)
    if isinstance(value, date):
        return cn_date(value)
    if isinstance(value, Decimal):
        return money(value)
    if isinstance(value, str):
        return _CONTROL.sub("", value)
    return value


class _Environment(jinja2.Environment):
    """`x.name` on a dict reads the key first: `data.items` is the form field 登记保存证据清单, not
    dict.items (Jinja's default tries the attribute first)."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, dict):
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


def make_environment() -> jinja2.Environment:
    env = _Environment(autoescape=True, undefined=BlankUndefined, finalize=_finalize)
    env.filters.update(FILTERS)
    return env


ENVIRONMENT = make_environment()


class TemplateFailed(ValueError):
    """A template has a Jinja syntax error or failed while rendering; the message names the file."""


# --- the cache of parsed templates ---------------------------------------------------------------

@dataclass(frozen=True)
class _Parsed:
    stamp: tuple[int, int]  # (mtime_ns, size) of the file when parsed
    blob: bytes
    body: jinja2.Template
    parts: dict[str, jinja2.Template]  # header/footer part name -> compiled template


_cache: dict[Path, _Parsed] = {}
_lock = threading.Lock()


def _prepare(tpl: DocxTemplate, xml: str) -> str:
    # what DocxTemplate.build_xml / render_xml_part do before handing the XML to Jinja
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(xml))


def _parse(path: Path, stamp: tuple[int, int]) -> _Parsed:
    blob = path.read_bytes()
    tpl = DocxTemplate(io.BytesIO(blob))
    tpl.init_docx()
    try:
        body = ENVIRONMENT.from_string(_prepare(tpl, tpl.get_xml()))
        parts = {}
        for uri in (DocxTemplate.HEADER_URI, DocxTemplate.FOOTER_URI):
            for _, part in tpl.get_headers_footers(uri):
                parts[str(part.partname)] = ENVIRONMENT.from_string(_prepare(tpl, tpl.get_part_xml(part)))
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateFailed(f"模板 {path.name} 第 {exc.lineno} 行附近有语法错误：{exc.message}") from exc
    return _Parsed(stamp, blob, body, parts)


def parsed(path: Path) -> _Parsed:
    path = Path(path).resolve()
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    with _lock:
        entry = _cache.get(path)
    if entry is not None and entry.stamp == stamp:
        return entry
    entry = _parse(path, stamp)
    with _lock:
        _cache[path] = entry
    return entry


def clear_cache() -> None:
    with _lock:
        _cache.clear()


class _CachedTemplate(DocxTemplate):
    """DocxTemplate that renders the pre-compiled body, headers and footers of `_Parsed`."""

    def __init__(self, entry: _Parsed):
        super().__init__(io.BytesIO(entry.blob))
        self._entry = entry

    def _finish(self, rendered: str) -> str:
        # the rest of DocxTemplate.render_xml_part
        rendered = re.sub(r"\n<w:p([ >])", r"<w:p\1", rendered)
        rendered = (rendered.replace("{_{", "{{").replace("}_}", "}}")
                    .replace("{_%", "{%").replace("%_}", "%}"))
        return self.resolve_listing(rendered)

    def build_xml(self, context, jinja_env=None):
        self.current_rendering_part = self.docx._part
        return self._finish(self._entry.body.render(context))

    def build_headers_footers_xml(self, context, uri, jinja_env=None):
        for rel_key, part in self.get_headers_footers(uri):
            template = self._entry.parts.get(str(part.partname))
            if template is None:
                continue
            self.current_rendering_part = part
            yield rel_key, self._finish(template.render(context)).encode("utf-8")

    def render_properties(self, context, jinja_env=None):
        """Core properties (title, author …) are not templated."""


def render_docx(template_path: Path, context: dict[str, Any]) -> bytes:
    """The .docx rendered from `template_path` with `context`, as bytes."""
    entry = parsed(template_path)
    tpl = _CachedTemplate(entry)
    try:
        tpl.render(context, jinja_env=ENVIRONMENT, autoescape=True)
    except jinja2.TemplateError as exc:
        raise TemplateFailed(f"模板 {Path(template_path).name} 渲染失败：{exc}") from exc
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def template_variables(template_path: Path) -> set[str]:
    """The top-level names a template uses (party, data, org …), for checks and documentation."""
    tpl = DocxTemplate(io.BytesIO(Path(template_path).read_bytes()))
    return set(tpl.get_undeclared_template_variables(jinja_env=ENVIRONMENT))
