"""The administrative level of a document: CENTRAL, PROVINCIAL or CITY."""

from __future__ import annotations

from collections.abc import Sequence

from loaders.model import Level
from loaders.vocabulary import Vocabulary

# Most local first: a document issued jointly by a city and a higher body applies locally.
_LOCALITY: tuple[Level, ...] = ("CITY", "PROVINCIAL", "CENTRAL")
_PLACE_LEVEL: dict[str, Level] = {"province": "PROVINCIAL", "city": "CITY", "district": "CITY", "park": "CITY"}


def infer_level(issuers: Sequence[str], title: str | None, vocabulary: Vocabulary) -> Level:
    """Level from the issuers (uids or names), else from cues in the title, else CENTRAL.

    An issuer in agencies.yaml has its level there; one that is not, by the region its name
    starts with (济南市财政局 is a city body). The title is read only when no issuer tells:
    市级 or 省级 in a title, or a title starting with a place name, mark a local document.
    """
    levels = [level for issuer in issuers if (level := _issuer_level(issuer, vocabulary))]
    if levels:
        return _most_local(levels)
    if title:
        for level in _LOCALITY:
            if any(cue in title for cue in vocabulary.level_cues.get(level, ())):
                return level
        place_level = _leading_place_level(title, vocabulary)
        if place_level:
            return place_level
    return "CENTRAL"


def _issuer_level(issuer: str, vocabulary: Vocabulary) -> Level | None:
    agency = vocabulary.agencies.by_uid.get(issuer)
    if agency is not None:
        return agency.level
    hits = vocabulary.agencies.find(issuer)
    if hits:
        return _most_local([hit.entry.level for hit in hits])
    return _leading_place_level(issuer, vocabulary)


def _leading_place_level(text: str, vocabulary: Vocabulary) -> Level | None:
    stripped = text.lstrip("关于印发《“\"「 ")
    hits = vocabulary.regions.matcher.find(stripped)
    if hits and hits[0].start == 0:
        return _PLACE_LEVEL[vocabulary.regions.places[hits[0].value].kind]
    return None


def _most_local(levels: Sequence[Level]) -> Level:
    return next(level for level in _LOCALITY if level in levels)
