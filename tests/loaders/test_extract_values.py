"""Numbers, sums of money and dates as documents write them."""

from __future__ import annotations

import pytest

from loaders.extract.values import parse_amount_wan, parse_date, parse_int, parse_number


@pytest.mark.parametrize(("text", "value"), [
    ("5", 5), ("1000", 1000), ("十", 10), ("十二", 12), ("二十", 20), ("一百零五", 105), ("两", 2),
    ("一千二百", 1200), ("三万五千", 35000), ("二〇二〇", 2020),
])
def test_parse_int(text: str, value: int) -> None:
    assert parse_int(text) == value


def test_parse_int_rejects_words() -> None:
    with pytest.raises(ValueError):
        parse_int("若干")


@pytest.mark.parametrize(("text", "wan"), [
    ("1000 万元", 1000), ("1000万元", 1000), ("500 万元", 500), ("10 亿元", 100000), ("300亿", 3000000),
    ("5000元", 0.5), ("一千万元", 1000), ("2.5亿元", 25000), ("十亿元", 100000), ("300万", 300),
])
def test_parse_amount_in_wan(text: str, wan: float) -> None:
    assert parse_amount_wan(text) == wan


def test_whole_amounts_are_ints() -> None:
    assert isinstance(parse_amount_wan("1000 万元"), int)
    assert parse_number("40") == 40.0


@pytest.mark.parametrize(("text", "iso"), [
    ("2025年3月25日", "2025-03-25"), ("于2018年6月4日前", "2018-06-04"), ("2018 年 6 月 4 日", "2018-06-04"),
    ("二〇二〇年六月八日", "2020-06-08"), ("2020年2月30日", None), ("2020年6月", None),
])
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso
