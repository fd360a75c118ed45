"""The parts of app.documents.context that need no database: settings, inputs, required fields, the case file."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from app.documents import context as contexts
from app.documents.registry import DocumentInput, DocumentKind


def kind(**overrides) -> DocumentKind:
    values = dict(code="inquiry_notice", name="询问通知书", template="inquiry_notice.docx",
                  number_pattern="{prefix}人社监询字〔{year}〕第{seq}号", sequence="inquiry_notice", stage="调查取证",
                  required=(("party.name", "当事人"), ("party.credit_code", "统一社会信用代码"),
                            ("party.legal_representative", "法定代表人"), ("input.inquiry_at", "询问时间"),
                            ("input.materials", "需携带的材料"), ("inspectors.1.name", "第二名执法人员")),
                  inputs=(DocumentInput("inquiry_at", "询问时间", "datetime"),
                          DocumentInput("materials", "需携带的材料", "text"),
                          DocumentInput("fine", "罚款", "money", False), DocumentInput("days", "天数", "integer", False),
                          DocumentInput("by", "期限", "date", False),
                          DocumentInput("hearing_chair", "主持人", "string", False)))
    values.update(overrides)
    return DocumentKind(**values)


def test_settings_default_to_hengqin_and_read_the_configuration():
    settings = contexts.settings_from_config({})
    assert (settings.issuing_body, settings.number_prefix, settings.reconsideration_body, settings.court) == (
        "横琴粤澳深度合作区民生事务局", "横琴", "横琴粤澳深度合作区执行委员会", "横琴粤澳深度合作区人民法院")
    assert settings.address == settings.phone == ""
    settings = contexts.settings_from_config({"DOCUMENT_ISSUING_BODY": "某市人力资源和社会保障局", "DOCUMENT_COURT": " ",
                                              "DOCUMENT_ADDRESS": "某路1号", "DOCUMENT_PHONE": "0756-1"})
    assert settings.issuing_body == "某市人力资源和社会保障局" and settings.court == "横琴粤澳深度合作区人民法院"
    assert (settings.address, settings.phone) == ("某路1号", "0756-1")


def test_document_context_types_inputs_and_falls_back_on_process_data():
    base = {"data": {"by": date(2026, 12, 10), "hearing_chair": "reviewer"}, "labels": {"hearing_chair": "赵静"},
            "documents": []}
    context = contexts.document_context(
        base, kind=kind(), number="横琴人社监询字〔2026〕第1号", issued_on=date(2026, 12, 3),
        inputs={"inquiry_at": "2026-12-08T09:30", "materials": "  营业执照  ", "fine": "1,000.5", "days": "3",
                "extra": "kept"}, version=2)
    assert context["doc"] == {"code": "inquiry_notice", "name": "询问通知书", "number": "横琴人社监询字〔2026〕第1号",
                              "issued_on": date(2026, 12, 3), "version": 2, "stage": "调查取证", "served": False}
    assert context["input"] == {"inquiry_at": datetime(2026, 12, 8, 9, 30), "materials": "营业执照",
                                "fine": Decimal("1000.5"), "days": 3, "by": date(2026, 12, 10),
                                "hearing_chair": "赵静", "extra": "kept"}
    assert context["data"] is base["data"]  # the base is not copied deeply, only extended


@pytest.mark.parametrize(("name", "value"), [("inquiry_at", "明天上午"), ("fine", "-5"), ("days", "2.5"), ("by", "12/10")])
def test_an_input_of_the_wrong_type_names_its_label(name, value):
    with pytest.raises(contexts.DocumentInputError) as caught:
        contexts.document_context({}, kind=kind(), number=None, issued_on=date(2026, 12, 3), inputs={name: value},
                                  version=1)
    assert caught.value.name == name and caught.value.label in str(caught.value)


def test_missing_fields_lists_the_labels_in_registry_order():
    base = {"party": {"name": "某公司", "credit_code": " ", "is_organisation": True}, "inspectors": [{"name": "李明"}]}
    context = contexts.document_context(base, kind=kind(), number=None, issued_on=date(2026, 12, 3),
                                        inputs={"materials": "执照"}, version=1)
    assert contexts.missing_fields(kind(), context) == ["统一社会信用代码", "法定代表人", "询问时间", "第二名执法人员"]
    # a person has no credit code or legal representative
    person = dict(context, party={"name": "陈大明", "is_organisation": False}, inspectors=[{"name": "甲"}, {"name": "乙"}],
                  input={"inquiry_at": datetime(2026, 12, 8), "materials": "身份证"})
    assert contexts.missing_fields(kind(), person) == []


def test_resolve_follows_dicts_lists_and_attributes():
    class Row:
        number = "A1"

    context = {"a": {"b": [{"c": 1}]}, "row": Row(), "zero": 0}
    assert contexts.resolve(context, "a.b.0.c") == 1
    assert contexts.resolve(context, "a.b.1.c") is None
    assert contexts.resolve(context, "row.number") == "A1" and contexts.resolve(context, "row.missing") is None
    assert contexts.resolve(context, "zero") == 0


def test_the_case_file_is_paginated():
    rows = contexts.paginate([{"title": "立案审批表", "issuer": "某局", "pages": 1, "note": ""},
                              {"name": "决定书", "pages": 3, "remark": "已送达"},
                              {"name": "送达回证", "pages": ""},
                              {"name": "结案审批表", "pages": 1}])
    assert [(r["seq"], r["name"], r["page_range"]) for r in rows] == [
        (1, "立案审批表", "1"), (2, "决定书", "2-4"), (3, "送达回证", None), (4, "结案审批表", None)]
    assert rows[0]["responsible"] == "某局" and rows[1]["remark"] == "已送达" and rows[0]["remark"] is None
    context = contexts.document_context({"documents": rows[:2], "voided_count": 1}, kind=kind(inputs=()),
                                        number=None, issued_on=date(2026, 12, 3), inputs={}, version=1)
    assert context["case_file"] == {"count": 2, "pages": 4, "voided": 1, "pages_note": None}


def test_person_names_drop_the_demo_title():
    assert contexts.person_name("执法人员 李明") == "李明"
    assert contexts.person_name("李明") == "李明"
    assert contexts.person_name("John Smith") == "John Smith"
    assert contexts.person_name(None) is None


def test_principal_party_prefers_the_unit_owing_wages():
    units = [{"role": "construction_unit", "owes_wages": False, "is_organisation": True, "name": "建设"},
             {"role": "subcontractor", "owes_wages": True, "is_organisation": True, "name": "分包"},
             {"role": "responsible_person", "owes_wages": False, "is_organisation": False, "name": "陈某"}]
    assert contexts.principal_party(units)["name"] == "分包"
    assert contexts.principal_party(units, "individual")["name"] == "陈某"
    assert contexts.principal_party(units[:1])["name"] == "建设"
    assert contexts.principal_party([]) is None


def test_process_data_is_typed_by_the_forms():
    data = contexts.typed_data({"proposed_fine": "50000.00", "proposed_on": "2026-11-20", "worker_count": "5",
                                "hearing_at": "2026-12-01T15:00:00+08:00", "unknown": "x", "project_stoppage": False,
                                "deadlines": {"fine_payment": "2026-12-18T23:59:59+08:00"}})
    assert data["proposed_fine"] == Decimal("50000.00") and data["proposed_on"] == date(2026, 11, 20)
    assert data["worker_count"] == 5 and data["hearing_at"].hour == 15 and data["unknown"] == "x"
    assert data["project_stoppage"] is False
    assert data["deadlines"] == {"fine_payment": "2026-12-18T23:59:59+08:00"}
