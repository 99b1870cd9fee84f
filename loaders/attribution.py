"""Which program a clause speaks for, and so which program each fact belongs to.

Policy documents name a program in a section heading (（一）工业强基工程实施方案)
or in a short run-in heading (1. 工业互联网创新发展工程。…) and then list what
it supports below. A clause therefore speaks for the programs named in its own
or its ancestors' headings; failing that, for the program the title defines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from loaders import extract
from loaders.extract.scan import TITLE_PATH
from loaders.identity import REGION_LABELS, region_uid
from loaders.model import Clause, Fact, FocusAreaRef, Mention, ProgramRef, Rule, VocabRef
from loaders.vocabulary import Vocabulary

# A first sentence this short, ending in 。, is a heading written into the paragraph.
_RUN_IN_HEADING = re.compile(r"^([^。；，]{2,30})。")

_FRONT_MATTER = (TITLE_PATH, "addressees")


def clause_parents(clauses: Sequence[Clause]) -> dict[str, str]:
    """Clause path → path of the enclosing clause (the longest path that prefixes it)."""
    paths = {c.path for c in clauses if c.path not in _FRONT_MATTER}
    parents: dict[str, str] = {}
    for path in paths:
        # Path parts are separated by a space, or end in 、 (二、(一) 2.): those are the only cut points.
        cuts = [i for i, ch in enumerate(path) if ch == " "] + [i + 1 for i, ch in enumerate(path[:-1]) if ch == "、"]
        for cut in sorted(cuts, reverse=True):
            if path[:cut] in paths:
                parents[path] = path[:cut]
                break
    return parents


def headings(clause: Clause) -> list[str]:
    """The texts that say what a clause is about: its heading and any run-in heading."""
    found = [clause.heading] if clause.heading else []
    run_in = _RUN_IN_HEADING.match(clause.text)
    if run_in:
        found.append(run_in.group(1))
    return found


# Stands in for each character of a program name taken out of a heading; no term contains it.
_BLANK = "\u25a1"


def without_heading_program_names(clause: Clause, vocab: Vocabulary) -> Clause:
    """The clause with the program names in its headings blanked out.

    A heading that names programs (工业互联网创新发展工程及智能制造综合标准化与新模式应用)
    says which programs the section speaks for; the words inside those names (工业互联网,
    智能制造, 标准化) are not themes, industries or instruments the section covers, or each
    program named there would cover the other's subject. Body text keeps its program names:
    there a name is said in a sentence about the program's work.
    """
    heading = _blank_program_names(clause.heading, vocab) if clause.heading else clause.heading
    if clause.text == clause.heading:  # a heading with no body of its own
        text = heading or clause.text
    else:
        run_in = _RUN_IN_HEADING.match(clause.text)
        text = clause.text if run_in is None else (
            _blank_program_names(run_in.group(1), vocab) + clause.text[run_in.end(1):])
    if heading == clause.heading and text == clause.text:
        return clause
    return clause.model_copy(update={"heading": heading, "text": text})


def _blank_program_names(text: str, vocab: Vocabulary) -> str:
    for hit in vocab.programs.find(text):
        start, end = hit.match.start, hit.match.end
        text = text[:start] + _BLANK * (end - start) + text[end:]
    return text


def _programs_in(texts: Sequence[str], vocab: Vocabulary) -> list[str]:
    uids: list[str] = []
    for text in texts:
        for hit in vocab.programs.find(text):
            if hit.entry.uid not in uids:
                uids.append(hit.entry.uid)
    return uids


def _ancestors(uid: str, vocab: Vocabulary) -> set[str]:
    seen: set[str] = set()
    stack = list(vocab.programs.get(uid).part_of)
    while stack:
        parent = stack.pop()
        if parent not in seen:
            seen.add(parent)
            stack.extend(vocab.programs.get(parent).part_of)
    return seen


def defined_programs(found: Sequence[ProgramRef], clauses: Sequence[Clause], vocab: Vocabulary) -> list[ProgramRef]:
    """Mark the programs the document defines: the most specific one named in its title, and
    those named in section headings. Others are only mentioned."""
    title = next((c for c in clauses if c.path == TITLE_PATH), None)
    in_title = _programs_in([title.text], vocab) if title else []
    # 《中国制造2025》…工业强基工程: the strategy is context, the specific program is defined.
    broader = set().union(*(_ancestors(uid, vocab) for uid in in_title)) if in_title else set()
    defining_clause = {uid: TITLE_PATH for uid in in_title if uid not in broader}
    for clause in clauses:
        if clause.path in _FRONT_MATTER or clause.heading is None:
            continue
        for uid in _programs_in([clause.heading], vocab):
            defining_clause.setdefault(uid, clause.path)
    refs = [ref.model_copy(update={"defined": ref.uid in defining_clause,
                                   "clause_path": defining_clause.get(ref.uid, ref.clause_path)})
            for ref in found]
    known = {ref.uid for ref in refs}
    refs.extend(ProgramRef(uid=uid, name=vocab.programs.get(uid).name, clause_path=path, defined=True)
                for uid, path in defining_clause.items() if uid not in known)
    return refs


def _clause_programs(clause: Clause, by_path: Mapping[str, Clause], parents: Mapping[str, str],
                     vocab: Vocabulary, main: Sequence[str]) -> list[str]:
    path: str | None = clause.path
    while path is not None:
        named = _programs_in(headings(by_path[path]), vocab)
        if named:
            return named
        path = parents.get(path)
    return list(main)


@dataclass
class ClauseFindings:
    """Each clause's vocabulary mentions, found once and shared by facts and document summaries."""

    focus_areas: dict[str, list[FocusAreaRef]] = field(default_factory=dict)
    refs: dict[str, dict[str, list[VocabRef]]] = field(default_factory=dict)

    @staticmethod
    def scan(clauses: Sequence[Clause], vocab: Vocabulary) -> ClauseFindings:
        findings = ClauseFindings()
        for clause in clauses:
            content = without_heading_program_names(clause, vocab)
            findings.focus_areas[clause.path] = extract.find_focus_areas([content], vocab)
            findings.refs[clause.path] = {
                "Theme": extract.find_themes([content], vocab),
                "Industry": extract.find_industries([content], vocab),
                "Instrument": extract.find_instruments([content], vocab),
                "Program": [VocabRef(uid=p.uid, name=p.name, clause_path=p.clause_path)
                            for p in extract.find_programs([clause], vocab)],
            }
        return findings

    def first_focus_areas(self) -> list[FocusAreaRef]:
        return _first_mentions(self.focus_areas.values())

    def first_refs(self, label: str) -> list[VocabRef]:
        return _first_mentions(refs[label] for refs in self.refs.values())


