"""The seed documents as the graph holds them: citations, stubs, evidence, search."""

from __future__ import annotations

from graph.cypher import statement
from graph.queries.search import search
from graph.store import GraphStore

CITED_BY_2018 = statement(
    "test_policies_cited_by",
    """
    MATCH (p:Policy {docNumber: $docNumber})-[c:CITES]->(cited:Policy)
    RETURN cited.uid AS uid, cited.title AS title, cited.docNumber AS docNumber, cited.stub AS stub,
           cited.source AS source, c.clauseUid AS clauseUid
    """,
)

RULE_EVIDENCE = statement(
    "test_rule_evidence",
    """
    MATCH (p:Policy)-[:STATES]->(r:Rule {kind: $kind})-[:STATED_IN]->(c:Clause)
    MATCH (program:Program)-[:HAS_RULE]->(r)
    RETURN p.docNumber AS docNumber, c.path AS path, c.text AS text, collect(program.uid) AS programs
    ORDER BY docNumber
    """,
)


async def test_the_2018_guide_cites_the_loaded_2016_2020_guide(seeded_store: GraphStore) -> None:
    cited = await seeded_store.read(CITED_BY_2018, {"docNumber": "工信厅联规〔2018〕36号"})
    guide = [c for c in cited if c["title"] and "工业强基工程" in c["title"] and "2016" in c["title"]]
    assert len(guide) == 1
    assert guide[0]["stub"] is False, "the citation must reach the loaded document, not a stub"
    assert guide[0]["source"].endswith("003_44410bff9ff528e9.txt")
    assert guide[0]["clauseUid"]


async def test_citations_of_documents_not_loaded_stay_stubs(seeded_store: GraphStore) -> None:
    cited = await seeded_store.read(CITED_BY_2018, {"docNumber": "工信厅联规〔2018〕36号"})
    by_number = {c["docNumber"]: c for c in cited if c["docNumber"]}
    assert by_number["财建〔2016〕797号"]["stub"] is True
    assert by_number["财预〔2015〕163号"]["stub"] is True


async def test_no_duplicate_central_funding_rules_point_at_their_clauses(seeded_store: GraphStore) -> None:
    rows = await seeded_store.read(RULE_EVIDENCE, {"kind": "NO_DUPLICATE_CENTRAL_FUNDING"})
    by_doc = {r["docNumber"]: r for r in rows}
    assert by_doc["工信厅联规〔2018〕36号"]["path"] == "三、(一) 2."
    assert "中央财政资金" in by_doc["工信厅联规〔2018〕36号"]["text"]
    assert "prog-industrial-foundation-implementation" in by_doc["工信厅联规〔2018〕36号"]["programs"]
    assert by_doc["工信厅联规函〔2025〕108号"]["path"] == "二、(二)"
    assert "prog-manufacturing-tech-upgrade-pilot-cities" in by_doc["工信厅联规函〔2025〕108号"]["programs"]


def _clause_hits(hits: list[dict[str, object]]) -> set[tuple[str, str]]:
    return {(str((h["policy"] or {}).get("docNumber") or (h["policy"] or {}).get("title")), str(h["name"]))
            for h in hits if h["label"] == "Clause"}  # type: ignore[union-attr]


async def test_superalloy_clauses_are_found_from_simplified_traditional_and_english(seeded_store: GraphStore) -> None:
    for text in ("高温合金", "高溫合金", "superalloy"):
        hits = await search(seeded_store, text, limit=50)
        clauses = _clause_hits(hits)
        assert ("工信厅联规〔2018〕36号", "二、(一)") in clauses, text
        assert any("工业强基工程（2016-2020年）" in policy for policy, _ in clauses), text


async def test_servo_clause_is_found_from_chinese_words_and_english(seeded_store: GraphStore) -> None:
    for text in ("伺服", "伺服驱动", "servo"):
        hits = await search(seeded_store, text)
        assert ("工信厅联规〔2018〕36号", "二、(一)") in _clause_hits(hits), text


async def test_words_found_nowhere_find_nothing(seeded_store: GraphStore) -> None:
    assert await search(seeded_store, "量子引力望远镜") == []
    assert await search(seeded_store, "？！") == []
