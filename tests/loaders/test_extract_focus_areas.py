"""Focus areas with their 四基 pillar."""

from __future__ import annotations

import pytest

from loaders.extract.focus_areas import find_focus_areas
from loaders.vocabulary import Vocabulary, load_vocabulary
from tests.loaders.seed_clauses import GUIDE_2016, GUIDE_2018, clause


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary()


def test_the_nine_focus_areas_of_2018_with_pillars(vocabulary: Vocabulary) -> None:
    areas = [(area.name, area.pillar) for area in find_focus_areas(GUIDE_2018, vocabulary)]
    assert areas == [
        ("核心基础零部件（元器件）", "fa-core-components"),
        ("机器人伺服控制器和驱动器", "fa-core-components"),
        ("5G通信核心器件", "fa-core-components"),
        ("高档数控机床轴承", "fa-core-components"),
        ("关键基础材料", "fa-key-materials"),
        ("航空航天标准件高温合金材料", "fa-key-materials"),
        ("高效电池组用高分子薄膜", "fa-key-materials"),
        ("海工装备特种焊接材料", "fa-key-materials"),
        ("可降解血管支架材料", "fa-key-materials"),
        ("先进基础工艺", "fa-advanced-processes"),
        ("大型金属构件增材制造", "fa-advanced-processes"),
        ("汽车关键零部件近净成形精锻制造", "fa-advanced-processes"),
    ]
    assert all(area.clause_path == "二、(一)" for area in find_focus_areas(GUIDE_2018, vocabulary))


def test_the_four_pillars_and_downstream_sectors_of_the_2016_guide(vocabulary: Vocabulary) -> None:
    areas = {area.uid: area for area in find_focus_areas(GUIDE_2016, vocabulary)}
    for pillar in ("fa-core-components", "fa-key-materials", "fa-advanced-processes",
                   "fa-industrial-technology-foundation"):
        assert areas[pillar].pillar == pillar
    assert areas["fa-domain-cnc-robots"].pillar is None
    assert "fa-industrial-robots" not in areas  # 高档数控机床和机器人 is one longer term


def test_areas_by_alias(vocabulary: Vocabulary) -> None:
    clauses = [clause("三、", "支持高温合金、伺服驱动器和近净成形等关键技术攻关。")]
    assert [area.uid for area in find_focus_areas(clauses, vocabulary)] == [
        "fa-aerospace-fastener-superalloys", "fa-servo-drives", "fa-auto-parts-near-net-forging"]


def test_areas_the_vocabulary_does_not_know_are_read_from_an_enumeration(vocabulary: Vocabulary) -> None:
    clauses = [clause("二、(一)", "关键基础材料重点支持高性能碳纤维复合材料、高温合金材料、稀土永磁材料等方面；"
                                  "先进基础工艺重点支持精密铸造等工艺。")]
    known = vocabulary.focus_areas.by_uid
    areas = [(area.name, area.pillar, area.uid in known) for area in find_focus_areas(clauses, vocabulary)]
    assert areas == [
        ("关键基础材料", "fa-key-materials", True),
        ("高性能碳纤维复合材料", "fa-key-materials", False),
        ("航空航天标准件高温合金材料", "fa-key-materials", True),
        ("稀土永磁材料", "fa-key-materials", False),
        ("先进基础工艺", "fa-advanced-processes", True),
        ("精密铸造", "fa-advanced-processes", False),
    ]


def test_an_unknown_area_keeps_its_uid_across_documents(vocabulary: Vocabulary) -> None:
    first = find_focus_areas([clause("1.", "关键基础材料重点支持稀土永磁材料等方面。")], vocabulary)
    second = find_focus_areas([clause("7.", "关键基础材料主要支持稀土永磁材料、石墨烯等材料。")], vocabulary)
    assert first[1].uid == second[1].uid
    assert first[1].uid.startswith("fa-")
    assert first[1].uid not in vocabulary.focus_areas.by_uid
