"""Formatting of amounts and dates for documents (文书), and the Jinja filters templates use.

`amount_in_capitals` writes an amount in 财务大写 following the rules of 《支付结算办法》
(中国人民银行, 附一《正确填写票据和结算凭证的基本规定》):

- the integer part is written with 拾佰仟 inside each four-digit group and 万/亿 between groups
  (壹拾 is always written with its 壹: 10 → 壹拾元整);
- one 零 stands for any run of zero digits that lies between two non-zero digits (1,409 →
  壹仟肆佰零玖元; 100,010 → 壹拾万零壹拾元; 100,000,001 → 壹亿零壹元); zeros at the end of
  the integer part are not written (1,680 → 壹仟陆佰捌拾元);
- an amount without 角 and 分 ends in 整 (100 → 壹佰元整); 整 is not written after 角 or 分
  (123.50 → 壹佰贰拾叁元伍角);
- when 角 is zero and 分 is not, 零 follows 元 (325.04 → 叁佰贰拾伍元零肆分);
- an amount below one yuan has no 元 (0.50 → 伍角, 0.05 → 伍分); zero is 零元整.

Amounts are rounded half-up to the fen. Negative amounts and amounts of 10^16 yuan or more are
refused (ValueError).
"""
from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")
BLANK = "＿＿＿＿"  # a blank line to fill in by hand

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
_FEN = Decimal("0.01")
_LIMIT = Decimal(10) ** 16


