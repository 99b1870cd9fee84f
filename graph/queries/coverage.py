"""Supply-chain coverage: for each link of a chain, who is funded where, and what policy backs it.

Definitions (the region is a province, a city or a park; without one, the whole country):

- a *supported enterprise* of a link has a project placed in the region that TARGETS the link's
  focus area, with at least one award in the years asked about. A project is placed where its
  award list puts it (the province, city and park of the row: `Project.provinceUid`, `cityUid`,
  `parkUid`, written by the award loader); a project without a place counts for the whole
  country only. Only the link's own focus area counts: a narrower area is a link of its own
  where a chain needs it. Projects, awards and amounts are those of such projects, awards within
  the years; an award the list gave another focus area (a project listed under two areas)
  counts for that one only. Enterprises are the graph's enterprise nodes: the award loader's
  candidate duplicates (MAYBE_SAME_AS) are not merged;
- *policy support* of a link is a program that SUPPORTS its focus area by a document clause
  (the relationship carries `clauseUid`; support stated for a broader area, such as a 四基
  pillar, says nothing about this link and does not count). Support is not limited to the
  years: a clause stays evidence of what policy backs. It counts for a region when the
  program applies anywhere in it: a central program everywhere; any other program where a
  policy defining it APPLIES_IN (its province or city, so the province around that city and
  the parks within it too); a non-central program whose documents name no region only
  without a region;
- the status of a link: COVERED (supported enterprises and policy support), POLICY_ONLY_GAP
  (policy support, no supported enterprise), ENTERPRISE_ONLY_GAP (supported enterprises, no
  policy support), UNCOVERED (neither).

The same definitions give the roll-up: a province's cities and each city's parks (a city's
parks when the region is a city; the provinces and their cities for the whole country), each
with its own counts and statuses. Each project counts in its own park, city and province, so
an enterprise with projects in two cities counts once in each and once in the province.

Four statements per request whatever the chain's length: the chain with its links and their
support, the region with its parts, the counts of every link in every place at once, and the
enterprises with the largest totals on each link.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from graph.cypher import statement
from graph.queries.chains import ChainLink, ChainSummary, chain_link
from graph.store import GraphStore, Row

CoverageStatus = Literal["COVERED", "POLICY_ONLY_GAP", "ENTERPRISE_ONLY_GAP", "UNCOVERED"]
PlaceLabel = Literal["Province", "City", "Park"]

# Properties of optionally matched entities are passed on as plain values before they are looked up:
# FalkorDB cannot read them inside a later OPTIONAL MATCH pattern.
CHAIN_LINKS = statement(
    "coverage_chain_links",
    """
    MATCH (c:Chain)
    WHERE c.uid = $chain OR c.name = $chain OR c.nameEn = $chain
    MATCH (c)-[h:HAS_LINK]->(f:FocusArea)
    OPTIONAL MATCH (g:Program)-[s:SUPPORTS]->(f)
    WHERE s.clauseUid IS NOT NULL
    WITH c, h, f, g, s.clauseUid AS clauseUid
    OPTIONAL MATCH (cl:Clause {uid: clauseUid})
    WITH c, h, f, g, clauseUid, cl, cl.policyUid AS policyUid
    OPTIONAL MATCH (doc:Policy {uid: policyUid})
    WITH c, h, f, g, clauseUid, cl, doc,
         [(g)<-[:DEFINES]-(:Policy)-[:APPLIES_IN]->(r) |
            {uid: r.uid, name: r.name, label: CASE WHEN r:Province THEN 'Province' ELSE 'City' END}] AS appliesIn
    WITH c, h, f, collect(CASE WHEN g IS NULL THEN NULL ELSE {
           program: g.uid, name: g.name, nameEn: g.nameEn, level: g.level, clauseUid: clauseUid,
           path: cl.path, text: cl.text, ordinal: cl.ordinal,
           policyUid: doc.uid, docNumber: doc.docNumber, title: doc.title, appliesIn: appliesIn} END) AS support
    RETURN c.uid AS chain, c.name AS chainName, c.nameEn AS chainNameEn, h.position AS position,
           f.uid AS uid, f.name AS name, f.nameEn AS nameEn, f.pillar AS pillar, f.kind AS kind,
           [(f)-[:FEEDS]->(d:FocusArea)<-[:HAS_LINK]-(c) | d.uid] AS feeds, support
    ORDER BY chain, position
    """,
)

# The region and two levels of parts (a province's cities and their parks, a city's parks). Parks lie in
# a city directly or through a district. Flat lists, each comprehension with its own variable names:
# FalkorDB does not evaluate a pattern comprehension nested in another, and mixes up variables that two
# comprehensions of one projection share.
REGION = statement(
    "coverage_region",
    """
    MATCH (r:Province)
    WHERE r.uid = $region OR r.name = $region
    RETURN 0 AS rank, r.uid AS uid, r.name AS name, 'Province' AS label, [] AS within,
           [(c:City)-[:IN]->(r) | {uid: c.uid, name: c.name}] AS cities,
           [(k:Park)-[:IN*1..2]->(kc:City)-[:IN]->(r) | {uid: k.uid, name: k.name, city: kc.uid}] AS parks
    UNION ALL
    MATCH (r:City)
    WHERE r.uid = $region OR r.name = $region
    RETURN 1 AS rank, r.uid AS uid, r.name AS name, 'City' AS label, [(r)-[:IN]->(p:Province) | p.uid] AS within,
           [] AS cities, [(k:Park)-[:IN*1..2]->(r) | {uid: k.uid, name: k.name, city: r.uid}] AS parks
    UNION ALL
    MATCH (r:Park)
    WHERE r.uid = $region OR r.name = $region
    RETURN 2 AS rank, r.uid AS uid, r.name AS name, 'Park' AS label,
           [(r)-[:IN*1..3]->(up) WHERE up:City OR up:Province | up.uid] AS within, [] AS cities, [] AS parks
    """,
)

COUNTRY = statement(
    "coverage_country",
    """
    MATCH (r:Province)
    RETURN r.uid AS uid, r.name AS name, [(c:City)-[:IN]->(r) | {uid: c.uid, name: c.name}] AS cities,
           [(k:Park)-[:IN*1..2]->(kc:City)-[:IN]->(r) | {uid: k.uid, name: k.name, city: kc.uid}] AS parks
    ORDER BY name
    """,
)

# The projects on every link placed in the region, each with its awards of the years. From the links:
# a chain has a handful of focus areas, a region thousands of projects. The WITH after each step keeps
# FalkorDB's planner from starting at the filtered end of a longer pattern (every project or enterprise)
# instead of at the links. A project is where its award list placed it: `Project.provinceUid`,
# `cityUid`, `parkUid`, written by the award loader. An award listed under another focus area
# (`Award.focusAreaUid`) is left out: a project listed under two areas in two years does not bring one
# year's money to both.
_PROJECTS_ON_LINKS = """
    UNWIND $links AS link
    MATCH (f:FocusArea {uid: link})
    WITH link, f
    MATCH (f)<-[:TARGETS]-(p:Project)
    WITH link, p
    WHERE ($province IS NULL OR p.provinceUid = $province) AND ($city IS NULL OR p.cityUid = $city)
      AND ($park IS NULL OR p.parkUid = $park)
    MATCH (p)-[:RECEIVED]->(a:Award)
    WHERE ($yearFrom IS NULL OR a.year >= $yearFrom) AND ($yearTo IS NULL OR a.year <= $yearTo)
      AND (a.focusAreaUid IS NULL OR a.focusAreaUid = link)
    WITH link, p, count(a) AS awards, sum(a.amountWan) AS amountWan
    MATCH (p)-[:BY]->(e:Enterprise)
