"""Mentions of industries, instruments, themes and agencies."""

from __future__ import annotations

import pytest

from loaders.extract.mentions import find_agencies, find_industries, find_instruments, find_themes
from loaders.vocabulary import Vocabulary, load_vocabulary
from tests.loaders.seed_clauses import GUIDE_2016, GUIDE_2018, LINYI, PILOT_2025, clause


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary()


def test_industries_of_the_2018_guide(vocabulary: Vocabulary) -> None:
    assert [industry.name for industry in find_industries(GUIDE_2018, vocabulary)] == [
        "机械", "电子", "化工", "食品", "纺织", "家电", "大型成套装备"]  # not 电子 of 中国电子进出口有限公司


def test_industries_of_the_2025_notice(vocabulary: Vocabulary) -> None:
    industries = find_industries(PILOT_2025, vocabulary)
    assert [industry.uid for industry in industries] == [
        "ind-petrochemicals-chemicals", "ind-steel", "ind-nonferrous-metals", "ind-building-materials",
        "ind-machinery", "ind-instruments-meters", "ind-food", "ind-light-industry", "ind-textiles"]
    assert {industry.clause_path for industry in industries} == {"二、(一)"}


def test_instruments(vocabulary: Vocabulary) -> None:
    assert [ref.uid for ref in find_instruments(LINYI, vocabulary)] == [
        "ins-interest-subsidy", "ins-equity-investment", "ins-award-subsidy"]
    assert [ref.uid for ref in find_instruments(PILOT_2025, vocabulary)] == [
        "ins-award-subsidy", "ins-investment-subsidy", "ins-interest-subsidy", "ins-guarantee-fee-subsidy"]
    assert "ins-post-subsidy" in [ref.uid for ref in find_instruments(GUIDE_2018, vocabulary)]
    assert [ref.uid for ref in find_instruments(GUIDE_2016, vocabulary)][:3] == [
        "ins-post-subsidy", "ins-interest-subsidy", "ins-equity-investment"]


def test_themes(vocabulary: Vocabulary) -> None:
    themes = [ref.uid for ref in find_themes(GUIDE_2016, vocabulary)]
    assert "theme-four-foundations" in themes
    assert "theme-specialized-sme" in themes


LINYI_ARTICLE_5 = [
    clause("第二章 第五条 1.",
           "推进智能化改造。支持引导企业开展以提升精准制造、敏捷制造能力为重点的“机器换人”，开展以制造工艺仿"
           "真优化、制造过程智能控制、生产状态信息实时监测和自适应控制为重点的智能化设备改造，建设协同集成的数"
           "字化车间和智能工厂，应用网络协同制造、远程运维等新模式开展“互联网+”改造。"),
    clause("第二章 第五条 2.",
           "推进绿色化改造。支持企业运用国内外先进节能、节水、节材设备和技术，开展以提升资源利用效率和清洁生产"
           "水平为重点的技术改造，形成一批绿色车间、绿色工厂，努力构建高效、清洁、低碳、循环的绿色制造生态体系。"),
]
PILOT_2025_LINE_AND_AREA = [
    clause("一、(二)",
           "支持“线”上产业链整体数字化转型。支持链主企业、龙头企业建设智慧供应链、绿色供应链，实现企业间高效协同"
           "。支持链主企业、龙头企业探索应用垂直领域工业大模型，实现产业链上下游企业生产柔性调度、资源动态调配及"
           "行业知识共享。"),
    clause("一、(三)", "支持“面”上建设高标准数字园区。"),
]


def test_fine_grained_themes_of_the_kinds_of_supported_work(vocabulary: Vocabulary) -> None:
    linyi = {ref.uid for ref in find_themes(LINYI_ARTICLE_5, vocabulary)}
    assert {"theme-robot-substitution", "theme-digital-workshops", "theme-smart-factories",
            "theme-networked-collaborative-manufacturing", "theme-remote-operation-maintenance",
            "theme-green-factories", "theme-resource-saving"} <= linyi
    guide = {ref.uid for ref in find_themes(GUIDE_2018, vocabulary)}
    assert {"theme-green-supply-chains", "theme-green-design-platforms", "theme-identifier-resolution"} <= guide
    assert "theme-supply-chain" not in guide  # 绿色供应链 is a theme of its own
    pilot = {ref.uid for ref in find_themes(PILOT_2025_LINE_AND_AREA, vocabulary)}
    assert {"theme-digital-parks", "theme-industrial-large-models", "theme-supply-chain-coordination",
            "theme-green-supply-chains"} <= pilot


def test_agencies_with_local_short_names(vocabulary: Vocabulary) -> None:
    clauses = [clause("¶0", "临沂市市级智能化技术改造专项资金管理暂行办法"), *LINYI]
    agencies = [ref.uid for ref in find_agencies(clauses, vocabulary)]
    assert "agency-linyi-finance" in agencies  # 市财政局
    assert "agency-linyi-industry-it" in agencies  # 市工信局
    assert "agency-mof" not in agencies  # 财政部门 is any finance department


def test_local_short_names_need_the_region(vocabulary: Vocabulary) -> None:
    clauses = [clause("第四条", "专项资金由市财政局和市工信局按照职责分工进行管理。")]
    assert find_agencies(clauses, vocabulary) == []


def test_central_agencies(vocabulary: Vocabulary) -> None:
    assert [ref.name for ref in find_agencies(PILOT_2025, vocabulary)] == [
        "国务院", "财政部", "工业和信息化部", "工业和信息化部规划司", "财政部经济建设司"]
