"""render_docx: Jinja with the document filters, escaping, blank lines for absent values, the cache."""
from __future__ import annotations

import io
import os
from datetime import date, datetime
from decimal import Decimal

import pytest
from docx import Document

from app.documents import rendering
from app.documents.formatting import BLANK


def make_template(path, *paragraphs: str, footer: str | None = None, table_rows: list[list[str]] | None = None):
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    if table_rows:
        table = doc.add_table(rows=0, cols=len(table_rows[0]))
        for cells in table_rows:
            row = table.add_row()
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
    if footer:
        doc.sections[0].footer.paragraphs[0].text = footer
    doc.save(path)
    return path


def texts(content: bytes) -> list[str]:
    doc = Document(io.BytesIO(content))
    found = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        found.extend(cell.text for row in table.rows for cell in row.cells)
    found.extend(p.text for p in doc.sections[0].footer.paragraphs)
    return found


def test_filters_escaping_and_typed_values(tmp_path):
    path = make_template(tmp_path / "t.docx",
                         "{{ party.name }}：罚款{{ fine|money }}元（大写：{{ fine|capitals }}）",
                         "{{ day }}｜{{ moment }}｜{{ fine }}｜{{ flag }}｜{{ count }}",
                         "{{ day|cn_date }}前",
                         footer="{{ doc.number }}")
    context = {"party": {"name": "A&B <建筑> \"劳务\" 公司"}, "fine": Decimal("123456.78"), "day": date(2026, 12, 3),
               "moment": datetime(2026, 12, 3, 15, 0), "flag": True, "count": 5, "doc": {"number": "横琴人社监罚字〔2026〕第8号"}}
    result = texts(rendering.render_docx(path, context))
    assert result[0] == "A&B <建筑> \"劳务\" 公司：罚款123,456.78元（大写：壹拾贰万叁仟肆佰伍拾陆元柒角捌分）"
    assert result[1] == "2026年12月3日｜2026年12月3日15时00分｜123,456.78｜是｜5"
    assert result[2] == "2026年12月3日前"
    assert result[-1] == "横琴人社监罚字〔2026〕第8号"


def test_absent_values_are_blank_lines_not_errors(tmp_path):
    path = make_template(tmp_path / "t.docx",
                         "电话：{{ party.phone }}；代理人：{{ party.agent.name }}；{{ nothing }}；{{ empty }}",
                         "{% if party.missing %}不出现{% endif %}{% for x in absent %}{{ x }}{% endfor %}末尾",
                         "{{ absent|capitals }}｜{{ absent|cn_date }}｜{{ absent.x > 3 }}｜{{ '' }}｜{{ absent|default_blank }}",
                         "{{ input.items }}｜{{ data.keys }}")
    result = texts(rendering.render_docx(path, {"party": {"phone": None}, "empty": None, "input": {"items": "清单"},
                                                "data": {}}))
    assert result[0] == f"电话：{BLANK}；代理人：{BLANK}；{BLANK}；{BLANK}"
    assert result[1] == "末尾"
    assert result[2] == f"{BLANK}｜{BLANK}｜否｜｜{BLANK}"
    # a key named like a dict method is the key, not the method
    assert result[3] == f"清单｜{BLANK}"


def test_paragraph_and_row_tags_and_multiline_text(tmp_path):
    path = make_template(tmp_path / "t.docx", "开始", "{%p if show %}", "条件段落", "{%p endif %}",
                         "{{ text|paragraphs }}", "{{ lines }}",
                         table_rows=[["序号", "名称"], ["{%tr for d in docs %}", ""], ["{{ d.seq }}", "{{ d.name }}"],
                                     ["{%tr endfor %}", ""]])
    content = rendering.render_docx(path, {"show": False, "text": "第一段\n第二段", "lines": "甲\n乙",
                                           "docs": [{"seq": 1, "name": "立案审批表"}, {"seq": 2, "name": "决定书"}]})
    doc = Document(io.BytesIO(content))
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs == ["开始", "第一段", "第二段", "甲\n乙"]
    assert [[c.text for c in row.cells] for row in doc.tables[0].rows] == [
        ["序号", "名称"], ["1", "立案审批表"], ["2", "决定书"]]


def test_control_characters_are_dropped(tmp_path):
    path = make_template(tmp_path / "t.docx", "{{ text }}")
    assert texts(rendering.render_docx(path, {"text": "甲\x0b乙\x00丙"}))[0] == "甲乙丙"


def test_parsed_templates_are_cached_until_the_file_changes(tmp_path):
    rendering.clear_cache()
    path = make_template(tmp_path / "t.docx", "版本一 {{ x }}")
    first = rendering.parsed(path)
    assert rendering.parsed(path) is first
    assert texts(rendering.render_docx(path, {"x": 1}))[0] == "版本一 1"
    make_template(path, "版本二 {{ x }}")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert rendering.parsed(path) is not first
    assert texts(rendering.render_docx(path, {"x": 2}))[0] == "版本二 2"


def test_a_syntax_error_names_the_template(tmp_path):
    path = make_template(tmp_path / "broken.docx", "{{ party.name }", "{% if %}")
    with pytest.raises(rendering.TemplateFailed, match="broken.docx"):
        rendering.render_docx(path, {})


def test_template_variables(tmp_path):
    path = make_template(tmp_path / "t.docx", "{{ party.name }}{{ data.x|money }}", footer="{{ doc.number }}")
    assert rendering.template_variables(path) == {"party", "data", "doc"}
