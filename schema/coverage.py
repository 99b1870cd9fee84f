"""`supplyChainCoverage(chain:, region:, years:)` and `chainsFor(focusArea:)`: supply chains link by
link, with the enterprises funded on each link in a region and the policy that backs it.

The definitions (supported enterprise, policy support, the four statuses, how programs apply
in regions) are those of `graph.queries.coverage`; the field descriptions repeat them.
"""

from __future__ import annotations

import enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from graph.queries import chains as cq
from graph.queries import coverage as q
from schema.briefs import PolicyBrief, ProgramBrief, policy_brief, program_brief
from schema.context import RequestContext
from schema.errors import BadUserInput, NotFound
from schema.ids import global_id, parse_global_id

MAX_ENTERPRISES_PER_LINK = 100
_PLACE_LABELS = ("Province", "City", "Park")


@strawberry.enum(description="How well a link of a chain is covered in a region (覆盖状态).")
class CoverageStatus(enum.Enum):
    COVERED = strawberry.enum_value("COVERED", description=(
        "Supported enterprises in the region and policy support that applies there (已覆盖)"))
    POLICY_ONLY_GAP = strawberry.enum_value("POLICY_ONLY_GAP", description=(
        "Policy supports the link, but no enterprise in the region has an award for it (有政策无企业)"))
    ENTERPRISE_ONLY_GAP = strawberry.enum_value("ENTERPRISE_ONLY_GAP", description=(
        "Enterprises in the region have awards for the link, but no program that applies there supports it "
        "(有企业无政策)"))
    UNCOVERED = strawberry.enum_value("UNCOVERED", description="Neither (空白)")


@strawberry.enum(description="Kind of place in a coverage roll-up (区域层级).")
class CoveragePlaceKind(enum.Enum):
    PROVINCE = strawberry.enum_value("PROVINCE", description="A province-level division (省)")
    CITY = strawberry.enum_value("CITY", description="A city (市)")
    PARK = strawberry.enum_value("PARK", description="An industrial park or development zone (园区)")


@strawberry.input(description="Award years to count (年度), both ends included; an end left out is open.")
class CoverageYears:
    first: int | None = strawberry.field(default=None, name="from", description="First year counted")
    last: int | None = strawberry.field(default=None, name="to", description="Last year counted")


@strawberry.type(description="A focus area (重点领域) as a link of a supply chain.")
class ChainFocusArea:
    id: strawberry.ID = strawberry.field(description="Global ID, usable with `node(id:)`")
    uid: str = strawberry.field(description="Stable identifier of the focus area")
    name: str = strawberry.field(description="Name (名称), simplified")
    name_en: str | None = strawberry.field(description="English name")
    pillar: str | None = strawberry.field(description="uid of its 四基 pillar; null for an end-product sector")


@strawberry.type(description="A link (环节) of a supply chain.")
class ChainLink:
    position: int = strawberry.field(description="Place in the chain, 1 the most upstream (上游)")
    focus_area: ChainFocusArea = strawberry.field(description="The focus area the link is")
    feeds: list[str] = strawberry.field(description=(
        "uids of the links of this chain that this one supplies directly (FEEDS, 供给)"))


@strawberry.type(description="A supply chain (产业链): focus areas from raw material to end product.")
class SupplyChain:
    uid: str = strawberry.field(description="Stable identifier of the chain, e.g. chain-industrial-robots")
    name: str = strawberry.field(description="Name (名称), simplified")
    name_en: str | None = strawberry.field(description="English name")
    links: list[ChainLink] = strawberry.field(description="Its links, the most upstream first")


@strawberry.type(description="A chain a focus area is a link of (所属产业链).")
class ChainMembership:
    chain: SupplyChain = strawberry.field(description="The chain")
    position: int = strawberry.field(description="Place of the focus area in the chain, 1 the most upstream")
    upstream: list[ChainLink] = strawberry.field(description="Links of the chain that supply it directly (上游)")
    downstream: list[ChainLink] = strawberry.field(description="Links of the chain it supplies directly (下游)")


