"""Write prepared awards chunk by chunk, then what needs the whole file (markers, aliases, links).

`ListWriter` is what every way of writing a list shares; `AwardWriter` writes with
statements (here), `BulkAwardWriter` with bulk payloads into a rebuilt graph
(`loaders.awards.bulk_writer`). Each chunk is planned (in Python) and then sent; `plan`
and `send` are separate so that the loader can plan the next chunk while the store
executes this one (`loaders.awards.ingest`).

The writer remembers which enterprises and projects this load has written, and asks the
graph about the others only when the graph held any such nodes before the load began;
so a first load never reads before it writes, and nodes are created with plain CREATE
statements fed tab-separated lines (see `graph.queries.awards`). What the graph already
has is updated with MERGE statements instead, which is what makes loading a file again
change nothing.
"""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Generic, TypeVar

from graph.queries import awards as q
from graph.queries.bulk import link_nodes
from graph.queries.vocabulary import ensure_vocabulary_nodes, upsert_vocabulary_edges
from graph.store import GraphStore
from graph.text_index import index_text
from loaders.awards.enterprises import CandidateLink, EnterpriseRecord, EnterpriseRecords, find_candidate_links
from loaders.awards.prepare import PreparedAward
from loaders.awards.resolve import NewPark

Planned = TypeVar("Planned")

FEN_PER_WAN = 1_000_000  # amounts travel as whole fen (分); see graph.queries.awards


class EnterpriseState:
    """What a load has seen of an enterprise: whether the graph had it, how it was first listed,
    and what its rows said.

    A million-row list holds half a million of these, each alive to the end of the load, so each
    keeps to a few small containers: a second name makes a set, a focus area keeps only its
    first project (a second one is all `shares_focus_area` needs), places are a short list.
    """

    __slots__ = ("_area_projects", "_other_names", "city_uid", "credit_code", "existed", "first_name", "name_key",
                 "places", "province_uid", "shares_focus_area", "work")

    def __init__(self, existed: bool, first: PreparedAward) -> None:
        self.existed = existed
        self.first_name = first.enterprise_name  # the name the node was created with; the others become aliases
        self.city_uid = first.city_uid
        self.name_key = first.enterprise_key
        self.credit_code = first.credit_code
        self.province_uid = first.province_uid
        self.places: list[str] = []
        self.work: list[str] = []  # project name keys and `focusArea|year`, for candidate links
        self.shares_focus_area = False  # two of its projects awarded in one focus area
        self._other_names: set[str] | None = None
        self._area_projects: dict[str, str] | None = None  # focus area -> its first project

    def note(self, award: PreparedAward) -> None:
        """What one of its awards says: a name, a project, a focus area and year (not its places)."""
        if award.enterprise_name != self.first_name:
            if self._other_names is None:
                self._other_names = set()
            self._other_names.add(award.enterprise_name)
        self.work.append(award.project_key)
        area = award.focus_area_uid
        if area:
            self.work.append(area_year(area, award.year))
            if self._area_projects is None:
                self._area_projects = {area: award.project_uid}
            elif self._area_projects.setdefault(area, award.project_uid) != award.project_uid:
                self.shares_focus_area = True

    def add_place(self, place: str) -> bool:
        """Remember a city or park it is listed in; False if it was already known."""
        if place in self.places:
            return False
        self.places.append(place)
        return True

    def aliases(self) -> list[str]:
        """The names it was listed under besides the first, sorted."""
        return sorted(self._other_names) if self._other_names else []

    def names(self) -> list[str]:
        """Every name it was listed under in this load, sorted."""
        return sorted({self.first_name, *(self._other_names or ())})


def enterprise_records(states: dict[str, EnterpriseState]) -> EnterpriseRecords:
    """The load's enterprises as candidate-link records, column by column: half a million
    records need no tuple each."""
    values = states.values()
    return EnterpriseRecords(list(states), [state.city_uid for state in values],
                             [state.name_key for state in values], [state.credit_code for state in values])


@lru_cache(maxsize=4096)
def area_year(area: str, year: int) -> str:
    """`focusArea|year`, one string for each pair (a million awards name a few hundred pairs)."""
    return f"{area}|{year}"


@dataclass(slots=True)
class ProjectState:
    """Whether the graph had a project before the load, and how many awards the load gave it."""

    existed: bool
    awards: int = 0