"""

# Counts per link and place, at every level at once: each project counts in its park, its city, its
# province and the whole region (`$scope`: the region's uid, or '*' for the whole country), so an
# enterprise is counted once in each place whatever the number of its projects there.
LINK_TALLIES = statement(
    "coverage_link_tallies",
    _PROJECTS_ON_LINKS + """
    WITH link, p, e, awards, amountWan,
         [place IN [p.parkUid, p.cityUid, p.provinceUid] WHERE place IS NOT NULL AND place <> $scope] + [$scope]
           AS places
    UNWIND places AS place
    WITH link, place, count(DISTINCT e) AS enterprises, count(p) AS projects, sum(awards) AS awards,
         sum(amountWan) AS amountWan
    RETURN link, place, enterprises, projects, awards, amountWan
    """,
)

# The enterprises with the largest totals on each link in the region, and where their projects are.
# Nodes go into the collected list and are read after the cut: FalkorDB sorts fewer strings that way.
LINK_LEADERS = statement(
    "coverage_link_leaders",
    _PROJECTS_ON_LINKS + """
    WITH link, e, count(p) AS projects, sum(awards) AS awards, sum(amountWan) AS amountWan,
         collect(DISTINCT p.cityUid) + collect(DISTINCT p.parkUid) AS located
    ORDER BY amountWan DESC, e.uid
    WITH link, collect({e: e, projects: projects, awards: awards, amountWan: amountWan, located: located})[..$limit]
           AS leaders
    RETURN link, [x IN leaders | {uid: x.e.uid, name: x.e.name, projects: x.projects, awards: x.awards,
                                  amountWan: x.amountWan, located: x.located}] AS leaders
    """,
)

WHOLE_COUNTRY = "*"


@dataclass(frozen=True)
class YearRange:
    first: int | None = None
    last: int | None = None


@dataclass(frozen=True)
class Place:
    uid: str
    name: str
    label: PlaceLabel
    within: tuple[str, ...]  # uids of the places it lies in
    parts: tuple[Place, ...] = ()  # a province's cities, a city's parks

    def inside(self) -> frozenset[str]:
        """uids of the place and of every part of it, at every level."""
        return frozenset({self.uid}).union(*(part.inside() for part in self.parts))


@dataclass(frozen=True)
class SupportClause:
    uid: str
    path: str | None
    text: str | None
    policy_uid: str | None
    doc_number: str | None
    policy_title: str | None


@dataclass(frozen=True)
class Area:
    """A province or city a program applies in."""

    uid: str
    name: str
    label: PlaceLabel


@dataclass(frozen=True)
class LinkSupport:
    """A program that supports the link's focus area, with the clauses that say so."""

    program_uid: str
    program_name: str
    program_name_en: str | None
    level: str | None
    applies_in: tuple[Area, ...]  # where its defining policies apply (empty: not stated)
    clauses: tuple[SupportClause, ...]

    def applies_to(self, place: Place | None) -> bool:
        """Central programs apply everywhere; others where their area and the place overlap: the same
        place, the area around the place (a city's program in its parks), or a place around the area (a
        city's program in its province)."""
        if place is None or self.level == "CENTRAL":
            return True
        inside = place.inside()
        return any(area.uid in inside or area.uid in place.within for area in self.applies_in)


