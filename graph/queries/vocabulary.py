"""Write the domain vocabulary (programs, focus areas, regions ...) as nodes and edges.

Vocabulary nodes exist before any document mentions them, so that documents
only add relationships, and so that the taxonomy (BROADER, PART_OF, IN) is
there for search, coverage and overlap questions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.cypher import Statement, statement
from graph.dialect import ident
from graph.store import GraphStore

VOCABULARY_LABELS = ("Program", "FocusArea", "Theme", "Industry", "Instrument", "Agency",
                     "Province", "City", "District", "Park")

# (source label, relationship type, target label) of edges stated by the vocabulary itself.
VOCABULARY_EDGES = (
    ("FocusArea", "BROADER", "FocusArea"),
    ("Theme", "BROADER", "Theme"),
    ("FocusArea", "FEEDS", "FocusArea"),
    ("Program", "PART_OF", "Program"),
    ("Program", "USES", "Instrument"),
    ("City", "IN", "Province"),
    ("District", "IN", "City"),
    ("Park", "IN", "City"),
    ("Park", "IN", "District"),
)


def _node_statement(label: str) -> Statement:
    lab = ident(label)
    return statement(
        f"upsert_vocabulary:{lab}",
        f"""
        UNWIND $rows AS row
        MERGE (n:{lab} {{uid: row.uid}})
        SET n += row.props
        SET n:Searchable
        RETURN count(n) AS written
        """,
    )


def _edge_statement(source: str, rel_type: str, target: str) -> Statement:
    # Matched on `vocabulary: true`: documents state edges of the same types (a program USES
    # an instrument, with the clause that says so), which are theirs and stay as they are.
    src, typ, dst = ident(source), ident(rel_type), ident(target)
    return statement(
        f"upsert_vocabulary_edge:{src}-{typ}-{dst}",
        f"""
        UNWIND $rows AS row
        MATCH (a:{src} {{uid: row.source}})
        MATCH (b:{dst} {{uid: row.target}})
        MERGE (a)-[r:{typ} {{vocabulary: true}}]->(b)
        RETURN count(r) AS written
        """,
    )


def _ensure_statement(label: str) -> Statement:
    lab = ident(label)
    return statement(
        f"ensure_vocabulary:{lab}",
        f"""
        UNWIND $rows AS row
        MERGE (n:{lab} {{uid: row.uid}})
        ON CREATE SET n += row.props
        SET n:Searchable
        RETURN count(n) AS written
        """,
    )


_NODE = {label: _node_statement(label) for label in VOCABULARY_LABELS}
_ENSURE = {label: _ensure_statement(label) for label in VOCABULARY_LABELS}
_EDGE = {edge: _edge_statement(*edge) for edge in VOCABULARY_EDGES}


async def upsert_vocabulary_nodes(store: GraphStore, label: str, rows: Sequence[dict[str, Any]]) -> None:
    """Rows are {uid, props}; props include `searchText`."""
    if rows:
        await store.write_batch(_NODE[label], rows)


async def upsert_vocabulary_edges(
    store: GraphStore, edge: tuple[str, str, str], rows: Sequence[dict[str, Any]]
) -> None:
    """Rows are {source, target} uids; an edge whose end is unknown is skipped by the MATCH."""
    if rows:
        await store.write_batch(_EDGE[edge], rows)


async def ensure_vocabulary_nodes(store: GraphStore, label: str, rows: Sequence[dict[str, Any]]) -> None:
    """Create nodes a document names but the vocabulary lacks; never overwrite curated ones."""
    if rows:
        await store.write_batch(_ENSURE[label], rows)
