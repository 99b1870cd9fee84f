"""Rules a program's money comes with, read by the rule kinds of ``rule_kinds.yaml``.

A sentence states a rule of a kind when one of the kind's triggers matches it; the named
groups of the matching triggers and of the kind's parameter patterns become the rule's
typed parameters. Nothing here knows a particular rule: new wording is a YAML change.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Any

from loaders.extract.sentences import split_sentences
from loaders.extract.values import parse_amount_wan, parse_date, parse_int, parse_number, tidy_number
from loaders.model import Clause, Rule
from loaders.vocabulary import CompiledRuleKind, Vocabulary


def find_rules(clauses: Sequence[Clause], vocabulary: Vocabulary, kinds: Collection[str] | None = None) -> list[Rule]:
    """Rules stated in `clauses`, in text order; `kinds` limits the search to those kind codes.

    A rule's `program_uids` are the programs its clause heading names (a rule under the
    heading 工业强基工程实施方案 is stated for that program); empty means all programs.
    """
    selected = [kind for kind in vocabulary.rule_kinds if kinds is None or kind.kind in kinds]
    rules: list[Rule] = []
    seen: set[str] = set()
    for clause in clauses:
        programs = _heading_programs(clause, vocabulary)
        for sentence in split_sentences(clause.text):
            found: list[tuple[int, Rule]] = []
            for kind in selected:
                triggered = _triggered(kind, sentence)
                params = read_params(kind, sentence, vocabulary, triggered)
                if params is not None:
                    position = min(match.start() for match in triggered)
                    found.append((position, Rule(kind=kind.kind, params=params, clause_path=clause.path,
                                                 program_uids=programs,
                                                 forbids_stacking_with=list(kind.forbids_stacking_with))))
            for _, rule in sorted(found, key=lambda item: item[0]):
                key = rule.model_dump_json()  # comparing models pairwise is quadratic on long documents
                if key not in seen:
                    seen.add(key)
                    rules.append(rule)
    return rules


def read_params(kind: CompiledRuleKind, sentence: str, vocabulary: Vocabulary,
                triggered: Sequence[re.Match[str]] | None = None) -> dict[str, Any] | None:
    """The parameters of a `kind` rule in `sentence`, or None when the sentence states no such rule.

    `triggered` passes trigger matches the caller already has.
    """
    if triggered is None:
        triggered = _triggered(kind, sentence)
    if not triggered:
        return None
    params: dict[str, Any] = {}
    extra = [match for pattern in kind.params if (match := pattern.search(sentence))]
    for match in (*triggered, *extra):
        for name, raw in match.groupdict().items():
            if raw is None or name in params:
                continue
            value = convert_param(name, raw, vocabulary)
            if value is not None:
                params[name] = value
    if any(name not in params for name in kind.required):
        return None
    return params


def _triggered(kind: CompiledRuleKind, sentence: str) -> list[re.Match[str]]:
    return [match for trigger in kind.triggers if (match := trigger.search(sentence))]


def convert_param(name: str, raw: str, vocabulary: Vocabulary) -> Any:
    """The value of parameter `name` as its declared type says; None when the text does not parse."""
    declared = vocabulary.param_types.get(name, "text")
    try:
        if declared == "amount":
            return parse_amount_wan(raw)
        if declared == "int":
            return parse_int(raw)
        if declared == "number":
            return tidy_number(parse_number(raw))
        if declared == "date":
            return parse_date(raw)
        if declared == "flag":
            return True
    except ValueError:
        return None
    text = raw.strip()
    return vocabulary.param_normalization.get(name, {}).get(text, text) or None


def _heading_programs(clause: Clause, vocabulary: Vocabulary) -> list[str]:
    if not clause.heading:
        return []
    uids: list[str] = []
    for hit in vocabulary.programs.find(clause.heading):
        if hit.entry.uid not in uids:
            uids.append(hit.entry.uid)
    return uids
