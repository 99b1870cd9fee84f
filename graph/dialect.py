"""Where Neo4j 5 and FalkorDB differ, said in one place.

Both run the same data statements (UNWIND/MERGE, OPTIONAL MATCH, pattern
comprehensions, map projections). They differ in:
- schema DDL: Neo4j has named `CREATE CONSTRAINT ... IF NOT EXISTS`; FalkorDB
  wants an exact-match index first and a unique constraint through the
  `GRAPH.CONSTRAINT` command, and has no `IF NOT EXISTS` (we treat "already
  indexed" as success);
- full-text: `db.index.fulltext.queryNodes(indexName, q)` on Neo4j,
  `db.idx.fulltext.queryNodes(label, q)` on FalkorDB. Text is segmented by the
  application (see `graph/text_index.py`), so both indexes see space-separated
  tokens and behave alike: Neo4j uses the `whitespace` analyzer, FalkorDB its
  default tokenizer;
- temporal values: none are stored; dates are ISO strings, which compare
  correctly as strings on both;
- FalkorDB rejects `EXISTS {}`, `COUNT {}`, `OFFSET`, `elementId()` and label
  expressions with `|`: statements use pattern predicates, `SKIP`, `uid`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.catalog import Catalog
from graph.cypher import dialect_statement

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def ident(name: str) -> str:
    """A label, type or property name from code, checked before it is placed in DDL text."""
    if not _IDENTIFIER.match(name):
        raise ValueError(f"not a plain identifier: {name!r}")
    return name


@dataclass(frozen=True)
class CypherDDL:
    text: str
    already_done_markers: tuple[str, ...] = ()


@dataclass(frozen=True)
class RedisCommand:
    args: tuple[str | int, ...]
    already_done_markers: tuple[str, ...] = ()


SchemaCommand = CypherDDL | RedisCommand


def neo4j_schema(catalog: Catalog) -> list[SchemaCommand]:
    commands: list[SchemaCommand] = []
    for spec in catalog.labels:
        label = ident(spec.label)
        commands.append(
            CypherDDL(
                f"CREATE CONSTRAINT {label.lower()}_uid IF NOT EXISTS FOR (n:{label}) REQUIRE n.uid IS UNIQUE"
            )
        )
        for prop in spec.indexed:
            p = ident(prop)
            name = f"{label.lower()}_{p.lower()}"
            commands.append(CypherDDL(f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{label}) ON (n.{p})"))
    for ft in catalog.fulltext:
        props = ", ".join(f"n.{ident(p)}" for p in ft.properties)
        commands.append(
            CypherDDL(
                f"CREATE FULLTEXT INDEX {ident(ft.name)} IF NOT EXISTS FOR (n:{ident(ft.label)}) ON EACH [{props}] "
                "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}"
            )
        )
    return commands


def falkordb_schema(catalog: Catalog, graph_name: str) -> list[SchemaCommand]:
    already_indexed = ("already indexed", "already exists")
    commands: list[SchemaCommand] = []
    for spec in catalog.labels:
        label = ident(spec.label)
        for prop in ("uid", *spec.indexed):
            commands.append(CypherDDL(f"CREATE INDEX FOR (n:{label}) ON (n.{ident(prop)})", already_indexed))
        commands.append(
            RedisCommand(
                ("GRAPH.CONSTRAINT", "CREATE", graph_name, "UNIQUE", "NODE", label, "PROPERTIES", 1, "uid"),
                ("already exists",),
            )
        )
    for ft in catalog.fulltext:
        for prop in ft.properties:
            commands.append(
                CypherDDL(
                    f"CALL db.idx.fulltext.createNodeIndex('{ident(ft.label)}', '{ident(prop)}')", already_indexed
                )
            )
    return commands


FULLTEXT_SEARCH = dialect_statement(
    "fulltext_search",
    neo4j="""
        CALL db.index.fulltext.queryNodes('searchable', $query) YIELD node, score
        RETURN node.uid AS uid, score
        ORDER BY score DESC, uid
        LIMIT $limit
    """,
    falkordb="""
        CALL db.idx.fulltext.queryNodes('Searchable', $query) YIELD node, score
        RETURN node.uid AS uid, score
        ORDER BY score DESC, uid
        LIMIT $limit
    """,
)
