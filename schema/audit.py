"""`fundingOverlaps(...)`: awards that sit together where the rules forbid it, with the rules,
their clauses, and how sure each finding is."""

from __future__ import annotations

import enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from graph.findings import DEFAULT_MIN_CONFIDENCE, AwardSide, EnterpriseRef, Finding, OverlapKind
from graph.queries.audit import AuditFilters, UnknownFilter, funding_overlaps
from graph.stacking import Bearing
from schema.briefs import level_of
from schema.context import RequestContext
from schema.errors import BadUserInput
from schema.filters import Level
from schema.ids import global_id

MAX_FINDINGS = 1000


@strawberry.enum(description="How two awards belong together (重复支持的类型).")
class FundingOverlapKind(enum.Enum):
    CENTRAL_AND_LOCAL = strawberry.enum_value("CENTRAL_AND_LOCAL", description=(
        "One project funded with central money and with local (provincial or city) money"))
    TWO_CENTRAL = strawberry.enum_value("TWO_CENTRAL", description="One project funded by two central programs")
    TWO_LOCAL = strawberry.enum_value("TWO_LOCAL", description=(
        "One project funded by two local programs whose rules forbid it"))
    SAME_ENTERPRISE_FOCUS_AREA = strawberry.enum_value("SAME_ENTERPRISE_FOCUS_AREA", description=(
        "Two differently named projects of one enterprise in one focus area in the same or adjacent years: "
        "possibly one project listed twice; weaker evidence"))


@strawberry.type(description="The enterprise (企业) of a finding, as the award lists name it.")
class FundingEnterprise:
    id: strawberry.ID = strawberry.field(description="Global ID, usable with `node(id:)`")
    uid: str = strawberry.field(description="Stable identifier of the enterprise node")
    name: str = strawberry.field(description="Name (企业名称) as first listed")
    credit_code: str | None = strawberry.field(description="Unified social credit code (统一社会信用代码), when known")


@strawberry.type(description="A program (专项) an award came from.")
class FundingProgram:
    id: strawberry.ID = strawberry.field(description="Global ID, usable with `node(id:)`")
    uid: str = strawberry.field(description="Stable identifier of the program")
    name: str = strawberry.field(description="Name (名称), simplified")
    level: Level | None = strawberry.field(description="Whose money it is (资金层级)")


@strawberry.type(description="One award (资金安排) of a finding.")
class FundingAward:
    id: strawberry.ID = strawberry.field(description="Global ID of the award, usable with `node(id:)`")
    project_name: str = strawberry.field(description="Project (项目名称) as first listed")
    project_id: strawberry.ID = strawberry.field(description="Global ID of the project")
    enterprise: FundingEnterprise = strawberry.field(description="The enterprise record the award is on")
    program: FundingProgram = strawberry.field(description="The program (专项) the money came from")
    amount_wan: float | None = strawberry.field(description="Amount in 10,000 yuan (万元)")
    year: int = strawberry.field(description="Year (年度)")
    batch: str | None = strawberry.field(description="Batch (批次)")
    source: str | None = strawberry.field(description="The list or document the award comes from (来源)")
    focus_area: str | None = strawberry.field(description="Focus area (支持方向) the list names")
    source_file: str | None = strawberry.field(description="File the award was first loaded from")
    source_row: int | None = strawberry.field(description="Row of that file (the header counts)")


@strawberry.type(description="A pilot selection through which a city's own award may carry central money.")
class FundingSelection:
    city: str = strawberry.field(description="The selected city (入选城市)")
    program_uid: str = strawberry.field(description="The pilot program")
    year: int = strawberry.field(description="Year of the selection (年度)")
    batch: str | None = strawberry.field(description="Batch (批次)")


@strawberry.type(description="A rule (规则) that makes a pair of awards a finding, with the clause stating it.")
class FundingRule:
    id: strawberry.ID = strawberry.field(description="Global ID of the rule, usable with `node(id:)`")
    kind: str = strawberry.field(description="Rule kind, e.g. NO_DUPLICATE_CENTRAL_FUNDING (不得重复安排中央财政资金)")
    forbids_stacking_with: list[Level] = strawberry.field(description=(
        "Levels of money the rule forbids adding to a project of the program it governs"))
    governed_program: str = strawberry.field(description="Uid of the program whose money the rule is about")
    doc_number: str | None = strawberry.field(description="Document number (文号) of the policy stating it")
    policy_title: str | None = strawberry.field(description="Title (标题) of that policy")
    clause_path: str | None = strawberry.field(description="Where in the policy (条款), e.g. 三、(一) 2.")
    clause_text: str | None = strawberry.field(description="The clause text (条款原文, simplified)")
    via_selection: FundingSelection | None = strawberry.field(description=(
        "Set when the rule reaches a city's own award through the city's pilot selection"))


@strawberry.type(description="A factor of a finding's confidence, and why.")
class ConfidenceReason:
    weight: float = strawberry.field(description="Factor (1 adds evidence without changing the confidence)")
    reason: str = strawberry.field(description="What the factor stands for")


