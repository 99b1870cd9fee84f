"""The first big award list of a graph, written as bulk payloads into a rebuilt graph.

Writes the same nodes, properties and relationships as `AwardWriter`'s statements
(`tests/awards/test_bulk_build.py` compares the two graphs), several times cheaper for the
store: see `graph.rebuild` for why this needs a graph built anew, and `loaders.awards.ingest`
for when the loader chooses it. Only for a graph without enterprises, projects or awards,
so every node of the list is new and nothing has to be looked up.

Projects and awards are written chunk by chunk, their relationships after every node
(see `_relationship_payloads`). Enterprises are written last, when the whole list has
told their aliases and whether two of their projects share a focus area, with their
places, their projects' BY relationships and their candidate links; so only two small
statements remain (award counts of projects with several awards, and the `linkedWork`
marker), and all of it goes into the new graph before it is put in place:
readers see the list at once and complete.
"""

from __future__ import annotations

import asyncio
from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain

from graph.bulk_format import ANY, BOOLEAN, FLOAT, INTEGER, TEXT, BulkPayload, Column, Value
from graph.queries import awards as q
from graph.rebuild import GraphRebuild
from graph.store import GraphStore
from graph.text_index import index_text
from loaders.awards.enterprises import CandidateLink, find_candidate_links
from loaders.awards.prepare import PreparedAward
from loaders.awards.resolve import NewPark
from loaders.awards.sender import ChunkSender
from loaders.awards.writer import FEN_PER_WAN, EnterpriseState, ListWriter, enterprise_records, share_work

# The properties `graph.queries.awards` gives new nodes, in the order the payloads carry them.
ENTERPRISE_COLUMNS = (("uid", TEXT), ("name", TEXT), ("nameKey", TEXT), ("creditCode", TEXT), ("identifiedBy", TEXT),
                      ("cityUid", TEXT), ("provinceUid", TEXT), ("sample", BOOLEAN), ("aliases", ANY),
                      ("sharesFocusArea", BOOLEAN))
PROJECT_COLUMNS = (("uid", TEXT), ("name", TEXT), ("nameKey", TEXT), ("cityUid", TEXT), ("provinceUid", TEXT),
                   ("parkUid", TEXT), ("sample", BOOLEAN))
# Texts first, numbers last: a record's texts are then encoded in one piece (`graph.bulk_format`).
AWARD_COLUMNS = (("uid", TEXT), ("programUid", TEXT), ("level", TEXT), ("batch", TEXT), ("source", TEXT),
                 ("focusAreaUid", TEXT), ("sourceFile", TEXT), ("sample", BOOLEAN), ("amountWan", FLOAT),
                 ("year", INTEGER), ("sourceRow", INTEGER))
PARK_COLUMNS = (("uid", TEXT), ("name", TEXT), ("kind", TEXT), ("searchText", TEXT))
VOCABULARY_EDGE_COLUMNS = (("vocabulary", BOOLEAN),)
LINK_COLUMNS = (("score", FLOAT), ("reasons", ANY), ("sharedWork", BOOLEAN))
# Nodes and relationships per payload of what is written at the end: each holds the store about
# as long as a chunk of 10,000 awards does. Relationships without properties cost the store
# little each, and a payload more costs the loader a turn of its event loop, so they go in big
# payloads (6.4 MB): with 50,000, the store waited for the loader about a second in all.
PAYLOAD_NODES = 25_000
PAYLOAD_EDGES = 400_000
# Payloads of the end that may wait for the store: all of the chunks' relationships (a million
# awards make seven), so that the enterprises are encoded meanwhile.
FINISH_PAYLOADS_AHEAD = 16


