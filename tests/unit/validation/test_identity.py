"""Identity numbers checked by document type.

Check characters are computed here by independent formulations of the
algorithms (ISO 7064 weights derived as 2^(17-i) mod 11; HKID by padding to 9
characters), so a wrong constant in app.validation cannot confirm itself.
"""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.validation import HMT_ID_TYPES, ID_TYPES, mask_id_number, validate_id_number

TODAY = date(2026, 12, 3)
PREFIXES = ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
            "71", "81", "82", "83", "91"]


def mod11_2(body: str) -> str:
    """ISO 7064 MOD 11-2: weight of position i is 2^(17-i) mod 11."""
    total = sum(int(ch) * pow(2, 17 - i, 11) for i, ch in enumerate(body))
    return "10X98765432"[total % 11]


def hkid_check(body: str) -> str:
    """HKID check: pad to 8 characters with a space (36), letters 10..35, weights 9..2."""
    padded = body.rjust(8)
    values = [36 if ch == " " else int(ch) if ch.isdigit() else ord(ch) - 55 for ch in padded]
    remainder = sum(v * w for v, w in zip(values, range(9, 1, -1), strict=True)) % 11
    return "0" if remainder == 0 else "A" if remainder == 1 else str(11 - remainder)


def resident(prefix6: str, born: str, seq: str = "123") -> str:
    body = prefix6 + born + seq
    return body + mod11_2(body)


def check(id_type: str, number: str) -> str:
    return validate_id_number(id_type, number, today=TODAY)


