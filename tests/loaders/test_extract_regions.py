"""Provinces, cities, districts and parks."""

from __future__ import annotations

import pytest

from loaders.extract.regions import find_regions
from loaders.extract.scan import document_clauses
from loaders.vocabulary import Vocabulary, load_vocabulary
from tests.loaders.seed_clauses import GUIDE_2018, LINYI_STRUCTURE, PILOT_2025, clause


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary()


def test_linyi_parks_city_and_province(vocabulary: Vocabulary) -> None:
    regions = find_regions(document_clauses(LINYI_STRUCTURE), vocabulary)
    assert [(region.name, region.kind, region.parent) for region in regions] == [
        ("临沂市", "city", "山东省"),
        ("山东省", "province", None),
        ("临沂高新技术产业开发区", "park", "临沂市"),
        ("临沂经济技术开发区", "park", "临沂市"),
        ("临沂临港经济开发区", "park", "临沂市"),
        ("临沂综合保税区", "park", "临沂市"),
    ]
    assert regions[0].clause_path == "title"
    assert regions[2].clause_path == "addressees"


def test_generic_places_are_not_regions(vocabulary: Vocabulary) -> None:
    assert find_regions(GUIDE_2018, vocabulary) == []  # 各省、自治区、直辖市, 新疆生产建设兵团
    assert find_regions(PILOT_2025, vocabulary) == []  # 所辖区（县）, 高新区等科技产业园区
    assert find_regions([clause("¶", "各县（区）财政局、工业和信息化局，我市各县区")], vocabulary) == []


def test_districts_listed_and_unlisted(vocabulary: Vocabulary) -> None:
    clauses = [clause("一、", "支持兰山区和济南市历城区、青岛市黄岛区的企业，以及济南高新区、烟台经济技术开发区。")]
    assert [(region.name, region.kind, region.parent) for region in find_regions(clauses, vocabulary)] == [
        ("兰山区", "district", "临沂市"), ("临沂市", "city", "山东省"), ("山东省", "province", None),
        ("历城区", "district", "济南市"), ("济南市", "city", "山东省"),
        ("黄岛区", "district", "青岛市"), ("青岛市", "city", "山东省"),
        ("济南高新区", "park", "济南市"), ("烟台经济技术开发区", "park", "烟台市"), ("烟台市", "city", "山东省"),
    ]


def test_provinces_and_municipalities(vocabulary: Vocabulary) -> None:
    clauses = [clause("¶", "江苏省、上海市、内蒙古自治区和苏州市的试点城市")]
    assert [(region.name, region.kind) for region in find_regions(clauses, vocabulary)] == [
        ("江苏省", "province"), ("上海市", "province"), ("内蒙古自治区", "province"), ("苏州市", "city")]
