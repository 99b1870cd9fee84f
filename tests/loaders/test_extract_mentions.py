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
