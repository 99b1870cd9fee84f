"""`policygraph overlaps`: which programs of another funding level fund the same kind of work."""

from __future__ import annotations

import enum
import sys
from typing import Annotated, Any

import orjson
import typer

from cli.common import DataDir, configure_logging, console, store_settings, with_store
from graph.overlap_score import Term
from graph.queries.overlaps import (
    ClauseEvidence,
    ProgramOverlap,
    ProgramSummary,
    SharedItem,
    StackingRule,
    UnknownProgram,
)
from graph.queries.overlaps import program_overlaps as find_overlaps

# Characters of clause text shown on each side of the item's name in text output.
_CONTEXT = 24
# Clauses shown per side of a shared item in text output; JSON has them all.
_CLAUSES_SHOWN = 3


class LevelOption(enum.StrEnum):
    CENTRAL = "CENTRAL"
    PROVINCIAL = "PROVINCIAL"
    CITY = "CITY"


class OutputFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"


def overlaps(
    program: Annotated[str | None, typer.Option(help="Program uid, e.g. prog-linyi-intelligent-tech-upgrade-fund "
                                                     "(default: every city program)")] = None,
    level: Annotated[LevelOption | None, typer.Option(
        help="Compare with programs of this level (default: every level other than the program's own)")] = None,
    min_score: Annotated[float, typer.Option(min=0.0, max=1.0, help="Leave out pairs scoring below this")] = 0.0,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="text or json")] = OutputFormat.TEXT,
    data_dir: DataDir = None,
) -> None:
    """Programs at another funding level that cover the same ground, with the clauses on both sides and the
    rules against stacking them."""
    configure_logging()
    try:
        found = with_store(store_settings(data_dir), lambda store: find_overlaps(
            store, program=program, level=level.value if level else None, min_score=min_score))
    except UnknownProgram as exc:
        console.print(f"[red]error[/red] no program {exc.args[0]!r}")
        raise typer.Exit(2) from exc
    if output_format is OutputFormat.JSON:
        sys.stdout.buffer.write(orjson.dumps([overlap_json(o) for o in found], option=orjson.OPT_INDENT_2) + b"\n")
    else:
        typer.echo(render_text(found))


def render_text(found: list[ProgramOverlap]) -> str:
    if not found:
        return "no overlapping programs found"
    return "\n\n".join(_overlap_text(overlap) for overlap in found)


def _overlap_text(overlap: ProgramOverlap) -> str:
    a, b = overlap.program, overlap.other
    lines = [f"{a.name} ({a.level}) ~ {b.name} ({b.level})  score {overlap.score:.2f}"]
    for shared in overlap.shared:
        lines.extend(_shared_text(shared, a.name, b.name))
    if overlap.stacking_rules:
        lines.append("  stacking rules:")
        lines.extend(_rule_text(rule, a.uid, a.name, b.name) for rule in overlap.stacking_rules)
    else:
        lines.append("  stacking rules: none found")
    return "\n".join(lines)


def _shared_text(shared: SharedItem, program: str, other: str) -> list[str]:
    m = shared.match
    kind = m.kind.lower().replace("_", " ")
    if m.match == "EXACT":
        head = f"  = {m.item.term.name} [{kind}]"
    else:
        via = f", via {m.via.name}" if m.via else ""
        head = f"  ~ {m.item.term.name} / {m.other_item.term.name} [{kind}{via}]"
    return [head, *_clause_lines(program, shared.program_clauses, m.item.term.name),
            *_clause_lines(other, shared.other_clauses, m.other_item.term.name)]


def _clause_lines(program: str, clauses: tuple[ClauseEvidence, ...], name: str) -> list[str]:
    lines = [f"      {program}: {_clause_text(c, name)}" for c in clauses[:_CLAUSES_SHOWN]]
    if len(clauses) > _CLAUSES_SHOWN:
        lines.append(f"      {program}: … and {len(clauses) - _CLAUSES_SHOWN} more clauses")
    return lines


def _rule_text(rule: StackingRule, program_uid: str, program: str, other: str) -> str:
    owner = program if rule.owner == program_uid else other
    reasons = ", ".join(reason.lower().replace("_", " ") for reason in rule.reasons)
    return f"    {rule.kind} of {owner} ({reasons}): {_clause_text(rule.clause, '')}"


def _clause_text(clause: ClauseEvidence, name: str) -> str:
    where = " ".join(part for part in (clause.doc_number or clause.policy_title, clause.path) if part)
    return f"{where}  {_snippet(clause.text, name)}"


def _snippet(text: str, name: str) -> str:
    """The text around the item's name (the whole text when short), on one line."""
    flat = " ".join(text.split())
    at = flat.find(name) if name else -1
    if at < 0:
        return flat if len(flat) <= 2 * _CONTEXT else flat[: 2 * _CONTEXT] + "…"
    start, end = max(0, at - _CONTEXT), min(len(flat), at + len(name) + _CONTEXT)
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")


def overlap_json(overlap: ProgramOverlap) -> dict[str, Any]:
    """The overlap in the shape of the GraphQL answer (camelCase keys, ids left out)."""
    return {
        "program": _program_json(overlap.program),
        "other": _program_json(overlap.other),
        "score": overlap.score,
        "shared": [{
            "kind": s.match.kind, "match": s.match.match,
            "item": _term_json(s.match.item.term), "otherItem": _term_json(s.match.other_item.term),
            "via": _term_json(s.match.via) if s.match.via else None,
            "programClauses": [_clause_json(c) for c in s.program_clauses],
            "otherClauses": [_clause_json(c) for c in s.other_clauses],
        } for s in overlap.shared],
        "stackingRules": [{
            "uid": r.uid, "kind": r.kind, "owner": r.owner, "forbidsStackingWith": list(r.forbids_stacking_with),
            "reasons": list(r.reasons), "clause": _clause_json(r.clause),
        } for r in overlap.stacking_rules],
    }


def _program_json(p: ProgramSummary) -> dict[str, Any]:
    return {"uid": p.uid, "name": p.name, "nameEn": p.name_en, "level": p.level}


def _term_json(t: Term) -> dict[str, Any]:
    return {"uid": t.uid, "name": t.name, "nameEn": t.name_en}


def _clause_json(c: ClauseEvidence) -> dict[str, Any]:
    return {"uid": c.uid, "path": c.path, "text": c.text,
            "policy": {"uid": c.policy_uid, "docNumber": c.doc_number, "title": c.policy_title}}
