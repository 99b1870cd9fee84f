"""Supply chains as nodes: `(Chain)-[:HAS_LINK {position}]->(FocusArea)`, position 1 the most upstream.

Which link supplies which is the FEEDS relation between the focus areas themselves; a chain
only selects and orders them. `chains_for` answers the reverse question: the chains a focus
area is a link of, with its direct suppliers and customers within each chain.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.cypher import statement
from graph.store import GraphStore, Row

# A chain's links are its definition: links no longer listed are removed before the others are written.
PRUNE_LINKS = statement(
    "chains_prune_links",
    """
    UNWIND $rows AS row
    MATCH (c:Chain {uid: row.uid})-[h:HAS_LINK]->(f:FocusArea)
    WHERE NOT f.uid IN [link IN row.links | link.uid]
    DELETE h
    RETURN count(*) AS removed
    """,
)

UPSERT_CHAINS = statement(
    "chains_upsert",
    """
    UNWIND $rows AS row
    MERGE (c:Chain {uid: row.uid})
    SET c.name = row.name, c.nameEn = row.nameEn
    WITH c, row
    UNWIND row.links AS link
    MATCH (f:FocusArea {uid: link.uid})
    MERGE (c)-[h:HAS_LINK]->(f)
    SET h.position = link.position
    RETURN count(h) AS written
    """,
)

CHAINS_FOR = statement(
    "chains_for_focus_area",
    """
    MATCH (f:FocusArea)
    WHERE f.uid = $focusArea OR f.name = $focusArea OR $focusArea IN coalesce(f.aliases, [])
    MATCH (c:Chain)-[h:HAS_LINK]->(f)
    MATCH (c)-[l:HAS_LINK]->(x:FocusArea)
    WITH f, c, h, l, x
    ORDER BY l.position
    RETURN f.uid AS focusArea, c.uid AS uid, c.name AS name, c.nameEn AS nameEn, h.position AS position,
           collect({position: l.position, uid: x.uid, name: x.name, nameEn: x.nameEn, pillar: x.pillar,
                    kind: x.kind, feeds: [(x)-[:FEEDS]->(d:FocusArea)<-[:HAS_LINK]-(c) | d.uid]}) AS links
    ORDER BY uid
    """,
)

FOCUS_AREA_EXISTS = statement(
    "chains_focus_area_exists",
    """
    MATCH (f:FocusArea)
    WHERE f.uid = $focusArea OR f.name = $focusArea OR $focusArea IN coalesce(f.aliases, [])
    RETURN f.uid AS uid
    LIMIT 1
    """,
)


@dataclass(frozen=True)
class ChainLink:
    position: int
    uid: str
    name: str
    name_en: str | None
    pillar: str | None
    kind: str | None
    feeds: tuple[str, ...]  # uids of the links of the same chain this one supplies directly


@dataclass(frozen=True)
class ChainSummary:
    uid: str
    name: str
    name_en: str | None
    links: tuple[ChainLink, ...]

    def link(self, uid: str) -> ChainLink:
        return next(link for link in self.links if link.uid == uid)


@dataclass(frozen=True)
class ChainMembership:
    """A chain a focus area is a link of, and its direct suppliers and customers within it."""

    chain: ChainSummary
    link: ChainLink
    upstream: tuple[ChainLink, ...]
    downstream: tuple[ChainLink, ...]


class UnknownFocusArea(LookupError):
    """No focus area has this uid, name or alias."""


async def write_chains(store: GraphStore, rows: Sequence[dict[str, Any]]) -> None:
    """Rows are {uid, name, nameEn, links: [{uid, position}]}; safe to repeat."""
    if rows:
        await store.write(PRUNE_LINKS, {"rows": list(rows)})
        await store.write(UPSERT_CHAINS, {"rows": list(rows)})


async def chains_for(store: GraphStore, focus_area: str) -> list[ChainMembership]:
    """The chains `focus_area` (uid, name or alias) is a link of, by chain uid.

    Raises `UnknownFocusArea` when nothing in the graph goes by that name.
    """
    rows = await store.read(CHAINS_FOR, {"focusArea": focus_area})
    if not rows and not await store.read(FOCUS_AREA_EXISTS, {"focusArea": focus_area}):
        raise UnknownFocusArea(focus_area)
    found = []
    for row in rows:
        chain = ChainSummary(row["uid"], row["name"], row["nameEn"], tuple(chain_link(link) for link in row["links"]))
        link = chain.link(row["focusArea"])
        found.append(ChainMembership(
            chain=chain, link=link,
            upstream=tuple(other for other in chain.links if link.uid in other.feeds),
            downstream=tuple(chain.link(uid) for uid in link.feeds)))
    return found


def chain_link(row: Row) -> ChainLink:
    return ChainLink(position=int(row["position"]), uid=row["uid"], name=row["name"], name_en=row.get("nameEn"),
                     pillar=row.get("pillar"), kind=row.get("kind"), feeds=tuple(sorted(row.get("feeds") or ())))
