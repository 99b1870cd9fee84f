"""Supply chains from ``seed/vocabulary/chains.yaml``: focus areas in upstream-to-downstream order.

The supply relation itself is the `feeds` of focus_areas.yaml (FEEDS edges); a chain only
selects and orders focus areas, so its order is checked against `feeds` rather than stated
a second time. A vocabulary directory without chains.yaml has no chains.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import Field, ValidationError

from graph.queries.chains import write_chains
from graph.store import GraphStore
from loaders.vocabulary import FocusAreaEntry, Vocabulary, VocabularyError
from loaders.vocabulary_files import Schema

CHAINS_FILE = "chains.yaml"


class ChainEntry(Schema):
    uid: str = Field(pattern=r"^chain-[a-z0-9]+(?:-[a-z0-9]+)*$")
    name: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    links: list[str] = Field(min_length=2)


class ChainsFile(Schema):
    chains: list[ChainEntry]


@dataclass(frozen=True)
class Chain:
    uid: str
    name: str
    name_en: str
    links: tuple[str, ...]  # focus-area uids, the most upstream first


def load_chains(vocabulary: Vocabulary) -> tuple[Chain, ...]:
    """The chains listed beside `vocabulary`, checked against its focus areas.

    Raises `VocabularyError` for a malformed file, a duplicate uid, an unknown or repeated
    link, or an order that `feeds` contradicts.
    """
    path = vocabulary.directory / CHAINS_FILE
    if not path.is_file():
        return ()
    listed = _read(path)
    areas = vocabulary.focus_areas.by_uid
    seen: set[str] = set()
    chains = []
    for entry in listed.chains:
        where = f"chain '{entry.uid}' ({entry.name})"
        if entry.uid in seen or entry.uid in areas:
            raise VocabularyError(str(path), f"{where}: duplicate uid")
        if entry.name in seen:
            raise VocabularyError(str(path), f"{where}: another chain has this name")
        seen.update((entry.uid, entry.name))
        _check_links(path, where, entry.links, areas)
        chains.append(Chain(entry.uid, entry.name, entry.name_en, tuple(entry.links)))
    return tuple(chains)


async def write_supply_chains(store: GraphStore, vocabulary: Vocabulary) -> None:
    """Write the chains listed beside `vocabulary` (after its focus areas, which they link to)."""
    await write_chains(store, [
        {"uid": chain.uid, "name": chain.name, "nameEn": chain.name_en,
         "links": [{"uid": uid, "position": position} for position, uid in enumerate(chain.links, start=1)]}
        for chain in load_chains(vocabulary)])


def _read(path: Path) -> ChainsFile:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise VocabularyError(str(path), f"cannot be read: {exc}") from exc
    try:
        return ChainsFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise VocabularyError(str(path), f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from exc


def _check_links(path: Path, where: str, links: list[str], areas: Mapping[str, FocusAreaEntry]) -> None:
    for uid in links:
        if uid not in areas:
            raise VocabularyError(str(path), f"{where}: link '{uid}' is not a focus area")
        if links.count(uid) > 1:
            raise VocabularyError(str(path), f"{where}: link '{uid}' is listed twice")
    for position, uid in enumerate(links):
        earlier = [up for up in links[:position] if up in areas[uid].feeds]
        if earlier:
            raise VocabularyError(str(path), f"{where}: '{uid}' feeds '{earlier[0]}', which is listed before it")
    for position, uid in enumerate(links[:-1]):
        if not set(areas[uid].feeds).intersection(links[position + 1:]):
            raise VocabularyError(
                str(path), f"{where}: '{uid}' feeds no later link; add it to the feeds of focus_areas.yaml "
                           "or move it downstream")
