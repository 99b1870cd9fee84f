"""Numbers, sums of money and dates as Chinese documents write them, turned into values.

Amounts are returned in 万元 (ten thousand yuan), the unit the graph stores: 1000 万元 ->
1000, 10 亿元 -> 100000, 5000 元 -> 0.5.
"""

from __future__ import annotations

import re
from datetime import date

_CN_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
_CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_LARGE_UNITS = {"万": 10_000, "亿": 100_000_000}
_CN_NUMERAL = "".join([*_CN_DIGITS, *_CN_SMALL_UNITS, *_CN_LARGE_UNITS])

# How many 万元 one of each unit is; a bare 元 is 0.0001 万元.
_WAN_PER_UNIT = {"千万": 1000.0, "百万": 100.0, "亿": 10_000.0, "万": 1.0, "千": 0.1, "": 0.0001}
_AMOUNT = re.compile(rf"(?P<number>\d+(?:\.\d+)?|[{_CN_NUMERAL}]+?)\s*(?P<unit>千万|百万|亿|万|千)?\s*元?$")

DATE_PATTERN = re.compile(
    r"(?P<year>\d{4}|[零〇一二三四五六七八九]{4})\s*年\s*"
    r"(?P<month>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*"
    r"(?P<day>\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]"
)


def parse_int(text: str) -> int:
    """`12`, `十二`, `一千二百`, `两`, `二〇二〇` -> int. Raises ValueError for anything else."""
    text = text.strip()
    if text.isascii() and text.isdigit():
        return int(text)
    if not text or any(char not in _CN_NUMERAL for char in text):
        raise ValueError(f"not a number: {text!r}")
    if all(char in _CN_DIGITS for char in text):
        # Digit by digit, as in years: 二〇二〇.
        return int("".join(str(_CN_DIGITS[char]) for char in text))
    total = section = digit = 0
    for char in text:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        elif char in _CN_SMALL_UNITS:
            section += (digit or 1) * _CN_SMALL_UNITS[char]
            digit = 0
        else:
            total += (section + digit) * _CN_LARGE_UNITS[char]
            section = digit = 0
    return total + section + digit


def parse_number(text: str) -> float:
    """`12.5`, `40`, `十二` -> float. Raises ValueError for anything else."""
    text = text.strip()
    try:
        return float(text)
    except ValueError:
        return float(parse_int(text))


def parse_amount_wan(text: str) -> int | float:
    """A sum of money in 万元: `1000 万元` -> 1000, `10 亿元` -> 100000, `300亿` -> 3000000."""
    match = _AMOUNT.search(text.strip())
    if match is None:
        raise ValueError(f"not a sum of money: {text!r}")
    value = parse_number(match.group("number")) * _WAN_PER_UNIT[match.group("unit") or ""]
    return tidy_number(value)


def tidy_number(value: float) -> int | float:
    """Whole numbers as int, so parameters read 1000 rather than 1000.0."""
    rounded = round(value, 6)
    return int(rounded) if rounded.is_integer() else rounded


def parse_date(text: str) -> str | None:
    """`2025年3月25日`, `2018 年 6 月 4 日`, `二〇二〇年六月八日` -> ISO `yyyy-mm-dd`; None if no valid date."""
    match = DATE_PATTERN.search(text)
    return date_from_match(match) if match else None


def date_from_match(match: re.Match[str]) -> str | None:
    """ISO form of a `DATE_PATTERN` match; None for an impossible date such as 2月30日."""
    try:
        year, month, day = (parse_int(match.group(part)) for part in ("year", "month", "day"))
        return date(year, month, day).isoformat()
    except ValueError:
        return None
