"""Funding-overlap findings and how sure each one is.

A finding is two awards that the rules forbid together (`graph.stacking`), on one
project or, more weakly, on two projects of one enterprise in one focus area and the
same or adjacent years. Its confidence is the product of factors, each with a reason,
so an auditor sees why a finding ranks where it does:

- the evidence that the two awards are one project's: the same project of the same
  enterprise (`SAME_PROJECT`), or different project names of one enterprise in one
  focus area (`SAME_FOCUS_AREA`), which may be one project listed twice or two;
- how the enterprise is known: a credit code is certain; a name within a city less so;
  a candidate link between two enterprise records weighs in with its own score;
- what argues against one project: different, unrelated focus areas on the two awards,
  or years far apart (a name reused for a later phase);
- a local award that only may carry a pilot's central money.

`DEFAULT_MIN_CONFIDENCE` is where findings start to be reported.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from math import prod

from graph.stacking import Bearing

DEFAULT_MIN_CONFIDENCE = 0.5

SAME_PROJECT = 0.95
SAME_FOCUS_AREA = 0.7
ADJACENT_YEAR = 0.9
NAME_ONLY = 0.9
UNRELATED_FOCUS_AREAS = 0.6
YEARS_APART = 0.7
YEARS_APART_FROM = 3
THROUGH_PILOT = 0.7


class OverlapKind(Enum):
    CENTRAL_AND_LOCAL = "CENTRAL_AND_LOCAL"  # one project, central money and local money
    TWO_CENTRAL = "TWO_CENTRAL"  # one project, two central programs
    TWO_LOCAL = "TWO_LOCAL"  # one project, two local programs whose rules forbid it
    SAME_ENTERPRISE_FOCUS_AREA = "SAME_ENTERPRISE_FOCUS_AREA"  # one enterprise, one focus area, (adjacent) year


@dataclass(frozen=True)
class Factor:
    weight: float
    reason: str


@dataclass(frozen=True)
class EnterpriseRef:
    uid: str
    name: str
    credit_code: str | None
    city_uid: str | None
    province_uid: str | None


@dataclass(frozen=True)
class AwardSide:
    award_uid: str
    project_uid: str
    project_name: str
    enterprise: EnterpriseRef
    program_uid: str
    program_name: str
    level: str
    amount_wan: float | None
    year: int
    batch: str | None
    source: str | None
    focus_area_uid: str | None
    focus_area_name: str | None
    source_file: str | None
    source_row: int | None
    city_uid: str | None
    park_uid: str | None


@dataclass(frozen=True)
class EnterpriseLink:
    score: float
    reasons: tuple[str, ...]


@dataclass
class Finding:
    kind: OverlapKind
    sides: tuple[AwardSide, AwardSide]
    bearings: list[Bearing]
    factors: list[Factor] = field(default_factory=list)

    @property
    def uid(self) -> str:
        first, second = sorted((self.sides[0].award_uid, self.sides[1].award_uid))
        return "ovl-" + hashlib.sha1(f"{first}|{second}".encode()).hexdigest()[:16]

    @property
    def confidence(self) -> float:
        return round(prod(factor.weight for factor in self.factors), 3)

    @property
    def enterprise(self) -> EnterpriseRef:
        return self.sides[0].enterprise

    @property
    def project_names(self) -> list[str]:
        return list(dict.fromkeys(side.project_name for side in self.sides))


def overlap_kind(first: AwardSide, second: AwardSide, same_project: bool) -> OverlapKind:
    if not same_project:
        return OverlapKind.SAME_ENTERPRISE_FOCUS_AREA
    central = [side.level == "CENTRAL" for side in (first, second)]
    if all(central):
        return OverlapKind.TWO_CENTRAL
    return OverlapKind.CENTRAL_AND_LOCAL if any(central) else OverlapKind.TWO_LOCAL


def score(finding: Finding, *, same_project: bool, link: EnterpriseLink | None,
          focus_areas_related: bool | None, program_names: Mapping[str, str]) -> list[Factor]:
    """The factors of a finding's confidence; `focus_areas_related` is None when a side names none."""
    first, second = finding.sides
    factors: list[Factor] = []
    if same_project:
        factors.append(Factor(SAME_PROJECT, f"both awards name the project {first.project_name!r} of "
                                            f"{first.enterprise.name}"))
    else:
        gap = abs(first.year - second.year)
        factors.append(Factor(SAME_FOCUS_AREA, f"different project names ({first.project_name!r}, "
                                               f"{second.project_name!r}) of {first.enterprise.name} in the same "
                                               f"focus area {first.focus_area_name}: possibly one project "
                                               "listed twice"))
        if gap == 1:
            factors.append(Factor(ADJACENT_YEAR, f"awarded in adjacent years ({first.year}, {second.year})"))
        else:
            factors.append(Factor(1.0, f"awarded in the same year ({first.year})"))
    factors.extend(_identity_factors(first, second, link))
    if same_project and focus_areas_related is False:
        factors.append(Factor(UNRELATED_FOCUS_AREAS, f"the awards name unrelated focus areas "
                                                     f"({first.focus_area_name}, {second.focus_area_name})"))
    gap = abs(first.year - second.year)
    if same_project and gap >= YEARS_APART_FROM:
        factors.append(Factor(YEARS_APART, f"awarded {gap} years apart ({min(first.year, second.year)} and "
                                           f"{max(first.year, second.year)}): the name may be reused for a new phase"))
    piloted = [bearing.via_selection for bearing in finding.bearings if bearing.via_selection is not None]
    if piloted and len(piloted) == len(finding.bearings):
        selection = piloted[0]
        batch = f", {selection.batch}" if selection.batch else ""
        pilot = program_names.get(selection.program_uid, selection.program_uid)
        factors.append(Factor(THROUGH_PILOT, f"{selection.city_name} was selected for {pilot} in "
                                             f"{selection.year}{batch}: the city's own award may carry the "
                                             "pilot's central money"))
    for bearing in finding.bearings:
        factors.append(Factor(1.0, _rule_reason(bearing)))
    return factors


