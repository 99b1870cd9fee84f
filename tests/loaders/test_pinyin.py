import pytest

from loaders.text.pinyin import strip_pinyin
from tests.loaders import cleaned_seed


@pytest.mark.parametrize(("text", "expected"), [
    ("工業(yè)和信息化部", "工業和信息化部"),
    ("工信廳聯(lián)規(guī)函", "工信廳聯規函"),
    ("創(chuàng)新", "創新"),
    ("數(shù)字化", "數字化"),
    ("綠(lǜ)色", "綠色"),
    ("工業（yè）", "工業"),  # full-width parentheses
    ("中國(zhōng guó)", "中國"),  # two syllables with a space
    ("中國(zhōngguó)", "中國"),  # two syllables run together
    ("數字(shu)", "數字"),  # a single toneless syllable after a Chinese character
])
def test_pinyin_after_chinese_is_removed(text: str, expected: str) -> None:
    assert strip_pinyin(text) == expected


@pytest.mark.parametrize("text", [
    "財政廳(局)",
    "（一）工业强基",
    "(一)",
    "指南(2018)",
    "〔2018〕",
    "首台(套)",
    "附件(a)",  # single letters are list labels, not readings
    "格式(pdf)",  # not a pinyin syllable
    "标识(IPv6)",  # upper case
    "word(yè)",  # not after a Chinese character
    "技术(see attached note)",  # more than pinyin
    "(yè)",
])
def test_legitimate_parentheses_are_kept(text: str) -> None:
    assert strip_pinyin(text) == text


def test_no_pinyin_survives_in_the_2025_notice() -> None:
    text = "\n".join(cleaned_seed("002").lines_original)
    for reading in ("(yè)", "(tīng)", "(lián)", "(guī)", "(chuàng)", "（yè）"):
        assert reading not in text
    assert "工業和信息化部辦公廳" in text
    assert "工信廳聯規函〔2025〕108號" in text
    assert "財政廳（局）" in text
