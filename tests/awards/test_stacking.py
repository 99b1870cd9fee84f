"""Which pairs of awards the stacking rules forbid, and how sure a finding is: the rules as data."""

from __future__ import annotations

import pytest

from graph.findings import (
    ADJACENT_YEAR,
    NAME_ONLY,
    SAME_FOCUS_AREA,
    SAME_PROJECT,
    THROUGH_PILOT,
    UNRELATED_FOCUS_AREAS,
    YEARS_APART,
    AwardSide,
    EnterpriseLink,
    EnterpriseRef,
    Finding,
    OverlapKind,
    overlap_kind,
    score,
)
from graph.stacking import AwardFacts, ProgramNode, Selection, StackingPolicy, StackingRule

FUND = ProgramNode("prog-fund", "某中央资金", "CENTRAL")
PART = ProgramNode("prog-part", "某中央资金的一个方向", "CENTRAL", part_of=("prog-fund",))
OTHER = ProgramNode("prog-other", "另一中央专项", "CENTRAL")
PILOT = ProgramNode("prog-pilot", "某试点", "CENTRAL", kind="pilot")
CITY_FUND = ProgramNode("prog-city", "某市专项资金", "CITY")
CITY_STRICT = ProgramNode("prog-city-strict", "另一市专项资金", "CITY")


def _rule(uid: str, programs: tuple[str, ...], forbids: tuple[str, ...] = ("CENTRAL",)) -> StackingRule:
    return StackingRule(uid, "NO_DUPLICATE_CENTRAL_FUNDING", forbids, programs, "pol", "某〔2018〕1号", "某通知",
                        "cl", "三、(一) 2.", "不得申请本资金")


@pytest.fixture
def policy() -> StackingPolicy:
    programs = {p.uid: p for p in (FUND, PART, OTHER, PILOT, CITY_FUND, CITY_STRICT)}
    rules = [_rule("rule-fund", ("prog-fund",)), _rule("rule-pilot", ("prog-pilot",)),
             _rule("rule-city", ("prog-city-strict",))]
    selections = [Selection("city-a", "甲市", "prog-pilot", 2024, "第一批", None)]
    return StackingPolicy(programs, rules, selections, pilot_years=2)


def _facts(program: ProgramNode, year: int = 2018, city: str = "city-b") -> AwardFacts:
    return AwardFacts(program.uid, program.level, year, city)


def test_a_rule_governs_its_program_and_the_programs_that_are_part_of_it(policy: StackingPolicy) -> None:
    [bearing] = policy.bearings(_facts(PART), _facts(OTHER))
    assert (bearing.rule.uid, bearing.governed_program) == ("rule-fund", "prog-part")
    assert {b.rule.uid for b in policy.bearings(_facts(OTHER), _facts(FUND))} == {"rule-fund"}


def test_one_budget_is_not_stacking(policy: StackingPolicy) -> None:
    assert policy.bearings(_facts(PART), _facts(FUND)) == []


def test_local_money_beside_a_central_rule_is_no_finding_without_a_local_rule(policy: StackingPolicy) -> None:
    assert policy.bearings(_facts(FUND), _facts(CITY_FUND)) == []


def test_a_city_funds_own_rule_forbids_central_money(policy: StackingPolicy) -> None:
    [bearing] = policy.bearings(_facts(OTHER), _facts(CITY_STRICT))
    assert bearing.rule.uid == "rule-city" and bearing.via_selection is None


def test_a_selected_citys_own_award_may_carry_the_pilots_money(policy: StackingPolicy) -> None:
    in_the_pilot = policy.bearings(_facts(OTHER, 2024), _facts(CITY_FUND, 2025, "city-a"))
    assert {b.rule.uid for b in in_the_pilot} == {"rule-pilot"}
    assert all(b.via_selection is not None and b.via_selection.city_name == "甲市" for b in in_the_pilot)
    # The fund's own rule also reaches the city award that may be central money.
    assert {b.rule.uid for b in policy.bearings(_facts(FUND, 2024), _facts(CITY_FUND, 2024, "city-a"))} == {
        "rule-fund", "rule-pilot"}


