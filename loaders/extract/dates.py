"""Dates in policy documents: when a document was issued, when it is in force, what is due when."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from loaders.extract.rules import find_rules
from loaders.extract.values import DATE_PATTERN, date_from_match, parse_date
from loaders.model import Clause, Deadline
from loaders.vocabulary import Vocabulary

__all__ = ["DateMention", "Validity", "find_dates", "find_deadlines", "find_issued_date", "find_validity", "parse_date"]

# Words that may follow the date of a signature line: 2020年6月8日印发.
_SIGNATURE_VERBS = ("印发", "发布", "制发", "签发", "发")


@dataclass(frozen=True)
class DateMention:
    iso: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Validity:
    effective_from: str | None = None
    effective_to: str | None = None
    clause_path: str | None = None


def find_dates(text: str) -> list[DateMention]:
    """Every valid calendar date written in `text`, in order."""
    found = []
    for match in DATE_PATTERN.finditer(text):
        iso = date_from_match(match)
        if iso is not None:
            found.append(DateMention(iso=iso, start=match.start(), end=match.end(), text=match.group()))
    return found


def find_issued_date(signature_date_text: str | None, clauses: Sequence[Clause] = ()) -> str | None:
    """The issue date: the signature block's date, else the first clause that is only a date
    (a signature the structure parser left in the body, such as 2020年6月8日 or 2020年6月8日印发)."""
    if signature_date_text:
        issued = parse_date(signature_date_text)
        if issued:
            return issued
    for clause in clauses:
        text = clause.text.strip()
        for verb in _SIGNATURE_VERBS:
            text = text.removesuffix(verb).strip()
        mentions = find_dates(text)
        if len(mentions) == 1 and mentions[0].text == text:
            return mentions[0].iso
    return None


def find_validity(clauses: Sequence[Clause], vocabulary: Vocabulary, issued_on: str | None = None) -> Validity:
    """When the document takes effect and until when (VALIDITY rules of rule_kinds.yaml).

    自印发之日起施行 takes effect on `issued_on`; 有效期N年 runs N years from the start.
    """
    for rule in find_rules(clauses, vocabulary, kinds={"VALIDITY"}):
        start = rule.params.get("effectiveFrom") or (issued_on if rule.params.get("fromIssueDate") else None)
        end = rule.params.get("effectiveTo")
        years = rule.params.get("years")
        if end is None and start is not None and isinstance(years, int):
            end = _years_later(start, years)
        if start or end:
            return Validity(effective_from=start, effective_to=end, clause_path=rule.clause_path)
    return Validity()


def find_deadlines(clauses: Sequence[Clause], vocabulary: Vocabulary) -> list[Deadline]:
    """What must be submitted by when (DEADLINE rules of rule_kinds.yaml)."""
    deadlines: list[Deadline] = []
    for rule in find_rules(clauses, vocabulary, kinds={"DEADLINE"}):
        deadline = Deadline(date=rule.params["date"], what=rule.params.get("what"), clause_path=rule.clause_path)
        if deadline not in deadlines:
            deadlines.append(deadline)
    return deadlines


def _years_later(iso: str, years: int) -> str:
    """The last day of a period of `years` years starting on `iso`."""
    start = date.fromisoformat(iso)
    year = start.year + years
    day = min(start.day, calendar.monthrange(year, start.month)[1])
    return (date(year, start.month, day) - timedelta(days=1)).isoformat()
