"""Extraction on the seed documents as the clean-up pipeline and structure parser deliver them.

The other extraction tests use hand-written clauses; these check that the same facts come
out of real parser output. They assert facts, not clause paths, which belong to the parser.
"""

from __future__ import annotations

import pytest

from loaders.extract import (
    document_clauses,
    find_citations,
    find_deadlines,
    find_focus_areas,
    find_issued_date,
    find_issuers,
    find_regions,
    find_rules,
    find_targets,
    find_validity,
    infer_level,
)
from loaders.vocabulary import Vocabulary, load_vocabulary
from tests.loaders import parsed_seed


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary()


def test_2018_guide(vocabulary: Vocabulary) -> None:
    structure = parsed_seed("000")
    citations = find_citations(structure.clauses, vocabulary, own_doc_number=structure.doc_number_original,
                               own_title=structure.title)
    assert [citation.doc_number for citation in citations if citation.doc_number] == [
        "财建〔2016〕797号", "财建〔2015〕19号", "财办建〔2015〕82号", "财办建〔2016〕60号", "财办建〔2018〕35号",
        "财预〔2015〕163号", "财建〔2016〕844号"]
    assert len(citations) == 9
    assert [deadline.date for deadline in find_deadlines(structure.clauses, vocabulary)] == ["2018-06-04"]
    kinds = [rule.kind for rule in find_rules(structure.clauses, vocabulary)]
    assert {"NO_DUPLICATE_CENTRAL_FUNDING", "RD_EXCLUDED", "ELIGIBLE_ENTITY", "DEADLINE"} <= set(kinds)
    areas = find_focus_areas(structure.clauses, vocabulary)
    assert len([area for area in areas if vocabulary.focus_areas.get(area.uid).kind == "area"]) == 9
    issuers = find_issuers(structure, vocabulary)
    assert infer_level([issuer.uid for issuer in issuers], structure.title, vocabulary) == "CENTRAL"


def test_2025_notice(vocabulary: Vocabulary) -> None:
    structure = parsed_seed("002")
    citations = find_citations(structure.clauses, vocabulary, own_doc_number=structure.doc_number_original,
                               own_title=structure.title)
    assert [(citation.doc_number, citation.doc_number_original) for citation in citations] == [
        ("财建〔2024〕16号", "財建〔2024〕16號"), ("工规函〔2024〕1109号", "工規函〔2024〕1109號")]
    rules = {rule.kind: rule.params for rule in find_rules(structure.clauses, vocabulary)}
    assert rules["QUOTA"] == {"perProvince": 1, "perMunicipality": 2}
    assert "NO_DUPLICATE_CENTRAL_FUNDING" in rules
    assert find_issued_date(structure.signature_date_text, structure.clauses) == "2025-03-25"
    assert [deadline.date for deadline in find_deadlines(structure.clauses, vocabulary)] == ["2025-04-23"]


def test_2016_guide(vocabulary: Vocabulary) -> None:
    structure = parsed_seed("003")
    targets = {target.metric: (target.value, target.year, target.approximate)
               for target in find_targets(structure.clauses, vocabulary, title=structure.title)}
    assert targets["COMPONENT_MATERIAL_SELF_SUFFICIENCY"] == (40, 2020, False)
    assert targets["ADVANCED_PROCESS_PROMOTION_RATE"] == (50, 2020, False)
    assert targets["LANDMARK_COMPONENTS"] == (80, 2020, True)
    assert targets["LITTLE_GIANT_ENTERPRISES"] == (100, 2020, True)
    assert targets["INDUSTRIAL_CLUSTERS"] == (10, 2020, True)
    assert len(targets) == 10


def test_linyi_rules(vocabulary: Vocabulary) -> None:
    structure = parsed_seed("004")
    rules = {rule.kind: rule.params for rule in find_rules(structure.clauses, vocabulary)}
    assert rules == {
        "MIN_INVESTMENT": {"amountWan": 1000},
        "INTEREST_SUBSIDY": {"termYears": 5, "benchmark": "LPR"},
        "CAP_PER_PROJECT": {"amountWan": 500},
        "EQUITY_EXIT": {"years": 5},
        "VALIDITY": {"effectiveFrom": "2020-07-01", "effectiveTo": "2022-06-30"},
    }
    validity = find_validity(structure.clauses, vocabulary)
    assert (validity.effective_from, validity.effective_to) == ("2020-07-01", "2022-06-30")
    parks = [region.name for region in find_regions(document_clauses(structure), vocabulary) if region.kind == "park"]
    assert parks == ["临沂高新技术产业开发区", "临沂经济技术开发区", "临沂临港经济开发区", "临沂综合保税区"]
    issuers = find_issuers(structure, vocabulary)
    assert [issuer.uid for issuer in issuers] == ["agency-linyi-finance"]
    assert infer_level([issuer.uid for issuer in issuers], structure.title, vocabulary) == "CITY"