@dataclass(frozen=True)
class SupportedEnterprise:
    uid: str
    name: str
    located_in: tuple[str, ...]  # names of the cities and parks of its projects on the link
    projects: int
    awards: int
    amount_wan: float


@dataclass(frozen=True)
class Tally:
    enterprises: int
    projects: int
    awards: int
    amount_wan: float


@dataclass(frozen=True)
class LinkStatus:
    link: ChainLink
    status: CoverageStatus
    tally: Tally


@dataclass(frozen=True)
class LinkCoverage:
    link: ChainLink
    status: CoverageStatus
    tally: Tally
    enterprises: tuple[SupportedEnterprise, ...]  # the largest by amount, at most the number asked for
    support: tuple[LinkSupport, ...]  # programs that support the link and apply in the region


@dataclass(frozen=True)
class PlaceCoverage:
    place: Place
    links: tuple[LinkStatus, ...]
    parts: tuple[PlaceCoverage, ...]


@dataclass(frozen=True)
class SupplyChainCoverage:
    chain: ChainSummary
    region: Place | None
    years: YearRange
    links: tuple[LinkCoverage, ...]
    places: tuple[PlaceCoverage, ...]


class UnknownChain(LookupError):
    """No chain has this uid or name."""


class UnknownRegion(LookupError):
    """No province, city or park has this uid or name."""


