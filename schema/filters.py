"""Filter arguments of the root lists, and their translation into graph predicates."""

from __future__ import annotations

import datetime
import enum

import strawberry

from graph import filters as gf
from graph.compiler.plan import Contains, Predicate
from graph.text_index import to_simplified
from schema.errors import BadUserInput
from schema.ids import parse_global_id


@strawberry.enum(description="Level of government (行政层级) that issues a policy or runs a program.")
class Level(enum.Enum):
    CENTRAL = strawberry.enum_value("CENTRAL", description="Central government (中央)")
    PROVINCIAL = strawberry.enum_value("PROVINCIAL", description="Province (省级)")
    CITY = strawberry.enum_value("CITY", description="City (市级)")


@strawberry.input(description="Which policies (政策文件) to list; all conditions must hold.")
class PolicyFilter:
    level: Level | None = strawberry.field(default=None, description="Level of government (层级)")
    issuer: strawberry.ID | None = strawberry.field(default=None, description="Issued by this Agency (发文机关), by ID")
    year_from: int | None = strawberry.field(default=None, description="Issued in this year (印发年份) or later")
    year_to: int | None = strawberry.field(default=None, description="Issued in this year or earlier")
    in_force_on: datetime.date | None = strawberry.field(default=None, description=(
        "In force (有效) on this day: effectiveFrom (or, without it, issuedOn) on or before the day, and "
        "effectiveTo, if any, on or after it. Policies with neither date are left out."))
    focus_area: strawberry.ID | None = strawberry.field(default=None, description=(
        "Defines a program that supports this FocusArea (支持方向) or a narrower one"))
    region: strawberry.ID | None = strawberry.field(default=None, description=(
        "Applies in this City, or in this Province or one of its cities (适用地区)"))
    text: str | None = strawberry.field(default=None, description=(
        "Title or document number contains this text (simplified or traditional); for ranked search use `search`"))


@strawberry.input(description="Which programs (专项) to list.")
class ProgramFilter:
    level: Level | None = strawberry.field(default=None, description="Level of government that runs it (层级)")


@strawberry.input(description="Which focus areas (重点领域) to list; the tree is read with `narrower`/`broader`.")
class FocusAreaFilter:
    pillar: strawberry.ID | None = strawberry.field(default=None, description="Under this 四基 pillar, by ID")
    pillars_only: bool | None = strawberry.field(default=None, description="Only the four pillars (四基) themselves")
    roots_only: bool | None = strawberry.field(default=None, description="Only focus areas without a broader one")
    narrower_than: strawberry.ID | None = strawberry.field(default=None, description=(
        "Only the focus areas directly below this one (下级领域)"))


@strawberry.input(description="Which enterprises (企业) or projects (项目) to list; all conditions must hold.")
class FundingFilter:
    city: strawberry.ID | None = strawberry.field(default=None, description="In this City (市) or a park in it")
    province: strawberry.ID | None = strawberry.field(default=None, description="Located in this Province (省)")
    park: strawberry.ID | None = strawberry.field(default=None, description="Located in this Park (园区)")
    focus_area: strawberry.ID | None = strawberry.field(default=None, description=(
        "Has a project in this FocusArea (领域) or a narrower one"))
    program: strawberry.ID | None = strawberry.field(default=None, description=(
        "Has a project funded by this Program (专项)"))
    year: int | None = strawberry.field(default=None, description=(
        "Has a project funded in this year (年度); with `program`, by that program in that year"))


def _uid(value: strawberry.ID, *labels: str) -> tuple[str, str]:
    return parse_global_id(str(value), expect=labels)


def policy_predicates(f: PolicyFilter | None) -> tuple[Predicate, ...]:
    if f is None:
        return ()
    preds: list[Predicate] = []
    if f.level is not None:
        preds.append(gf.level_is(f.level.name))
    if f.issuer is not None:
        preds.append(gf.issued_by(_uid(f.issuer, "Agency")[1]))
    if f.year_from is not None or f.year_to is not None:
        for year in (f.year_from, f.year_to):
            if year is not None and not 1900 <= year <= 2200:
                raise BadUserInput(f"year {year} is out of range")
        preds.append(gf.issued_between(f.year_from, f.year_to))
    if f.in_force_on is not None:
        preds.append(gf.in_force_on(f.in_force_on.isoformat()))
    if f.focus_area is not None:
        preds.append(gf.policy_supports(_uid(f.focus_area, "FocusArea")[1]))
    if f.region is not None:
        preds.append(gf.policy_applies_in(*_uid(f.region, "City", "Province")))
    if f.text:
        preds.append(Contains(("title", "docNumber"), to_simplified(f.text.strip())))
    return tuple(preds)


def program_predicates(f: ProgramFilter | None) -> tuple[Predicate, ...]:
    return (gf.level_is(f.level.name),) if f is not None and f.level is not None else ()


def focus_area_predicates(f: FocusAreaFilter | None) -> tuple[Predicate, ...]:
    if f is None:
        return ()
    preds: list[Predicate] = []
    if f.pillar is not None:
        preds.append(gf.focus_area_pillar(_uid(f.pillar, "FocusArea")[1]))
    if f.pillars_only:
        preds.append(gf.focus_area_is_pillar(True))
    if f.roots_only:
        preds.append(gf.focus_area_is_root())
    if f.narrower_than is not None:
        preds.append(gf.focus_area_narrower_than(_uid(f.narrower_than, "FocusArea")[1]))
    return tuple(preds)


def funding_predicates(label: str, f: FundingFilter | None) -> tuple[Predicate, ...]:
    if f is None:
        return ()
    preds: list[Predicate] = []
    if f.city is not None:
        preds.append(gf.located_in_city(label, _uid(f.city, "City")[1]))
    if f.province is not None:
        preds.append(gf.located_in_province(label, _uid(f.province, "Province")[1]))
    if f.park is not None:
        preds.append(gf.located_in_park(label, _uid(f.park, "Park")[1]))
    if f.focus_area is not None:
        preds.append(gf.works_in(label, _uid(f.focus_area, "FocusArea")[1]))
    if f.program is not None or f.year is not None:
        program = _uid(f.program, "Program")[1] if f.program is not None else None
        preds.append(gf.funded(label, program, f.year))
    return tuple(preds)
