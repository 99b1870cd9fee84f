"""Write a parsed policy document: the policy, its clauses and the facts they state.

Every statement is an `UNWIND $rows` MERGE keyed by uid, so writing the same
document twice changes nothing. Fact relationships carry `clauseUid` and
`policyUid`; a re-load first removes this policy's facts that the new version
no longer states (scoped to the policy's own nodes, never a graph-wide scan).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.cypher import Statement, statement
from graph.dialect import ident
from graph.store import GraphStore, Row

POLICY_KEYS = statement(
    "policy_keys",
    """
    MATCH (p:Policy)
    RETURN p.uid AS uid, p.docNumber AS docNumber, p.titleKey AS titleKey, p.stub AS stub
    ORDER BY uid
    """,
)

UPSERT_POLICY = statement(
    "upsert_policy",
    """
    UNWIND $rows AS row
    MERGE (p:Policy {uid: row.uid})
    SET p += row.props, p.stub = false
    SET p:Searchable
    RETURN count(p) AS written
    """,
)

UPSERT_POLICY_STUBS = statement(
    "upsert_policy_stubs",
    """
    UNWIND $rows AS row
    MERGE (p:Policy {uid: row.uid})
    ON CREATE SET p += row.props, p.stub = true
    SET p:Searchable
    RETURN count(p) AS written
    """,
)

UPSERT_CLAUSES = statement(
    "upsert_clauses",
    """
    UNWIND $rows AS row
    MATCH (p:Policy {uid: row.policyUid})
    MERGE (c:Clause {uid: row.uid})
    SET c += row.props, c.policyUid = row.policyUid
    SET c:Searchable
    MERGE (p)-[h:HAS_CLAUSE]->(c)
    SET h.ordinal = row.props.ordinal
    RETURN count(c) AS written
    """,
)

LINK_CLAUSE_PARENTS = statement(
    "link_clause_parents",
    """
    UNWIND $rows AS row
    MATCH (child:Clause {uid: row.child})
    MATCH (parent:Clause {uid: row.parent})
    MERGE (child)-[:PART_OF]->(parent)
    RETURN count(*) AS written
    """,
)

REMOVE_STALE_CLAUSES = statement(
    "remove_stale_clauses",
    """
    MATCH (p:Policy {uid: $policyUid})-[:HAS_CLAUSE]->(c:Clause)
    WHERE NOT c.uid IN $keep
    DETACH DELETE c
    RETURN count(*) AS removed
    """,
)

UPSERT_RULES = statement(
    "upsert_rules",
    """
    UNWIND $rows AS row
    MATCH (p:Policy {uid: row.policyUid})
    MERGE (r:Rule {uid: row.uid})
    SET r += row.props, r.policyUid = row.policyUid
    MERGE (p)-[:STATES]->(r)
    WITH r, row
    OPTIONAL MATCH (c:Clause {uid: row.props.clauseUid})
    FOREACH (_ IN CASE WHEN c IS NULL THEN [] ELSE [1] END | MERGE (r)-[:STATED_IN]->(c))
    RETURN count(r) AS written
    """,
)

UPSERT_TARGETS = statement(
    "upsert_targets",
    """
    UNWIND $rows AS row
    MATCH (p:Policy {uid: row.policyUid})
    MERGE (t:Target {uid: row.uid})
    SET t += row.props, t.policyUid = row.policyUid
    MERGE (p)-[s:SETS]->(t)
    SET s.clauseUid = row.props.clauseUid, s.policyUid = row.policyUid
    RETURN count(t) AS written
    """,
)

REMOVE_STALE_POLICY_NODES = statement(
    "remove_stale_policy_nodes",
    """
    MATCH (p:Policy {uid: $policyUid})-[:STATES|SETS]->(n)
    WHERE n.policyUid = $policyUid AND NOT n.uid IN $keep
    DETACH DELETE n
    RETURN count(*) AS removed
    """,
)


@dataclass(frozen=True)
class FactRelation:
    """A relationship type written from documents, between two fixed labels."""

    source_label: str
    rel_type: str
    target_label: str

    @property
    def name(self) -> str:
        return f"{self.source_label}-{self.rel_type}-{self.target_label}"


def _fact_statement(rel: FactRelation) -> Statement:
    # Labels and types come from the fixed FACT_RELATIONS table below, never from input.
    src, typ, dst = ident(rel.source_label), ident(rel.rel_type), ident(rel.target_label)
    return statement(
        f"upsert_fact:{rel.name}",
        f"""
        UNWIND $rows AS row
        MATCH (a:{src} {{uid: row.source}})
        MATCH (b:{dst} {{uid: row.target}})
        MERGE (a)-[r:{typ} {{clauseUid: row.clauseUid}}]->(b)
        SET r.policyUid = row.policyUid
        RETURN count(r) AS written
        """,
    )


def _stale_facts_statement(rel: FactRelation) -> Statement:
    src, typ, dst = ident(rel.source_label), ident(rel.rel_type), ident(rel.target_label)
    return statement(
        f"remove_stale_facts:{rel.name}",
        f"""
        MATCH (a:{src})-[r:{typ}]->(b:{dst})
        WHERE a.uid IN $sources AND r.policyUid = $policyUid AND NOT (r.clauseUid + '|' + b.uid) IN $keep
        DELETE r
        RETURN count(*) AS removed
        """,
    )


_MENTIONABLE = ("FocusArea", "Theme", "Industry", "Instrument", "Program", "Agency",
                "Province", "City", "District", "Park")

FACT_RELATIONS: tuple[FactRelation, ...] = (
    FactRelation("Policy", "ISSUED_BY", "Agency"),
    FactRelation("Policy", "CITES", "Policy"),
    FactRelation("Policy", "DEFINES", "Program"),
    FactRelation("Policy", "APPLIES_IN", "City"),
    FactRelation("Policy", "APPLIES_IN", "Province"),
    FactRelation("Program", "SUPPORTS", "FocusArea"),
    FactRelation("Program", "COVERS", "Theme"),
    FactRelation("Program", "USES", "Instrument"),
    FactRelation("Program", "PRIORITIZES", "Industry"),
    FactRelation("Program", "HAS_RULE", "Rule"),
    *(FactRelation("Clause", "MENTIONS", label) for label in _MENTIONABLE),
)

_UPSERT_FACT = {rel: _fact_statement(rel) for rel in FACT_RELATIONS}
_REMOVE_STALE_FACTS = {rel: _stale_facts_statement(rel) for rel in FACT_RELATIONS}


@dataclass(frozen=True)
class Fact:
    relation: FactRelation
    source: str
    target: str
    clause_uid: str

    def key(self) -> str:
        return f"{self.clause_uid}|{self.target}"


def relation(source_label: str, rel_type: str, target_label: str) -> FactRelation:
    rel = FactRelation(source_label, rel_type, target_label)
    if rel not in _UPSERT_FACT:
        raise KeyError(f"no fact relation {rel.name}; add it to FACT_RELATIONS")
    return rel


async def policy_keys(store: GraphStore) -> list[Row]:
    """Every policy's uid, document number and title key: what citations and stubs are matched on.

    Matching titles needs more than equality (see `loaders.citation_links`), so the
    keys are read once per document rather than looked up one citation at a time.
    """
    return await store.read(POLICY_KEYS)


async def upsert_policy(store: GraphStore, uid: str, props: dict[str, Any]) -> None:
    await store.write(UPSERT_POLICY, {"rows": [{"uid": uid, "props": props}]})


async def upsert_policy_stubs(store: GraphStore, rows: Sequence[dict[str, Any]]) -> None:
    """Cited documents not loaded yet: a node a later load completes (it keeps the uid)."""
    if rows:
        await store.write_batch(UPSERT_POLICY_STUBS, rows)


async def replace_clauses(store: GraphStore, policy_uid: str, clauses: Sequence[Row],
                          parents: Sequence[Row]) -> None:
    await store.write_batch(UPSERT_CLAUSES, clauses)
    if parents:
        await store.write_batch(LINK_CLAUSE_PARENTS, parents)
    await store.write(REMOVE_STALE_CLAUSES, {"policyUid": policy_uid, "keep": [c["uid"] for c in clauses]})


async def replace_rules_and_targets(store: GraphStore, policy_uid: str, rules: Sequence[Row],
                                    targets: Sequence[Row]) -> None:
    if rules:
        await store.write_batch(UPSERT_RULES, rules)
    if targets:
        await store.write_batch(UPSERT_TARGETS, targets)
    keep = [r["uid"] for r in rules] + [t["uid"] for t in targets]
    await store.write(REMOVE_STALE_POLICY_NODES, {"policyUid": policy_uid, "keep": keep})


async def replace_facts(store: GraphStore, policy_uid: str, facts: Sequence[Fact],
                        sources_by_relation: dict[FactRelation, list[str]]) -> None:
    """Write this policy's facts, then drop the ones an earlier version stated and this one does not."""
    by_relation: dict[FactRelation, list[Fact]] = {}
    for fact in facts:
        by_relation.setdefault(fact.relation, []).append(fact)
    for rel, group in by_relation.items():
        rows = [{"source": f.source, "target": f.target, "clauseUid": f.clause_uid, "policyUid": policy_uid}
                for f in group]
        await store.write_batch(_UPSERT_FACT[rel], rows)
    for rel, sources in sources_by_relation.items():
        if sources:
            keep = [f.key() for f in by_relation.get(rel, [])]
            await store.write(_REMOVE_STALE_FACTS[rel], {"sources": sources, "policyUid": policy_uid, "keep": keep})
