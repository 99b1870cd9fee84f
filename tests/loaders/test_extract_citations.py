"""Cited documents: titles, numbers, and the two paired."""

from __future__ import annotations

import pytest

from loaders.extract.citations import find_citations
from loaders.vocabulary import Vocabulary, load_vocabulary
from tests.loaders.seed_clauses import (
    GUIDE_2016,
    GUIDE_2016_TITLE,
    GUIDE_2018,
    GUIDE_2018_NUMBER,
    GUIDE_2018_TITLE,
    LINYI,
    LINYI_TITLE,
    PILOT_2025,
    PILOT_2025_NUMBER_ORIGINAL,
    PILOT_2025_TITLE,
    clause,
)


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary()


def test_every_citation_of_the_2018_guide(vocabulary: Vocabulary) -> None:
    citations = find_citations(GUIDE_2018, vocabulary, own_doc_number=GUIDE_2018_NUMBER, own_title=GUIDE_2018_TITLE)
    assert [(citation.doc_number, citation.title, citation.clause_path) for citation in citations] == [
        (None, "工业强基工程实施指南（2016—2020年）", "二、(一)"),
        ("财建〔2016〕797号", "财政部 工业和信息化部关于组织开展绿色制造系统集成工作的通知", "二、(二)"),
        (None, "国务院关于深化“互联网+先进制造业”发展工业互联网的指导意见", "二、(三) 1."),
        ("财建〔2015〕19号", "关于开展首台（套）重大技术装备保险补偿机制试点工作的通知", "二、(四)"),
        ("财办建〔2015〕82号", "关于首台（套）重大技术装备保险补偿机制试点工作有关事宜的通知", "二、(四)"),
        ("财办建〔2016〕60号", "关于申请首台（套）重大技术装备保费补贴资金等有关事项的通知", "二、(四)"),
        ("财办建〔2018〕35号", "关于深入做好首台（套）重大技术装备保险补偿机制试点工作的通知", "二、(四)"),
        ("财预〔2015〕163号", "财政部关于印发〈中央对地方专项转移支付绩效目标管理暂行办法〉的通知", "五、(二)"),
        ("财建〔2016〕844号", "工业转型升级资金管理办法", "五、(二)"),
    ]


def test_the_2025_notice_cites_two_documents_and_not_its_abbreviation(vocabulary: Vocabulary) -> None:
    citations = find_citations(PILOT_2025, vocabulary, own_doc_number=PILOT_2025_NUMBER_ORIGINAL,
                               own_title=PILOT_2025_TITLE)
    assert [(citation.doc_number, citation.doc_number_original, citation.title) for citation in citations] == [
        ("财建〔2024〕16号", "財建〔2024〕16號",
         "财政部 工业和信息化部关于开展制造业新型技术改造城市试点工作的通知"),
        ("工规函〔2024〕1109号", "工規函〔2024〕1109號",
         "工业和信息化部规划司财政部经济建设司关于进一步做好制造业新型技术改造城市试点工作的通知"),
    ]


def test_the_linyi_rules_cite_laws_and_local_documents_but_not_themselves(vocabulary: Vocabulary) -> None:
    citations = find_citations(LINYI, vocabulary, own_title=LINYI_TITLE)
    assert [(citation.doc_number, citation.title) for citation in citations] == [
        (None, "中华人民共和国预算法"),
        ("临政字〔2019〕83号", "临沂市人民政府关于进一步深化市级预算管理改革的实施意见"),
        ("临发〔2019〕12号", "中共临沂市委 临沂市人民政府关于全面落实预算绩效管理的实施意见"),
        ("临政办字〔2020〕47号", "临沂市人民政府办公室关于开展临沂市工业企业技术改造三年行动2020-2022年）的实施意见"),
        (None, "临沂市市级财政产业发展资金实施股权投资改革的意见"),
        ("国务院令第427号", "财政违法行为处罚处分条例"),
        (None, "中华人民共和国公务员法"),
    ]


def test_the_2016_guide_skips_its_short_name(vocabulary: Vocabulary) -> None:
    titles = [citation.title for citation in find_citations(GUIDE_2016, vocabulary, own_title=GUIDE_2016_TITLE)]
    assert titles == ["中国制造 2025", "工业强基工程实施指南（2016-2020年）", "工业「四基」发展目录",
                      "重大技术装备和产品进口关键零部件、原材料商品清单"]


def test_a_notice_issuing_a_document_does_not_cite_it(vocabulary: Vocabulary) -> None:
    clauses = [clause("¶1", "现将《某市工业发展资金管理办法》印发给你们，请遵照执行。")]
    assert find_citations(clauses, vocabulary, own_title="关于印发《某市工业发展资金管理办法》的通知") == []


def test_numbers_in_running_text_and_bare_titles(vocabulary: Vocabulary) -> None:
    clauses = [clause("第三条", "依据苏财工贸〔2021〕88号文件精神，按照专项资金管理办法（苏财规〔2020〕5号）和"
                               "有关规定执行，并参照《江苏省工业和信息化产业转型升级专项资金管理办法》。")]
    citations = find_citations(clauses, vocabulary)
    assert [(citation.doc_number, citation.title) for citation in citations] == [
        ("苏财工贸〔2021〕88号", None),
        ("苏财规〔2020〕5号", "专项资金管理办法"),
        (None, "江苏省工业和信息化产业转型升级专项资金管理办法"),
    ]


def test_a_document_cited_twice_is_listed_once(vocabulary: Vocabulary) -> None:
    clauses = [clause("一、", "根据《济南市技术改造资金管理办法》（济财〔2020〕1号）执行。"),
               clause("二、", "其他事项按照（济财[2020]1号）和《济南市技术改造资金管理办法》执行。")]
    citations = find_citations(clauses, vocabulary)
    assert [(citation.doc_number, citation.clause_path) for citation in citations] == [("济财〔2020〕1号", "一、")]
