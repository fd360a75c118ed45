"""Phone numbers: mainland mobile and landline, Macao, Hong Kong."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.validation import mask_phone, validate_phone


@pytest.mark.parametrize("text, normal", [
    # mainland mobile
    ("13800138000", "13800138000"), ("+8613800138000", "13800138000"), ("86 138 0013 8000", "13800138000"),
    ("+86-138-0013-8000", "13800138000"), ("008613800138000", "13800138000"), ("19912345678", "19912345678"),
    ("１３８００１３８０００", "13800138000"),
    # mainland landline
    ("0756-1234567", "07561234567"), ("07561234567", "07561234567"), ("020-12345678", "02012345678"),
    ("010 8765 4321", "01087654321"), ("(0756)1234567", "07561234567"), ("（0756）1234567", "07561234567"),
    ("0756-12345678-1234", "075612345678-1234"), ("020-12345678转1234", "02012345678-1234"),
    ("020-12345678 分机 88", "02012345678-88"), ("020-12345678 ext. 5", "02012345678-5"),
    ("020-1234567-1", "0201234567-1"), ("+86 756 1234567", "07561234567"), ("+86-0756-1234567", "07561234567"),
    # Macao
    ("+853 6123 4567", "+85361234567"), ("85361234567", "+85361234567"), ("00853-2812-3456", "+85328123456"),
    ("+853 8899 1234", "+85388991234"), ("(853) 6612 3456", "+85366123456"),
    # Hong Kong
    ("+852 9123 4567", "+85291234567"), ("852-2345-6789", "+85223456789"), ("+85251234567", "+85251234567"),
    ("0085231234567", "+85231234567"), ("+852 7123 4567", "+85271234567"),
    # 8 digits without a country code: kept, not guessed
    ("6123 4567", "61234567"), ("2812-3456", "28123456"), ("88991234", "88991234"), ("91234567", "91234567"),
])
def test_accepted_and_normalised(text, normal):
    assert validate_phone(text) == normal
    assert validate_phone(normal) == normal  # the canonical form is itself accepted unchanged


@pytest.mark.parametrize("text", [
    "12345678901", "1380013800", "138001380001", "+86 12345678901", "0756-123456", "0756-123456789",
    "0756-1234567-1234567", "00-12345678", "0123-4567890", "011-12345678", "035-12345678", "0201-1234567", "+853 4123 4567", "+853 9123 4567", "+853 3123 4567", "+853 6123 456", "+853 61234 5678",
    "+852 8123 4567", "+852 4123 4567", "41234567", "01234567", "1234567", "138-0013-8000-12",
    "abc", "电话13800138000", "+1 415 555 0100",
])
def test_refused(text):
    with pytest.raises(ValueError, match="请输入有效的电话号码"):
        validate_phone(text)


@pytest.mark.parametrize("empty", ["", "   ", None, 13800138000])
def test_empty(empty):
    with pytest.raises(ValueError, match="^请输入电话号码$"):
        validate_phone(empty)


def test_message_does_not_repeat_the_number():
    with pytest.raises(ValueError) as caught:
        validate_phone("0756-123456")
    assert "123456" not in str(caught.value)


@pytest.mark.parametrize("text, masked", [
    ("13800138000", "138****8000"), ("+86 138 0013 8000", "138****8000"),
    ("0756-1234567", "075****4567"), ("020-12345678-1234", "020****5678-****"),
    ("+853 6123 4567", "+853****4567"), ("+852 9123 4567", "+852****4567"), ("61234567", "****4567"),
    ("not a phone 12345", "**********2345"), ("12345", "*****"), ("", ""), (None, ""),
])
def test_mask_phone(text, masked):
    assert mask_phone(text) == masked


SEPARATORS = st.sampled_from(["", " ", "-"])


@settings(max_examples=300, deadline=None)
@given(second=st.sampled_from("3456789"), rest=st.text("0123456789", min_size=9, max_size=9),
       prefix=st.sampled_from(["", "+86", "86", "0086", "+86 "]), sep=SEPARATORS)
def test_property_mobile_variants_normalise_to_eleven_digits(second, rest, prefix, sep):
    number = "1" + second + rest
    written = prefix + sep.join([number[:3], number[3:7], number[7:]])
    assert validate_phone(written) == number
    assert mask_phone(written) == number[:3] + "****" + number[-4:]


@settings(max_examples=300, deadline=None)
@given(region=st.sampled_from([("853", "268"), ("852", "235679")]), data=st.data(),
       prefix=st.sampled_from(["+", "", "00"]), sep=SEPARATORS)
def test_property_macao_and_hong_kong_variants(region, data, prefix, sep):
    code, firsts = region
    number = data.draw(st.sampled_from(firsts)) + data.draw(st.text("0123456789", min_size=7, max_size=7))
    written = prefix + code + sep + number[:4] + sep + number[4:]
    assert validate_phone(written) == f"+{code}{number}"


@settings(max_examples=300, deadline=None)
@given(area=st.one_of(st.sampled_from(["10", "20", "21", "27"]),
                      st.from_regex(r"[3-9][0-9]{2}", fullmatch=True)),
       number=st.text("0123456789", min_size=7, max_size=8), sep=SEPARATORS,
       extension=st.one_of(st.just(""), st.text("0123456789", min_size=1, max_size=6)))
def test_property_landlines_are_stored_as_digits_and_stable(area, number, sep, extension):
    written = f"0{area}{sep}{number}" + (f"-{extension}" if extension else "")
    normal = validate_phone(written)
    assert normal == f"0{area}{number}" + (f"-{extension}" if extension else "")
    assert validate_phone(normal) == normal
