"""Amounts in capitals (财务大写), money and Chinese dates, and the Jinja filters built on them."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.documents.formatting import (
    BLANK,
    FILTERS,
    amount_in_capitals,
    cn_date,
    cn_datetime,
    cn_number,
    default_blank,
    mask_id,
    money,
    paragraphs,
)

# (amount, capitals): rules of 《支付结算办法》附一 and the brief's examples
KNOWN = [
    ("0", "零元整"),
    ("0.01", "壹分"),
    ("0.05", "伍分"),
    ("0.10", "壹角"),
    ("0.5", "伍角"),
    ("0.55", "伍角伍分"),
    ("1", "壹元整"),
    ("1.01", "壹元零壹分"),
    ("1.10", "壹元壹角"),
    ("10", "壹拾元整"),
    ("15", "壹拾伍元整"),
    ("20.5", "贰拾元伍角"),
    ("100", "壹佰元整"),
    ("101", "壹佰零壹元整"),
    ("110", "壹佰壹拾元整"),
    ("325.04", "叁佰贰拾伍元零肆分"),
    ("1000", "壹仟元整"),
    ("1001", "壹仟零壹元整"),
    ("1010", "壹仟零壹拾元整"),
    ("1409.50", "壹仟肆佰零玖元伍角"),
    ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
    ("6007.14", "陆仟零柒元壹角肆分"),
    ("10000", "壹万元整"),
    ("10001", "壹万零壹元整"),
    ("10100", "壹万零壹佰元整"),
    ("20000.00", "贰万元整"),
    ("42300", "肆万贰仟叁佰元整"),
    ("100000", "壹拾万元整"),
    ("100010.05", "壹拾万零壹拾元零伍分"),
    ("107000.53", "壹拾万零柒仟元伍角叁分"),
    ("123456.78", "壹拾贰万叁仟肆佰伍拾陆元柒角捌分"),
    ("1000000", "壹佰万元整"),
    ("10000000", "壹仟万元整"),
    ("10000001", "壹仟万零壹元整"),
    ("100000000", "壹亿元整"),
    ("100000001", "壹亿零壹元整"),
    ("100001000", "壹亿零壹仟元整"),
    ("1000010000", "壹拾亿零壹万元整"),
    ("1200000000", "壹拾贰亿元整"),
    ("1000000000000", "壹万亿元整"),
    ("1234500000000", "壹万贰仟叁佰肆拾伍亿元整"),
    ("9999999999999999.99", "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
]


@pytest.mark.parametrize(("amount", "expected"), KNOWN)
def test_known_amounts(amount, expected):
    assert amount_in_capitals(amount) == expected


def test_accepts_decimal_int_float_and_formatted_strings():
    assert amount_in_capitals(Decimal("123456.78")) == "壹拾贰万叁仟肆佰伍拾陆元柒角捌分"
    assert amount_in_capitals(100) == "壹佰元整"
    assert amount_in_capitals(0.1 + 0.2) == "叁角"  # 0.30000000000000004 rounds to the fen
    assert amount_in_capitals("42,300.00") == "肆万贰仟叁佰元整"
    assert amount_in_capitals("￥1,000元") == "壹仟元整"
    assert amount_in_capitals("0.005") == "壹分"  # half-up


@pytest.mark.parametrize("bad", ["-1", "abc", "1e16", "NaN", True, None, [1]])
def test_refuses_what_is_not_an_amount(bad):
    with pytest.raises(ValueError):
        amount_in_capitals(bad)


# --- a parser of capitals, for the round trip ------------------------------------------------------

_DIGIT = {c: i for i, c in enumerate("零壹贰叁肆伍陆柒捌玖")}
_UNIT = {"拾": 10, "佰": 100, "仟": 1000}


def _section(text: str) -> int:
    total, digit = 0, 0
    for char in text:
        if char in _DIGIT:
            digit = _DIGIT[char]
        elif char in _UNIT:
            total += digit * _UNIT[char]
            digit = 0
        else:
            raise AssertionError(f"unexpected {char!r} in {text!r}")
    return total + digit


def _integer(text: str) -> int:
    if "亿" in text:
        high, _, low = text.rpartition("亿")
        return _integer(high) * 10**8 + _integer(low)
    if "万" in text:
        high, _, low = text.rpartition("万")
        return _section(high) * 10**4 + _section(low)
    return _section(text)


def parse_capitals(text: str) -> Decimal:
    text = text.removesuffix("整")
    yuan_text, _, rest = text.rpartition("元") if "元" in text else ("", "", text)
    fen = _integer(yuan_text) * 100 if yuan_text else 0
    if match := re.search(r"(.)角", rest):
        fen += _DIGIT[match.group(1)] * 10
    if match := re.search(r"(.)分", rest):
        fen += _DIGIT[match.group(1)]
    return Decimal(fen) / 100


@given(st.integers(min_value=0, max_value=10**18 - 1))
def test_round_trip_and_zero_rules(fen):
    amount = Decimal(fen) / 100
    text = amount_in_capitals(amount)
    assert parse_capitals(text) == amount
    if fen == 0:
        assert text == "零元整"
        return
    assert "零零" not in text
    assert not re.search(r"零[元万亿角分整]", text), text
    assert not text.startswith("零"), text
    assert text.endswith("整") == (fen % 100 == 0)
    assert ("元" in text) == (fen >= 100)
    assert "拾" not in text[:1]  # 壹拾, never a bare 拾


@given(st.integers(min_value=0, max_value=10**13))
def test_money_round_trip(fen):
    amount = Decimal(fen) / 100
    assert Decimal(money(amount).replace(",", "")) == amount


def test_money():
    assert money(123456.78) == "123,456.78"
    assert money("42300") == "42,300.00"
    assert money(Decimal("0.5")) == "0.50"
    assert money("1,234.5") == "1,234.50"


def test_dates():
    assert cn_date(date(2026, 12, 3)) == "2026年12月3日"
    assert cn_date("2026-01-09") == "2026年1月9日"
    assert cn_date(datetime(2026, 12, 3, 9, 0)) == "2026年12月3日"
    # an aware timestamp is read in Hengqin's time zone: 16:30 UTC is past midnight in China
    assert cn_date(datetime(2026, 12, 3, 16, 30, tzinfo=UTC)) == "2026年12月4日"
    assert cn_date("2026-12-08T23:59:59+08:00") == "2026年12月8日"
    assert cn_datetime("2026-12-03T15:00:00+08:00") == "2026年12月3日15时00分"
    assert cn_datetime(datetime(2026, 12, 3, 9, 5)) == "2026年12月3日9时05分"
    assert cn_datetime("2026-12-03") == "2026年12月3日"
    assert cn_datetime(date(2026, 12, 3)) == "2026年12月3日"


def test_small_numbers_in_chinese():
    assert [cn_number(n) for n in (0, 3, 10, 15, 20, 60, 100, 105, 110, 115, 360)] == [
        "零", "三", "十", "十五", "二十", "六十", "一百", "一百零五", "一百一十", "一百一十五", "三百六十"]


def test_mask_id():
    assert mask_id("440402199001011234") == "440402********1234"
    assert mask_id("H1234567") == "H1****67"
    assert mask_id("123") == "123"


def test_filters_render_absent_values_as_a_blank_line():
    for name in ("capitals", "money", "cn_date", "cn_datetime", "cn_number", "mask_id"):
        assert FILTERS[name](None) == BLANK, name
        assert FILTERS[name]("") == BLANK, name
    assert FILTERS["capitals"]("100") == "壹佰元整"
    assert default_blank(None) == BLANK and default_blank("  ") == BLANK and default_blank(0) == 0
    assert default_blank(None, "—") == "—"
    assert FILTERS["yes_no"](True) == "是" and FILTERS["yes_no"](False) == "否" and FILTERS["yes_no"](None) == BLANK


def test_paragraphs_split_lines_into_docxtpl_paragraph_breaks():
    assert paragraphs("问：你是谁？\r\n答：张三。\n\n问：好。") == "问：你是谁？\a答：张三。\a问：好。"
    assert paragraphs(None) == BLANK
