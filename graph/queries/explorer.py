"""Explorer reads: compiled fetch plans, a node's neighbourhood, a policy's citation lineage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.compiler import compile_root
from graph.compiler.plan import Root
from graph.cypher import Statement, statement
from graph.dialect import ident
from graph.model import LABELS_BY_NAME
from graph.store import GraphStore, Row

MAX_NEIGHBORHOOD_DEPTH = 3
MAX_LINEAGE_DEPTH = 5
_DISPLAY = "coalesce(x.name, x.title, x.docNumber, x.path, x.metric, x.kind, x.uid)"


@dataclass
class Fetched:
    items: list[Row]
    total: int | None


async def fetch(store: GraphStore, root: Root) -> Fetched:
    """Run one compiled plan: one statement, whatever the depth of the selection."""
    compiled = compile_root(root)
    rows = await store.read(compiled.statement, compiled.params)
    total = next((int(r["total"]) for r in rows if r["item"] is None), None)
    return Fetched([r["item"] for r in rows if r["item"] is not None], total)


def _neighborhood_statement(label: str, depth: int) -> Statement:
    # Nodes by distance then uid, capped; then the relationships among them, capped. The depth
    # is a literal (Cypher takes no parameter for a path length), so there is one statement
    # per label and depth, built here from the relation table, never from a request.
    return statement(
        f"neighborhood_{label.lower()}_{depth}",
        f"""
        MATCH (s:{ident(label)} {{uid: $uid}})
        OPTIONAL MATCH p = (s)-[*1..{int(depth)}]-(x) WHERE x.uid <> s.uid
        WITH s, x, min(length(p)) AS d
        ORDER BY d, x.uid
        LIMIT $limit
        WITH s, collect(x) AS xs
        WITH [s] + xs AS ns
        WITH ns, [n IN ns | n.uid] AS uids
        UNWIND ns AS a
        OPTIONAL MATCH (a)-[r]->(b) WHERE b.uid IN uids
        WITH ns, a, r, b ORDER BY a.uid, type(r), b.uid
        LIMIT $edgeLimit
        WITH ns,
             collect(CASE WHEN r IS NULL THEN null ELSE {{source: a.uid, type: type(r), target: b.uid}} END) AS edges
        RETURN [x IN ns | {{uid: x.uid, labels: labels(x), name: {_DISPLAY}}}] AS nodes, edges
        """.replace("\n        ", "\n").strip(),
    )


NEIGHBORHOOD = {(label, depth): _neighborhood_statement(label, depth)
                for label in LABELS_BY_NAME for depth in range(1, MAX_NEIGHBORHOOD_DEPTH + 1)}


async def neighborhood(store: GraphStore, label: str, uid: str, depth: int, limit: int) -> dict[str, Any] | None:
    """Nodes within `depth` hops of (label {uid}), nearest first, at most `limit` besides the start."""
    stmt = NEIGHBORHOOD.get((label, depth))
    if stmt is None:
        raise ValueError("label or depth out of range")
    rows = await store.read(stmt,
                            {"uid": uid, "limit": limit, "edgeLimit": limit * 4})
    if not rows:
        return None
    nodes = []
    label_of: dict[str, str] = {}
    for node in rows[0]["nodes"]:
        if node["uid"] in label_of:
            continue
        known = next((lb for lb in node["labels"] if lb in LABELS_BY_NAME), node["labels"][0])
        label_of[node["uid"]] = known
        nodes.append({"uid": node["uid"], "label": known, "name": node["name"]})
    edges = []
    seen: set[tuple[str, str, str]] = set()
    for edge in rows[0]["edges"]:
        key = (edge["source"], edge["type"], edge["target"])
        if key not in seen and edge["source"] in label_of and edge["target"] in label_of:
            seen.add(key)
            edges.append({**edge, "sourceLabel": label_of[edge["source"]], "targetLabel": label_of[edge["target"]]})
    return {"nodes": nodes, "edges": edges}


def _lineage_statement(depth: int) -> Statement:
    return statement(
        f"policy_lineage_{depth}",
        f"""
        MATCH (root:Policy {{docNumber: $docNumber}})
        WITH root ORDER BY root.uid LIMIT 1
        OPTIONAL MATCH up_path = (root)-[:CITES*1..{depth}]->(up:Policy) WHERE up.uid <> root.uid
        WITH root, up, min(length(up_path)) AS up_distance
        WITH root, collect(CASE WHEN up IS NULL THEN null ELSE {{uid: up.uid, distance: up_distance}} END) AS cites
        OPTIONAL MATCH down_path = (down:Policy)-[:CITES*1..{depth}]->(root) WHERE down.uid <> root.uid
        WITH root, cites, down, min(length(down_path)) AS down_distance
        WITH root, cites,
             collect(CASE WHEN down IS NULL THEN null ELSE {{uid: down.uid, distance: down_distance}} END) AS citedBy
        WITH root, cites, citedBy, [root.uid] + [c IN cites | c.uid] + [c IN citedBy | c.uid] AS uids
        UNWIND uids AS member
        OPTIONAL MATCH (a:Policy {{uid: member}})-[c:CITES]->(b:Policy) WHERE b.uid IN uids
        WITH root, cites, citedBy, a, c, b ORDER BY a.uid, b.uid
        WITH root, cites, citedBy,
             collect(CASE WHEN c IS NULL THEN null ELSE {{source: a.uid, target: b.uid, clauseUid: c.clauseUid}} END)
             AS links
        RETURN root.uid AS root, cites, citedBy, links
        """,
    )


LINEAGE = {depth: _lineage_statement(depth) for depth in range(1, MAX_LINEAGE_DEPTH + 1)}


async def policy_lineage(store: GraphStore, doc_number: str, depth: int) -> Row | None:
    """uids of the policies `doc_number` cites and that cite it (with distances), and the citations among them."""
    rows = await store.read(LINEAGE[depth], {"docNumber": doc_number})
    return rows[0] if rows else None