def _identity_factors(first: AwardSide, second: AwardSide, link: EnterpriseLink | None) -> list[Factor]:
    if link is not None:
        return [Factor(link.score, "the two enterprise records may be one enterprise: " + "; ".join(link.reasons))]
    code = first.enterprise.credit_code
    if code:
        return [Factor(1.0, f"enterprise identified by credit code {code}")]
    return [Factor(NAME_ONLY, f"enterprise known by its name in its city only (no credit code): "
                              f"{first.enterprise.name}")]


def _rule_reason(bearing: Bearing) -> str:
    rule = bearing.rule
    where = " ".join(part for part in (rule.doc_number or rule.policy_title, rule.clause_path) if part)
    text = f"rule {rule.kind} ({where}) forbids adding {'/'.join(rule.forbids)} money"
    if bearing.via_selection is not None:
        text += f", through the pilot selection of {bearing.via_selection.city_name}"
    return text


def finding_record(finding: Finding) -> dict[str, object]:
    """A finding as plain data (JSON), everything an auditor needs to check it."""
    return {
        "uid": finding.uid,
        "kind": finding.kind.value,
        "confidence": finding.confidence,
        "reasons": [{"weight": factor.weight, "reason": factor.reason} for factor in finding.factors],
        "enterprise": _enterprise_record(finding.enterprise),
        "projects": list(dict.fromkeys(side.project_name for side in finding.sides)),
        "awards": [_side_record(side) for side in finding.sides],
        "rules": [_bearing_record(bearing) for bearing in finding.bearings],
    }


def _enterprise_record(enterprise: EnterpriseRef) -> dict[str, object]:
    return {"uid": enterprise.uid, "name": enterprise.name, "creditCode": enterprise.credit_code,
            "cityUid": enterprise.city_uid, "provinceUid": enterprise.province_uid}


def _side_record(side: AwardSide) -> dict[str, object]:
    return {
        "award": side.award_uid, "project": {"uid": side.project_uid, "name": side.project_name},
        "enterprise": _enterprise_record(side.enterprise),
        "program": {"uid": side.program_uid, "name": side.program_name, "level": side.level},
        "amountWan": side.amount_wan, "year": side.year, "batch": side.batch, "source": side.source,
        "focusArea": {"uid": side.focus_area_uid, "name": side.focus_area_name} if side.focus_area_uid else None,
        "sourceFile": side.source_file, "sourceRow": side.source_row,
    }


def _bearing_record(bearing: Bearing) -> dict[str, object]:
    rule, selection = bearing.rule, bearing.via_selection
    return {
        "uid": rule.uid, "kind": rule.kind, "forbidsStackingWith": list(rule.forbids),
        "governedProgram": bearing.governed_program,
        "policy": {"uid": rule.policy_uid, "docNumber": rule.doc_number, "title": rule.policy_title},
        "clause": {"uid": rule.clause_uid, "path": rule.clause_path, "text": rule.clause_text},
        "viaSelection": None if selection is None else {
            "city": selection.city_name, "program": selection.program_uid, "year": selection.year,
            "batch": selection.batch},
    }


FLAT_COLUMNS = ("uid", "kind", "confidence", "enterprise", "creditCode",
                "a_project", "a_program", "a_level", "a_amountWan", "a_year", "a_batch", "a_source", "a_row",
                "b_project", "b_program", "b_level", "b_amountWan", "b_year", "b_batch", "b_source", "b_row",
                "rules", "clauses", "reasons")


def finding_row(finding: Finding) -> dict[str, object]:
    """A finding as one spreadsheet row (`FLAT_COLUMNS`): side a is the earlier award."""
    row: dict[str, object] = {"uid": finding.uid, "kind": finding.kind.value, "confidence": finding.confidence,
                              "enterprise": finding.enterprise.name, "creditCode": finding.enterprise.credit_code}
    for prefix, side in zip(("a", "b"), finding.sides, strict=True):
        row.update({f"{prefix}_project": side.project_name, f"{prefix}_program": side.program_name,
                    f"{prefix}_level": side.level, f"{prefix}_amountWan": side.amount_wan,
                    f"{prefix}_year": side.year, f"{prefix}_batch": side.batch, f"{prefix}_source": side.source,
                    f"{prefix}_row": f"{side.source_file}:{side.source_row}" if side.source_file else None})
    row["rules"] = "; ".join(_rule_label(bearing) for bearing in finding.bearings)
    row["clauses"] = " | ".join(dict.fromkeys(b.rule.clause_text or "" for b in finding.bearings))
    row["reasons"] = "; ".join(f"{factor.reason} (×{factor.weight:g})" for factor in finding.factors)
    return row


def _rule_label(bearing: Bearing) -> str:
    rule = bearing.rule
    return " ".join(part for part in (rule.kind, rule.doc_number or rule.policy_title, rule.clause_path) if part)
