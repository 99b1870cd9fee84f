"""What the generator needs to know about programs and rules, read from the vocabulary and documents.

The generator plants overlaps the rules forbid and look-alikes they do not, so it must
know which programs a stacking rule governs. It reads that the way the graph gets it:
the rules the document parser finds in the seed documents (`forbidsStackingWith` and the
programs they are stated for), extended to the programs that are part of those (PART_OF).
A local fund belongs to the city its name starts with (临沂市市级…专项资金).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from loaders.identity import region_uid
from loaders.parse import parse_file
from loaders.vocabulary import ProgramEntry, Vocabulary


@dataclass(frozen=True)
class ProgramRoles:
    """Programs grouped by what they can stand for in a planted case."""

    governed: Mapping[str, frozenset[str]]  # program uid -> funding levels its rules forbid beside it
    central: tuple[str, ...]  # central programs that make awards (not strategies)
    pilots: tuple[str, ...]  # central pilots with stacking rules (their money runs through cities)
    local_funds: Mapping[str, tuple[str, ...]]  # city uid -> its own programs
    parents: Mapping[str, frozenset[str]]  # program uid -> every program it is part of

    def one_budget(self, first: str, second: str) -> bool:
        return (first == second or first in self.parents.get(second, frozenset())
                or second in self.parents.get(first, frozenset()))

    def forbidden(self, first: str, first_level: str, second: str, second_level: str) -> bool:
        """Does a rule forbid these two programs' money on one project?"""
        if self.one_budget(first, second):
            return False
        return (second_level in self.governed.get(first, frozenset())
                or first_level in self.governed.get(second, frozenset()))


def program_roles(vocabulary: Vocabulary, documents: Iterable[Path]) -> ProgramRoles:
    programs = {entry.uid: entry for entry in vocabulary.programs}
    parents = {uid: _ancestors(uid, programs) for uid in programs}
    stated: dict[str, set[str]] = {}
    for path in documents:
        for rule in parse_file(path, vocabulary).rules:
            for uid in rule.program_uids:
                stated.setdefault(uid, set()).update(rule.forbids_stacking_with)
    governed: dict[str, frozenset[str]] = {}
    for uid in programs:
        levels = set().union(*(stated.get(p, set()) for p in (uid, *parents[uid])))
        if levels:
            governed[uid] = frozenset(levels)
    central = tuple(uid for uid, entry in programs.items()
                    if entry.level == "CENTRAL" and entry.kind in ("program", "fund"))
    pilots = tuple(uid for uid, entry in programs.items()
                   if entry.level == "CENTRAL" and entry.kind == "pilot" and uid in governed)
    local: dict[str, list[str]] = {}
    for uid, entry in programs.items():
        if entry.level == "CENTRAL":
            continue
        for hit in vocabulary.regions.matcher.find(entry.name)[:1]:
            place = vocabulary.regions.places[hit.value]
            if place.kind == "city" and hit.start == 0:
                local.setdefault(region_uid("city", place.name), []).append(uid)
    return ProgramRoles(governed, central, pilots, {city: tuple(uids) for city, uids in local.items()}, parents)


def _ancestors(uid: str, programs: Mapping[str, ProgramEntry]) -> frozenset[str]:
    seen: set[str] = set()
    pending = list(programs[uid].part_of)
    while pending:
        current = pending.pop()
        if current not in seen and current in programs:
            seen.add(current)
            pending.extend(programs[current].part_of)
    return frozenset(seen)
