"""Write prepared awards chunk by chunk, then what needs the whole file (counts, aliases, links).

The writer remembers which enterprises and projects this load has written, and asks the
graph about the others only when the graph held any such nodes before the load began;
so a first load never reads before it writes, and nodes are created with plain CREATE
statements. What the graph already has is updated with MERGE statements instead, which
is what makes loading a file again change nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.queries import awards as q
from graph.queries.vocabulary import ensure_vocabulary_nodes, upsert_vocabulary_edges
from graph.store import GraphStore
from graph.text_index import index_text
from loaders.awards.enterprises import EnterpriseRecord, candidate_links
from loaders.awards.prepare import PreparedAward
from loaders.awards.resolve import NewPark


@dataclass
class _Enterprise:
    existed: bool
    names: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    projects_by_area: dict[str, set[str]] = field(default_factory=dict)


@dataclass
class _Project:
    existed: bool
    awards: int = 0


@dataclass
class WriteCounts:
    enterprises_created: int = 0
    projects_created: int = 0
    awards_created: int = 0
    awards_rewritten: int = 0
    candidate_links: int = 0


class AwardWriter:
    def __init__(self, store: GraphStore, *, source_file: str, sample: bool) -> None:
        self.store = store
        self.source_file = source_file
        self.sample = sample
        self.counts = WriteCounts()
        self._enterprises: dict[str, _Enterprise] = {}
        self._records: dict[str, EnterpriseRecord] = {}
        self._projects: dict[str, _Project] = {}
        self._targets: set[tuple[str, str]] = set()
        self._graph_had: dict[q.Label, bool] = {}

    async def start(self) -> None:
        for label in ("Enterprise", "Project", "Award"):
            self._graph_had[label] = await q.label_has_nodes(self.store, label)

    async def write_parks(self, parks: Iterable[NewPark]) -> None:
        """Parks no document named yet: a node in its city or district, found by search."""
        parks = list(parks)
        if not parks:
            return
        await ensure_vocabulary_nodes(self.store, "Park", [
            {"uid": p.uid, "props": {"name": p.name, "kind": "park", "searchText": index_text(p.name)}}
            for p in parks])
        for parent in ("City", "District"):
            edges = [{"source": p.uid, "target": p.parent_uid} for p in parks if p.parent_label == parent]
            await upsert_vocabulary_edges(self.store, ("Park", "IN", parent), edges)

    async def write(self, awards: list[PreparedAward]) -> None:
        if not awards:
            return
        await self._write_enterprises(awards)
        await self._write_projects_and_awards(awards)

    async def _existing(self, label: q.Label, uids: list[str]) -> set[str]:
        if not uids or not self._graph_had[label]:
            return set()
        return await q.existing_uids(self.store, label, uids)

    async def _write_enterprises(self, awards: list[PreparedAward]) -> None:
        unseen = list(dict.fromkeys(a.enterprise_uid for a in awards if a.enterprise_uid not in self._enterprises))
        existing = await self._existing("Enterprise", unseen)
        creates: list[dict[str, Any]] = []
        places: dict[str, list[dict[str, str]]] = {"City": [], "Park": []}
        for award in awards:
            uid = award.enterprise_uid
            state = self._enterprises.get(uid)
            if state is None:
                state = _Enterprise(existed=uid in existing)
                self._enterprises[uid] = state
                self._records[uid] = EnterpriseRecord(uid, award.city_uid, award.enterprise_key, award.credit_code)
                if not state.existed:
                    creates.append(self._enterprise_row(award))
                    state.places.update(p for p in (award.city_uid, award.park_uid) if p)
            state.names.add(award.enterprise_name)
            if award.focus_area_uid:
                state.projects_by_area.setdefault(award.focus_area_uid, set()).add(award.project_uid)
            for label, place in (("City", award.city_uid), ("Park", award.park_uid)):
                if place and place not in state.places:
                    state.places.add(place)
                    places[label].append({"uid": uid, "placeUid": place})
        self.counts.enterprises_created += len(creates)
        await q.create_enterprises(self.store, creates)
        for label in ("City", "Park"):
            await q.locate_enterprises(self.store, label, places[label])  # type: ignore[arg-type]

    def _enterprise_row(self, award: PreparedAward) -> dict[str, Any]:
        props: dict[str, Any] = {
            "uid": award.enterprise_uid, "name": award.enterprise_name, "nameKey": award.enterprise_key,
            "cityUid": award.city_uid, "provinceUid": award.province_uid,
            "identifiedBy": "CREDIT_CODE" if award.credit_code else "NAME", "sample": self.sample,
        }
        if award.credit_code:
            props["creditCode"] = award.credit_code
        return {"cityUid": award.city_uid, "parkUid": award.park_uid, "props": _without_nulls(props)}

    async def _write_projects_and_awards(self, awards: list[PreparedAward]) -> None:
        unseen = list(dict.fromkeys(a.project_uid for a in awards if a.project_uid not in self._projects))
        existing = await self._existing("Project", unseen)
        new: dict[str, dict[str, Any]] = {}
        to_known: list[PreparedAward] = []
        for award in awards:
            uid = award.project_uid
            state = self._projects.get(uid)
            if state is None:
                state = _Project(existed=uid in existing)
                self._projects[uid] = state
                if not state.existed:
                    new[uid] = self._project_row(award)
                    state.awards = 1
                    continue
            state.awards += 1
            if uid in new:
                new[uid]["awards"].append({"props": self._award_props(award)})
            else:
                to_known.append(award)
        self.counts.projects_created += len(new)
        self.counts.awards_created += sum(len(row["awards"]) for row in new.values())
        await q.create_projects(self.store, list(new.values()))

        rewritten = await self._existing("Award", [a.award_uid for a in to_known])
        await q.create_awards(self.store, [{"projectUid": a.project_uid, "props": self._award_props(a)}
                                           for a in to_known if a.award_uid not in rewritten])
        await q.update_awards(self.store, [
            {"projectUid": a.project_uid, "props": self._award_props(a, provenance=False),
             "sourceFile": self.source_file, "sourceRow": a.row}
            for a in to_known if a.award_uid in rewritten])
        self.counts.awards_created += len(to_known) - len(rewritten)
        self.counts.awards_rewritten += len(rewritten)

        targets = []
        for award in awards:
            pair = (award.project_uid, award.focus_area_uid or "")
            if award.focus_area_uid and pair not in self._targets:
                self._targets.add(pair)
                created_with_it = award.project_uid in new and new[award.project_uid]["focusAreaUid"] == pair[1]
                if not created_with_it:
                    targets.append({"projectUid": pair[0], "focusAreaUid": pair[1]})
        await q.target_focus_areas(self.store, targets)

    def _project_row(self, award: PreparedAward) -> dict[str, Any]:
        props = _without_nulls({
            "uid": award.project_uid, "name": award.project_name, "nameKey": award.project_key,
            "cityUid": award.city_uid, "provinceUid": award.province_uid, "parkUid": award.park_uid,
            "sample": self.sample,
        })
        return {"enterpriseUid": award.enterprise_uid, "focusAreaUid": award.focus_area_uid, "props": props,
                "awards": [{"props": self._award_props(award)}]}

    def _award_props(self, award: PreparedAward, *, provenance: bool = True) -> dict[str, Any]:
        props: dict[str, Any] = {
            "uid": award.award_uid, "amountWan": award.amount_wan, "year": award.year, "batch": award.batch,
            "source": award.source, "programUid": award.program_uid, "level": award.level,
            "focusAreaUid": award.focus_area_uid, "sample": self.sample,
        }
        if provenance:
            props.update(sourceFile=self.source_file, sourceRow=award.row)
        return _without_nulls(props)

    async def finish(self, city_names: dict[str, str]) -> None:
        """What needs the whole file: the audit's markers, aliases, and candidate links."""
        await q.set_award_counts(self.store, [{"uid": uid, "awards": state.awards}
                                              for uid, state in self._projects.items()
                                              if not state.existed and state.awards > 1])
        await q.recount_project_awards(self.store, [uid for uid, state in self._projects.items() if state.existed])
        await q.mark_shared_focus_areas(self.store, [
            uid for uid, state in self._enterprises.items()
            if not state.existed and any(len(projects) > 1 for projects in state.projects_by_area.values())])
        await q.recheck_shared_focus_areas(self.store, [uid for uid, s in self._enterprises.items() if s.existed])
        await q.add_enterprise_aliases(self.store, [
            {"uid": uid, "names": sorted(state.names)} for uid, state in self._enterprises.items()
            if state.existed or len(state.names) > 1])
        await self._link_candidates(city_names)

    async def _link_candidates(self, city_names: dict[str, str]) -> None:
        records = dict(self._records)
        if self._graph_had["Enterprise"]:
            cities = sorted({record.city_uid for record in records.values()})
            for row in await q.enterprises_in_cities(self.store, cities):
                records.setdefault(row["uid"], EnterpriseRecord(row["uid"], row["cityUid"], row["nameKey"],
                                                                row.get("creditCode")))
        links = candidate_links(records.values(), city_names)
        await q.link_candidates(self.store, [
            {"source": link.source, "target": link.target, "score": link.score, "reasons": list(link.reasons)}
            for link in links])
        self.counts.candidate_links = len(links)


def _without_nulls(props: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in props.items() if value is not None}
