"""What overlaps are built from, as the seed documents give it: fine-grained themes with the clause
that states them, the theme hierarchy, and rules that say which money they forbid stacking with."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.cypher import statement
from graph.store import GraphStore
from loaders.model import ParsedDocument
from loaders.parse import parse_file
from loaders.vocabulary import load_vocabulary

GUIDE_2018 = "000_f5ececbc7abfa093.txt"
LINYI = "004_e18a8b72a9dbccc7.txt"


@pytest.fixture(scope="module")
def documents(seed_dir: Path) -> dict[str, ParsedDocument]:
    vocabulary = load_vocabulary(seed_dir / "vocabulary")
    return {name: parse_file(seed_dir / "documents" / name, vocabulary) for name in (GUIDE_2018, LINYI)}


def covers(doc: ParsedDocument, program: str) -> dict[str, set[str]]:
    """Theme uid -> paths of the clauses that say `program` covers it."""
    found: dict[str, set[str]] = {}
    for fact in doc.facts:
        if fact.source == program and fact.rel_type == "COVERS":
            found.setdefault(fact.target, set()).add(fact.clause_path)
    return found


def test_linyi_article_5_names_the_kinds_of_work_its_fund_pays_for(documents: dict[str, ParsedDocument]) -> None:
    themes = covers(documents[LINYI], "prog-linyi-intelligent-tech-upgrade-fund")
    for uid in ("theme-robot-substitution", "theme-digital-workshops", "theme-smart-factories",
                "theme-networked-collaborative-manufacturing", "theme-remote-operation-maintenance"):
        assert "第二章 第五条 1." in themes[uid], uid
    for uid in ("theme-green-factories", "theme-resource-saving", "theme-green-upgrading"):
        assert "第二章 第五条 2." in themes[uid], uid
    assert "第二章 第五条 5." in themes["theme-supply-chain-coordination"]


def test_the_2018_guide_gives_each_program_its_own_directions(documents: dict[str, ParsedDocument]) -> None:
    guide = documents[GUIDE_2018]
    smart = covers(guide, "prog-smart-manufacturing-standardization")
    for uid in ("theme-networked-collaborative-manufacturing", "theme-remote-operation-maintenance",
                "theme-mass-customization"):
        assert smart[uid] == {"二、(三) 2."}, uid
    green = covers(guide, "prog-green-manufacturing-integration")
    assert green["theme-green-supply-chains"] == {"二、(二)"}
    assert green["theme-green-design-platforms"] == {"二、(二)"}
    internet = covers(guide, "prog-industrial-internet-innovation")
    assert {"theme-industrial-internet-platforms", "theme-identifier-resolution"} <= internet.keys()


def test_a_heading_naming_two_programs_does_not_make_each_cover_the_others_subject(
        documents: dict[str, ParsedDocument]) -> None:
    # 二、(三) is headed 工业互联网创新发展工程及智能制造综合标准化与新模式应用.
    guide = documents[GUIDE_2018]
    assert "theme-smart-manufacturing" not in covers(guide, "prog-industrial-internet-innovation")
    assert "theme-industrial-internet" not in covers(guide, "prog-smart-manufacturing-standardization")
    assert "theme-industrial-internet" in covers(guide, "prog-industrial-internet-innovation")


THEME_BROADER = statement(
    "test_theme_broader",
    "MATCH (t:Theme {uid: $uid})-[:BROADER]->(b:Theme) RETURN b.name AS name ORDER BY name",
)

STACKING_RULES = statement(
    "test_stacking_rules",
    """
    MATCH (p:Policy)-[:STATES]->(r:Rule)
    WHERE r.forbidsStackingWith IS NOT NULL
    RETURN p.docNumber AS docNumber, r.kind AS kind, r.forbidsStackingWith AS levels
    ORDER BY docNumber
    """,
)


async def test_the_theme_hierarchy_is_in_the_graph(seeded_store: GraphStore) -> None:
    assert [r["name"] for r in await seeded_store.read(THEME_BROADER, {"uid": "theme-green-factories"})] == ["绿色制造"]
    assert [r["name"] for r in await seeded_store.read(THEME_BROADER, {"uid": "theme-green-supply-chains"})] == [
        "供应链", "绿色制造"]


async def test_rules_against_duplicate_central_funding_say_which_money_they_exclude(
        seeded_store: GraphStore) -> None:
    rows = await seeded_store.read(STACKING_RULES)
    assert {(r["docNumber"], r["kind"]) for r in rows} >= {
        ("工信厅联规〔2018〕36号", "NO_DUPLICATE_CENTRAL_FUNDING"),
        ("工信厅联规函〔2025〕108号", "NO_DUPLICATE_CENTRAL_FUNDING"),
    }
    assert all(r["levels"] == ["CENTRAL"] for r in rows if r["kind"] == "NO_DUPLICATE_CENTRAL_FUNDING")