@strawberry.type(description="A province, city or park (区域) in a coverage answer.")
class CoveragePlace:
    id: strawberry.ID = strawberry.field(description="Global ID, usable with `node(id:)`")
    uid: str = strawberry.field(description="Stable identifier of the place")
    name: str = strawberry.field(description="Name (名称)")
    kind: CoveragePlaceKind = strawberry.field(description="Province, city or park")


@strawberry.type(description="A clause (条款) stating that a program supports a link.")
class CoverageClause:
    id: strawberry.ID = strawberry.field(description="Global ID, usable with `node(id:)`")
    uid: str = strawberry.field(description="Stable identifier of the clause")
    path: str | None = strawberry.field(description="Position in the document's outline (条款路径), e.g. 二、(一)")
    text: str | None = strawberry.field(description="Text (正文), simplified")
    policy: PolicyBrief | None = strawberry.field(description="The policy the clause belongs to")


@strawberry.type(description="Policy support (政策支持) of a link: a program and the clauses that state it.")
class CoverageSupport:
    program: ProgramBrief = strawberry.field(description="The program that supports the link's focus area")
    applies_in: list[CoveragePlace] = strawberry.field(description=(
        "Where the policies defining the program apply; empty for a central program, which applies everywhere"))
    clauses: list[CoverageClause] = strawberry.field(description="The clauses that state the support")


@strawberry.type(description="An enterprise (企业) with awards for projects on a link.")
class CoverageEnterprise:
    id: strawberry.ID = strawberry.field(description="Global ID, usable with `node(id:)`")
    uid: str = strawberry.field(description="Stable identifier of the enterprise")
    name: str = strawberry.field(description="Name (名称)")
    located_in: list[str] = strawberry.field(description=(
        "Names of the cities and parks of its projects on the link (项目所在地)"))
    project_count: int = strawberry.field(description="Its projects on the link with an award in the years")
    award_count: int = strawberry.field(description="Awards to those projects in the years")
    amount_wan: float = strawberry.field(description="Total of those awards, in 10,000 yuan (万元)")


@strawberry.type(description="One link of a chain in the region asked about (环节覆盖).")
class LinkCoverage:
    position: int = strawberry.field(description="Place in the chain, 1 the most upstream")
    focus_area: ChainFocusArea = strawberry.field(description="The focus area the link is")
    status: CoverageStatus = strawberry.field(description="Covered, policy-only gap, enterprise-only gap, uncovered")
    enterprise_count: int = strawberry.field(description=(
        "Supported enterprises: with a project targeting the link's focus area, placed in the region by its "
        "award list, and an award in the years"))
    project_count: int = strawberry.field(description="Their projects on the link with an award in the years")
    award_count: int = strawberry.field(description="Awards to those projects in the years")
    amount_wan: float = strawberry.field(description="Total of those awards, in 10,000 yuan (万元)")
    enterprises: list[CoverageEnterprise] = strawberry.field(description=(
        "The supported enterprises with the largest totals, at most `enterprisesPerLink`"))
    support: list[CoverageSupport] = strawberry.field(description=(
        "Programs that support the link's focus area by a document clause and apply in the region (central "
        "programs everywhere, others where a policy defining them applies); support of a broader area does "
        "not count"))


@strawberry.type(description="One link of a chain in one place of the roll-up.")
class PlaceLinkCoverage:
    position: int = strawberry.field(description="Place in the chain, 1 the most upstream")
    focus_area: ChainFocusArea = strawberry.field(description="The focus area the link is")
    status: CoverageStatus = strawberry.field(description="The link's status in this place")
    enterprise_count: int = strawberry.field(description="Supported enterprises with projects on the link here")
    project_count: int = strawberry.field(description="Their projects on the link with an award in the years")
    award_count: int = strawberry.field(description="Awards to those projects in the years")
    amount_wan: float = strawberry.field(description="Total of those awards, in 10,000 yuan (万元)")


