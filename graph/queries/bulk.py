"""Bulk upserts of nodes by label and relationships by type, for generated and imported data sets.

One statement per label and per (source, type, target) of the relation catalogue,
declared at import so the lint test checks them all. Rows are
`{uid, props}` for nodes and `{source, target, props}` for relationships; both
MERGE, so loading the same rows twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.cypher import Statement, statement
from graph.dialect import ident
from graph.model import LABELS, relation_keys
from graph.store import GraphStore


def _node_statement(label: str) -> Statement:
    return statement(
        f"bulk_upsert_{label.lower()}",
        f"""
        UNWIND $rows AS row
        MERGE (n:{ident(label)} {{uid: row.uid}})
        SET n += row.props
        RETURN count(n) AS written
        """,
    )


def _relationship_statement(source: str, type_: str, target: str) -> Statement:
    return statement(
        f"bulk_link_{source.lower()}_{type_.lower()}_{target.lower()}",
        f"""
        UNWIND $rows AS row
        MATCH (a:{ident(source)} {{uid: row.source}})
        MATCH (b:{ident(target)} {{uid: row.target}})
        MERGE (a)-[r:{ident(type_)}]->(b)
        SET r += row.props
        RETURN count(r) AS written
        """,
    )


NODE_UPSERTS: dict[str, Statement] = {spec.name: _node_statement(spec.name) for spec in LABELS}
LINK_UPSERTS: dict[tuple[str, str, str], Statement] = {key: _relationship_statement(*key) for key in relation_keys()}


async def upsert_nodes(store: GraphStore, label: str, rows: Sequence[dict[str, Any]], *, batch_size: int = 2000) -> int:
    """Create or update nodes of `label` keyed by uid; `rows` are {uid, props}."""
    return await store.write_batch(NODE_UPSERTS[label], rows, batch_size=batch_size)


async def link_nodes(
    store: GraphStore, source: str, type_: str, target: str, rows: Sequence[dict[str, Any]], *, batch_size: int = 2000
) -> int:
    """Create relationships `(source {uid: row.source})-[:type_]->(target {uid: row.target})` with `row.props`."""
    return await store.write_batch(LINK_UPSERTS[(source, type_, target)], rows, batch_size=batch_size)
