"""Filters that follow the graph: where an enterprise is, what a policy funds, when it is in force.

Each function returns a compiler predicate over the listed node; the paths are
the graph model's (docs/graph-model.md), so callers need not know them.
"""

from __future__ import annotations

from graph.compiler.plan import AnyOf, Between, Equals, HasNo, InForceOn, Predicate, Reaches, Step

MAX_TREE_DEPTH = 10  # focus-area trees are three or four levels deep; the bound keeps the search finite

_LOCATED_IN_CITY = (Step("LOCATED_IN", "out", "City"),)
_LOCATED_IN_PARK_IN_CITY = (Step("LOCATED_IN", "out", "Park"), Step("IN", "out", "City"))
_NARROWER_OR_SELF = Step("BROADER", "out", "FocusArea", (0, MAX_TREE_DEPTH))


def in_force_on(date: str) -> Predicate:
    """In force on `date` (inclusive at both ends): from effectiveFrom, else issuedOn, until effectiveTo if any.
    A policy with neither start date is not known to be in force and does not match."""
    return InForceOn(date)


def issued_between(year_from: int | None, year_to: int | None) -> Predicate:
    return Between("issuedOn", f"{year_from:04d}-01-01" if year_from is not None else None,
                   f"{year_to:04d}-12-31" if year_to is not None else None)


def issued_by(agency_uid: str) -> Predicate:
    return Reaches((Step("ISSUED_BY", "out", "Agency"),), agency_uid)


def policy_supports(focus_area_uid: str) -> Predicate:
    """The policy defines a program that supports this focus area or one narrower than it."""
    return Reaches((Step("DEFINES", "out", "Program"), Step("SUPPORTS", "out", "FocusArea"), _NARROWER_OR_SELF),
                   focus_area_uid)


def policy_applies_in(label: str, uid: str) -> Predicate:
    """Applies in this city, or in this province or one of its cities."""
    if label == "City":
        return Reaches((Step("APPLIES_IN", "out", "City"),), uid)
    return AnyOf((Reaches((Step("APPLIES_IN", "out", "Province"),), uid),
                  Reaches((Step("APPLIES_IN", "out", "City"), Step("IN", "out", "Province")), uid)))


def _enterprise_prefix(label: str) -> tuple[Step, ...]:
    return () if label == "Enterprise" else (Step("BY", "out", "Enterprise"),)


def _project_prefix(label: str) -> tuple[Step, ...]:
    return (Step("BY", "in", "Project"),) if label == "Enterprise" else ()


def located_in_city(label: str, city_uid: str) -> Predicate:
    """An enterprise (or a project's enterprise) in the city, directly or through one of its parks."""
    prefix = _enterprise_prefix(label)
    return AnyOf((Reaches(prefix + _LOCATED_IN_CITY, city_uid), Reaches(prefix + _LOCATED_IN_PARK_IN_CITY, city_uid)))


def located_in_province(label: str, province_uid: str) -> Predicate:
    prefix = _enterprise_prefix(label)
    up = Step("IN", "out", "Province")
    return AnyOf((Reaches((*prefix, *_LOCATED_IN_CITY, up), province_uid),
                  Reaches((*prefix, *_LOCATED_IN_PARK_IN_CITY, up), province_uid)))


def located_in_park(label: str, park_uid: str) -> Predicate:
    return Reaches((*_enterprise_prefix(label), Step("LOCATED_IN", "out", "Park")), park_uid)


def works_in(label: str, focus_area_uid: str) -> Predicate:
    """Has a project targeting this focus area or one narrower than it."""
    return Reaches((*_project_prefix(label), Step("TARGETS", "out", "FocusArea"), _NARROWER_OR_SELF), focus_area_uid)


def funded(label: str, program_uid: str | None, year: int | None) -> Predicate:
    """Has a project with an award (from this program, of this year: the same award when both are given)."""
    prefix = _project_prefix(label)
    award_index = len(prefix)
    steps: tuple[Step, ...] = (*prefix, Step("RECEIVED", "out", "Award"))
    if program_uid is not None:
        steps = (*steps, Step("FROM", "out", "Program"))
    via = ((award_index, "year", year),) if year is not None else ()
    return Reaches(steps, program_uid, via)


def level_is(level: str) -> Predicate:
    return Equals("level", level)


def focus_area_pillar(pillar_uid: str) -> Predicate:
    return Equals("pillar", pillar_uid)


def focus_area_is_pillar(value: bool) -> Predicate:
    return Equals("isPillar", value)


def focus_area_is_root() -> Predicate:
    return HasNo(Step("BROADER", "out", "FocusArea"))


def focus_area_narrower_than(uid: str) -> Predicate:
    """Directly below this focus area in the tree."""
    return Reaches((Step("BROADER", "out", "FocusArea"),), uid)
