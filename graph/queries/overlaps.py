"""Programs at another funding level that fund the same kind of work, from the documents alone.

Two programs overlap where documents link both to the same or related themes, focus areas,
industries or instruments (COVERS, SUPPORTS, PRIORITIZES, USES); `graph.overlap_score` says
what related means and how the overlap is scored. Only links stated in a clause count (they
carry `clauseUid`): a program's defaults in the vocabulary say nothing about what a document
funds. Each shared item comes with the clauses on both sides that state it.

A stacking rule bears on a pair when it belongs to either program and forbids adding money of
the other program's level (`Rule.forbidsStackingWith`, e.g. CENTRAL for 不得重复安排中央财政资金),
or when a rule of a stacking kind is stated in a clause that names the other program.

A program is not compared with the programs it is part of or that are part of it: that is
one budget, not two sources of money.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from graph.cypher import statement
from graph.overlap_score import Item, ItemKind, ItemMatch, Profile, Term, item_matches, overlap_score
from graph.store import GraphStore, Row

# Without a program, every program of this level is compared (the question of city planners).
DEFAULT_SOURCE_LEVEL = "CITY"

ITEM_KINDS: dict[str, ItemKind] = {
    "COVERS": "THEME", "SUPPORTS": "FOCUS_AREA", "PRIORITIZES": "INDUSTRY", "USES": "INSTRUMENT",
}

StackingReason = Literal["FORBIDS_OTHER_LEVEL", "NAMES_OTHER_PROGRAM"]

OVERLAP_PAIRS = statement(
    "overlap_pairs",
    """
    MATCH (a:Program)
    WHERE ($program IS NULL AND a.level = $sourceLevel) OR a.uid = $program
    MATCH (a)-[ra:COVERS|SUPPORTS|PRIORITIZES|USES]->(x)
    WHERE ra.clauseUid IS NOT NULL
    MATCH (x)-[:BROADER*0..1]->(common)<-[:BROADER*0..1]-(y)<-[rb]-(b:Program)
    WHERE type(rb) = type(ra) AND rb.clauseUid IS NOT NULL AND b.uid <> a.uid
      AND (($level IS NULL AND b.level <> a.level) OR b.level = $level)
      AND NOT (a)-[:PART_OF*]->(b) AND NOT (b)-[:PART_OF*]->(a)
    RETURN DISTINCT a.uid AS program, b.uid AS other
    ORDER BY program, other
    """,
)

PROGRAM_ITEMS = statement(
    "overlap_program_items",
    """
    UNWIND $uids AS programUid
    MATCH (p:Program {uid: programUid})-[r:COVERS|SUPPORTS|PRIORITIZES|USES]->(x)
    WHERE r.clauseUid IS NOT NULL
    WITH p, type(r) AS relation, x, collect(DISTINCT r.clauseUid) AS clauseUids
    RETURN p.uid AS program, p.name AS programName, p.nameEn AS programNameEn, p.level AS programLevel,
           relation, x.uid AS uid, x.name AS name, x.nameEn AS nameEn, clauseUids,
           [(x)-[:BROADER]->(b) | {uid: b.uid, name: b.name, nameEn: b.nameEn}] AS broader
    ORDER BY program, relation, uid
    """,
)

CLAUSES = statement(
    "overlap_clauses",
    """
    UNWIND $uids AS clauseUid
    MATCH (c:Clause {uid: clauseUid})
    OPTIONAL MATCH (p:Policy {uid: c.policyUid})
    RETURN c.uid AS uid, c.path AS path, c.text AS text, c.ordinal AS ordinal,
           p.uid AS policyUid, p.docNumber AS docNumber, p.title AS title
    """,
)

STACKING_RULES = statement(
    "overlap_stacking_rules",
    """
    UNWIND $pairs AS pair
    MATCH (owner:Program)-[:HAS_RULE]->(r:Rule)-[:STATED_IN]->(c:Clause)
    WHERE owner.uid IN [pair.program, pair.other] AND r.forbidsStackingWith IS NOT NULL
    MATCH (other:Program)
    WHERE other.uid IN [pair.program, pair.other] AND other.uid <> owner.uid
      AND (other.level IN r.forbidsStackingWith OR (c)-[:MENTIONS]->(other))
    OPTIONAL MATCH (p:Policy {uid: c.policyUid})
    RETURN pair.program AS program, pair.other AS other, owner.uid AS owner,
           r.uid AS uid, r.kind AS kind, r.forbidsStackingWith AS forbidsStackingWith,
           other.level IN r.forbidsStackingWith AS forbidsOtherLevel,
           size([(c)-[:MENTIONS]->(other) | other.uid]) > 0 AS namesOther,
           c.uid AS clauseUid, c.path AS path, c.text AS text, c.ordinal AS ordinal,
           p.uid AS policyUid, p.docNumber AS docNumber, p.title AS title
    ORDER BY program, other, owner, uid
    """,
)

PROGRAM_EXISTS = statement(
    "overlap_program_exists",
    "MATCH (p:Program {uid: $uid}) RETURN p.uid AS uid",
)


@dataclass(frozen=True)
class ProgramSummary:
    uid: str
    name: str
    name_en: str | None
    level: str | None


@dataclass(frozen=True)
class ClauseEvidence:
    uid: str
    path: str
    text: str
    ordinal: int | None
    policy_uid: str | None
    doc_number: str | None
    policy_title: str | None


@dataclass(frozen=True)
class SharedItem:
    """An item both programs have (EXACT), or related items one on each side (RELATED), with
    the clauses that state the program's link (`program_clauses`) and the other's."""

    match: ItemMatch
    program_clauses: tuple[ClauseEvidence, ...]
    other_clauses: tuple[ClauseEvidence, ...]


@dataclass(frozen=True)
class StackingRule:
    uid: str
    kind: str
    owner: str
    forbids_stacking_with: tuple[str, ...]
    reasons: tuple[StackingReason, ...]
    clause: ClauseEvidence


@dataclass(frozen=True)
class ProgramOverlap:
    program: ProgramSummary
    other: ProgramSummary
    score: float
    shared: tuple[SharedItem, ...]
    stacking_rules: tuple[StackingRule, ...]


class UnknownProgram(LookupError):
    """No program has the uid asked about."""


async def program_overlaps(
    store: GraphStore, *, program: str | None = None, level: str | None = None, min_score: float = 0.0,
) -> list[ProgramOverlap]:
    """Overlaps of `program` (or of every city program) with programs of `level` (or of any
    level other than the program's own), best first; pairs scoring below `min_score` are left out.

    Raises `UnknownProgram` for a `program` uid that names no program.
    """
    pairs = [(row["program"], row["other"]) for row in await store.read(
        OVERLAP_PAIRS, {"program": program, "level": level, "sourceLevel": DEFAULT_SOURCE_LEVEL})]
    if not pairs:
        if program is not None and not await store.read(PROGRAM_EXISTS, {"uid": program}):
            raise UnknownProgram(program)
        return []
    summaries, profiles, clause_uids = _profiles(await store.read(
        PROGRAM_ITEMS, {"uids": sorted({uid for pair in pairs for uid in pair})}))
    scored = [(a, b, overlap_score(profiles[a], profiles[b])) for a, b in pairs]
    kept = sorted(((a, b, score) for a, b, score in scored if score > 0 and score >= min_score),
                  key=lambda entry: (-entry[2], entry[0], entry[1]))
    if not kept:
        return []
    matches = {(a, b): list(item_matches(profiles[a], profiles[b])) for a, b, _ in kept}
    wanted = sorted({uid for (a, b), found in matches.items() for m in found
                     for uid in (*clause_uids[a, m.item.key], *clause_uids[b, m.other_item.key])})
    clauses = {row["uid"]: _clause(row) for row in await store.read(CLAUSES, {"uids": wanted})}
    rules = _rules(await store.read(STACKING_RULES, {"pairs": [{"program": a, "other": b} for a, b, _ in kept]}))
    return [
        ProgramOverlap(
            program=summaries[a], other=summaries[b], score=score,
            shared=tuple(SharedItem(m, _evidence(clause_uids[a, m.item.key], clauses),
                                    _evidence(clause_uids[b, m.other_item.key], clauses)) for m in matches[a, b]),
            stacking_rules=tuple(rules.get((a, b), ())),
        )
        for a, b, score in kept
    ]


def _profiles(rows: Iterable[Row]) -> tuple[
        dict[str, ProgramSummary], dict[str, Profile], dict[tuple[str, tuple[ItemKind, str]], list[str]]]:
    summaries: dict[str, ProgramSummary] = {}
    profiles: dict[str, dict[tuple[ItemKind, str], Item]] = defaultdict(dict)
    clause_uids: dict[tuple[str, tuple[ItemKind, str]], list[str]] = {}
    for row in rows:
        program = row["program"]
        summaries[program] = ProgramSummary(program, row["programName"], row["programNameEn"], row["programLevel"])
        item = Item(ITEM_KINDS[row["relation"]], _term(row),
                    {broader["uid"]: _term(broader) for broader in row["broader"]})
        profiles[program][item.key] = item
        clause_uids[program, item.key] = list(row["clauseUids"])
    return summaries, dict(profiles), clause_uids


def _term(row: dict[str, Any]) -> Term:
    return Term(row["uid"], row["name"], row.get("nameEn"))


def _clause(row: Row) -> ClauseEvidence:
    return ClauseEvidence(uid=row["uid"], path=row["path"], text=row["text"], ordinal=row["ordinal"],
                          policy_uid=row["policyUid"], doc_number=row["docNumber"], policy_title=row["title"])


def _evidence(uids: Sequence[str], clauses: dict[str, ClauseEvidence]) -> tuple[ClauseEvidence, ...]:
    found = [clauses[uid] for uid in uids if uid in clauses]
    return tuple(sorted(found, key=lambda c: (c.doc_number or c.policy_uid or "", c.ordinal or 0, c.uid)))


def _rules(rows: Iterable[Row]) -> dict[tuple[str, str], list[StackingRule]]:
    rules: dict[tuple[str, str], list[StackingRule]] = defaultdict(list)
    for row in rows:
        reasons: list[StackingReason] = []
        if row["forbidsOtherLevel"]:
            reasons.append("FORBIDS_OTHER_LEVEL")
        if row["namesOther"]:
            reasons.append("NAMES_OTHER_PROGRAM")
        clause = _clause({**row, "uid": row["clauseUid"]})
        rules[row["program"], row["other"]].append(StackingRule(
            uid=row["uid"], kind=row["kind"], owner=row["owner"],
            forbids_stacking_with=tuple(row["forbidsStackingWith"] or ()), reasons=tuple(reasons), clause=clause))
    return rules
