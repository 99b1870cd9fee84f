"""Read a whole graph, so that it can be built again with bulk payloads (`graph.rebuild`).

The schema listings come back in the order the database numbered labels, property keys
and relationship types, which the rebuilt graph keeps (clients cache those numbers).
"""

from __future__ import annotations

from graph.cypher import dialect_statement, statement
from graph.store import GraphStore, Row

LABELS = statement("rebuild_labels", "CALL db.labels() YIELD label RETURN label")
PROPERTY_KEYS = statement("rebuild_property_keys", "CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey")
RELATIONSHIP_TYPES = statement(
    "rebuild_relationship_types",
    "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType",
)
ALL_NODES = dialect_statement(
    "rebuild_all_nodes",
    neo4j="MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props",
    falkordb="MATCH (n) RETURN id(n) AS id, labels(n) AS labels, properties(n) AS props",
)
ALL_RELATIONSHIPS = dialect_statement(
    "rebuild_all_relationships",
    neo4j="""
    MATCH (a)-[r]->(b)
    RETURN elementId(a) AS source, elementId(b) AS target, type(r) AS type, properties(r) AS props
    """,
    falkordb="""
    MATCH (a)-[r]->(b)
    RETURN id(a) AS source, id(b) AS target, type(r) AS type, properties(r) AS props
    """,
)
GRAPH_SIZE = statement(
    "rebuild_graph_size",
    """
    MATCH (n) WITH count(n) AS nodes
    OPTIONAL MATCH ()-[r]->()
    RETURN nodes, count(r) AS relationships
    """,
)


async def schema_order(store: GraphStore) -> tuple[list[str], list[str], list[str]]:
    """Labels, property keys and relationship types, in the order the database numbered them."""
    labels = [row["label"] for row in await store.read(LABELS)]
    keys = [row["propertyKey"] for row in await store.read(PROPERTY_KEYS)]
    types = [row["relationshipType"] for row in await store.read(RELATIONSHIP_TYPES)]
    return labels, keys, types


async def all_nodes(store: GraphStore) -> list[Row]:
    """Every node: id, labels, props."""
    return await store.read(ALL_NODES)


async def all_relationships(store: GraphStore) -> list[Row]:
    """Every relationship: source id, target id, type, props."""
    return await store.read(ALL_RELATIONSHIPS)


async def graph_size(store: GraphStore) -> tuple[int, int]:
    """How many nodes and relationships the graph holds."""
    row = (await store.read(GRAPH_SIZE))[0]
    return int(row["nodes"]), int(row["relationships"])
