"""Rules read by the kinds of rule_kinds.yaml, on the seeds and on sentences of the same genre."""

from __future__ import annotations

from typing import Any

import pytest

from loaders.extract.rules import find_rules
from loaders.model import Rule
from loaders.vocabulary import Vocabulary, load_vocabulary
from tests.loaders.seed_clauses import GUIDE_2016, GUIDE_2018, LINYI, PILOT_2025, clause


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary()


def summary(rules: list[Rule]) -> list[tuple[str, dict[str, Any], str]]:
    return [(rule.kind, rule.params, rule.clause_path) for rule in rules]


def test_rules_of_the_2018_guide(vocabulary: Vocabulary) -> None:
    assert summary(find_rules(GUIDE_2018, vocabulary)) == [
        ("ELIGIBLE_ENTITY", {"registeredIn": "中华人民共和国境内", "independentLegalPerson": True}, "三、(一) 1."),
        ("NO_DUPLICATE_CENTRAL_FUNDING", {}, "三、(一) 2."),
        ("RD_EXCLUDED", {}, "三、(一) 2."),
        ("DEADLINE", {"date": "2018-06-04", "what": "联合向工业和信息化部、财政部报送推荐文件"}, "四、(一)"),
    ]


def test_rules_of_the_2025_notice(vocabulary: Vocabulary) -> None:
    assert summary(find_rules(PILOT_2025, vocabulary)) == [
        ("NO_DUPLICATE_CENTRAL_FUNDING", {}, "二、(二)"),
        ("DEDICATED_USE", {}, "二、(五)"),
        ("QUOTA", {"perProvince": 1, "perMunicipality": 2}, "三、(一)"),
        ("DEADLINE", {"date": "2025-04-23", "what": "报送两部门"}, "三、(二)"),
    ]


def test_rules_of_the_linyi_fund(vocabulary: Vocabulary) -> None:
    assert summary(find_rules(LINYI, vocabulary)) == [
        ("MIN_INVESTMENT", {"amountWan": 1000}, "第二章 第七条"),
        ("INTEREST_SUBSIDY", {"termYears": 5, "benchmark": "LPR"}, "第二章 第七条"),
        ("CAP_PER_PROJECT", {"amountWan": 500}, "第二章 第七条"),
        ("EQUITY_EXIT", {"years": 5}, "第二章 第七条"),
        ("VALIDITY", {"effectiveFrom": "2020-07-01", "effectiveTo": "2022-06-30"}, "第六章 第十八条"),
    ]


def test_the_2016_guide_routes_research_to_science_programs(vocabulary: Vocabulary) -> None:
    assert summary(find_rules(GUIDE_2016, vocabulary)) == [("RD_EXCLUDED", {}, "五、(二) 3.")]


def test_a_rule_under_a_program_heading_is_stated_for_that_program(vocabulary: Vocabulary) -> None:
    clauses = [clause("二、(一)", "单个项目支持金额最高不超过 3000 万元。", heading="工业强基工程实施方案")]
    rules = find_rules(clauses, vocabulary)
    assert [(rule.kind, rule.params, rule.program_uids) for rule in rules] == [
        ("CAP_PER_PROJECT", {"amountWan": 3000}, ["prog-industrial-foundation-implementation"])]


@pytest.mark.parametrize(("text", "kind", "params"), [
    ("项目总投资不低于5000万元。", "MIN_INVESTMENT", {"amountWan": 5000}),
    ("固定资产投资额达到2亿元以上的技术改造项目。", "MIN_INVESTMENT", {"amountWan": 20000}),
    ("每个项目最高奖励不超过200万元。", "CAP_PER_PROJECT", {"amountWan": 200}),
    ("按同期贷款基准利率给予贴息，贴息期限为3年。", "INTEREST_SUBSIDY",
     {"termYears": 3, "benchmark": "PBOC_BENCHMARK"}),
    ("政府出资部分原则上在三年内退出。", "EQUITY_EXIT", {"years": 3}),
    ("每个省最多推荐2个项目。", "QUOTA", {"perProvince": 2}),
    ("每家企业限申报1个项目。", "QUOTA", {"perApplicant": 1}),
    ("已获得中央预算内投资支持的项目，不得重复申报。", None, None),
    ("不得重复申请中央财政资金支持。", "NO_DUPLICATE_CENTRAL_FUNDING", {}),
    ("申报企业须在山东省境内注册，具有独立法人资格。", "ELIGIBLE_ENTITY",
     {"registeredIn": "山东省境内", "independentLegalPerson": True}),
    ("资金必须专款专用，任何单位不得挤占、挪用。", "DEDICATED_USE", {}),
    ("本细则自2024年1月1日起执行，有效期5年。", "VALIDITY", {"effectiveFrom": "2024-01-01", "years": 5}),
])
def test_sentences_of_the_same_genre(vocabulary: Vocabulary, text: str, kind: str | None,
                                     params: dict[str, Any] | None) -> None:
    rules = find_rules([clause("第八条", text)], vocabulary)
    if kind is None:
        assert rules == []
    else:
        assert [(rule.kind, rule.params) for rule in rules] == [(kind, params)]


def test_an_instrument_named_without_terms_is_no_rule(vocabulary: Vocabulary) -> None:
    clauses = [clause("第六条", "专项资金采取政策性贴息、财政资金股权投资等形式对工业企业技术改造扶持。")]
    assert find_rules(clauses, vocabulary) == []


def test_kinds_limit_the_search(vocabulary: Vocabulary) -> None:
    assert [rule.kind for rule in find_rules(LINYI, vocabulary, kinds={"EQUITY_EXIT"})] == ["EQUITY_EXIT"]
