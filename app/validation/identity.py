"""Identity document numbers (证件号码), checked by document type (证件类型).

Hengqin faces Macao: a complainant may hold a Macao or Hong Kong identity card,
a home-return permit (回乡证), a Taiwan compatriot permit (台胞证), a residence
permit or a passport. A number is checked against the rules of the type chosen,
never against the mainland ID card rules alone, so a Macao worker is never
rejected for not having a mainland ID.

`validate_id_number(id_type, number)` returns the number in one canonical form
(half-width, no spaces, upper case; Macao and Hong Kong IDs as ``1234567(8)`` /
``A123456(3)``) or raises ValueError with a Chinese message. Messages never
repeat the number itself: ID numbers are PII and errors may be logged.

Formats accepted:

- resident_id 居民身份证 (GB 11643-1999): 17 digits + check character
  (ISO 7064 MOD 11-2), region prefix, birth date 1900-01-01..today; ``x`` → ``X``.
  The old 15-digit cards (invalid since 2013) are refused.
- hmt_residence_permit 港澳台居民居住证: same structure and check, prefix 810000
  (Hong Kong), 820000 (Macao) or 830000 (Taiwan). The check character may be X,
  as on any GB 11643 number.
- hk_macao_permit 港澳居民来往内地通行证 (回乡证): H or M + 8 digits (older: + 10 digits).
- taiwan_permit 台湾居民来往大陆通行证 (台胞证): 8 digits (the card issued since 2015).
  Older booklets (10 digits with a letter suffix) are no longer valid travel
  documents and are not accepted here; record such a number under 其他.
- passport 护照: 5–17 letters or digits (Chinese E/G/K… and foreign passports).
- macao_id 澳门居民身份证: 7 digits + check digit, first digit 1, 5 or 7, written
  ``1234567(8)``, ``12345678`` or ``1/234567/8``. The Macao check-digit
  algorithm is not published, so only the format is checked.
- hong_kong_id 香港身份证: 1–2 letters + 6 digits + check character (0–9 or A),
  with or without parentheses; the check character is verified.
- other 其他: any text of 1–50 characters.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from zoneinfo import ZoneInfo

ID_TYPES: dict[str, str] = {
    "resident_id": "居民身份证",
    "hmt_residence_permit": "港澳台居民居住证",
    "hk_macao_permit": "港澳居民来往内地通行证",
    "taiwan_permit": "台湾居民来往大陆通行证",
    "passport": "护照",
    "macao_id": "澳门居民身份证",
    "hong_kong_id": "香港身份证",
    "other": "其他",
}
"""Document type code → Chinese label, in the order a select list shows them."""

HMT_ID_TYPES = frozenset({"hmt_residence_permit", "hk_macao_permit", "taiwan_permit", "macao_id", "hong_kong_id"})
"""Types held only by residents of Hong Kong, Macao or Taiwan (a hint for 是否涉港澳台)."""

CHINA = ZoneInfo("Asia/Shanghai")
GB11643_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
GB11643_CHECK_CHARS = "10X98765432"
RESIDENT_ID_PREFIXES = frozenset(
    [str(n) for n in range(11, 16)] + [str(n) for n in range(21, 24)] + [str(n) for n in range(31, 38)]
    + [str(n) for n in range(41, 47)] + [str(n) for n in range(50, 55)] + [str(n) for n in range(61, 66)]
    + ["71", "81", "82", "83", "91"]
)
HMT_PERMIT_PREFIXES = {"810000": "香港", "820000": "澳门", "830000": "台湾"}
EARLIEST_BIRTH = date(1900, 1, 1)
OTHER_MAX_LENGTH = 50

_GB11643 = re.compile(r"[0-9]{17}[0-9X]")
_HK_MACAO_PERMIT = re.compile(r"[HM][0-9]{8}(?:[0-9]{2})?")
_TAIWAN_PERMIT = re.compile(r"[0-9]{8}")
_PASSPORT = re.compile(r"[A-Z0-9]{5,17}")
_MACAO_ID = re.compile(r"([157][0-9]{6})(?:\(([0-9])\)|([0-9]))")
_HONG_KONG_ID = re.compile(r"([A-Z]{1,2})([0-9]{6})(?:\(([0-9A])\)|([0-9A]))")


def gb11643_check_char(body: str) -> str:
    """The check character (ISO 7064 MOD 11-2) for the first 17 digits of a GB 11643 number."""
    total = sum(int(digit) * weight for digit, weight in zip(body, GB11643_WEIGHTS, strict=True))
    return GB11643_CHECK_CHARS[total % 11]


def hong_kong_id_check_char(letters: str, digits: str) -> str:
    """The HKID check character: a single letter counts as a leading space worth 36."""
    values = [36] if len(letters) == 1 else []
    values += [ord(ch) - ord("A") + 10 for ch in letters] + [int(d) for d in digits]
    total = sum(value * weight for value, weight in zip(values, range(9, 1, -1), strict=True))
    check = 11 - total % 11
    return {10: "A", 11: "0"}.get(check, str(check))


def _compact(number: str) -> str:
    """Half-width (full-width digits and brackets from Chinese input methods), no spaces, upper case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", number)).upper()


