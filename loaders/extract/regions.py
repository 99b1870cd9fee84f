"""Regions a document names: provinces, cities, districts and parks.

Provinces, cities and districts come from regions.yaml by name. Parks and districts the
list does not know are read by pattern (a known place name, a short stem and a suffix
such as 经济技术开发区 or 区). A place implies the places it lies in, which are reported
with it: 临沂综合保税区 brings 临沂市 and 山东省.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from loaders.model import Clause, Region
from loaders.vocabulary import PlaceInfo, RegionVocabulary, Vocabulary


def find_regions(clauses: Sequence[Clause], vocabulary: Vocabulary) -> list[Region]:
    """Each region named in the clauses, once, in order of first mention, followed by the
    places it lies in."""
    seen: set[tuple[str, str]] = set()
    found: list[Region] = []
    for clause in clauses:
        for region in _clause_regions(clause.text, clause.path, vocabulary.regions):
            key = (region.name, region.kind)
            if key not in seen:
                seen.add(key)
                found.append(region)
    return found


def _clause_regions(text: str, path: str, regions: RegionVocabulary) -> Iterator[Region]:
    claimed: list[tuple[int, int]] = []
    hits: list[tuple[int, list[Region]]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= taken_start or start >= taken_end for taken_start, taken_end in claimed)

    for match in regions.park_pattern.finditer(text):
        place = regions.place_named(match.group("place"))
        if place is not None:
            claimed.append(match.span())
            park = Region(name=match.group(), kind="park", parent=place.name, clause_path=path)
            hits.append((match.start(), [park, *_with_ancestors(place, path, regions)]))
    for match in regions.district_pattern.finditer(text):
        district = _unlisted_district(match, regions)
        if district is not None and free(*match.span()):
            claimed.append(match.span())
            city = regions.places[district.parent or ""]
            region = Region(name=district.name, kind="district", parent=city.name, clause_path=path)
            hits.append((match.start(), [region, *_with_ancestors(city, path, regions)]))
    for hit in regions.matcher.find(text):
        if free(hit.start, hit.end):
            hits.append((hit.start, _with_ancestors(regions.places[hit.value], path, regions)))
    for _, found in sorted(hits, key=lambda item: item[0]):
        yield from found


def _unlisted_district(match: re.Match[str], regions: RegionVocabulary) -> PlaceInfo | None:
    """A district written after its city's full name (临沂市兰山区), unless the stem is a
    generic word (各县, 所辖区) rather than a place name."""
    stem = match.group("stem")
    if stem.startswith(regions.district_stem_stops):
        return None
    city = regions.place_named(match.group("place"))
    if city is None:
        return None
    name = stem + match.group("suffix")
    listed = regions.places.get(name)
    return listed if listed is not None else PlaceInfo(name=name, kind="district", parent=city.name)


def _with_ancestors(place: PlaceInfo, path: str, regions: RegionVocabulary) -> list[Region]:
    chain: list[Region] = []
    current: PlaceInfo | None = place
    while current is not None:
        chain.append(Region(name=current.name, kind=current.kind, parent=current.parent, clause_path=path))
        current = regions.places.get(current.parent) if current.parent else None
    return chain
