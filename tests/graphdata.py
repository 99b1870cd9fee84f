"""A deterministic test graph with every label and relationship of the graph model.

A few hundred nodes, written through `graph.queries.bulk`, so explorer tests do
not depend on how far the document loaders have got. The Linyi fund measures
(临沂市市级智能化技术改造专项资金管理暂行办法, in force 2020-07-01 to 2022-06-30)
are included with their dates.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from graph.queries.bulk import link_nodes, upsert_nodes
from graph.store import GraphStore

LINYI_UID = "pol-linyi-tech-fund"
LINYI_TITLE = "临沂市市级智能化技术改造专项资金管理暂行办法"
LINYI_DOC = "临财企〔2020〕12号"
LEVELS = ("CENTRAL", "PROVINCIAL", "CITY")
N_POLICIES = 120
N_PROGRAMS = 60
N_FOCUS = 60  # four pillars, then two levels below them
N_ENTERPRISES = 300
N_PROJECTS = 400
N_AWARDS = 500


@dataclass
class GraphData:
    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    links: dict[tuple[str, str, str], list[dict[str, Any]]] = field(default_factory=dict)

    def node(self, label: str, uid: str, **props: Any) -> str:
        self.nodes.setdefault(label, []).append({"uid": uid, "props": props})
        return uid

    def link(self, source: str, type_: str, target: str, a: str, b: str, **props: Any) -> None:
        self.links.setdefault((source, type_, target), []).append({"source": a, "target": b, "props": props})

    def count(self, label: str) -> int:
        return len(self.nodes.get(label, []))

    def degree(self, source: str, type_: str, target: str) -> Counter[str]:
        return Counter(row["source"] for row in self.links.get((source, type_, target), []))


def build() -> GraphData:
    g = GraphData()
    for i in range(5):
        g.node("Province", f"prov-{i}", name=f"测试省{i}", kind="省")
    for i in range(20):
        g.node("City", f"city-{i:02d}", name=f"测试市{i:02d}", kind="地级市")
        g.link("City", "IN", "Province", f"city-{i:02d}", f"prov-{i % 5}")
    for i in range(40):
        g.node("District", f"dist-{i:02d}", name=f"测试区{i:02d}", kind="区")
        g.link("District", "IN", "City", f"dist-{i:02d}", f"city-{i % 20:02d}")
    for i in range(30):
        g.node("Park", f"park-{i:02d}", name=f"测试园区{i:02d}", kind="开发区")
        g.link("Park", "IN", "City", f"park-{i:02d}", f"city-{i % 20:02d}")
    for i in range(10):
        g.node("Agency", f"agency-{i}", name=f"测试机关{i}", level=LEVELS[i % 3])
    for i in range(10):
        g.node("Theme", f"theme-{i}", name=f"主题{i}")
        g.node("Industry", f"industry-{i}", name=f"产业{i}")
        if i >= 3:
            g.link("Theme", "BROADER", "Theme", f"theme-{i}", f"theme-{i % 3}")
    for i in range(6):
        g.node("Instrument", f"instrument-{i}", name=f"方式{i}")

    for i in range(N_POLICIES):
        uid = f"pol-{i:03d}"
        year = 2015 + i % 10
        props: dict[str, Any] = {"docNumber": f"测试〔{year}〕{i}号", "title": f"测试政策{i:03d}",
                                 "level": LEVELS[i % 3], "issuedOn": f"{year}-{1 + i % 12:02d}-15"}
        if i % 4 == 0:
            props["effectiveFrom"] = f"{year}-{1 + i % 12:02d}-20"
            props["effectiveTo"] = f"{year + 2}-12-31"
        g.node("Policy", uid, **props)
        g.link("Policy", "ISSUED_BY", "Agency", uid, f"agency-{i % 10}")
        for back in (1, 7):
            if i - back >= 0:
                g.link("Policy", "CITES", "Policy", uid, f"pol-{i - back:03d}", clauseUid=f"cl-{i:03d}-1")
        if props["level"] == "CITY":
            g.link("Policy", "APPLIES_IN", "City", uid, f"city-{i % 20:02d}")
        elif props["level"] == "PROVINCIAL":
            g.link("Policy", "APPLIES_IN", "Province", uid, f"prov-{i % 5}")
    g.node("Policy", LINYI_UID, docNumber=LINYI_DOC, title=LINYI_TITLE, level="CITY", issuedOn="2020-06-08",
           effectiveFrom="2020-07-01", effectiveTo="2022-06-30")
    g.node("Policy", "pol-undated", docNumber="测试〔无〕1号", title="没有日期的政策", level="CENTRAL", stub=True)

    for i in range(100):
        for k in range(3):
            cuid = f"cl-{i:03d}-{k}"
            g.node("Clause", cuid, policyUid=f"pol-{i:03d}", path=f"第{k + 1}条", ordinal=k, text=f"条款文本{i}-{k}")
            g.link("Policy", "HAS_CLAUSE", "Clause", f"pol-{i:03d}", cuid, ordinal=k)
        g.link("Clause", "PART_OF", "Clause", f"cl-{i:03d}-2", f"cl-{i:03d}-0")

    for i in range(N_FOCUS):
        uid = f"fa-{i:03d}"
        if i < 4:
            g.node("FocusArea", uid, name=f"四基{i}", isPillar=True, pillar=uid)
            continue
        parent = f"fa-{i % 4:03d}" if i < 20 else f"fa-{4 + i % 16:03d}"
        pillar = f"fa-{(i if i < 20 else 4 + i % 16) % 4:03d}"
        g.node("FocusArea", uid, name=f"领域{i:03d}", isPillar=False, pillar=pillar)
        g.link("FocusArea", "BROADER", "FocusArea", uid, parent)
        if i % 5 == 0 and i + 1 < N_FOCUS:
            g.link("FocusArea", "FEEDS", "FocusArea", uid, f"fa-{i + 1:03d}")

    for i in range(N_PROGRAMS):
        uid = f"prog-{i:03d}"
        g.node("Program", uid, name=f"专项{i:03d}", level=LEVELS[i % 3], kind="专项资金")
        for policy in (i * 2 % N_POLICIES, (i * 2 + 1) % N_POLICIES):
            g.link("Policy", "DEFINES", "Program", f"pol-{policy:03d}", uid, clauseUid=f"cl-{policy % 100:03d}-0")
        if i >= 50:
            g.link("Program", "PART_OF", "Program", uid, f"prog-{i - 50:03d}")
        for k in range(5):
            fa = 4 + (i * 3 + k) % (N_FOCUS - 4)
            g.link("Program", "SUPPORTS", "FocusArea", uid, f"fa-{fa:03d}", clauseUid=f"cl-{i % 100:03d}-1",
                   policyUid=f"pol-{i * 2 % N_POLICIES:03d}")
        g.link("Program", "COVERS", "Theme", uid, f"theme-{i % 10}", clauseUid=f"cl-{i % 100:03d}-1")
        g.link("Program", "PRIORITIZES", "Industry", uid, f"industry-{i % 10}")
        g.link("Program", "USES", "Instrument", uid, f"instrument-{i % 6}")
        g.link("City", "SELECTED_FOR", "Program", f"city-{i % 20:02d}", uid, batch="第一批", year=2018 + i % 5)

    for i in range(80):
        uid = f"rule-{i:03d}"
        g.node("Rule", uid, kind=("cap", "ratio", "no-double-funding")[i % 3], amountWan=float(100 + i),
               clauseUid=f"cl-{i:03d}-2", policyUid=f"pol-{i:03d}")
        g.link("Program", "HAS_RULE", "Rule", f"prog-{i % N_PROGRAMS:03d}", uid)
        g.link("Policy", "STATES", "Rule", f"pol-{i:03d}", uid)
        g.link("Rule", "STATED_IN", "Clause", uid, f"cl-{i:03d}-2")
    for i in range(60):
        uid = f"target-{i:03d}"
        g.node("Target", uid, metric=f"指标{i}", value=float(i), unit="家", year=2025, clauseUid=f"cl-{i:03d}-0",
               policyUid=f"pol-{i:03d}")
        g.link("Policy", "SETS", "Target", f"pol-{i:03d}", uid, clauseUid=f"cl-{i:03d}-0")
    for i in range(100):
        g.link("Clause", "MENTIONS", "FocusArea", f"cl-{i:03d}-1", f"fa-{4 + i % 56:03d}")
        g.link("Clause", "MENTIONS", "City", f"cl-{i:03d}-1", f"city-{i % 20:02d}")
        # Every label a clause can mention, so each `mentionedIn` list has items to page over.
        g.link("Clause", "MENTIONS", "Agency", f"cl-{i:03d}-0", f"agency-{i % 10}")
        g.link("Clause", "MENTIONS", "Program", f"cl-{i:03d}-0", f"prog-{i % N_PROGRAMS:03d}")
        g.link("Clause", "MENTIONS", "Theme", f"cl-{i:03d}-0", f"theme-{i % 10}")
        g.link("Clause", "MENTIONS", "Industry", f"cl-{i:03d}-2", f"industry-{i % 10}")
        g.link("Clause", "MENTIONS", "Instrument", f"cl-{i:03d}-2", f"instrument-{i % 6}")
        g.link("Clause", "MENTIONS", "Province", f"cl-{i:03d}-2", f"prov-{i % 5}")
        g.link("Clause", "MENTIONS", "District", f"cl-{i:03d}-0", f"dist-{i % 40:02d}")
        g.link("Clause", "MENTIONS", "Park", f"cl-{i:03d}-2", f"park-{i % 30:02d}")

    for i in range(N_ENTERPRISES):
        uid = f"ent-{i:03d}"
        g.node("Enterprise", uid, name=f"企业{i:03d}", creditCode=f"91{i:016d}")
        if i % 2 == 0:
            g.link("Enterprise", "LOCATED_IN", "Park", uid, f"park-{i % 30:02d}")
        else:
            g.link("Enterprise", "LOCATED_IN", "City", uid, f"city-{i % 20:02d}")
    for i in range(N_PROJECTS):
        uid = f"proj-{i:03d}"
        g.node("Project", uid, name=f"项目{i:03d}")
        g.link("Project", "BY", "Enterprise", uid, f"ent-{i % N_ENTERPRISES:03d}")
        g.link("Project", "TARGETS", "FocusArea", uid, f"fa-{4 + i % 56:03d}")
    for i in range(N_AWARDS):
        uid = f"award-{i:03d}"
        g.node("Award", uid, amountWan=float(50 + i % 200), year=2016 + i % 8, batch=f"第{1 + i % 3}批")
        g.link("Project", "RECEIVED", "Award", f"proj-{i % N_PROJECTS:03d}", uid)
        g.link("Award", "FROM", "Program", uid, f"prog-{i % N_PROGRAMS:03d}")
    return g


async def write(store: GraphStore, g: GraphData) -> None:
    for label, rows in g.nodes.items():
        await upsert_nodes(store, label, rows)
    for (source, type_, target), rows in g.links.items():
        await link_nodes(store, source, type_, target, rows)