class BulkAwardWriter(ListWriter[BulkPayload]):
    """Plans each chunk as one bulk payload; the rebuild's node ids say where everything is."""

    def __init__(self, store: GraphStore, rebuild: GraphRebuild, *, source_file: str, sample: bool) -> None:
        super().__init__(store, source_file=source_file, sample=sample)
        self.rebuild = rebuild
        self._ids: dict[str, int] = {}  # uid -> node id in the new graph
        self._enterprise_index: dict[str, int] = {}  # uid -> position among the enterprise nodes written last
        self._project_awards: dict[str, int] = {}  # uid -> how many awards of the list it received
        self._project_enterprises = array("Q")  # (project id, enterprise position) pairs, for the BY edges
        # (source id, target id) pairs of the chunks' relationships, written after every node.
        self._relationships: dict[str, array[int]] = {type_: array("Q") for type_ in ("RECEIVED", "FROM", "TARGETS")}

    async def start(self) -> None:
        await self.rebuild.begin()
        self._ids = dict(self.rebuild.uid_ids)

    async def write_parks(self, parks: Iterable[NewPark]) -> None:
        parks = [park for park in parks if park.uid not in self._ids]
        if not parks:
            return
        payload = self.rebuild.payload()
        token = payload.nodes(("Park", "Searchable"), PARK_COLUMNS, len(parks))
        for park in parks:
            self._ids[park.uid] = token.add((park.uid, park.name, "park", index_text(park.name)))
        edges = payload.edges("IN", VOCABULARY_EDGE_COLUMNS)
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
            if award.project_uid not in self._project_awards:
                new_projects.setdefault(award.project_uid, award)
        payload = self.rebuild.payload()
        self._add_enterprises(list(new_enterprises.values()))
        self._add_projects(payload, list(new_projects.values()))
        self._add_awards(payload, awards)
        return payload

    async def send(self, planned: BulkPayload) -> None:
        await self.rebuild.send(planned)

    async def finish(self, city_names: dict[str, str]) -> None:
        """The chunks' relationships, the enterprises (now that their names and projects are known)
        and their candidate links, found meanwhile (in another process for many records); then the
        projects' award counts, and the new graph takes the old one's place."""
        # Payloads queue up for a sending task of their own: the store adds the relationships while
        # this process encodes the enterprises, and those while candidate links are found.
        sender: ChunkSender[BulkPayload] = ChunkSender(self, ahead=FINISH_PAYLOADS_AHEAD)
        payloads = chain(self._relationship_payloads(), self._enterprise_payloads())
        finding: asyncio.Task[list[CandidateLink]] | None = None
        try:
            await sender.put(next(payloads))  # the store starts on it while the search starts
            states = self._enterprises
            finding = asyncio.create_task(find_candidate_links(enterprise_records(states), city_names))
            # Encoded in a thread: the event loop stays free to pass the payloads to the store,
            # which reads each only once it is all sent.
            while (payload := await asyncio.to_thread(next, payloads, None)) is not None:
                await sender.put(payload)
            links = await finding
            shared = [share_work(set(states[link.source].work), set(states[link.target].work)) for link in links]
            for payload in self._link_payloads(links, shared):
                await sender.put(payload)
            await sender.close()
        finally:
            if finding is not None:
                finding.cancel()
            sender.cancel()
        building = self.rebuild.building
        await q.mark_linked_work(building, [
            (link.source, link.target) for link, shares in zip(links, shared, strict=True) if shares])
        await q.set_award_counts(building, [
            {"uid": uid, "awards": awards} for uid, awards in self._project_awards.items() if awards > 1])
        self.counts.candidate_links = len(links)
        await self.rebuild.commit()

    async def abandon(self) -> None:
        await self.rebuild.abort()

    def _add_enterprises(self, new: list[PreparedAward]) -> None:
        # Only remembered here: an enterprise's node is written at the end (`_enterprise_payloads`),
        # with the aliases and markers the whole list decides.
        for a in new:
            uid = a.enterprise_uid
            self._enterprise_index[uid] = len(self._enterprise_index)
            self._enterprises[uid] = EnterpriseState(False, a)
        self.counts.enterprises_created += len(new)

    def _relationship_payloads(self) -> list[BulkPayload]:
        """The chunks' relationships. They wait for the end because the store merges each payload's
        relationships into matrices that hold every relationship so far, which costs in proportion
        to their size: added chunk by chunk, that was a seventh of its work for a million awards."""
        edges = _EdgePayloads(self.rebuild)
        for type_, ends in self._relationships.items():
            edges.add_ends(type_, ends)
        self._relationships.clear()
        return edges.payloads()

    def _enterprise_payloads(self) -> Iterator[BulkPayload]:
        """The enterprise nodes, then their places and projects, in payloads of a chunk's size: one
        payload holds the store for as long as it takes to add."""
        sample = self.sample
        ids = self._ids
        uids = list(self._enterprise_index)
        for start in range(0, len(uids), PAYLOAD_NODES):
            payload = self.rebuild.payload()
            batch = uids[start:start + PAYLOAD_NODES]
            token = payload.nodes(("Enterprise",), ENTERPRISE_COLUMNS, len(batch))
            for uid in batch:
                state = self._enterprises[uid]
                aliases: list[Value] | None = [*state.aliases()] or None
                ids[uid] = token.add((
                    uid, state.first_name, state.name_key, state.credit_code,
                    "CREDIT_CODE" if state.credit_code else "NAME", state.city_uid, state.province_uid, sample,
                    aliases, True if state.shares_focus_area else None))
            yield payload

        located = array("Q")  # (enterprise id, place id) pairs
        for uid in uids:
            node = ids[uid]
            for place in self._enterprises[uid].places:
                located.append(node)
                located.append(ids[place])
        edges = _EdgePayloads(self.rebuild)
        edges.add_ends("LOCATED_IN", located)
        first = ids[uids[0]] if uids else 0  # enterprise ids follow their order of first appearance
        pairs = self._project_enterprises
        pairs[1::2] = array("Q", [first + position for position in pairs[1::2]])
        edges.add_ends("BY", pairs)
        yield from edges.payloads()

    def _link_payloads(self, links: list[CandidateLink], shared: list[bool]) -> list[BulkPayload]:
        edges = _EdgePayloads(self.rebuild)
        ids = self._ids
        for link, shares in zip(links, shared, strict=True):
            reasons: list[Value] = [*link.reasons]
            edges.add("MAYBE_SAME_AS", ids[link.source], ids[link.target], (link.score, reasons, shares), LINK_COLUMNS)
        return edges.payloads()

    def _add_projects(self, payload: BulkPayload, new: list[PreparedAward]) -> None:
        ids = self._ids
        sample = self.sample
        token = payload.nodes(("Project",), PROJECT_COLUMNS, len(new))
        targets = self._relationships["TARGETS"]
        by = self._project_enterprises
        enterprise_index = self._enterprise_index
        for a in new:
            uid = a.project_uid
            node = ids[uid] = token.add((uid, a.project_name, a.project_key, a.city_uid, a.province_uid, a.park_uid,
                                         sample))
            by.append(node)  # the enterprise's id is known once its node is written, at the end
            by.append(enterprise_index[a.enterprise_uid])
            if a.focus_area_uid:  # the focus area of the project's first award, as the statements do
                targets.append(node)
                targets.append(ids[a.focus_area_uid])
                self._targets.add(uid, a.focus_area_uid)
            self._project_awards[uid] = 0
        self.counts.projects_created += len(new)

    def _add_awards(self, payload: BulkPayload, awards: list[PreparedAward]) -> None:
        ids = self._ids
        sample = self.sample
        source_file = self.source_file
        project_awards = self._project_awards
        enterprises = self._enterprises
        known_targets = self._targets
        token = payload.nodes(("Award",), AWARD_COLUMNS, len(awards))
        add_award = token.add
        # Awards get consecutive ids from the token's first: their relationships are packed as
        # id pairs, (project, award) and (award, program), and added in one go.
        project_ids: list[int] = []
        program_ids: list[int] = []
        targets = self._relationships["TARGETS"]
        for a in awards:
            area = a.focus_area_uid
            add_award((a.award_uid, a.program_uid, a.level, a.batch, a.source, area, source_file, sample,
                       round(a.amount_wan * FEN_PER_WAN) / 1_000_000.0, a.year, a.row))
            project_uid = a.project_uid
            project = ids[project_uid]
            project_ids.append(project)
            program_ids.append(ids[a.program_uid])
            project_awards[project_uid] += 1

            enterprise = enterprises[a.enterprise_uid]
            enterprise.note(a)
            enterprise.add_place(a.city_uid)
            if a.park_uid:
                enterprise.add_place(a.park_uid)
            if area and known_targets.add(project_uid, area):
                targets.append(project)
                targets.append(ids[area])
        award_ids = range(token.first_id, token.first_id + len(awards))
        relationships = self._relationships
        relationships["RECEIVED"].extend(_pairs(project_ids, award_ids))
        relationships["FROM"].extend(_pairs(award_ids, program_ids))
        self.counts.awards_created += len(awards)


