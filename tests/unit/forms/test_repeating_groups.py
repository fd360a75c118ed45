"""Repeating groups (`type: array` of objects): every row validated, blank rows dropped, errors per row."""
from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from app.errors import ValidationFailed
from app.forms.html import posted_values
from app.forms.registry import FormDefinition
from app.forms.validation import validate_form

FORM = FormDefinition(key="t", schema={
    "type": "object", "required": ["title", "people"],
    "properties": {
        "title": {"type": "string", "title": "标题"},
        "people": {"type": "array", "title": "投诉人", "minItems": 1, "x-minItemsMessage": "请至少填写一名投诉人",
                   "items": {"type": "object", "required": ["name"], "properties": {
                       "name": {"type": "string", "title": "姓名"},
                       "phone": {"type": "string", "title": "联系电话", "format": "phone"},
                       "id_type": {"type": "string", "title": "证件类型", "enum": ["resident_id", "macao_id"]},
                       "id_number": {"type": "string", "title": "证件号码", "x-idNumberFor": "id_type"},
                       "migrant": {"type": "boolean", "title": "是否农民工"}}}},
    },
})


def errors_of(data):
    with pytest.raises(ValidationFailed) as caught:
        validate_form(FORM, data)
    return caught.value


def test_rows_come_back_cleaned_and_blank_rows_are_dropped():
    cleaned = validate_form(FORM, {"title": "x", "people": [
        {"name": " 林志华 ", "phone": "139 0013 9002", "migrant": "true"}, {"name": "", "phone": " "},
        {"name": "黄国强", "id_type": "macao_id", "id_number": "12345678"}]})
    assert cleaned["people"] == [{"name": "林志华", "phone": "13900139002", "migrant": True},
                                 {"name": "黄国强", "id_type": "macao_id", "id_number": "1234567(8)"}]


def test_every_row_is_checked_and_errors_name_the_row():
    err = errors_of({"title": "x", "people": [{"name": "甲", "phone": "12345"}, {"phone": "13900139002"},
                                              {"name": "丙", "id_number": "1234"}]})
    assert set(err.fields) == {"people[0].phone", "people[1].name", "people[2].id_number"}
    assert err.fields["people[2].id_number"] == ["请先选择证件类型"]
    assert "投诉人第2项·姓名" in err.message


def test_at_least_one_row_and_the_list_shape():
    assert errors_of({"title": "x", "people": [{}]}).fields == {"people": ["请至少填写一名投诉人"]}
    assert errors_of({"title": "x"}).fields == {"people": ["请至少填写一名投诉人"]}
    assert errors_of({"title": "x", "people": "林志华"}).fields == {"people": ["投诉人应为列表"]}


def test_a_posted_html_form_becomes_rows_in_page_order():
    posted = MultiDict([("csrf_token", "t"), ("title", "x"), ("people[5].name", "乙"), ("people[0].name", "甲"),
                        ("people[0].phone", "13900139002"), ("people[3].name", ""), ("people[3].phone", ""),
                        ("unknown[0].name", "x")])
    assert posted_values(FORM, posted) == {"title": "x", "people": [
        {"name": "甲", "phone": "13900139002"}, {"name": "乙"}]}