@strawberry.type(description="A part of the region (a city of a province, a park of a city) and its coverage.")
class PlaceCoverage:
    place: CoveragePlace = strawberry.field(description="The city, park or province")
    links: list[PlaceLinkCoverage] = strawberry.field(description="Every link of the chain, in chain order")
    parts: list[PlaceCoverage] = strawberry.field(description=(
        "Its own parts: the parks of a city in a province-wide answer, the cities of a province in a "
        "country-wide one; empty below that"))


@strawberry.type(description="A supply chain link by link in a region (产业链覆盖).")
class SupplyChainCoverage:
    chain: SupplyChain = strawberry.field(description="The chain")
    region: CoveragePlace | None = strawberry.field(description="The region; null for the whole country")
    year_from: int | None = strawberry.field(description="First award year counted; null when open")
    year_to: int | None = strawberry.field(description="Last award year counted; null when open")
    links: list[LinkCoverage] = strawberry.field(description="Every link, the most upstream first")
    places: list[PlaceCoverage] = strawberry.field(description=(
        "Roll-up: the region's cities with their parks (for a province), its parks (for a city), or the "
        "provinces with their cities (for the whole country), each with its own statuses and counts"))


_KINDS = {"Province": CoveragePlaceKind.PROVINCE, "City": CoveragePlaceKind.CITY, "Park": CoveragePlaceKind.PARK}


def _place(uid: str, name: str, label: str) -> CoveragePlace:
    return CoveragePlace(id=strawberry.ID(global_id(label, uid)), uid=uid, name=name, kind=_KINDS[label])


def _focus_area(link: cq.ChainLink) -> ChainFocusArea:
    return ChainFocusArea(id=strawberry.ID(global_id("FocusArea", link.uid)), uid=link.uid, name=link.name,
                          name_en=link.name_en, pillar=link.pillar)


def _link(link: cq.ChainLink) -> ChainLink:
    return ChainLink(position=link.position, focus_area=_focus_area(link), feeds=list(link.feeds))


def _chain(chain: cq.ChainSummary) -> SupplyChain:
    return SupplyChain(uid=chain.uid, name=chain.name, name_en=chain.name_en, links=[_link(x) for x in chain.links])


def _clause(clause: q.SupportClause) -> CoverageClause:
    return CoverageClause(id=strawberry.ID(global_id("Clause", clause.uid)), uid=clause.uid, path=clause.path,
                          text=clause.text, policy=policy_brief(clause.policy_uid, clause.doc_number,
                                                                clause.policy_title))


def _support(support: q.LinkSupport) -> CoverageSupport:
    program = program_brief(support.program_uid, support.program_name, support.program_name_en, support.level)
    return CoverageSupport(program=program, applies_in=[_place(a.uid, a.name, a.label) for a in support.applies_in],
                           clauses=[_clause(c) for c in support.clauses])


def _enterprise(e: q.SupportedEnterprise) -> CoverageEnterprise:
    return CoverageEnterprise(id=strawberry.ID(global_id("Enterprise", e.uid)), uid=e.uid, name=e.name,
                              located_in=list(e.located_in), project_count=e.projects, award_count=e.awards,
                              amount_wan=e.amount_wan)


def _link_coverage(c: q.LinkCoverage) -> LinkCoverage:
    t = c.tally
    return LinkCoverage(
        position=c.link.position, focus_area=_focus_area(c.link), status=CoverageStatus[c.status],
        enterprise_count=t.enterprises, project_count=t.projects, award_count=t.awards, amount_wan=t.amount_wan,
        enterprises=[_enterprise(e) for e in c.enterprises], support=[_support(s) for s in c.support])


def _place_coverage(c: q.PlaceCoverage) -> PlaceCoverage:
    return PlaceCoverage(
        place=_place(c.place.uid, c.place.name, c.place.label),
        links=[PlaceLinkCoverage(
            position=s.link.position, focus_area=_focus_area(s.link), status=CoverageStatus[s.status],
            enterprise_count=s.tally.enterprises, project_count=s.tally.projects, award_count=s.tally.awards,
            amount_wan=s.tally.amount_wan) for s in c.links],
        parts=[_place_coverage(part) for part in c.parts])