class _EdgePayloads:
    """Relationships between nodes already written, cut into payloads of `PAYLOAD_EDGES`."""

    def __init__(self, rebuild: GraphRebuild) -> None:
        self.rebuild = rebuild
        self._done: list[BulkPayload] = []
        self._current = rebuild.payload()
        self._count = 0

    def add(self, type_: str, source: int, target: int, values: Sequence[Value] = (),
            columns: Sequence[Column] = ()) -> None:
        self._current.edges(type_, columns).add(source, target, values)
        self._count += 1
        if self._count == PAYLOAD_EDGES:
            self._next()

    def add_ends(self, type_: str, pairs: array[int]) -> None:
        """Relationships without properties, as (source, target) pairs laid end to end."""
        start = 0
        while start < len(pairs):
            room = 2 * (PAYLOAD_EDGES - self._count)
            taken = pairs[start:start + room]
            self._current.edges(type_).add_ends(taken)
            self._count += len(taken) // 2
            start += len(taken)
            if self._count == PAYLOAD_EDGES:
                self._next()

    def _next(self) -> None:
        self._done.append(self._current)
        self._current = self.rebuild.payload()
        self._count = 0

    def payloads(self) -> list[BulkPayload]:
        return [*self._done, self._current]


def _pairs(sources: Sequence[int], targets: Sequence[int]) -> array[int]:
    """(source, target) id pairs laid end to end, as `EdgeToken.add_ends` takes them."""
    ends = array("Q", bytes(16 * len(sources)))
    ends[0::2] = array("Q", sources)
    ends[1::2] = array("Q", targets)
    return ends

