"""`programOverlaps(program:, level:, minScore:)`: where programs of different funding levels
fund the same kind of work, with the clauses on both sides and the stacking rules that bear."""

from __future__ import annotations

import enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from graph import overlap_score
from graph.queries import overlaps as q
from schema.briefs import PolicyBrief, ProgramBrief, level_of, policy_brief, program_brief
from schema.context import RequestContext
from schema.errors import BadUserInput, NotFound
from schema.filters import Level
from schema.ids import global_id, parse_global_id


@strawberry.enum(description="What kind of item two programs share (共同支持内容).")
class OverlapItemKind(enum.Enum):
    THEME = strawberry.enum_value("THEME", description="A theme (主题) the programs cover, e.g. 智能工厂")
    FOCUS_AREA = strawberry.enum_value("FOCUS_AREA", description="A focus area (支持方向) the programs support")
    INDUSTRY = strawberry.enum_value("INDUSTRY", description="An industry (重点行业) the programs prioritise")
    INSTRUMENT = strawberry.enum_value("INSTRUMENT", description="A funding instrument (支持方式) the programs use")


@strawberry.enum(description="How the items of the two programs match (匹配方式).")
class OverlapMatch(enum.Enum):
    EXACT = strawberry.enum_value("EXACT", description="Both programs have the same item; it weighs 1 in the score")
    RELATED = strawberry.enum_value("RELATED", description=(
        "Different items one step apart in the taxonomy, or under a common broader item (绿色工厂 and "
        "绿色供应链 under 绿色制造); an item that only relates weighs ½ in the score"))


@strawberry.enum(description="Why a stacking rule (不得重复支持) bears on a pair of programs.")
class StackingReason(enum.Enum):
    FORBIDS_OTHER_LEVEL = strawberry.enum_value("FORBIDS_OTHER_LEVEL", description=(
        "The rule forbids adding money of the other program's level, e.g. a rule against duplicate central "
        "funding (不得重复安排中央财政资金) and a central program"))
    NAMES_OTHER_PROGRAM = strawberry.enum_value("NAMES_OTHER_PROGRAM", description=(
        "The clause stating the rule names the other program"))


@strawberry.type(description="A theme, focus area, industry or instrument (主题/方向/行业/方式) in an overlap.")
class OverlapTerm:
    id: strawberry.ID = strawberry.field(description="Global ID, usable with `node(id:)`")
    uid: str = strawberry.field(description="Stable identifier of the item")
    name: str = strawberry.field(description="Name (名称), simplified")
    name_en: str | None = strawberry.field(description="English name")


@strawberry.type(description="A clause (条款) that states a program's link to an item, or a rule.")
class OverlapClause:
    id: strawberry.ID = strawberry.field(description="Global ID, usable with `node(id:)`")
    uid: str = strawberry.field(description="Stable identifier of the clause")
    path: str = strawberry.field(description="Position in the document's outline (条款路径), e.g. 第二章 第五条 1.")
    text: str = strawberry.field(description="Text (正文), simplified")
    policy: PolicyBrief | None = strawberry.field(description="The policy the clause belongs to")


@strawberry.type(description="An item the two programs share, or a pair of related items, with the clauses on "
                             "both sides that state them (条款对照).")
class SharedItem:
    kind: OverlapItemKind = strawberry.field(description="Theme, focus area, industry or instrument")
    match: OverlapMatch = strawberry.field(description="Same item (EXACT) or related items (RELATED)")
    item: OverlapTerm = strawberry.field(description="The item on the side of `program`")
    other_item: OverlapTerm = strawberry.field(description="The item on the side of `other`; `item` when EXACT")
    via: OverlapTerm | None = strawberry.field(description=(
        "For RELATED items, the broader item that relates them (one of the two, or their common broader item)"))
    program_clauses: list[OverlapClause] = strawberry.field(description="Clauses linking `program` to `item`")
    other_clauses: list[OverlapClause] = strawberry.field(description="Clauses linking `other` to `otherItem`")


@strawberry.type(description="A rule against stacking (不得重复支持) that bears on the pair of programs.")
class StackingRule:
    id: strawberry.ID = strawberry.field(description="Global ID of the rule, usable with `node(id:)`")
    uid: str = strawberry.field(description="Stable identifier of the rule")
    kind: str = strawberry.field(description="Kind of rule (规则类型), e.g. NO_DUPLICATE_CENTRAL_FUNDING")
    owner: ProgramBrief = strawberry.field(description="The program of the pair the rule belongs to")
    forbids_stacking_with: list[Level] = strawberry.field(description=(
        "Levels of funding the rule forbids adding to the same project"))
    reasons: list[StackingReason] = strawberry.field(description="Why the rule bears on this pair")
    clause: OverlapClause = strawberry.field(description="The clause that states the rule")