@strawberry.type(description="A finding (疑似重复支持): two awards the rules forbid together.")
class FundingOverlap:
    uid: str = strawberry.field(description="Stable identifier of the finding (from its two awards)")
    kind: FundingOverlapKind = strawberry.field(description="How the two awards belong together")
    confidence: float = strawberry.field(description="How sure the finding is, 0 to 1: the product of the factors")
    reasons: list[ConfidenceReason] = strawberry.field(description="The factors of the confidence")
    enterprise: FundingEnterprise = strawberry.field(description="The enterprise (of the earlier award)")
    projects: list[str] = strawberry.field(description="The project name(s)")
    awards: list[FundingAward] = strawberry.field(description="The two awards, earlier first")
    rules: list[FundingRule] = strawberry.field(description="The rules that make it a finding")


@strawberry.type(description="Findings of a funding audit (资金审计结果).")
class FundingOverlaps:
    total_count: int = strawberry.field(description="Findings at or above the minimum confidence")
    nodes: list[FundingOverlap] = strawberry.field(description="The findings, most certain first (up to `first`)")


def _enterprise(ref: EnterpriseRef) -> FundingEnterprise:
    return FundingEnterprise(id=strawberry.ID(global_id("Enterprise", ref.uid)), uid=ref.uid, name=ref.name,
                             credit_code=ref.credit_code)


def _award(side: AwardSide) -> FundingAward:
    return FundingAward(
        id=strawberry.ID(global_id("Award", side.award_uid)), project_name=side.project_name,
        project_id=strawberry.ID(global_id("Project", side.project_uid)), enterprise=_enterprise(side.enterprise),
        program=FundingProgram(id=strawberry.ID(global_id("Program", side.program_uid)), uid=side.program_uid,
                               name=side.program_name, level=level_of(side.level)),
        amount_wan=side.amount_wan, year=side.year, batch=side.batch, source=side.source,
        focus_area=side.focus_area_name, source_file=side.source_file, source_row=side.source_row,
    )


def _rule(bearing: Bearing) -> FundingRule:
    rule, selection = bearing.rule, bearing.via_selection
    return FundingRule(
        id=strawberry.ID(global_id("Rule", rule.uid)), kind=rule.kind,
        forbids_stacking_with=[level for value in rule.forbids if (level := level_of(value)) is not None],
        governed_program=bearing.governed_program, doc_number=rule.doc_number, policy_title=rule.policy_title,
        clause_path=rule.clause_path, clause_text=rule.clause_text,
        via_selection=None if selection is None else FundingSelection(
            city=selection.city_name, program_uid=selection.program_uid, year=selection.year, batch=selection.batch),
    )


def _finding(finding: Finding) -> FundingOverlap:
    return FundingOverlap(
        uid=finding.uid, kind=FundingOverlapKind[finding.kind.value], confidence=finding.confidence,
        reasons=[ConfidenceReason(weight=f.weight, reason=f.reason) for f in finding.factors],
        enterprise=_enterprise(finding.enterprise), projects=finding.project_names,
        awards=[_award(side) for side in finding.sides], rules=[_rule(b) for b in finding.bearings],
    )


@strawberry.type
class AuditQuery:
    @strawberry.field(description=(
        "Funding overlaps (重复支持审计): awards that sit together on one project, or on one enterprise's "
        "projects in one focus area, where a stacking rule forbids it (不得重复安排中央财政资金 ...). Each "
        "finding names the rules with their policy and clause, and a confidence with its reasons."))
    async def funding_overlaps(
        self,
        info: Info[RequestContext, None],
        province: Annotated[str | None, strawberry.argument(description="Province (省), name or uid")] = None,
        city: Annotated[str | None, strawberry.argument(description="City (市), name or uid")] = None,
        park: Annotated[str | None, strawberry.argument(description="Park (园区), name or uid")] = None,
        program: Annotated[str | None, strawberry.argument(
            description="Program (专项), uid, name or alias: findings with an award from it")] = None,
        from_year: Annotated[int | None, strawberry.argument(
            description="Findings with an award in this year (年度) or later")] = None,
        to_year: Annotated[int | None, strawberry.argument(
            description="Findings with an award in this year or earlier")] = None,
        min_confidence: Annotated[float, strawberry.argument(
            description="Report findings at least this sure, 0 to 1")] = DEFAULT_MIN_CONFIDENCE,
        first: Annotated[int, strawberry.argument(description=f"How many findings, 1 to {MAX_FINDINGS}")] = 100,
    ) -> FundingOverlaps:
        if not 1 <= first <= MAX_FINDINGS:
            raise BadUserInput(f"first must be between 1 and {MAX_FINDINGS}")
        if not 0 <= min_confidence <= 1:
            raise BadUserInput("minConfidence must be between 0 and 1")
        filters = AuditFilters(province=province, city=city, park=park, program=program, from_year=from_year,
                               to_year=to_year, min_confidence=min_confidence)
        try:
            result = await funding_overlaps(info.context.store, filters)
        except UnknownFilter as error:
            raise BadUserInput(str(error)) from error
        return FundingOverlaps(total_count=len(result.findings),
                               nodes=[_finding(finding) for finding in result.findings[:first]])


# The kinds of the graph layer and of the API are the same list.
assert {kind.value for kind in OverlapKind} == {kind.name for kind in FundingOverlapKind}
