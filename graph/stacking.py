"""Which pairs of awards the rules forbid on one project: the stacking rules as data.

A rule forbids stacking when its `forbidsStackingWith` lists funding levels (written
from its kind in `rule_kinds.yaml`: NO_DUPLICATE_CENTRAL_FUNDING forbids CENTRAL). It
governs the programs it belongs to (HAS_RULE; the programs its policy defines when it
names none) and their parts (PART_OF: a sub-program spends the same money). An award
from a governed program may not sit on a project beside an award of a forbidden level
from another budget; programs one of which is part of the other are one budget.

Pilot money takes a local road: a central pilot's money is spent by the selected city
through its own support (the 2025 notice: 支持方式由地方确定). So in the years after a city
was selected (`PILOT_YEARS`), an award from a local program to a project in that city may
carry the pilot's central money, and the pilot's rules apply to it as well, with less
certainty (see `graph.findings`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

LEVELS = ("CENTRAL", "PROVINCIAL", "CITY")
# How long after its selection a city spends a pilot's money; the notices leave it to
# the implementation plans, which run over about three years.
PILOT_YEARS = 3


@dataclass(frozen=True)
class ProgramNode:
    uid: str
    name: str
    level: str
    kind: str | None = None
    part_of: tuple[str, ...] = ()


@dataclass(frozen=True)
class StackingRule:
    uid: str
    kind: str
    forbids: tuple[str, ...]
    programs: tuple[str, ...]
    policy_uid: str | None
    doc_number: str | None
    policy_title: str | None
    clause_uid: str | None
    clause_path: str | None
    clause_text: str | None


@dataclass(frozen=True)
class Selection:
    city_uid: str
    city_name: str
    program_uid: str
    year: int
    batch: str | None
    source: str | None


@dataclass(frozen=True)
class Bearing:
    """A rule that makes a pair of awards a finding, and how it reaches them."""

    rule: StackingRule
    governed_program: str  # the program whose money the rule is about
    via_selection: Selection | None = None  # set when a local award stands for a pilot's money


@dataclass(frozen=True)
class AwardFacts:
    """What the rules look at in an award."""

    program_uid: str
    level: str
    year: int
    city_uid: str | None


@dataclass
class StackingPolicy:
    programs: Mapping[str, ProgramNode]
    rules: list[StackingRule]
    selections: list[Selection] = field(default_factory=list)
    pilot_years: int = PILOT_YEARS
    _governing: dict[str, list[StackingRule]] = field(init=False, default_factory=dict)
    _ancestors: dict[str, frozenset[str]] = field(init=False, default_factory=dict)
    _channels: dict[tuple[str, int], list[Selection]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._ancestors = {uid: self._ancestors_of(uid) for uid in self.programs}
        for uid in self.programs:
            lineage = {uid, *self._ancestors[uid]}
            governing = [rule for rule in self.rules if lineage.intersection(rule.programs)]
            if governing:
                self._governing[uid] = governing
        for selection in self.selections:
            pilot = self.programs.get(selection.program_uid)
            if pilot is None or pilot.level != "CENTRAL" or selection.program_uid not in self._governing:
                continue  # only a central pilot with stacking rules turns local money into central money
            for year in range(selection.year, selection.year + self.pilot_years):
                self._channels.setdefault((selection.city_uid, year), []).append(selection)

    def _ancestors_of(self, uid: str) -> frozenset[str]:
        seen: set[str] = set()
        pending = list(self.programs[uid].part_of) if uid in self.programs else []
        while pending:
            current = pending.pop()
            if current not in seen:
                seen.add(current)
                if current in self.programs:
                    pending.extend(self.programs[current].part_of)
        return frozenset(seen)

    def one_budget(self, first: str, second: str) -> bool:
        return (first == second or first in self._ancestors.get(second, frozenset())
                or second in self._ancestors.get(first, frozenset()))

    def governed_against(self, level: str) -> list[str]:
        """Programs whose rules forbid adding money of `level`: a pre-filter for the statements."""
        return sorted(uid for uid, rules in self._governing.items() if any(level in r.forbids for r in rules))

    def channel_keys(self) -> list[str]:
        """`cityUid|year` where a local award may carry a pilot's central money."""
        return sorted(f"{city}|{year}" for city, year in self._channels)

    def channels(self, city_uid: str | None, year: int) -> list[Selection]:
        return self._channels.get((city_uid or "", year), [])

    def bearings(self, first: AwardFacts, second: AwardFacts) -> list[Bearing]:
        """The rules that forbid these two awards on one project (empty: none does)."""
        found = [*self._direct(first, second), *self._direct(second, first),
                 *self._through_pilot(first, second), *self._through_pilot(second, first)]
        unique: dict[tuple[str, str | None], Bearing] = {}
        for bearing in found:
            key = (bearing.rule.uid, bearing.via_selection.program_uid if bearing.via_selection else None)
            unique.setdefault(key, bearing)
        return list(unique.values())

    def _direct(self, governed: AwardFacts, other: AwardFacts) -> Iterable[Bearing]:
        """Rules of `governed`'s program against `other`'s money, which may be a pilot's central money."""
        if self.one_budget(governed.program_uid, other.program_uid):
            return
        for rule in self._governing.get(governed.program_uid, ()):
            if other.level in rule.forbids:
                yield Bearing(rule, governed.program_uid)
            elif other.level != "CENTRAL" and "CENTRAL" in rule.forbids:
                for selection in self.channels(other.city_uid, other.year):
                    if not self.one_budget(governed.program_uid, selection.program_uid):
                        yield Bearing(rule, governed.program_uid, via_selection=selection)

    def _through_pilot(self, local: AwardFacts, other: AwardFacts) -> Iterable[Bearing]:
        """The pilot's rules, on a local award that may carry the pilot's money."""
        if local.level == "CENTRAL":
            return
        for selection in self.channels(local.city_uid, local.year):
            if self.one_budget(selection.program_uid, other.program_uid):
                continue  # the pilot's own award beside the city's: the same money at most, not twice
            for rule in self._governing.get(selection.program_uid, ()):
                if other.level in rule.forbids:
                    yield Bearing(rule, selection.program_uid, via_selection=selection)


def stacking_rule(row: Mapping[str, Any]) -> StackingRule:
    programs = tuple(row.get("programs") or ()) or tuple(row.get("definedPrograms") or ())
    return StackingRule(
        uid=row["uid"], kind=row["kind"], forbids=tuple(row.get("forbids") or ()), programs=programs,
        policy_uid=row.get("policyUid"), doc_number=row.get("docNumber"), policy_title=row.get("policyTitle"),
        clause_uid=row.get("clauseUid"), clause_path=row.get("clausePath"), clause_text=row.get("clauseText"),
    )


def program_node(row: Mapping[str, Any]) -> ProgramNode:
    return ProgramNode(row["uid"], row.get("name") or row["uid"], row.get("level") or "", row.get("kind"),
                       tuple(row.get("partOf") or ()))


def selection(row: Mapping[str, Any]) -> Selection:
    return Selection(row["cityUid"], row.get("cityName") or row["cityUid"], row["programUid"], int(row["year"]),
                     row.get("batch"), row.get("source"))
