"""What the cells of a list name: programs, cities, parks and focus areas, by uid.

Programs and focus areas are found by uid, name or alias (simplified or traditional,
in the vocabulary or already in the graph); cities by name or alias in the vocabulary;
parks among the parks the graph knows in that city, or, for a park no document has named
yet, by the vocabulary's park pattern (a place of the city, a short stem, a park suffix
such as 经济技术开发区). A cell is compared whole, through the matcher's key (width,
spaces and quote marks do not count), never searched for a term inside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from loaders.identity import region_uid
from loaders.matcher import matching_key
from loaders.vocabulary import Vocabulary


class Unresolved(ValueError):
    """A cell names nothing known; the message says what was looked for."""


@dataclass(frozen=True)
class ProgramInfo:
    uid: str
    name: str
    level: str
    kind: str | None = None
    part_of: tuple[str, ...] = ()


@dataclass(frozen=True)
class Place:
    uid: str
    name: str
    province_uid: str | None = None
    province_name: str | None = None
    city_uid: str | None = None  # for a park: the city it lies in


@dataclass(frozen=True)
class NewPark:
    """A park found by pattern, to be written into the graph with its city or district."""

    uid: str
    name: str
    parent_label: str
    parent_uid: str


@dataclass
class GraphReference:
    """What the graph already holds that lists refer to (read once per load)."""

    programs: list[dict[str, Any]] = field(default_factory=list)   # uid, name, nameEn, aliases, level, kind
    focus_areas: list[dict[str, Any]] = field(default_factory=list)  # uid, name, nameEn, aliases
    parks: list[dict[str, Any]] = field(default_factory=list)        # uid, name, cityUid


class Resolver:
    """Resolves cells against the vocabulary and the graph; results are cached per distinct cell."""

    def __init__(self, vocabulary: Vocabulary, graph: GraphReference | None = None) -> None:
        graph = graph or GraphReference()
        self.vocabulary = vocabulary
        self.programs: dict[str, ProgramInfo] = {}
        self._program_keys: dict[str, str] = {}
        for entry in vocabulary.programs:
            self._add_program(ProgramInfo(entry.uid, entry.name, entry.level, entry.kind, tuple(entry.part_of)),
                              [entry.uid, entry.name, entry.name_en, *entry.aliases])
        for row in graph.programs:
            if row["uid"] not in self.programs and row.get("level"):
                self._add_program(ProgramInfo(row["uid"], row["name"], row["level"], row.get("kind")),
                                  [row["uid"], row["name"], row.get("nameEn"), *(row.get("aliases") or [])])

        self.focus_area_names: dict[str, str] = {}
        self._focus_keys: dict[str, str] = {}
        for area in vocabulary.focus_areas:
            self._add_focus_area(area.uid, area.name, [area.uid, area.name, area.name_en, *area.aliases])
        for row in graph.focus_areas:
            if row["uid"] not in self.focus_area_names:
                self._add_focus_area(row["uid"], row["name"],
                                     [row["uid"], row["name"], row.get("nameEn"), *(row.get("aliases") or [])])
        self.focus_area_broader: dict[str, tuple[str, ...]] = {
            area.uid: tuple(area.broader) for area in vocabulary.focus_areas}

        self.cities: dict[str, Place] = {}
        self._city_keys: dict[str, str] = {}
        regions = vocabulary.regions
        for key, name in regions.place_by_key.items():
            place = regions.places[name]
            if place.kind != "city":
                continue
            province = place.parent
            city = Place(region_uid("city", name), name,
                         region_uid("province", province) if province else None, province)
            self.cities[city.uid] = city
            self._city_keys[key] = city.uid
            # Lists drop the 市 of a city's name (海口 for 海口市) even where the vocabulary lists no alias.
            short = matching_key(name.removesuffix("市"))
            if len(short) >= 2:
                self._city_keys.setdefault(short, city.uid)

        self._parks: dict[tuple[str, str], Place] = {}
        for row in graph.parks:
            if row.get("cityUid"):
                self._parks[(row["cityUid"], matching_key(row["name"]))] = Place(row["uid"], row["name"],
                                                                                 city_uid=row["cityUid"])
        self.new_parks: dict[str, NewPark] = {}
        self.program = lru_cache(maxsize=4096)(self._program)
        self.city = lru_cache(maxsize=4096)(self._city)
        self.focus_area = lru_cache(maxsize=4096)(self._focus_area)
        self.park = lru_cache(maxsize=16384)(self._park)

    def _add_program(self, info: ProgramInfo, terms: Iterable[str | None]) -> None:
        self.programs[info.uid] = info
        for term in terms:
            if term:
                self._program_keys.setdefault(matching_key(term), info.uid)

    def _add_focus_area(self, uid: str, name: str, terms: Iterable[str | None]) -> None:
        self.focus_area_names[uid] = name
        for term in terms:
            if term:
                self._focus_keys.setdefault(matching_key(term), uid)

    # Each resolver takes the cell text and returns a uid, or raises `Unresolved`.

    def _program(self, text: str) -> str:
        uid = self._program_keys.get(matching_key(text))
        if uid is None:
            raise Unresolved(f"unknown program {text!r}: give the uid, name or an alias of a program in "
                             "the vocabulary (seed/vocabulary/programs.yaml) or the graph")
        return uid

    def _city(self, text: str) -> str:
        key = matching_key(text)
        uid = self._city_keys.get(key)
        if uid is not None:
            return uid
        place = self.vocabulary.regions.place_named(text)
        if place is not None and place.kind == "district" and place.parent:
            return region_uid("city", place.parent)
        if place is not None:
            raise Unresolved(f"{text!r} is a {place.kind}, not a city")
        raise Unresolved(f"unknown city {text!r}: not in the vocabulary (seed/vocabulary/regions.yaml)")

    def _focus_area(self, text: str) -> str:
        uid = self._focus_keys.get(matching_key(text))
        if uid is None:
            raise Unresolved(f"unknown focus area {text!r}: give the name or an alias of a focus area "
                             "(seed/vocabulary/focus_areas.yaml)")
        return uid

    def _park(self, text: str, city_uid: str) -> str:
        known = self._parks.get((city_uid, matching_key(text)))
        if known is not None:
            return known.uid
        regions = self.vocabulary.regions
        city = self.cities[city_uid]
        written = text.strip()
        short = city.name.removesuffix("市")
        if written.startswith(short) and not written.startswith(city.name):
            written = city.name + written[len(short):]  # 佛山高新区 reads as 佛山市高新区 to the pattern
        match = regions.park_pattern.fullmatch(written)
        if match is None:
            raise Unresolved(f"unknown park {text!r}: no park of that name in the graph, and the name does not "
                             "read as a place, a short name and a park suffix (such as 经济技术开发区)")
        place = regions.place_named(match.group("place"))
        if place is None:
            raise Unresolved(f"unknown park {text!r}: {match.group('place')!r} is no known place")
        if place.kind == "city" and place.name == city.name:
            parent_label, parent_uid = "City", city_uid
        elif place.kind == "district" and place.parent == city.name:
            parent_label, parent_uid = "District", region_uid("district", place.name)
        else:
            raise Unresolved(f"park {text!r} lies in {place.name}, not in {city.name}")
        name = text.strip()
        uid = region_uid("park", name)
        self.new_parks.setdefault(uid, NewPark(uid, name, parent_label, parent_uid))
        self._parks[(city_uid, matching_key(text))] = Place(uid, name, city_uid=city_uid)
        return uid

    def program_info(self, uid: str) -> ProgramInfo:
        return self.programs[uid]

    def city_place(self, uid: str) -> Place:
        return self.cities[uid]

    def focus_areas_related(self, first: str, second: str) -> bool:
        """The same area, or one is broader than the other (a project in 伺服电机 is in 伺服系统)."""
        return first == second or second in self._ancestors(first) or first in self._ancestors(second)

    def _ancestors(self, uid: str) -> set[str]:
        seen: set[str] = set()
        pending = list(self.focus_area_broader.get(uid, ()))
        while pending:
            current = pending.pop()
            if current not in seen:
                seen.add(current)
                pending.extend(self.focus_area_broader.get(current, ()))
        return seen


def graph_reference(rows: Mapping[str, list[dict[str, Any]]]) -> GraphReference:
    return GraphReference(programs=rows.get("programs", []), focus_areas=rows.get("focusAreas", []),
                          parks=rows.get("parks", []))
