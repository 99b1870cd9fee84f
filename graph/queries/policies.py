"""Policies: write them, find them by document number."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.cypher import statement
from graph.store import GraphStore, Row

UPSERT_POLICIES = statement(
    "upsert_policies",
    """
    UNWIND $rows AS row
    MERGE (p:Policy {uid: row.uid})
    SET p += row.props
    RETURN count(p) AS written
    """,
)

POLICY_BY_DOC_NUMBER = statement(
    "policy_by_doc_number",
    """
    MATCH (p:Policy {docNumber: $docNumber})
    RETURN p {.uid, .docNumber, .title} AS policy
    LIMIT 1
    """,
)

COUNT_NODES_BY_LABEL = statement(
    "count_nodes_by_label",
    """
    MATCH (n)
    RETURN labels(n)[0] AS label, count(n) AS count
    ORDER BY label
    """,
)

COUNT_RELATIONSHIPS_BY_TYPE = statement(
    "count_relationships_by_type",
    """
    MATCH ()-[r]->()
    RETURN type(r) AS type, count(r) AS count
    ORDER BY type
    """,
)


async def upsert_policies(store: GraphStore, rows: Sequence[dict[str, Any]]) -> int:
    """Create or update Policy nodes keyed by uid; `rows` are {uid, props}."""
    return await store.write_batch(UPSERT_POLICIES, rows)


async def policy_by_doc_number(store: GraphStore, doc_number: str) -> Row | None:
    """Which policy carries this (normalised) document number?"""
    rows = await store.read(POLICY_BY_DOC_NUMBER, {"docNumber": doc_number})
    return rows[0]["policy"] if rows else None


async def graph_counts(store: GraphStore) -> dict[str, int]:
    """How many nodes of each label and relationships of each type the graph holds."""
    counts = {f"node:{r['label']}": int(r["count"]) for r in await store.read(COUNT_NODES_BY_LABEL)}
    counts.update({f"rel:{r['type']}": int(r["count"]) for r in await store.read(COUNT_RELATIONSHIPS_BY_TYPE)})
    return counts