class KnownTargets:
    """The (project, focus area) pairs the load has written a TARGETS relationship for. Nearly
    every project has one focus area, kept as a plain entry; only further ones make a pair."""

    def __init__(self) -> None:
        self._first: dict[str, str] = {}
        self._more: set[tuple[str, str]] = set()

    def add(self, project_uid: str, area_uid: str) -> bool:
        """Remember the pair; False if it was known already."""
        first = self._first.get(project_uid)
        if first is None:
            self._first[project_uid] = area_uid
            return True
        if first == area_uid or (project_uid, area_uid) in self._more:
            return False
        self._more.add((project_uid, area_uid))
        return True


@dataclass
class PlannedChunk:
    """The lines of one chunk's statements, in the order `AwardWriter.send` runs them."""

    enterprises: list[str] = field(default_factory=list)
    places: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {"City": [], "Park": []})
    single_award_projects: list[str] = field(default_factory=list)
    projects: list[tuple[str, list[str]]] = field(default_factory=list)
    awards: list[str] = field(default_factory=list)
    award_updates: list[dict[str, Any]] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class WriteCounts:
    enterprises_created: int = 0
    projects_created: int = 0
    awards_created: int = 0
    awards_rewritten: int = 0
    candidate_links: int = 0


class ListWriter(ABC, Generic[Planned]):
    """What every way of writing a list shares: what the load has written so far, and what
    needs the whole list at the end (`finish`). Subclasses plan and send chunks."""

    def __init__(self, store: GraphStore, *, source_file: str, sample: bool) -> None:
        self.store = store
        self.source_file = source_file
        self.sample = sample
        self.counts = WriteCounts()
        self._enterprises: dict[str, EnterpriseState] = {}
        self._targets = KnownTargets()

    @abstractmethod
    async def start(self) -> None: ...

    @abstractmethod
    async def write_parks(self, parks: Iterable[NewPark]) -> None:
        """Parks no document named yet: a node in its city or district, found by search."""

    @abstractmethod
    async def plan(self, awards: list[PreparedAward]) -> Planned:
        """Build what a chunk writes and remember it; nothing is written yet."""

    @abstractmethod
    async def send(self, planned: Planned) -> None:
        """Write a planned chunk; chunks must be sent in the order they were planned."""

    async def abandon(self) -> None:
        """The load stopped before `finish`: what was sent stays written (every write is repeatable)."""

    @abstractmethod
    async def finish(self, city_names: dict[str, str]) -> None:
        """What needs the whole file: the audit's markers, aliases, and candidate links."""