R = TypeVar("R", FocusAreaRef, VocabRef)


def _first_mentions(per_clause: Iterable[list[R]]) -> list[R]:
    seen: dict[str, R] = {}
    for refs in per_clause:
        for ref in refs:
            seen.setdefault(ref.uid, ref)
    return list(seen.values())


def attribute_facts(
    clauses: Sequence[Clause],
    parents: Mapping[str, str],
    programs: Sequence[ProgramRef],
    rules: Sequence[Rule],
    vocab: Vocabulary,
    findings: ClauseFindings,
) -> tuple[list[Mention], list[Fact]]:
    """Mentions of every vocabulary entry per clause, and the program facts they support.

    Also fills each rule's `program_uids` when its clause names none: a rule applies to
    every program its policy defines.
    """
    defined = [p.uid for p in programs if p.defined]
    main = [p.uid for p in programs if p.defined and p.clause_path == TITLE_PATH] or defined
    by_path = {c.path: c for c in clauses}
    mentions: list[Mention] = []
    facts: list[Fact] = []
    seen_facts: set[tuple[str, str, str, str]] = set()

    def add_fact(source_label: str, source: str, rel: str, target_label: str, target: str, path: str) -> None:
        key = (source, rel, target, path)
        if key not in seen_facts:
            seen_facts.add(key)
            facts.append(Fact(source_label=source_label, source=source, rel_type=rel,
                              target_label=target_label, target=target, clause_path=path))

    for clause in clauses:
        found = {label: [r.uid for r in refs] for label, refs in findings.refs[clause.path].items()}
        found["FocusArea"] = [r.uid for r in findings.focus_areas[clause.path]]
        for label, uids in found.items():
            mentions.extend(Mention(clause_path=clause.path, label=label, uid=uid) for uid in uids)
        for region in extract.find_regions([clause], vocab):
            if region.name in clause.text:  # not the city or province a park implies
                mentions.append(Mention(clause_path=clause.path, label=REGION_LABELS[region.kind],
                                        uid=region_uid(region.kind, region.name)))
        if clause.path in _FRONT_MATTER and clause.path != TITLE_PATH:
            continue
        speaking_for = main if clause.path == TITLE_PATH else _clause_programs(clause, by_path, parents, vocab, main)
        relations = (("FocusArea", "SUPPORTS"), ("Theme", "COVERS"), ("Instrument", "USES"),
                     ("Industry", "PRIORITIZES"))
        for program in speaking_for:
            for label, rel in relations:
                for uid in found[label]:
                    add_fact("Program", program, rel, label, uid, clause.path)

    for ref in programs:
        if ref.defined and ref.clause_path:
            add_fact("Policy", "", "DEFINES", "Program", ref.uid, ref.clause_path)

    for rule in rules:
        if not rule.program_uids:
            stating = by_path.get(rule.clause_path)
            named = _clause_programs(stating, by_path, parents, vocab, []) if stating else []
            rule.program_uids = named or defined
    return mentions, facts
