"""A deterministic synthetic data set for the benchmark, written through `graph.queries.bulk`.

Sizes (defaults): 100,000 awards to 50,000 projects of 20,000 enterprises, in
300 parks of 100 cities in 10 provinces, from 200 programs defined by 400
policies, supporting 300 focus areas under the four pillars. The same seed
always gives the same graph.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graph.queries.bulk import link_nodes, upsert_nodes
from graph.store import GraphStore

LEVELS = ("CENTRAL", "PROVINCIAL", "CITY")


@dataclass(frozen=True)
class Sizes:
    provinces: int = 10
    cities: int = 100
    parks: int = 300
    agencies: int = 20
    policies: int = 400
    programs: int = 200
    focus_areas: int = 300
    enterprises: int = 20_000
    projects: int = 50_000
    awards: int = 100_000


Rows = list[dict[str, Any]]


def _node(uid: str, **props: Any) -> dict[str, Any]:
    return {"uid": uid, "props": props}


def _link(a: str, b: str, **props: Any) -> dict[str, Any]:
    return {"source": a, "target": b, "props": props}


def generate(sizes: Sizes = Sizes(), seed: int = 20240601) -> Iterator[tuple[str, tuple[str, ...], Rows]]:
    """("node", (label,), rows) and ("link", (source, type, target), rows) in an order that loads cleanly."""
    rnd = random.Random(seed)
    s = sizes
    yield "node", ("Province",), [_node(f"prov-{i}", name=f"省{i:02d}") for i in range(s.provinces)]
    yield "node", ("City",), [_node(f"city-{i:03d}", name=f"城市{i:03d}") for i in range(s.cities)]
    yield "link", ("City", "IN", "Province"), [_link(f"city-{i:03d}", f"prov-{i % s.provinces}")
                                                for i in range(s.cities)]
    yield "node", ("Park", ), [_node(f"park-{i:03d}", name=f"园区{i:03d}") for i in range(s.parks)]
    yield "link", ("Park", "IN", "City"), [_link(f"park-{i:03d}", f"city-{i % s.cities:03d}") for i in range(s.parks)]
    yield "node", ("Agency",), [_node(f"agency-{i:02d}", name=f"机关{i:02d}") for i in range(s.agencies)]

    focus: Rows = []
    broader: Rows = []
    pillar_of: dict[str, str] = {}
    for i in range(s.focus_areas):
        uid = f"fa-{i:03d}"
        if i < 4:
            pillar_of[uid] = uid
            focus.append(_node(uid, name=f"四基{i}", isPillar=True, pillar=uid))
            continue
        parent = f"fa-{rnd.randrange(0, 4 if i < 40 else 40):03d}"
        pillar_of[uid] = pillar_of[parent]
        focus.append(_node(uid, name=f"领域{i:03d}", isPillar=False, pillar=pillar_of[uid]))
        broader.append(_link(uid, parent))
    yield "node", ("FocusArea",), focus
    yield "link", ("FocusArea", "BROADER", "FocusArea"), broader

    policies: Rows = []
    for i in range(s.policies):
        year = 2012 + i % 12
        props: dict[str, Any] = {"docNumber": f"基准〔{year}〕{i}号", "title": f"基准政策{i:03d}",
                                 "level": LEVELS[i % 3], "issuedOn": f"{year}-{1 + i % 12:02d}-10"}
        if i % 3 == 0:
            props |= {"effectiveFrom": f"{year}-{1 + i % 12:02d}-15", "effectiveTo": f"{year + 3}-12-31"}
        policies.append(_node(f"pol-{i:03d}", **props))
    yield "node", ("Policy",), policies
    yield "link", ("Policy", "ISSUED_BY", "Agency"), [_link(f"pol-{i:03d}", f"agency-{i % s.agencies:02d}")
                                                       for i in range(s.policies)]
    yield "node", ("Program",), [_node(f"prog-{i:03d}", name=f"专项{i:03d}", level=LEVELS[i % 3])
                                 for i in range(s.programs)]
    yield "link", ("Policy", "DEFINES", "Program"), [
        _link(f"pol-{p:03d}", f"prog-{i:03d}", clauseUid=f"cl-{p:03d}")
        for i in range(s.programs) for p in (i, i + s.programs) if p < s.policies]
    yield "link", ("Program", "SUPPORTS", "FocusArea"), [
        _link(f"prog-{i:03d}", f"fa-{fa:03d}", clauseUid=f"cl-{i:03d}", policyUid=f"pol-{i:03d}")
        for i in range(s.programs) for fa in sorted(rnd.sample(range(4, s.focus_areas), 6))]

    yield "node", ("Enterprise",), [_node(f"ent-{i:05d}", name=f"企业{i:05d}", creditCode=f"91{i:016d}")
                                    for i in range(s.enterprises)]
    yield "link", ("Enterprise", "LOCATED_IN", "Park"), [
        _link(f"ent-{i:05d}", f"park-{i % s.parks:03d}") for i in range(0, s.enterprises, 2)]
    yield "link", ("Enterprise", "LOCATED_IN", "City"), [
        _link(f"ent-{i:05d}", f"city-{i % s.cities:03d}") for i in range(1, s.enterprises, 2)]
    yield "node", ("Project",), [_node(f"proj-{i:05d}", name=f"项目{i:05d}") for i in range(s.projects)]
    yield "link", ("Project", "BY", "Enterprise"), [
        _link(f"proj-{i:05d}", f"ent-{rnd.randrange(s.enterprises):05d}") for i in range(s.projects)]
    yield "link", ("Project", "TARGETS", "FocusArea"), [
        _link(f"proj-{i:05d}", f"fa-{rnd.randrange(4, s.focus_areas):03d}") for i in range(s.projects)]
    yield "node", ("Award",), [_node(f"award-{i:06d}", amountWan=float(rnd.randrange(10, 3000)), year=2015 + i % 10)
                               for i in range(s.awards)]
    yield "link", ("Project", "RECEIVED", "Award"), [
        _link(f"proj-{i % s.projects:05d}", f"award-{i:06d}") for i in range(s.awards)]
    yield "link", ("Award", "FROM", "Program"), [
        _link(f"award-{i:06d}", f"prog-{rnd.randrange(s.programs):03d}") for i in range(s.awards)]


async def load(store: GraphStore, sizes: Sizes = Sizes()) -> dict[str, int]:
    """Write the data set; returns rows written per node label or relationship."""
    written: dict[str, int] = {}
    for kind, key, rows in generate(sizes):
        if kind == "node":
            written[key[0]] = await upsert_nodes(store, key[0], rows, batch_size=5000)
        else:
            source, type_, target = key
            written[f"{source}-{type_}->{target}"] = await link_nodes(store, source, type_, target, rows,
                                                                        batch_size=5000)
    return written