@pytest.mark.parametrize(("year", "city"), [(2023, "city-a"), (2026, "city-a"), (2024, "city-b")])
def test_outside_the_pilot_years_or_city_there_is_no_channel(policy: StackingPolicy, year: int, city: str) -> None:
    assert policy.bearings(_facts(OTHER, year), _facts(CITY_FUND, year, city)) == []


def test_the_pilots_own_award_beside_the_citys_is_not_double_central_money(policy: StackingPolicy) -> None:
    assert policy.bearings(_facts(PILOT, 2024, "city-a"), _facts(CITY_FUND, 2024, "city-a")) == []


def test_the_statement_prefilter_lists_the_governed_programs_and_channels(policy: StackingPolicy) -> None:
    assert policy.governed_against("CENTRAL") == ["prog-city-strict", "prog-fund", "prog-part", "prog-pilot"]
    assert policy.governed_against("CITY") == []
    assert policy.channel_keys() == ["city-a|2024", "city-a|2025"]


ENTERPRISE = EnterpriseRef("ent-1", "示例企业", "91370100MA3C5E7K1Q", "city-a", "prov-a")
NAMELESS = EnterpriseRef("ent-2", "示例企业", None, "city-a", "prov-a")


def _side(program: ProgramNode, year: int, area: str | None, project: str = "项目甲",
          enterprise: EnterpriseRef = ENTERPRISE) -> AwardSide:
    return AwardSide(f"awd-{program.uid}-{year}", f"prj-{project}", project, enterprise, program.uid, program.name,
                     program.level, 100.0, year, None, None, area, area, "awards.csv", 2, "city-a", None)


def _finding(policy: StackingPolicy, first: AwardSide, second: AwardSide, *, same_project: bool = True,
             link: EnterpriseLink | None = None, related: bool | None = True) -> Finding:
    facts = [AwardFacts(s.program_uid, s.level, s.year, s.city_uid) for s in (first, second)]
    finding = Finding(overlap_kind(first, second, same_project), (first, second), policy.bearings(*facts))
    finding.factors = score(finding, same_project=same_project, link=link, focus_areas_related=related,
                            program_names={p: p for p in policy.programs})
    return finding


def test_kinds_follow_the_levels_of_the_money(policy: StackingPolicy) -> None:
    assert _finding(policy, _side(FUND, 2018, "fa"), _side(OTHER, 2019, "fa")).kind is OverlapKind.TWO_CENTRAL
    assert _finding(policy, _side(OTHER, 2018, "fa"), _side(CITY_STRICT, 2019, "fa")).kind \
        is OverlapKind.CENTRAL_AND_LOCAL
    weak = _finding(policy, _side(FUND, 2018, "fa"), _side(OTHER, 2019, "fa", "项目乙"), same_project=False)
    assert weak.kind is OverlapKind.SAME_ENTERPRISE_FOCUS_AREA


def test_confidence_is_the_product_of_stated_factors(policy: StackingPolicy) -> None:
    sure = _finding(policy, _side(FUND, 2018, "fa"), _side(OTHER, 2019, "fa"))
    assert sure.confidence == SAME_PROJECT
    doubtful = _finding(policy, _side(FUND, 2018, "fa"), _side(OTHER, 2024, "fb"), related=False)
    assert doubtful.confidence == round(SAME_PROJECT * UNRELATED_FOCUS_AREAS * YEARS_APART, 3)
    assert any("6 years apart" in f.reason for f in doubtful.factors)
    weak = _finding(policy, _side(FUND, 2018, "fa", enterprise=NAMELESS), _side(OTHER, 2019, "fa", "项目乙", NAMELESS),
                    same_project=False)
    assert weak.confidence == round(SAME_FOCUS_AREA * ADJACENT_YEAR * NAME_ONLY, 3)
    linked = _finding(policy, _side(FUND, 2018, "fa"), _side(OTHER, 2018, "fa"),
                      link=EnterpriseLink(0.9, ("same name key",)))
    assert linked.confidence == round(SAME_PROJECT * 0.9, 3)
    piloted = _finding(policy, _side(OTHER, 2024, "fa"), _side(CITY_FUND, 2024, "fa"))
    assert piloted.confidence == round(SAME_PROJECT * THROUGH_PILOT, 3)
    assert all(factor.reason for finding in (sure, doubtful, weak, linked, piloted) for factor in finding.factors)
