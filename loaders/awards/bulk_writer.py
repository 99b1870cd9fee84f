"""The first big award list of a graph, written as bulk payloads into a rebuilt graph.

Writes the same nodes, properties and relationships as `AwardWriter`'s statements
(`tests/awards/test_bulk_build.py` compares the two graphs), about twenty times cheaper for
the store: see `graph.rebuild` for why this needs a graph built anew, and when the loader
chooses it (`loaders.awards.ingest`). Only for a graph without enterprises, projects or
awards, so every node of the list is new and no statement has to look anything up.

The markers, aliases and candidate links that need the whole list are written by
`ListWriter.finish` into the new graph before it is put in place, so readers see the
list all at once, complete.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.bulk_format import BulkPayload
from graph.rebuild import GraphRebuild
from graph.store import GraphStore
from graph.text_index import index_text
from loaders.awards.enterprises import EnterpriseRecord
from loaders.awards.prepare import PreparedAward
from loaders.awards.resolve import NewPark
from loaders.awards.writer import FEN_PER_WAN, ListWriter, _Enterprise, _Project

# The properties `graph.queries.awards` gives new nodes, in the order the payloads carry them.
ENTERPRISE_PROPERTIES = ("uid", "name", "nameKey", "creditCode", "identifiedBy", "cityUid", "provinceUid", "sample")
PROJECT_PROPERTIES = ("uid", "name", "nameKey", "cityUid", "provinceUid", "parkUid", "sample")
AWARD_PROPERTIES = ("uid", "programUid", "level", "amountWan", "year", "batch", "source", "focusAreaUid",
                    "sourceFile", "sourceRow", "sample")
PARK_PROPERTIES = ("uid", "name", "kind", "searchText")


class BulkAwardWriter(ListWriter[BulkPayload]):
    def __init__(self, store: GraphStore, rebuild: GraphRebuild, *, source_file: str, sample: bool) -> None:
        super().__init__(store, source_file=source_file, sample=sample)
        self.rebuild = rebuild
        self._ids: dict[str, int] = {}  # uid -> node id in the new graph

    async def start(self) -> None:
        self._graph_had = {"Enterprise": False, "Project": False, "Award": False}
        await self.rebuild.begin()
        self._ids = dict(self.rebuild.uid_ids)

    async def write_parks(self, parks: Iterable[NewPark]) -> None:
        parks = [park for park in parks if park.uid not in self._ids]
        if not parks:
            return
        payload = self.rebuild.payload()
        token = payload.nodes(("Park", "Searchable"), PARK_PROPERTIES, len(parks))
        for park in parks:
            self._ids[park.uid] = token.add((park.uid, park.name, "park", index_text(park.name)))
        edges = payload.edges("IN", ("vocabulary",))
        for park in parks:
            if park.parent_uid in self._ids:
                edges.add(self._ids[park.uid], self._ids[park.parent_uid], (True,))
        await self.rebuild.send(payload)

    async def plan(self, awards: list[PreparedAward]) -> BulkPayload:
        new_enterprises: dict[str, PreparedAward] = {}  # uid -> its first award in the list
        new_projects: dict[str, PreparedAward] = {}
        for award in awards:
            if award.enterprise_uid not in self._enterprises:
                new_enterprises.setdefault(award.enterprise_uid, award)
            if award.project_uid not in self._projects:
                new_projects.setdefault(award.project_uid, award)
        payload = self.rebuild.payload()
        self._add_enterprises(payload, list(new_enterprises.values()))
        self._add_projects(payload, list(new_projects.values()))
        self._add_awards(payload, awards)
        return payload

    async def send(self, planned: BulkPayload) -> None:
        await self.rebuild.send(planned)

    async def finish(self, city_names: dict[str, str]) -> None:
        writing_to = self.store
        self.store = self.rebuild.building  # into the new graph, before it is put in place
        try:
            await super().finish(city_names)
        finally:
            self.store = writing_to
        await self.rebuild.commit()

    async def abandon(self) -> None:
        await self.rebuild.abort()

    def _add_enterprises(self, payload: BulkPayload, new: list[PreparedAward]) -> None:
        ids = self._ids
        sample = self.sample
        token = payload.nodes(("Enterprise",), ENTERPRISE_PROPERTIES, len(new))
        located = payload.edges("LOCATED_IN")
        for a in new:
            uid = a.enterprise_uid
            node = ids[uid] = token.add((uid, a.enterprise_name, a.enterprise_key, a.credit_code,
                                         "CREDIT_CODE" if a.credit_code else "NAME", a.city_uid, a.province_uid,
                                         sample))
            located.add(node, ids[a.city_uid])
            state = self._enterprises[uid] = _Enterprise(existed=False, first_name=a.enterprise_name)
            state.places.add(a.city_uid)
            if a.park_uid:
                located.add(node, ids[a.park_uid])
                state.places.add(a.park_uid)
            self._records[uid] = EnterpriseRecord(uid, a.city_uid, a.enterprise_key, a.credit_code)
        self.counts.enterprises_created += len(new)

    def _add_projects(self, payload: BulkPayload, new: list[PreparedAward]) -> None:
        ids = self._ids
        sample = self.sample
        token = payload.nodes(("Project",), PROJECT_PROPERTIES, len(new))
        by = payload.edges("BY")
        targets = payload.edges("TARGETS")
        for a in new:
            uid = a.project_uid
            node = ids[uid] = token.add((uid, a.project_name, a.project_key, a.city_uid, a.province_uid, a.park_uid,
                                         sample))
            by.add(node, ids[a.enterprise_uid])
            if a.focus_area_uid:  # the focus area of the project's first award, as the statements do
                targets.add(node, ids[a.focus_area_uid])
                self._targets.add((uid, a.focus_area_uid))
            self._projects[uid] = _Project(existed=False)
        self.counts.projects_created += len(new)

    def _add_awards(self, payload: BulkPayload, awards: list[PreparedAward]) -> None:
        ids = self._ids
        sample = self.sample
        source_file = self.source_file
        token = payload.nodes(("Award",), AWARD_PROPERTIES, len(awards))
        received = payload.edges("RECEIVED")
        from_program = payload.edges("FROM")
        targets = payload.edges("TARGETS")
        located = payload.edges("LOCATED_IN")
        for a in awards:
            area = a.focus_area_uid
            node = token.add((a.award_uid, a.program_uid, a.level, round(a.amount_wan * FEN_PER_WAN) / 1_000_000.0,
                              a.year, a.batch, a.source, area, source_file, a.row, sample))
            project = ids[a.project_uid]
            received.add(project, node)
            from_program.add(node, ids[a.program_uid])
            self._projects[a.project_uid].awards += 1

            enterprise = self._enterprises[a.enterprise_uid]
            enterprise.names.add(a.enterprise_name)
            enterprise.work.add(a.project_key)
            if area:
                enterprise.projects_by_area.setdefault(area, set()).add(a.project_uid)
                enterprise.work.add(f"{area}|{a.year}")
                if (a.project_uid, area) not in self._targets:
                    self._targets.add((a.project_uid, area))
                    targets.add(project, ids[area])
            for place in (a.city_uid, a.park_uid):
                if place and place not in enterprise.places:
                    enterprise.places.add(place)
                    located.add(ids[a.enterprise_uid], ids[place])
        self.counts.awards_created += len(awards)
