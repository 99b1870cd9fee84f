import pytest

from loaders.text.width import normalize_width


@pytest.mark.parametrize(("text", "expected"), [
    ("ＺＨ２０１８", "ZH2018"),
    ("投资　１０００万元", "投资1000万元"),
    ("实际投资 1000 万元以上", "实际投资1000万元以上"),  # space between a number and Chinese goes
    ("40% 的核心", "40%的核心"),
    ("按 5 年期 LPR（贷款", "按5年期LPR（贷款"),
    ("财政厅(局),新疆", "财政厅（局），新疆"),
    ("(一)打造", "（一）打造"),
    ("(四) 请各单位报送文件材料, 逾期将不予以受理。", "（四）请各单位报送文件材料，逾期将不予以受理。"),
    ("附件:1.鼓励", "附件：1.鼓励"),
    ("(一)(二)", "（一）（二）"),
    ("**第六条** 专项资金", "第六条 专项资金"),
    ("《中國製造 2025》五大工程實施指南： 工業強基工程", "《中國製造2025》五大工程實施指南：工業強基工程"),
    ("提高质量水平 \t 1. 显著", "提高质量水平\t1. 显著"),
    ("多个    空格", "多个 空格"),
])
def test_normalisation(text: str, expected: str) -> None:
    assert normalize_width(text) == expected


@pytest.mark.parametrize("text", [
    "f(x) = 1, 2",  # no Chinese context: ASCII stays
    "工信厅联规〔2018〕36号",
    "《工业强基工程实施指南》",
    "工业和信息化部办公厅 财政部办公厅",  # space between issuers is meaningful
    "1,000",
    "11:35:19",
])
def test_kept_as_is(text: str) -> None:
    assert normalize_width(text) == text


def test_idempotent() -> None:
    text = "(四) 请各单位严格按照要求时限报送文件材料, 逾期将不予以受理。投资 １０００ 万元"
    once = normalize_width(text)
    assert normalize_width(once) == once
