"""Find nodes from words in simplified, traditional or English.

Text is segmented by `graph.text_index` on both sides, so the full-text index
answers the same on both databases. Vocabulary nodes (focus areas, programs,
themes) carry their English names and aliases in both scripts, so a hit on
one of them also brings the clauses that mention it or a broader term of it:
"superalloy" finds the superalloy clause through the focus area 高温合金材料,
and the clauses on 关键基础材料, the pillar it belongs to.
"""

from __future__ import annotations

from typing import Literal

from graph.cypher import dialect_statement, statement
from graph.store import GraphStore, Row
from graph.text_index import query_words

_HIT_PROJECTION = """
    RETURN node.uid AS uid, labels(node) AS labels, score,
           coalesce(node.name, node.title, node.path, node.uid) AS name,
           node.text AS text, node.policyUid AS policyUid
    ORDER BY score DESC, uid
    LIMIT $limit
"""

FULLTEXT_HITS = dialect_statement(
    "search_fulltext_hits",
    neo4j="CALL db.index.fulltext.queryNodes('searchable', $query) YIELD node, score" + _HIT_PROJECTION,
    falkordb="CALL db.idx.fulltext.queryNodes('Searchable', $query) YIELD node, score" + _HIT_PROJECTION,
)

CLAUSES_MENTIONING = statement(
    "search_clauses_mentioning_vocabulary",
    """
    UNWIND $uids AS vocabUid
    MATCH (v:Searchable {uid: vocabUid})-[:BROADER*0..2]->(term)<-[:MENTIONS]-(c:Clause)
    WHERE v:FocusArea OR v:Program OR v:Theme OR v:Industry OR v:Instrument
    WITH c, v, term,
         CASE WHEN term.uid = v.uid THEN 'mentions ' + v.name
              ELSE 'mentions ' + term.name + ', broader than ' + v.name END AS via
    RETURN c.uid AS uid, labels(c) AS labels, c.path AS name, c.text AS text, c.policyUid AS policyUid,
           collect(DISTINCT via)[0] AS via, min(CASE WHEN term.uid = v.uid THEN 0 ELSE 1 END) AS distance
    ORDER BY distance, uid
    LIMIT $limit
    """,
)

POLICY_SUMMARIES = statement(
    "search_policy_summaries",
    """
    UNWIND $uids AS policyUid
    MATCH (p:Policy {uid: policyUid})
    RETURN p.uid AS uid, p.docNumber AS docNumber, p.title AS title
    """,
)

_VOCABULARY_LABELS = {"FocusArea", "Program", "Theme", "Industry", "Instrument"}


def fulltext_query(words: tuple[str, ...], backend: Literal["neo4j", "falkordb"]) -> str:
    """Every word must match. Lucene (Neo4j) needs explicit AND; RediSearch (FalkorDB) intersects by default."""
    return " AND ".join(words) if backend == "neo4j" else " ".join(words)


async def search(store: GraphStore, text: str, *, limit: int = 20) -> list[Row]:
    """Nodes matching `text`, best first; clauses reached through a vocabulary term say `via` which."""
    words = query_words(text)
    if not words:
        return []
    hits = await store.read(FULLTEXT_HITS, {"query": fulltext_query(words, store.backend), "limit": limit})
    vocabulary_uids = [h["uid"] for h in hits if _VOCABULARY_LABELS.intersection(h["labels"])]
    results: dict[str, Row] = {}
    for hit in hits:
        results[hit["uid"]] = {**hit, "via": None}
    if vocabulary_uids:
        top = max(float(h["score"]) for h in hits)
        for row in await store.read(CLAUSES_MENTIONING, {"uids": vocabulary_uids, "limit": limit}):
            if row["uid"] not in results:
                # Below every direct hit, nearer terms first.
                results[row["uid"]] = {**row, "score": top * (0.5 if row["distance"] == 0 else 0.25)}
    ordered = sorted(results.values(), key=lambda r: (-float(r["score"]), r["uid"]))[:limit]
    policy_uids = sorted({r["policyUid"] for r in ordered if r.get("policyUid")})
    if policy_uids:
        policies = {p["uid"]: p for p in await store.read(POLICY_SUMMARIES, {"uids": policy_uids})}
        for row in ordered:
            row["policy"] = policies.get(row.get("policyUid") or "")
    for row in ordered:
        row.setdefault("policy", None)
        row["label"] = next((label for label in row["labels"] if label != "Searchable"), row["labels"][0])
    return ordered
