"""Chains as vocabulary: what chains.yaml lists, how it is checked, and the chains in the graph."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.cypher import statement
from graph.queries.chains import UnknownFocusArea, chains_for
from graph.store import GraphStore
from loaders.chains import load_chains
from loaders.vocabulary import VocabularyError, load_vocabulary

GUIDE_2018_AREAS = (  # the nine focus areas of 工信厅联规〔2018〕36号 二、(一)
    "fa-servo-drives", "fa-5g-core-devices", "fa-cnc-machine-tool-bearings", "fa-aerospace-fastener-superalloys",
    "fa-battery-polymer-films", "fa-offshore-special-welding-materials", "fa-degradable-vascular-stent-materials",
    "fa-large-metal-additive-manufacturing", "fa-auto-parts-near-net-forging",
)

CHAIN_LINKS_IN_GRAPH = statement(
    "test_chain_links_in_graph",
    """
    MATCH (c:Chain)-[h:HAS_LINK]->(f:FocusArea)
    RETURN c.uid AS chain, c.name AS name, c.nameEn AS nameEn, h.position AS position, f.uid AS link
    ORDER BY chain, position
    """,
)


def test_every_2018_focus_area_is_a_link_of_a_chain_with_its_upstream_and_downstream(seed_dir: Path) -> None:
    vocabulary = load_vocabulary(seed_dir / "vocabulary")
    chains = load_chains(vocabulary)
    for area in GUIDE_2018_AREAS:
        holding = [chain for chain in chains if area in chain.links]
        assert holding, f"{area} is in no chain"
        assert any(chain.links.index(area) < len(chain.links) - 1 for chain in holding), f"{area} feeds nothing"
    for chain in chains:
        assert chain.name_en and chain.name.endswith("产业链")
        end = vocabulary.focus_areas.get(chain.links[-1])
        assert end.kind in ("sector", "domain"), f"{chain.uid} ends in {end.uid}, not in an end product"


async def test_the_graph_holds_each_chain_with_its_links_in_order(seeded_store: GraphStore, seed_dir: Path) -> None:
    chains = load_chains(load_vocabulary(seed_dir / "vocabulary"))
    rows = await seeded_store.read(CHAIN_LINKS_IN_GRAPH)
    in_graph: dict[str, list[str]] = {}
    for row in rows:
        in_graph.setdefault(row["chain"], []).append(row["link"])
    assert in_graph == {chain.uid: list(chain.links) for chain in chains}
    assert sorted({row["position"] for row in rows}) == list(range(1, max(len(c.links) for c in chains) + 1))


async def test_chains_for_a_focus_area_name_its_suppliers_and_customers(seeded_store: GraphStore) -> None:
    (robots,) = await chains_for(seeded_store, "伺服驱动器")  # an alias of the servo-drive area
    assert robots.chain.uid == "chain-industrial-robots" and robots.link.uid == "fa-servo-drives"
    assert [link.uid for link in robots.downstream] == ["fa-industrial-robots"]
    assert robots.upstream == ()
    engines = await chains_for(seeded_store, "fa-aero-engines")
    assert [m.chain.uid for m in engines] == ["chain-additive-metal-parts", "chain-aero-engines"]
    superalloy = next(m for m in engines if m.chain.uid == "chain-aero-engines")
    assert [link.uid for link in superalloy.upstream] == ["fa-aerospace-fastener-superalloys", "fa-aerospace-fasteners"]
    assert await chains_for(seeded_store, "fa-core-components") == []
    with pytest.raises(UnknownFocusArea):
        await chains_for(seeded_store, "没有这个领域")


def _vocabulary_with_chains(seed_dir: Path, tmp_path: Path, chains: str) -> Path:
    directory = tmp_path / "vocabulary"
    shutil.copytree(seed_dir / "vocabulary", directory)
    (directory / "chains.yaml").write_text(chains, encoding="utf-8")
    return directory


@pytest.mark.parametrize(("links", "reason"), [
    ("[fa-servo-drives, fa-no-such-area]", "is not a focus area"),
    ("[fa-servo-drives, fa-servo-drives, fa-industrial-robots]", "listed twice"),
    ("[fa-industrial-robots, fa-servo-drives]", "which is listed before it"),
    ("[fa-servo-drives, fa-power-batteries]", "feeds no later link"),
    ("[fa-servo-drives]", "at least 2"),
])
def test_a_chain_that_contradicts_the_vocabulary_is_rejected(seed_dir: Path, tmp_path: Path, links: str,
                                                             reason: str) -> None:
    directory = _vocabulary_with_chains(seed_dir, tmp_path, f"""
chains:
  - uid: chain-test
    name: 测试产业链
    nameEn: Test chain
    links: {links}
""")
    with pytest.raises(VocabularyError, match=reason) as caught:
        load_chains(load_vocabulary(directory))
    assert "chains.yaml" in caught.value.describe()


def test_a_vocabulary_without_chains_has_none(seed_dir: Path, tmp_path: Path) -> None:
    directory = tmp_path / "vocabulary"
    shutil.copytree(seed_dir / "vocabulary", directory)
    (directory / "chains.yaml").unlink()
    assert load_chains(load_vocabulary(directory)) == ()