class AwardWriter(ListWriter[PlannedChunk]):
    """Writes a list with statements: CREATE for what is new, MERGE for what the graph had."""

    def __init__(self, store: GraphStore, *, graph_had: dict[q.Label, bool], source_file: str, sample: bool) -> None:
        """`graph_had`: whether the graph held enterprises, projects, awards before the load
        (`graph.queries.awards.labels_with_nodes`); only then are they looked up."""
        super().__init__(store, source_file=source_file, sample=sample)
        self._graph_had = graph_had
        self._position: dict[str, dict[str, int]] = {}
        self._projects: dict[str, ProjectState] = {}

    async def start(self) -> None:
        await self._read_positions()

    async def _read_positions(self) -> None:
        # The create statements collect these nodes in uid order and take them by position.
        self._position = {kind: {uid: index for index, uid in enumerate(uids)}
                          for kind, uids in (await q.reference_uids(self.store)).items()}

    async def write_parks(self, parks: Iterable[NewPark]) -> None:
        parks = list(parks)
        if not parks:
            return
        await ensure_vocabulary_nodes(self.store, "Park", [
            {"uid": p.uid, "props": {"name": p.name, "kind": "park", "searchText": index_text(p.name)}}
            for p in parks])
        for parent in ("City", "District"):
            edges = [{"source": p.uid, "target": p.parent_uid} for p in parks if p.parent_label == parent]
            await upsert_vocabulary_edges(self.store, ("Park", "IN", parent), edges)
        await self._read_positions()

    async def plan(self, awards: list[PreparedAward]) -> PlannedChunk:
        """The chunk's lines. Reads the graph only for nodes it may have held before this load began."""
        planned = PlannedChunk()
        if awards:
            await self._plan_enterprises(awards, planned)
            await self._plan_projects_and_awards(awards, planned)
        return planned

    async def send(self, planned: PlannedChunk) -> None:
        await q.create_enterprises(self.store, planned.enterprises, sample=self.sample)
        for place, rows in planned.places.items():  # other cities and parks an enterprise is listed in
            await link_nodes(self.store, "Enterprise", "LOCATED_IN", place, rows, batch_size=q.CHUNK)
        await q.create_single_award_projects(self.store, planned.single_award_projects,
                                             source_file=self.source_file, sample=self.sample)
        await q.create_projects(self.store, planned.projects, source_file=self.source_file, sample=self.sample)
        await q.create_awards(self.store, planned.awards, source_file=self.source_file, sample=self.sample)
        await q.update_awards(self.store, planned.award_updates)
        await link_nodes(self.store, "Project", "TARGETS", "FocusArea", planned.targets, batch_size=q.CHUNK)

    async def _existing(self, label: q.Label, uids: list[str]) -> set[str]:
        if not uids or not self._graph_had[label]:
            return set()
        return await q.existing_uids(self.store, label, uids)

    async def _plan_enterprises(self, awards: list[PreparedAward], planned: PlannedChunk) -> None:
        unseen = list(dict.fromkeys(a.enterprise_uid for a in awards if a.enterprise_uid not in self._enterprises))
        existing = await self._existing("Enterprise", unseen)
        lines = planned.enterprises
        places = planned.places
        for award in awards:
            uid = award.enterprise_uid
            state = self._enterprises.get(uid)
            if state is None:
                state = self._enterprises[uid] = EnterpriseState(uid in existing, award)
                if not state.existed:  # created with its first city and park
                    lines.append(self._enterprise_line(award))
                    state.add_place(award.city_uid)
                    if award.park_uid:
                        state.add_place(award.park_uid)
            state.note(award)
            for label, place in (("City", award.city_uid), ("Park", award.park_uid)):
                if place and state.add_place(place):
                    places[label].append({"source": uid, "target": place, "props": {}})
        self.counts.enterprises_created += len(lines)

    # Lines are tab-separated fields (see graph.queries.awards); text fields come without tabs
    # or line breaks from `loaders.awards.prepare`.

    def _enterprise_line(self, a: PreparedAward) -> str:
        park = self._position["parks"][a.park_uid] if a.park_uid else ""
        return (f"{a.enterprise_uid}\t{a.enterprise_name}\t{a.enterprise_key}\t{a.credit_code or ''}\t"
                f"{self._position['cities'][a.city_uid]}\t{park}\t{a.province_uid or ''}")

    async def _plan_projects_and_awards(self, awards: list[PreparedAward], planned: PlannedChunk) -> None:
        unseen = list(dict.fromkeys(a.project_uid for a in awards if a.project_uid not in self._projects))
        existing = await self._existing("Project", unseen)
        new: dict[str, tuple[str, list[str]]] = {}
        new_areas: dict[str, str | None] = {}
        to_known: list[PreparedAward] = []
        for award in awards:
            uid = award.project_uid
            state = self._projects.get(uid)
            if state is None:
                state = ProjectState(existed=uid in existing)
                self._projects[uid] = state
                if not state.existed:
                    new[uid] = (self._project_line(award), [self._award_line(award)])
                    new_areas[uid] = award.focus_area_uid
                    state.awards = 1
                    continue
            state.awards += 1
            if uid in new:
                new[uid][1].append(self._award_line(award))
            else:
                to_known.append(award)
        self.counts.projects_created += len(new)
        self.counts.awards_created += sum(len(lines) for _, lines in new.values())
        planned.single_award_projects = [f"{project}\t{lines[0]}" for project, lines in new.values()
                                         if len(lines) == 1]
        planned.projects = [row for row in new.values() if len(row[1]) > 1]

        rewritten = await self._existing("Award", [a.award_uid for a in to_known])
        planned.awards = [self._award_line(a, a.project_uid) for a in to_known if a.award_uid not in rewritten]
        planned.award_updates = [
            {"projectUid": a.project_uid, "props": self._award_props(a),
             "sourceFile": self.source_file, "sourceRow": a.row}
            for a in to_known if a.award_uid in rewritten]
        self.counts.awards_created += len(to_known) - len(rewritten)
        self.counts.awards_rewritten += len(rewritten)

        targets = planned.targets
        for award in awards:
            area = award.focus_area_uid
            # A new project is created with a TARGETS relationship to the focus area of its first award.
            if area and self._targets.add(award.project_uid, area) and new_areas.get(award.project_uid) != area:
                targets.append({"source": award.project_uid, "target": area, "props": {}})

    def _project_line(self, a: PreparedAward) -> str:
        area = self._position["areas"][a.focus_area_uid] if a.focus_area_uid else ""
        return (f"{a.enterprise_uid}\t{a.project_uid}\t{a.project_name}\t{a.project_key}\t{a.city_uid}\t"
                f"{a.province_uid or ''}\t{a.park_uid or ''}\t{area}")

    def _award_line(self, a: PreparedAward, project_uid: str | None = None) -> str:
        area = self._position["areas"][a.focus_area_uid] if a.focus_area_uid else ""
        line = (f"{a.award_uid}\t{self._position['programs'][a.program_uid]}\t{round(a.amount_wan * FEN_PER_WAN)}\t"
                f"{a.year}\t{a.batch or ''}\t{a.source}\t{area}\t{a.row}")
        return line if project_uid is None else f"{line}\t{project_uid}"

    def _award_props(self, award: PreparedAward) -> dict[str, Any]:
        """An award listed before: everything but where it was first read."""
        props: dict[str, Any] = {
            "uid": award.award_uid, "amountWan": float(award.amount_wan), "year": award.year,
            "batch": award.batch, "source": award.source, "programUid": award.program_uid, "level": award.level,
            "focusAreaUid": award.focus_area_uid, "sample": self.sample,
        }
        return {key: value for key, value in props.items() if value is not None}

    async def finish(self, city_names: dict[str, str]) -> None:
        # Finding candidates is Python work over every enterprise of the file: for a big file it
        # runs in another process while the store writes the markers and aliases.
        finding = asyncio.create_task(find_candidate_links(await self._records_to_link(), city_names))
        try:
            await self._write_markers_and_aliases()
            links = await finding
        finally:
            finding.cancel()
        await self._link_candidates(links)

    async def _write_markers_and_aliases(self) -> None:
        await q.set_award_counts(self.store, [{"uid": uid, "awards": state.awards}
                                              for uid, state in self._projects.items()
                                              if not state.existed and state.awards > 1])
        await q.recount_project_awards(self.store, [uid for uid, state in self._projects.items() if state.existed])
        await q.mark_shared_focus_areas(self.store, [
            uid for uid, state in self._enterprises.items() if not state.existed and state.shares_focus_area])
        await q.recheck_shared_focus_areas(self.store, [uid for uid, s in self._enterprises.items() if s.existed])
        await q.set_new_enterprise_aliases(self.store, [
            "\t".join([uid, *aliases]) for uid, state in self._enterprises.items()
            if not state.existed and (aliases := state.aliases())])
        await q.add_enterprise_aliases(self.store, [
            "\t".join([uid, *state.names()]) for uid, state in self._enterprises.items() if state.existed])

    async def _records_to_link(self) -> EnterpriseRecords:
        """This file's enterprises and, if the graph had enterprises before, those of the same cities."""
        records = enterprise_records(self._enterprises)
        if self._graph_had["Enterprise"]:
            known = set(records.uids)
            for row in await q.enterprises_in_cities(self.store, sorted(set(records.city_uids))):
                if row["uid"] not in known:
                    known.add(row["uid"])
                    records.append(EnterpriseRecord(row["uid"], row["cityUid"], row["nameKey"], row.get("creditCode")))
        return records

    async def _link_candidates(self, links: list[CandidateLink]) -> None:
        # What each linked record's awards are about: this load's rows, and for records the graph
        # had before, everything they were awarded (read once, for the linked ones only).
        linked = list(dict.fromkeys(uid for link in links for uid in (link.source, link.target)))
        work = {uid: set(self._enterprises[uid].work) for uid in linked if uid in self._enterprises}
        earlier = [uid for uid in linked if uid not in self._enterprises or self._enterprises[uid].existed]
        for row in await q.enterprise_work(self.store, earlier):
            work[row["uid"]] = {*work.get(row["uid"], ()), *row["projectKeys"],
                                *(item for item in row["areaYears"] if item)}
        await q.link_candidates(self.store, [
            {"source": link.source, "target": link.target, "score": link.score, "reasons": list(link.reasons),
             "sharedWork": share_work(work.get(link.source, set()), work.get(link.target, set()))}
            for link in links])
        self.counts.candidate_links = len(links)


def share_work(first: set[str], second: set[str]) -> bool:
    """Could awards of the two records be one project: a shared project name key, or a focus
    area in the same or adjacent years? Only then does the audit look at the link."""
    if first & second:
        return True
    for item in first:
        area, _, year = item.rpartition("|")
        if area and year.isdigit() and (f"{area}|{int(year) - 1}" in second or f"{area}|{int(year) + 1}" in second):
            return True
    return False
