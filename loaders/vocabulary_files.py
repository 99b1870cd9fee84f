"""Schemas of the vocabulary YAML files under ``seed/vocabulary/`` (see each file's header).

Keys are camelCase in YAML and snake_case here. Unknown keys are errors, so a typo in a
file fails loudly instead of being ignored.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic.alias_generators import to_camel

from loaders.model import Level

ProgramKind = Literal["program", "fund", "pilot", "strategy"]
FocusAreaKind = Literal["pillar", "area", "sector", "domain"]
ProvinceType = Literal["province", "municipality", "autonomous_region", "special_administrative_region"]
ParamType = Literal["amount", "int", "number", "date", "flag", "text"]


class Schema(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid", frozen=True)


def _as_list(value: object) -> object:
    # YAML authors write a single reference as a plain string.
    if value is None:
        return []
    return [value] if isinstance(value, str) else value


class Entry(Schema):
    """A named thing with a stable uid, found in text by its name or an alias."""

    uid: str = Field(pattern=r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$")
    name: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    broader: list[str] = Field(default_factory=list)

    _lists = field_validator("aliases", "broader", mode="before")(_as_list)

    @property
    def terms(self) -> list[str]:
        return [self.name, *self.aliases]


class ProgramEntry(Entry):
    kind: ProgramKind = "program"
    level: Level = "CENTRAL"
    part_of: list[str] = Field(default_factory=list)
    instruments: list[str] = Field(default_factory=list)

    _program_lists = field_validator("part_of", "instruments", mode="before")(_as_list)


class FocusAreaEntry(Entry):
    kind: FocusAreaKind = "area"
    pillar: str | None = None
    feeds: list[str] = Field(default_factory=list)

    _focus_lists = field_validator("feeds", mode="before")(_as_list)


class AgencyEntry(Entry):
    level: Level
    parent: str | None = None
    region: str | None = None
    local_aliases: list[str] = Field(default_factory=list)

    _agency_lists = field_validator("local_aliases", mode="before")(_as_list)


class ProvinceEntry(Schema):
    name: str
    name_en: str
    type: ProvinceType = "province"
    aliases: list[str] = Field(default_factory=list)


class CityEntry(Schema):
    name: str
    name_en: str
    province: str
    aliases: list[str] = Field(default_factory=list)


class DistrictEntry(Schema):
    name: str
    name_en: str
    city: str


class RuleKindEntry(Schema):
    kind: str = Field(pattern=r"^[A-Z][A-Z0-9_]*$")
    name_en: str
    description: str
    triggers: list[str] = Field(min_length=1)
    params: list[str] = Field(default_factory=list)
    required: list[str] = Field(default_factory=list)
    forbids_stacking_with: list[Level] = Field(default_factory=list)


class MetricEntry(Schema):
    metric: str = Field(pattern=r"^[A-Z][A-Z0-9_]*$")
    name: str
    unit: str
    patterns: list[str] = Field(min_length=1)


class _EntriesFile(Schema):
    stop_phrases: list[str] = Field(default_factory=list)


class ProgramsFile(_EntriesFile):
    entries: list[ProgramEntry]


class FocusAreasFile(_EntriesFile):
    entries: list[FocusAreaEntry]
    enumerations: list[str] = Field(default_factory=list)


class PlainEntriesFile(_EntriesFile):
    entries: list[Entry]


class AgenciesFile(_EntriesFile):
    entries: list[AgencyEntry]
    level_cues: dict[Level, list[str]] = Field(default_factory=dict)
    issuer_cues: list[str] = Field(default_factory=list)
    agency_suffixes: list[str] = Field(default_factory=list)


class RegionsFile(Schema):
    stop_phrases: list[str] = Field(default_factory=list)
    provinces: list[ProvinceEntry]
    cities: list[CityEntry]
    districts: list[DistrictEntry] = Field(default_factory=list)
    park_suffixes: list[str] = Field(min_length=1)
    park_stem_max: int = Field(default=4, ge=0, le=12)
    district_suffixes: list[str] = Field(min_length=1)
    district_stem_stops: list[str] = Field(default_factory=list)


class RuleKindsFile(Schema):
    param_types: dict[str, ParamType] = Field(default_factory=dict)
    normalize: dict[str, dict[str, str]] = Field(default_factory=dict)
    kinds: list[RuleKindEntry]


class TargetsFile(Schema):
    year_patterns: list[str] = Field(default_factory=list)
    period_patterns: list[str] = Field(default_factory=list)
    metrics: list[MetricEntry]


class CitationsFile(Schema):
    abbreviations: list[str] = Field(default_factory=list)
    title_suffixes: list[str] = Field(min_length=1)
    leading_words: list[str] = Field(default_factory=list)
    bare_title_max_length: int = Field(default=40, ge=4)
    issuing_verbs: list[str] = Field(default_factory=list)


class MacrosFile(Schema):
    macros: dict[str, str]