async def supply_chain_coverage(
    store: GraphStore, chain: str, *, region: str | None = None, years: YearRange = YearRange(),
    enterprises_per_link: int = 10,
) -> SupplyChainCoverage:
    """Coverage of `chain` (uid, name or English name) in `region` (uid or name of a province, city
    or park; None for the whole country), counting awards of `years` (inclusive, open-ended when None).

    Raises `UnknownChain` or `UnknownRegion` when the graph has no such chain or place.
    """
    chain_rows, (place, tree) = await asyncio.gather(store.read(CHAIN_LINKS, {"chain": chain}),
                                                     _places(store, region))
    summary, support = _chain(chain_rows, chain)
    scope = place.uid if place is not None else WHOLE_COUNTRY
    params = {"links": [link.uid for link in summary.links], "yearFrom": years.first, "yearTo": years.last,
              "scope": scope, **_region_filter(place)}
    # The two aggregations walk the same projects; they run side by side.
    tally_rows, leader_rows = await asyncio.gather(
        store.read(LINK_TALLIES, params),
        store.read(LINK_LEADERS, {**params, "limit": enterprises_per_link}) if enterprises_per_link > 0 else _empty())
    tallies = {(row["link"], row["place"]): _tally(row) for row in tally_rows}
    leaders = {row["link"]: row["leaders"] for row in leader_rows}
    names = _place_names(place, tree)
    links = tuple(_link_coverage(link, tallies.get((link.uid, scope), NOTHING), leaders.get(link.uid, ()),
                                 support.get(link.uid, ()), place, names) for link in summary.links)
    # Two levels below the region: a province's cities and their parks, the country's provinces and cities.
    return SupplyChainCoverage(
        chain=summary, region=place, years=years, links=links,
        places=tuple(_place_coverage(part, summary.links, tallies, support, levels=1) for part in tree))


async def _empty() -> list[Row]:
    return []


def status_of(has_enterprises: bool, has_support: bool) -> CoverageStatus:
    if has_enterprises:
        return "COVERED" if has_support else "ENTERPRISE_ONLY_GAP"
    return "POLICY_ONLY_GAP" if has_support else "UNCOVERED"


def _chain(rows: Sequence[Row], asked: str) -> tuple[ChainSummary, dict[str, tuple[LinkSupport, ...]]]:
    if not rows:
        raise UnknownChain(asked)
    first = rows[0]["chain"]
    rows = [row for row in rows if row["chain"] == first]  # a name two chains share: the first uid wins
    summary = ChainSummary(first, rows[0]["chainName"], rows[0]["chainNameEn"],
                           tuple(chain_link(row) for row in rows))
    return summary, {row["uid"]: _support(row["support"]) for row in rows}


def _support(rows: Iterable[Row]) -> tuple[LinkSupport, ...]:
    by_program: dict[str, list[Row]] = {}
    for row in rows:
        by_program.setdefault(row["program"], []).append(row)
    found = []
    for uid, clauses in sorted(by_program.items()):
        first = clauses[0]
        unique = {c["clauseUid"]: c for c in clauses}
        ordered = sorted(unique.values(), key=lambda c: (c.get("docNumber") or c.get("policyUid") or "",
                                                         c.get("ordinal") or 0, c["clauseUid"]))
        found.append(LinkSupport(
            program_uid=uid, program_name=first["name"], program_name_en=first.get("nameEn"), level=first.get("level"),
            applies_in=tuple(sorted({Area(a["uid"], a["name"], a["label"]) for a in first.get("appliesIn") or ()},
                                    key=lambda a: a.uid)),
            clauses=tuple(SupportClause(c["clauseUid"], c.get("path"), c.get("text"), c.get("policyUid"),
                                        c.get("docNumber"), c.get("title")) for c in ordered)))
    return tuple(found)


async def _places(store: GraphStore, region: str | None) -> tuple[Place | None, tuple[Place, ...]]:
    """The region (None for the whole country) and the places of its roll-up."""
    if region is None:
        return None, tuple(_country(await store.read(COUNTRY)))
    place = await _region(store, region)
    return place, place.parts