def to_decimal(value: Any) -> Decimal:
    """A Decimal from a Decimal, int, float (through its shortest repr) or a string ("42,300.00" too)."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise ValueError(f"不是金额：{value!r}")
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "").replace("¥", "").replace("￥", "")
        text = text.removesuffix("元")
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"不是金额：{value!r}") from None
    else:
        raise ValueError(f"不是金额：{value!r}")
    if not result.is_finite():
        raise ValueError(f"不是金额：{value!r}")
    return result


def _fen(value: Any) -> int:
    amount = to_decimal(value).quantize(_FEN, rounding=ROUND_HALF_UP)
    if amount < 0:
        raise ValueError(f"金额不能为负数：{value!r}")
    if amount >= _LIMIT:
        raise ValueError(f"金额过大：{value!r}")
    return int(amount * 100)


def _section_unit(section: int, digits: str, index: int) -> str:
    """The unit after the group `section` (0 = 元 group, 1 = 万, 2 = 亿, 3 = 万亿)."""
    if section == 1:
        return "万"
    if section == 2:
        return "亿"
    # 万亿: when the 亿 group below is all zeros, 亿 must still be written (壹万亿)
    below = digits[index + 1:index + 5]
    return "万" if below.strip("0") else "万亿"


def _integer_capitals(yuan: int) -> str:
    digits = str(yuan)
    length = len(digits)
    out: list[str] = []
    pending_zero = False
    for index, char in enumerate(digits):
        power = length - 1 - index
        section, place = divmod(power, 4)
        digit = int(char)
        if digit:
            if pending_zero:
                out.append("零")
                pending_zero = False
            out.append(_DIGITS[digit] + _SMALL_UNITS[place])
        elif out:
            pending_zero = True
        if place == 0 and section > 0:
            group = digits[max(0, index - 3):index + 1]
            if group.strip("0"):
                out.append(_section_unit(section, digits, index))
    return "".join(out)


def amount_in_capitals(value: Any) -> str:
    """123456.78 → 壹拾贰万叁仟肆佰伍拾陆元柒角捌分 (see the module docstring for the rules)."""
    fen_total = _fen(value)
    yuan, rest = divmod(fen_total, 100)
    jiao, fen = divmod(rest, 10)
    if fen_total == 0:
        return "零元整"
    parts: list[str] = []
    if yuan:
        parts.append(_integer_capitals(yuan) + "元")
    if jiao:
        parts.append(_DIGITS[jiao] + "角")
    if fen:
        if yuan and not jiao:
            parts.append("零")
        parts.append(_DIGITS[fen] + "分")
    if not jiao and not fen:
        parts.append("整")
    return "".join(parts)


def money(value: Any) -> str:
    """42300 → "42,300.00" (rounded half-up to the fen)."""
    amount = to_decimal(value).quantize(_FEN, rounding=ROUND_HALF_UP)
    return f"{amount:,.2f}"


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return (value.astimezone(CHINA) if value.tzinfo else value).date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if len(text) > 10:
            return _as_datetime(text).date()
        return date.fromisoformat(text)
    raise ValueError(f"不是日期：{value!r}")


def _as_datetime(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value.astimezone(CHINA) if value.tzinfo else value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        return parsed.astimezone(CHINA) if parsed.tzinfo else parsed
    raise ValueError(f"不是日期时间：{value!r}")


def cn_date(value: Any) -> str:
    """date, datetime or ISO string → 2026年12月3日 (an aware datetime is taken in Hengqin's time zone)."""
    day = _as_date(value)
    return f"{day.year}年{day.month}月{day.day}日"


def cn_datetime(value: Any) -> str:
    """datetime or ISO string → 2026年12月3日15时00分 (a plain date gives the date alone)."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return cn_date(value)
    if isinstance(value, str) and len(value.strip()) <= 10:
        return cn_date(value)
    moment = _as_datetime(value)
    return f"{moment.year}年{moment.month}月{moment.day}日{moment.hour}时{moment.minute:02d}分"


def mask_id(value: Any) -> str:
    """An identity number with its middle hidden: 440402199001011234 → 440402********1234."""
    text = str(value).strip()
    if len(text) >= 10:
        return text[:6] + "*" * (len(text) - 10) + text[-4:]
    if len(text) > 4:
        return text[:2] + "*" * (len(text) - 4) + text[-2:]
    return text


_CN_NUMERALS = "〇一二三四五六七八九"


def cn_number(value: Any) -> str:
    """A small integer in Chinese numerals (1 → 一, 15 → 十五, 60 → 六十, 105 → 一百零五)."""
    number = int(value)
    if number < 0:
        return "负" + cn_number(-number)
    if number < 10:
        return "零" if number == 0 else _CN_NUMERALS[number]
    if number < 20:
        return "十" + (_CN_NUMERALS[number - 10] if number > 10 else "")
    if number < 100:
        tens, units = divmod(number, 10)
        return _CN_NUMERALS[tens] + "十" + (_CN_NUMERALS[units] if units else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        if rest == 0:
            return _CN_NUMERALS[hundreds] + "百"
        middle = "零" if rest < 10 else ""
        tail = cn_number(rest) if rest >= 20 or rest < 10 else "一" + cn_number(rest)
        return _CN_NUMERALS[hundreds] + "百" + middle + tail
    return str(number)


def is_blank(value: Any) -> bool:
    """None, an empty or whitespace string, an empty collection, or a Jinja Undefined."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, dict, set)):
        return not value
    return type(value).__name__.endswith("Undefined")


def _blank_safe(function):
    def filter_(value, *args, **kwargs):
        if is_blank(value):
            return BLANK
        return function(value, *args, **kwargs)

    filter_.__name__ = function.__name__
    filter_.__doc__ = function.__doc__
    return filter_


def default_blank(value: Any, blank: str = BLANK) -> Any:
    """The value, or a blank line ＿＿＿＿ when it is None, empty or absent."""
    return blank if is_blank(value) else value


def yes_no(value: Any) -> str:
    """True → 是, False → 否, absent → blank line."""
    if is_blank(value):
        return BLANK
    return "是" if value else "否"


def paragraphs(value: Any) -> str:
    """Each line of a multi-line text becomes its own paragraph with the same formatting (docxtpl \\a)."""
    if is_blank(value):
        return BLANK
    text = re.sub(r"\r\n?", "\n", str(value)).strip("\n")
    return re.sub(r"\n+", "\a", text)


_END = "。！？；.!?;…”’）)"
_TRAILING = "。；;，,.、 \n\t"


def sentence(value: Any) -> str:
    """A free text that ends a sentence: "。" is added unless it already ends with punctuation, so
    that the template's next words do not run on ("逾期仍未支付" → "逾期仍未支付。")."""
    if is_blank(value):
        return BLANK
    text = str(value).strip()
    return text if text.endswith(tuple(_END)) else text + "。"


def clause(value: Any) -> str:
    """A free text used inside a sentence: trailing 。；，. are removed ("理由成立。" → "理由成立")."""
    if is_blank(value):
        return BLANK
    return str(value).strip().rstrip(_TRAILING) or BLANK


FILTERS = {
    "capitals": _blank_safe(amount_in_capitals),
    "money": _blank_safe(money),
    "cn_date": _blank_safe(cn_date),
    "cn_datetime": _blank_safe(cn_datetime),
    "cn_number": _blank_safe(cn_number),
    "mask_id": _blank_safe(mask_id),
    "default_blank": default_blank,
    "yes_no": yes_no,
    "paragraphs": paragraphs,
    "sentence": sentence,
    "clause": clause,
}