@strawberry.type(description="Two programs of different funding levels that fund the same kind of work (政策重叠).")
class ProgramOverlap:
    program: ProgramBrief = strawberry.field(description="The program asked about")
    other: ProgramBrief = strawberry.field(description="A program at the other level")
    score: float = strawberry.field(description=(
        "Weighted Jaccard index over the union of both programs' items, from 0 to 1 and the same both ways: an "
        "item both have weighs 1, an item one has weighs ½ when the other has a related item, else 0"))
    shared: list[SharedItem] = strawberry.field(description=(
        "Every item that counts: exact matches first, then related pairs"))
    stacking_rules: list[StackingRule] = strawberry.field(description=(
        "Rules of either program against stacking that bear on this pair; empty when none was found"))


def _program(summary: q.ProgramSummary) -> ProgramBrief:
    return program_brief(summary.uid, summary.name, summary.name_en, summary.level)


_LABELS: dict[overlap_score.ItemKind, str] = {
    "THEME": "Theme", "FOCUS_AREA": "FocusArea", "INDUSTRY": "Industry", "INSTRUMENT": "Instrument",
}


def _term(kind: overlap_score.ItemKind, term: overlap_score.Term) -> OverlapTerm:
    return OverlapTerm(id=strawberry.ID(global_id(_LABELS[kind], term.uid)), uid=term.uid, name=term.name,
                       name_en=term.name_en)


def _clause(clause: q.ClauseEvidence) -> OverlapClause:
    return OverlapClause(id=strawberry.ID(global_id("Clause", clause.uid)), uid=clause.uid, path=clause.path,
                         text=clause.text, policy=policy_brief(clause.policy_uid, clause.doc_number,
                                                               clause.policy_title))


def _shared(shared: q.SharedItem) -> SharedItem:
    m = shared.match
    return SharedItem(
        kind=OverlapItemKind[m.kind], match=OverlapMatch[m.match], item=_term(m.kind, m.item.term),
        other_item=_term(m.kind, m.other_item.term), via=_term(m.kind, m.via) if m.via else None,
        program_clauses=[_clause(c) for c in shared.program_clauses],
        other_clauses=[_clause(c) for c in shared.other_clauses],
    )


def _rule(rule: q.StackingRule, programs: dict[str, q.ProgramSummary]) -> StackingRule:
    return StackingRule(
        id=strawberry.ID(global_id("Rule", rule.uid)), uid=rule.uid, kind=rule.kind,
        owner=_program(programs[rule.owner]),
        forbids_stacking_with=[level for value in rule.forbids_stacking_with if (level := level_of(value))],
        reasons=[StackingReason[reason] for reason in rule.reasons], clause=_clause(rule.clause),
    )


def _overlap(overlap: q.ProgramOverlap) -> ProgramOverlap:
    programs = {overlap.program.uid: overlap.program, overlap.other.uid: overlap.other}
    return ProgramOverlap(
        program=_program(overlap.program), other=_program(overlap.other), score=overlap.score,
        shared=[_shared(item) for item in overlap.shared],
        stacking_rules=[_rule(rule, programs) for rule in overlap.stacking_rules],
    )


@strawberry.type
class OverlapQuery:
    @strawberry.field(description=(
        "Programs at another funding level that fund the same kind of work as `program` (or as each city program), "
        "read from the documents alone: the shared themes, focus areas, industries and instruments, the clauses on "
        "both sides that state them, and the rules against stacking the two. Best score first."
    ))
    async def program_overlaps(
        self,
        info: Info[RequestContext, None],
        program: Annotated[strawberry.ID | None, strawberry.argument(description=(
            "The program (global ID or uid); omitted, every city (市级) program"))] = None,
        level: Annotated[Level | None, strawberry.argument(description=(
            "Level of the programs to compare with; omitted, every level other than the program's own"))] = None,
        min_score: Annotated[float, strawberry.argument(description=(
            "Leave out pairs scoring below this (0 to 1)"))] = 0.0,
    ) -> list[ProgramOverlap]:
        if not 0.0 <= min_score <= 1.0:
            raise BadUserInput("minScore must be between 0 and 1")
        uid = parse_global_id(program, expect=("Program",))[1] if program is not None else None
        try:
            found = await q.program_overlaps(info.context.store, program=uid,
                                             level=level.name if level else None, min_score=min_score)
        except q.UnknownProgram as exc:
            raise NotFound(f"no program {exc.args[0]!r}") from exc
        return [_overlap(overlap) for overlap in found]
