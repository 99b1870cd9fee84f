"""Quantified goals a policy sets, read by the metrics of ``targets.yaml``."""

from __future__ import annotations

from collections.abc import Sequence

from loaders.extract.scan import clause_texts
from loaders.extract.sentences import split_sentences
from loaders.extract.values import parse_number, tidy_number
from loaders.model import Clause, Target
from loaders.vocabulary import Vocabulary


def find_targets(clauses: Sequence[Clause], vocabulary: Vocabulary, *, title: str | None = None) -> list[Target]:
    """Targets stated in `clauses`, in text order.

    A target's year is the one its clause names (到2020年); otherwise the end of the period
    the document covers (工业强基工程实施指南（2016-2020年）), taken from `title` or, failing
    that, from the first period the clauses name.
    """
    default_year = _period_end(title, vocabulary) if title else None
    if default_year is None:
        default_year = next((year for clause in clauses if (year := _period_end(clause.text, vocabulary))), None)
    targets: list[Target] = []
    for clause in clauses:
        year = next((year for text in clause_texts(clause) if (year := _year(text, vocabulary))), default_year)
        for sentence in split_sentences(clause.text):
            for target in _sentence_targets(sentence, year, clause.path, vocabulary):
                if not any(_same(target, known) for known in targets):
                    targets.append(target)
    return targets


def _sentence_targets(sentence: str, year: int | None, path: str, vocabulary: Vocabulary) -> list[Target]:
    claimed: list[tuple[int, int]] = []
    found: list[tuple[int, Target]] = []
    for metric in vocabulary.metrics:
        for pattern in metric.patterns:
            for match in pattern.finditer(sentence):
                start, end = match.span("value")
                if any(start < taken_end and end > taken_start for taken_start, taken_end in claimed):
                    continue
                try:
                    value = parse_number(match.group("value"))
                except ValueError:
                    continue
                claimed.append((start, end))
                approximate = any(match.group(name) for name in pattern.groupindex if name.startswith("approx"))
                found.append((start, Target(metric=metric.metric, value=tidy_number(value), unit=metric.unit,
                                            year=year, approximate=approximate, clause_path=path)))
    return [target for _, target in sorted(found, key=lambda item: item[0])]


def _same(new: Target, known: Target) -> bool:
    return (new.metric, new.value, new.year) == (known.metric, known.value, known.year)


def _year(text: str, vocabulary: Vocabulary) -> int | None:
    for pattern in vocabulary.year_patterns:
        match = pattern.search(text)
        if match:
            return int(match.group("year"))
    return None


def _period_end(text: str, vocabulary: Vocabulary) -> int | None:
    for pattern in vocabulary.period_patterns:
        match = pattern.search(text)
        if match:
            return int(match.group("end"))
    return None
