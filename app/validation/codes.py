"""Unified social credit code (统一社会信用代码, GB 32100-2015).

18 characters from the alphabet 0-9 and A-Y without I, O, S, V, Z:
1 registration authority, 2 organisation type, 3–8 administrative division
(digits), 9–17 organisation code, 18 check character
(weights 3^i mod 31, check = 31 - sum mod 31, 31 → 0).
The registration authority and organisation type are not restricted to the
codes listed in the standard (new ones have been added since), and the
organisation code part is not checked against GB 11714: only the overall check
character is authoritative for every kind of entity.
"""
from __future__ import annotations

import re
import unicodedata

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUES = {ch: value for value, ch in enumerate(CREDIT_CODE_ALPHABET)}
_LABEL = "统一社会信用代码"


def credit_code_check_char(body: str) -> str:
    """The check character for the first 17 characters of a credit code."""
    total = sum(_VALUES[ch] * weight for ch, weight in zip(body, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(code: str) -> str:
    """The code in upper case without spaces, or ValueError naming in Chinese what is wrong."""
    if not isinstance(code, str) or not code.strip():
        raise ValueError(f"请输入{_LABEL}")
    code = re.sub(r"\s+", "", unicodedata.normalize("NFKC", code)).upper()
    if len(code) != 18:
        raise ValueError(f"{_LABEL}应为18位（当前{len(code)}位）")
    for ch in code:
        if ch not in _VALUES:
            hint = "（不使用字母 I、O、S、V、Z）" if ch in "IOSVZ" else ""
            raise ValueError(f"{_LABEL}含有不允许的字符 {ch}{hint}")
    if not code[2:8].isdigit():
        raise ValueError(f"{_LABEL}第3至8位（登记管理机关行政区划码）应为数字")
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        raise ValueError(f"{_LABEL}校验位错误，应为 {expected}")
    return code
