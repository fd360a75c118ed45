"""Unified social credit codes (GB 32100-2015).

The check character is computed here with weights derived as 3^i mod 31,
independently of the table in app.validation.codes.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.validation import validate_credit_code

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
SAMPLE = "91350100M000100Y43"  # the sample code printed in GB 32100-2015


def check_char(body: str) -> str:
    total = sum(ALPHABET.index(ch) * pow(3, i, 31) for i, ch in enumerate(body))
    return ALPHABET[-total % 31]


def test_independent_check_agrees_with_the_published_sample():
    assert check_char(SAMPLE[:17]) == SAMPLE[17]


@pytest.mark.parametrize("text", [SAMPLE, SAMPLE.lower(), f" {SAMPLE} ", "9135 0100 M000 100Y 43",
                                  "".join(chr(ord(ch) + 0xFEE0) for ch in SAMPLE)])
def test_sample_and_its_spellings_normalise(text):
    assert validate_credit_code(text) == SAMPLE


def test_check_character_zero_and_letters():
    body = next(b for b in (f"92440400MA{n:07d}" for n in range(10000)) if check_char(b) == "0")
    assert validate_credit_code(body + "0") == body + "0"
    body = next(b for b in (f"12440400MB{n:07d}" for n in range(10000)) if check_char(b) == "Y")
    assert validate_credit_code(body.lower() + "y") == body + "Y"


def test_wrong_check_character_names_the_right_one():
    with pytest.raises(ValueError, match="^统一社会信用代码校验位错误，应为 3$"):
        validate_credit_code(SAMPLE[:17] + "0")


@pytest.mark.parametrize("code", ["9135010", SAMPLE[:17], SAMPLE + "1", "913501001234567"])
def test_length(code):
    with pytest.raises(ValueError, match=f"统一社会信用代码应为18位（当前{len(code)}位）"):
        validate_credit_code(code)


@pytest.mark.parametrize("bad", ["I", "O", "S", "V", "Z"])
def test_letters_the_standard_leaves_out(bad):
    code = SAMPLE[:8] + bad + SAMPLE[9:]
    with pytest.raises(ValueError, match=f"含有不允许的字符 {bad}（不使用字母 I、O、S、V、Z）"):
        validate_credit_code(code)
    with pytest.raises(ValueError, match=f"含有不允许的字符 {bad}"):
        validate_credit_code(code.lower())


@pytest.mark.parametrize("bad", ["-", "*", "中"])
def test_other_characters(bad):
    with pytest.raises(ValueError, match=f"^统一社会信用代码含有不允许的字符 \\{bad}$" if bad in "*" else
                       f"^统一社会信用代码含有不允许的字符 {bad}$"):
        validate_credit_code(SAMPLE[:10] + bad + SAMPLE[11:])


def test_administrative_division_must_be_digits():
    body = "91A50100M000100Y4"
    with pytest.raises(ValueError, match="第3至8位（登记管理机关行政区划码）应为数字"):
        validate_credit_code(body + check_char(body))


@pytest.mark.parametrize("empty", ["", "   ", None, 913501])
def test_empty(empty):
    with pytest.raises(ValueError, match="^请输入统一社会信用代码$"):
        validate_credit_code(empty)


@settings(max_examples=300, deadline=None)
@given(head=st.text(ALPHABET, min_size=2, max_size=2), division=st.text("0123456789", min_size=6, max_size=6),
       organisation=st.text(ALPHABET, min_size=9, max_size=9))
def test_property_round_trip_and_every_other_check_character_fails(head, division, organisation):
    body = head + division + organisation
    good = check_char(body)
    assert validate_credit_code(body + good) == body + good
    assert validate_credit_code((body + good).lower()) == body + good
    for other in ALPHABET:
        if other != good:
            with pytest.raises(ValueError, match=f"^统一社会信用代码校验位错误，应为 {good}$"):
                validate_credit_code(body + other)
