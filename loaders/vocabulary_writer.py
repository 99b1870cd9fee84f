"""Write the vocabulary under `seed/vocabulary/` into the graph as nodes and taxonomy edges."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.queries.vocabulary import upsert_vocabulary_edges, upsert_vocabulary_nodes
from graph.store import GraphStore
from graph.text_index import index_text
from loaders.chains import write_supply_chains
from loaders.identity import REGION_LABELS, region_uid
from loaders.vocabulary import Entry, Vocabulary


def _entry_props(entry: Entry, **extra: Any) -> dict[str, Any]:
    return {
        "name": entry.name,
        "nameEn": entry.name_en,
        "aliases": list(entry.aliases),
        "searchText": index_text(entry.name, entry.name_en, *entry.aliases),
        **extra,
    }


def _rows(entries: Iterable[Entry]) -> list[dict[str, Any]]:
    return [{"uid": e.uid, "props": _entry_props(e)} for e in entries]


async def write_vocabulary(store: GraphStore, vocab: Vocabulary) -> None:
    """Idempotent: nodes are MERGEd by uid and edges by their ends."""
    await upsert_vocabulary_nodes(store, "Program", [
        {"uid": p.uid, "props": _entry_props(p, level=p.level, kind=p.kind)} for p in vocab.programs])
    await upsert_vocabulary_nodes(store, "FocusArea", [
        {"uid": f.uid, "props": _entry_props(f, kind=f.kind, isPillar=f.kind == "pillar",
                                             pillar=f.uid if f.kind == "pillar" else f.pillar)}
        for f in vocab.focus_areas])
    await upsert_vocabulary_nodes(store, "Theme", _rows(vocab.themes))
    await upsert_vocabulary_nodes(store, "Industry", _rows(vocab.industries))
    await upsert_vocabulary_nodes(store, "Instrument", _rows(vocab.instruments))
    await upsert_vocabulary_nodes(store, "Agency", [
        {"uid": a.uid, "props": _entry_props(a, level=a.level)} for a in vocab.agencies])

    places: dict[str, list[dict[str, Any]]] = {}
    place_edges: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    for place in vocab.regions.places.values():
        label = REGION_LABELS[place.kind]
        uid = region_uid(place.kind, place.name)
        places.setdefault(label, []).append(
            {"uid": uid, "props": {"name": place.name, "kind": place.kind, "searchText": index_text(place.name)}})
        if place.parent:
            parent_kind = "province" if place.kind == "city" else "city"
            place_edges.setdefault((label, "IN", REGION_LABELS[parent_kind]), []).append(
                {"source": uid, "target": region_uid(parent_kind, place.parent)})
    for label, rows in places.items():
        await upsert_vocabulary_nodes(store, label, rows)
    for edge, rows in place_edges.items():
        await upsert_vocabulary_edges(store, edge, rows)

    await upsert_vocabulary_edges(store, ("FocusArea", "BROADER", "FocusArea"), [
        {"source": f.uid, "target": b} for f in vocab.focus_areas for b in f.broader])
    await upsert_vocabulary_edges(store, ("Theme", "BROADER", "Theme"), [
        {"source": t.uid, "target": b} for t in vocab.themes for b in t.broader])
    await upsert_vocabulary_edges(store, ("FocusArea", "FEEDS", "FocusArea"), [
        {"source": f.uid, "target": d} for f in vocab.focus_areas for d in f.feeds])
    await upsert_vocabulary_edges(store, ("Program", "PART_OF", "Program"), [
        {"source": p.uid, "target": parent} for p in vocab.programs for parent in p.part_of])
    await upsert_vocabulary_edges(store, ("Program", "USES", "Instrument"), [
        {"source": p.uid, "target": i} for p in vocab.programs for i in p.instruments])
    await write_supply_chains(store, vocab)