def rejects(id_type: str, number: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check(id_type, number)


def test_id_types_are_ordered_codes_with_chinese_labels():
    assert list(ID_TYPES) == ["resident_id", "hmt_residence_permit", "hk_macao_permit", "taiwan_permit",
                              "passport", "macao_id", "hong_kong_id", "other"]
    assert ID_TYPES["resident_id"] == "居民身份证" and ID_TYPES["macao_id"] == "澳门居民身份证"
    assert ID_TYPES["other"] == "其他"
    assert HMT_ID_TYPES < set(ID_TYPES) and "resident_id" not in HMT_ID_TYPES


def test_independent_implementations_agree_with_published_samples():
    assert mod11_2("11010519491231002") == "X"  # the sample number of GB 11643-1999
    assert hkid_check("A123456") == "3" and hkid_check("G123456") == "A" and hkid_check("AB123456") == "9"


# ---- 居民身份证 ---------------------------------------------------------------

def test_resident_id_sample_and_lowercase_x_is_normalised():
    assert check("resident_id", "11010519491231002X") == "11010519491231002X"
    assert check("resident_id", "11010519491231002x") == "11010519491231002X"


def test_resident_id_spaces_and_full_width_digits_are_normalised():
    number = resident("440106", "19900307")
    spaced = f" {number[:6]} {number[6:14]} {number[14:]} "
    full_width = "".join(chr(ord(ch) + 0xFEE0) for ch in number)
    assert check("resident_id", spaced) == number
    assert check("resident_id", full_width) == number


def test_resident_id_wrong_check_character():
    number = resident("440106", "19900307")
    wrong = number[:17] + ("1" if number[17] != "1" else "2")
    rejects("resident_id", wrong, "^居民身份证校验位错误$")


@pytest.mark.parametrize("born", ["19900230", "19901301", "19900000", "20230229", "abcd0101"])
def test_resident_id_impossible_birth_date(born):
    body = "440106" + born + "123"
    if born.isdigit():
        rejects("resident_id", body + mod11_2(body), "出生日期无效")
    else:
        rejects("resident_id", body + "1", "前17位应为数字")


def test_resident_id_birth_date_before_1900_or_in_the_future():
    rejects("resident_id", resident("440106", "18991231"), "出生日期无效（早于1900年）")
    rejects("resident_id", resident("440106", "20261204"), "出生日期无效（晚于今天）")
    assert check("resident_id", resident("440106", "20261203"))  # born today: a newborn's number
    assert check("resident_id", resident("440106", "19000101"))
    assert check("resident_id", resident("440106", "20000229"))


@pytest.mark.parametrize("prefix", ["00", "10", "16", "20", "24", "30", "38", "40", "47", "49", "55", "60",
                                    "66", "70", "72", "80", "84", "90", "92", "99"])
def test_resident_id_unknown_region_prefix(prefix):
    rejects("resident_id", resident(prefix + "0106", "19900307"), "地区码")


@pytest.mark.parametrize("prefix", PREFIXES)
def test_resident_id_every_listed_region_prefix(prefix):
    number = resident(prefix + "0000", "19851111")
    assert check("resident_id", number) == number


@pytest.mark.parametrize("number, message", [
    ("440106900307123", "应为18位（当前15位）"),  # old 15-digit card
    ("4401061990030712345", "应为18位（当前19位）"),
    ("44010619900307A234", "前17位应为数字"),
    ("44010619900307123Y", "最后一位为数字或X"),
])
def test_resident_id_shape(number, message):
    rejects("resident_id", number, message)


def test_messages_never_repeat_the_number():
    number = resident("440106", "19900307")
    wrong = number[:17] + ("1" if number[17] != "1" else "2")
    for id_type, bad in [("resident_id", wrong), ("resident_id", number[:15]), ("hong_kong_id", "A123456(4)"),
                         ("hmt_residence_permit", number), ("macao_id", "2234567(8)")]:
        with pytest.raises(ValueError) as caught:
            check(id_type, bad)
        assert bad not in str(caught.value) and number[6:14] not in str(caught.value)


@settings(max_examples=300, deadline=None)
@given(
    prefix=st.sampled_from(PREFIXES),
    region=st.text("0123456789", min_size=4, max_size=4),
    born=st.dates(min_value=date(1900, 1, 1), max_value=TODAY),
    seq=st.text("0123456789", min_size=3, max_size=3),
)
def test_property_only_the_computed_check_character_validates(prefix, region, born, seq):
    body = prefix + region + born.strftime("%Y%m%d") + seq
    good = mod11_2(body)
    assert check("resident_id", body + good) == body + good
    assert check("resident_id", body + good.lower()) == body + good
    for other in "0123456789X":
        if other != good:
            rejects("resident_id", body + other, "^居民身份证校验位错误$")


# ---- 港澳台居民居住证 ---------------------------------------------------------

@pytest.mark.parametrize("prefix", ["810000", "820000", "830000"])
def test_residence_permit_for_each_region(prefix):
    body = prefix + "19880512" + "004"
    number = body + mod11_2(body)
    assert check("hmt_residence_permit", number) == number
    assert check("resident_id", number) == number  # also a valid GB 11643 number


def test_residence_permit_check_character_x_is_accepted():
    body = next(b for b in (f"82000019900101{n:03d}" for n in range(1000)) if mod11_2(b) == "X")
    assert check("hmt_residence_permit", body + "x") == body + "X"


def test_residence_permit_rules():
    rejects("hmt_residence_permit", resident("440106", "19900307"), "应以810000（香港）、820000（澳门）或830000（台湾）开头")
    rejects("hmt_residence_permit", resident("810001", "19900307"), "应以810000")
    body = "820000" + "19900307" + "123"
    wrong = body + ("1" if mod11_2(body) != "1" else "2")
    rejects("hmt_residence_permit", wrong, "^港澳台居民居住证校验位错误$")
    rejects("hmt_residence_permit", resident("820000", "19900230"), "出生日期无效")
    rejects("hmt_residence_permit", "82000019900307123", "应为18位")


# ---- 回乡证、台胞证、护照 ------------------------------------------------------

@pytest.mark.parametrize("number, normal", [
    ("H12345678", "H12345678"), ("M87654321", "M87654321"), ("h12345678", "H12345678"),
    ("H1234567890", "H1234567890"), ("M 1234 5678", "M12345678"),
])
def test_home_return_permit(number, normal):
    assert check("hk_macao_permit", number) == normal


@pytest.mark.parametrize("number", ["H1234567", "H123456789", "C12345678", "12345678", "HM1234567", "H12345678901"])
def test_home_return_permit_refused(number):
    rejects("hk_macao_permit", number, "H或M加8位数字")


def test_taiwan_permit():
    assert check("taiwan_permit", "12345678") == "12345678"
    assert check("taiwan_permit", "1234 5678") == "12345678"
    for bad in ["1234567", "123456789", "1234567890", "0123456789(B)", "T1234567"]:
        rejects("taiwan_permit", bad, "8位数字（旧版证件请选择证件类型“其他”）")


@pytest.mark.parametrize("number, normal", [
    ("E12345678", "E12345678"), ("G12345678", "G12345678"), ("K1234567", "K1234567"),
    ("ea1234567", "EA1234567"), ("12345", "12345"), ("C01X00T47", "C01X00T47"), ("X" * 17, "X" * 17),
])
def test_passport(number, normal):
    assert check("passport", number) == normal


@pytest.mark.parametrize("number", ["E123", "X" * 18, "E1234-5678", "E12345678/", "护照12345"])
def test_passport_refused(number):
    rejects("passport", number, "5至17位英文字母或数字")


# ---- 澳门、香港身份证 ----------------------------------------------------------

@pytest.mark.parametrize("number, normal", [
    ("1234567(8)", "1234567(8)"), ("12345678", "1234567(8)"), ("5215489(3)", "5215489(3)"),
    ("7123456(0)", "7123456(0)"), ("1234567（8）", "1234567(8)"), ("1/234567/8", "1234567(8)"),
    (" 5 215489 3 ", "5215489(3)"),
])
def test_macao_id(number, normal):
    assert check("macao_id", number) == normal


@pytest.mark.parametrize("number", ["2234567(8)", "0234567(8)", "1234567(A)", "123456(7)", "1234567(8",
                                    "1234567)8(", "123456789", "1234567(88)"])
def test_macao_id_refused(number):
    rejects("macao_id", number, "首位为1、5或7")


@pytest.mark.parametrize("number, normal", [
    ("A123456(3)", "A123456(3)"), ("A1234563", "A123456(3)"), ("a123456(3)", "A123456(3)"),
    ("G123456(A)", "G123456(A)"), ("G123456a", "G123456(A)"), ("AB123456(9)", "AB123456(9)"),
    ("A123456（3）", "A123456(3)"),
])
def test_hong_kong_id(number, normal):
    assert check("hong_kong_id", number) == normal


def test_hong_kong_id_check_character_zero():
    body = next(f"Z{n:06d}" for n in range(1000) if hkid_check(f"Z{n:06d}") == "0")
    assert check("hong_kong_id", body + "0") == f"{body}(0)"


@settings(max_examples=200, deadline=None)
@given(letters=st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=2),
       digits=st.text("0123456789", min_size=6, max_size=6))
