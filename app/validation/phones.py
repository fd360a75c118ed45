"""Telephone numbers: mainland mobiles and landlines, Macao and Hong Kong.

`validate_phone(text)` returns one canonical form for storage and search:

- mainland mobile (1[3-9] + 9 digits, optional +86 / 86 / 0086): ``13800138000``
- mainland landline (0 + 2–3 digit area code as the numbering plan has them:
  010, 020–029, otherwise 0 + 3 digits starting 3–9; 7–8 digit number, optional
  extension after ``-``, ``转``, ``分机``, ``ext``, ``x`` or ``#``; also
  ``(0756)``, ``+86 756 …``): digits only, extension after a hyphen:
  ``07561234567``, ``02012345678-1234``
- Macao (+853 / 853 / 00853, 8 digits starting 6 mobile, 2 or 8 landline): ``+85361234567``
- Hong Kong (+852 / 852 / 00852, 8 digits starting 2, 3, 5, 6, 7 or 9): ``+85291234567``
- 8 digits without a country code, as people in Hengqin often write a Macao
  number: kept as ``61234567``. Such a number may be Macao's or Hong Kong's
  (both use 2… and 6…), so no country code is guessed.

Spaces, hyphens, dots and brackets between digit groups are ignored;
full-width characters are read as half-width. Errors are ValueError with a
Chinese message that does not repeat the number (phone numbers are PII).
"""
from __future__ import annotations

import re
import unicodedata

_MOBILE = re.compile(r"(?:\+86|0086|86)?(1[3-9][0-9]{9})")
_MACAO = re.compile(r"(?:\+|00)?853([268][0-9]{7})")
_HONG_KONG = re.compile(r"(?:\+|00)?852([235679][0-9]{7})")
_LOCAL_8 = re.compile(r"[2356789][0-9]{7}")
_EXTENSION = r"(?:(?:-|转|分机|EXT\.?|X|#)([0-9]{1,6}))?"
_AREA = r"(10|2[0-9]|[3-9][0-9]{2})"  # the numbering plan: 010, 02X, then 0 + 3 digits
_LANDLINE = re.compile(r"0" + _AREA + r"-?([0-9]{7,8})" + _EXTENSION)
_LANDLINE_86 = re.compile(r"(?:\+86|0086)-?0?" + _AREA + r"-?([0-9]{7,8})" + _EXTENSION)
INVALID = "请输入有效的电话号码：内地手机号、固定电话（区号-号码）或港澳号码（如 +853 6123 4567）"


def validate_phone(text: str) -> str:
    """The number in canonical form (see the module doc), or ValueError in Chinese."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("请输入电话号码")
    compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).upper()
    compact = re.sub(r"^\((0[0-9]{2,3})\)", r"\1-", compact)  # (0756)1234567
    digits = re.sub(r"[-.()]", "", compact)
    if match := _MOBILE.fullmatch(digits):
        return match[1]
    if match := _MACAO.fullmatch(digits):
        return "+853" + match[1]
    if match := _HONG_KONG.fullmatch(digits):
        return "+852" + match[1]
    if _LOCAL_8.fullmatch(digits):
        return digits
    match = _LANDLINE.fullmatch(compact) or _LANDLINE_86.fullmatch(compact)
    if match:
        area, number, extension = match.groups()
        return f"0{area}{number}" + (f"-{extension}" if extension else "")
    raise ValueError(INVALID)


def mask_phone(text: str | None) -> str:
    """Hide the middle of a phone number for roles that may not see PII: 138****8000.

    Keeps the first 3 digits (the country code for +853/+852) and the last 4;
    an extension is masked too. A number that does not validate keeps only its
    last 4 characters, or nothing when it is short."""
    if not text:
        return ""
    try:
        normal = validate_phone(text)
    except ValueError:
        raw = re.sub(r"\s+", "", str(text))
        return "*" * (len(raw) - 4) + raw[-4:] if len(raw) >= 10 else "*" * len(raw)
    main, _, extension = normal.partition("-")
    head = 4 if main.startswith("+") else 0 if len(main) == 8 else 3
    masked = main[:head] + "*" * (len(main) - head - 4) + main[-4:]
    return masked + ("-" + "*" * len(extension) if extension else "")
