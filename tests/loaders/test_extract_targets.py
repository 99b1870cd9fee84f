"""Targets read by the metrics of targets.yaml."""

from __future__ import annotations

import pytest

from loaders.extract.targets import find_targets
from loaders.vocabulary import Vocabulary, load_vocabulary
from tests.loaders.seed_clauses import GUIDE_2016, GUIDE_2016_TITLE, GUIDE_2018, clause


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary()


def test_targets_of_the_2016_guide(vocabulary: Vocabulary) -> None:
    targets = find_targets(GUIDE_2016, vocabulary, title=GUIDE_2016_TITLE)
    assert [(target.metric, target.value, target.unit, target.year, target.approximate) for target in targets] == [
        ("COMPONENT_MATERIAL_SELF_SUFFICIENCY", 40, "%", 2020, False),
        ("ADVANCED_PROCESS_PROMOTION_RATE", 50, "%", 2020, False),
        ("LANDMARK_COMPONENTS", 80, "种", 2020, True),
        ("LANDMARK_MATERIALS", 70, "种", 2020, True),
        ("LANDMARK_PROCESSES", 20, "项", 2020, True),
        ("TEST_PLATFORMS", 40, "个", 2020, True),
        ("INFORMATION_PLATFORMS", 20, "个", 2020, True),
        ("LITTLE_GIANT_ENTERPRISES", 100, "家", 2020, True),
        ("INDUSTRIAL_CLUSTERS", 10, "个", 2020, True),
        ("LANDMARK_FOUNDATION_PRODUCTS_SELECTED", 170, "种", 2020, True),
    ]
    assert targets[0].clause_path == "二、(二) ¶2"
    assert targets[2].clause_path == "二、(二) 表1 行2"


def test_the_year_comes_from_the_period_in_the_clauses_without_a_title(vocabulary: Vocabulary) -> None:
    targets = find_targets(GUIDE_2016, vocabulary)
    assert {target.year for target in targets} == {2020}


def test_criteria_and_plain_counts_are_not_targets(vocabulary: Vocabulary) -> None:
    clauses = [clause("1.", "主导产品国内市场占有率 20% 左右，居于全国前两位；拥有不少于 10 项发明专利；"),
               clause("2.", "建设 40 个公共服务平台，功能包括：")]
    assert find_targets(clauses, vocabulary) == []
    assert find_targets(GUIDE_2018, vocabulary) == []


def test_targets_of_a_new_plan_in_the_same_genre(vocabulary: Vocabulary) -> None:
    clauses = [clause("二、", "到2025年，约60%的核心基础零部件、关键基础材料实现自主保障，"
                               "先进基础工艺推广应用率提高到70%，培育50家左右专精特新「小巨人」企业。")]
    targets = find_targets(clauses, vocabulary, title="某省工业强基实施方案（2021—2025年）")
    assert [(target.metric, target.value, target.year, target.approximate) for target in targets] == [
        ("COMPONENT_MATERIAL_SELF_SUFFICIENCY", 60, 2025, True),
        ("ADVANCED_PROCESS_PROMOTION_RATE", 70, 2025, False),
        ("LITTLE_GIANT_ENTERPRISES", 50, 2025, True),
    ]