def _coverage(c: q.SupplyChainCoverage) -> SupplyChainCoverage:
    region = _place(c.region.uid, c.region.name, c.region.label) if c.region else None
    return SupplyChainCoverage(chain=_chain(c.chain), region=region, year_from=c.years.first, year_to=c.years.last,
                               links=[_link_coverage(link) for link in c.links],
                               places=[_place_coverage(place) for place in c.places])


def _years(years: CoverageYears | None) -> q.YearRange:
    if years is None:
        return q.YearRange()
    if years.first is not None and years.last is not None and years.first > years.last:
        raise BadUserInput("years: `from` must not be after `to`")
    return q.YearRange(years.first, years.last)


def _region(value: str | None) -> str | None:
    # A global ID names its label; a uid or a name is looked up among provinces, cities and parks.
    if value is None or ":" not in value:
        return value
    return parse_global_id(value, expect=_PLACE_LABELS)[1]


def _focus_area_key(value: str) -> str:
    return parse_global_id(value, expect=("FocusArea",))[1] if ":" in value else value


@strawberry.type
class CoverageQuery:
    @strawberry.field(description=(
        "A supply chain link by link in a region (产业链覆盖): for each link, the enterprises with projects on it "
        "in the region (where their award lists place them), their projects and award totals, the programs and "
        "clauses that support it, and its status (COVERED, POLICY_ONLY_GAP, ENTERPRISE_ONLY_GAP, UNCOVERED); "
        "then the same per city and park. Support counts from a program that supports the link's own focus area "
        "by a document clause and applies in the place: central programs everywhere, a city's program in its "
        "city, its parks and its province."
    ))
    async def supply_chain_coverage(
        self,
        info: Info[RequestContext, None],
        chain: Annotated[str, strawberry.argument(description=(
            "The chain: uid (chain-industrial-robots), name (工业机器人产业链) or English name"))],
        region: Annotated[str | None, strawberry.argument(description=(
            "A province, city or park: global ID, uid or name (山东省, 临沂市); omitted, the whole country"))] = None,
        years: Annotated[CoverageYears | None, strawberry.argument(description=(
            "Award years to count; omitted, every year"))] = None,
        enterprises_per_link: Annotated[int, strawberry.argument(description=(
            f"How many enterprises to list per link, largest totals first, 0 to {MAX_ENTERPRISES_PER_LINK}; "
            "the counts always cover them all"))] = 10,
    ) -> SupplyChainCoverage:
        if not 0 <= enterprises_per_link <= MAX_ENTERPRISES_PER_LINK:
            raise BadUserInput(f"enterprisesPerLink must be between 0 and {MAX_ENTERPRISES_PER_LINK}")
        try:
            found = await q.supply_chain_coverage(info.context.store, chain, region=_region(region),
                                                  years=_years(years), enterprises_per_link=enterprises_per_link)
        except q.UnknownChain as exc:
            raise NotFound(f"no supply chain {exc.args[0]!r}") from exc
        except q.UnknownRegion as exc:
            raise NotFound(f"no province, city or park {exc.args[0]!r}") from exc
        return _coverage(found)

    @strawberry.field(description=(
        "The supply chains a focus area is a link of (所属产业链), with its position and its direct suppliers and "
        "customers within each."
    ))
    async def chains_for(
        self,
        info: Info[RequestContext, None],
        focus_area: Annotated[str, strawberry.argument(description=(
            "The focus area: global ID, uid (fa-servo-drives), name or alias (伺服驱动器)"))],
    ) -> list[ChainMembership]:
        try:
            found = await cq.chains_for(info.context.store, _focus_area_key(focus_area))
        except cq.UnknownFocusArea as exc:
            raise NotFound(f"no focus area {exc.args[0]!r}") from exc
        return [ChainMembership(chain=_chain(m.chain), position=m.link.position,
                                upstream=[_link(x) for x in m.upstream], downstream=[_link(x) for x in m.downstream])
                for m in found]