def test_property_hong_kong_id_only_the_computed_check_validates(letters, digits):
    good = hkid_check(letters + digits)
    assert check("hong_kong_id", f"{letters}{digits}{good}") == f"{letters}{digits}({good})"
    for other in "0123456789A":
        if other != good:
            rejects("hong_kong_id", f"{letters}{digits}({other})", "^香港身份证校验码错误$")


@pytest.mark.parametrize("number", ["A123456(4)", "AB123456(8)", "G123456(0)"])
def test_hong_kong_id_wrong_check(number):
    rejects("hong_kong_id", number, "^香港身份证校验码错误$")


@pytest.mark.parametrize("number", ["123456(7)", "ABC123456(7)", "A12345(6)", "A123456(B)", "A1234567(3)"])
def test_hong_kong_id_shape(number):
    rejects("hong_kong_id", number, "1至2个英文字母、6位数字及校验码")


# ---- 其他 and the general rules -----------------------------------------------

def test_other_keeps_any_reasonable_text():
    assert check("other", "  旧版台胞证 0123456789(B) ") == "旧版台胞证 0123456789(B)"
    rejects("other", "X" * 51, "不应超过50个字符")
    rejects("other", "AB\x00C", "不可见字符")


def test_unknown_type_and_empty_number():
    rejects("id_card", "11010519491231002X", "^证件类型无效$")
    rejects(None, "11010519491231002X", "^证件类型无效$")
    rejects(["resident_id"], "11010519491231002X", "^证件类型无效$")
    for empty in ["", "   ", None, 110105]:
        rejects("passport", empty, "^请输入证件号码$")


@pytest.mark.parametrize("id_type, number", [
    ("macao_id", "1234567(8)"), ("hong_kong_id", "A123456(3)"), ("hk_macao_permit", "M12345678"),
    ("taiwan_permit", "12345678"), ("passport", "MA1234567"), ("other", "BIR 1234567"),
    ("hmt_residence_permit", "820000" + "19900307" + "123" + mod11_2("82000019900307123")),
])
def test_a_macao_or_hong_kong_worker_is_never_asked_for_a_mainland_id(id_type, number):
    assert check(id_type, number)
    assert id_type in HMT_ID_TYPES or id_type in ("passport", "other")


def test_today_defaults_to_the_current_date():
    assert validate_id_number("resident_id", "11010519491231002X") == "11010519491231002X"
    with pytest.raises(ValueError, match="晚于今天"):
        validate_id_number("resident_id", resident("440106", "29991231"))


@pytest.mark.parametrize("number, masked", [
    ("440106199003071234", "440***********1234"),
    ("11010519491231002X", "110***********002X"),
    ("H1234567890", "H********90"),
    ("A123456(3)", "A*******3)"),
    ("E12345678", "E******78"),
    ("12345", "*****"),
    ("", ""),
    (None, ""),
])
def test_mask_id_number(number, masked):
    assert mask_id_number(number) == masked
