"""A small registry and template of its own, so that the document life-cycle tests (numbers,
versions, void, service, concurrency) do not depend on the wording of the bureau's templates."""
from __future__ import annotations

import json
from pathlib import Path

from docx import Document

NUMBERED = "test_decision"
FACTS_INPUT = {"facts": "拖欠农民工工资。"}
UNNUMBERED = "test_record"
REGISTRY = {
    "kinds": {
        NUMBERED: {
            "name": "测试处罚决定书", "template": "test_decision.docx", "subject": "case", "stage": "行政处罚",
            "order": 10, "number_pattern": "{prefix}人社监罚字〔{year}〕第{seq}号", "sequence": "test_penalty",
            "served": True, "service_clock": "fine_payment",
            "required": [{"path": "party.name", "label": "当事人名称"}, {"path": "input.facts", "label": "违法事实"}],
            "inputs": [{"name": "facts", "label": "违法事实", "type": "text"},
                       {"name": "fine", "label": "罚款金额", "type": "money", "required": False}],
        },
        UNNUMBERED: {
            "name": "测试询问笔录", "template": "test_record.docx", "subject": "case", "stage": "调查取证",
            "order": 5, "number_pattern": None, "served": False,
        },
        "case_file_cover": {"name": "卷宗封面", "template": "cover.docx", "subject": "case", "order": 0,
                            "number_pattern": None},
        "case_file_index": {"name": "卷内目录", "template": "index.docx", "subject": "case", "order": 1,
                            "number_pattern": None},
    }
}


def _template(path: Path, lines: list[str]) -> None:
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    doc.save(str(path))


def write_registry(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "registry.json").write_text(json.dumps(REGISTRY, ensure_ascii=False), encoding="utf-8")
    _template(folder / "test_decision.docx", [
        "测试处罚决定书", "{{ doc.number }}", "当事人：{{ party.name }}", "违法事实：{{ input.facts }}",
        "案件编号：{{ case.number }}", "版本 {{ doc.version }}", "{{ org.name }}"])
    _template(folder / "test_record.docx", ["测试询问笔录", "案件编号：{{ case.number }}"])
    _template(folder / "cover.docx", ["卷宗封面", "{{ case.number }}", "共{{ documents|length }}份文书",
                                      "作废{{ voided_count }}份", "本卷共{{ case_file.count }}件{{ case_file.pages }}页",
                                      "{% if case_file.pages_note %}注：{{ case_file.pages_note }}{% endif %}"])
    _template(folder / "index.docx", ["卷内目录",
                                      "{% for d in documents %}{{ d.seq }} {{ d.number }} {{ d.title }}；{% endfor %}",
                                      "{% for d in documents %}{{ d.seq }}页号{{ d.page_range or '' }}；{% endfor %}"])
    return folder


def docx_text(content: bytes) -> str:
    import io
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