async def _region(store: GraphStore, region: str) -> Place:
    rows = sorted(await store.read(REGION, {"region": region}), key=lambda row: (row["rank"], row["uid"]))
    if not rows:
        raise UnknownRegion(region)
    row = rows[0]
    within = tuple(row["within"] or ())
    if row["label"] == "Province":
        parts = _cities(row["cities"], (row["uid"],), row["parks"])
    else:
        parts = _parks(row["parks"], (row["uid"], *within)) if row["label"] == "City" else ()
    return Place(uid=row["uid"], name=row["name"], label=row["label"], within=within, parts=parts)


def _country(rows: Iterable[Row]) -> list[Place]:
    return [Place(uid=row["uid"], name=row["name"], label="Province", within=(),
                  parts=_cities(row["cities"], (row["uid"],), row["parks"])) for row in rows]


def _cities(cities: Iterable[Row], within: tuple[str, ...], parks: Iterable[Row]) -> tuple[Place, ...]:
    parks_of: dict[str, list[Row]] = {}
    for park in parks:
        parks_of.setdefault(park["city"], []).append(park)
    return _sorted(Place(uid=c["uid"], name=c["name"], label="City", within=within,
                         parts=_parks(parks_of.get(c["uid"], ()), (c["uid"], *within))) for c in cities)


def _parks(parks: Iterable[Row], within: tuple[str, ...]) -> tuple[Place, ...]:
    return _sorted(Place(uid=k["uid"], name=k["name"], label="Park", within=within) for k in parks)


def _sorted(places: Iterable[Place]) -> tuple[Place, ...]:
    unique = {place.uid: place for place in places}  # a park in its city and in a district of it: once
    return tuple(sorted(unique.values(), key=lambda p: (p.name, p.uid)))


def _region_filter(place: Place | None) -> dict[str, str | None]:
    """The project property a region is matched on: its province, city or park."""
    level = {"Province": "province", "City": "city", "Park": "park"}
    found: dict[str, str | None] = {"province": None, "city": None, "park": None}
    if place is not None:
        found[level[place.label]] = place.uid
    return found


def _place_names(region: Place | None, tree: Iterable[Place]) -> dict[str, str]:
    """uid -> name of the region and every place in its tree."""
    names: dict[str, str] = {}
    pending = [region, *tree] if region is not None else list(tree)
    while pending:
        place = pending.pop()
        names[place.uid] = place.name
        pending.extend(place.parts)
    return names


def _tally(row: Row) -> Tally:
    return Tally(enterprises=int(row["enterprises"]), projects=int(row["projects"]), awards=int(row["awards"]),
                 amount_wan=float(row["amountWan"] or 0))


NOTHING = Tally(enterprises=0, projects=0, awards=0, amount_wan=0.0)


def _leader(row: Row, names: dict[str, str]) -> SupportedEnterprise:
    return SupportedEnterprise(
        uid=row["uid"], name=row["name"], located_in=tuple(sorted({names.get(uid, uid) for uid in row["located"]})),
        projects=int(row["projects"]), awards=int(row["awards"]), amount_wan=float(row["amountWan"] or 0))


def _link_coverage(link: ChainLink, tally: Tally, leaders: Iterable[Row], support: Sequence[LinkSupport],
                   region: Place | None, names: dict[str, str]) -> LinkCoverage:
    applying = tuple(s for s in support if s.applies_to(region))
    return LinkCoverage(link=link, status=status_of(tally.enterprises > 0, bool(applying)), tally=tally,
                        enterprises=tuple(_leader(row, names) for row in leaders), support=applying)


def _place_coverage(place: Place, links: Sequence[ChainLink], tallies: dict[tuple[str, str], Tally],
                    support: dict[str, tuple[LinkSupport, ...]], *, levels: int) -> PlaceCoverage:
    """The place's statuses, and its parts' down to `levels` below it."""
    statuses = []
    for link in links:
        here = tallies.get((link.uid, place.uid), NOTHING)
        backed = any(s.applies_to(place) for s in support.get(link.uid, ()))
        statuses.append(LinkStatus(link=link, status=status_of(here.enterprises > 0, backed), tally=here))
    parts = place.parts if levels > 0 else ()
    return PlaceCoverage(place=place, links=tuple(statuses), parts=tuple(
        _place_coverage(part, links, tallies, support, levels=levels - 1) for part in parts))
