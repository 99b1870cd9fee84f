"""The controlled vocabulary: programs, focus areas, industries, instruments, agencies,
themes, regions, and the patterns for rules, targets and citations.

It lives in YAML files under ``seed/vocabulary/`` (each file's header says what it holds
and how its entries are matched). `load_vocabulary` reads and checks them all and compiles
the matchers and patterns once; the result is immutable, and loading the same unchanged
directory again returns the same object.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml
from pydantic import ValidationError

from loaders.errors import InputError
from loaders.matcher import TermMatch, TermMatcher, literal_pattern, matching_key
from loaders.model import Level, RegionKind
from loaders.vocabulary_files import (
    AgenciesFile,
    AgencyEntry,
    CitationsFile,
    Entry,
    FocusAreaEntry,
    FocusAreasFile,
    MacrosFile,
    ParamType,
    PlainEntriesFile,
    ProgramEntry,
    ProgramsFile,
    RegionsFile,
    RuleKindsFile,
    Schema,
    TargetsFile,
)

__all__ = [
    "DEFAULT_VOCABULARY_DIR", "AgencyEntry", "CitationPatterns", "CompiledMetric", "CompiledRuleKind", "Entry",
    "EntryMatch", "EntrySet", "FocusAreaEntry", "PlaceInfo", "ProgramEntry", "RegionVocabulary", "Vocabulary",
    "VocabularyError", "load_vocabulary",
]

DEFAULT_VOCABULARY_DIR = Path(__file__).resolve().parents[1] / "seed" / "vocabulary"



class VocabularyError(InputError):
    """A vocabulary file that is missing, malformed or refers to entries that do not exist."""


# --- compiled vocabulary ---------------------------------------------------------------------

E = TypeVar("E", bound=Entry)


@dataclass(frozen=True)
class EntryMatch(Generic[E]):
    entry: E
    match: TermMatch


@dataclass(frozen=True)
class EntrySet(Generic[E]):
    """The entries of one vocabulary file, by uid, with a matcher over their names and aliases."""

    source: str
    entries: tuple[E, ...]
    stop_phrases: tuple[str, ...] = ()
    by_uid: Mapping[str, E] = field(init=False)
    matcher: TermMatcher = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_uid", {entry.uid: entry for entry in self.entries})
        object.__setattr__(self, "matcher", TermMatcher(self.term_map(), self.stop_phrases))

    def term_map(self) -> dict[str, str]:
        return {term: entry.uid for entry in self.entries for term in entry.terms}

    def get(self, uid: str) -> E:
        return self.by_uid[uid]

    def find(self, text: str) -> list[EntryMatch[E]]:
        return [EntryMatch(self.by_uid[match.value], match) for match in self.matcher.find(text)]

    def __iter__(self) -> Iterator[E]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


@dataclass(frozen=True)
class PlaceInfo:
    """A province, city or district as a `Region` would name it."""

    name: str
    kind: RegionKind
    parent: str | None


@dataclass(frozen=True)
class RegionVocabulary:
    places: Mapping[str, PlaceInfo]
    matcher: TermMatcher
    park_pattern: re.Pattern[str]
    district_pattern: re.Pattern[str]
    place_by_key: Mapping[str, str]
    district_stem_stops: tuple[str, ...]

    def place_named(self, text: str) -> PlaceInfo | None:
        """The place a name or alias, as written in text, stands for."""
        name = self.place_by_key.get(matching_key(text))
        return self.places[name] if name else None


@dataclass(frozen=True)
class CompiledRuleKind:
    kind: str
    name_en: str
    description: str
    triggers: tuple[re.Pattern[str], ...]
    params: tuple[re.Pattern[str], ...]
    required: tuple[str, ...]
    forbids_stacking_with: tuple[Level, ...] = ()


@dataclass(frozen=True)
class CompiledMetric:
    metric: str
    name: str
    unit: str
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class CitationPatterns:
    abbreviations: tuple[re.Pattern[str], ...]
    title_suffixes: tuple[str, ...]
    leading_words: tuple[str, ...]
    bare_title_max_length: int
    issuing_verbs: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    directory: Path
    programs: EntrySet[ProgramEntry]
    focus_areas: EntrySet[FocusAreaEntry]
    focus_area_enumerations: tuple[re.Pattern[str], ...]
    industries: EntrySet[Entry]
    instruments: EntrySet[Entry]
    themes: EntrySet[Entry]
    agencies: EntrySet[AgencyEntry]
    level_cues: Mapping[Level, tuple[str, ...]]
    issuer_cues: tuple[re.Pattern[str], ...]
    agency_suffixes: tuple[str, ...]
    regions: RegionVocabulary
    rule_kinds: tuple[CompiledRuleKind, ...]
    param_types: Mapping[str, ParamType]
    param_normalization: Mapping[str, Mapping[str, str]]
    metrics: tuple[CompiledMetric, ...]
    year_patterns: tuple[re.Pattern[str], ...]
    period_patterns: tuple[re.Pattern[str], ...]
    citations: CitationPatterns
    _local_agency_matchers: dict[tuple[str, ...], tuple[TermMatcher, frozenset[str]]] = field(
        default_factory=dict, repr=False)

    def rule_kind(self, kind: str) -> CompiledRuleKind:
        for candidate in self.rule_kinds:
            if candidate.kind == kind:
                return candidate
        raise KeyError(kind)

    def find_agencies(self, text: str, regions: Sequence[str] = ()) -> list[EntryMatch[AgencyEntry]]:
        """Agencies named in `text`, including by the local short names (市财政局) of agencies
        in `regions`.

        A short name shared by agencies of several regions goes to the region listed first,
        which callers make the region the document names first. A short name right after
        another place's name (淄博市财政局) is that place's agency, not the local one.
        """
        matcher, local_keys = self._agency_matcher(tuple(regions))
        found: list[EntryMatch[AgencyEntry]] = []
        for match in matcher.find(text):
            if matching_key(match.text) in local_keys and self._follows_place_name(text, match.start):
                continue
            found.append(EntryMatch(self.agencies.get(match.value), match))
        return found

    def _follows_place_name(self, text: str, position: int) -> bool:
        before = text[max(0, position - _LONGEST_PLACE_NAME):position]
        return any(hit.end == len(before) for hit in self.regions.matcher.find(before))

    def _agency_matcher(self, regions: tuple[str, ...]) -> tuple[TermMatcher, frozenset[str]]:
        cached = self._local_agency_matchers.get(regions)
        if cached is not None:
            return cached
        terms: dict[str, str] = {}
        rank = {region: index for index, region in enumerate(regions)}
        local = sorted((agency for agency in self.agencies if agency.region in rank and agency.local_aliases),
                       key=lambda agency: rank[agency.region or ""], reverse=True)
        for agency in local:  # the first-ranked region is written last and wins
            terms.update({alias: agency.uid for alias in agency.local_aliases})
        full_names = self.agencies.term_map()
        local_keys = frozenset(matching_key(alias) for alias in terms if alias not in full_names)
        terms.update(full_names)  # a full name is never taken over by a local alias
        built = (TermMatcher(terms, self.agencies.stop_phrases), local_keys)
        self._local_agency_matchers[regions] = built
        return built


# Longest place name looked for before a local agency name (内蒙古自治区 is six characters).
_LONGEST_PLACE_NAME = 12


# --- loading ------------------------------------------------------------------------------------

_FILES = ("macros.yaml", "programs.yaml", "focus_areas.yaml", "industries.yaml", "instruments.yaml",
          "themes.yaml", "agencies.yaml", "regions.yaml", "rule_kinds.yaml", "targets.yaml", "citations.yaml")


def load_vocabulary(directory: Path = DEFAULT_VOCABULARY_DIR) -> Vocabulary:
    """Read, check and compile the vocabulary in `directory`.

    Raises `VocabularyError` naming the file and the entry for a missing file, a schema
    violation, a duplicate uid or term, a reference to an unknown entry, or a bad pattern.
    Unchanged files are not read twice: the result is cached on their modification times.
    """
    resolved = directory.resolve()
    return _load_cached(resolved, _stamp(resolved))


def _stamp(directory: Path) -> tuple[tuple[str, int, int], ...]:
    stamp = []
    for name in _FILES:
        path = directory / name
        if not path.is_file():
            raise VocabularyError(str(path), "vocabulary file is missing")
        status = path.stat()
        stamp.append((name, status.st_mtime_ns, status.st_size))
    return tuple(stamp)


@lru_cache(maxsize=8)
def _load_cached(directory: Path, _stamp: tuple[tuple[str, int, int], ...]) -> Vocabulary:
    return _Loader(directory).load()


S = TypeVar("S", bound=Schema)


class _Loader:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.macros: dict[str, str] = {}
        self.seen_uids: dict[str, str] = {}

    def load(self) -> Vocabulary:
        self.macros = self._checked_macros(self._read("macros.yaml", MacrosFile).macros)
        programs = self._read("programs.yaml", ProgramsFile)
        focus = self._read("focus_areas.yaml", FocusAreasFile)
        industries = self._read("industries.yaml", PlainEntriesFile)
        instruments = self._read("instruments.yaml", PlainEntriesFile)
        themes = self._read("themes.yaml", PlainEntriesFile)
        agencies = self._read("agencies.yaml", AgenciesFile)
        regions = self._read("regions.yaml", RegionsFile)
        rules = self._read("rule_kinds.yaml", RuleKindsFile)
        targets = self._read("targets.yaml", TargetsFile)
        citations = self._read("citations.yaml", CitationsFile)

        program_set = self._entry_set("programs.yaml", programs.entries, programs.stop_phrases)
        focus_set = self._entry_set("focus_areas.yaml", focus.entries, focus.stop_phrases)
        industry_set = self._entry_set("industries.yaml", industries.entries, industries.stop_phrases)
        instrument_set = self._entry_set("instruments.yaml", instruments.entries, instruments.stop_phrases)
        theme_set = self._entry_set("themes.yaml", themes.entries, themes.stop_phrases)
        agency_set = self._entry_set("agencies.yaml", agencies.entries, agencies.stop_phrases)
        region_vocabulary = self._regions(regions)

        self._check_programs(program_set, instrument_set)
        self._check_focus_areas(focus_set)
        for entry_set in (industry_set, theme_set):
            self._check_broader(entry_set)
        self._check_agencies(agency_set, region_vocabulary)

        pillar_terms = [term for entry in focus_set if entry.kind == "pillar" for term in entry.terms]
        pillars = "(?:" + "|".join(literal_pattern(term) for term in sorted(pillar_terms, key=len, reverse=True)) + ")"
        return Vocabulary(
            directory=self.directory,
            programs=program_set,
            focus_areas=focus_set,
            focus_area_enumerations=self._patterns("focus_areas.yaml", "enumerations", focus.enumerations,
                                                   extra={"pillars": pillars}),
            industries=industry_set,
            instruments=instrument_set,
            themes=theme_set,
            agencies=agency_set,
            level_cues={level: tuple(cues) for level, cues in agencies.level_cues.items()},
            issuer_cues=self._patterns("agencies.yaml", "issuerCues", agencies.issuer_cues),
            agency_suffixes=tuple(sorted(agencies.agency_suffixes, key=len, reverse=True)),
            regions=region_vocabulary,
            rule_kinds=self._rule_kinds(rules),
            param_types=dict(rules.param_types),
            param_normalization={name: dict(mapping) for name, mapping in rules.normalize.items()},
            metrics=self._metrics(targets),
            year_patterns=self._patterns("targets.yaml", "yearPatterns", targets.year_patterns),
            period_patterns=self._patterns("targets.yaml", "periodPatterns", targets.period_patterns),
            citations=CitationPatterns(
                abbreviations=self._patterns("citations.yaml", "abbreviations", citations.abbreviations),
                title_suffixes=tuple(sorted(citations.title_suffixes, key=len, reverse=True)),
                leading_words=tuple(sorted(citations.leading_words, key=len, reverse=True)),
                bare_title_max_length=citations.bare_title_max_length,
                issuing_verbs=tuple(citations.issuing_verbs),
            ),
        )

    # reading

    def _read(self, name: str, schema: type[S]) -> S:
        path = self.directory / name
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise VocabularyError(str(path), f"cannot be read: {exc}") from exc
        if not isinstance(data, dict):
            raise VocabularyError(str(path), "must be a mapping at the top level")
        try:
            return schema.model_validate(data)
        except ValidationError as exc:
            raise VocabularyError(str(path), _describe_validation_error(exc, data)) from exc

    def _error(self, name: str, reason: str) -> VocabularyError:
        return VocabularyError(str(self.directory / name), reason)

    # entries

    def _entry_set(self, name: str, entries: Sequence[E], stop_phrases: Sequence[str]) -> EntrySet[E]:
        term_owner: dict[str, E] = {}
        for entry in entries:
            if entry.uid in self.seen_uids:
                raise self._error(name, f"entry {_label(entry)}: duplicate uid, "
                                        f"already used in {self.seen_uids[entry.uid]}")
            self.seen_uids[entry.uid] = name
            for term in entry.terms:
                key = matching_key(term)
                owner = term_owner.get(key)
                if owner is not None and owner.uid != entry.uid:
                    raise self._error(name, f"entry {_label(entry)}: term '{term}' already names entry {_label(owner)}")
                term_owner[key] = entry
        return EntrySet(source=name, entries=tuple(entries), stop_phrases=tuple(stop_phrases))

    def _check_broader(self, entries: EntrySet[E]) -> None:
        for entry in entries:
            for uid in entry.broader:
                if uid not in entries.by_uid or uid == entry.uid:
                    raise self._error(entries.source, f"entry {_label(entry)}: broader names unknown entry '{uid}'")
        self._check_acyclic(entries, "broader", lambda entry: entry.broader)

    def _check_acyclic(self, entries: EntrySet[E], relation: str, targets: Callable[[E], Sequence[str]]) -> None:
        for start in entries:
            pending, seen = list(targets(start)), set()
            while pending:
                uid = pending.pop()
                if uid == start.uid:
                    raise self._error(entries.source,
                                      f"entry {_label(start)}: {relation} leads back to the entry itself")
                if uid not in seen:
                    seen.add(uid)
                    pending.extend(targets(entries.get(uid)))

    def _check_programs(self, programs: EntrySet[ProgramEntry], instruments: EntrySet[Entry]) -> None:
        self._check_broader(programs)
        for program in programs:
            for uid in program.part_of:
                if uid not in programs.by_uid or uid == program.uid:
                    raise self._error("programs.yaml", f"entry {_label(program)}: partOf names unknown program '{uid}'")
            for uid in program.instruments:
                if uid not in instruments.by_uid:
                    raise self._error("programs.yaml",
                                      f"entry {_label(program)}: instruments names unknown instrument '{uid}'")
        self._check_acyclic(programs, "partOf", lambda program: program.part_of)

    def _check_focus_areas(self, areas: EntrySet[FocusAreaEntry]) -> None:
        self._check_broader(areas)
        for area in areas:
            # The graph keeps one BROADER edge per focus area: the taxonomy is a forest of trees.
            if len(area.broader) > 1:
                raise self._error("focus_areas.yaml", f"entry {_label(area)}: a focus area has one broader area")
            for uid in area.feeds:
                if uid not in areas.by_uid or uid == area.uid:
                    raise self._error("focus_areas.yaml", f"entry {_label(area)}: feeds names unknown entry '{uid}'")
            if area.pillar is None:
                continue
            pillar = areas.by_uid.get(area.pillar)
            if pillar is None:
                raise self._error("focus_areas.yaml",
                                  f"entry {_label(area)}: pillar names unknown entry '{area.pillar}'")
            if pillar.kind != "pillar":
                raise self._error("focus_areas.yaml",
                                  f"entry {_label(area)}: pillar '{area.pillar}' is of kind {pillar.kind}, not pillar")
            if _root(areas, area).uid != area.pillar:
                raise self._error("focus_areas.yaml",
                                  f"entry {_label(area)}: broader areas lead to '{_root(areas, area).uid}', "
                                  f"not to its pillar '{area.pillar}'")

    def _check_agencies(self, agencies: EntrySet[AgencyEntry], regions: RegionVocabulary) -> None:
        self._check_broader(agencies)
        for agency in agencies:
            if agency.parent is not None and agency.parent not in agencies.by_uid:
                raise self._error("agencies.yaml",
                                  f"entry {_label(agency)}: parent names unknown agency '{agency.parent}'")
            if agency.region is not None and agency.region not in regions.places:
                raise self._error("agencies.yaml",
                                  f"entry {_label(agency)}: region names unknown region '{agency.region}'")
            if agency.local_aliases and agency.region is None:
                raise self._error("agencies.yaml", f"entry {_label(agency)}: localAliases need a region")

    # regions

    def _regions(self, regions: RegionsFile) -> RegionVocabulary:
        places: dict[str, PlaceInfo] = {}
        terms: dict[str, str] = {}

        def add(name: str, kind: RegionKind, parent: str | None, aliases: Iterable[str]) -> None:
            if name in places:
                raise self._error("regions.yaml", f"region '{name}' is listed twice")
            places[name] = PlaceInfo(name=name, kind=kind, parent=parent)
            for term in (name, *aliases):
                owner = terms.get(term)
                if owner is not None and owner != name:
                    raise self._error("regions.yaml", f"region '{name}': name '{term}' already names region '{owner}'")
                terms[term] = name

        for province in regions.provinces:
            add(province.name, "province", None, province.aliases)
        def kind_of(name: str) -> RegionKind | None:
            place = places.get(name)
            return place.kind if place else None

        for city in regions.cities:
            if kind_of(city.province) != "province":
                raise self._error("regions.yaml",
                                  f"city '{city.name}': province names unknown province '{city.province}'")
            add(city.name, "city", city.province, city.aliases)
        for listed in regions.districts:
            if kind_of(listed.city) != "city":
                raise self._error("regions.yaml",
                                  f"district '{listed.name}': city names unknown city '{listed.city}'")
            add(listed.name, "district", listed.city, ())

        def alternation(words: Iterable[str]) -> str:
            return "(?:" + "|".join(literal_pattern(word) for word in sorted(words, key=len, reverse=True)) + ")"

        han = "[\u4e00-\u9fff]"
        place_names = alternation(terms)
        city_names = alternation(name for name, place in places.items() if place.kind == "city")
        park = (f"(?P<place>{place_names})(?P<stem>{han}{{0,{regions.park_stem_max}}}?)"
                f"(?P<suffix>{alternation(regions.park_suffixes)})")
        district = f"(?P<place>{city_names})(?P<stem>{han}{{1,3}}?)(?P<suffix>{alternation(regions.district_suffixes)})"
        return RegionVocabulary(
            places=places,
            matcher=TermMatcher(terms, regions.stop_phrases),
            park_pattern=re.compile(park),
            district_pattern=re.compile(district),
            place_by_key={matching_key(term): name for term, name in terms.items()},
            district_stem_stops=tuple(regions.district_stem_stops),
        )

    # patterns

    def _checked_macros(self, macros: Mapping[str, str]) -> dict[str, str]:
        self.macros = dict(macros)
        expanded = {}
        for name, fragment in macros.items():
            pattern = self._compile("macros.yaml", f"macro '{name}'", fragment)
            if pattern.groupindex:
                raise self._error("macros.yaml", f"macro '{name}': fragments must not name groups")
            expanded[name] = pattern.pattern
        return expanded

    def _expand(self, name: str, where: str, pattern: str, extra: Mapping[str, str]) -> str:
        macros = {**self.macros, **extra}
        for _ in range(10):
            unknown = [word for word in _MACRO.findall(pattern) if word not in macros]
            if unknown:
                raise self._error(name, f"{where}: unknown macro {{{unknown[0]}}} in pattern {pattern!r}")
            expanded = _MACRO.sub(lambda match: "(?:" + macros[match.group(1)] + ")", pattern)
            if expanded == pattern:
                return expanded
            pattern = expanded
        raise self._error(name, f"{where}: macros refer to each other in a loop")

    def _compile(self, name: str, where: str, pattern: str, extra: Mapping[str, str] | None = None) -> re.Pattern[str]:
        expanded = self._expand(name, where, pattern, extra or {})
        try:
            return re.compile(expanded)
        except re.error as exc:
            raise self._error(name, f"{where}: bad pattern {pattern!r}: {exc}") from exc

    def _patterns(self, name: str, where: str, patterns: Iterable[str],
                  extra: Mapping[str, str] | None = None) -> tuple[re.Pattern[str], ...]:
        return tuple(self._compile(name, f"{where} {index + 1}", pattern, extra)
                     for index, pattern in enumerate(patterns))

    def _rule_kinds(self, rules: RuleKindsFile) -> tuple[CompiledRuleKind, ...]:
        compiled: list[CompiledRuleKind] = []
        for entry in rules.kinds:
            where = f"kind {entry.kind}"
            if any(existing.kind == entry.kind for existing in compiled):
                raise self._error("rule_kinds.yaml", f"{where}: listed twice")
            triggers = self._patterns("rule_kinds.yaml", f"{where} trigger", entry.triggers)
            params = self._patterns("rule_kinds.yaml", f"{where} param", entry.params)
            groups = {group for pattern in (*triggers, *params) for group in pattern.groupindex}
            missing = [group for group in entry.required if group not in groups]
            if missing:
                raise self._error("rule_kinds.yaml", f"{where}: required parameter '{missing[0]}' is in no pattern")
            compiled.append(CompiledRuleKind(kind=entry.kind, name_en=entry.name_en, description=entry.description,
                                             triggers=triggers, params=params, required=tuple(entry.required),
                                             forbids_stacking_with=tuple(entry.forbids_stacking_with)))
        return tuple(compiled)

    def _metrics(self, targets: TargetsFile) -> tuple[CompiledMetric, ...]:
        compiled: list[CompiledMetric] = []
        for entry in targets.metrics:
            where = f"metric {entry.metric}"
            if any(existing.metric == entry.metric for existing in compiled):
                raise self._error("targets.yaml", f"{where}: listed twice")
            patterns = self._patterns("targets.yaml", f"{where} pattern", entry.patterns)
            for pattern in patterns:
                if "value" not in pattern.groupindex:
                    raise self._error("targets.yaml", f"{where}: pattern {pattern.pattern!r} has no 'value' group")
            compiled.append(CompiledMetric(metric=entry.metric, name=entry.name, unit=entry.unit, patterns=patterns))
        return tuple(compiled)


_MACRO = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _root(areas: EntrySet[FocusAreaEntry], area: FocusAreaEntry) -> FocusAreaEntry:
    """The top of an area's broader chain (chains are checked to be acyclic before)."""
    while area.broader:
        area = areas.get(area.broader[0])
    return area


def _label(entry: Entry) -> str:
    return f"'{entry.uid}' ({entry.name})"


def _describe_validation_error(error: ValidationError, data: Mapping[str, Any]) -> str:
    """Name the entry a schema error is in (by uid or name), not just its list index."""
    first = error.errors()[0]
    location = list(first["loc"])
    where = ".".join(str(part) for part in location)
    if len(location) >= 2 and isinstance(location[1], int):
        items = data.get(str(location[0]))
        if isinstance(items, list) and 0 <= location[1] < len(items) and isinstance(items[location[1]], dict):
            item = items[location[1]]
            label = item.get("uid") or item.get("kind") or item.get("metric") or item.get("name")
            where = f"{location[0]} entry {location[1] + 1} ({label})" + "".join(f".{part}" for part in location[2:])
    return f"{where}: {first['msg']}"
