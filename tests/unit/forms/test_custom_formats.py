"""Form validation with `format: credit-code`, `format: phone` and `x-idNumberFor`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.errors import ValidationFailed
from app.forms.registry import FormDefinition, FormRegistry
from app.forms.validation import validate_form
from app.validation import ID_TYPES

FORMS = Path(__file__).resolve().parents[3] / "forms"
SAMPLE_CODE = "91350100M000100Y43"
KNOWN_FORMATS = {"date", "date-time", "email", "credit-code", "phone"}

PARTY = FormDefinition(key="party", schema={
    "title": "当事人",
    "type": "object",
    "required": ["unit_name", "credit_code", "complainant_id_type", "complainant_id_number"],
    "properties": {
        "unit_name": {"type": "string", "title": "单位名称", "minLength": 2},
        "credit_code": {"type": "string", "title": "统一社会信用代码", "format": "credit-code"},
        "contact_phone": {"type": "string", "title": "联系电话", "format": "phone"},
        "complainant_id_type": {"type": "string", "title": "证件类型", "enum": list(ID_TYPES),
                                "enumNames": list(ID_TYPES.values())},
        "complainant_id_number": {"type": "string", "title": "证件号码", "x-idNumberFor": "complainant_id_type"},
        "responsible_id_type": {"type": "string", "title": "欠薪直接责任人证件类型", "enum": list(ID_TYPES)},
        "responsible_id_number": {"type": "string", "title": "欠薪直接责任人证件号码",
                                  "x-idNumberFor": "responsible_id_type"},
    },
})


def submit(**overrides):
    data = {"unit_name": "澳门某劳务有限公司", "credit_code": SAMPLE_CODE, "contact_phone": "+853 6123 4567",
            "complainant_id_type": "macao_id", "complainant_id_number": "1234567（8）"}
    data.update(overrides)
    return validate_form(PARTY, {k: v for k, v in data.items() if v is not ...})


def errors_of(**overrides) -> dict[str, list[str]]:
    with pytest.raises(ValidationFailed) as caught:
        submit(**overrides)
    return caught.value.fields


def test_cleaned_data_holds_the_normalised_values():
    assert submit(credit_code=" 91350100m000100y43 ") == {
        "unit_name": "澳门某劳务有限公司", "credit_code": SAMPLE_CODE, "contact_phone": "+85361234567",
        "complainant_id_type": "macao_id", "complainant_id_number": "1234567(8)",
    }


def test_a_macao_worker_without_a_mainland_id_is_accepted():
    for id_type, number, normal in [("macao_id", "12345678", "1234567(8)"), ("hong_kong_id", "a1234563", "A123456(3)"),
                                    ("hk_macao_permit", "m12345678", "M12345678"), ("passport", "ma1234567", "MA1234567")]:
        cleaned = submit(complainant_id_type=id_type, complainant_id_number=number)
        assert cleaned["complainant_id_number"] == normal


def test_the_number_is_checked_by_the_type_chosen_in_the_same_submission():
    assert submit(complainant_id_type="resident_id", complainant_id_number="11010519491231002x")[
        "complainant_id_number"] == "11010519491231002X"
    fields = errors_of(complainant_id_type="resident_id", complainant_id_number="1234567(8)")
    assert fields == {"complainant_id_number": ["居民身份证号码应为18位（当前10位）"]}
    fields = errors_of(complainant_id_type="resident_id", complainant_id_number="110105194912310021")
    assert fields == {"complainant_id_number": ["居民身份证校验位错误"]}
    fields = errors_of(complainant_id_type="macao_id", complainant_id_number="11010519491231002X")
    assert list(fields) == ["complainant_id_number"] and "澳门居民身份证" in fields["complainant_id_number"][0]


def test_each_number_follows_its_own_type_field():
    cleaned = submit(responsible_id_type="resident_id", responsible_id_number="11010519491231002X")
    assert cleaned["responsible_id_number"] == "11010519491231002X"
    assert cleaned["complainant_id_number"] == "1234567(8)"
    fields = errors_of(responsible_id_type="hong_kong_id", responsible_id_number="A123456(4)")
    assert fields == {"responsible_id_number": ["香港身份证校验码错误"]}


def test_a_number_without_its_type_is_refused_on_the_number_field():
    fields = errors_of(responsible_id_number="11010519491231002X")
    assert fields == {"responsible_id_number": ["请先选择证件类型"]}
    fields = errors_of(complainant_id_type="", complainant_id_number="12345678")
    assert fields["complainant_id_type"] == ["此项为必填项"]
    assert fields["complainant_id_number"] == ["请先选择证件类型"]


def test_an_unknown_type_is_reported_on_both_fields():
    fields = errors_of(complainant_id_type="id_card", complainant_id_number="12345678")
    assert fields == {"complainant_id_type": ["请从列表中选择"], "complainant_id_number": ["证件类型无效"]}


def test_optional_numbers_and_phones_may_be_left_blank():
    cleaned = submit(contact_phone="  ", responsible_id_type="", responsible_id_number="")
    assert "contact_phone" not in cleaned and "responsible_id_number" not in cleaned
    assert errors_of(complainant_id_number=" ") == {"complainant_id_number": ["此项为必填项"]}


def test_credit_code_and_phone_errors_are_in_chinese_and_reported_together():
    with pytest.raises(ValidationFailed) as caught:
        submit(credit_code="91350100M000100Y40", contact_phone="12345",
               complainant_id_type="hong_kong_id", complainant_id_number="A123456(4)")
    assert caught.value.fields == {
        "credit_code": ["统一社会信用代码校验位错误，应为 3"],
        "contact_phone": ["请输入有效的电话号码：内地手机号、固定电话（区号-号码）或港澳号码（如 +853 6123 4567）"],
        "complainant_id_number": ["香港身份证校验码错误"],
    }
    assert caught.value.message == "请检查以下字段：统一社会信用代码、联系电话、证件号码"
    assert errors_of(credit_code="91350100I000100Y43") == {"credit_code": ["统一社会信用代码含有不允许的字符 I（不使用字母 I、O、S、V、Z）"]}


def test_non_string_values_get_the_type_message():
    assert errors_of(credit_code=913501) == {"credit_code": ["请输入有效的统一社会信用代码"]}
    assert errors_of(contact_phone=13800138000) == {"contact_phone": ["请输入有效的电话号码"]}
    assert errors_of(complainant_id_number=12345678) == {"complainant_id_number": ["请输入文字"]}


def test_pattern_and_length_still_apply_to_the_normalised_value():
    form = FormDefinition(key="mobile_only", schema={"type": "object", "properties": {
        "phone": {"type": "string", "title": "手机", "format": "phone", "pattern": "^1[3-9][0-9]{9}$",
                  "x-patternMessage": "请输入内地手机号"},
        "code": {"type": "string", "title": "代码", "format": "credit-code", "maxLength": 18},
    }})
    assert validate_form(form, {"phone": "+86 138 0013 8000", "code": SAMPLE_CODE.lower()}) == {
        "phone": "13800138000", "code": SAMPLE_CODE}
    with pytest.raises(ValidationFailed) as caught:
        validate_form(form, {"phone": "+853 6123 4567"})
    assert caught.value.fields == {"phone": ["请输入内地手机号"]}


def test_ticket_registration_accepts_mainland_macao_and_hong_kong_phones():
    registry = FormRegistry.from_directory(FORMS)
    form = registry.get("ticket_registration")
    data = {"channel": "visit", "received_at": "2026-12-03T09:00:00", "project_name": "横琴项目",
            "responsible_units": [{"name": "某建筑公司"}],
            "complainants": [{"name": "林志华", "phone": "+85361234567"}],
            "summary": "反映被拖欠三个月工资。", "people_count": "5", "amount": 42300.5}

    def with_phone(phone):
        return {**data, "complainants": [{"name": "林志华", "phone": phone}]}

    cleaned = validate_form(form, data)
    assert cleaned["complainants"][0]["phone"] == "+85361234567" and cleaned["amount"] == "42300.50"
    assert cleaned["received_at"] == "2026-12-03T09:00:00+08:00" and cleaned["people_count"] == 5
    with pytest.raises(ValidationFailed) as caught:
        validate_form(form, with_phone("12345"))
    assert caught.value.fields["complainants[0].phone"][0].startswith("请输入有效的电话号码")
    assert validate_form(form, with_phone("+852 9123 4567"))["complainants"][0]["phone"] == "+85291234567"
    assert validate_form(form, with_phone("0756-1234567"))["complainants"][0]["phone"] == "07561234567"


def _all_property_sets(schema):
    yield schema.get("properties", {})
    for prop in schema.get("properties", {}).values():
        if prop.get("type") == "array" and isinstance(prop.get("items"), dict):
            yield from _all_property_sets(prop["items"])


@pytest.mark.parametrize("path", sorted(FORMS.glob("*.json")), ids=lambda p: p.stem)
def test_forms_use_only_known_formats_and_valid_id_type_fields(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    for properties in _all_property_sets(schema):
        _check_properties(properties)


def _check_properties(properties):
    for name, prop in properties.items():
        assert prop.get("format") in KNOWN_FORMATS | {None}, f"{name}: unknown format"
        type_field = prop.get("x-idNumberFor")
        if type_field:
            assert type_field in properties, f"{name}: x-idNumberFor names a missing field"
            assert set(properties[type_field].get("enum", [])) <= set(ID_TYPES), f"{type_field}: unknown ID types"
