"""The auditor's question: which awards sit together where the rules forbid it?

One audit runs a fixed handful of statements, whatever the size of the graph: three
small reads for the rules, programs and pilot selections, then one statement per way
two awards can belong together:

- `audit_same_project_pairs`: two awards of one project (projects with `awardCount` > 1);
- `audit_same_enterprise_pairs`: awards of two projects of one enterprise in one focus area
  and the same or adjacent years (enterprises marked `sharesFocusArea`);
- `audit_linked_pairs`: awards of two enterprise records that may be one enterprise
  (MAYBE_SAME_AS links marked `sharedWork`), with the same project name, or in one focus
  area and adjacent years. Linked records are of one city, so the link's source stands
  for both in the place filters.

Each statement pre-filters pairs with the programs the rules govern (passed in, per
forbidden level) and the pilot channels, so only candidates leave the database;
`graph.stacking` then decides exactly which rules bear, and `graph.findings` how sure
the finding is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.cypher import statement
from graph.findings import (
    DEFAULT_MIN_CONFIDENCE,
    AwardSide,
    EnterpriseLink,
    EnterpriseRef,
    Finding,
    overlap_kind,
    score,
)
from graph.stacking import (
    PILOT_YEARS,
    AwardFacts,
    StackingPolicy,
    StackingRule,
    program_node,
    selection,
    stacking_rule,
)
from graph.store import GraphStore, Row

STACKING_RULES = statement(
    "audit_stacking_rules",
    """
    MATCH (r:Rule)
    WHERE size(coalesce(r.forbidsStackingWith, [])) > 0
    OPTIONAL MATCH (g:Program)-[:HAS_RULE]->(r)
    OPTIONAL MATCH (pol:Policy)-[:STATES]->(r)
    OPTIONAL MATCH (pol)-[:DEFINES]->(d:Program)
    OPTIONAL MATCH (r)-[:STATED_IN]->(c:Clause)
    RETURN r.uid AS uid, r.kind AS kind, r.forbidsStackingWith AS forbids,
           collect(DISTINCT g.uid) AS programs, collect(DISTINCT d.uid) AS definedPrograms,
           pol.uid AS policyUid, pol.docNumber AS docNumber, pol.title AS policyTitle,
           c.uid AS clauseUid, c.path AS clausePath, c.text AS clauseText
    ORDER BY uid
    """,
)

PROGRAMS = statement(
    "audit_programs",
    """
    MATCH (g:Program)
    OPTIONAL MATCH (g)-[:PART_OF]->(parent:Program)
    RETURN g.uid AS uid, g.name AS name, g.level AS level, g.kind AS kind, collect(parent.uid) AS partOf
    """,
)

SELECTIONS = statement(
    "audit_selections",
    """
    MATCH (c:City)-[s:SELECTED_FOR]->(g:Program)
    RETURN c.uid AS cityUid, c.name AS cityName, g.uid AS programUid, s.year AS year, s.batch AS batch,
           s.source AS source
    """,
)

FOCUS_AREAS = statement(
    "audit_focus_areas",
    """
    MATCH (f:FocusArea)
    OPTIONAL MATCH (f)-[:BROADER]->(b:FocusArea)
    RETURN f.uid AS uid, f.name AS name, collect(b.uid) AS broader
    """,
)

FIND_PLACE = statement(
    "audit_find_place",
    """
    UNWIND $names AS name
    OPTIONAL MATCH (province:Province) WHERE province.uid = name OR province.name = name
    OPTIONAL MATCH (city:City) WHERE city.uid = name OR city.name = name
    OPTIONAL MATCH (park:Park) WHERE park.uid = name OR park.name = name
    RETURN name, province.uid AS province, city.uid AS city, park.uid AS park
    """,
)

FIND_PROGRAM = statement(
    "audit_find_program",
    """
    MATCH (g:Program)
    WHERE g.uid = $name OR g.name = $name OR $name IN coalesce(g.aliases, [])
    RETURN g.uid AS uid
    LIMIT 1
    """,
)


def _forbidden(first: str, second: str, first_city: str, second_city: str) -> str:
    """Pre-filter: a rule may forbid awards `first` and `second` together (exactly decided in Python)."""
    return f"""{first}.programUid <> {second}.programUid AND (
          ({first}.programUid IN $againstCentral AND {second}.level = 'CENTRAL')
       OR ({second}.programUid IN $againstCentral AND {first}.level = 'CENTRAL')
       OR ({first}.programUid IN $againstProvincial AND {second}.level = 'PROVINCIAL')
       OR ({second}.programUid IN $againstProvincial AND {first}.level = 'PROVINCIAL')
       OR ({first}.programUid IN $againstCity AND {second}.level = 'CITY')
       OR ({second}.programUid IN $againstCity AND {first}.level = 'CITY')
       OR ({first}.level <> 'CENTRAL' AND ({first_city} + '|' + toString({first}.year)) IN $channels)
       OR ({second}.level <> 'CENTRAL' AND ({second_city} + '|' + toString({second}.year)) IN $channels))"""


def _in_years_and_program(first: str, second: str) -> str:
    return f"""($program IS NULL OR {first}.programUid = $program OR {second}.programUid = $program)
      AND ((($fromYear IS NULL OR {first}.year >= $fromYear) AND ($toYear IS NULL OR {first}.year <= $toYear))
        OR (($fromYear IS NULL OR {second}.year >= $fromYear) AND ($toYear IS NULL OR {second}.year <= $toYear)))"""


_AWARD = ".uid, .programUid, .level, .amountWan, .year, .batch, .source, .focusAreaUid, .sourceFile, .sourceRow"
_PROJECT = ".uid, .name, .nameKey, .cityUid, .provinceUid, .parkUid"
_ENTERPRISE = ".uid, .name, .creditCode, .cityUid, .provinceUid"

SAME_PROJECT_PAIRS = statement(
    "audit_same_project_pairs",
    f"""
    MATCH (p:Project)
    WHERE p.awardCount > 1
      AND ($province IS NULL OR p.provinceUid = $province)
      AND ($city IS NULL OR p.cityUid = $city)
      AND ($park IS NULL OR p.parkUid = $park)
    WITH p
    MATCH (a1:Award)<-[:RECEIVED]-(p)-[:RECEIVED]->(a2:Award)
    WHERE a1.uid < a2.uid
      AND {_in_years_and_program("a1", "a2")}
      AND {_forbidden("a1", "a2", "p.cityUid", "p.cityUid")}
    MATCH (p)-[:BY]->(e:Enterprise)
    RETURN p {{{_PROJECT}}} AS p1, e {{{_ENTERPRISE}}} AS e1, a1 {{{_AWARD}}} AS a1, a2 {{{_AWARD}}} AS a2
    """,
)

SAME_ENTERPRISE_PAIRS = statement(
    "audit_same_enterprise_pairs",
    f"""
    MATCH (e:Enterprise)
    WHERE e.sharesFocusArea = true
      AND ($province IS NULL OR e.provinceUid = $province)
      AND ($city IS NULL OR e.cityUid = $city)
    WITH e
    MATCH (e)<-[:BY]-(p1:Project)-[:RECEIVED]->(a1:Award)
    WHERE a1.focusAreaUid IS NOT NULL
    MATCH (e)<-[:BY]-(p2:Project)-[:RECEIVED]->(a2:Award)
    WHERE p1.uid < p2.uid AND a2.focusAreaUid = a1.focusAreaUid AND abs(a1.year - a2.year) <= 1
      AND ($park IS NULL OR p1.parkUid = $park OR p2.parkUid = $park)
      AND {_in_years_and_program("a1", "a2")}
      AND {_forbidden("a1", "a2", "p1.cityUid", "p2.cityUid")}
    RETURN p1 {{{_PROJECT}}} AS p1, e {{{_ENTERPRISE}}} AS e1, a1 {{{_AWARD}}} AS a1,
           p2 {{{_PROJECT}}} AS p2, e {{{_ENTERPRISE}}} AS e2, a2 {{{_AWARD}}} AS a2
    """,
)

LINKED_PAIRS = statement(
    "audit_linked_pairs",
    f"""
    MATCH (e1:Enterprise)
    WHERE e1.linkedWork = true
      AND ($province IS NULL OR e1.provinceUid = $province)
      AND ($city IS NULL OR e1.cityUid = $city)
    WITH e1
    MATCH (e1)-[l:MAYBE_SAME_AS]->(e2:Enterprise)
    WHERE l.sharedWork = true
    WITH e1, l, e2
    MATCH (e1)<-[:BY]-(p1:Project)-[:RECEIVED]->(a1:Award)
    MATCH (e2)<-[:BY]-(p2:Project)-[:RECEIVED]->(a2:Award)
    WHERE (p1.nameKey = p2.nameKey OR (a1.focusAreaUid = a2.focusAreaUid AND abs(a1.year - a2.year) <= 1))
      AND ($park IS NULL OR p1.parkUid = $park OR p2.parkUid = $park)
      AND {_in_years_and_program("a1", "a2")}
      AND {_forbidden("a1", "a2", "p1.cityUid", "p2.cityUid")}
    RETURN p1 {{{_PROJECT}}} AS p1, e1 {{{_ENTERPRISE}}} AS e1, a1 {{{_AWARD}}} AS a1,
           p2 {{{_PROJECT}}} AS p2, e2 {{{_ENTERPRISE}}} AS e2, a2 {{{_AWARD}}} AS a2,
           l.score AS linkScore, l.reasons AS linkReasons
    """,
)


class UnknownFilter(ValueError):
    """A filter names a place or program the graph does not hold."""


@dataclass(frozen=True)
class AuditFilters:
    province: str | None = None
    city: str | None = None
    park: str | None = None
    program: str | None = None
    from_year: int | None = None
    to_year: int | None = None
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    pilot_years: int = PILOT_YEARS


@dataclass
class AuditResult:
    findings: list[Finding]
    rules: list[StackingRule]
    program_names: dict[str, str] = field(default_factory=dict)
    candidates: int = 0  # pairs the statements returned, before the rules and the threshold


async def stacking_policy(store: GraphStore, *, pilot_years: int = PILOT_YEARS) -> StackingPolicy:
    """The stacking rules of the graph, the programs they govern, and the pilot selections."""
    programs = {row["uid"]: program_node(row) for row in await store.read(PROGRAMS)}
    rules = [stacking_rule(row) for row in await store.read(STACKING_RULES)]
    selections = [selection(row) for row in await store.read(SELECTIONS) if row.get("year") is not None]
    return StackingPolicy(programs, rules, selections, pilot_years=pilot_years)


async def funding_overlaps(store: GraphStore, filters: AuditFilters = AuditFilters()) -> AuditResult:
    """Findings at or above `filters.min_confidence`, most certain first."""
    policy = await stacking_policy(store, pilot_years=filters.pilot_years)
    params = {**await _filter_params(store, filters),
              "againstCentral": policy.governed_against("CENTRAL"),
              "againstProvincial": policy.governed_against("PROVINCIAL"),
              "againstCity": policy.governed_against("CITY"),
              "channels": policy.channel_keys()}
    focus = {row["uid"]: row for row in await store.read(FOCUS_AREAS)}
    builder = _FindingBuilder(policy, focus)
    for row in await store.read(SAME_PROJECT_PAIRS, params):
        builder.add(row, same_project=True, link=None)
    for row in await store.read(SAME_ENTERPRISE_PAIRS, params):
        builder.add(row, same_project=False, link=None)
    for row in await store.read(LINKED_PAIRS, params):
        link = EnterpriseLink(float(row["linkScore"]), tuple(row.get("linkReasons") or ()))
        builder.add(row, same_project=row["p1"].get("nameKey") == row["p2"].get("nameKey"), link=link)
    findings = [f for f in builder.findings.values() if f.confidence >= filters.min_confidence]
    findings.sort(key=lambda f: (-f.confidence, f.enterprise.name, f.uid))
    return AuditResult(findings, policy.rules, {uid: p.name for uid, p in policy.programs.items()},
                       candidates=builder.candidates)


async def _filter_params(store: GraphStore, filters: AuditFilters) -> dict[str, Any]:
    places = {"province": filters.province, "city": filters.city, "park": filters.park}
    params: dict[str, Any] = {"fromYear": filters.from_year, "toYear": filters.to_year, "program": None}
    for kind, name in places.items():
        params[kind] = await _place_uid(store, kind, name) if name else None
    if filters.program:
        rows = await store.read(FIND_PROGRAM, {"name": filters.program})
        if not rows:
            raise UnknownFilter(f"no program {filters.program!r} (give its uid, name or an alias)")
        params["program"] = rows[0]["uid"]
    return params


async def _place_uid(store: GraphStore, kind: str, name: str) -> str:
    # Lists and people write 山东 for 山东省 and 临沂 for 临沂市: try the name with the usual endings.
    endings = {"province": ("", "省", "市", "自治区"), "city": ("", "市"), "park": ("",)}[kind]
    rows = await store.read(FIND_PLACE, {"names": [name + ending for ending in endings]})
    for row in rows:
        if row.get(kind):
            return str(row[kind])
    raise UnknownFilter(f"no {kind} {name!r} in the graph")


class _FindingBuilder:
    def __init__(self, policy: StackingPolicy, focus_areas: Mapping[str, Row]) -> None:
        self.policy = policy
        self.program_names = {uid: program.name for uid, program in policy.programs.items()}
        self.focus_areas = focus_areas
        self.findings: dict[str, Finding] = {}
        self.candidates = 0

    def add(self, row: Row, *, same_project: bool, link: EnterpriseLink | None) -> None:
        self.candidates += 1
        # Earlier award first: the order in which the money came.
        # One project's pairs come with the project and enterprise once.
        sides = (self._side(row["a1"], row["p1"], row["e1"]),
                 self._side(row["a2"], row.get("p2") or row["p1"], row.get("e2") or row["e1"]))
        first, second = sorted(sides, key=lambda side: (side.year, side.source_row or 0, side.award_uid))
        bearings = self.policy.bearings(self._facts(first), self._facts(second))
        if not bearings:
            return
        finding = Finding(overlap_kind(first, second, same_project), (first, second), bearings)
        finding.factors = score(finding, same_project=same_project, link=link,
                                focus_areas_related=self._related(first.focus_area_uid, second.focus_area_uid),
                                program_names=self.program_names)
        known = self.findings.get(finding.uid)
        if known is None or known.confidence < finding.confidence:
            self.findings[finding.uid] = finding

    def _side(self, award: Row, project: Row, enterprise: Row) -> AwardSide:
        program = self.policy.programs.get(award["programUid"])
        focus = self.focus_areas.get(award.get("focusAreaUid") or "")
        return AwardSide(
            award_uid=award["uid"], project_uid=project["uid"], project_name=project.get("name") or "",
            enterprise=EnterpriseRef(enterprise["uid"], enterprise.get("name") or "", enterprise.get("creditCode"),
                                     enterprise.get("cityUid"), enterprise.get("provinceUid")),
            program_uid=award["programUid"], program_name=program.name if program else award["programUid"],
            level=award.get("level") or (program.level if program else ""), amount_wan=award.get("amountWan"),
            year=int(award["year"]), batch=award.get("batch"), source=award.get("source"),
            focus_area_uid=award.get("focusAreaUid"), focus_area_name=focus["name"] if focus else None,
            source_file=award.get("sourceFile"), source_row=award.get("sourceRow"),
            city_uid=project.get("cityUid"), park_uid=project.get("parkUid"),
        )

    @staticmethod
    def _facts(side: AwardSide) -> AwardFacts:
        return AwardFacts(side.program_uid, side.level, side.year, side.city_uid)

    def _related(self, first: str | None, second: str | None) -> bool | None:
        if not first or not second:
            return None
        return first == second or second in self._broader(first) or first in self._broader(second)

    def _broader(self, uid: str) -> set[str]:
        seen: set[str] = set()
        pending: list[str] = list(self.focus_areas.get(uid, {}).get("broader") or [])
        while pending:
            current = pending.pop()
            if current not in seen:
                seen.add(current)
                pending.extend(self.focus_areas.get(current, {}).get("broader") or [])
        return seen
