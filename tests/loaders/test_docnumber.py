import pytest

from loaders.docnumber import DOC_NUMBER_PATTERN, find_doc_numbers, normalize_doc_number, normalize_title
from tests.loaders import parsed_seed


@pytest.mark.parametrize(("raw", "expected"), [
    ("工信厅联规〔2018〕36号", "工信厅联规〔2018〕36号"),
    ("工信廳聯規函〔2025〕108號", "工信厅联规函〔2025〕108号"),
    ("财建〔2016〕797号", "财建〔2016〕797号"),
    ("財建[2024]16號", "财建〔2024〕16号"),
    ("临政字〔2019〕83号", "临政字〔2019〕83号"),
    ("国务院令第427号", "国务院令第427号"),
    ("國務院令第 427 號", "国务院令第427号"),
    ("财预(2015)163号", "财预〔2015〕163号"),
    ("财预（2015）163号", "财预〔2015〕163号"),
    ("财预［2015］163号", "财预〔2015〕163号"),
    ("财预【2015】163号", "财预〔2015〕163号"),
    ("财预〔２０１５〕１６３号", "财预〔2015〕163号"),
    ("财预 〔2015〕 第163号", "财预〔2015〕163号"),
])
def test_normalize_doc_number(raw: str, expected: str) -> None:
    assert normalize_doc_number(raw) == expected


def test_normalize_unrecognised_text_is_simplified_and_compacted() -> None:
    assert normalize_doc_number(" 無 文號 ") == "无文号"


def test_find_doc_numbers_in_running_text() -> None:
    text = ("按照《關於開展試點工作的通知》（財建〔2015〕19號）、《有關事宜的通知》（財辦建〔2015〕82號）"
            "和工業轉型升級資金管理辦法（財建〔2016〕844號）執行，根据财建〔2015〕19号要求；"
            "按照《財政違法行為處罰處分條例》（國務院令第427號）處理。")
    assert find_doc_numbers(text) == ["財建〔2015〕19號", "財辦建〔2015〕82號", "財建〔2016〕844號", "财建〔2015〕19号",
                                      "國務院令第427號"]


@pytest.mark.parametrize("text", [
    "《工业强基工程实施指南（2016—2020年）》",
    "2018年6月4日前",
    "（2018）",
    "第十八条 本办法自2020年7月1日起施行",
])
def test_no_false_numbers(text: str) -> None:
    assert find_doc_numbers(text) == []


def test_pattern_is_a_compiled_regex() -> None:
    assert DOC_NUMBER_PATTERN.search("工信厅联规〔2018〕36号") is not None


def test_seed_numbers() -> None:
    first = parsed_seed("000").doc_number_original
    second = parsed_seed("002").doc_number_original
    assert first == "工信厅联规〔2018〕36号"
    assert second == "工信廳聯規函〔2025〕108號"
    assert normalize_doc_number(first) == "工信厅联规〔2018〕36号"
    assert normalize_doc_number(second) == "工信厅联规函〔2025〕108号"
    assert parsed_seed("003").doc_number_original is None
    assert parsed_seed("004").doc_number_original is None


def test_cited_numbers_in_seeds() -> None:
    cited = {normalize_doc_number(raw)
             for clause in parsed_seed("004").clauses for raw in find_doc_numbers(clause.text)}
    assert {"临政字〔2019〕83号", "临发〔2019〕12号", "临政办字〔2020〕47号", "国务院令第427号"} <= cited
    cited = {normalize_doc_number(raw)
             for clause in parsed_seed("002").clauses for raw in find_doc_numbers(clause.original)}
    assert {"财建〔2024〕16号", "工规函〔2024〕1109号"} <= cited


@pytest.mark.parametrize(("one", "other"), [
    ("《工业强基工程实施指南（2016—2020年）》", "工業強基工程實施指南(2016-2020年)"),
    ("《财政部 工业和信息化部关于开展试点工作的通知》", "财政部工业和信息化部关于开展试点工作的通知"),
    ("临沂市市级智能化技术改造专项资金 管理暂行办法", "《临沂市市级智能化技术改造专项资金管理暂行办法》"),
    ("关于印发〈中央对地方专项转移支付绩效目标管理暂行办法〉的通知",
     "关于印发《中央对地方专项转移支付绩效目标管理暂行办法》的通知"),
    ("三年行动2020－2022年", "三年行动2020–2022年"),
])
def test_normalize_title_matches_variants(one: str, other: str) -> None:
    assert normalize_title(one) == normalize_title(other)


def test_normalize_title_keeps_different_titles_apart() -> None:
    assert normalize_title("工业强基工程实施指南") != normalize_title("绿色制造工程实施指南")