def _check_gb11643(number: str, label: str, today: date, prefix_error: str | None) -> None:
    """Length, characters, region prefix (`prefix_error` when it is wrong), birth date, check character."""
    if len(number) != 18:
        raise ValueError(f"{label}号码应为18位（当前{len(number)}位）")
    if not _GB11643.fullmatch(number):
        raise ValueError(f"{label}号码前17位应为数字，最后一位为数字或X")
    if prefix_error:
        raise ValueError(prefix_error)
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValueError(f"{label}号码中的出生日期无效") from None
    if born < EARLIEST_BIRTH:
        raise ValueError(f"{label}号码中的出生日期无效（早于1900年）")
    if born > today:
        raise ValueError(f"{label}号码中的出生日期无效（晚于今天）")
    if gb11643_check_char(number[:17]) != number[17]:
        raise ValueError(f"{label}校验位错误")


def _resident_id(number: str, today: date) -> str:
    number = _compact(number)
    bad_prefix = number[:2] not in RESIDENT_ID_PREFIXES
    _check_gb11643(number, "居民身份证", today, "居民身份证号码的地区码（前两位）无效" if bad_prefix else None)
    return number


def _hmt_residence_permit(number: str, today: date) -> str:
    number = _compact(number)
    bad_prefix = number[:6] not in HMT_PERMIT_PREFIXES
    message = "港澳台居民居住证号码应以810000（香港）、820000（澳门）或830000（台湾）开头"
    _check_gb11643(number, "港澳台居民居住证", today, message if bad_prefix else None)
    return number


def _hk_macao_permit(number: str, today: date) -> str:
    number = _compact(number)
    if not _HK_MACAO_PERMIT.fullmatch(number):
        raise ValueError("港澳居民来往内地通行证号码应为H或M加8位数字（旧版为10位数字）")
    return number


def _taiwan_permit(number: str, today: date) -> str:
    number = _compact(number)
    if not _TAIWAN_PERMIT.fullmatch(number):
        raise ValueError("台湾居民来往大陆通行证号码应为8位数字（旧版证件请选择证件类型“其他”）")
    return number


def _passport(number: str, today: date) -> str:
    number = _compact(number)
    if not _PASSPORT.fullmatch(number):
        raise ValueError("护照号码应为5至17位英文字母或数字")
    return number


def _macao_id(number: str, today: date) -> str:
    match = _MACAO_ID.fullmatch(_compact(number).replace("/", ""))
    if not match:
        raise ValueError("澳门居民身份证号码应为8位数字、首位为1、5或7，如1234567(8)")
    return f"{match[1]}({match[2] or match[3]})"


def _hong_kong_id(number: str, today: date) -> str:
    match = _HONG_KONG_ID.fullmatch(_compact(number))
    if not match:
        raise ValueError("香港身份证号码应为1至2个英文字母、6位数字及校验码，如A123456(3)")
    letters, digits, check = match[1], match[2], match[3] or match[4]
    if hong_kong_id_check_char(letters, digits) != check:
        raise ValueError("香港身份证校验码错误")
    return f"{letters}{digits}({check})"


def _other(number: str, today: date) -> str:
    number = unicodedata.normalize("NFKC", number).strip()
    if len(number) > OTHER_MAX_LENGTH:
        raise ValueError(f"证件号码不应超过{OTHER_MAX_LENGTH}个字符")
    if any(unicodedata.category(ch).startswith("C") for ch in number):
        raise ValueError("证件号码含有不可见字符")
    return number


_CHECKS = {
    "resident_id": _resident_id,
    "hmt_residence_permit": _hmt_residence_permit,
    "hk_macao_permit": _hk_macao_permit,
    "taiwan_permit": _taiwan_permit,
    "passport": _passport,
    "macao_id": _macao_id,
    "hong_kong_id": _hong_kong_id,
    "other": _other,
}


def validate_id_number(id_type: str, number: str, *, today: date | None = None) -> str:
    """The number in canonical form, or ValueError naming in Chinese what is wrong.

    `today` (default: today in Asia/Shanghai) bounds birth dates in GB 11643 numbers."""
    if not isinstance(id_type, str) or id_type.strip() not in _CHECKS:
        raise ValueError("证件类型无效")
    if not isinstance(number, str) or not number.strip():
        raise ValueError("请输入证件号码")
    return _CHECKS[id_type.strip()](number, today or datetime.now(CHINA).date())


def mask_id_number(number: str | None) -> str:
    """Hide the middle of an ID number for roles that may not see PII: 440***********1234.

    Long numbers keep their first 3 and last 4 characters; shorter ones (passports,
    Macao/HK IDs) keep only the first and the last 2, the very short ones nothing."""
    if not number:
        return ""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(number)))
    if len(text) >= 14:
        return text[:3] + "*" * (len(text) - 7) + text[-4:]
    if len(text) >= 6:
        return text[:1] + "*" * (len(text) - 3) + text[-2:]
    return "*" * len(text)
