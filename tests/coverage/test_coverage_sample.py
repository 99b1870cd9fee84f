"""Coverage on the shipped sample, checked against the raw list: every chain, in 临沂市 and in 济南市.

The expected values are computed here from `seed/sample/awards.csv` with the csv module and the
vocabulary (for the names of cities and focus areas), following the definitions and the identity
rules the loader documents: an enterprise is its credit code (half width, upper case), or its name
within its city when the list gives no code; a project is its enterprise and its name without a
final 项目; an award is a row, and counts for the focus area it is listed under. Policy support
comes from the graph's SUPPORTS facts, read here with a statement of the test's own.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph.cypher import statement
from graph.queries.coverage import YearRange, supply_chain_coverage
from graph.store import GraphStore
from loaders.awards.sample import AWARDS_FILE, SAMPLE_DIR, load_sample
from loaders.chains import load_chains
from loaders.vocabulary import Vocabulary, load_vocabulary
from settings import REPOSITORY_SEED_DIR

CHAINS = [chain.uid for chain in load_chains(load_vocabulary(REPOSITORY_SEED_DIR / "vocabulary"))]

SUPPORTING_PROGRAMS = statement(
    "test_coverage_supporting_programs",
    """
    MATCH (g:Program)-[s:SUPPORTS]->(f:FocusArea {uid: $focusArea})
    WHERE s.clauseUid IS NOT NULL
    RETURN DISTINCT g.uid AS uid, g.level AS level,
           [(g)<-[:DEFINES]-(:Policy)-[:APPLIES_IN]->(r) | r.name] AS appliesIn
    """,
)


@dataclass(frozen=True)
class ListedAward:
    enterprise: tuple[str, ...]
    project: str
    city: str
    focus_area: str | None
    year: int
    amount_wan: float


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def read_sample(path: Path, vocabulary: Vocabulary) -> list[ListedAward]:
    areas = {term: entry.uid for entry in vocabulary.focus_areas for term in (entry.uid, *entry.terms)}
    with path.open(encoding="utf-8-sig", newline="") as listed:
        lines = list(csv.reader(listed))
    header = next(index for index, line in enumerate(lines) if "企业名称" in line)
    awards = []
    for line in lines[header + 1:]:
        cells = dict(zip(lines[header], line, strict=True))
        place = vocabulary.regions.place_named(cells["城市"])
        assert place is not None, cells["城市"]
        code = _fold(cells["统一社会信用代码"]).upper()
        enterprise = ("code", code) if code else ("name", place.name, _fold(cells["企业名称"]))
        area = _fold(cells["支持方向"])
        awards.append(ListedAward(enterprise=enterprise, project=_fold(cells["项目名称"]).removesuffix("项目"),
                                  city=place.name, focus_area=areas[area] if area else None,
                                  year=int(cells["年度"]), amount_wan=float(cells["金额（万元）"])))
    return awards


@pytest.fixture(scope="module")
async def sample_graph(seeded_store: GraphStore, seed_dir: Path) -> GraphStore:
    for report in await load_sample(seeded_store, seed_dir):
        assert not report.failed and not report.problems and not report.repeated, report.source
    return seeded_store


async def expected_status(store: GraphStore, focus_area: str, city: str, vocabulary: Vocabulary,
                          has_enterprises: bool) -> str:
    province = vocabulary.regions.places[city].parent
    backed = any(row["level"] == "CENTRAL" or {city, province} & set(row["appliesIn"])
                 for row in await store.read(SUPPORTING_PROGRAMS, {"focusArea": focus_area}))
    if has_enterprises:
        return "COVERED" if backed else "ENTERPRISE_ONLY_GAP"
    return "POLICY_ONLY_GAP" if backed else "UNCOVERED"


@pytest.mark.parametrize("city", ["临沂市", "济南市"])
@pytest.mark.parametrize("chain", CHAINS)
async def test_each_link_matches_the_raw_sample(sample_graph: GraphStore, seed_dir: Path, chain: str,
                                                city: str) -> None:
    vocabulary = load_vocabulary(seed_dir / "vocabulary")
    listed = read_sample(seed_dir / SAMPLE_DIR / AWARDS_FILE, vocabulary)
    for years in (YearRange(), YearRange(2018, 2024)):
        found = await supply_chain_coverage(sample_graph, chain, region=city, years=years)
        for link in found.links:
            on_link = {(a.enterprise, a.project) for a in listed if a.focus_area == link.link.uid}
            # A row without a focus area counts for the focus areas the project's other rows give.
            rows = [a for a in listed if a.city == city and (a.focus_area == link.link.uid or (
                        a.focus_area is None and (a.enterprise, a.project) in on_link))
                    and (years.first is None or years.first <= a.year) and (years.last is None or a.year <= years.last)]
            expected = (len({a.enterprise for a in rows}), len({(a.enterprise, a.project) for a in rows}), len(rows),
                        sum(a.amount_wan for a in rows))
            t = link.tally
            assert (t.enterprises, t.projects, t.awards, t.amount_wan) == expected, (link.link.uid, years)
            assert link.status == await expected_status(sample_graph, link.link.uid, city, vocabulary, bool(rows))


async def test_linyi_robots_show_every_kind_of_gap(sample_graph: GraphStore) -> None:
    found = await supply_chain_coverage(sample_graph, "chain-industrial-robots", region="临沂市")
    statuses = [link.status for link in found.links]
    assert statuses[1] == "POLICY_ONLY_GAP"  # servo drives: the 2018 guide, no enterprise in Linyi
    assert "ENTERPRISE_ONLY_GAP" in statuses and "UNCOVERED" in statuses
